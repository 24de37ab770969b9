#pragma once
// Reading what a PDF embeds for its fonts, for end-to-end tests: TrueType programs (glyph count,
// advances, cmaps), WinAnsiEncoding and ToUnicode CMaps.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace handout::testing {

// `size` bytes at `at`, big-endian; 0 past the end.
std::uint32_t big_endian(const std::string& bytes, std::size_t at, std::size_t size);

// An embedded TrueType program, read as far as the PDF/A font rules need.
class FontProgram {
 public:
  explicit FontProgram(std::string bytes);
  unsigned glyphs() const;  // maxp's numGlyphs
  // The advance of a glyph in thousandths of the em, as font dictionaries give widths; -1 when
  // the tables are missing.
  double advance(unsigned glyph) const;
  // The cmap subtables' (platform, encoding) pairs.
  std::set<std::pair<unsigned, unsigned>> cmaps() const;
  // The glyph the (3,1) format 4 subtable gives a BMP character; 0 (.notdef) when none does.
  unsigned glyph_of(unsigned character) const;

 private:
  std::optional<std::size_t> table(const std::string& tag) const;
  std::string bytes_;
  std::map<std::string, std::size_t> tables_;
};

// WinAnsiEncoding's code as a Unicode character (ISO 32000-1 Annex D; 0x80 to 0x9F differ from
// Latin-1).
unsigned win_ansi_character(unsigned code);

// A ToUnicode CMap's mappings (bfchar and bfrange): character code to the UTF-16 code units it
// stands for.
std::map<unsigned, std::u16string> to_unicode_map(const std::string& cmap);

}  // namespace handout::testing
