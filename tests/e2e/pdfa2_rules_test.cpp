// End-to-end checks of what ISO 19005-2 (PDF/A-2, level A) asks of the archive-accessible
// profile, rule by rule, read with qpdf's library and a reader of the embedded TrueType programs
// (font_program.h): one check, one assertion, one message each, named by the standard's clause.
// No PDF/A-2 validator runs here (Debian packages none); these are the rules that can go wrong in
// what Cairo 1.16 and qpdf write, not all of the standard (README, "Output profiles").
#include <catch2/catch.hpp>

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "e2e/font_program.h"
#include "e2e/process.h"
#include "support/test_images.h"

using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;

// The bundled article, every-block.md, a figure whose PNG has an alpha channel (a soft mask,
// which PDF/A-2 allows) and the Chinese and Arabic fixtures (other fonts, ligatures), both
// layouts, in archive-accessible; built once per test process.
struct Builds {
  TempFolder out;
  ProcessResult result;
  std::vector<std::string> files;
  Builds() {
    write_alpha_figure_article(out.path());
    result = run_command(quote(binary) + " build --no-project content/rcc-bone-metastasis.md tests/data/every-block.md " +
                         quote(out / "alpha-figure.md") + " tests/data/language-zh.md tests/data/language-ar.md"
                         " --profile archive-accessible --out " + quote(out / "built"));
    for (const char* article : {"rcc-bone-metastasis", "every-block", "alpha-figure", "language-zh", "language-ar"})
      for (const char* layout : {"patient-handout", "clinician-summary"})
        files.push_back(out / ("built/" + std::string(article) + "." + layout + ".archive-accessible.pdf"));
  }
};

const Builds& builds() {
  static Builds built;
  return built;
}

// A dictionary's entry, or null when there is no dictionary (qpdf warns of a key looked up in a null).
QPDFObjectHandle key(QPDFObjectHandle object, const char* name) {
  return object.isDictionary() ? object.getKey(name) : QPDFObjectHandle::newNull();
}

std::string stream_bytes(QPDFObjectHandle stream) {
  std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_generalized);
  return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

// What a page's content (and the forms it draws) shows and how it nests.
struct ContentFacts {
  int deepest_q = 0;
  int forms_without_resources = 0;
  std::map<QPDFObjGen, std::set<unsigned>> codes;  // font object → the character codes shown in it
  std::map<QPDFObjGen, QPDFObjectHandle> fonts;
};

class ContentScan : public QPDFObjectHandle::ParserCallbacks {
 public:
  ContentScan(ContentFacts& facts, QPDFObjectHandle resources, int depth) : facts_(facts), resources_(resources), depth_(depth) {}
  void handleObject(QPDFObjectHandle object) override {
    if (!object.isOperator()) {
      operands_.push_back(object);
      return;
    }
    const std::string op = object.getOperatorValue();
    if (op == "q") facts_.deepest_q = std::max(facts_.deepest_q, ++nesting_);
    else if (op == "Q") --nesting_;
    else if (op == "Tf" && operands_.size() == 2 && operands_[0].isName())
      font_ = key(resources_.getKey("/Font"), operands_[0].getName().c_str());
    else if (op == "Tj" || op == "'" || op == "\"") show(operands_.empty() ? QPDFObjectHandle::newNull() : operands_.back());
    else if (op == "TJ" && !operands_.empty() && operands_.back().isArray())
      for (QPDFObjectHandle item : operands_.back().aitems()) show(item);
    else if (op == "Do" && operands_.size() == 1 && operands_[0].isName()) draw(operands_[0].getName());
    operands_.clear();
  }
  void handleEOF() override {}

 private:
  void show(QPDFObjectHandle text) {
    if (!text.isString() || !font_.isDictionary()) return;
    facts_.fonts[font_.getObjGen()] = font_;
    const std::string bytes = text.getStringValue();
    const bool composite = font_.getKey("/Subtype").isNameAndEquals("/Type0");
    std::set<unsigned>& codes = facts_.codes[font_.getObjGen()];
    for (std::size_t i = 0; i < bytes.size(); i += composite ? 2 : 1)
      codes.insert(composite ? big_endian(bytes, i, 2) : static_cast<unsigned char>(bytes[i]));
  }
  void draw(const std::string& name) {
    QPDFObjectHandle form = key(resources_.getKey("/XObject"), name.c_str());
    if (!form.isStream() || !form.getDict().getKey("/Subtype").isNameAndEquals("/Form") || depth_ > 8) return;
    QPDFObjectHandle own = form.getDict().getKey("/Resources");
    if (!own.isDictionary()) ++facts_.forms_without_resources;
    ContentScan inner(facts_, own.isDictionary() ? own : QPDFObjectHandle::newDictionary(), depth_ + 1);
    inner.nesting_ = nesting_;
    QPDFObjectHandle::parseContentStream(form, &inner);
  }

  ContentFacts& facts_;
  QPDFObjectHandle resources_;
  int depth_;
  int nesting_ = 0;
  QPDFObjectHandle font_;
  std::vector<QPDFObjectHandle> operands_;
};

