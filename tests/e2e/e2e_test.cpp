// End-to-end tests: run the built binary, then read its PDFs back with poppler-utils and qpdf.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

#include "content/content_loader.h"
#include "e2e/article_words.h"
#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "layout/layout_loader.h"
#include "typeset/block_selection.h"
#include "paint/cairo_handles.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string article = "content/rcc-bone-metastasis.md";

// The words of each page, without its running heads (lines starting with `heads`) and without a
// table header row repeated at the page's end: the repeated copy is painted after the page's
// content, so `pdftotext -raw` gives it last.
std::vector<std::string> words_without_repeated_headers(const std::string& text, const std::vector<std::string>& heads,
                                                        const std::vector<Block>& blocks) {
  std::vector<std::vector<std::string>> headers;
  for (const Block& block : blocks)
    if (block.kind == BlockKind::table && !block.rows.empty()) {
      std::string header;
      for (const TableCell& cell : block.rows.front()) header += plain_text(cell.text) + " ";
      headers.push_back(words_of(header));
    }
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find('\f', start), text.size());
    std::vector<std::string> page = words_of(without_lines_starting(text.substr(start, end - start), heads));
    for (const auto& header : headers)
      if (!header.empty() && page.size() >= header.size() &&
          std::equal(header.begin(), header.end(), page.end() - static_cast<std::ptrdiff_t>(header.size())))
        page.resize(page.size() - header.size());
    words.insert(words.end(), page.begin(), page.end());
    start = end + 1;
  }
  return words;
}

// Builds the bundled article with both layouts once per folder.
struct BundledBuild {
  TempFolder out;
  ProcessResult result;
  std::string handout, summary;
  BundledBuild() {
    result = run_command(quote(binary) + " build --out " + quote(out.path()));
    handout = out / "rcc-bone-metastasis.patient-handout.pdf";
    summary = out / "rcc-bone-metastasis.clinician-summary.pdf";
  }
};

const BundledBuild& bundled() {
  static BundledBuild build;
  return build;
}

// List labels: numbers and the bullets of each list depth.
const std::vector<std::string> label_words = {"1", "2", "3", "figure", "\u2022", "\u25E6", "\u25AA"};

// The warnings a build prints, less those of the patient layout's readability target (the
// bundled article is written well above grade 8, and says so).
std::string non_readability_lines(const std::string& err) {
  static const std::regex readability(
      R"(: warning: (sentence of \d+ words|paragraph at grade|the text reads at grade))");
  std::istringstream lines(err);
  std::string line, rest;
  while (std::getline(lines, line))
    if (!std::regex_search(line, readability)) rest += line + "\n";
  return rest;
}

}  // namespace

TEST_CASE("the bundled article builds into both documents") {
  const BundledBuild& build = bundled();
  INFO(build.result.err);
  CHECK(build.result.exit_code == 0);
  CHECK(fs::is_regular_file(build.handout));
  CHECK(fs::is_regular_file(build.summary));
  CHECK(non_readability_lines(build.result.err).empty());
}

TEST_CASE("the clinician summary has exactly one page") { CHECK(page_count(bundled().summary) == 1); }

TEST_CASE("the handout has several pages numbered 'Page N of M'") {
  int pages = page_count(bundled().handout);
  CHECK(pages >= 2);
  std::string text = pdf_text(bundled().handout);
  for (int page = 1; page <= pages; ++page)
    CHECK(text.find("Page " + std::to_string(page) + " of " + std::to_string(pages)) != std::string::npos);
  CHECK(text.find("Reviewed November 20, 2026") != std::string::npos);
}

TEST_CASE("the handout's text holds every word of the article body, in order") {
  Warnings warnings;
  Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + article, warnings);
  // Every word of the blocks for patients and for everyone (the key points are the clinician's).
  LayoutSpec layout = load_layout(std::string(HANDOUT_SOURCE_DIR) + "/layouts/patient-handout.toml");
  std::vector<std::string> wanted = document_words(select_for_layout(document, layout, warnings));
  REQUIRE(wanted.size() > 700);
  std::string text = without_lines_starting(pdf_text(bundled().handout, "-layout"), {"Northfield Cancer Centre", "Reviewed "});
  std::vector<std::string> got = words_of(text);
  std::size_t mismatch = first_mismatch(wanted, got, label_words);
  INFO("first word missing or out of order: " << (mismatch < wanted.size() ? wanted[mismatch] : "") << " (word "
                                              << mismatch << " of " << wanted.size() << ")");
  CHECK(mismatch == wanted.size());
}

