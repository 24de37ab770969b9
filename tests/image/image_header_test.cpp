#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "image/image_header.h"
#include "image/jpeg_codec.h"
#include "paint/cairo_image.h"
#include "support/test_images.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

// A folder of its own for each test case, removed afterwards.
struct Folder {
  fs::path path;
  Folder() {
    path = fs::temp_directory_path() / ("handout-image-test-" + std::to_string(std::rand()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

const SourcePlace place{"article.md", 12, 5};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// The error `read` throws, which must be at `place`.
template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.path == place.path);
    CHECK(error.diagnostic().place.line == place.line);
    CHECK(error.diagnostic().place.column == place.column);
    return error.diagnostic().message;
  }
  FAIL("no error");
  return {};
}

bool near(int a, int b) { return std::abs(a - b) <= 12; }

}  // namespace

TEST_CASE("PNG and JPEG headers give the format and the pixel size") {
  Folder folder;
  write_quadrants_png(folder / "a.png", 301, 77);
  ImageHeader png = read_image_header(folder / "a.png", place);
  CHECK(png.format == ImageFormat::png);
  CHECK(png.width == 301);
  CHECK(png.height == 77);
  for (JpegKind kind : {JpegKind::baseline, JpegKind::progressive, JpegKind::grey}) {
    write_quadrants_jpeg(folder / "a.jpg", 123, 457, kind);
    ImageHeader jpeg = read_image_header(folder / "a.jpg", place);
    CHECK(jpeg.format == ImageFormat::jpeg);
    CHECK(jpeg.width == 123);
    CHECK(jpeg.height == 457);
  }
}

TEST_CASE("the format comes from the file's content, not its name") {
  Folder folder;
  write_quadrants_jpeg(folder / "photo.png", 40, 30);
  write_quadrants_png(folder / "drawing.jpg", 50, 20);
  CHECK(read_image_header(folder / "photo.png", place).format == ImageFormat::jpeg);
  CHECK(read_image_header(folder / "drawing.jpg", place).format == ImageFormat::png);
  write_file(folder / "noname", read_file(folder / "photo.png"));
  CHECK(read_image_header(folder / "noname", place).width == 40);
}

TEST_CASE("files that are not readable images are errors at the image's place") {
  Folder folder;
  CHECK_THAT(error_of([&] { read_image_header(folder / "missing.jpg", place); }), Catch::Contains("not found"));
  write_file(folder / "anim.gif", std::string("GIF89a\x10\x00\x10\x00", 10));
  CHECK_THAT(error_of([&] { read_image_header(folder / "anim.gif", place); }),
             Catch::Contains("is a GIF image; only PNG and JPEG images are supported"));
  write_file(folder / "notes.jpg", "These are notes, not a picture.");
  CHECK_THAT(error_of([&] { read_image_header(folder / "notes.jpg", place); }), Catch::Contains("not a PNG or JPEG"));
  write_file(folder / "empty.png", "");
  CHECK_THAT(error_of([&] { read_image_header(folder / "empty.png", place); }), Catch::Contains("empty file"));
  // A PNG signature followed by something that is no IHDR chunk.
  write_file(folder / "bad.png", "\x89PNG\r\n\x1A\nthis is not a chunk at all");
  CHECK_THAT(error_of([&] { read_image_header(folder / "bad.png", place); }), Catch::Contains("damaged PNG"));
  // A JPEG cut off inside its header.
  write_quadrants_jpeg(folder / "whole.jpg", 64, 64);
  write_file(folder / "cut.jpg", read_file(folder / "whole.jpg").substr(0, 40));
  CHECK_THAT(error_of([&] { read_image_header(folder / "cut.jpg", place); }),
             Catch::Contains("is not a readable JPEG file"));
}

TEST_CASE("JPEGs a PDF cannot carry as they are are errors that say why") {
  Folder folder;
  write_quadrants_jpeg(folder / "cmyk.jpg", 32, 32, JpegKind::cmyk);
  CHECK_THAT(error_of([&] { read_image_header(folder / "cmyk.jpg", place); }), Catch::Contains("CMYK"));
  write_quadrants_jpeg(folder / "arith.jpg", 32, 32, JpegKind::arithmetic);
  CHECK_THAT(error_of([&] { read_image_header(folder / "arith.jpg", place); }), Catch::Contains("arithmetic"));
}