struct Document {
  std::string bytes;
  std::unique_ptr<QPDF> pdf = std::make_unique<QPDF>();
  ContentFacts content;
  int pages_without_resources = 0;
  std::string xmp;
  explicit Document(const std::string& path) : bytes(read_bytes(path)) {
    pdf->processMemoryFile(path.c_str(), bytes.data(), bytes.size());
    for (QPDFObjectHandle page : pdf->getAllPages()) {
      QPDFObjectHandle resources = page.getKey("/Resources");
      if (!resources.isDictionary()) ++pages_without_resources;
      ContentScan scan(content, resources, 0);
      QPDFPageObjectHelper(page).parseContents(&scan);
    }
    QPDFObjectHandle metadata = pdf->getRoot().getKey("/Metadata");
    if (metadata.isStream()) xmp = stream_bytes(metadata);
  }
};

// Calls `each` for every object of the file; true when it holds for all.
bool every_object(const Document& document, const std::function<bool(QPDFObjectHandle)>& each) {
  for (QPDFObjectHandle object : document.pdf->getAllObjects())
    if (!each(object)) return false;
  return true;
}

// Every dictionary of the file, direct ones inside others too (an ExtGState or an action is
// often written in place); true when `each` holds for all.
bool every_dictionary(const Document& document, const std::function<bool(QPDFObjectHandle)>& each) {
  std::function<bool(QPDFObjectHandle, int)> walk = [&](QPDFObjectHandle object, int depth) {
    if (depth > 64) return true;
    QPDFObjectHandle dictionary = object.isStream() ? object.getDict() : object;
    std::vector<QPDFObjectHandle> children;
    if (dictionary.isDictionary()) {
      if (!each(dictionary)) return false;
      for (const std::string& key : dictionary.getKeys()) children.push_back(dictionary.getKey(key));
    } else if (object.isArray()) {
      children = object.getArrayAsVector();
    }
    for (QPDFObjectHandle child : children)
      if (!child.isIndirect() && !walk(child, depth + 1)) return false;
    return true;
  };
  for (QPDFObjectHandle object : document.pdf->getAllObjects())
    if (!walk(object, 0)) return false;
  return true;
}

bool every_annotation(const Document& document, const std::function<bool(QPDFObjectHandle)>& each) {
  for (QPDFObjectHandle page : document.pdf->getAllPages())
    for (QPDFObjectHandle annotation : page.getKey("/Annots").isArray() ? page.getKey("/Annots").getArrayAsVector()
                                                                         : std::vector<QPDFObjectHandle>{})
      if (!each(annotation)) return false;
  return true;
}

bool every_shown_font(const Document& document, const std::function<bool(QPDFObjectHandle, const std::set<unsigned>&)>& each) {
  for (const auto& [id, codes] : document.content.codes)
    if (!each(document.content.fonts.at(id), codes)) return false;
  return true;
}

bool is_type(QPDFObjectHandle object, const char* key, const char* name) {
  return object.isDictionary() && object.getKey(key).isNameAndEquals(name);
}

// The embedded program of a simple or composite TrueType font, or nothing.
std::optional<FontProgram> program_of(QPDFObjectHandle font) {
  QPDFObjectHandle described = font.getKey("/Subtype").isNameAndEquals("/Type0") ? font.getKey("/DescendantFonts").getArrayItem(0) : font;
  QPDFObjectHandle file = key(described.getKey("/FontDescriptor"), "/FontFile2");
  if (!file.isStream()) return std::nullopt;
  return FontProgram(stream_bytes(file));
}

// The glyph a shown code selects: for Identity-H with an identity CIDToGIDMap the code itself,
// for a non-symbolic simple TrueType font the WinAnsi character's glyph in the (3,1) cmap.
unsigned glyph_of(QPDFObjectHandle font, const FontProgram& program, unsigned code) {
  if (font.getKey("/Subtype").isNameAndEquals("/Type0")) return code;
  return program.glyph_of(win_ansi_character(code));
}

// The width a font dictionary gives a code, in thousandths of the em.
std::optional<double> dictionary_width(QPDFObjectHandle font, unsigned code) {
  if (!font.getKey("/Subtype").isNameAndEquals("/Type0")) {
    QPDFObjectHandle widths = font.getKey("/Widths");
    long long first = font.getKey("/FirstChar").isInteger() ? font.getKey("/FirstChar").getIntValue() : 0;
    long long index = static_cast<long long>(code) - first;
    if (!widths.isArray() || index < 0 || index >= widths.getArrayNItems()) return std::nullopt;
    return widths.getArrayItem(static_cast<int>(index)).getNumericValue();
  }
  QPDFObjectHandle cid_font = font.getKey("/DescendantFonts").getArrayItem(0);
  QPDFObjectHandle w = cid_font.getKey("/W");
  for (int i = 0; w.isArray() && i + 1 < w.getArrayNItems();) {
    unsigned first = static_cast<unsigned>(w.getArrayItem(i).getIntValue());
    if (w.getArrayItem(i + 1).isArray()) {
      QPDFObjectHandle list = w.getArrayItem(i + 1);
      if (code >= first && code < first + static_cast<unsigned>(list.getArrayNItems()))
        return list.getArrayItem(static_cast<int>(code - first)).getNumericValue();
      i += 2;
    } else {
      if (i + 2 >= w.getArrayNItems()) break;
      unsigned last = static_cast<unsigned>(w.getArrayItem(i + 1).getIntValue());
      if (code >= first && code <= last) return w.getArrayItem(i + 2).getNumericValue();
      i += 3;
    }
  }
  return cid_font.getKey("/DW").isNumber() ? cid_font.getKey("/DW").getNumericValue() : 1000.0;
}

