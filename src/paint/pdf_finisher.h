#pragma once
// What Cairo cannot write into a PDF, added with qpdf's library: the document language, figure
// alternative text, the "marked" flag of tagged PDF, what PDF/UA-1 asks of the catalog and of
// annotations (XMP metadata with the pdfuaid claim, /DisplayDocTitle, link descriptions, /Tabs);
// for e-mail, object streams, linearization and AES-256 encryption; for archive-accessible, what
// PDF/A-2a adds (pdfa2_conformance) and its claim.
#include <optional>
#include <string>
#include <vector>

#include "paint/artifact_tags.h"
#include "paint/link_elements.h"

namespace handout {

struct FinishOptions {
  std::string language;                  // /Lang of the catalog
  std::vector<std::string> figure_alts;  // /Alt of each Figure element, in structure order
  std::vector<std::string> header_scopes;  // /Scope (Column, Row) of each TH element, in structure order
  bool compact = false;                  // object streams, maximum compression, linearized
  std::optional<std::string> password;   // AES-256 (R6) with this user password
  // PDF/A-2a: the bytes of the output intent's RGB ICC profile. Empty: no PDF/A claim.
  std::string pdfa_output_intent;
  // Tests only: a fixed /ID, initialisation vectors and owner password, so encrypted output can
  // be compared byte for byte (with use_fixed_randomness_for_tests). Real encryption must never.
  bool fixed_randomness_for_tests = false;
  // The URI of each page's links (expected_link_uris): the links qpdf reads must be exactly
  // these URI actions, or the PDF is not written.
  std::optional<std::vector<std::vector<std::string>>> link_uris;
  // The elements at the top of Cairo's structure tree (paint_cairo_pdf): artifacts become
  // /Artifact marked content and continuations join the elements they continue. Empty: the
  // tree is left as it is.
  std::vector<TopLevelTag> top_level_tags;
  // Every link piece painted (link_pieces): each annotation's /Contents, and the pieces of a
  // link joined in one Link element.
  std::vector<LinkPiece> link_pieces;
  std::string shown_name;  // the file the user knows (not the temporary one), for messages
};

// Tests only: replaces qpdf's source of random bytes, for the whole process, with a fixed one.
// Called once before any thread starts, since qpdf's provider is global.
void use_fixed_randomness_for_tests();

// Reads `pdf` (the bytes of a PDF Cairo wrote) and returns the finished PDF's bytes; `output`
// names the file they are for, in messages. A warning of qpdf's (a damaged structure it had to
// repair) is an error naming `shown_name`: Cairo's output should never need repair.
std::string finish_pdf(const std::string& pdf, const std::string& output, const FinishOptions& options);

}  // namespace handout
