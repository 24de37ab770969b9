#pragma once
// Test pictures written with libjpeg-turbo and Cairo: four coloured quadrants, so a test that
// looks at rendered pixels can tell whether a picture is shown, and whether it is upright,
// unmirrored and in its colours.
#include <string>

namespace handout::testing {

struct Rgb8 {
  int red = 0, green = 0, blue = 0;
};

// The quadrants: top left, top right, bottom left, bottom right.
constexpr Rgb8 quadrant_colours[4] = {{220, 30, 30}, {30, 170, 60}, {30, 60, 210}, {240, 200, 40}};

enum class JpegKind { baseline, progressive, grey, cmyk, arithmetic };

// Writes a JPEG of `width` × `height` pixels showing the quadrants (grey levels for `grey`).
void write_quadrants_jpeg(const std::string& path, int width, int height, JpegKind kind = JpegKind::baseline);

// The same picture as a PNG (through Cairo), with an alpha channel when `with_alpha`.
void write_quadrants_png(const std::string& path, int width, int height, bool with_alpha = false);

// Writes `folder`/soft.png (the quadrants with an alpha channel, 120 × 80) and
// `folder`/alpha-figure.md, an article showing it as its one figure.
void write_alpha_figure_article(const std::string& folder);

}  // namespace handout::testing
