// End-to-end tests of the standards the PDF profiles claim. The archive profile is PDF/A-1b:
// Apache PDFBox Preflight must find no error, and the repairs it depends on are checked with
// qpdf's library as well, so they are tested where Java is missing too. Print, e-mail and
// archive-accessible carry what PDF/UA-1 asks of the catalog, the metadata and the annotations:
// one check, one assertion, one message each. (archive-accessible's PDF/A-2 rules:
// pdfa2_rules_test.cpp; Preflight knows only PDF/A-1, so it may report only what PDF/A-2 allows.)
#include <catch2/catch.hpp>

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "e2e/pdf_profiles.h"
#include "e2e/process.h"
#include "support/test_images.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string binary = HANDOUT_BINARY;
const char* layouts[] = {"patient-handout", "clinician-summary"};
const std::string odd_title = "\xC3\x87" "a & <b> \xC3\xA9vidence";  // "Ça & <b> évidence"

// The bundled article, tests/data/every-block.md, every-block.md under a title that needs
// escaping and a figure whose PNG has an alpha channel, in print, e-mail, archive and
// archive-accessible, built once per test process.
struct StandardBuilds {
  TempFolder out;
  ProcessResult result;
  std::vector<std::string> stems;  // "out/article.layout"
  StandardBuilds() {
    std::string every_block = read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/tests/data/every-block.md");
    write_text(out / "odd-title.md",
               std::regex_replace(every_block, std::regex("title = \"[^\"]*\""), "title = \"" + odd_title + "\"",
                                  std::regex_constants::format_first_only));
    write_alpha_figure_article(out.path());
    result = run_command(quote(binary) + " build --no-project content/rcc-bone-metastasis.md tests/data/every-block.md " +
                         quote(out / "odd-title.md") + " " + quote(out / "alpha-figure.md") +
                         profile_options(pdf_profiles()) + " --out " + quote(out / "built"));
    for (const char* article : {"rcc-bone-metastasis", "every-block", "odd-title", "alpha-figure"})
      for (const char* layout : layouts) stems.push_back(out / ("built/" + std::string(article) + "." + layout));
  }
};

const StandardBuilds& builds() {
  static StandardBuilds built;
  return built;
}

std::unique_ptr<QPDF> open_pdf(const std::string& path) {
  auto pdf = std::make_unique<QPDF>();
  pdf->processFile(path.c_str());
  return pdf;
}

std::string stream_text(QPDFObjectHandle stream) {
  std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_generalized);
  return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

std::string xmp_of(QPDF& pdf) {
  QPDFObjectHandle metadata = pdf.getRoot().getKey("/Metadata");
  return metadata.isStream() ? stream_text(metadata) : std::string();
}

std::string info_text(QPDF& pdf, const char* key) {
  QPDFObjectHandle value = pdf.getTrailer().getKey("/Info").getKey(key);
  return value.isString() ? value.getUTF8Value() : "(missing)";
}

std::string xml_unescaped(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities)
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
      text.replace(at, std::string(entity).size(), character);
  return text;
}

// The text of the first element `name` in the packet (inside rdf:Alt, rdf:Seq or rdf:Bag, the
// first rdf:li), unescaped; "(missing)" when there is none.
std::string xmp_value(const std::string& xmp, const std::string& name) {
  std::smatch match;
  std::regex element("<" + name + ">(?:<rdf:(?:Alt|Seq|Bag)><rdf:li[^>]*>)?([^<]*)<");
  return std::regex_search(xmp, match, element) ? xml_unescaped(match[1]) : "(missing)";
}

// A PDF date and an XMP date, both as "YYYYMMDDhhmmss" and the zone without separators.
std::string pdf_date_key(std::string date) {
  if (date.rfind("D:", 0) == 0) date.erase(0, 2);
  date.erase(std::remove(date.begin(), date.end(), '\''), date.end());
  return date;
}
std::string xmp_date_key(const std::string& date) {
  if (date.size() < 19) return date;
  std::string key;
  for (char c : date.substr(0, 19))
    if (std::isdigit(static_cast<unsigned char>(c))) key += c;
  for (char c : date.substr(19))
    if (c != ':') key += c;
  return key;
}

// Calls `each` for every annotation of every page.
void for_each_annotation(QPDF& pdf, const std::function<void(QPDFObjectHandle page, QPDFObjectHandle)>& each) {
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    QPDFObjectHandle annotations = page.getKey("/Annots");
    if (annotations.isArray())
      for (QPDFObjectHandle annotation : annotations.aitems()) each(page, annotation);
  }
}

struct Rule {
  const char* says;
  std::function<bool(QPDF&)> holds;
};

