// End-to-end tests of the output profiles: print, email, archive, archive-accessible and preview.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <regex>

#include "e2e/article_words.h"
#include "e2e/pdf_tools.h"
#include "e2e/process.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string article = "content/rcc-bone-metastasis.md";
const char* layouts[] = {"patient-handout", "clinician-summary"};

// The bundled article in every profile, built once per test process.
struct AllProfiles {
  TempFolder out;
  ProcessResult result;
  AllProfiles() {
    result = run_command(quote(binary) + " build --no-project " + article +
                         " --profile print --profile email --profile archive --profile archive-accessible --profile preview"
                         " --dpi 50 --out " +
                         quote(out.path()));
  }
  std::string file(const std::string& layout, const std::string& suffix) const {
    return out / ("rcc-bone-metastasis." + layout + suffix);
  }
};

const AllProfiles& all_profiles() {
  static AllProfiles build;
  return build;
}

ProcessResult build(const std::string& arguments) {
  return run_command(quote(binary) + " build --no-project " + arguments);
}

}  // namespace

TEST_CASE("every profile builds for both layouts") {
  const AllProfiles& built = all_profiles();
  INFO(built.result.err);
  REQUIRE(built.result.exit_code == 0);
  for (const char* layout : layouts) {
    for (const char* suffix : {".pdf", ".email.pdf", ".archive.pdf", ".archive-accessible.pdf"}) {
      INFO(layout << suffix);
      CHECK(run_command("qpdf --check " + quote(built.file(layout, suffix))).exit_code == 0);
    }
    int pages = page_count(built.file(layout, ".pdf"));
    for (const char* suffix : {".email.pdf", ".archive.pdf", ".archive-accessible.pdf"})
      CHECK(page_count(built.file(layout, suffix)) == pages);
    // One preview PNG a page, at the resolution asked for, and no more.
    for (int page = 1; page <= pages; ++page) {
      PngSize size = png_size(built.file(layout, ".preview-" + std::to_string(page) + ".png"));
      CHECK(size.width == static_cast<int>(std::ceil(595.276 * 50 / 72)));
      CHECK(size.height == static_cast<int>(std::ceil(841.89 * 50 / 72)));
    }
    CHECK_FALSE(fs::exists(built.file(layout, ".preview-" + std::to_string(pages + 1) + ".png")));
  }
}

TEST_CASE("the libharu archive PDF shows the same pages as the Cairo PDF") {
  // Anti-aliasing and sub-pixel rounding make isolated edge pixels differ; a missing, moved or
  // restyled word changes far more. Threshold: under 0.5% of a page's pixels may differ by more
  // than a quarter of the grey range (measured: at most 0.11% on the bundled article).
  for (const char* layout : layouts) {
    std::vector<GreyImage> cairo = render_grey(all_profiles().file(layout, ".pdf"), 100);
    std::vector<GreyImage> haru = render_grey(all_profiles().file(layout, ".archive.pdf"), 100);
    REQUIRE(cairo.size() == haru.size());
    for (std::size_t page = 0; page < cairo.size(); ++page) {
      double share = share_of_pixels_differing(cairo[page], haru[page], 64);
      INFO(layout << " page " << page + 1 << ": " << share * 100 << "% of pixels differ");
      CHECK(share < 0.005);
    }
  }
}

TEST_CASE("the archive-accessible PDF shows the print PDF's pages, pixel for pixel") {
  // The same Cairo painting: what PDF/A-2 adds (an output intent, metadata, font entries) must
  // not change a pixel.
  for (const char* layout : layouts) {
    std::vector<GreyImage> print = render_grey(all_profiles().file(layout, ".pdf"), 60);
    std::vector<GreyImage> archive = render_grey(all_profiles().file(layout, ".archive-accessible.pdf"), 60);
    REQUIRE(print.size() == archive.size());
    for (std::size_t page = 0; page < print.size(); ++page) {
      INFO(layout << " page " << page + 1);
      CHECK(share_of_pixels_differing(print[page], archive[page], 0) == 0);
    }
  }
}

TEST_CASE("the archive PDF's text extracts as the same words in the same order") {
  for (const char* layout : layouts) {
    INFO(layout);
    std::vector<std::string> cairo = words_of(pdf_text(all_profiles().file(layout, ".pdf"), "-raw"));
    std::vector<std::string> haru = words_of(pdf_text(all_profiles().file(layout, ".archive.pdf"), "-raw"));
    REQUIRE(cairo.size() > 300);
    CHECK(haru == cairo);
  }
}

