// End-to-end tests of faulty input: a figure taller than a column and a word wider than one in
// every profile, damaged fonts, a folder given as an article or as a layout, a link with an
// empty target, and a watched content folder deleted and made again.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"
#include "support/test_images.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string front_matter =
    "+++\ntitle = \"Faulty input\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n";

ProcessResult build(const std::string& article, const std::string& arguments) {
  return run_command(quote(binary) + " build --no-project " + quote(article) + " " + arguments);
}

// Rows [top, bottom) and columns [left, right) of an image hold a pixel for which `is` holds.
template <typename Is>
bool any_pixel(const RgbImage& image, int left, int top, int right, int bottom, Is is) {
  for (int y = std::max(0, top); y < std::min(image.height, bottom); ++y)
    for (int x = std::max(0, left); x < std::min(image.width, right); ++x)
      if (is(image.at(x, y))) return true;
  return false;
}

bool is_quadrant_colour(const unsigned char* p) {
  for (const Rgb8& colour : quadrant_colours)
    if (std::abs(p[0] - colour.red) < 40 && std::abs(p[1] - colour.green) < 40 && std::abs(p[2] - colour.blue) < 40)
      return true;
  return false;
}

bool is_ink(const unsigned char* p) { return p[0] < 200 || p[1] < 200 || p[2] < 200; }

// Millimetres at 60 dpi.
int pixels(double mm) { return static_cast<int>(mm / 25.4 * 60); }

std::string without_spaces(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

}  // namespace

TEST_CASE("a figure taller than a column is scaled to fit it in every profile, with a warning at its place") {
  TempFolder work;
  write_quadrants_png(work / "tall.png", 600, 4000);
  // The figure stands on line 10, its file name at column 15.
  write_text(work / "tall.md", front_matter + "Before the figure.\n\n![A tall one](tall.png \"A tall figure\")\n\n"
                                              "After the figure.\n");
  ProcessResult result = build(work / "tall.md", "--layout patient-handout --profile print --profile email "
                                                 "--profile archive --profile preview --dpi 60 --out " +
                                                     quote(work.path()));
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find(work / "tall.md" +
                        ":10:15: warning: the image (600 x 4000 px) is taller than the column: scaled down to ") !=
        std::string::npos);
  std::vector<RgbImage> pages;
  for (const char* suffix : {".pdf", ".email.pdf", ".archive.pdf"}) {
    std::string pdf = work / (std::string("tall.patient-handout") + suffix);
    CHECK(run_command("qpdf --check " + quote(pdf)).exit_code == 0);
    CHECK(pdf_text(pdf).find("A tall figure") != std::string::npos);  // the caption, after the picture
    for (RgbImage& page : render_rgb(pdf, 60)) pages.push_back(std::move(page));
  }
  for (const std::string& file : output_files(work.path()))
    if (file.ends_with(".png") && file.find("preview") != std::string::npos) pages.push_back(read_png_rgb(work / file));
  int shown = 0;
  for (const RgbImage& page : pages) {
    // The picture stays between the margins (24 mm): never over the running heads or off the page.
    CHECK_FALSE(any_pixel(page, 0, 0, page.width, pixels(24) - 1, is_quadrant_colour));
    CHECK_FALSE(any_pixel(page, 0, page.height - pixels(24) + 1, page.width, page.height, is_quadrant_colour));
    if (any_pixel(page, 0, 0, page.width, page.height, is_quadrant_colour)) ++shown;
  }
  CHECK(shown == 4);  // once in each profile
}

