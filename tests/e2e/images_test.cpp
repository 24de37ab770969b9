// End-to-end tests of images: PNG and JPEG figures and logos in every profile, JPEGs embedded as
// they are, pictures shown upright and in their colours, a figure's alt text and caption, and
// unreadable images failing at their place.
#include <catch2/catch.hpp>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "support/test_images.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string source_dir = HANDOUT_SOURCE_DIR;

const std::string front_matter =
    "+++\ntitle = \"Figures\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n";

// An article whose line 10 is a figure showing `image`.
std::string figure_article(const std::string& image, const std::string& alt = "A bone scan, front view",
                           const std::string& title = "Figure 1: Bone scan of the spine") {
  std::string figure = "![" + alt + "](" + image + (title.empty() ? "" : " \"" + title + "\"") + ")";
  return front_matter + "Before the figure.\n\n" + figure + "\n\nAfter the figure.\n";
}

ProcessResult build(const std::string& article, const std::string& arguments) {
  return run_command(quote(binary) + " build --no-project " + quote(article) + " --layout patient-handout " +
                     arguments);
}

struct Box {
  int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1, pixels = 0;
  double width() const { return right - left + 1; }
  double height() const { return bottom - top + 1; }
  double centre_x() const { return (left + right) / 2.0; }
  double centre_y() const { return (top + bottom) / 2.0; }
};

// Where the pixels close to `colour` are.
Box box_of(const RgbImage& image, const Rgb8& colour) {
  Box box;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const unsigned char* p = image.at(x, y);
      if (std::abs(p[0] - colour.red) > 40 || std::abs(p[1] - colour.green) > 40 || std::abs(p[2] - colour.blue) > 40)
        continue;
      box.left = std::min(box.left, x);
      box.right = std::max(box.right, x);
      box.top = std::min(box.top, y);
      box.bottom = std::max(box.bottom, y);
      ++box.pixels;
    }
  return box;
}

// The quadrants picture is on the page: each quadrant where it belongs (so the picture is
// neither mirrored nor upside down), in its colour, `width` × `height` pixels in all with no
// stretching, and nothing else on the page in its colours.
void check_quadrants(const RgbImage& page, double width, double height) {
  Box boxes[4];
  for (int quadrant = 0; quadrant < 4; ++quadrant) {
    boxes[quadrant] = box_of(page, quadrant_colours[quadrant]);
    INFO("quadrant " << quadrant << " at " << boxes[quadrant].left << "," << boxes[quadrant].top << " size "
                     << boxes[quadrant].width() << " x " << boxes[quadrant].height());
    REQUIRE(boxes[quadrant].pixels > 0);
    CHECK(std::abs(boxes[quadrant].width() - width / 2) <= 2);
    CHECK(std::abs(boxes[quadrant].height() - height / 2) <= 2);
    // Solid: the box is filled with the colour (edges blend with their neighbours).
    CHECK(boxes[quadrant].pixels >= 0.8 * boxes[quadrant].width() * boxes[quadrant].height());
  }
  const Box &top_left = boxes[0], &top_right = boxes[1], &bottom_left = boxes[2], &bottom_right = boxes[3];
  CHECK(top_left.right < top_right.left);
  CHECK(std::abs(top_left.centre_y() - top_right.centre_y()) <= 1);
  CHECK(top_left.bottom < bottom_left.top);
  CHECK(std::abs(top_left.centre_x() - bottom_left.centre_x()) <= 1);
  CHECK(bottom_left.right < bottom_right.left);
  CHECK(top_right.bottom < bottom_right.top);
}