TEST_CASE("the print PDF is tagged, in reading order, with alternative text and language") {
  std::string summary = all_profiles().file("clinician-summary", ".pdf");
  for (const char* layout : layouts) {
    ProcessResult info = run_command("pdfinfo " + quote(all_profiles().file(layout, ".pdf")));
    CHECK(std::regex_search(info.out, std::regex(R"(Tagged:\s+yes)")));
  }
  // The structure tree lists the sections in the article's order, from the left column into the
  // right one.
  ProcessResult tree = run_command("pdfinfo -struct-text " + quote(summary));
  REQUIRE(tree.exit_code == 0);
  // (The sections the article's front matter chooses for the summary.)
  std::vector<std::string> expected = {"Renal cell carcinoma metastasis way", "Renal cell cancer bone metastasis symptoms",
                                       "Renal cell cancer bone metastasis test", "Surgical treatment"};
  std::size_t position = 0;
  for (const std::string& heading : expected) {
    std::size_t found = tree.out.find(heading, position);
    INFO(heading);
    CHECK(found != std::string::npos);
    position = found == std::string::npos ? position : found;
  }
  CHECK(tree.out.rfind("Document", 0) == 0);
  CHECK(tree.out.find("  L (block)\n    LI (block)\n      Lbl (block)") != std::string::npos);
  std::string pdf = uncompressed(summary);
  CHECK(pdf.find("/Lang (en)") != std::string::npos);
  CHECK(pdf.find("/Alt (Hdp Whole-body Bone Scan. The Patient Has Renal Cancer") != std::string::npos);
}

TEST_CASE("the email PDF is compact and linearized, and byte-identical when built again") {
  for (const char* layout : layouts) {
    std::string email = all_profiles().file(layout, ".email.pdf");
    CHECK(fs::file_size(email) < fs::file_size(all_profiles().file(layout, ".pdf")));
    ProcessResult linearization = run_command("qpdf --check-linearization " + quote(email));
    INFO(linearization.out << linearization.err);
    CHECK(linearization.exit_code == 0);
    CHECK(linearization.out.find("no linearization errors") != std::string::npos);
  }
  TempFolder again;
  REQUIRE(build(article + " --profile email --out " + quote(again.path())).exit_code == 0);
  for (const char* layout : layouts)
    CHECK(read_bytes(again / ("rcc-bone-metastasis." + std::string(layout) + ".email.pdf")) ==
          read_bytes(all_profiles().file(layout, ".email.pdf")));
}

