#include "paint/cairo_page_painter.h"

#include <fmt/format.h>

#include <cmath>

#include "paint/cairo_image.h"
#include "paint/image_geometry.h"
#include "paint/cairo_handles.h"
#include "util/diagnostic.h"
#include "util/link_target.h"

namespace handout {

namespace {

// Cairo's tag attributes are single-quoted strings: escape backslashes and quotes.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string point(double value) { return fmt::format("{:.2f}", value); }

}  // namespace

// A Cairo context in error ignores every later call, which would leave the rest of the document
// blank; so its status is checked after each item, and the item's place named when it has one.
void CairoPagePainter::paint(const Page& page) {
  page_ = &page;
  for (const PageItem& item : page.items) {
    std::visit(*this, item);
    cairo_status_t status = cairo_status(cairo_);
    if (status == CAIRO_STATUS_SUCCESS) continue;
    const auto* image = std::get_if<ImageItem>(&item);
    throw HandoutError(image ? image->place : page.source,
                       fmt::format("Cairo could not draw {}: {}", image ? "the image " + image->path : "the page",
                                   cairo_status_to_string(status)));
  }
}

void check_cairo(cairo_t* cairo, const SourcePlace& place, const std::string& what) {
  cairo_status_t status = cairo_status(cairo);
  if (status != CAIRO_STATUS_SUCCESS)
    throw HandoutError(place, fmt::format("Cairo could not draw {}: {}", what, cairo_status_to_string(status)));
}

// The glyphs with their clusters, so the PDF's text extracts as the source text. The operations
// are the ones Pango's Cairo renderer makes for a run (save, colour, font, glyphs, restore), so a
// page paints as it did when Pango painted it.
void CairoPagePainter::operator()(const GlyphRun& run) {
  cairo_scaled_font_t* font = fonts_.scaled_font(run.font, page_->source);
  // The line's origin with the precision of Cairo's coordinates on this device.
  double origin_x = 0, origin_y = 0;
  cairo_move_to(cairo_, run.x, run.y);
  cairo_get_current_point(cairo_, &origin_x, &origin_y);
  const double start_x = origin_x + run.dx, start_y = origin_y + run.dy;
  glyphs_.clear();
  double pen = 0;
  for (const Glyph& glyph : run.glyphs) {
    if (glyph.id != Glyph::none)
      glyphs_.push_back(cairo_glyph_t{glyph.id, start_x + (pen + glyph.x_offset),
                                      glyph.y_offset == 0 ? start_y : start_y + glyph.y_offset});
    pen += glyph.advance;
  }
  cairo_save(cairo_);
  cairo_set_source_rgba(cairo_, run.colour.red, run.colour.green, run.colour.blue, 1.0);
  cairo_set_scaled_font(cairo_, font);
  if (run.clusters.empty()) {
    cairo_show_glyphs(cairo_, glyphs_.data(), static_cast<int>(glyphs_.size()));
  } else {
    clusters_.clear();
    for (const Cluster& cluster : run.clusters) clusters_.push_back(cairo_text_cluster_t{cluster.bytes, cluster.glyphs});
    cairo_show_text_glyphs(cairo_, run.text.data(), static_cast<int>(run.text.size()), glyphs_.data(),
                           static_cast<int>(glyphs_.size()), clusters_.data(), static_cast<int>(clusters_.size()),
                           run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0));
  }
  cairo_restore(cairo_);
}

void CairoPagePainter::operator()(const RectItem& item) {
  cairo_set_source_rgb(cairo_, item.fill.red, item.fill.green, item.fill.blue);
  cairo_rectangle(cairo_, item.x, item.y, item.width, item.height);
  cairo_fill(cairo_);
}

void CairoPagePainter::operator()(const RuleItem& item) {
  cairo_set_source_rgb(cairo_, item.colour.red, item.colour.green, item.colour.blue);
  cairo_rectangle(cairo_, item.x, item.y, item.width, item.thickness);
  cairo_fill(cairo_);
}

void CairoPagePainter::operator()(const ImageItem& item) {
  require_drawable(item);
  // One surface a file: a PDF then holds an image shown on every page (a logo) once.
  auto found = images_.find(item.path);
  if (found == images_.end()) found = images_.emplace(item.path, load_cairo_image(item.path, item.place)).first;
  cairo_surface_t* image = found->second.get();
  double scale_x = item.width / cairo_image_surface_get_width(image);
  double scale_y = item.height / cairo_image_surface_get_height(image);
  // A pixel size far from the drawn size can still overflow Cairo's matrix.
  constexpr double largest_scale = 1e6;
  if (std::fabs(scale_x) > largest_scale || std::fabs(scale_y) > largest_scale || std::fabs(scale_x * scale_y) < 1e-12)
    throw HandoutError(item.place, fmt::format("the image {} cannot be drawn at {} x {} pt", item.path, item.width,
                                               item.height));
  cairo_save(cairo_);
  cairo_translate(cairo_, item.x, item.y);
  cairo_scale(cairo_, scale_x, scale_y);
  cairo_set_source_surface(cairo_, image, 0, 0);
  // A filled rectangle, not cairo_paint: Cairo 1.16 fails the whole PDF ("invalid tag ...
  // nesting") when a page's first drawing is a paint inside a structure tag (a figure first).
  cairo_rectangle(cairo_, 0, 0, cairo_image_surface_get_width(image), cairo_image_surface_get_height(image));
  cairo_fill(cairo_);
  cairo_restore(cairo_);
}

void CairoPagePainter::operator()(const LinkItem& item) {
  if (!tagged_) return;
  // Cairo 1.16 copies the uri into the PDF's "/URI (...)" as it is: escaped here for the PDF
  // string first (it would otherwise end the string and add keys of its own), then quoted for
  // Cairo's attribute syntax. link_annotations.h checks the result.
  std::string attributes = fmt::format("rect=[{} {} {} {}] uri={}", point(item.x), point(item.y), point(item.width),
                                       point(item.height), quoted(pdf_string_body(ascii_uri(item.uri))));
  cairo_tag_begin(cairo_, CAIRO_TAG_LINK, attributes.c_str());
  cairo_tag_end(cairo_, CAIRO_TAG_LINK);
}

void CairoPagePainter::operator()(const StructBegin& item) {
  if (!tagged_) return;
  cairo_tag_begin(cairo_, item.role.c_str(), nullptr);
  open_tags_.push_back(item.role);
}

void CairoPagePainter::operator()(const StructEnd&) {
  if (!tagged_ || open_tags_.empty()) return;
  cairo_tag_end(cairo_, open_tags_.back().c_str());
  open_tags_.pop_back();
}

}  // namespace handout