// What PDF/UA-1 asks of the catalog, the metadata and the annotations, as far as qpdf reads it.
const std::vector<Rule> pdfua_rules = {
    {"the catalog has /Lang (en)",
     [](QPDF& pdf) {
       QPDFObjectHandle lang = pdf.getRoot().getKey("/Lang");
       return lang.isString() && lang.getUTF8Value() == "en";
     }},
    {"the catalog has /MarkInfo /Marked true",
     [](QPDF& pdf) {
       QPDFObjectHandle marked = pdf.getRoot().getKey("/MarkInfo").getKey("/Marked");
       return marked.isBool() && marked.getBoolValue();
     }},
    {"the catalog has /ViewerPreferences /DisplayDocTitle true",
     [](QPDF& pdf) {
       QPDFObjectHandle display = pdf.getRoot().getKey("/ViewerPreferences").getKey("/DisplayDocTitle");
       return display.isBool() && display.getBoolValue();
     }},
    {"the XMP metadata's dc:title is the document information's /Title",
     [](QPDF& pdf) { return xmp_value(xmp_of(pdf), "dc:title") == info_text(pdf, "/Title"); }},
    {"the XMP metadata's dc:language is the catalog's /Lang",
     [](QPDF& pdf) { return xmp_value(xmp_of(pdf), "dc:language") == "en"; }},
    {"the XMP metadata claims pdfuaid:part 1",
     [](QPDF& pdf) { return xmp_value(xmp_of(pdf), "pdfuaid:part") == "1"; }},
    {"the XMP metadata's pdf:Producer is the document information's /Producer",
     [](QPDF& pdf) { return xmp_value(xmp_of(pdf), "pdf:Producer") == info_text(pdf, "/Producer"); }},
    {"the XMP metadata's xmp:CreateDate is the document information's /CreationDate",
     [](QPDF& pdf) {
       return xmp_date_key(xmp_value(xmp_of(pdf), "xmp:CreateDate")) == pdf_date_key(info_text(pdf, "/CreationDate"));
     }},
    {"the XMP metadata's xmp:ModifyDate is the document information's /ModDate",
     [](QPDF& pdf) {
       return xmp_date_key(xmp_value(xmp_of(pdf), "xmp:ModifyDate")) == pdf_date_key(info_text(pdf, "/ModDate"));
     }},
    {"every link annotation has a /Contents description",
     [](QPDF& pdf) {
       bool all = true;
       for_each_annotation(pdf, [&](QPDFObjectHandle, QPDFObjectHandle annotation) {
         QPDFObjectHandle contents = annotation.getKey("/Contents");
         if (!contents.isString() || contents.getUTF8Value().empty()) all = false;
       });
       return all;
     }},
    {"every page with annotations orders them by the structure (/Tabs /S)",
     [](QPDF& pdf) {
       bool all = true;
       for_each_annotation(pdf, [&](QPDFObjectHandle page, QPDFObjectHandle) {
         if (!page.getKey("/Tabs").isNameAndEquals("/S")) all = false;
       });
       return all;
     }},
};

