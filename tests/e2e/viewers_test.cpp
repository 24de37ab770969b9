// End-to-end test that every PDF profile of both documents opens in the readers people use:
// pdf.js and MuPDF (from npm, run by Node) and Ghostscript, with no warning, the right number of
// pages and the same words on each page as Poppler's pdftotext finds in the print PDF.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <regex>

#include "e2e/article_words.h"
#include "e2e/pdf_profiles.h"
#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/readers.h"

using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string test_password = "secret";  // one of the passwords the active-content scan knows
const std::vector<std::string> stems = {"rcc-bone-metastasis", "every-block"};
const std::vector<std::string> layouts = {"patient-handout", "clinician-summary"};

// Both articles in every PDF profile, those that take a password built with one.
struct ViewerBuilds {
  TempFolder out;
  ProcessResult plain, locked;
  ViewerBuilds() {
    std::vector<PdfProfile> open, with_password;
    for (const PdfProfile& profile : pdf_profiles()) (profile.password ? with_password : open).push_back(profile);
    const std::string build = quote(binary) + " build --no-project content/rcc-bone-metastasis.md tests/data/every-block.md";
    plain = run_command(build + profile_options(open) + " --out " + quote(out / "built"));
    locked = run_command(build + profile_options(with_password) + " --password " + test_password + " --out " +
                         quote(out / "built"));
  }
  std::string file(const std::string& stem, const std::string& layout, const PdfProfile& profile) const {
    return out / ("built/" + stem + "." + layout + profile.suffix);
  }
};

const ViewerBuilds& builds() {
  static ViewerBuilds built;
  return built;
}

// A page's words in any order: list bullets separate words like spaces (readers differ in
// whether they put a space after one).
std::vector<std::string> sorted_words(std::string text) {
  text = std::regex_replace(text, std::regex("\u2022|\u25E6|\u25AA"), " ");
  std::vector<std::string> words = words_of(text);
  std::sort(words.begin(), words.end());
  return words;
}

std::vector<std::string> poppler_pages(const std::string& pdf) {
  std::vector<std::string> pages;
  std::string text = pdf_text(pdf);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.find('\f', start), text.size());
    pages.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pages;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "  " + line + "\n";
  return text;
}

using Reader = std::function<std::vector<ReaderView>(const std::vector<std::string>& files, const std::string& password)>;

struct NamedReader {
  const char* name;
  Reader read;
};

const std::vector<NamedReader> readers = {
    {"pdf.js", pdfjs_views},
    {"MuPDF", mupdf_views},
    {"Ghostscript", [](const std::vector<std::string>& files, const std::string& password) {
       std::vector<ReaderView> views;
       for (const std::string& file : files) views.push_back(ghostscript_view(file, password));
       return views;
     }}};

}  // namespace

TEST_CASE("every PDF profile of both documents opens in pdf.js, MuPDF and Ghostscript without a warning") {
  const ViewerBuilds& built = builds();
  INFO(built.plain.err << built.locked.err);
  REQUIRE(built.plain.exit_code == 0);
  REQUIRE(built.locked.exit_code == 0);
  std::optional<std::string> missing = node_readers_missing();
  if (!missing && run_command("gs --version", 60).exit_code != 0)
    missing = "Ghostscript (`gs`) is not installed (scripts/install-deps.sh installs Debian's ghostscript)";
  INFO(missing.value_or(""));
  REQUIRE(!missing);

  // Every file, read by each reader in one go per password (a Node process costs a second).
  std::vector<std::string> open_files, locked_files;
  for (const std::string& stem : stems)
    for (const std::string& layout : layouts)
      for (const PdfProfile& profile : pdf_profiles())
        (profile.password ? locked_files : open_files).push_back(built.file(stem, layout, profile));
  for (const NamedReader& reader : readers) {
    std::map<std::string, ReaderView> views;
    for (const auto& [files, password] : {std::pair{open_files, std::string()}, std::pair{locked_files, test_password}}) {
      std::vector<ReaderView> read = reader.read(files, password);
      REQUIRE(read.size() == files.size());
      for (std::size_t i = 0; i < files.size(); ++i) views[files[i]] = read[i];
    }
    for (const std::string& stem : stems)
      for (const std::string& layout : layouts) {
        // What every profile must show: the print PDF's pages as Poppler reads them.
        const std::string print = built.file(stem, layout, pdf_profiles().front());
        std::vector<std::string> pages = poppler_pages(print);
        REQUIRE(static_cast<int>(pages.size()) == page_count(print));
        for (const PdfProfile& profile : pdf_profiles()) {
          const std::string file = built.file(stem, layout, profile);
          const ReaderView& view = views[file];
          INFO(file << " in " << reader.name);
          INFO("warnings:\n" << joined(view.warnings) << "error: " << view.error);
          CHECK(view.error.empty());
          CHECK(view.warnings.empty());
          CHECK(view.pages == static_cast<int>(pages.size()));
          REQUIRE(view.page_texts.size() == pages.size());
          for (std::size_t page = 0; page < pages.size(); ++page) {
            INFO("page " << page + 1 << ": " << view.page_texts[page]);
            CHECK(sorted_words(view.page_texts[page]) == sorted_words(pages[page]));
          }
        }
      }
  }
}
