#pragma once
// Blocks for one audience, in one source: a block quote whose first line is `[!CLINICIAN]` or
// `[!PATIENT]` (GitHub's alert syntax, so other Markdown viewers show a quote that says whom it
// is for) holds blocks for that audience only; `[!KEY-POINTS]` marks the article's key points,
// a box for clinicians.
#include <vector>

#include "content/document.h"

namespace handout {

// Strips the marks: a quote marked for an audience becomes its blocks, each for that audience;
// a key-points quote stays a callout, marked as such. Warns of a mark that marks nothing or
// stands outside a block quote.
void apply_audience_marks(std::vector<Block>& blocks, Warnings& warnings);

// "clinicians", "patients", "everyone": for messages.
const char* audience_name(Audience audience);

}  // namespace handout