TEST_CASE("the summary keeps its sections' words in reading order across both columns") {
  Warnings warnings;
  Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + article, warnings);
  LayoutSpec layout = load_layout(std::string(HANDOUT_SOURCE_DIR) + "/layouts/clinician-summary.toml");
  std::vector<std::string> wanted = document_words(select_for_layout(document, layout, warnings));
  std::string raw = pdf_text(bundled().summary, "-raw");
  CHECK(raw.find("Source: Patient-education article") != std::string::npos);
  CHECK(raw.find("reviewed November 20, 2026") != std::string::npos);
  // The title band, the footer and the key points' title are not article text.
  std::string body =
      without_lines_starting(raw, {"Clinician summary:", "Source:", "Northfield Cancer Centre", "Key points"});
  std::vector<std::string> got = words_of(body);
  std::size_t mismatch = first_mismatch(wanted, got, label_words);
  INFO("first word missing or out of order: " << (mismatch < wanted.size() ? wanted[mismatch] : "") << " (word "
                                              << mismatch << " of " << wanted.size() << ")");
  CHECK(mismatch == wanted.size());
  // What the layout leaves out is really left out.
  CHECK(raw.find("Many patients do not understand") == std::string::npos);
}

TEST_CASE("fonts are embedded subsets of the fonts in fonts/") {
  for (const std::string& pdf : {bundled().handout, bundled().summary}) {
    ProcessResult fonts = run_command("pdffonts " + quote(pdf));
    REQUIRE(fonts.exit_code == 0);
    std::istringstream lines(fonts.out);
    std::string line;
    int listed = 0;
    std::getline(lines, line);
    std::getline(lines, line);  // the header and its underline
    while (std::getline(lines, line)) {
      ++listed;
      INFO(line);
      CHECK(std::regex_search(line, std::regex(R"(^[A-Z]{6}\+(AtkinsonHyperlegible|NotoSans)[-A-Za-z]*\s)")));
      CHECK(std::regex_search(line, std::regex(R"(\byes\s+yes\s+yes\b)")));  // embedded, subset, unicode map
    }
    CHECK(listed >= 2);
  }
}

TEST_CASE("qpdf finds no structural problems") {
  for (const std::string& pdf : {bundled().handout, bundled().summary}) {
    ProcessResult check = run_command("qpdf --check " + quote(pdf));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  }
}

TEST_CASE("metadata and the outline come from the article") {
  ProcessResult info = run_command("pdfinfo " + quote(bundled().handout));
  CHECK(info.out.find("What is renal cell cancer bone metastasis?") != std::string::npos);
  CHECK(std::regex_search(info.out, std::regex(R"(Author:\s+Northfield Cancer Centre)")));
  CHECK(std::regex_search(info.out, std::regex(R"(Creator:\s+handout \d+\.\d+\.\d+)")));
  CHECK(std::regex_search(info.out, std::regex(R"(Keywords:\s+renal cell carcinoma, kidney cancer)")));
  CHECK(std::regex_search(info.out, std::regex(R"(Subject:\s+Patient handout)")));
  ProcessResult outline = run_command("qpdf --json --json-key=outlines " + quote(bundled().handout));
  REQUIRE(outline.exit_code == 0);
  for (const char* heading : {"Renal cell carcinoma metastasis way", "Renal cell cancer bone metastasis symptoms",
                              "Surgical treatment", "Targeted therapy"})
    CHECK(outline.out.find(std::string("\"title\": \"") + heading + "\"") != std::string::npos);
}

TEST_CASE("two builds give byte-identical files") {
  BundledBuild second;
  REQUIRE(second.result.exit_code == 0);
  CHECK(read_bytes(second.handout) == read_bytes(bundled().handout));
  CHECK(read_bytes(second.summary) == read_bytes(bundled().summary));
}

TEST_CASE("SOURCE_DATE_EPOCH sets the PDF dates") {
  TempFolder out;
  ProcessResult result = run_command("SOURCE_DATE_EPOCH=1700000000 " + quote(binary) + " build --no-project " + article +
                                     " --layout patient-handout --out " + quote(out.path()));
  REQUIRE(result.exit_code == 0);
  ProcessResult info = run_command("TZ=UTC pdfinfo " + quote(out / "rcc-bone-metastasis.patient-handout.pdf"));
  CHECK(info.out.find("Nov 14") != std::string::npos);
  CHECK(info.out.find("2023") != std::string::npos);
}