// What PDF/A-1b asks that libharu 2.3 gets wrong, repaired after it writes.
const std::vector<Rule> archive_rules = {
    {"every font descriptor has /CapHeight",
     [](QPDF& pdf) {
       for (QPDFObjectHandle object : pdf.getAllObjects())
         if (object.isDictionary() && object.getKey("/Type").isNameAndEquals("/FontDescriptor") &&
             !object.getKey("/CapHeight").isNumber())
           return false;
       return true;
     }},
    {"every subset CID font's descriptor has a /CIDSet stream",
     [](QPDF& pdf) {
       for (QPDFObjectHandle object : pdf.getAllObjects())
         if (object.isDictionary() && object.getKey("/Subtype").isNameAndEquals("/CIDFontType2") &&
             !object.getKey("/FontDescriptor").getKey("/CIDSet").isStream())
           return false;
       return true;
     }},
    {"every composite font's /ToUnicode maps characters (bfchar), not CIDs (cidrange)",
     [](QPDF& pdf) {
       for (QPDFObjectHandle object : pdf.getAllObjects())
         if (object.isDictionary() && object.getKey("/Subtype").isNameAndEquals("/Type0")) {
           QPDFObjectHandle cmap = object.getKey("/ToUnicode");
           if (!cmap.isStream()) return false;
           std::string text = stream_text(cmap);
           if (text.find("beginbfchar") == std::string::npos || text.find("cidrange") != std::string::npos) return false;
         }
       return true;
     }},
    {"the metadata stream has /Subtype /XML and no /SubType",
     [](QPDF& pdf) {
       QPDFObjectHandle dict = pdf.getRoot().getKey("/Metadata").getDict();
       return dict.getKey("/Subtype").isNameAndEquals("/XML") && !dict.hasKey("/SubType");
     }},
    {"the XMP metadata claims pdfaid:part 1, conformance B",
     [](QPDF& pdf) {
       std::string xmp = xmp_of(pdf);
       return xmp_value(xmp, "pdfaid:part") == "1" && xmp_value(xmp, "pdfaid:conformance") == "B";
     }},
    {"the XMP metadata's dc:title is the document information's /Title",
     [](QPDF& pdf) { return xmp_value(xmp_of(pdf), "dc:title") == info_text(pdf, "/Title"); }},
    {"every annotation is set to print (/F 4)",
     [](QPDF& pdf) {
       bool all = true;
       for_each_annotation(pdf, [&](QPDFObjectHandle, QPDFObjectHandle annotation) {
         QPDFObjectHandle flags = annotation.getKey("/F");
         if (!flags.isInteger() || flags.getIntValue() != 4) all = false;
       });
       return all;
     }},
    {"every outline item's destination is an array written in place, and no item is typed /Outlines",
     [](QPDF& pdf) {
       std::function<bool(QPDFObjectHandle)> items = [&](QPDFObjectHandle item) {
         for (; item.isDictionary(); item = item.getKey("/Next")) {
           QPDFObjectHandle destination = item.getKey("/Dest");
           if (!destination.isArray() || destination.isIndirect() || item.hasKey("/Type")) return false;
           if (!items(item.getKey("/First"))) return false;
         }
         return true;
       };
       return items(pdf.getRoot().getKey("/Outlines").getKey("/First"));  // a document without headings has none
     }},
};

// The Java class path of Apache PDFBox Preflight as Debian installs it, or nothing.
std::optional<std::string> preflight_class_path() {
  if (run_command("java -version", 60).exit_code != 0) return std::nullopt;
  std::string path;
  for (const char* jar : {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"}) {
    std::string file = "/usr/share/java/" + std::string(jar) + ".jar";
    if (!fs::exists(file)) return std::nullopt;
    path += (path.empty() ? "" : ":") + file;
  }
  return path;
}

}  // namespace

TEST_CASE("Apache PDFBox Preflight finds no PDF/A-1b error in the archive profile") {
  const StandardBuilds& built = builds();
  INFO(built.result.err);
  REQUIRE(built.result.exit_code == 0);
  std::optional<std::string> class_path = preflight_class_path();
  if (!class_path) {
    std::cerr << "SKIPPED: PDF/A-1b validation needs java and Debian's libpdfbox2-java, libactivation-java and "
                 "libjaxb-api-java (scripts/install-deps.sh installs them)\n";
    WARN("skipped: java or the PDFBox Preflight jars are missing");
    return;
  }
  for (const std::string& stem : built.stems) {
    const std::string archive = stem + ".archive.pdf";
    ProcessResult preflight =
        run_command("java -cp " + quote(*class_path) + " org.apache.pdfbox.preflight.Validator_A1b " + quote(archive), 120);
    INFO(archive << "\n" << preflight.out);
    CHECK(preflight.exit_code == 0);
    CHECK(preflight.out.find("is a valid PDF/A-1b file") != std::string::npos);
  }
}

// The codes of Preflight's errors ("2.2.1 : Invalid graphics transparency, ..."), one a line.
std::set<std::string> preflight_error_codes(const std::string& report) {
  std::set<std::string> codes;
  std::regex line(R"((^|\n)(\d+(?:\.\d+)*) : )");
  for (auto match = std::sregex_iterator(report.begin(), report.end(), line); match != std::sregex_iterator(); ++match)
    codes.insert((*match)[2]);
  return codes;
}

TEST_CASE("Preflight, a PDF/A-1b validator, reports only what PDF/A-2 allows in the archive-accessible profile") {
  const StandardBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  std::optional<std::string> class_path = preflight_class_path();
  if (!class_path) {
    WARN("skipped: java or the PDFBox Preflight jars are missing");
    return;
  }
  // 2.2.1: the pages' transparency groups, which PDF/A-1 forbids and PDF/A-2 allows (ISO 19005-2
  // 6.2.10); 2.2.2: soft masks, the same; 7.11.2: "part must be 1", the PDF/A-2 claim itself.
  const std::set<std::string> allowed = {"2.2.1", "2.2.2", "7.11.2"};
  for (const std::string& stem : built.stems) {
    const std::string file = stem + ".archive-accessible.pdf";
    ProcessResult preflight =
        run_command("java -cp " + quote(*class_path) + " org.apache.pdfbox.preflight.Validator_A1b " + quote(file), 120);
    INFO(file << "\n" << preflight.out);
    std::set<std::string> codes = preflight_error_codes(preflight.out);
    CHECK(codes.count("7.11.2") == 1);  // the report was read: it names the claim
    for (const std::string& code : codes) {
      INFO("error " << code << " is one PDF/A-2 does not allow");
      CHECK(allowed.count(code) == 1);
    }
  }
}