bool private_use(char32_t c) {
  return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD);
}

// The characters of UTF-16 code units, surrogate pairs joined.
std::u32string characters(const std::u16string& units) {
  std::u32string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    char32_t c = units[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < units.size()) c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
    out += c;
  }
  return out;
}

bool valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return false;
    i += length;
  }
  return true;
}

// The standard structure types of ISO 32000-1, 14.8.4.
const std::set<std::string> standard_types = {
    "/Document", "/Part", "/Art", "/Sect", "/Div", "/BlockQuote", "/Caption", "/TOC", "/TOCI", "/Index",
    "/NonStruct", "/Private", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/P", "/L", "/LI", "/Lbl",
    "/LBody", "/Table", "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot", "/Span", "/Quote", "/Note",
    "/Reference", "/BibEntry", "/Code", "/Link", "/Annot", "/Ruby", "/RB", "/RT", "/RP", "/Warichu", "/WT",
    "/WP", "/Figure", "/Formula", "/Form"};

void structure_elements(QPDFObjectHandle element, std::vector<QPDFObjectHandle>& out, int depth) {
  if (depth > 100) return;
  if (element.isArray()) {
    for (QPDFObjectHandle kid : element.aitems()) structure_elements(kid, out, depth + 1);
    return;
  }
  if (!element.isDictionary() || !element.getKey("/S").isName()) return;
  out.push_back(element);
  structure_elements(element.getKey("/K"), out, depth + 1);
}

// The first element `name` of the packet, as text; "(missing)" when there is none.
std::string xmp_text(const std::string& xmp, const std::string& name) {
  std::smatch match;
  return std::regex_search(xmp, match, std::regex("<" + name + ">([^<]*)<")) ? match[1].str() : "(missing)";
}

struct Rule {
  const char* says;
  std::function<bool(const Document&)> holds;
};