TEST_CASE("every kind of block is set, and no word is lost") {
  TempFolder out;
  ProcessResult result = run_command(quote(binary) + " build --no-project tests/data/every-block.md --layout patient-handout --out " +
                                     quote(out.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string pdf = out / "every-block.patient-handout.pdf";
  Warnings warnings;
  Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/tests/data/every-block.md", warnings);
  std::string text = without_lines_starting(pdf_text(pdf, "-layout"), {"Test Clinic", "Reviewed "});
  std::size_t mismatch = first_mismatch(document_words(document.blocks), words_of(text), label_words);
  CHECK(mismatch == document_words(document.blocks).size());
  // The link is clickable: its annotation carries the address.
  CHECK(uncompressed(pdf).find("/URI (https://clinic.example.org/bone)") != std::string::npos);
}

TEST_CASE("a malformed layout gives file:line:col, a non-zero exit and no PDF") {
  TempFolder out;
  ProcessResult result = run_command(quote(binary) + " build --no-project " + article + " --layout tests/data/bad-layout.toml --out " +
                                     quote(out.path()));
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("tests/data/bad-layout.toml:7:1: error: unknown key 'body.line_height'") != std::string::npos);
  CHECK(output_files(out.path()).empty());
}

TEST_CASE("malformed front matter gives file:line:col, a non-zero exit and no PDF") {
  TempFolder out;
  ProcessResult result = run_command(quote(binary) + " build --no-project tests/data/broken-front-matter.md --out " +
                                     quote(out.path()));
  CHECK(result.exit_code == 1);
  CHECK(std::regex_search(result.err, std::regex(R"(^tests/data/broken-front-matter\.md:5:\d+: error: )")));
  CHECK(output_files(out.path()).empty());
}

TEST_CASE("a failed rebuild keeps the last good PDF and leaves no temporary file") {
  TempFolder work;
  std::string source = read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/tests/data/every-block.md");
  write_text(work / "a.md", source);
  std::string command = quote(binary) + " build --no-project " + quote(work / "a.md") + " --layout patient-handout --out " +
                        quote(work / "out");
  REQUIRE(run_command(command).exit_code == 0);
  std::string good = read_bytes(work / "out/a.patient-handout.pdf");
  write_text(work / "a.md", source + "\n![Scan](no-such-image.png)\n");
  ProcessResult failed = run_command(command);
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("no-such-image.png") != std::string::npos);
  CHECK(read_bytes(work / "out/a.patient-handout.pdf") == good);
  CHECK(output_files(work / "out") == std::vector<std::string>{"a.patient-handout.pdf"});
}

TEST_CASE("a summary that cannot fit one page fails, says by how much, and writes nothing") {
  TempFolder work;
  std::string source = read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/" + article);
  std::string body = source.substr(source.find("## Renal cell carcinoma metastasis way"));
  for (int i = 0; i < 3; ++i) source += "\n" + body;
  write_text(work / "long.md", source);
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "long.md") +
                                     " --layout clinician-summary --out " + quote(work / "out"));
  CHECK(result.exit_code == 1);
  // At the article's [layout.clinician-summary] table: the article chose what overflows.
  const std::size_t table = source.find("[layout.clinician-summary]");
  REQUIRE(table != std::string::npos);
  const int table_line = 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(table), '\n'));
  CHECK(std::regex_search(result.err, std::regex("long\\.md:" + std::to_string(table_line) +
                                                 R"(:1: error: .*overflows by \d+ pt)")));
  CHECK_FALSE(fs::exists(work / "out/long.clinician-summary.pdf"));
}

TEST_CASE("an article and a layout named on the command line build in a folder without content/ or layouts/") {
  TempFolder work;
  write_text(work / "note.md", "+++\ntitle = \"Note\"\nlanguage = \"en\"\nreviewed = 2026-01-05\n"
                               "organisation = \"Clinic\"\n+++\n\nDrink plenty of water.\n");
  write_text(work / "plain.toml", "description = \"plain\"\n");
  ProcessResult result = run_command("cd " + quote(work.path()) + " && " + quote(binary) +
                                     " build note.md --layout plain.toml --no-project --out out --fonts " +
                                     quote(std::string(HANDOUT_SOURCE_DIR) + "/fonts"));
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(pdf_text(work / "out/note.plain.pdf").find("Drink plenty of water.") != std::string::npos);
  // Without them, the missing folder is still the error it was.
  ProcessResult nothing = run_command("cd " + quote(work.path()) + " && " + quote(binary) + " build --no-project");
  CHECK(nothing.exit_code == 1);
  CHECK(nothing.err.find("content") != std::string::npos);
}

