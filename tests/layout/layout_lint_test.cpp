#include <catch2/catch.hpp>

#include <filesystem>

#include "batch/project.h"
#include "layout/layout_lint.h"
#include "layout/layout_loader.h"

using namespace handout;

namespace {

Rgb colour(int hex) { return Rgb{((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0, (hex & 255) / 255.0}; }

std::vector<std::string> lints(const std::string& layout, LintContext context = {}) {
  std::vector<std::string> found;
  for (const Diagnostic& finding : lint_layout(parse_layout(layout, "l.toml"), context))
    found.push_back(finding.to_string());
  return found;
}

bool has(const std::vector<std::string>& found, const std::string& start) {
  for (const std::string& line : found)
    if (line.rfind(start, 0) == 0) return true;
  return false;
}

// A layout every lint passes: 13 pt patient body, short lines, dark text.
const std::string good = "[page]\nmargin_left = \"30mm\"\nmargin_right = \"30mm\"\n[body]\nsize = 13\nleading = 1.5\n"
                         "[lint]\naudience = \"patient\"\n";

}  // namespace

TEST_CASE("contrast follows the WCAG 2.1 relative luminance formula") {
  CHECK(relative_luminance(colour(0xffffff)) == Approx(1.0));
  CHECK(relative_luminance(colour(0x000000)) == Approx(0.0));
  CHECK(contrast_ratio(colour(0x000000), colour(0xffffff)) == Approx(21.0));
  // The two grey pairs every accessibility guide quotes.
  CHECK(contrast_ratio(colour(0x777777), colour(0xffffff)) == Approx(4.48).margin(0.005));
  CHECK(contrast_ratio(colour(0x595959), colour(0xffffff)) == Approx(7.0).margin(0.005));
  CHECK(contrast_ratio(colour(0xffffff), colour(0x595959)) == contrast_ratio(colour(0x595959), colour(0xffffff)));
  // Below 0.04045 a channel is linear (c / 12.92): #0a0a0a is 10/255/12.92.
  CHECK(relative_luminance(colour(0x0a0a0a)) == Approx(10 / 255.0 / 12.92));
}

TEST_CASE("a layout that meets every rule has no findings") { CHECK(lints(good).empty()); }

TEST_CASE("each layout lint is reported at its key") {
  auto with_body = [](const std::string& body) {
    return "[page]\nmargin_left = \"30mm\"\nmargin_right = \"30mm\"\n[body]\n" + body +
           "[lint]\naudience = \"patient\"\n";
  };
  // Body below 12 pt in a patient layout, and not in another.
  CHECK(has(lints(with_body("size = 11\n")), "l.toml:5:8: warning: 'body.size' is 11 pt; a patient layout needs 12"));
  CHECK(lints("[page]\ncolumns = 2\n[body]\nsize = 11\n[lint]\naudience = \"clinician\"\n").empty());
  // Justified text in a patient layout.
  CHECK(has(lints(with_body("size = 13\nalign = \"justify\"\n")), "l.toml:6:9: warning: 'body.align' is \"justify\""));
  // Leading below 1.2.
  CHECK(has(lints(with_body("size = 13\nleading = 1.1\n")), "l.toml:6:11: warning: 'body.leading' is 1.1; body text "
                                                           "needs 1.2 or more"));
  // Lines over about 70 characters: 22 mm margins on A4 at 13 pt hold about 72.
  CHECK(has(lints("[page]\nmargin_left = \"22mm\"\n[body]\nsize = 13\n"), "l.toml:2:15: warning: lines hold about"));
  // Contrast: grey body text, a pale link, a title band, a callout and a table header.
  auto contrast = [&](const std::string& extra) { return lints(good + extra); };
  CHECK(has(contrast("[links]\ncolour = \"#7f9fbf\"\n"), "l.toml:10:10: warning: links #7f9fbf on #ffffff has a "
                                                          "contrast of 2.76:1"));
  CHECK(has(contrast("[h2]\ncolour = \"#999999\"\n"), "l.toml:10:10: warning: level 2 headings #999999 on #ffffff has "
                                                       "a contrast of 2.85:1; WCAG 2.1 AA asks for 3:1 (large text)"));
  CHECK(has(contrast("[title_band]\nbackground = \"#888888\"\ncolour = \"#ffffff\"\ntitle_size = 11\n"),
            "l.toml:11:10: warning: the title band's title #ffffff on #888888 has a contrast of 3.54:1; WCAG 2.1 AA "
            "asks for 4.5:1"));
  CHECK(has(contrast("[callout]\nbackground = \"#555555\"\n"), "l.toml:10:14: warning: text in callouts #000000"));
  CHECK(has(contrast("[table]\nheader_background = \"#555555\"\n"), "l.toml:10:21: warning: table header text"));
  CHECK(has(contrast("[footer]\nleft = \"x\"\ncolour = \"#aaaaaa\"\n"), "l.toml:11:10: warning: the running foot"));
  CHECK(has(contrast("[glossary]\nmark_colour = \"#ff9900\"\n"), "l.toml:10:15: warning: marked glossary terms"));
  CHECK(has(contrast("[glossary]\nbackground = \"#444444\"\n"), "l.toml:10:14: warning: text in the glossary box"));
  CHECK(has(contrast("[glossary]\nbackground = \"#444444\"\n"), "l.toml:10:14: warning: the glossary box's heading"));
  // Large print: 18 pt and leading 1.5, checked on the size the variant sets.
  SourcePlace scale{"handout.toml", 7, 14};
  auto large = lints(with_body("size = 13\nleading = 1.4\n"), {true, scale});
  CHECK(has(large, "handout.toml:7:14: warning: large print sets the body at 13.0 pt"));
  CHECK(has(large, "l.toml:6:11: warning: 'body.leading' is 1.4; large print needs 1.5 or more"));
  CHECK(lint_layout(with_text_scale(parse_layout(with_body("size = 13\nleading = 1.5\n"), "l.toml"), 1.4),
                    {true, scale})
            .empty());
}

TEST_CASE("a strict layout makes its findings errors") {
  std::string strict = "[page]\nmargin_left = \"30mm\"\nmargin_right = \"30mm\"\n[body]\nsize = 10\n"
                       "[lint]\naudience = \"patient\"\nstrict = true\n";
  CHECK(has(lints(strict), "l.toml:5:8: error: 'body.size' is 10 pt"));
  try {
    parse_layout("[lint]\naudience = \"everyone\"\n", "l.toml");
    FAIL("expected an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().to_string() ==
          "l.toml:2:12: error: 'lint.audience' is \"everyone\"; expected \"patient\" or \"clinician\"");
  }
}

TEST_CASE("the bundled layouts pass their lints in every variant the project builds") {
  const std::string root = HANDOUT_SOURCE_DIR;
  for (const char* name : {"patient-handout", "clinician-summary"}) {
    LayoutSpec spec = load_layout(root + "/layouts/" + name + ".toml");
    INFO(name);
    CHECK(lint_layout(spec).empty());
  }
  // The project's large-print variant, as it scales the handout; the project's paths are
  // relative to its folder.
  struct InFolder {
    std::filesystem::path was = std::filesystem::current_path();
    explicit InFolder(const std::string& folder) { std::filesystem::current_path(folder); }
    ~InFolder() { std::filesystem::current_path(was); }
  } in_root(root);
  Project project = load_project("handout.toml");
  bool checked_large_print = false;
  for (const Variant& variant : project.variants) {
    if (!variant.large_print) continue;
    LayoutSpec spec = with_text_scale(load_layout(root + "/layouts/patient-handout.toml"), variant.text_scale);
    auto found = lint_layout(spec, {true, variant.scale_place});
    for (const Diagnostic& finding : found) INFO(finding.to_string());
    CHECK(found.empty());
    checked_large_print = true;
  }
  CHECK(checked_large_print);
}

TEST_CASE("a layout declares its audience, which its [lint] table must agree with") {
  CHECK(parse_layout("", "l.toml").select.audience == Audience::everyone);
  LayoutSpec clinician = parse_layout("audience = \"clinician\"\n", "l.toml");
  CHECK(clinician.select.audience == Audience::clinician);
  CHECK_FALSE(clinician.lint.patient);
  LayoutSpec patient = parse_layout("audience = \"patient\"\n", "l.toml");
  CHECK(patient.select.audience == Audience::patient);
  CHECK(patient.lint.patient);  // the patient-material lints follow
  CHECK(parse_layout("[lint]\naudience = \"patient\"\n", "l.toml").select.audience == Audience::patient);
  auto error_of = [](const std::string& text) {
    try {
      parse_layout(text, "l.toml");
    } catch (const HandoutError& error) {
      return error.diagnostic().to_string();
    }
    return std::string("no error");
  };
  CHECK(error_of("audience = \"nurses\"\n") ==
        "l.toml:1:12: error: 'audience' is \"nurses\"; expected \"clinician\", \"patient\" or \"everyone\"");
  CHECK(error_of("audience = \"clinician\"\n[lint]\naudience = \"patient\"\n") ==
        "l.toml:1:12: error: 'audience' is \"clinician\" but 'lint.audience' says \"patient\"");
}

TEST_CASE("a layout's [key_points] style is read, and scales with the text") {
  LayoutSpec spec = parse_layout("[callout]\nbackground = \"#eeeeee\"\n[key_points]\nsize = 11\nbold = true\n"
                                 "background = \"#fdf3d8\"\nborder = \"#b7791f\"\ntitle = \"In brief\"\n",
                                 "l.toml");
  CHECK(spec.key_points.size == 11);
  CHECK(spec.key_points.bold);
  CHECK(spec.key_points.title == "In brief");
  CHECK(spec.key_points.box.background == Rgb{0xfd / 255.0, 0xf3 / 255.0, 0xd8 / 255.0});
  REQUIRE(spec.key_points.box.border);
  CHECK(with_text_scale(spec, 2).key_points.size == 22);
  // Without its own table the box looks like a callout.
  CHECK(parse_layout("[callout]\nbackground = \"#eeeeee\"\n", "l.toml").key_points.box.background ==
        Rgb{0xee / 255.0, 0xee / 255.0, 0xee / 255.0});
  try {
    parse_layout("[key_points]\nweight = \"bold\"\n", "l.toml");
    FAIL("expected an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().message.find("unknown key 'key_points.weight'") != std::string::npos);
  }
}