const std::vector<Rule> rules = {
    {"6.1.2: the header is %PDF-1.n (n from 0 to 7), then a comment of at least four bytes above 127",
     [](const Document& d) {
       std::smatch match;
       return std::regex_search(d.bytes.cbegin(), d.bytes.cbegin() + std::min<std::size_t>(d.bytes.size(), 32), match,
                                std::regex(R"(^%PDF-1\.[0-7]\r?\n%([\x80-\xff]{4}))"));
     }},
    {"6.1.3: the trailer has an /ID of two strings",
     [](const Document& d) {
       QPDFObjectHandle id = d.pdf->getTrailer().getKey("/ID");
       return id.isArray() && id.getArrayNItems() == 2 && id.getArrayItem(0).isString() &&
              !id.getArrayItem(0).getStringValue().empty();
     }},
    {"6.1.3: the trailer has no /Encrypt", [](const Document& d) { return !d.pdf->getTrailer().hasKey("/Encrypt"); }},
    {"6.1.3: nothing but one end of line follows the last %%EOF",
     [](const Document& d) {
       std::size_t eof = d.bytes.rfind("%%EOF");
       std::string tail = d.bytes.substr(eof + 5);
       return eof != std::string::npos && (tail.empty() || tail == "\n" || tail == "\r\n" || tail == "\r");
     }},
    {"6.1.7.1: every endstream keyword follows an end of line",
     [](const Document& d) {
       for (std::size_t at = d.bytes.find("endstream"); at != std::string::npos; at = d.bytes.find("endstream", at + 9))
         if (at == 0 || (d.bytes[at - 1] != '\n' && d.bytes[at - 1] != '\r')) return false;
       return true;
     }},
    {"6.1.7.1: no stream dictionary has /F, /FFilter or /FDecodeParms",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         return !o.isStream() || (!o.getDict().hasKey("/F") && !o.getDict().hasKey("/FFilter") && !o.getDict().hasKey("/FDecodeParms"));
       });
     }},
    {"6.1.7.2: every stream filter is a standard one other than LZWDecode (and no Crypt)",
     [](const Document& d) {
       static const std::set<std::string> allowed = {"/ASCIIHexDecode", "/ASCII85Decode", "/FlateDecode", "/RunLengthDecode",
                                                     "/CCITTFaxDecode", "/JBIG2Decode", "/DCTDecode", "/JPXDecode"};
       return every_object(d, [](QPDFObjectHandle o) {
         if (!o.isStream()) return true;
         QPDFObjectHandle filter = o.getDict().getKey("/Filter");
         std::vector<QPDFObjectHandle> filters = filter.isArray() ? filter.getArrayAsVector() : std::vector<QPDFObjectHandle>{filter};
         for (QPDFObjectHandle f : filters)
           if (!f.isNull() && (!f.isName() || !allowed.count(f.getName()))) return false;
         return true;
       });
     }},
    {"6.1.13: q/Q pairs nest at most 28 deep", [](const Document& d) { return d.content.deepest_q <= 28; }},
    {"6.1.13: every page's media box is 3 to 14400 units each way",
     [](const Document& d) {
       for (QPDFObjectHandle page : d.pdf->getAllPages()) {
         QPDFObjectHandle::Rectangle box = page.getKey("/MediaBox").getArrayAsRectangle();
         double width = box.urx - box.llx, height = box.ury - box.lly;
         if (width < 3 || width > 14400 || height < 3 || height > 14400) return false;
       }
       return true;
     }},
    {"6.2.2: every page and every form it draws has its own /Resources",
     [](const Document& d) { return d.pages_without_resources == 0 && d.content.forms_without_resources == 0; }},
    {"6.2.3: the catalog has one output intent, /S /GTS_PDFA1, with a 3-component DestOutputProfile",
     [](const Document& d) {
       QPDFObjectHandle intents = d.pdf->getRoot().getKey("/OutputIntents");
       if (!intents.isArray() || intents.getArrayNItems() != 1) return false;
       QPDFObjectHandle intent = intents.getArrayItem(0);
       QPDFObjectHandle profile = intent.getKey("/DestOutputProfile");
       return intent.getKey("/S").isNameAndEquals("/GTS_PDFA1") && intent.getKey("/OutputConditionIdentifier").isString() &&
              profile.isStream() && profile.getDict().getKey("/N").isInteger() && profile.getDict().getKey("/N").getIntValue() == 3;
     }},
    {"6.2.3, 6.2.4.3: the output profile is ICC before version 5, of the monitor or output class, for RGB (DeviceRGB is used)",
     [](const Document& d) {
       QPDFObjectHandle intents = d.pdf->getRoot().getKey("/OutputIntents");
       QPDFObjectHandle profile = intents.isArray() ? key(intents.getArrayItem(0), "/DestOutputProfile") : QPDFObjectHandle::newNull();
       if (!profile.isStream()) return false;
       std::string icc = stream_bytes(profile);
       if (icc.size() <= 128) return false;
       std::string device = icc.substr(12, 4), space = icc.substr(16, 4);
       return icc.substr(36, 4) == "acsp" && static_cast<unsigned char>(icc[8]) < 5 &&
              (device == "mntr" || device == "prtr") && space == "RGB ";
     }},
    {"6.2.5: no ExtGState has /TR, /TR2 other than /Default, or /HTP",
     [](const Document& d) {
       return every_dictionary(d, [](QPDFObjectHandle o) {
         if (!is_type(o, "/Type", "/ExtGState") && !o.hasKey("/CA") && !o.hasKey("/ca")) return true;
         QPDFObjectHandle tr2 = o.getKey("/TR2");
         return !o.hasKey("/TR") && !o.hasKey("/HTP") && (tr2.isNull() || tr2.isNameAndEquals("/Default"));
       });
     }},
    {"6.2.8: no image has /Interpolate true, /Alternates or /OPI",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         if (!o.isStream() || !is_type(o.getDict(), "/Subtype", "/Image")) return true;
         QPDFObjectHandle interpolate = o.getDict().getKey("/Interpolate");
         return !(interpolate.isBool() && interpolate.getBoolValue()) && !o.getDict().hasKey("/Alternates") &&
                !o.getDict().hasKey("/OPI");
       });
     }},
    {"6.2.9: no form XObject has /OPI, /PS, /Subtype2 /PS or /Ref, and there are no PostScript XObjects",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         if (!o.isStream()) return true;
         QPDFObjectHandle dict = o.getDict();
         if (is_type(dict, "/Subtype", "/PS")) return false;
         return !is_type(dict, "/Subtype", "/Form") ||
                (!dict.hasKey("/OPI") && !dict.hasKey("/PS") && !dict.hasKey("/Ref") && !dict.getKey("/Subtype2").isNameAndEquals("/PS"));
       });
     }},
    {"6.2.10: every blend mode is one ISO 32000-1 defines",
     [](const Document& d) {
       static const std::set<std::string> modes = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken",
                                                   "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight",
                                                   "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity"};
       return every_dictionary(d, [](QPDFObjectHandle o) {
         QPDFObjectHandle mode = o.getKey("/BM");
         return mode.isNull() || (mode.isName() && modes.count(mode.getName()));
       });
     }},
    {"6.2.11: the pages show text in simple and composite fonts (which the font rules read)",
     [](const Document& d) {
       bool composite = false;
       for (auto [id, font] : d.content.fonts) composite = composite || font.getKey("/Subtype").isNameAndEquals("/Type0");
       return d.content.fonts.size() > 1 && (composite || d.bytes.find("/Type0") == std::string::npos);
     }},
    {"6.2.11.2: every font is /Type /Font with a standard /Subtype and a /BaseFont; simple fonts have FirstChar, LastChar and that many Widths",
     [](const Document& d) {
       static const std::set<std::string> subtypes = {"/Type1", "/MMType1", "/TrueType", "/Type3", "/Type0", "/CIDFontType0", "/CIDFontType2"};
       return every_object(d, [](QPDFObjectHandle o) {
         if (!is_type(o, "/Type", "/Font")) return true;
         QPDFObjectHandle subtype = o.getKey("/Subtype");
         if (!subtype.isName() || !subtypes.count(subtype.getName())) return false;
         if (!subtype.isNameAndEquals("/Type3") && !o.getKey("/BaseFont").isName()) return false;
         if (subtype.isNameAndEquals("/TrueType") || subtype.isNameAndEquals("/Type1")) {
           QPDFObjectHandle first = o.getKey("/FirstChar"), last = o.getKey("/LastChar"), widths = o.getKey("/Widths");
           return first.isInteger() && last.isInteger() && widths.isArray() &&
                  widths.getArrayNItems() == last.getIntValue() - first.getIntValue() + 1;
         }
         return true;
       });
     }},
    {"6.2.11.3.2: every TrueType CIDFont has a /CIDToGIDMap",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) { return !is_type(o, "/Subtype", "/CIDFontType2") || o.hasKey("/CIDToGIDMap"); });
     }},
    {"6.2.11.4.1: every font but Type 0 and Type 3 has its program embedded",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         if (!is_type(o, "/Type", "/Font") || is_type(o, "/Subtype", "/Type0") || is_type(o, "/Subtype", "/Type3")) return true;
         QPDFObjectHandle descriptor = o.getKey("/FontDescriptor");
         return descriptor.getKey("/FontFile").isStream() || descriptor.getKey("/FontFile2").isStream() ||
                descriptor.getKey("/FontFile3").isStream();
       });
     }},
    {"6.2.11.4.1, 6.2.11.8: every code shown selects a glyph the embedded program has, never .notdef",
     [](const Document& d) {
       return every_shown_font(d, [](QPDFObjectHandle font, const std::set<unsigned>& codes) {
         std::optional<FontProgram> program = program_of(font);
         if (!program) return false;
         for (unsigned code : codes) {
           unsigned glyph = glyph_of(font, *program, code);
           if (glyph == 0 || glyph >= program->glyphs()) return false;
         }
         return true;
       });
     }},
    {"6.2.11.4.2: a CIDSet, where there is one, lists exactly the glyphs of the embedded program",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         if (!is_type(o, "/Subtype", "/CIDFontType2")) return true;
         QPDFObjectHandle set = key(o.getKey("/FontDescriptor"), "/CIDSet");
         QPDFObjectHandle file = key(o.getKey("/FontDescriptor"), "/FontFile2");
         if (set.isNull()) return true;
         if (!set.isStream() || !file.isStream()) return false;
         std::string bits = stream_bytes(set);
         unsigned glyphs = FontProgram(stream_bytes(file)).glyphs();
         for (unsigned cid = 0; cid < bits.size() * 8; ++cid)
           if (((static_cast<unsigned char>(bits[cid / 8]) >> (7 - cid % 8)) & 1) != (cid < glyphs ? 1U : 0U)) return false;
         return true;
       });
     }},
    {"6.2.11.5: every shown glyph's width in the font dictionary is its advance in the program, within 1/1000 em",
     [](const Document& d) {
       return every_shown_font(d, [](QPDFObjectHandle font, const std::set<unsigned>& codes) {
         std::optional<FontProgram> program = program_of(font);
         if (!program) return false;
         for (unsigned code : codes) {
           std::optional<double> width = dictionary_width(font, code);
           if (!width || std::abs(*width - program->advance(glyph_of(font, *program, code))) > 1) return false;
         }
         return true;
       });
     }},
    {"6.2.11.6: non-symbolic TrueType fonts use WinAnsi or MacRoman and carry a (3,1) or (1,0) cmap; symbolic ones have no /Encoding",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         if (!is_type(o, "/Type", "/Font") || !is_type(o, "/Subtype", "/TrueType")) return true;
         QPDFObjectHandle flags = key(o.getKey("/FontDescriptor"), "/Flags");
         bool symbolic = !flags.isInteger() || (flags.getIntValue() & 4) != 0;
         if (symbolic) return !o.hasKey("/Encoding");
         QPDFObjectHandle encoding = o.getKey("/Encoding");
         std::optional<FontProgram> program = program_of(o);
         auto cmaps = program ? program->cmaps() : std::set<std::pair<unsigned, unsigned>>{};
         return (encoding.isNameAndEquals("/WinAnsiEncoding") || encoding.isNameAndEquals("/MacRomanEncoding")) &&
                (cmaps.count({3, 1}) || cmaps.count({1, 0}));
       });
     }},
    {"6.2.11.7.2: every code shown maps to Unicode through the font's ToUnicode CMap",
     [](const Document& d) {
       return every_shown_font(d, [](QPDFObjectHandle font, const std::set<unsigned>& codes) {
         QPDFObjectHandle cmap = font.getKey("/ToUnicode");
         if (!cmap.isStream()) return false;
         std::map<unsigned, std::u16string> map = to_unicode_map(stream_bytes(cmap));
         for (unsigned code : codes)
           if (map.count(code) == 0 || map[code].empty()) return false;
         return true;
       });
     }},
    {"6.2.11.7.2, 6.2.11.7.3: no ToUnicode value is U+0000, U+FEFF, U+FFFE or a private-use character (no ActualText stands for one)",
     [](const Document& d) {
       return every_object(d, [](QPDFObjectHandle o) {
         if (!is_type(o, "/Type", "/Font") || !o.getKey("/ToUnicode").isStream()) return true;
         for (const auto& [code, units] : to_unicode_map(stream_bytes(o.getKey("/ToUnicode"))))
           for (char32_t c : characters(units))
             if (c == 0 || c == 0xFEFF || c == 0xFFFE || private_use(c)) return false;
         return true;
       });
     }},
    {"6.3.1: every annotation is a Link (no type PDF/A forbids)",
     [](const Document& d) { return every_annotation(d, [](QPDFObjectHandle a) { return is_type(a, "/Subtype", "/Link"); }); }},
    {"6.3.2: every annotation has /F with Print set and Invisible, Hidden, NoView and ToggleNoView clear",
     [](const Document& d) {
       return every_annotation(d, [](QPDFObjectHandle a) {
         QPDFObjectHandle flags = a.getKey("/F");
         return flags.isInteger() && (flags.getIntValue() & (1 | 2 | 4 | 32 | 256)) == 4;
       });
     }},
    {"6.3.3: an annotation's appearance dictionary, where there is one, holds only /N",
     [](const Document& d) {
       return every_annotation(d, [](QPDFObjectHandle a) {
         QPDFObjectHandle appearance = a.getKey("/AP");
         return appearance.isNull() || (appearance.isDictionary() && appearance.getKeys() == std::set<std::string>{"/N"});
       });
     }},
    {"6.5.1: every action (annotations, outline items, the catalog's /OpenAction) is a URI, GoTo or named page action",
     [](const Document& d) {
       auto allowed = [](QPDFObjectHandle action) {
         QPDFObjectHandle kind = action.isDictionary() ? action.getKey("/S") : QPDFObjectHandle::newNull();
         return action.isNull() || kind.isNameAndEquals("/URI") || kind.isNameAndEquals("/GoTo") || kind.isNameAndEquals("/Named");
       };
       std::function<bool(QPDFObjectHandle, int)> outline = [&](QPDFObjectHandle item, int depth) {
         for (; item.isDictionary() && depth < 64; item = item.getKey("/Next"))
           if (!allowed(item.getKey("/A")) || !outline(item.getKey("/First"), depth + 1)) return false;
         return true;
       };
       QPDFObjectHandle root = d.pdf->getRoot(), outlines = root.getKey("/Outlines");
       return every_annotation(d, [&](QPDFObjectHandle a) { return allowed(a.getKey("/A")); }) &&
              (!outlines.isDictionary() || outline(outlines.getKey("/First"), 0)) &&
              (!root.getKey("/OpenAction").isDictionary() || allowed(root.getKey("/OpenAction")));
     }},
    {"6.5.2: neither the catalog nor a page has additional actions (/AA)",
     [](const Document& d) {
       for (QPDFObjectHandle page : d.pdf->getAllPages())
         if (page.hasKey("/AA")) return false;
       return !d.pdf->getRoot().hasKey("/AA");
     }},
    {"6.6.2.1: the catalog's /Metadata is a stream of /Type /Metadata and /Subtype /XML",
     [](const Document& d) {
       QPDFObjectHandle metadata = d.pdf->getRoot().getKey("/Metadata");
       return metadata.isStream() && is_type(metadata.getDict(), "/Type", "/Metadata") && is_type(metadata.getDict(), "/Subtype", "/XML");
     }},
    {"6.6.2.1: the XMP packet's header has neither a bytes nor an encoding attribute",
     [](const Document& d) {
       std::size_t end = d.xmp.find("?>");
       std::string header = d.xmp.substr(0, end);
       return d.xmp.rfind("<?xpacket begin=", 0) == 0 && end != std::string::npos && header.find("bytes=") == std::string::npos &&
              header.find("encoding=") == std::string::npos;
     }},
    {"6.6.2.1: the XMP packet is UTF-8", [](const Document& d) { return !d.xmp.empty() && valid_utf8(d.xmp); }},
    {"6.6.2.3: the pdfuaid namespace is declared by a PDF/A extension schema with its part property",
     [](const Document& d) {
       return std::regex_search(d.xmp, std::regex(R"(<pdfaSchema:namespaceURI>http://www\.aiim\.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\s*)"
                                                  R"(<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>)")) &&
              xmp_text(d.xmp, "pdfaProperty:name") == "part" && xmp_text(d.xmp, "pdfaProperty:valueType") == "Integer" &&
              xmp_text(d.xmp, "pdfaProperty:category") == "internal";
     }},
    {"6.6.4: the XMP packet claims pdfaid:part 2 and pdfaid:conformance A",
     [](const Document& d) { return xmp_text(d.xmp, "pdfaid:part") == "2" && xmp_text(d.xmp, "pdfaid:conformance") == "A"; }},
    {"6.7.2.2: the catalog's /MarkInfo has /Marked true",
     [](const Document& d) {
       QPDFObjectHandle marked = key(d.pdf->getRoot().getKey("/MarkInfo"), "/Marked");
       return marked.isBool() && marked.getBoolValue();
     }},
    {"6.7.3.3: the catalog has a /StructTreeRoot with elements",
     [](const Document& d) {
       std::vector<QPDFObjectHandle> elements;
       structure_elements(key(d.pdf->getRoot().getKey("/StructTreeRoot"), "/K"), elements, 0);
       return !elements.empty();
     }},
    {"6.7.3.4: every structure type is a standard one or role-mapped to one",
     [](const Document& d) {
       QPDFObjectHandle tree = d.pdf->getRoot().getKey("/StructTreeRoot");
       std::vector<QPDFObjectHandle> elements;
       structure_elements(tree.getKey("/K"), elements, 0);
       for (QPDFObjectHandle element : elements) {
         std::string type = element.getKey("/S").getName();
         QPDFObjectHandle map = tree.getKey("/RoleMap");
         QPDFObjectHandle mapped = map.isDictionary() ? map.getKey(type) : QPDFObjectHandle::newNull();
         if (!standard_types.count(type) && !(mapped.isName() && standard_types.count(mapped.getName()))) return false;
       }
       return true;
     }},
    {"6.7.4: every /Lang (catalog and structure elements) is a language tag",
     [](const Document& d) {
       std::regex tag(R"(^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$)");
       std::vector<QPDFObjectHandle> elements = {d.pdf->getRoot()};
       structure_elements(key(d.pdf->getRoot().getKey("/StructTreeRoot"), "/K"), elements, 0);
       for (QPDFObjectHandle element : elements) {
         QPDFObjectHandle lang = element.getKey("/Lang");
         if (!lang.isNull() && (!lang.isString() || !std::regex_match(lang.getUTF8Value(), tag))) return false;
       }
       return d.pdf->getRoot().getKey("/Lang").isString();
     }},
    {"6.1.12, 6.4, 6.8, 6.9, 6.10, 6.11: the catalog has no /Perms, /AcroForm, /NeedsRendering, embedded files, "
     "optional content, alternate presentations or /Requirements",
     [](const Document& d) {
       QPDFObjectHandle root = d.pdf->getRoot();
       for (const char* key : {"/Perms", "/AcroForm", "/NeedsRendering", "/OCProperties", "/Requirements"})
         if (root.hasKey(key)) return false;
       QPDFObjectHandle names = root.getKey("/Names");
       return !names.isDictionary() || (!names.hasKey("/EmbeddedFiles") && !names.hasKey("/AlternatePresentations"));
     }},
};

}  // namespace

