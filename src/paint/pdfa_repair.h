#pragma once
// What libharu 2.3 writes wrongly for PDF/A-1b, repaired with qpdf's library after it has
// written: fonts without /CapHeight or /CIDSet, a ToUnicode that is really an encoding CMap and a
// CIDSystemInfo ordering of "Identity-H"; the metadata stream's `/SubType` key; outline items
// typed as the outline root, with indirect destinations; link annotations not set to print; and
// a time-based /ID. What is ours is written afresh: the document information as PDF text
// strings, and an XMP packet, escaped, that says the same.
#include <string>

#include "typeset/pages.h"

namespace handout {

// Returns the repaired PDF's bytes. `pdf` is what libharu wrote for `info`; `shown` names the
// file in messages. The /ID comes from the content, so the same input gives the same bytes.
std::string repair_pdfa(const std::string& pdf, const DocumentInfo& info, const std::string& shown);

}  // namespace handout