TEST_CASE("the archive PDF holds what PDF/A-1b asks of the fonts, metadata, annotations and outline") {
  const StandardBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& stem : built.stems) {
    std::unique_ptr<QPDF> pdf = open_pdf(stem + ".archive.pdf");
    for (const Rule& rule : archive_rules) {
      INFO(stem << ".archive.pdf: " << rule.says);
      CHECK(rule.holds(*pdf));
    }
  }
}

TEST_CASE("print, e-mail and archive-accessible PDFs hold what PDF/UA-1 asks of the catalog, metadata and annotations") {
  const StandardBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& stem : built.stems)
    for (const PdfProfile& profile : tagged_profiles()) {
      std::unique_ptr<QPDF> pdf = open_pdf(stem + profile.suffix);
      for (const Rule& rule : pdfua_rules) {
        INFO(stem << profile.suffix << ": " << rule.says);
        CHECK(rule.holds(*pdf));
      }
    }
}

TEST_CASE("a title with accents, & and < reads right in the document information and the XMP metadata") {
  const StandardBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const char* layout : layouts)
    for (const PdfProfile& profile : pdf_profiles()) {
      const std::string file = built.out / ("built/odd-title." + std::string(layout) + profile.suffix);
      INFO(file);
      ProcessResult info = run_command("pdfinfo " + quote(file));
      CHECK(info.out.find("Title:           " + odd_title + "\n") != std::string::npos);
      // In the packet the title is escaped XML: no bare '<' or '&' is left in it.
      ProcessResult meta = run_command("pdfinfo -meta " + quote(file));
      CHECK(meta.out.find("\xC3\x87" "a &amp; &lt;b&gt; \xC3\xA9vidence") != std::string::npos);
      CHECK(meta.out.find("<b>") == std::string::npos);
    }
}

TEST_CASE("archive PDFs are byte-identical when built again and each has its own /ID") {
  const StandardBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  TempFolder again;
  ProcessResult result = run_command(quote(binary) + " build --no-project content/rcc-bone-metastasis.md "
                                     "tests/data/every-block.md --profile archive --out " + quote(again.path()));
  REQUIRE(result.exit_code == 0);
  std::set<std::string> ids;
  for (const std::string& stem : built.stems) {
    if (stem.find("odd-title") != std::string::npos || stem.find("alpha-figure") != std::string::npos) continue;
    const std::string name = fs::path(stem + ".archive.pdf").filename();
    INFO(name);
    CHECK(read_bytes(again / name) == read_bytes(stem + ".archive.pdf"));
    std::unique_ptr<QPDF> pdf = open_pdf(stem + ".archive.pdf");
    QPDFObjectHandle id = pdf->getTrailer().getKey("/ID");
    REQUIRE(id.isArray());
    ids.insert(id.getArrayItem(0).getStringValue());
  }
  CHECK(ids.size() == 4);
}

TEST_CASE("a heading that skips a level is warned of at its place, and tagged and outlined one level down") {
  TempFolder work;
  write_text(work / "skip.md",
             "+++\ntitle = \"Skipping\"\nlanguage = \"en\"\nreviewed = 2026-11-20\norganisation = \"Test Clinic\"\n+++\n\n"
             "# Skipping\n\nIntroduction.\n\n### Straight to three\n\nBody text.\n");
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "skip.md") +
                                     " --layout patient-handout --out " + quote(work / "out"));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // Line 12, column 5: the heading's text after "### ".
  CHECK(result.err.find(work / "skip.md" + ":12:5: warning: heading level 3 follows level 1") != std::string::npos);
  const std::string pdf = work / "out/skip.patient-handout.pdf";
  ProcessResult tree = run_command("pdfinfo -struct-text " + quote(pdf));
  INFO(tree.out);
  CHECK(std::regex_search(tree.out, std::regex(R"(H2 \(block\)\n\s+"Straight to three")")));
  CHECK(tree.out.find("H3") == std::string::npos);
  std::unique_ptr<QPDF> opened = open_pdf(pdf);
  QPDFObjectHandle top = opened->getRoot().getKey("/Outlines").getKey("/First");
  CHECK(top.getKey("/Title").getUTF8Value() == "Skipping");
  CHECK(top.getKey("/First").getKey("/Title").getUTF8Value() == "Straight to three");
}
