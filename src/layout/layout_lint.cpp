#include "layout/layout_lint.h"

#include <fmt/format.h>

#include <cmath>

namespace handout {

namespace {

constexpr double patient_body_min = 12;
constexpr double large_print_body_min = 18;
constexpr double leading_min = 1.2;
constexpr double large_print_leading_min = 1.5;
constexpr double line_characters_max = 70;
constexpr double average_character_em = 0.5;
constexpr double contrast_min = 4.5;
constexpr double large_text_contrast_min = 3;

const Rgb white{1, 1, 1};

double linear(double channel) {
  return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

std::string hex(const Rgb& colour) {
  auto byte = [](double channel) { return static_cast<int>(std::lround(channel * 255)); };
  return fmt::format("#{:02x}{:02x}{:02x}", byte(colour.red), byte(colour.green), byte(colour.blue));
}

class Linter {
 public:
  Linter(const LayoutSpec& spec, const LintContext& context) : spec_(spec), context_(context) {}

  std::vector<Diagnostic> run() {
    check_sizes();
    check_line_length();
    check_contrasts();
    return std::move(found_);
  }

 private:
  // The key's place, else its table's, else the file.
  SourcePlace place(const std::string& key) const {
    for (std::string name = key;;) {
      auto it = spec_.key_places.find(name);
      if (it != spec_.key_places.end()) return it->second;
      auto dot = name.rfind('.');
      if (dot == std::string::npos) return {spec_.path};
      name.resize(dot);
    }
  }

  void report(const SourcePlace& at, std::string message) {
    found_.push_back({spec_.lint.strict ? Severity::error : Severity::warning, at, std::move(message)});
  }

  void check_sizes() {
    const TextStyle& body = spec_.body;
    if (context_.large_print && body.size < large_print_body_min - 1e-9) {
      report(context_.scale_place.path.empty() ? place("body.size") : context_.scale_place,
             fmt::format("large print sets the body at {:.1f} pt ({} 'body.size' {:g} pt scaled); large print needs "
                         "{:g} pt or more",
                         body.size, spec_.name, body.size, large_print_body_min));
    } else if (spec_.lint.patient && body.size < patient_body_min - 1e-9) {
      report(place("body.size"), fmt::format("'body.size' is {:g} pt; a patient layout needs {:g} pt or more",
                                             body.size, patient_body_min));
    }
    if (spec_.lint.patient && spec_.align == Alignment::justify)
      report(place("body.align"), "'body.align' is \"justify\": in a patient layout, ragged-right (\"left\") text "
                                  "keeps even word spacing and reads more easily");
    double least = context_.large_print ? large_print_leading_min : leading_min;
    if (body.leading < least - 1e-9)
      report(place("body.leading"), fmt::format("'body.leading' is {:g}; {} needs {:g} or more", body.leading,
                                                context_.large_print ? "large print" : "body text", least));
  }

  void check_line_length() {
    const PageSpec& page = spec_.page;
    double column = (page.width - page.margin_left - page.margin_right - (page.columns - 1) * page.column_gap) /
                    page.columns;
    double characters = column / (average_character_em * spec_.body.size);
    if (characters > line_characters_max + 0.5)
      report(place(page.columns > 1 ? "page.columns" : "page.margin_left"),
             fmt::format("lines hold about {:.0f} characters ({:.0f} pt columns at {:g} pt); more than {:g} make "
                         "the eye lose its place: widen the margins, add a column or enlarge the body",
                         characters, column, spec_.body.size, line_characters_max));
  }

  void check_pair(const std::string& key, const std::string& what, const Rgb& text, const Rgb& background,
                  double size, bool bold) {
    bool large = size >= 18 - 1e-9 || (bold && size >= 14 - 1e-9);
    double least = large ? large_text_contrast_min : contrast_min;
    double ratio = contrast_ratio(text, background);
    if (ratio < least)
      report(place(key), fmt::format("{} {} on {} has a contrast of {:.2f}:1; WCAG 2.1 AA asks for {:g}:1{}", what,
                                     hex(text), hex(background), ratio, least,
                                     large ? " (large text)" : ""));
  }

  void check_contrasts() {
    const LayoutSpec& s = spec_;
    check_pair("body.colour", "body text", s.body.colour, white, s.body.size, false);
    const char* heading_keys[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    for (int level = 0; level < 6; ++level) {
      const TextStyle& heading = s.headings[level];
      std::string key = std::string(heading_keys[level]) + ".colour";
      // Levels 4 to 6 take level 3's colour unless they set their own: one finding is enough.
      if (level >= 3 && !s.key_places.count(key) && heading.colour == s.headings[2].colour) continue;
      check_pair(key, fmt::format("level {} headings", level + 1), heading.colour, white, heading.size, heading.bold);
    }
    check_pair("caption.colour", "captions", s.caption.colour, s.figure_note.background, s.caption.size, s.caption.bold);
    check_pair("links.colour", "links", s.link_colour, white, s.body.size, false);
    check_pair("callout.background", "text in callouts", s.body.colour, s.callout.background, s.body.size, false);
    check_pair("callout.background", "links in callouts", s.link_colour, s.callout.background, s.body.size, false);
    check_pair("table.header_background", "table header text", s.body.colour, s.table_header_background, s.body.size,
               true);
    if (!s.header.empty()) check_pair("header.colour", "the running head", s.header.colour, white, s.header.size, false);
    if (!s.footer.empty()) check_pair("footer.colour", "the running foot", s.footer.colour, white, s.footer.size, false);
    if (s.title_band.enabled) {
      check_pair("title_band.colour", "the title band's title", s.title_band.colour, s.title_band.background,
                 s.title_band.title_size, false);
      if (!s.title_band.subtitle.empty())
        check_pair("title_band.colour", "the title band's subtitle", s.title_band.colour, s.title_band.background,
                   s.title_band.subtitle_size, false);
    }
    if (s.glossary.enabled) {
      check_pair("glossary.background", "text in the glossary box", s.body.colour, s.glossary.box.background,
                 s.body.size, false);
      check_pair("glossary.background", "the glossary box's heading", s.headings[1].colour, s.glossary.box.background,
                 s.headings[1].size, s.headings[1].bold);
      if (s.glossary.mark_colour)
        check_pair("glossary.mark_colour", "marked glossary terms", *s.glossary.mark_colour, white, s.body.size,
                   s.glossary.mark_bold);
    }
  }

  const LayoutSpec& spec_;
  const LintContext& context_;
  std::vector<Diagnostic> found_;
};

}  // namespace

double relative_luminance(const Rgb& colour) {
  return 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) + 0.0722 * linear(colour.blue);
}

double contrast_ratio(const Rgb& a, const Rgb& b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<Diagnostic> lint_layout(const LayoutSpec& spec, const LintContext& context) {
  return Linter(spec, context).run();
}

}  // namespace handout