// The image lines of `pdfimages -list`.
std::vector<std::string> listed_images(const std::string& pdf) {
  ProcessResult list = run_command("pdfimages -list " + quote(pdf) + " 2>/dev/null");
  REQUIRE(list.exit_code == 0);
  std::vector<std::string> lines;
  std::regex image_line(R"(^\s*\d+\s+\d+\s+(image|smask|mask)\s)");
  std::size_t start = 0;
  while (start < list.out.size()) {
    std::size_t end = list.out.find('\n', start);
    if (end == std::string::npos) end = list.out.size();
    std::string line = list.out.substr(start, end - start);
    if (std::regex_search(line, image_line)) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("a JPEG figure is embedded as JPEG in print and archive, and shown upright in every profile") {
  TempFolder work;
  write_quadrants_jpeg(work / "scan.jpg", 240, 160);
  write_text(work / "figure.md", figure_article("scan.jpg"));
  ProcessResult result =
      build(work / "figure.md", "--profile print --profile archive --profile preview --dpi 60 --out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("warning") == std::string::npos);
  // 240 × 160 pixels at 150 dpi are 115.2 × 76.8 pt: 96 × 64 pixels at 60 dpi.
  const double width = 96, height = 64;
  for (const char* suffix : {".pdf", ".archive.pdf"}) {
    std::string pdf = work / (std::string("figure.patient-handout") + suffix);
    INFO(pdf);
    CHECK(run_command("qpdf --check " + quote(pdf)).exit_code == 0);
    std::vector<std::string> images = listed_images(pdf);
    REQUIRE(images.size() == 1);
    CHECK(std::regex_search(images[0], std::regex(R"(\bimage\s+240\s+160\s+rgb\s+3\s+8\s+jpeg\s)")));
    // Not re-encoded: the DCT stream pdfimages takes out is the file, byte for byte.
    TempFolder extracted;
    REQUIRE(run_command("pdfimages -j " + quote(pdf) + " " + quote(extracted / "x") + " 2>/dev/null").exit_code == 0);
    CHECK(read_bytes(extracted / "x-000.jpg") == read_bytes(work / "scan.jpg"));
    std::string text = pdf_text(pdf);
    CHECK(text.find("Figure 1: Bone scan of the spine") != std::string::npos);
    CHECK(text.find("A bone scan, front view") == std::string::npos);  // the description is not printed
    std::vector<RgbImage> pages = render_rgb(pdf, 60);
    REQUIRE(pages.size() == 1);
    check_quadrants(pages[0], width, height);
  }
  // The tagged PDF's Figure carries the alt text as its alternative text.
  CHECK(uncompressed(work / "figure.patient-handout.pdf").find("/Alt (A bone scan, front view)") != std::string::npos);
  check_quadrants(read_png_rgb(work / "figure.patient-handout.preview-1.png"), width, height);
}

TEST_CASE("grey and progressive JPEGs, and a JPEG named .png, are figures too") {
  TempFolder work;
  write_quadrants_jpeg(work / "grey.jpg", 200, 100, JpegKind::grey);
  write_quadrants_jpeg(work / "progressive.jpg", 200, 100, JpegKind::progressive);
  write_quadrants_jpeg(work / "photo.png", 200, 100);
  write_text(work / "figures.md", front_matter + "![Grey](grey.jpg)\n\n![Progressive](progressive.jpg)\n\n"
                                                 "![Misnamed](photo.png)\n");
  ProcessResult result = build(work / "figures.md", "--profile print --profile archive --out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  for (const char* suffix : {".pdf", ".archive.pdf"}) {
    std::string pdf = work / (std::string("figures.patient-handout") + suffix);
    INFO(pdf);
    CHECK(run_command("qpdf --check " + quote(pdf)).exit_code == 0);
    std::vector<std::string> images = listed_images(pdf);
    REQUIRE(images.size() == 3);
    CHECK(std::regex_search(images[0], std::regex(R"(\s200\s+100\s+gray\s+1\s+8\s+jpeg\s)")));
    CHECK(std::regex_search(images[1], std::regex(R"(\s200\s+100\s+rgb\s+3\s+8\s+jpeg\s)")));
    CHECK(std::regex_search(images[2], std::regex(R"(\s200\s+100\s+rgb\s+3\s+8\s+jpeg\s)")));
  }
}

TEST_CASE("without a title, a figure's alt text is both its caption and its alternative text") {
  TempFolder work;
  write_quadrants_png(work / "scan.png", 120, 80);
  write_text(work / "figure.md", figure_article("scan.png", "Bone scan of the spine", ""));
  ProcessResult result = build(work / "figure.md", "--out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string pdf = work / "figure.patient-handout.pdf";
  CHECK(pdf_text(pdf).find("Bone scan of the spine") != std::string::npos);
  CHECK(uncompressed(pdf).find("/Alt (Bone scan of the spine)") != std::string::npos);
}

TEST_CASE("the archive PDF has no transparency: a PNG's alpha is flattened onto the page") {
  TempFolder work;
  write_quadrants_png(work / "soft.png", 120, 80, true);
  write_text(work / "figure.md", figure_article("soft.png"));
  ProcessResult result = build(work / "figure.md", "--profile print --profile archive --out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string archive = work / "figure.patient-handout.archive.pdf";
  CHECK(run_command("qpdf --check " + quote(archive)).exit_code == 0);
  std::vector<std::string> images = listed_images(archive);
  REQUIRE(images.size() == 1);
  CHECK(std::regex_search(images[0], std::regex(R"(\bimage\s+120\s+80\s+rgb\s)")));
  CHECK(uncompressed(archive).find("/SMask") == std::string::npos);
  // The print PDF keeps the alpha channel; both look the same on the white page.
  CHECK(listed_images(work / "figure.patient-handout.pdf").size() == 2);
  RgbImage print_page = render_rgb(work / "figure.patient-handout.pdf", 60)[0];
  RgbImage archive_page = render_rgb(archive, 60)[0];
  REQUIRE(print_page.rgb.size() == archive_page.rgb.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < print_page.rgb.size(); ++i)
    if (std::abs(print_page.rgb[i] - archive_page.rgb[i]) > 64) ++differing;
  CHECK(differing < print_page.rgb.size() / 200);
}

TEST_CASE("an image that cannot be read fails its article at the image's line and column") {
  TempFolder work;
  write_text(work / "anim.png", std::string("GIF89a\x10\x00\x10\x00", 10));
  write_quadrants_jpeg(work / "cmyk.jpg", 64, 64, JpegKind::cmyk);
  write_quadrants_jpeg(work / "whole.jpg", 300, 300);
  std::string whole = read_bytes(work / "whole.jpg");
  write_text(work / "cut.jpg", whole.substr(0, whole.size() / 2));  // the header reads; the data is cut short
  struct Case {
    std::string image, profile, message;
  };
  const Case cases[] = {
      {"anim.png", "print", "is a GIF image; only PNG and JPEG images are supported"},
      {"missing.jpg", "print", "not found"},
      {"cmyk.jpg", "archive", "CMYK"},
      {"cut.jpg", "print", "is not a readable JPEG file"},
      {"cut.jpg", "archive", "is not a readable JPEG file"},
      {"cut.jpg", "preview", "is not a readable JPEG file"},
  };
  for (const Case& c : cases) {
    INFO(c.image << " in " << c.profile);
    write_text(work / "figure.md", figure_article(c.image, "Scan", ""));
    TempFolder out;
    ProcessResult result = build(work / "figure.md", "--profile " + c.profile + " --out " + quote(out.path()));
    INFO(result.err);
    CHECK(result.exit_code == 1);
    // Line 10, column 9: where `![Scan](` names the file.
    CHECK(result.err.find("figure.md:10:9: error: image") != std::string::npos);
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(output_files(out.path()).empty());
  }
}

TEST_CASE("a JPEG clinic logo is set in every page's header and embedded once") {
  TempFolder root;
  fs::create_directories(root / "content");
  fs::create_directories(root / "layouts");
  fs::copy_file(source_dir + "/layouts/patient-handout.toml", root / "layouts/patient-handout.toml");
  fs::copy_file(source_dir + "/content/rcc-bone-metastasis.md", root / "content/bone.md");
  write_quadrants_jpeg(root / "logo.jpg", 160, 160);
  write_text(root / "handout.toml",
             "content = [\"content\"]\nlayouts = [\"patient-handout\"]\nplain = false\n"
             "[variants.clinic.clinic]\nname = \"Clinic\"\nphone = \"0100 000 001\"\nlogo = \"logo.jpg\"\n");
  ProcessResult result = run_command("cd " + quote(root.path()) + " && " + quote(binary) + " build --fonts " +
                                     quote(source_dir + "/fonts") + " --profile print --profile archive");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  for (const char* name : {"out/bone.patient-handout.clinic.pdf", "out/bone.patient-handout.clinic.archive.pdf"}) {
    std::string pdf = root / name;
    INFO(pdf);
    CHECK(run_command("qpdf --check " + quote(pdf)).exit_code == 0);
    int pages = page_count(pdf);
    REQUIRE(pages > 1);
    std::vector<std::string> images = listed_images(pdf);
    REQUIRE(images.size() == static_cast<std::size_t>(pages));  // one on each page
    std::set<std::string> objects;
    std::smatch match;
    std::regex jpeg_object(R"(\s160\s+160\s+rgb\s+3\s+8\s+jpeg\s+\w+\s+(\d+)\s)");
    for (const std::string& line : images) {
      REQUIRE(std::regex_search(line, match, jpeg_object));
      objects.insert(match[1]);
    }
    CHECK(objects.size() == 1);  // the same object on every page
  }
}

TEST_CASE("the long fixture article's JPEG diagram keeps its bytes, caption and description") {
  TempFolder out;
  ProcessResult result = build(source_dir + "/tests/data/long-article.md",
                               "--profile print --profile archive --out " + quote(out.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  for (const char* suffix : {".pdf", ".archive.pdf"}) {
    std::string pdf = out / (std::string("long-article.patient-handout") + suffix);
    INFO(pdf);
    std::vector<std::string> images = listed_images(pdf);
    REQUIRE(images.size() == 1);
    CHECK(std::regex_search(images[0], std::regex(R"(\bimage\s+600\s+400\s+rgb\s+3\s+8\s+jpeg\s)")));
    CHECK(pdf_text(pdf).find("Figure 1. The parts of an artificial hip and where they sit in your bones") !=
          std::string::npos);
  }
  CHECK(uncompressed(out / "long-article.patient-handout.pdf").find("/Alt (Diagram of a hip joint: the pelvis") !=
        std::string::npos);
}

TEST_CASE("the bundled riverside logo, a PNG with transparency, is embedded once in every PDF profile") {
  TempFolder out;
  ProcessResult result = run_command("cd " + quote(source_dir) + " && " + quote(binary) + " build --quiet --out " +
                                     quote(out.path()) +
                                     " --layout patient-handout --profile print --profile email --profile archive");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  for (const char* suffix : {".pdf", ".email.pdf", ".archive.pdf"}) {
    std::string pdf = out / (std::string("rcc-bone-metastasis.patient-handout.riverside") + suffix);
    INFO(pdf);
    int pages = page_count(pdf);
    REQUIRE(pages > 1);
    std::vector<std::string> images = listed_images(pdf);
    std::set<std::string> objects;
    int shown = 0;
    std::smatch match;
    std::regex logo(R"(\s(image|smask)\s+160\s+160\s.*\s(\d+)\s+0\s+\d+\s+\d+\s)");
    for (const std::string& line : images) {
      REQUIRE(std::regex_search(line, match, logo));
      if (match[1] == "image") {
        ++shown;
        objects.insert(match[2]);
      }
    }
    CHECK(shown == pages);         // in every page's header
    CHECK(objects.size() == 1);    // and one image object for all of them
  }
}