TEST_CASE("a word wider than a column and its margin is broken inside, unhyphenated, with a warning at the word") {
  TempFolder work;
  std::string word;
  while (word.size() < 200) word += "Pneumonoultramicroscopicsilicovolcanoconiosis";
  word.resize(200);
  write_text(work / "narrow.toml", "[page]\ncolumns = 4\nmargin_left = \"20mm\"\nmargin_right = \"20mm\"\n");
  write_text(work / "long.md", front_matter + "Before " + word + " after.\n\nSee https://example.org/" + word +
                                   " for more.\n\n| a | b |\n|---|---|\n| x | " + word + " |\n");
  for (const char* profile : {"print", "archive"}) {
    ProcessResult result = build(work / "long.md", "--layout " + quote(work / "narrow.toml") + " --profile " + profile +
                                                       " --out " + quote(work.path()));
    INFO(profile << ": " << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    // The three long words, each once, and no ordinary word; the table says it was cut first.
    CHECK(std::regex_search(result.err, std::regex("^([^\n]*(was broken inside the word|the table is too wide for its "
                                                   "column [^\n]*: words in its cells are broken)\n){4}$")));
    CHECK(result.err.find("long.md:12:3: warning: the table is too wide for its column") != std::string::npos);
    CHECK(result.err.find("long.md:8:8: warning: 'Pneumonoultramicroscopicsilicovolcanoco") != std::string::npos);
    CHECK(result.err.find("long.md:10:5: warning: 'https://example.org/Pneumonoultramicros") != std::string::npos);
    CHECK(result.err.find("long.md:14:7: warning: 'Pneumonoultramicroscopicsilicovolcanoco") != std::string::npos);
    std::string pdf = work / (std::string("long.narrow") + (profile == std::string("print") ? ".pdf" : ".archive.pdf"));
    // Every letter reaches the page, in order, and no hyphen is inserted where the word breaks.
    CHECK(without_spaces(pdf_text(pdf)).find("Before" + word + "after.") != std::string::npos);
    CHECK(without_spaces(pdf_text(pdf)).find("https://example.org/" + word + "formore.") != std::string::npos);
    for (const RgbImage& page : render_rgb(pdf, 60))
      CHECK_FALSE(any_pixel(page, page.width - pixels(20) + 1, 0, page.width, page.height, is_ink));
  }
}

TEST_CASE("a table row taller than a column is cut into parts between its lines, losing no text") {
  TempFolder work;
  std::string word;
  // Cut between letters, some 150 lines of a narrow cell: taller than a column.
  while (word.size() < 1200) word += "Pneumonoultramicroscopicsilicovolcanoconiosis";
  write_text(work / "narrow.toml", "[page]\ncolumns = 4\n");
  write_text(work / "wide.md", front_matter + "Before.\n\n| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n| 1 | " +
                                   word + " | 2 | 3 | 4 | 5 |\n");
  for (const char* profile : {"print", "archive"}) {
    TempFolder out;
    ProcessResult result = build(work / "wide.md", "--layout " + quote(work / "narrow.toml") + " --profile " + profile +
                                                       " --out " + quote(out.path()));
    INFO(profile << ": " << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.find(work / "wide.md" + ":10:3: warning: the table is too wide for its column") != std::string::npos);
    std::string pdf = out / (std::string("wide.narrow") + (profile == std::string("print") ? ".pdf" : ".archive.pdf"));
    // Every letter of the cell reaches the page, in order (the cells beside it, numbers, come
    // between its parts), and the cells beside it too.
    std::string text = without_spaces(pdf_text(pdf, "-raw"));
    for (const char* cell : {"1", "2", "3", "4", "5"}) CHECK(text.find(cell) != std::string::npos);
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }), text.end());
    CHECK(text.find(word) != std::string::npos);
    // Nothing runs over the footer's margin: no ink in the bottom 20 mm of any page.
    for (const RgbImage& page : render_rgb(pdf, 60))
      CHECK_FALSE(any_pixel(page, 0, page.height - pixels(20) + 1, page.width, page.height, is_ink));
  }
}