TEST_CASE("archive-accessible PDFs hold each PDF/A-2a rule the project checks") {
  const Builds& built = builds();
  INFO(built.result.err);
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& file : built.files) {
    Document document(file);
    for (const Rule& rule : rules) {
      INFO(file << ": " << rule.says);
      CHECK(rule.holds(document));
    }
  }
}

TEST_CASE("the PDF/A-2 checks fail on the print profile, which claims no PDF/A") {
  // The checker itself is tested: print has no output intent, no PDF/A claim and no print flags.
  const Builds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  TempFolder out;
  REQUIRE(run_command(quote(binary) + " build --no-project tests/data/every-block.md --layout patient-handout --out " +
                      quote(out.path()))
              .exit_code == 0);
  Document print(out / "every-block.patient-handout.pdf");
  std::set<std::string> failed;
  for (const Rule& rule : rules)
    if (!rule.holds(print)) failed.insert(std::string(rule.says).substr(0, std::string(rule.says).find(':')));
  INFO("failed on print: " << [&] {
    std::string list;
    for (const std::string& clause : failed) list += clause + "; ";
    return list;
  }());
  for (const char* clause : {"6.2.3", "6.3.2", "6.6.4", "6.6.2.3", "6.2.11.3.2"}) {
    INFO(clause);
    CHECK(failed.count(clause) == 1);
  }
}

