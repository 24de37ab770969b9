#include "paint/xmp_metadata.h"

#include <fmt/format.h>

#include <cctype>

namespace handout {

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string xmp_date_from_pdf(std::string_view date) {
  if (date.starts_with("D:")) date.remove_prefix(2);
  if (date.size() < 14) return {};
  for (std::size_t i = 0; i < 14; ++i)
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return {};
  std::string out = fmt::format("{}-{}-{}T{}:{}:{}", date.substr(0, 4), date.substr(4, 2), date.substr(6, 2),
                                date.substr(8, 2), date.substr(10, 2), date.substr(12, 2));
  std::string_view zone = date.substr(14);
  if (zone.empty() || zone == "Z" || zone.starts_with("Z")) return out + "Z";
  // "+01'00'" or "+01'00" or "+0100": sign, two digits of hours, two of minutes.
  if ((zone[0] != '+' && zone[0] != '-') || zone.size() < 3) return {};
  std::string digits;
  for (char c : zone.substr(1))
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  if (digits.size() == 2) digits += "00";
  if (digits.size() != 4) return {};
  return fmt::format("{}{}{}:{}", out, zone[0], digits.substr(0, 2), digits.substr(2, 2));
}

namespace {

void simple(std::string& out, const char* property, const std::string& value) {
  if (!value.empty()) out += fmt::format("   <{0}>{1}</{0}>\n", property, xml_escaped(value));
}

// A language alternative (dc:title, dc:description) with its one default-language entry.
void alternative(std::string& out, const char* property, const std::string& value) {
  if (value.empty()) return;
  out += fmt::format("   <{0}><rdf:Alt><rdf:li xml:lang=\"x-default\">{1}</rdf:li></rdf:Alt></{0}>\n", property,
                     xml_escaped(value));
}

void list(std::string& out, const char* property, const char* kind, const std::string& value) {
  if (value.empty()) return;
  out += fmt::format("   <{0}><rdf:{1}><rdf:li>{2}</rdf:li></rdf:{1}></{0}>\n", property, kind, xml_escaped(value));
}

// PDF/A requires a schema outside its predefined list to be declared in the packet itself.
constexpr const char* pdfua_extension_schema = R"(   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
)";

}  // namespace

std::string xmp_packet(const XmpFields& fields) {
  std::string out =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  // The extension schema in a description of its own, before the properties it declares: a
  // reader such as PDFBox learns the schemas from such descriptions before it reads the others.
  if (fields.pdfua && fields.pdfa_part > 0)
    out += std::string(
               "  <rdf:Description rdf:about=\"\"\n"
               "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
               "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
               "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n") +
           pdfua_extension_schema + "  </rdf:Description>\n";
  out +=
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
  if (fields.pdfa_part > 0) out += "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
  if (fields.pdfua) out += "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
  out += ">\n";
  alternative(out, "dc:title", fields.title);
  list(out, "dc:creator", "Seq", fields.author);
  alternative(out, "dc:description", fields.subject);
  list(out, "dc:language", "Bag", fields.language);
  simple(out, "pdf:Keywords", fields.keywords);
  simple(out, "pdf:Producer", fields.producer);
  simple(out, "xmp:CreatorTool", fields.creator_tool);
  simple(out, "xmp:CreateDate", fields.create_date);
  simple(out, "xmp:ModifyDate", fields.modify_date);
  if (fields.pdfa_part > 0) {
    out += fmt::format("   <pdfaid:part>{}</pdfaid:part>\n", fields.pdfa_part);
    simple(out, "pdfaid:conformance", fields.pdfa_conformance);
  }
  if (fields.pdfua) out += "   <pdfuaid:part>1</pdfuaid:part>\n";
  out +=
      "  </rdf:Description>\n"
      " </rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end=\"w\"?>";
  return out;
}

}  // namespace handout
