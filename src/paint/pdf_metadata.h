#pragma once
// The document information dictionary and the XMP packet of a PDF read by qpdf: the packet is
// made from the dictionary, so the two always agree.
#include <string>

#include "paint/xmp_metadata.h"
#include "typeset/pages.h"

class QPDF;

namespace handout {

// The fields of the trailer's /Info (decoded from PDFDocEncoding or UTF-16BE), as XMP fields;
// the claims (PDF/A, PDF/UA, language) are left for the caller.
XmpFields xmp_fields_from_info(QPDF& pdf);

// Writes `info`'s text fields into /Info as PDF text strings (PDFDocEncoding where it can hold
// them, UTF-16BE otherwise), keeping the dates and producer the writer set; empty fields are removed.
void set_info_strings(QPDF& pdf, const DocumentInfo& info);

// Cairo 1.16's document information, made what ISO 32000-1 and the XMP packet need: its dates
// get the "D:" prefix it leaves out (7.9.4), and its empty text entries (no keywords, say) are
// removed, since the packet leaves empty fields out and a PDF/A reader compares the two.
void tidy_cairo_info(QPDF& pdf);

// Makes the catalog's /Metadata an XML metadata stream holding `packet`, unfiltered.
void set_xmp_metadata(QPDF& pdf, const std::string& packet);

}  // namespace handout
