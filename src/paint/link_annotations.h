#pragma once
// What a finished PDF's links must be: each link annotation carries exactly one action, a URI
// action with the target the typesetter asked for, and nothing in the file starts an action on
// its own (no /OpenAction, /AA or document JavaScript). Cairo 1.16 writes link targets into PDF
// strings unescaped, so a target holding ") /S /Launch" could have become another action; the
// painters escape targets, and this check makes sure of it on what qpdf reads back.
#include <string>
#include <vector>

#include "typeset/pages.h"

class QPDF;

namespace handout {

// The URI each page's links should carry, as written into the PDF (ascii_uri), page by page.
std::vector<std::vector<std::string>> expected_link_uris(const Pages& pages);

// Throws HandoutError naming `output` when the PDF's link annotations or actions differ.
void verify_link_annotations(QPDF& pdf, const std::vector<std::vector<std::string>>& expected,
                             const std::string& output);

// The same, for a whole PDF in memory (the archive profile, which libharu writes).
void verify_link_annotations_in_bytes(const std::string& bytes, const std::vector<std::vector<std::string>>& expected,
                                      const std::string& output);

}  // namespace handout
