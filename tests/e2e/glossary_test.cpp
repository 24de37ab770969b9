// End-to-end tests of the words-to-know glossary: the box in the handout's text, not in the
// summary; a glossary edit rebuilds what uses it; its mistakes and the words it misses are
// reported at their places.
#include <catch2/catch.hpp>

#include <filesystem>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

// The sample project with the bundled glossary beside its articles.
struct GlossaryProject {
  SampleProject project;
  GlossaryProject() { fs::copy_file(source_dir + "/content/glossary.toml", project.root / "content/glossary.toml"); }
};

int line_of(const std::string& text, const std::string& words) {
  std::size_t at = text.find(words);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace

TEST_CASE("the handout lists the words its article uses; the summary has no box") {
  GlossaryProject sample;
  ProcessResult result = sample.project.build();
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("warning") == std::string::npos);  // the bundled glossary explains every watched word
  std::string handout = pdf_text(sample.project.file("bone.patient-handout.pdf"));
  std::size_t box = handout.find("Words to know");
  REQUIRE(box != std::string::npos);
  // After the article's last words, in order of first use, with how to say them.
  CHECK(box > handout.find("new hope"));
  std::size_t carcinoma = handout.find("Renal cell carcinoma (sounds like", box);
  std::size_t nephrectomy = handout.find("Nephrectomy (sounds like \u201cneh-FREK-tuh-mee\u201d): an operation", box);
  std::size_t targeted = handout.find("Targeted therapy: medicines", box);
  CHECK(carcinoma != std::string::npos);
  CHECK(nephrectomy != std::string::npos);
  CHECK(targeted != std::string::npos);
  CHECK(carcinoma < nephrectomy);
  CHECK(nephrectomy < targeted);
  // A term the article never uses is not listed.
  CHECK(handout.find("Radiotherapy") == std::string::npos);
  CHECK(pdf_text(sample.project.file("bone.clinician-summary.pdf")).find("Words to know") == std::string::npos);
  // The shorter article uses fewer terms: no targeted therapy.
  std::string shorter = pdf_text(sample.project.file("short.patient-handout.pdf"));
  REQUIRE(shorter.find("Words to know") != std::string::npos);
  CHECK(shorter.find("Targeted therapy:") == std::string::npos);
}

TEST_CASE("editing the glossary rebuilds the outputs that use it, and its mistakes are placed") {
  GlossaryProject sample;
  SampleProject& project = sample.project;
  REQUIRE(project.build().exit_code == 0);
  const std::string path = project.root / "content/glossary.toml";
  std::string glossary = read_bytes(path);
  write_text(path, glossary + "\n[[term]]\nterm = \"pelvis\"\ndefinition = \"the ring of bones at the hips\"\n");
  ProcessResult edited = project.build();
  INFO(edited.out << edited.err);
  // Two articles x three variants of the handout; the summaries have no glossary.
  CHECK(counts(edited).built == 6);
  CHECK(counts(edited).up_to_date == 6);
  CHECK(pdf_text(project.file("bone.patient-handout.pdf")).find("Pelvis: the ring of bones") != std::string::npos);

  write_text(path, glossary + "\n[[term]]\nterm = \"pelvis\"\n");
  ProcessResult broken = project.build();
  INFO(broken.out << broken.err);
  CHECK(broken.exit_code != 0);
  const int line = line_of(glossary + "\n[[term]]\nterm = \"pelvis\"\n", "[[term]]\nterm = \"pelvis\"");
  CHECK(broken.err.find("content/glossary.toml:" + std::to_string(line) + ":1: error: missing key 'term[") !=
        std::string::npos);
  CHECK(counts(broken).failed == 6);
}

TEST_CASE("a watched word without a definition is a warning at its own line and column") {
  GlossaryProject sample;
  SampleProject& project = sample.project;
  const std::string article_path = project.root / "content/short.md";
  std::string article = read_bytes(article_path);
  std::string added = "Some patients had a splenectomy before.\n\n";
  std::size_t at = article.find("About 33% of patients");
  REQUIRE(at != std::string::npos);
  article.insert(at, added);
  write_text(article_path, article);
  ProcessResult result = project.build();
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  // At the word's own line and column.
  const std::string place = "content/short.md:" + std::to_string(line_of(article, "Some patients had")) + ":21: ";
  CHECK(result.err.find(place + "warning: 'splenectomy' looks like a medical term (watch list \"-ectomy\") but "
                                "content/glossary.toml does not explain it") != std::string::npos);

  // `handout check` gives the same warning, without writing anything.
  ProcessResult check = run_command("cd " + quote(project.root.path()) + " && " + quote(binary) + " check", 60);
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.err.find(place + "warning: 'splenectomy' looks like a medical term") != std::string::npos);
}

TEST_CASE("a layout's mark colour paints the first uses, and only with it") {
  GlossaryProject sample;
  SampleProject& project = sample.project;
  auto red_pixels = [&](const std::string& pdf) {
    int red = 0;
    std::vector<RgbImage> pages = render_rgb(pdf, 100);
    REQUIRE(!pages.empty());
    const RgbImage& page = pages.front();
    for (int y = 0; y < page.height; ++y)
      for (int x = 0; x < page.width; ++x) {
        const unsigned char* p = page.at(x, y);
        red += p[0] > 140 && p[0] - p[1] > 80 && p[0] - p[2] > 80;
      }
    return red;
  };
  REQUIRE(project.build("content/bone.md --layout patient-handout --no-project").exit_code == 0);
  CHECK(red_pixels(project.file("bone.patient-handout.pdf")) == 0);
  const std::string layout_path = project.root / "layouts/patient-handout.toml";
  std::string layout = read_bytes(layout_path);
  std::size_t at = layout.find("mark_bold = true");
  REQUIRE(at != std::string::npos);
  layout.insert(at, "mark_colour = \"#c00000\"\n");
  write_text(layout_path, layout);
  ProcessResult result = project.build("content/bone.md --layout patient-handout --no-project");
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(red_pixels(project.file("bone.patient-handout.pdf")) > 20);
}
