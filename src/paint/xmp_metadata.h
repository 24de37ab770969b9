#pragma once
// The XMP metadata packet of a PDF: the document information (title, author, subject, keywords,
// creator tool, producer, dates) said again in XML, which PDF/A and PDF/UA require, plus the
// conformance claims (pdfaid, pdfuaid) and the language.
#include <string>
#include <string_view>

namespace handout {

struct XmpFields {
  // As in the document information dictionary, UTF-8; an empty field is left out.
  std::string title, author, subject, keywords, creator_tool, producer;
  std::string create_date, modify_date;  // XMP dates, "2026-11-20T00:00:00+00:00"
  std::string language;                  // dc:language, BCP 47; empty: left out
  int pdfa_part = 0;                     // pdfaid:part; 0: no PDF/A claim
  std::string pdfa_conformance;          // pdfaid:conformance, "B"
  bool pdfua = false;                    // pdfuaid:part 1, with the extension schema that declares it
};

// The whole packet, from `<?xpacket begin` to `<?xpacket end="w"?>`, every value escaped as XML.
std::string xmp_packet(const XmpFields& fields);

// Text as XML character data: &, <, >, " and ' escaped; control characters XML 1.0 cannot hold
// (all below U+0020 but tab, line feed and carriage return) left out.
std::string xml_escaped(std::string_view text);

// A PDF date ("D:20261120093000+01'00'", "D:20261120093000Z") as an XMP date
// ("2026-11-20T09:30:00+01:00"); empty when it is not a full PDF date.
std::string xmp_date_from_pdf(std::string_view pdf_date);

}  // namespace handout
