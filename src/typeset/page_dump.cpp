#include "typeset/page_dump.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace handout {

namespace {

// Two decimals, and never "-0.00".
std::string number(double value) {
  std::string text = fmt::format("{:.2f}", value);
  return text == "-0.00" ? "0.00" : text;
}

std::string colour(const Rgb& rgb) {
  auto channel = [](double value) {
    return static_cast<unsigned>(std::lround(std::min(1.0, std::max(0.0, value)) * 255));
  };
  return fmt::format("#{:02x}{:02x}{:02x}", channel(rgb.red), channel(rgb.green), channel(rgb.blue));
}

// Text in double quotes, with quotes, backslashes and control characters escaped.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\')
      out += fmt::format("\\{}", static_cast<char>(c));
    else if (c < 0x20 || c == 0x7F)
      out += fmt::format("\\x{:02x}", c);
    else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

const char* kind_name(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::pagination: return "pagination";
    case ArtifactKind::layout: return "layout";
    case ArtifactKind::background: return "background";
  }
  return "layout";
}

const char* style_name(PageLabel::Style style) {
  switch (style) {
    case PageLabel::Style::decimal: return "decimal";
    case PageLabel::Style::roman_lower: return "roman";
    case PageLabel::Style::roman_upper: return "ROMAN";
    case PageLabel::Style::none: return "none";
  }
  return "decimal";
}

struct ItemLine {
  std::string& out;
  int& depth;

  void line(const std::string& text) {
    out.append(static_cast<std::size_t>(2 + 2 * depth), ' ');
    out += text;
    out += '\n';
  }

  void operator()(const GlyphRun& run) {
    std::string glyphs;
    for (const Glyph& glyph : run.glyphs) {
      if (!glyphs.empty()) glyphs += ' ';
      if (glyph.id == Glyph::none)
        glyphs += '-';
      else
        fmt::format_to(std::back_inserter(glyphs), "{}", glyph.id);
      fmt::format_to(std::back_inserter(glyphs), "/{}", number(glyph.advance));
      if (glyph.x_offset != 0 || glyph.y_offset != 0)
        fmt::format_to(std::back_inserter(glyphs), "@{},{}", number(glyph.x_offset), number(glyph.y_offset));
    }
    std::string clusters;
    for (const Cluster& cluster : run.clusters)
      clusters += fmt::format("{}{}:{}", clusters.empty() ? "" : " ", cluster.bytes, cluster.glyphs);
    line(fmt::format("text {} {} font={} {} {}{} glyphs=[{}] clusters=[{}]", number(run.x + run.dx),
                     number(run.y + run.dy), run.font,
                     colour(run.colour), quoted(run.text), run.backward ? " backward" : "", glyphs, clusters));
  }
  void operator()(const RectItem& rect) {
    line(fmt::format("rect {} {} {} {} {}", number(rect.x), number(rect.y), number(rect.width), number(rect.height),
                     colour(rect.fill)));
  }
  void operator()(const RuleItem& rule) {
    line(fmt::format("rule {} {} {} {} {}", number(rule.x), number(rule.y), number(rule.width),
                     number(rule.thickness), colour(rule.colour)));
  }
  void operator()(const ImageItem& image) {
    // The file's name only: the folder it sits in differs from machine to machine.
    std::string name = image.path.substr(image.path.find_last_of('/') + 1);
    line(fmt::format("image {} {} {} {} {}", number(image.x), number(image.y), number(image.width),
                     number(image.height), quoted(name)));
  }
  void operator()(const LinkBegin& link) {
    line(fmt::format("<link {} {} {} {} {}{}>", number(link.x), number(link.y), number(link.width),
                     number(link.height), quoted(link.uri), link.continued ? " continued" : ""));
    ++depth;
  }
  void operator()(const LinkEnd&) {
    if (depth > 0) --depth;
    line("</link>");
  }
  void operator()(const StructBegin& begin) {
    std::string text = "<" + begin.role;
    if (!begin.alt.empty()) text += " alt=" + quoted(begin.alt);
    if (!begin.scope.empty()) text += " scope=" + begin.scope;
    if (!begin.language.empty()) text += " lang=" + begin.language;
    line(text + ">");
    ++depth;
  }
  void operator()(const StructEnd&) {
    if (depth > 0) --depth;
    line("</>");
  }
  void operator()(const ArtifactBegin& begin) {
    line(fmt::format("<artifact {} {}>", kind_name(begin.kind), quoted(begin.what)));
    ++depth;
  }
  void operator()(const ArtifactEnd&) {
    if (depth > 0) --depth;
    line("</artifact>");
  }
};

}  // namespace

std::string dump_pages(const Pages& pages) {
  std::string out;
  const DocumentInfo& info = pages.info;
  out += fmt::format("document title={} author={} language={} body={}\n", quoted(info.title), quoted(info.author),
                     quoted(info.language), number(pages.body_size));
  for (std::size_t i = 0; i < pages.fonts.size(); ++i) {
    const FontFace& font = pages.fonts[i];
    out += fmt::format("font {} {} index={} size={}{}{}\n", i, quoted(font.name), font.index, number(font.size),
                       font.synthetic_bold ? " synthetic-bold" : "", font.synthetic_oblique ? " synthetic-oblique" : "");
  }
  for (std::size_t i = 0; i < pages.outline.size(); ++i) {
    const OutlineEntry& entry = pages.outline[i];
    out += fmt::format("outline {} parent={} level={} page={} y={} {}\n", i, entry.parent, entry.level, entry.page + 1,
                       number(entry.y), quoted(entry.title));
  }
  for (const PageLabel& label : pages.page_labels)
    out += fmt::format("label page={} {} prefix={} start={}\n", label.first_page + 1, style_name(label.style),
                       quoted(label.prefix), label.start);
  // Structure marks may stay open across a page break: the indentation carries on.
  int depth = 0;
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    const Page& page = pages.pages[i];
    out += fmt::format("page {} {} x {}\n", i + 1, number(page.width), number(page.height));
    ItemLine writer{out, depth};
    for (const PageItem& item : page.items) std::visit(writer, item);
  }
  return out;
}

}  // namespace handout
