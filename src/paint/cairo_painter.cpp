#include "paint/cairo_painter.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include "paint/cairo_page_painter.h"
#include "paint/cairo_handles.h"
#include "util/callback_guard.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

// The outline's tree comes made: each entry names its parent, which was added before it.
void add_outline(cairo_surface_t* surface, const std::vector<OutlineEntry>& outline) {
  std::vector<int> ids;
  ids.reserve(outline.size());
  for (const OutlineEntry& entry : outline) {
    int parent = entry.parent >= 0 && static_cast<std::size_t>(entry.parent) < ids.size()
                     ? ids[static_cast<std::size_t>(entry.parent)]
                     : CAIRO_PDF_OUTLINE_ROOT;
    std::string link = fmt::format("page={} pos=[0 {:.2f}]", entry.page + 1, entry.y);
    ids.push_back(cairo_pdf_surface_add_outline(surface, parent, entry.title.c_str(), link.c_str(),
                                                CAIRO_PDF_OUTLINE_FLAG_OPEN));
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

// Where Cairo's stream writer puts the PDF. Growing the string may throw (out of memory), which
// must not unwind through Cairo: it becomes a write error, rethrown once Cairo has returned.
struct PdfSink {
  std::string bytes;
  CallbackGuard guard;
};

cairo_status_t append_to_sink(void* closure, const unsigned char* data, unsigned int length) {
  auto* sink = static_cast<PdfSink*>(closure);
  return sink->guard.run(CAIRO_STATUS_WRITE_ERROR, [&] {
    sink->bytes.append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  });
}

}  // namespace

std::string paint_cairo_pdf(const Pages& pages, std::vector<TopLevelTag>* top_level_tags) {
  if (pages.pages.empty()) throw HandoutError({}, "nothing to paint: the document has no pages");
  PdfSink pdf;  // outlives the surface, which may still write while it is destroyed
  const Page& first = pages.pages.front();
  CairoSurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_sink, &pdf, first.width, first.height));
  cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
  set_metadata(surface.get(), pages.info);
  CairoPtr cairo(cairo_create(surface.get()));
  CairoFonts fonts(pages.fonts);
  CairoPagePainter painter(cairo.get(), true, fonts);
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    const Page& page = pages.pages[i];
    cairo_pdf_surface_set_size(surface.get(), page.width, page.height);
    painter.paint(page);
    cairo_show_page(cairo.get());
    check_cairo(cairo.get(), page.source, fmt::format("page {}", i + 1));
  }
  if (top_level_tags) *top_level_tags = painter.top_level_tags();
  add_outline(surface.get(), pages.outline);
  cairo.reset();
  cairo_surface_finish(surface.get());
  pdf.guard.rethrow_if_failed();
  cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw HandoutError(first.source, fmt::format("Cairo could not write the PDF: {}", cairo_status_to_string(status)));
  return std::move(pdf.bytes);
}

}  // namespace handout