TEST_CASE("a JPEG decodes to its pixels, upright and in its colours") {
  Folder folder;
  write_quadrants_jpeg(folder / "a.jpg", 80, 60);
  RgbPixels pixels = decode_jpeg(read_file(folder / "a.jpg"), "a.jpg", place);
  REQUIRE(pixels.width == 80);
  REQUIRE(pixels.height == 60);
  REQUIRE(pixels.rgb.size() == 80u * 60u * 3u);
  const int centres[4][2] = {{20, 15}, {60, 15}, {20, 45}, {60, 45}};
  for (int quadrant = 0; quadrant < 4; ++quadrant) {
    const unsigned char* pixel = &pixels.rgb[(std::size_t(centres[quadrant][1]) * 80 + std::size_t(centres[quadrant][0])) * 3];
    INFO("quadrant " << quadrant);
    CHECK(near(pixel[0], quadrant_colours[quadrant].red));
    CHECK(near(pixel[1], quadrant_colours[quadrant].green));
    CHECK(near(pixel[2], quadrant_colours[quadrant].blue));
  }
  // A grey JPEG comes out as RGB with three equal channels.
  write_quadrants_jpeg(folder / "grey.jpg", 16, 16, JpegKind::grey);
  RgbPixels grey = decode_jpeg(read_file(folder / "grey.jpg"), "grey.jpg", place);
  CHECK(grey.rgb[0] == grey.rgb[1]);
  CHECK(grey.rgb[1] == grey.rgb[2]);
}

TEST_CASE("a JPEG whose data is cut short is an error when it is decoded, though its header reads") {
  Folder folder;
  write_quadrants_jpeg(folder / "whole.jpg", 200, 200);
  std::string bytes = read_file(folder / "whole.jpg");
  write_file(folder / "cut.jpg", bytes.substr(0, bytes.size() * 2 / 3));
  CHECK(read_image_header(folder / "cut.jpg", place).width == 200);
  CHECK_THAT(error_of([&] { decode_jpeg(read_file(folder / "cut.jpg"), "cut.jpg", place); }),
             Catch::Contains("cut.jpg") && Catch::Contains("not a readable JPEG"));
  CHECK_THAT(error_of([&] { load_cairo_image(folder / "cut.jpg", place); }), Catch::Contains("not a readable JPEG"));
}

TEST_CASE("a JPEG painted by Cairo keeps its own bytes, so PDFs embed it as it is") {
  Folder folder;
  write_quadrants_jpeg(folder / "a.jpg", 90, 70, JpegKind::progressive);
  CairoSurfacePtr surface = load_cairo_image(folder / "a.jpg", place);
  CHECK(cairo_image_surface_get_width(surface.get()) == 90);
  CHECK(cairo_image_surface_get_height(surface.get()) == 70);
  const unsigned char* data = nullptr;
  unsigned long length = 0;
  cairo_surface_get_mime_data(surface.get(), CAIRO_MIME_TYPE_JPEG, &data, &length);
  REQUIRE(data);
  CHECK(std::string(reinterpret_cast<const char*>(data), length) == read_file(folder / "a.jpg"));
  // The top-left pixel is the red quadrant's (Cairo's RGB24 is 0xXXRRGGBB in native order).
  auto first = *reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(surface.get()));
  CHECK(near(int(first >> 16 & 0xFF), quadrant_colours[0].red));
  CHECK(near(int(first >> 8 & 0xFF), quadrant_colours[0].green));
  // A PNG has no JPEG bytes to keep; a damaged one is an error at its place.
  write_quadrants_png(folder / "a.png", 30, 30, true);
  CairoSurfacePtr png = load_cairo_image(folder / "a.png", place);
  data = nullptr;
  cairo_surface_get_mime_data(png.get(), CAIRO_MIME_TYPE_JPEG, &data, &length);
  CHECK_FALSE(data);
  std::string png_bytes = read_file(folder / "a.png");
  write_file(folder / "cut.png", png_bytes.substr(0, png_bytes.size() - 30));
  CHECK_THAT(error_of([&] { load_cairo_image(folder / "cut.png", place); }), Catch::Contains("not a readable PNG"));
}

TEST_CASE("an image name too long for the system is an error at the place that names it") {
  // A running head's image comes from a template, so a project value can make it any length.
  try {
    read_image_header(std::string(300, 'i') + ".png", {"x.toml", 3, 1});
    FAIL("a name too long to exist must be an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.line == 3);
    CHECK(error.diagnostic().message.find("File name too long") != std::string::npos);
  }
}
