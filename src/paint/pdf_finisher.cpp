#include "paint/pdf_finisher.h"

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <qpdf/RandomDataProvider.hh>

#include <cstring>
#include <fstream>

#include "paint/artifact_marking.h"
#include "paint/link_annotations.h"
#include "paint/link_elements.h"
#include "paint/pdf_metadata.h"
#include "paint/pdfa2_conformance.h"
#include "paint/xmp_metadata.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

// Walks the structure tree in document order and gives each Figure element its text.
void set_figure_alts(QPDFObjectHandle element, const std::vector<std::string>& alts, std::size_t& next) {
  if (next >= alts.size()) return;  // every figure has its text: the rest of the tree need not be read
  if (element.isArray()) {
    for (int i = 0; i < element.getArrayNItems(); ++i) set_figure_alts(element.getArrayItem(i), alts, next);
    return;
  }
  if (!element.isDictionary()) return;
  QPDFObjectHandle type = element.getKey("/S");
  if (type.isName() && type.getName() == "/Figure" && next < alts.size())
    element.replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(alts[next++]));
  if (element.hasKey("/K")) set_figure_alts(element.getKey("/K"), alts, next);
}

// Walks the structure tree in document order and gives each table header cell its scope, which
// Cairo 1.16 cannot write (its tags have no attributes).
void set_header_scopes(QPDFObjectHandle element, const std::vector<std::string>& scopes, std::size_t& next) {
  if (next >= scopes.size()) return;
  if (element.isArray()) {
    for (int i = 0; i < element.getArrayNItems(); ++i) set_header_scopes(element.getArrayItem(i), scopes, next);
    return;
  }
  if (!element.isDictionary()) return;
  QPDFObjectHandle type = element.getKey("/S");
  if (type.isName() && type.getName() == "/TH" && next < scopes.size()) {
    QPDFObjectHandle attributes = QPDFObjectHandle::newDictionary();
    attributes.replaceKey("/O", QPDFObjectHandle::newName("/Table"));
    attributes.replaceKey("/Scope", QPDFObjectHandle::newName("/" + scopes[next++]));
    element.replaceKey("/A", attributes);
  }
  if (element.hasKey("/K")) set_header_scopes(element.getKey("/K"), scopes, next);
}

// PDF/UA asks every annotation for a description and every page holding annotations to order them
// by the structure. Cairo 1.16 writes neither. A link's description is its words
// (finish_link_elements); an annotation still without one (none of ours) gets its target.
void describe_annotations(QPDF& pdf) {
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    QPDFObjectHandle annotations = page.getKey("/Annots");
    if (!annotations.isArray() || annotations.getArrayNItems() == 0) continue;
    page.replaceKey("/Tabs", QPDFObjectHandle::newName("/S"));
    for (QPDFObjectHandle annotation : annotations.aitems()) {
      if (!annotation.isDictionary() || annotation.hasKey("/Contents")) continue;
      QPDFObjectHandle uri = annotation.getKey("/A").getKey("/URI");
      if (uri.isString()) annotation.replaceKey("/Contents", QPDFObjectHandle::newUnicodeString(uri.getUTF8Value()));
    }
  }
}

// The XMP packet PDF/UA-1 requires: the document information again, the language and the claim;
// with `pdfa`, the PDF/A-2 level A claim too (the structure tree and Unicode text make it "a").
void add_pdfua_metadata(QPDF& pdf, const std::string& language, bool pdfa) {
  XmpFields xmp = xmp_fields_from_info(pdf);
  xmp.language = language;
  xmp.pdfua = true;
  if (pdfa) {
    xmp.pdfa_part = 2;
    xmp.pdfa_conformance = std::string("A");  // not from a literal: GCC 12 warns wrongly of an overlap
  }
  set_xmp_metadata(pdf, xmp_packet(xmp));
  // A viewer shows the title, not the file name, in its window.
  pdf.getRoot().replaceKey("/ViewerPreferences", QPDFObjectHandle::parse("<< /DisplayDocTitle true >>"));
}

