#include "image/jpeg_codec.h"

#include "image/image_format.h"

#include <fmt/format.h>

// jpeglib.h needs FILE and size_t declared first.
#include <cstdio>
#include <csetjmp>
#include <jpeglib.h>

#include <memory>

namespace handout {

namespace {

// libjpeg's error handler, extended with a place to jump back to and the first message.
struct ErrorManager {
  jpeg_error_mgr base{};
  std::jmp_buf jump{};
  char message[JMSG_LENGTH_MAX] = {};
  bool warned = false;
};

[[noreturn]] void on_error(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// Level -1 is a warning: damaged data that libjpeg would paper over. Trace messages are ignored.
void on_message(j_common_ptr info, int level) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  if (level >= 0 || errors->warned) return;
  (*info->err->format_message)(info, errors->message);
  errors->warned = true;
}

// One decompressor, destroyed once whatever happened. It lives in the caller's frame, so the
// functions that call setjmp own nothing that a longjmp could skip.
struct Decompressor {
  jpeg_decompress_struct info{};
  ErrorManager errors;
  bool created = false;

  Decompressor() {
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = on_error;
    errors.base.emit_message = on_message;
  }
  ~Decompressor() {
    if (created) jpeg_destroy_decompress(&info);
  }
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;
};

struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The libjpeg steps, each function with setjmp and no object that has a destructor.
bool header_from_file(Decompressor& jpeg, std::FILE* file) {
  if (setjmp(jpeg.errors.jump)) return false;
  jpeg_create_decompress(&jpeg.info);
  jpeg.created = true;
  jpeg_stdio_src(&jpeg.info, file);
  jpeg_read_header(&jpeg.info, TRUE);
  return true;
}

bool header_from_memory(Decompressor& jpeg, std::string_view bytes) {
  if (setjmp(jpeg.errors.jump)) return false;
  jpeg_create_decompress(&jpeg.info);
  jpeg.created = true;
  jpeg_mem_src(&jpeg.info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&jpeg.info, TRUE);
  return true;
}

// `rgb` must hold width × height × 3 bytes; a grey JPEG is expanded to RGB by libjpeg.
bool decode_pixels(Decompressor& jpeg, unsigned char* rgb) {
  if (setjmp(jpeg.errors.jump)) return false;
  jpeg.info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&jpeg.info);
  const std::size_t stride = std::size_t(jpeg.info.output_width) * 3;
  while (jpeg.info.output_scanline < jpeg.info.output_height) {
    JSAMPROW row = rgb + jpeg.info.output_scanline * stride;
    jpeg_read_scanlines(&jpeg.info, &row, 1);
  }
  jpeg_finish_decompress(&jpeg.info);
  return true;
}

std::string failure(const std::string& path, const Decompressor& jpeg) {
  return fmt::format("image '{}' is not a readable JPEG file: {}", path, jpeg.errors.message);
}

// What a PDF cannot carry as it is, checked on a header libjpeg has read.
JpegHeader checked_header(const Decompressor& jpeg, const std::string& path, const SourcePlace& place) {
  const jpeg_decompress_struct& info = jpeg.info;
  if (jpeg.errors.warned) throw HandoutError(place, failure(path, jpeg));
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK)
    throw HandoutError(place, fmt::format("image '{}' is a CMYK JPEG; save it as an RGB (or greyscale) JPEG", path));
  if (info.num_components != 1 && info.num_components != 3)
    throw HandoutError(place, fmt::format("image '{}' is a JPEG with {} colour components; only greyscale and RGB "
                                          "JPEGs are supported",
                                          path, info.num_components));
  if (info.arith_code)
    throw HandoutError(place, fmt::format("image '{}' is an arithmetic-coded JPEG, which PDF readers do not show; "
                                          "save it as a baseline or progressive JPEG",
                                          path));
  if (info.data_precision != 8)
    throw HandoutError(place, fmt::format("image '{}' is a {}-bit JPEG; only 8-bit JPEGs are supported", path,
                                          info.data_precision));
  if (info.image_width == 0 || info.image_height == 0 ||
      static_cast<long long>(info.image_width) * info.image_height > most_image_pixels)
    throw HandoutError(place, fmt::format("image '{}' is {} × {} pixels; at most {} pixels are supported", path,
                                          info.image_width, info.image_height, most_image_pixels));
  return JpegHeader{static_cast<int>(info.image_width), static_cast<int>(info.image_height), info.num_components};
}

}  // namespace

JpegHeader read_jpeg_header(const std::string& path, const SourcePlace& place) {
  std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw HandoutError(place, fmt::format("image file '{}' cannot be opened", path));
  Decompressor jpeg;
  if (!header_from_file(jpeg, file.get())) throw HandoutError(place, failure(path, jpeg));
  return checked_header(jpeg, path, place);
}

RgbPixels decode_jpeg(std::string_view bytes, const std::string& path, const SourcePlace& place) {
  Decompressor jpeg;
  if (!header_from_memory(jpeg, bytes)) throw HandoutError(place, failure(path, jpeg));
  JpegHeader header = checked_header(jpeg, path, place);
  RgbPixels pixels{header.width, header.height, {}};
  pixels.rgb.resize(std::size_t(header.width) * std::size_t(header.height) * 3);
  if (!decode_pixels(jpeg, pixels.rgb.data()) || jpeg.errors.warned) throw HandoutError(place, failure(path, jpeg));
  return pixels;
}

}  // namespace handout
