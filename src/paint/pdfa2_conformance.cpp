#include "paint/pdfa2_conformance.h"

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <memory>
#include <vector>

namespace handout {

namespace {

// The one output intent of a PDF/A file (ISO 19005-2 6.2.3): what DeviceRGB, which Cairo paints
// in, means. Its identifier is the registered name of the sRGB condition, as the libharu archive
// writes it.
void add_output_intent(QPDF& pdf, const std::string& icc_profile) {
  QPDFObjectHandle profile = QPDFObjectHandle::newStream(&pdf, icc_profile);
  profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
  intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
  intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));  // the PDF/A intent, in every part
  intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/DestOutputProfile", profile);
  pdf.getRoot().replaceKey("/OutputIntents", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{pdf.makeIndirectObject(intent)}));
}

// The number of glyphs of a TrueType font program: its maxp table's numGlyphs; 0 when unreadable.
unsigned glyph_count(const std::string& font) {
  auto number = [&](std::size_t at, std::size_t size) {
    unsigned value = 0;
    for (std::size_t i = 0; i < size && at + i < font.size(); ++i) value = (value << 8) | static_cast<unsigned char>(font[at + i]);
    return at + size <= font.size() ? value : 0U;
  };
  const unsigned tables = number(4, 2);
  for (unsigned i = 0; i < tables; ++i) {
    const std::size_t entry = 12 + 16 * std::size_t(i);
    if (font.compare(entry, 4, "maxp") == 0) return number(number(entry + 8, 4) + 4, 2);
  }
  return 0;
}

// Cairo 1.16 leaves out a TrueType CIDFont's /CIDToGIDMap, whose default is Identity: its subsets
// number their glyphs by CID. PDF/A-2 wants the entry written (6.2.11.3.2). A CIDSet is optional
// in PDF/A-2 but must then be right (6.2.11.4.2); PDF/A-1 readers ask for it, so it is written:
// with the identity map, the CIDs present are those below the program's glyph count.
void complete_cid_fonts(QPDF& pdf) {
  for (QPDFObjectHandle object : pdf.getAllObjects()) {
    if (!object.isDictionary() || !object.getKey("/Subtype").isNameAndEquals("/CIDFontType2")) continue;
    if (!object.hasKey("/CIDToGIDMap")) object.replaceKey("/CIDToGIDMap", QPDFObjectHandle::newName("/Identity"));
    QPDFObjectHandle descriptor = object.getKey("/FontDescriptor");
    QPDFObjectHandle program = descriptor.getKey("/FontFile2");
    if (!object.getKey("/CIDToGIDMap").isNameAndEquals("/Identity") || !program.isStream() || descriptor.hasKey("/CIDSet"))
      continue;
    std::shared_ptr<Buffer> data = program.getStreamData(qpdf_dl_generalized);
    const unsigned glyphs = glyph_count(std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize()));
    if (glyphs == 0) continue;
    // One bit a CID, the most significant bit of the first byte for CID 0.
    std::string bits((glyphs + 7) / 8, '\0');
    for (unsigned cid = 0; cid < glyphs; ++cid) bits[cid / 8] = static_cast<char>(bits[cid / 8] | (0x80 >> (cid % 8)));
    descriptor.replaceKey("/CIDSet", QPDFObjectHandle::newStream(&pdf, bits));
  }
}

// Cairo asks for interpolation when it scales an image smoothly; PDF/A forbids the flag (6.2.8).
void no_interpolation(QPDF& pdf) {
  for (QPDFObjectHandle object : pdf.getAllObjects()) {
    if (!object.isStream()) continue;
    QPDFObjectHandle dictionary = object.getDict();
    if (dictionary.getKey("/Subtype").isNameAndEquals("/Image") && dictionary.hasKey("/Interpolate"))
      dictionary.removeKey("/Interpolate");
  }
}

}  // namespace

void set_annotations_to_print(QPDF& pdf) {
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    QPDFObjectHandle annotations = page.getKey("/Annots");
    if (!annotations.isArray()) continue;
    for (QPDFObjectHandle annotation : annotations.aitems())
      if (annotation.isDictionary()) annotation.replaceKey("/F", QPDFObjectHandle::newInteger(4));  // Print
  }
}

void make_pdfa2(QPDF& pdf, const std::string& icc_profile) {
  add_output_intent(pdf, icc_profile);
  complete_cid_fonts(pdf);
  no_interpolation(pdf);
  set_annotations_to_print(pdf);
}

}  // namespace handout
