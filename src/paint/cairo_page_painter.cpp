#include "paint/cairo_page_painter.h"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

#include "paint/cairo_image.h"
#include "paint/image_geometry.h"
#include "paint/cairo_handles.h"
#include "util/diagnostic.h"
#include "util/link_target.h"

namespace handout {

namespace {

// The artifact's /Type in PDF 14.8.2.2.
std::string artifact_type(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::pagination: return "Pagination";
    case ArtifactKind::background: return "Background";
    case ArtifactKind::layout: break;
  }
  return "Layout";
}

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

// Text that draws nothing and says nothing to a reader: soft hyphens, zero-width spaces and
// joiners, word joiners.
bool only_invisible_marks(std::string_view text) {
  static constexpr std::string_view marks[] = {"\u00AD", "\u200B", "\u200C", "\u200D", "\u2060"};
  while (!text.empty()) {
    bool found = false;
    for (std::string_view mark : marks)
      if (text.substr(0, mark.size()) == mark) {
        text.remove_prefix(mark.size());
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

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
  open_tags();
  cairo_scaled_font_t* font = fonts_.scaled_font(run.font, page_->source);
  // The line's origin with the precision of Cairo's coordinates on this device.
  double origin_x = 0, origin_y = 0;
  cairo_move_to(cairo_, run.x, run.y);
  cairo_get_current_point(cairo_, &origin_x, &origin_y);
  const double start_x = origin_x + run.dx, start_y = origin_y + run.dy;
  glyphs_.clear();
  double pen = 0, undrawn_pen = 0, first_undrawn_pen = -1;
  for (const Glyph& glyph : run.glyphs) {
    if (glyph.id != Glyph::none) {
      glyphs_.push_back(cairo_glyph_t{glyph.id, start_x + (pen + glyph.x_offset),
                                      glyph.y_offset == 0 ? start_y : start_y + glyph.y_offset});
    } else {
      undrawn_pen = pen;
      if (first_undrawn_pen < 0) first_undrawn_pen = pen;
    }
    pen += glyph.advance;
  }
  // The space a line ends with has no glyph (it is not drawn); given no glyph, its text would
  // become an ActualText span of its own, which readers warn about and stop at (Poppler's
  // structure text keeps a block's first line only). So the font's space glyph, which draws
  // nothing, carries it. Right to left, the line's end is its left end: the first glyph.
  bool space_at_end = !run.clusters.empty() && run.clusters.back().glyphs == 0 && run.clusters.back().bytes == 1 &&
                      !run.text.empty() && run.text.back() == ' ' && (!run.backward || first_undrawn_pen == 0);
  unsigned long space = space_at_end ? space_glyph(font) : 0;
  if (space != 0 && run.backward)
    glyphs_.insert(glyphs_.begin(), cairo_glyph_t{space, start_x + first_undrawn_pen, start_y});
  else if (space != 0)
    glyphs_.push_back(cairo_glyph_t{space, start_x + undrawn_pen, start_y});
  cairo_save(cairo_);
  cairo_set_source_rgba(cairo_, run.colour.red, run.colour.green, run.colour.blue, 1.0);
  cairo_set_scaled_font(cairo_, font);
  if (run.clusters.empty()) {
    cairo_show_glyphs(cairo_, glyphs_.data(), static_cast<int>(glyphs_.size()));
  } else {
    clusters_.clear();
    text_.clear();
    // A cluster of text without glyphs would be written by Cairo as an empty marked-content span
    // carrying only that text, which readers warn about or stop at. Invisible marks (the soft
    // hyphens at hyphenation points not taken) are left out of the text; any other text joins
    // the cluster before it (or after it, at the run's start).
    std::size_t offset = 0;
    int carried = 0;
    for (std::size_t i = 0; i < run.clusters.size(); ++i) {
      Cluster cluster = run.clusters[i];
      if (space != 0 && i + 1 == run.clusters.size()) cluster.glyphs = 1;
      std::string_view bytes;
      if (!run.backward && offset + static_cast<std::size_t>(cluster.bytes) <= run.text.size())
        bytes = std::string_view(run.text).substr(offset, static_cast<std::size_t>(cluster.bytes));
      offset += static_cast<std::size_t>(cluster.bytes);
      if (cluster.glyphs == 0 && !bytes.empty() && only_invisible_marks(bytes)) continue;
      text_ += bytes;
      if (cluster.glyphs == 0 && !clusters_.empty())
        clusters_.back().num_bytes += cluster.bytes;
      else if (cluster.glyphs == 0)
        carried += cluster.bytes;
      else {
        clusters_.push_back(cairo_text_cluster_t{cluster.bytes + carried, cluster.glyphs});
        carried = 0;
      }
    }
    if (run.backward || offset != run.text.size() || clusters_.empty() || carried != 0) {
      // Right to left, or clusters that do not cover the text: Cairo gets the run as it is.
      clusters_.clear();
      for (const Cluster& cluster : run.clusters) clusters_.push_back(cairo_text_cluster_t{cluster.bytes, cluster.glyphs});
      if (space != 0) clusters_.back().num_glyphs = 1;
      text_ = run.text;
    }
    cairo_show_text_glyphs(cairo_, text_.data(), static_cast<int>(text_.size()), glyphs_.data(),
                           static_cast<int>(glyphs_.size()), clusters_.data(), static_cast<int>(clusters_.size()),
                           run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0));
  }
  cairo_restore(cairo_);
}

unsigned long CairoPagePainter::space_glyph(cairo_scaled_font_t* font) {
  auto found = space_glyphs_.find(font);
  if (found != space_glyphs_.end()) return found->second;
  cairo_glyph_t* glyphs = nullptr;
  int count = 0;
  unsigned long space = 0;  // 0, the missing glyph: the font has no space
  if (cairo_scaled_font_text_to_glyphs(font, 0, 0, " ", 1, &glyphs, &count, nullptr, nullptr, nullptr) ==
          CAIRO_STATUS_SUCCESS &&
      count == 1)
    space = glyphs[0].index;
  cairo_glyph_free(glyphs);
  space_glyphs_.emplace(font, space);
  return space;
}

void CairoPagePainter::operator()(const RectItem& item) {
  open_tags();
  cairo_set_source_rgb(cairo_, item.fill.red, item.fill.green, item.fill.blue);
  cairo_rectangle(cairo_, item.x, item.y, item.width, item.height);
  cairo_fill(cairo_);
}

void CairoPagePainter::operator()(const RuleItem& item) {
  open_tags();
  cairo_set_source_rgb(cairo_, item.colour.red, item.colour.green, item.colour.blue);
  cairo_rectangle(cairo_, item.x, item.y, item.width, item.thickness);
  cairo_fill(cairo_);
}

void CairoPagePainter::operator()(const ImageItem& item) {
  open_tags();
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

// The link's glyph runs are drawn inside its tag: Cairo makes the tag a Link element holding
// their marked content and an /OBJR to the annotation it writes over `rect` (which carries the
// annotation's /StructParent back to the element).
void CairoPagePainter::operator()(const LinkBegin& item) {
  if (!tagged_ || in_artifact_ || in_link_) return;
  open_tags();
  // Cairo 1.16 copies the uri into the PDF's "/URI (...)" as it is: escaped here for the PDF
  // string first (it would otherwise end the string and add keys of its own), then quoted for
  // Cairo's attribute syntax. link_annotations.h checks the result.
  std::string attributes = fmt::format("rect=[{} {} {} {}] uri={}", point(item.x), point(item.y), point(item.width),
                                       point(item.height), quoted(pdf_string_body(ascii_uri(item.uri))));
  cairo_tag_begin(cairo_, CAIRO_TAG_LINK, attributes.c_str());
  in_link_ = true;
}

void CairoPagePainter::operator()(const LinkEnd&) {
  if (!in_link_) return;
  cairo_tag_end(cairo_, CAIRO_TAG_LINK);
  in_link_ = false;
}

// A tag is opened in Cairo only when something is drawn in it (open_tags): one opened with
// nothing drawn would leave empty marked content in its element.
void CairoPagePainter::operator()(const StructBegin& item) {
  if (!tagged_) return;
  (*this)(LinkEnd{});  // a link element holds its marked content only
  open_tags_.push_back(OpenTag{item.role, false});
}

void CairoPagePainter::operator()(const StructEnd&) {
  if (!tagged_ || open_tags_.empty()) return;
  (*this)(LinkEnd{});
  if (tags_in_cairo_ == open_tags_.size()) {
    cairo_tag_end(cairo_, open_tags_.back().role.c_str());
    --tags_in_cairo_;
  }
  open_tags_.pop_back();
}

// See artifact_tags.h for why an artifact closes the open tags.
void CairoPagePainter::operator()(const ArtifactBegin& item) {
  if (!tagged_ || in_artifact_) return;
  (*this)(LinkEnd{});  // never open across an artifact: a link's piece is one line
  for (std::size_t i = tags_in_cairo_; i-- > 0;) cairo_tag_end(cairo_, open_tags_[i].role.c_str());
  tags_in_cairo_ = 0;
  top_level_tags_.push_back(TopLevelTag{TopLevelTag::Kind::artifact, artifact_type(item.kind), 0});
  cairo_tag_begin(cairo_, artifact_tag, nullptr);
  in_artifact_ = true;
}

void CairoPagePainter::operator()(const ArtifactEnd&) {
  if (!tagged_ || !in_artifact_) return;
  cairo_tag_end(cairo_, artifact_tag);
  in_artifact_ = false;
}

void CairoPagePainter::open_tags() {
  if (!tagged_ || in_artifact_ || tags_in_cairo_ == open_tags_.size()) return;
  if (tags_in_cairo_ == 0) {
    // A new element at the top of the tree, or the elements an artifact closed, reopened.
    std::size_t reopened = 0;
    while (reopened < open_tags_.size() && open_tags_[reopened].opened) ++reopened;
    top_level_tags_.push_back(reopened == 0 ? TopLevelTag{}
                                            : TopLevelTag{TopLevelTag::Kind::continuation, {}, reopened});
  }
  for (; tags_in_cairo_ < open_tags_.size(); ++tags_in_cairo_) {
    cairo_tag_begin(cairo_, open_tags_[tags_in_cairo_].role.c_str(), nullptr);
    open_tags_[tags_in_cairo_].opened = true;
  }
}

}  // namespace handout
