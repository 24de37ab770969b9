#include <catch2/catch.hpp>

#include "paint/xmp_metadata.h"

using namespace handout;

TEST_CASE("XMP values are escaped as XML and lose the control characters XML cannot hold") {
  CHECK(xml_escaped("\xC3\x87" "a & <b> \"x\" 'y'") == "\xC3\x87" "a &amp; &lt;b&gt; &quot;x&quot; &apos;y&apos;");
  CHECK(xml_escaped(std::string("a\x01" "b\tc\n", 6)) == "ab\tc\n");
}

TEST_CASE("PDF dates become XMP dates with their time zone") {
  CHECK(xmp_date_from_pdf("D:20261120000000+00'00'") == "2026-11-20T00:00:00+00:00");
  CHECK(xmp_date_from_pdf("D:20261120093005-05'30'") == "2026-11-20T09:30:05-05:30");
  CHECK(xmp_date_from_pdf("D:20261120093005Z") == "2026-11-20T09:30:05Z");
  CHECK(xmp_date_from_pdf("D:20261120093005") == "2026-11-20T09:30:05Z");
  CHECK(xmp_date_from_pdf("D:2026112009") == "");
  CHECK(xmp_date_from_pdf("D:2026112009300x") == "");
}

TEST_CASE("the XMP packet holds each field once, escaped, and the claims asked for") {
  XmpFields fields;
  fields.title = "A & B";
  fields.author = "Clinic <North>";
  fields.create_date = "2026-11-20T00:00:00Z";
  fields.language = "en";
  SECTION("PDF/UA alone: no PDF/A claim and no extension schema") {
    fields.pdfua = true;
    std::string packet = xmp_packet(fields);
    CHECK(packet.find("<rdf:li xml:lang=\"x-default\">A &amp; B</rdf:li>") != std::string::npos);
    CHECK(packet.find("<dc:creator><rdf:Seq><rdf:li>Clinic &lt;North&gt;</rdf:li></rdf:Seq></dc:creator>") !=
          std::string::npos);
    CHECK(packet.find("<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>") != std::string::npos);
    CHECK(packet.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
    CHECK(packet.find("pdfaid:part") == std::string::npos);
    CHECK(packet.find("pdfaExtension:schemas") == std::string::npos);
    CHECK(packet.find("dc:description") == std::string::npos);  // an empty field is left out
    CHECK(packet.rfind("<?xpacket end=\"w\"?>") == packet.size() - 19);
  }
  SECTION("PDF/A-1b alone") {
    fields.pdfa_part = 1;
    fields.pdfa_conformance = std::string("B");  // not from a literal: GCC 12 warns wrongly of an overlap
    std::string packet = xmp_packet(fields);
    CHECK(packet.find("<pdfaid:part>1</pdfaid:part>") != std::string::npos);
    CHECK(packet.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
    CHECK(packet.find("pdfuaid") == std::string::npos);
  }
  SECTION("PDF/A with PDF/UA declares the pdfuaid schema, as PDF/A requires, before the property") {
    fields.pdfa_part = 2;
    fields.pdfua = true;
    std::string packet = xmp_packet(fields);
    std::size_t declared = packet.find("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>");
    REQUIRE(declared != std::string::npos);
    CHECK(declared < packet.find("<pdfuaid:part>1</pdfuaid:part>"));
    // In a description of its own, opening with the schemas (PDFBox reads the schemas from such
    // descriptions first).
    std::size_t opened = packet.find("<rdf:Description");
    CHECK(packet.find("<pdfaExtension:schemas>", opened) < packet.find("</rdf:Description>", opened));
    CHECK(packet.find("<dc:title>", opened) > packet.find("</rdf:Description>", opened));
  }
}