class FixedRandomness : public RandomDataProvider {
 public:
  void provideRandomData(unsigned char* data, size_t length) override {
    for (size_t i = 0; i < length; ++i) data[i] = static_cast<unsigned char>(i * 37 + 11);
  }
};

// Fresh random bytes, hex encoded: the owner password, which nobody needs to know.
std::string random_owner_password() {
  unsigned char bytes[24];
  QUtil::initializeWithRandomBytes(bytes, sizeof bytes);
  return QUtil::hex_encode(std::string(reinterpret_cast<char*>(bytes), sizeof bytes));
}

}  // namespace

void use_fixed_randomness_for_tests() {
  static FixedRandomness fixed;
  QUtil::setRandomDataProvider(&fixed);
}

std::string finish_pdf(const std::string& pdf_bytes, const std::string& output, const FinishOptions& options) {
  const std::string shown = options.shown_name.empty() ? output : options.shown_name;
  try {
    QPDF pdf;
    // qpdf's warnings become this output's error rather than lines of its own on stderr.
    pdf.setSuppressWarnings(true);
    // From memory: qpdf reads a file through many small seeks and reads.
    pdf.processMemoryFile(shown.c_str(), pdf_bytes.data(), pdf_bytes.size());
    if (options.link_uris) verify_link_annotations(pdf, *options.link_uris, shown);
    QPDFObjectHandle root = pdf.getRoot();
    if (!options.language.empty()) root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(options.language));
    if (root.hasKey("/StructTreeRoot")) {
      // Cairo 1.16 writes the structure tree but not the flag that says the PDF is tagged.
      root.replaceKey("/MarkInfo", QPDFObjectHandle::parse("<< /Marked true >>"));
      mark_artifacts(pdf, options.top_level_tags, shown);
      std::size_t next = 0;
      set_figure_alts(root.getKey("/StructTreeRoot").getKey("/K"), options.figure_alts, next);
      next = 0;
      set_header_scopes(root.getKey("/StructTreeRoot").getKey("/K"), options.header_scopes, next);
      finish_link_elements(pdf, options.link_pieces, shown);
    }
    describe_annotations(pdf);
    tidy_cairo_info(pdf);
    const bool pdfa = !options.pdfa_output_intent.empty();
    if (pdfa) {
      if (options.compact || options.password)
        throw HandoutError({shown}, "a PDF/A file is neither compacted nor encrypted");
      make_pdfa2(pdf, options.pdfa_output_intent);
    }
    add_pdfua_metadata(pdf, options.language, pdfa);
    // To memory: the caller writes the bytes itself, checking every write (qpdf's own file
    // output can lose a failed buffered write).
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setCompressStreams(true);
    if (pdfa) {
      // PDF/A wants an end of line before every "endstream" (ISO 19005-2 6.1.7.1). Object streams
      // would be allowed, but a plain cross-reference table is what every archive reader knows.
      writer.setNewlineBeforeEndstream(true);
      writer.setObjectStreamMode(qpdf_o_disable);
    }
    if (options.compact) {
      Pl_Flate::setCompressionLevel(9);
      writer.setRecompressFlate(true);
      writer.setObjectStreamMode(qpdf_o_generate);
      writer.setLinearization(true);
    }
    if (options.password) {
      std::string owner = options.fixed_randomness_for_tests ? "owner-for-tests" : random_owner_password();
      // The /ID feeds the encryption key, so a fixed one must be chosen before encrypting.
      if (options.fixed_randomness_for_tests) {
        writer.setStaticID(true);
        writer.setStaticAesIV(true);
      }
      writer.setR6EncryptionParameters(options.password->c_str(), owner.c_str(), true, true, true, true, true, true,
                                       qpdf_r3p_full, true);
    } else {
      writer.setDeterministicID(true);  // the same content gives the same /ID, so builds repeat
    }
    writer.write();
    if (pdf.anyWarnings()) {
      std::string first = pdf.getWarnings().front().what();
      throw HandoutError({shown}, "qpdf had to repair the PDF Cairo wrote: " + first);
    }
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const HandoutError&) {
    throw;
  } catch (const std::exception& error) {
    throw HandoutError({shown}, std::string("qpdf could not finish the PDF: ") + error.what());
  }
}

}  // namespace handout
