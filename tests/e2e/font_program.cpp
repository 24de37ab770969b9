#include "e2e/font_program.h"

#include <regex>
#include <utility>
#include <vector>

namespace handout::testing {

std::uint32_t big_endian(const std::string& bytes, std::size_t at, std::size_t size) {
  if (at + size > bytes.size()) return 0;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < size; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

FontProgram::FontProgram(std::string bytes) : bytes_(std::move(bytes)) {
  for (std::uint32_t i = 0, n = big_endian(bytes_, 4, 2); i < n; ++i) {
    const std::size_t entry = 12 + 16 * std::size_t(i);
    tables_[bytes_.substr(entry, 4)] = big_endian(bytes_, entry + 8, 4);
  }
}

unsigned FontProgram::glyphs() const { return table("maxp") ? big_endian(bytes_, *table("maxp") + 4, 2) : 0; }

double FontProgram::advance(unsigned glyph) const {
  if (!table("head") || !table("hhea") || !table("hmtx")) return -1;
  const unsigned units = big_endian(bytes_, *table("head") + 18, 2);
  const unsigned metrics = big_endian(bytes_, *table("hhea") + 34, 2);
  if (units == 0 || metrics == 0) return -1;
  const unsigned entry = glyph < metrics ? glyph : metrics - 1;
  return big_endian(bytes_, *table("hmtx") + 4 * std::size_t(entry), 2) * 1000.0 / units;
}

std::set<std::pair<unsigned, unsigned>> FontProgram::cmaps() const {
  std::set<std::pair<unsigned, unsigned>> found;
  if (!table("cmap")) return found;
  const std::size_t at = *table("cmap");
  for (std::uint32_t i = 0, n = big_endian(bytes_, at + 2, 2); i < n; ++i)
    found.insert({big_endian(bytes_, at + 4 + 8 * std::size_t(i), 2), big_endian(bytes_, at + 6 + 8 * std::size_t(i), 2)});
  return found;
}

unsigned FontProgram::glyph_of(unsigned character) const {
  if (!table("cmap")) return 0;
  const std::size_t at = *table("cmap");
  for (std::uint32_t i = 0, n = big_endian(bytes_, at + 2, 2); i < n; ++i) {
    const std::size_t record = at + 4 + 8 * std::size_t(i);
    if (big_endian(bytes_, record, 2) != 3 || big_endian(bytes_, record + 2, 2) != 1) continue;
    const std::size_t sub = at + big_endian(bytes_, record + 4, 4);
    if (big_endian(bytes_, sub, 2) != 4) return 0;
    const unsigned segments = big_endian(bytes_, sub + 6, 2) / 2;
    const std::size_t ends = sub + 14, starts = ends + 2 * std::size_t(segments) + 2;
    const std::size_t deltas = starts + 2 * std::size_t(segments), offsets = deltas + 2 * std::size_t(segments);
    for (unsigned s = 0; s < segments; ++s) {
      if (character > big_endian(bytes_, ends + 2 * s, 2)) continue;
      const unsigned start = big_endian(bytes_, starts + 2 * s, 2);
      if (character < start) return 0;
      const unsigned delta = big_endian(bytes_, deltas + 2 * s, 2), offset = big_endian(bytes_, offsets + 2 * s, 2);
      if (offset == 0) return (character + delta) & 0xFFFF;
      const unsigned glyph = big_endian(bytes_, offsets + 2 * s + offset + 2 * (character - start), 2);
      return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
    }
    return 0;
  }
  return 0;
}

std::optional<std::size_t> FontProgram::table(const std::string& tag) const {
  auto found = tables_.find(tag);
  return found == tables_.end() ? std::nullopt : std::optional<std::size_t>(found->second);
}

unsigned win_ansi_character(unsigned code) {
  static const unsigned high[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  return code >= 0x80 && code < 0xA0 ? high[code - 0x80] : code;
}

std::map<unsigned, std::u16string> to_unicode_map(const std::string& cmap) {
  std::map<unsigned, std::u16string> map;
  std::vector<std::string> tokens;  // hex strings, "[" and "]", and the section keywords
  std::regex token(R"(<([0-9A-Fa-f]*)>|\[|\]|beginbfchar|endbfchar|beginbfrange|endbfrange)");
  for (auto it = std::sregex_iterator(cmap.begin(), cmap.end(), token); it != std::sregex_iterator(); ++it)
    tokens.push_back((*it)[1].matched ? std::string(1, '<').append((*it)[1].str()) : (*it)[0].str());
  auto number = [](const std::string& hex) {
    return hex.size() > 1 ? static_cast<unsigned>(std::stoul(hex.substr(1), nullptr, 16)) : 0U;
  };
  auto units = [](const std::string& hex) {
    std::u16string text;
    for (std::size_t i = 1; i + 4 <= hex.size(); i += 4) text += static_cast<char16_t>(std::stoul(hex.substr(i, 4), nullptr, 16));
    return text;
  };
  std::string section;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].rfind("begin", 0) == 0 || tokens[i].rfind("end", 0) == 0) {
      section = tokens[i].rfind("begin", 0) == 0 ? tokens[i].substr(5) : "";
      continue;
    }
    if (section == "bfchar" && i + 1 < tokens.size()) {
      map[number(tokens[i])] = units(tokens[i + 1]);
      ++i;
    } else if (section == "bfrange" && i + 2 < tokens.size()) {
      unsigned low = number(tokens[i]), high = number(tokens[i + 1]);
      if (tokens[i + 2] == "[") {
        std::size_t at = i + 3;
        for (unsigned code = low; code <= high && at < tokens.size() && tokens[at] != "]"; ++code, ++at)
          map[code] = units(tokens[at]);
        while (at < tokens.size() && tokens[at] != "]") ++at;
        i = at;
      } else {
        std::u16string first = units(tokens[i + 2]);
        for (unsigned code = low; code <= high && !first.empty(); ++code) {
          map[code] = first;
          ++first.back();
        }
        i += 2;
      }
    }
  }
  return map;
}

}  // namespace handout::testing
