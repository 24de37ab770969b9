#include "paint/cairo_painter.h"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <map>

#include "typeset/c_handles.h"
#include "util/atomic_file.h"
#include "util/diagnostic.h"

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

class PagePainter {
 public:
  explicit PagePainter(cairo_t* cairo) : cairo_(cairo) {}

  void operator()(const TextLineItem& item) const {
    PangoLayoutLine* line = pango_layout_get_line_readonly(item.layout.get(), item.line_index);
    if (!line) return;
    cairo_set_source_rgb(cairo_, 0, 0, 0);
    cairo_move_to(cairo_, item.x, item.baseline);
    // Shows glyphs with their clusters, so the PDF's text extracts as the source text.
    pango_cairo_show_layout_line(cairo_, line);
  }

  void operator()(const RectItem& item) const {
    cairo_set_source_rgb(cairo_, item.fill.red, item.fill.green, item.fill.blue);
    cairo_rectangle(cairo_, item.x, item.y, item.width, item.height);
    cairo_fill(cairo_);
  }

  void operator()(const ImageItem& item) const {
    CairoSurfacePtr image(cairo_image_surface_create_from_png(item.path.c_str()));
    if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS)
      throw HandoutError({item.path}, "cannot read this PNG image");
    double scale_x = item.width / cairo_image_surface_get_width(image.get());
    double scale_y = item.height / cairo_image_surface_get_height(image.get());
    cairo_save(cairo_);
    cairo_translate(cairo_, item.x, item.y);
    cairo_scale(cairo_, scale_x, scale_y);
    cairo_set_source_surface(cairo_, image.get(), 0, 0);
    cairo_paint(cairo_);
    cairo_restore(cairo_);
  }

  void operator()(const LinkItem& item) const {
    std::string attributes = fmt::format("rect=[{} {} {} {}] uri={}", point(item.x), point(item.y),
                                         point(item.width), point(item.height), quoted(item.uri));
    cairo_tag_begin(cairo_, CAIRO_TAG_LINK, attributes.c_str());
    cairo_tag_end(cairo_, CAIRO_TAG_LINK);
  }

 private:
  cairo_t* cairo_;
};

void add_outline(cairo_surface_t* surface, const std::vector<OutlineEntry>& outline) {
  // Each entry hangs under the nearest earlier entry of a lower level.
  std::map<int, int> parent_at_level;
  for (const OutlineEntry& entry : outline) {
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (int level = entry.level - 1; level >= 1; --level) {
      auto found = parent_at_level.find(level);
      if (found != parent_at_level.end()) {
        parent = found->second;
        break;
      }
    }
    std::string link = fmt::format("page={} pos=[0 {}]", entry.page + 1, point(entry.y));
    int id = cairo_pdf_surface_add_outline(surface, parent, entry.title.c_str(), link.c_str(),
                                           CAIRO_PDF_OUTLINE_FLAG_OPEN);
    parent_at_level[entry.level] = id;
    for (auto it = parent_at_level.upper_bound(entry.level); it != parent_at_level.end();)
      it = parent_at_level.erase(it);
  }
}

void set_metadata(cairo_surface_t* surface, const DocumentInfo& info) {
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, info.keywords.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, info.creator.c_str());
  // Cairo would stamp the current time; a fixed date keeps builds byte-identical.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, info.date.c_str());
}

}  // namespace

void paint_pdf(const Pages& pages, const std::string& path) {
  if (pages.pages.empty()) throw HandoutError({path}, "nothing to paint: the document has no pages");
  AtomicOutput output(path);
  {
    const Page& first = pages.pages.front();
    CairoSurfacePtr surface(cairo_pdf_surface_create(output.temporary_path().c_str(), first.width, first.height));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
    set_metadata(surface.get(), pages.info);
    CairoPtr cairo(cairo_create(surface.get()));
    PagePainter painter(cairo.get());
    for (const Page& page : pages.pages) {
      cairo_pdf_surface_set_size(surface.get(), page.width, page.height);
      for (const DisplayItem& item : page.items) std::visit(painter, item);
      cairo_show_page(cairo.get());
    }
    add_outline(surface.get(), pages.outline);
    cairo.reset();
    cairo_surface_finish(surface.get());
    cairo_status_t status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS)
      throw HandoutError({path}, fmt::format("Cairo could not write the PDF: {}", cairo_status_to_string(status)));
  }
  output.commit();
}

}  // namespace handout
