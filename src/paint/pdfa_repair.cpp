#include "paint/pdfa_repair.h"

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <fmt/format.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <set>

#include "paint/pdf_metadata.h"
#include "paint/pdfa2_conformance.h"
#include "paint/xmp_metadata.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

std::string stream_bytes(QPDFObjectHandle stream) {
  std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_generalized);
  return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at, std::size_t size) {
  if (at + size > bytes.size()) return 0;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < size; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The cap height of a TrueType font program, in the thousandths of text space that font
// descriptors use: the OS/2 table's sCapHeight (version 2 on) over the head table's units per em.
std::optional<int> cap_height_of(const std::string& font) {
  std::optional<std::size_t> os2, head;
  const std::uint32_t tables = big_endian(font, 4, 2);
  for (std::uint32_t i = 0; i < tables; ++i) {
    const std::size_t entry = 12 + 16 * std::size_t(i);
    const std::string tag = font.substr(entry, 4);
    if (tag == "OS/2") os2 = big_endian(font, entry + 8, 4);
    if (tag == "head") head = big_endian(font, entry + 8, 4);
  }
  if (!os2 || !head || big_endian(font, *os2, 2) < 2) return std::nullopt;
  const std::uint32_t units = big_endian(font, *head + 18, 2);
  const auto cap = static_cast<std::int16_t>(big_endian(font, *os2 + 88, 2));
  if (units == 0 || *os2 + 90 > font.size()) return std::nullopt;
  return static_cast<int>(std::lround(cap * 1000.0 / units));
}

void repair_font_descriptor(QPDFObjectHandle descriptor) {
  if (descriptor.hasKey("/CapHeight")) return;
  std::optional<int> cap;
  QPDFObjectHandle program = descriptor.getKey("/FontFile2");
  if (program.isStream()) cap = cap_height_of(stream_bytes(program));
  // A font without the OS/2 figure: its ascent is the nearest measure the descriptor has.
  if (!cap && descriptor.getKey("/Ascent").isNumber())
    cap = static_cast<int>(std::lround(descriptor.getKey("/Ascent").getNumericValue()));
  descriptor.replaceKey("/CapHeight", QPDFObjectHandle::newInteger(cap.value_or(0)));
}

// The CIDs libharu's CIDToGIDMap gives a glyph (its CIDs are Unicode code points), with CID 0.
std::set<unsigned> mapped_cids(QPDFObjectHandle cid_font) {
  std::set<unsigned> cids{0};
  QPDFObjectHandle map = cid_font.getKey("/CIDToGIDMap");
  if (!map.isStream()) return cids;
  const std::string bytes = stream_bytes(map);
  for (std::size_t cid = 0; 2 * cid + 1 < bytes.size(); ++cid)
    if (bytes[2 * cid] != 0 || bytes[2 * cid + 1] != 0) cids.insert(static_cast<unsigned>(cid));
  return cids;
}

// A CIDSet: one bit a CID, the most significant bit of the first byte for CID 0.
std::string cid_set(const std::set<unsigned>& cids) {
  std::string bits(*cids.rbegin() / 8 + 1, '\0');
  for (unsigned cid : cids) bits[cid / 8] = static_cast<char>(bits[cid / 8] | (0x80 >> (cid % 8)));
  return bits;
}

// A ToUnicode CMap mapping each CID to the code point it is (UTF-16BE, BMP only: surrogate
// code points are no characters).
std::string to_unicode_cmap(const std::set<unsigned>& cids) {
  std::vector<unsigned> mapped;
  for (unsigned cid : cids)
    if (cid != 0 && cid <= 0xFFFF && !(cid >= 0xD800 && cid <= 0xDFFF)) mapped.push_back(cid);
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (std::size_t at = 0; at < mapped.size(); at += 100) {  // at most 100 entries a section
    std::size_t count = std::min<std::size_t>(100, mapped.size() - at);
    out += fmt::format("{} beginbfchar\n", count);
    for (std::size_t i = at; i < at + count; ++i) out += fmt::format("<{0:04X}> <{0:04X}>\n", mapped[i]);
    out += "endbfchar\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

void repair_composite_font(QPDF& pdf, QPDFObjectHandle font) {
  QPDFObjectHandle descendants = font.getKey("/DescendantFonts");
  if (!descendants.isArray() || descendants.getArrayNItems() != 1) return;
  QPDFObjectHandle cid_font = descendants.getArrayItem(0);
  if (!cid_font.isDictionary()) return;
  const std::set<unsigned> cids = mapped_cids(cid_font);
  // The glyphs are identified by Identity-H's character collection, whose ordering is "Identity".
  cid_font.replaceKey("/CIDSystemInfo",
                      QPDFObjectHandle::parse("<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"));
  QPDFObjectHandle descriptor = cid_font.getKey("/FontDescriptor");
  if (descriptor.isDictionary()) {
    repair_font_descriptor(descriptor);
    descriptor.replaceKey("/CIDSet", QPDFObjectHandle::newStream(&pdf, cid_set(cids)));
  }
  font.replaceKey("/ToUnicode", QPDFObjectHandle::newStream(&pdf, to_unicode_cmap(cids)));
}

// Outline items are not outline roots, and their destinations are written in place: PDFBox reads
// an indirect destination array as no destination at all.
void repair_outline_items(QPDFObjectHandle item, int depth) {
  for (; item.isDictionary() && depth < 64; item = item.getKey("/Next")) {
    item.removeKey("/Type");
    QPDFObjectHandle destination = item.getKey("/Dest");
    if (destination.isIndirect()) item.replaceKey("/Dest", destination.shallowCopy());
    repair_outline_items(item.getKey("/First"), depth + 1);
  }
}

// Deflated with zlib at a fixed level: qpdf's own level is one setting for the whole process.
std::string deflated(const std::string& bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                static_cast<uLong>(bytes.size()), Z_BEST_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib could not compress a stream");
  out.resize(size);
  return out;
}

// libharu leaves some streams (its CMaps, CIDToGIDMaps, the ICC profile) uncompressed, as are
// the ones added here. The metadata stays readable: PDF/A keeps it unfiltered.
void compress_plain_streams(QPDF& pdf) {
  for (QPDFObjectHandle object : pdf.getAllObjects()) {
    if (!object.isStream()) continue;
    QPDFObjectHandle dictionary = object.getDict();
    if (dictionary.hasKey("/Filter") || dictionary.getKey("/Type").isNameAndEquals("/Metadata")) continue;
    object.replaceStreamData(deflated(stream_bytes(object)), QPDFObjectHandle::newName("/FlateDecode"),
                             QPDFObjectHandle::newNull());
  }
}

}  // namespace

std::string repair_pdfa(const std::string& bytes, const DocumentInfo& info, const std::string& shown) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(shown.c_str(), bytes.data(), bytes.size());
    for (QPDFObjectHandle object : pdf.getAllObjects()) {
      if (!object.isDictionary() || !object.getKey("/Type").isNameAndEquals("/Font")) continue;
      if (object.getKey("/Subtype").isNameAndEquals("/Type0")) repair_composite_font(pdf, object);
      QPDFObjectHandle descriptor = object.getKey("/FontDescriptor");
      if (descriptor.isDictionary()) repair_font_descriptor(descriptor);
    }
    QPDFObjectHandle outlines = pdf.getRoot().getKey("/Outlines");
    if (outlines.isDictionary()) repair_outline_items(outlines.getKey("/First"), 0);
    set_annotations_to_print(pdf);

    set_info_strings(pdf, info);
    XmpFields xmp = xmp_fields_from_info(pdf);
    xmp.pdfa_part = 1;
    xmp.pdfa_conformance = std::string("B");  // not from a literal: GCC 12 warns wrongly of an overlap
    set_xmp_metadata(pdf, xmp_packet(xmp));
    compress_plain_streams(pdf);

    // libharu's /ID comes from the clock; qpdf's deterministic one comes from the content.
    pdf.getTrailer().removeKey("/ID");
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    // Streams are copied as they are, never recompressed by qpdf, whose compression level is one
    // setting for the process (the e-mail profile raises it): the same input gives the same bytes
    // in any batch.
    writer.setDecodeLevel(qpdf_dl_none);
    writer.setCompressStreams(false);
    writer.setDeterministicID(true);
    writer.setNewlineBeforeEndstream(true);  // PDF/A-1 requires an end of line before "endstream"
    writer.write();
    if (pdf.anyWarnings())
      throw HandoutError({shown}, std::string("qpdf had to repair the PDF libharu wrote: ") + pdf.getWarnings().front().what());
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const HandoutError&) {
    throw;
  } catch (const std::exception& error) {
    throw HandoutError({shown}, std::string("qpdf could not repair the archive PDF: ") + error.what());
  }
}

}  // namespace handout