namespace {

// Whether the rule whose message starts with `clause` holds for the file at `path`.
bool rule_holds(const std::string& clause, const std::string& path) {
  Document document(path);
  for (const Rule& rule : rules)
    if (std::string(rule.says).rfind(clause, 0) == 0) return rule.holds(document);
  FAIL("no rule " << clause);
  return false;
}

// The first simple TrueType font of the file and the first composite one.
QPDFObjectHandle first_font(QPDF& pdf, const char* subtype) {
  for (QPDFObjectHandle object : pdf.getAllObjects())
    if (is_type(object, "/Type", "/Font") && is_type(object, "/Subtype", subtype)) return object;
  return QPDFObjectHandle::newNull();
}

}  // namespace

TEST_CASE("each font rule fails on an archive-accessible PDF changed to break it") {
  // The font rules read the embedded programs; a wrong reading would pass everything. Each change
  // below breaks one rule of every-block.md's handout (whose code is set in a composite font).
  const Builds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  const std::string source = built.out / "built/every-block.patient-handout.archive-accessible.pdf";
  TempFolder work;
  struct Change {
    const char* clause;
    std::function<void(QPDF&)> apply;
  };
  const Change changes[] = {
      {"6.2.11.5:",  // a used glyph's width, 40 thousandths of an em off
       [](QPDF& pdf) {
         QPDFObjectHandle widths = first_font(pdf, "/TrueType").getKey("/Widths");
         for (int i = 0; i < widths.getArrayNItems(); ++i)
           if (widths.getArrayItem(i).getNumericValue() > 0) {
             widths.setArrayItem(i, QPDFObjectHandle::newReal(widths.getArrayItem(i).getNumericValue() + 40, 2));
             return;
           }
       }},
      {"6.2.11.4.2:",  // a CIDSet that leaves out the last glyph
       [](QPDF& pdf) {
         QPDFObjectHandle descriptor = first_font(pdf, "/Type0").getKey("/DescendantFonts").getArrayItem(0).getKey("/FontDescriptor");
         std::string bits = stream_bytes(descriptor.getKey("/CIDSet"));
         bits.back() = static_cast<char>(bits.back() & (bits.back() - 1));
         descriptor.getKey("/CIDSet").replaceStreamData(bits, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
       }},
      {"6.2.11.7.2:",  // no ToUnicode
       [](QPDF& pdf) { first_font(pdf, "/TrueType").removeKey("/ToUnicode"); }},
      {"6.2.11.7.2, 6.2.11.7.3:",  // a character mapped into the private use area
       [](QPDF& pdf) {
         QPDFObjectHandle cmap = first_font(pdf, "/TrueType").getKey("/ToUnicode");
         std::string text = stream_bytes(cmap);
         std::size_t at = text.find("beginbfchar");
         REQUIRE(at != std::string::npos);
         text.insert(at + 12, "<01> <E000>\n");
         cmap.replaceStreamData(text, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
       }},
      {"6.2.11.3.2:",  // Cairo's CIDFont as Cairo writes it
       [](QPDF& pdf) { first_font(pdf, "/Type0").getKey("/DescendantFonts").getArrayItem(0).removeKey("/CIDToGIDMap"); }},
      {"6.2.11.4.1, 6.2.11.8:",  // shown codes moved past the glyphs of the composite font's program
       [](QPDF& pdf) {
         QPDFObjectHandle cid_font = first_font(pdf, "/Type0").getKey("/DescendantFonts").getArrayItem(0);
         QPDFObjectHandle program = cid_font.getKey("/FontDescriptor").getKey("/FontFile2");
         std::string font = stream_bytes(program);
         // maxp's numGlyphs, set to 1: every shown CID but 0 is then past the end.
         for (std::uint32_t i = 0, n = big_endian(font, 4, 2); i < n; ++i)
           if (font.compare(12 + 16 * std::size_t(i), 4, "maxp") == 0) {
             std::size_t at = big_endian(font, 12 + 16 * std::size_t(i) + 8, 4) + 4;
             font[at] = 0;
             font[at + 1] = 1;
           }
         program.replaceStreamData(font, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
       }},
  };
  for (const Change& change : changes) {
    INFO(change.clause);
    REQUIRE(rule_holds(change.clause, source));
    QPDF pdf;
    pdf.processFile(source.c_str());
    change.apply(pdf);
    const std::string changed = work / "changed.pdf";
    QPDFWriter writer(pdf, changed.c_str());
    writer.write();
    CHECK_FALSE(rule_holds(change.clause, changed));
  }
}

TEST_CASE("archive-accessible PDFs repeat byte for byte, each with its own /ID from its content") {
  const Builds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  TempFolder again;
  REQUIRE(run_command(quote(binary) + " build --no-project content/rcc-bone-metastasis.md tests/data/every-block.md "
                                      "--profile archive-accessible --out " + quote(again.path()))
              .exit_code == 0);
  std::set<std::string> ids;
  for (const std::string& file : built.files) {
    if (file.find("alpha-figure") != std::string::npos || file.find("language-") != std::string::npos) continue;
    std::string name = file.substr(file.rfind('/') + 1);
    INFO(name);
    CHECK(read_bytes(again / name) == read_bytes(file));
    ids.insert(Document(file).pdf->getTrailer().getKey("/ID").getArrayItem(0).getStringValue());
  }
  CHECK(ids.size() == 4);
}