TEST_CASE("a password encrypts the email PDF with AES-256 and it will not open without it") {
  TempFolder work;
  write_text(work / "password", "correct horse battery staple\n");
  ProcessResult result = build(article + " --layout patient-handout --profile email --password-file " +
                               quote(work / "password") + " --out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string pdf = work / "rcc-bone-metastasis.patient-handout.email.pdf";
  ProcessResult encryption =
      run_command("qpdf --show-encryption --password='correct horse battery staple' " + quote(pdf));
  INFO(encryption.out);
  CHECK(encryption.out.find("R = 6") != std::string::npos);
  CHECK(encryption.out.find("AESv3") != std::string::npos);  // qpdf's name for AES-256
  CHECK(run_command("qpdf --check " + quote(pdf)).exit_code != 0);
  CHECK(run_command("pdftotext " + quote(pdf) + " -").exit_code != 0);
  ProcessResult opened = run_command("pdftotext -upw 'correct horse battery staple' " + quote(pdf) + " -");
  CHECK(opened.out.find("Renal cell carcinoma metastasis way") != std::string::npos);
}

TEST_CASE("encrypted output repeats only under the test build's environment switch, which no option offers") {
  TempFolder work;
  auto encrypted = [&](const std::string& folder, const std::string& environment) {
    ProcessResult result = run_command(environment + quote(binary) + " build --no-project " + article +
                                       " --layout clinician-summary --profile email --password secret --out " +
                                       quote(work / folder));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK((result.err.find("not secret") != std::string::npos) == !environment.empty());
    return read_bytes(work / (folder + "/rcc-bone-metastasis.clinician-summary.email.pdf"));
  };
  const std::string fixed = "HANDOUT_TEST_FIXED_RANDOMNESS=1 ";
  CHECK(encrypted("a", fixed) == encrypted("b", fixed));
  CHECK(encrypted("c", "") != encrypted("d", ""));  // real encryption draws fresh salts
  // The old option is gone: an unknown option, and the help does not offer it.
  ProcessResult old = build(article + " --profile email --password secret --test-fixed-salt --out " + quote(work / "e"));
  CHECK(old.exit_code == 2);
  CHECK(old.err.find("unknown option '--test-fixed-salt'") != std::string::npos);
  ProcessResult help = run_command(quote(binary) + " --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("salt") == std::string::npos);
  CHECK(help.out.find("FIXED") == std::string::npos);
  CHECK(!fs::exists(work / "e"));
}

TEST_CASE("the archive PDF declares PDF/A-1b with XMP metadata, an sRGB output intent and embedded fonts") {
  for (const char* layout : layouts) {
    std::string archive = all_profiles().file(layout, ".archive.pdf");
    std::string pdf = uncompressed(archive);
    CHECK(pdf.find("<pdfaid:part>1</pdfaid:part>") != std::string::npos);
    CHECK(pdf.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
    CHECK(pdf.find("What is renal cell cancer bone metastasis?") != std::string::npos);
    CHECK(pdf.find("/OutputIntents") != std::string::npos);
    CHECK(pdf.find("/GTS_PDFA1") != std::string::npos);
    CHECK(pdf.find("/Encrypt") == std::string::npos);
    ProcessResult fonts = run_command("pdffonts " + quote(archive));
    std::istringstream lines(fonts.out);
    std::string line;
    std::getline(lines, line);
    std::getline(lines, line);
    int listed = 0;
    while (std::getline(lines, line)) {
      ++listed;
      INFO(line);
      CHECK(std::regex_search(line, std::regex(R"(\byes\s+yes\s+yes\b)")));
    }
    CHECK(listed >= 2);
  }
}

TEST_CASE("profile mistakes are clear errors that write nothing") {
  TempFolder work;
  ProcessResult unknown = build(article + " --profile fax --out " + quote(work.path()));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown profile 'fax'") != std::string::npos);

  write_text(work / "fax.toml", "[output]\nprofile = \"fax\"\n");
  ProcessResult in_layout = build(article + " --layout " + quote(work / "fax.toml") + " --out " + quote(work / "out"));
  CHECK(in_layout.exit_code == 1);
  CHECK(in_layout.err.find("fax.toml:2:11: error: 'output.profile' is \"fax\"") != std::string::npos);

  ProcessResult password = build(article + " --profile print --password secret --out " + quote(work / "out"));
  CHECK(password.exit_code == 2);
  CHECK(password.err.find("encrypts only the email profile") != std::string::npos);

  write_text(work / "no-icc.toml", "[output]\nprofile = \"archive\"\nicc_profile = \"/nonexistent/sRGB.icc\"\n");
  ProcessResult icc = build(article + " --layout " + quote(work / "no-icc.toml") + " --out " + quote(work / "out"));
  CHECK(icc.exit_code == 1);
  CHECK(icc.err.find("no-icc.toml:3:15: error: ICC profile '/nonexistent/sRGB.icc' not found") != std::string::npos);
  ProcessResult accessible_icc = build(article + " --layout " + quote(work / "no-icc.toml") +
                                       " --profile archive-accessible --out " + quote(work / "out"));
  CHECK(accessible_icc.exit_code == 1);
  CHECK(accessible_icc.err.find("no-icc.toml:3:15: error: ICC profile '/nonexistent/sRGB.icc' not found") != std::string::npos);
  CHECK(output_files(work / "out").empty());
}

TEST_CASE("previews of pages a document no longer has are removed") {
  TempFolder work;
  std::string source = read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/" + article);
  write_text(work / "a.md", source);
  std::string command = quote(work / "a.md") + " --layout patient-handout --profile preview --dpi 20 --out " +
                        quote(work / "out");
  REQUIRE(build(command).exit_code == 0);
  REQUIRE(fs::exists(work / "out/a.patient-handout.preview-3.png"));
  write_text(work / "a.md", source.substr(0, source.find("## Renal cell cancer bone metastasis introduction")));
  REQUIRE(build(command).exit_code == 0);
  CHECK(fs::exists(work / "out/a.patient-handout.preview-1.png"));
  CHECK_FALSE(fs::exists(work / "out/a.patient-handout.preview-3.png"));
}