TEST_CASE("usage errors exit with 2, --help and --version with 0") {
  CHECK(run_command(quote(binary) + " build --frobnicate").exit_code == 2);
  CHECK(run_command(quote(binary) + " publish").exit_code == 2);
  CHECK(run_command(quote(binary) + " build --out").exit_code == 2);
  ProcessResult help = run_command(quote(binary) + " --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("handout build") != std::string::npos);
  ProcessResult version = run_command(quote(binary) + " --version");
  CHECK(version.exit_code == 0);
  CHECK(std::regex_search(version.out, std::regex(R"(^handout \d+\.\d+\.\d+)")));
}

TEST_CASE("a figure with a PNG image shows the image and its caption") {
  TempFolder work;
  {
    CairoSurfacePtr image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200));
    CairoPtr cairo(cairo_create(image.get()));
    cairo_set_source_rgb(cairo.get(), 0.2, 0.4, 0.6);
    cairo_paint(cairo.get());
    REQUIRE(cairo_surface_write_to_png(image.get(), (work / "scan.png").c_str()) == CAIRO_STATUS_SUCCESS);
  }
  write_text(work / "figure.md",
             "+++\ntitle = \"Figure\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n"
             "Before the figure.\n\n![Whole-body bone scan of the spine](scan.png)\n\nAfter the figure.\n");
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "figure.md") +
                                     " --layout patient-handout --out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string pdf = work / "figure.patient-handout.pdf";
  ProcessResult images = run_command("pdfimages -list " + quote(pdf));
  CHECK(std::regex_search(images.out, std::regex(R"(\n\s+1\s+\d+\s+image\s+300\s+200\s)")));
  std::string text = pdf_text(pdf);
  CHECK(text.find("Whole-body bone scan of the spine") != std::string::npos);
  CHECK(text.find("Before the figure.") < text.find("After the figure."));
}

TEST_CASE("every heading is set, at its own level, even where no text follows it") {
  TempFolder out;
  ProcessResult result = run_command(quote(binary) + " build --no-project tests/data/deep-headings.md --out " +
                                     quote(out.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // No heading is folded into another level, so nothing to warn of.
  CHECK(non_readability_lines(result.err).empty());
  const std::vector<std::string> headings = {"Treatment", "Surgery", "Before the operation", "On the day",
                                             "What to bring", "After the operation", "Follow-up", "Visits", "Tests"};
  for (std::string layout : {"patient-handout", "clinician-summary"}) {
    std::string pdf = out / ("deep-headings." + layout + ".pdf");
    std::string text = pdf_text(pdf, "-raw");
    for (const std::string& heading : headings) {
      INFO(layout << ": " << heading);
      CHECK(text.find(heading) != std::string::npos);
    }
    std::string structure = uncompressed(pdf);
    for (std::string role : {"/H4", "/H5", "/H6"}) CHECK(structure.find("/S " + role) != std::string::npos);
  }
}

// Long articles of the kinds clinics write: four heading levels, nested lists, tables, a JPEG
// figure, entities, another language. Every word of the article reaches the handout, in order.
TEST_CASE("long articles keep every word in the handout, in order") {
  struct Case {
    std::string article, running_head, footer;
  };
  for (const Case& c : {Case{"long-article", "Northfield Orthopaedic Centre", "Reviewed "},
                        Case{"long-article-es", "Centro de Nefrología de Northfield", "Revisado el "}}) {
    TempFolder out;
    std::string path = "tests/data/" + c.article + ".md";
    ProcessResult result = run_command(quote(binary) + " build --no-project " + path +
                                       " --layout patient-handout --out " + quote(out.path()));
    INFO(c.article << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    Warnings warnings;
    Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + path, warnings);
    std::vector<std::string> wanted = document_words(document.blocks);
    REQUIRE(wanted.size() > 1400);
    std::string pdf = out / (c.article + ".patient-handout.pdf");
    CHECK(page_count(pdf) >= 4);
    std::string text = pdf_text(pdf, "-raw");
    // Entities are decoded: none is printed as written.
    CHECK_FALSE(std::regex_search(text, std::regex("&[A-Za-z]+[0-9]*;|&#[0-9]+;")));
    std::vector<std::string> got =
        words_without_repeated_headers(text, {c.running_head, c.footer}, document.blocks);
    std::vector<std::string> labels = label_words;  // list numbers of longer lists, too
    for (int number = 4; number <= 20; ++number) labels.push_back(std::to_string(number));
    std::size_t mismatch = first_mismatch(wanted, got, labels);
    INFO("first word missing or out of order: " << (mismatch < wanted.size() ? wanted[mismatch] : "") << " (word "
                                                << mismatch << " of " << wanted.size() << ")");
    CHECK(mismatch == wanted.size());
  }
}
