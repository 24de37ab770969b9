#include "typeset/font_check.h"

#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ERRORS_H

#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>

#include "util/diagnostic.h"

namespace handout {

namespace {

struct FreeTypeDone {
  void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
struct FaceDone {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using LibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, FreeTypeDone>;
using FacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FaceDone>;

std::string freetype_message(FT_Error error) {
  const char* text = FT_Error_String(error);
  return text ? text : fmt::format("FreeType error {}", error);
}

// A font file's bytes, read in one piece (byte by byte through a stream iterator costs more than
// all the checks) into memory that is not cleared first: every byte is overwritten.
struct FileBytes {
  std::unique_ptr<unsigned char[]> data;
  std::size_t size = 0;
  unsigned char operator[](std::size_t at) const { return data[at]; }
};

std::uint32_t big_endian32(const FileBytes& bytes, std::size_t at) {
  return std::uint32_t(bytes[at]) << 24 | std::uint32_t(bytes[at + 1]) << 16 | std::uint32_t(bytes[at + 2]) << 8 |
         std::uint32_t(bytes[at + 3]);
}

// The sum of `words` big-endian 32-bit words from `at`: copied out word by word (no alignment
// assumed) and byte-swapped, a loop the compiler vectorises; every font is summed at each start.
std::uint32_t sum_of_words(const unsigned char* at, std::size_t words) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint32_t word;
    std::memcpy(&word, at + 4 * i, 4);
    sum += __builtin_bswap32(word);
  }
  return sum;
}

// The OpenType table directory lists each table's checksum (the sum of its 32-bit words; for
// `head`, with its checkSumAdjustment word taken as 0). FreeType does not compare them, so a
// flipped byte inside a table would go unseen. Collections (`ttcf`) are left to FreeType.
void check_table_checksums(const std::string& file, const FileBytes& bytes) {
  if (bytes.size < 12 || big_endian32(bytes, 0) == 0x74746366 /* ttcf */) return;
  std::size_t tables = std::size_t(bytes[4]) << 8 | bytes[5];
  if (12 + 16 * tables > bytes.size) throw HandoutError({file}, "damaged font file: its table directory is cut short");
  for (std::size_t i = 0; i < tables; ++i) {
    std::size_t entry = 12 + 16 * i;
    std::uint32_t tag = big_endian32(bytes, entry);
    std::uint32_t expected = big_endian32(bytes, entry + 4);
    std::size_t offset = big_endian32(bytes, entry + 8), length = big_endian32(bytes, entry + 12);
    std::string name{char(tag >> 24), char(tag >> 16 & 0xFF), char(tag >> 8 & 0xFF), char(tag & 0xFF)};
    if (offset > bytes.size || length > bytes.size - offset)
      throw HandoutError({file}, fmt::format("damaged font file: its '{}' table runs past the end of the file "
                                             "({} bytes; the table ends at byte {})",
                                             name, bytes.size, offset + length));
    // Whole words first, then the last word, padded with zeros.
    auto padded_word = [&](std::size_t at) {
      std::uint32_t word = 0;
      for (std::size_t k = 0; k < 4; ++k) word = word << 8 | (at + k < length ? bytes[offset + at + k] : 0);
      return word;
    };
    const std::size_t whole = length / 4 * 4;
    std::uint32_t sum = sum_of_words(bytes.data.get() + offset, length / 4);
    if (whole < length) sum += padded_word(whole);
    if (tag == 0x68656164 /* head */ && length > 8) sum -= padded_word(8);
    if (sum != expected)
      throw HandoutError({file}, fmt::format("damaged font file: the checksum of its '{}' table does not match", name));
  }
}

void check_face(const std::string& file, FT_Face face, const FcCharSet* claimed) {
  if (!FT_IS_SCALABLE(face) || face->num_glyphs < 2)
    throw HandoutError({file}, "damaged font file: FreeType finds no outline glyphs in it");
  if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0)
    throw HandoutError({file}, "damaged font file: it has no Unicode character map");
  // Fontconfig's list of the characters the face claims (from its cache, perhaps of an earlier
  // copy of the file) must agree with the face itself.
  if (claimed) {
    FcChar32 map[FC_CHARSET_MAP_SIZE];
    FcChar32 next = 0;
    for (FcChar32 base = FcCharSetFirstPage(claimed, map, &next); base != FC_CHARSET_DONE;
         base = FcCharSetNextPage(claimed, map, &next))
      for (int word = 0; word < FC_CHARSET_MAP_SIZE; ++word)
        for (int bit = 0; bit < 32; ++bit) {
          if (!(map[word] >> bit & 1)) continue;
          FcChar32 character = base + FcChar32(word) * 32 + FcChar32(bit);
          if (FT_Get_Char_Index(face, character) == 0)
            throw HandoutError({file}, fmt::format("damaged font file: fontconfig lists U+{:04X} in it, but its "
                                                   "character map has no glyph for it",
                                                   static_cast<unsigned>(character)));
        }
  }
  // A text face (one with Latin letters) has them all, and the digits.
  if (FT_Get_Char_Index(face, 'A') != 0 || FT_Get_Char_Index(face, 'a') != 0)
    for (FT_ULong character = '0'; character <= 'z'; ++character)
      if (std::isalnum(static_cast<int>(character)) && FT_Get_Char_Index(face, character) == 0)
        throw HandoutError({file}, fmt::format("damaged font file: it has Latin letters but no glyph for '{}'",
                                               static_cast<char>(character)));
  // Every printable ASCII character the face maps must load: a cut-short glyph table loads the
  // directory but not the outlines, and the text would be invisible.
  for (FT_ULong character = 0x21; character <= 0x7E; ++character) {
    FT_UInt glyph = FT_Get_Char_Index(face, character);
    if (glyph == 0) continue;
    FT_Error error = FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING);
    if (error)
      throw HandoutError({file}, fmt::format("damaged font file: the glyph of '{}' cannot be loaded: {}",
                                             static_cast<char>(character), freetype_message(error)));
    if (face->glyph->format == FT_GLYPH_FORMAT_OUTLINE && face->glyph->outline.n_points == 0 &&
        ((character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z')))
      throw HandoutError({file}, fmt::format("damaged font file: the glyph of '{}' is empty", static_cast<char>(character)));
  }
}

}  // namespace

void check_font_file(const std::string& file, const FcCharSet* claimed) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) throw HandoutError({file}, "cannot read this font file");
  const std::streamoff size = in.tellg();
  if (size < 0) throw HandoutError({file}, "cannot read this font file");
  FileBytes bytes{std::make_unique_for_overwrite<unsigned char[]>(static_cast<std::size_t>(size)),
                  static_cast<std::size_t>(size)};
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data.get()), size)) throw HandoutError({file}, "cannot read this font file");
  FT_Library raw_library = nullptr;
  if (FT_Init_FreeType(&raw_library) != 0) throw HandoutError({file}, "FreeType cannot start");
  LibraryPtr library(raw_library);
  FT_Face raw_face = nullptr;
  FT_Error error = FT_New_Memory_Face(library.get(), bytes.data.get(), static_cast<FT_Long>(bytes.size), 0, &raw_face);
  if (error) throw HandoutError({file}, fmt::format("damaged font file: FreeType cannot open it: {}", freetype_message(error)));
  FacePtr face(raw_face);
  check_table_checksums(file, bytes);
  check_face(file, face.get(), claimed);
}

}  // namespace handout