TEST_CASE("a damaged font file stops the build with an error naming the file") {
  TempFolder work;
  const std::string regular = "atkinson-hyperlegible/AtkinsonHyperlegible_400Regular.ttf";
  fs::copy(source_dir + "/fonts", work / "cut", fs::copy_options::recursive);
  fs::copy(source_dir + "/fonts", work / "flipped", fs::copy_options::recursive);
  std::string bytes = read_bytes(source_dir + "/fonts/" + regular);
  write_text(work / ("cut/" + regular), bytes.substr(0, 20000));
  std::mt19937 random(8);
  for (int i = 0; i < 20; ++i) bytes[64 + random() % (bytes.size() - 64)] ^= static_cast<char>(0x5A);
  write_text(work / ("flipped/" + regular), bytes);
  for (const char* folder : {"cut", "flipped"}) {
    ProcessResult result = build(source_dir + "/content/rcc-bone-metastasis.md",
                                 "--layout patient-handout --fonts " + quote(work / folder) + " --out " +
                                     quote(work / "out"));
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.rfind(work / (std::string(folder) + "/" + regular) + ": error: damaged font file", 0) == 0);
    CHECK(output_files(work / "out").empty());
  }
}

TEST_CASE("a folder given as CONTENT stands for its .md files, and a layout that is a folder is an error") {
  SampleProject project;
  write_text(project.root / "content/notes.txt", "not an article");
  ProcessResult result = project.build("--no-project content --layout patient-handout");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(counts(result).built == 2);
  CHECK(wrote(result, "bone.patient-handout.pdf"));
  CHECK(wrote(result, "short.patient-handout.pdf"));

  fs::create_directories(project.root / "layouts/folder.toml");
  for (const char* layout : {"layouts/", "layouts/folder.toml"}) {
    TempFolder out;
    ProcessResult bad = project.build(std::string("--no-project content/bone.md --layout ") + layout + " --out " +
                                      quote(out.path()));
    INFO(bad.out << bad.err);
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find(std::string(layout) + ": error: cannot read file: this is a folder, not a regular file") !=
          std::string::npos);
    CHECK(output_files(out.path()).empty());
  }
}

TEST_CASE("a link with an empty target is set as plain text in every profile, with a warning at its place") {
  TempFolder work;
  write_text(work / "empty.md", front_matter + "Ask at [the front desk]() for the leaflet.\n");
  ProcessResult result = build(work / "empty.md", "--layout patient-handout --profile print --profile email "
                                                  "--profile archive --profile preview --dpi 30 --out " +
                                                      quote(work.path()));
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("empty.md:8:9: warning: link without a target is set as plain text") != std::string::npos);
  for (const char* suffix : {".pdf", ".email.pdf", ".archive.pdf"}) {
    std::string pdf = work / (std::string("empty.patient-handout") + suffix);
    CHECK(pdf_text(pdf).find("Ask at the front desk for the leaflet.") != std::string::npos);
    CHECK(uncompressed(pdf).find("/Link") == std::string::npos);
  }
  CHECK(fs::exists(work / "empty.patient-handout.preview-1.png"));
}

TEST_CASE("watch watches a content folder again when it is deleted and made again") {
  SampleProject project;
  std::unique_ptr<BackgroundProcess> watcher = project.watch({"--layout", "patient-handout"});
  auto out = [&] { return read_bytes(project.root / "watch.out"); };
  auto err = [&] { return read_bytes(project.root / "watch.err"); };
  INFO(out() << err());
  REQUIRE(eventually([&] { return out().find("watching for changes") != std::string::npos; }));

  fs::remove_all(project.root / "content");
  REQUIRE(eventually([&] { return err().find("'content' names 'content'") != std::string::npos; }));
  fs::create_directories(project.root / "content");
  write_text(project.root / "content/back.md", read_bytes(source_dir + "/content/rcc-bone-metastasis.md"));
  CHECK(eventually([&] { return fs::exists(project.file("back.patient-handout.pdf")); }));
  // And again, with the folder moved away and back this time.
  fs::rename(project.root / "content", project.root / "away");
  fs::rename(project.root / "away", project.root / "content");
  write_text(project.root / "content/again.md", read_bytes(source_dir + "/content/rcc-bone-metastasis.md"));
  CHECK(eventually([&] { return fs::exists(project.file("again.patient-handout.pdf")); }));

  watcher->signal(SIGINT);
  std::optional<int> status = watcher->wait_for_exit(30);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
}
