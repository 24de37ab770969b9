#include "paint/haru_painter.h"

#include <fmt/format.h>
#include <hpdf.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <type_traits>

#include "image/image_format.h"
#include "image/image_header.h"
#include "image/jpeg_codec.h"
#include "paint/cairo_image.h"
#include "paint/image_geometry.h"
#include "paint/cairo_handles.h"
#include "util/diagnostic.h"
#include "util/link_target.h"
#include "util/text.h"

namespace handout {

namespace {

struct HaruFree {
  void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};
using HaruDocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, HaruFree>;

// libharu's errors are sticky: the handler keeps the first, and every step checks for it.
struct HaruErrors {
  HPDF_STATUS first = HPDF_OK;
  HPDF_STATUS detail = 0;
  static void handler(HPDF_STATUS error, HPDF_STATUS detail, void* self) noexcept {  // called from C
    auto* errors = static_cast<HaruErrors*>(self);
    if (errors->first == HPDF_OK) {
      errors->first = error;
      errors->detail = detail;
    }
  }
};

// Where Pango's position and libharu's own advance may differ before a new text run starts.
constexpr double drift_tolerance = 0.02;

class HaruPainter {
 public:
  HaruPainter(const Pages& pages, const std::string& path, const HaruOptions& options)
      : pages_(pages), path_(path), options_(options), doc_(HPDF_New(&HaruErrors::handler, &errors_)) {
    if (!doc_) throw HandoutError({path}, "libharu could not start a document");
  }

  std::string write() {
    HPDF_UseUTFEncodings(doc_.get());
    HPDF_SetCompressionMode(doc_.get(), HPDF_COMP_ALL);
    set_metadata();
    for (const Page& page : pages_.pages) paint_page(page);
    add_outline();
    add_page_labels();
    if (options_.pdfa) make_pdfa();
    check("preparing the document");
    // To memory: the caller writes the bytes itself, checking every write.
    if (HPDF_SaveToStream(doc_.get()) != HPDF_OK || errors_.first != HPDF_OK) check("saving");
    const HPDF_UINT32 size = HPDF_GetStreamSize(doc_.get());
    check("saving");
    if (size == 0) throw HandoutError({path_}, "libharu wrote an empty PDF");
    std::string bytes(size, '\0');
    HPDF_UINT32 read = size;
    HPDF_STATUS status = HPDF_ReadFromStream(doc_.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
    // Reading the whole stream may report its end; anything else, or a short read, is a failure.
    if ((status != HPDF_OK && status != HPDF_STREAM_EOF) || read != size)
      throw HandoutError({path_}, fmt::format("libharu could not hand over the PDF: error 0x{:04X}, {} of {} bytes",
                                              static_cast<unsigned>(status), read, size));
    if (errors_.first != HPDF_OK && errors_.first != HPDF_STREAM_EOF) check("saving");
    return bytes;
  }

 private:
  void check(const char* step) const {
    if (errors_.first != HPDF_OK)
      throw HandoutError({path_}, fmt::format("libharu failed while {}: error 0x{:04X} (detail {})", step,
                                              static_cast<unsigned>(errors_.first), errors_.detail));
  }

  void set_metadata() {
    const DocumentInfo& info = pages_.info;
    HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_TITLE, info.title.c_str());
    HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_AUTHOR, info.author.c_str());
    HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_SUBJECT, info.subject.c_str());
    HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_KEYWORDS, info.keywords.c_str());
    HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_CREATOR, info.creator.c_str());
    HPDF_Date date{};
    if (std::sscanf(info.date.c_str(), "%d-%d-%dT%d:%d:%d", &date.year, &date.month, &date.day, &date.hour,
                    &date.minutes, &date.seconds) != 6)
      throw HandoutError({path_}, "the document date is not an ISO date and time: " + info.date);
    // UTC as "+00'00'": libharu's PDF/A step refuses the 'Z' form.
    date.ind = '+';
    HPDF_SetInfoDateAttr(doc_.get(), HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(doc_.get(), HPDF_INFO_MOD_DATE, date);
    check("setting the metadata");
  }

  void make_pdfa() {
    if (auto problem = regular_file_problem(options_.icc_profile))
      throw HandoutError({options_.icc_profile}, fmt::format("the sRGB ICC profile for the archive profile's output "
                                                             "intent: {} (Debian's icc-profiles-free installs it)",
                                                             *problem));
    HPDF_PDFA_SetPDFAConformance(doc_.get(), HPDF_PDFA_1B);
    HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(doc_.get(), options_.icc_profile.c_str(), 3);
    if (!icc) check("loading the ICC profile");
    HPDF_PDFA_AppendOutputIntents(doc_.get(), "sRGB IEC61966-2.1", icc);
    check("adding the PDF/A output intent");
  }

  HPDF_Font font_for(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= pages_.fonts.size())
      throw HandoutError({path_}, fmt::format("a glyph run names font {}, which the font table does not have", index));
    const FontFace& face = pages_.fonts[static_cast<std::size_t>(index)];
    std::string key = face.path + "#" + std::to_string(face.index);
    auto found = fonts_.find(key);
    if (found != fonts_.end()) return found->second;
    // Loaded on first use: libharu embeds every font it loads.
    const char* name = face.index == 0
                           ? HPDF_LoadTTFontFromFile(doc_.get(), face.path.c_str(), HPDF_TRUE)
                           : HPDF_LoadTTFontFromFile2(doc_.get(), face.path.c_str(), static_cast<HPDF_UINT>(face.index),
                                                      HPDF_TRUE);
    HPDF_Font haru_font = name ? HPDF_GetFont(doc_.get(), name, "UTF-8") : nullptr;
    if (!haru_font) check(("loading the font " + face.path).c_str());
    fonts_[key] = haru_font;
    return haru_font;
  }

  void add_page_labels() {
    for (const PageLabel& label : pages_.page_labels) {
      HPDF_PageNumStyle style = HPDF_PAGE_NUM_STYLE_DECIMAL;
      if (label.style == PageLabel::Style::roman_lower) style = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN;
      if (label.style == PageLabel::Style::roman_upper) style = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN;
      // libharu has no style "prefix only": a decimal number it is.
      HPDF_AddPageLabel(doc_.get(), static_cast<HPDF_UINT>(label.first_page), style,
                        static_cast<HPDF_UINT>(label.start), label.prefix.c_str());
    }
  }

  void paint_page(const Page& page) {
    page_ = HPDF_AddPage(doc_.get());
    HPDF_Page_SetWidth(page_, static_cast<HPDF_REAL>(page.width));
    HPDF_Page_SetHeight(page_, static_cast<HPDF_REAL>(page.height));
    height_ = page.height;
    pages_added_.push_back(page_);
    for (const PageItem& item : page.items) {
      if (const auto* run = std::get_if<GlyphRun>(&item)) paint_run(*run);
      if (const auto* rect = std::get_if<RectItem>(&item)) paint_rect(rect->x, rect->y, rect->width, rect->height, rect->fill);
      if (const auto* rule = std::get_if<RuleItem>(&item))
        paint_rect(rule->x, rule->y, rule->width, rule->thickness, rule->colour);
      if (const auto* image = std::get_if<ImageItem>(&item)) paint_image(*image);
      if (const auto* link = std::get_if<LinkBegin>(&item)) add_link(*link);
    }
    check("painting a page");
  }

  HPDF_REAL y_of(double top_down) const { return static_cast<HPDF_REAL>(height_ - top_down); }

  void paint_rect(double x, double y, double width, double height, const Rgb& fill) {
    HPDF_Page_SetRGBFill(page_, static_cast<HPDF_REAL>(fill.red), static_cast<HPDF_REAL>(fill.green),
                         static_cast<HPDF_REAL>(fill.blue));
    HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(x), y_of(y + height), static_cast<HPDF_REAL>(width),
                        static_cast<HPDF_REAL>(height));
    HPDF_Page_Fill(page_);
  }

  void paint_image(const ImageItem& item) {
    require_drawable(item);
    HPDF_Image image = image_for(item);
    HPDF_Page_DrawImage(page_, image, static_cast<HPDF_REAL>(item.x), y_of(item.y + item.height),
                        static_cast<HPDF_REAL>(item.width), static_cast<HPDF_REAL>(item.height));
  }

  // Loaded once a file, so an image on every page (a logo) is embedded once.
  HPDF_Image image_for(const ImageItem& item) {
    auto found = images_.find(item.path);
    if (found != images_.end()) return found->second;
    std::string bytes = read_image_bytes(item.path, item.place);
    HPDF_Image image = nullptr;
    if (image_format_of(std::string_view(bytes).substr(0, image_magic_size)) == ImageFormat::jpeg) {
      // libharu reads only the header: decoding the whole image first finds damaged data.
      decode_jpeg(bytes, item.path, item.place);
      image = HPDF_LoadJpegImageFromMem(doc_.get(), reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                        static_cast<HPDF_UINT>(bytes.size()));
    } else {
      // PDF/A-1 allows no transparency (libharu would give a PNG's alpha channel a soft mask), so
      // the image is flattened onto the white page, as it would print.
      std::vector<unsigned char> rgb;
      int width = 0, height = 0;
      flatten_on_white(cairo_image_from_bytes(std::move(bytes), item.path, item.place), rgb, width, height);
      image = HPDF_LoadRawImageFromMem(doc_.get(), rgb.data(), static_cast<HPDF_UINT>(width),
                                       static_cast<HPDF_UINT>(height), HPDF_CS_DEVICE_RGB, 8);
    }
    if (!image || errors_.first != HPDF_OK)
      throw HandoutError(item.place, fmt::format("libharu could not load image '{}': error 0x{:04X}", item.path,
                                                 static_cast<unsigned>(errors_.first)));
    images_[item.path] = image;
    return image;
  }

  static void flatten_on_white(CairoSurfacePtr image, std::vector<unsigned char>& rgb, int& width, int& height) {
    width = cairo_image_surface_get_width(image.get());
    height = cairo_image_surface_get_height(image.get());
    CairoSurfacePtr flat(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    {
      CairoPtr cairo(cairo_create(flat.get()));
      cairo_set_source_rgb(cairo.get(), 1, 1, 1);
      cairo_paint(cairo.get());
      cairo_set_source_surface(cairo.get(), image.get(), 0, 0);
      cairo_paint(cairo.get());
    }
    cairo_surface_flush(flat.get());
    const unsigned char* data = cairo_image_surface_get_data(flat.get());
    const int stride = cairo_image_surface_get_stride(flat.get());
    rgb.resize(std::size_t(width) * std::size_t(height) * 3);
    unsigned char* out = rgb.data();
    for (int y = 0; y < height; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(data + std::size_t(y) * std::size_t(stride));
      for (int x = 0; x < width; ++x) {
        *out++ = static_cast<unsigned char>(row[x] >> 16);
        *out++ = static_cast<unsigned char>(row[x] >> 8);
        *out++ = static_cast<unsigned char>(row[x]);
      }
    }
  }

  void add_link(const LinkBegin& link) {
    HPDF_Rect rect{static_cast<HPDF_REAL>(link.x), y_of(link.y + link.height),
                   static_cast<HPDF_REAL>(link.x + link.width), y_of(link.y)};
    HPDF_Annotation annotation = HPDF_Page_CreateURILinkAnnot(page_, rect, ascii_uri(link.uri).c_str());
    if (annotation) HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0);
  }

  // Text that shows nothing: line and paragraph separators, soft hyphens, controls.
  static bool is_invisible(std::string_view text) {
    return text == "\u2028" || text == "\u2029" || text == "\u00AD" || text == "\n" || text == "\r" || text == "\t";
  }

  // The run's text, cluster by cluster, each at its first glyph's position. libharu sets text
  // with its own advances, so a new text segment starts wherever those drift from the run's.
  void paint_run(const GlyphRun& run) {
    HPDF_Font font = font_for(run.font);
    const FontFace& face = pages_.fonts[static_cast<std::size_t>(run.font)];
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(face.size));
    HPDF_Page_SetRGBFill(page_, static_cast<HPDF_REAL>(run.colour.red), static_cast<HPDF_REAL>(run.colour.green),
                         static_cast<HPDF_REAL>(run.colour.blue));
    std::string segment;
    double segment_x = 0, segment_y = 0;
    auto flush = [&] {
      if (segment.empty()) return;
      HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(segment_x), y_of(segment_y), segment.c_str());
      segment.clear();
    };
    std::size_t glyph = 0;
    std::size_t byte = run.backward ? run.text.size() : 0;
    double pen = 0;
    for (const Cluster& cluster : run.clusters) {
      const auto bytes = static_cast<std::size_t>(cluster.bytes);
      if (bytes > (run.backward ? byte : run.text.size() - byte)) break;  // not a cluster map of this text
      if (run.backward) byte -= bytes;
      std::string_view text(run.text.data() + byte, bytes);
      if (!run.backward) byte += bytes;
      // The cluster's glyphs: as many drawn ones as it counts, or the glyphs that draw nothing.
      bool first = true, drawable = cluster.glyphs > 0;
      double glyph_x = 0, glyph_y = 0;
      for (int drawn = 0; glyph < run.glyphs.size();) {
        const Glyph& g = run.glyphs[glyph];
        if (g.id == Glyph::none ? cluster.glyphs > 0 && drawn == cluster.glyphs : drawn == cluster.glyphs) break;
        if (first) {
          glyph_x = run.x + run.dx + pen + g.x_offset;
          glyph_y = run.y + run.dy + g.y_offset;
          first = false;
        }
        if (g.id != Glyph::none) ++drawn;
        if (g.id == 0) drawable = false;  // the missing glyph: no text libharu could show
        pen += g.advance;
        ++glyph;
      }
      // A soft hyphen draws nothing unless a line breaks at it: Pango then gives it a hyphen.
      const bool shown_soft_hyphen = drawable && text == "\u00AD";
      if (!drawable || first || (is_invisible(text) && !shown_soft_hyphen)) {
        flush();
        continue;
      }
      if (!segment.empty()) {
        double expected = segment_x + HPDF_Page_TextWidth(page_, segment.c_str());
        if (std::abs(expected - glyph_x) > drift_tolerance || glyph_y != segment_y) flush();
      }
      if (segment.empty()) {
        segment_x = glyph_x;
        segment_y = glyph_y;
      }
      segment += text;
    }
    flush();
    HPDF_Page_EndText(page_);
  }

  // The outline's tree comes made: each entry names its parent, added before it.
  void add_outline() {
    if (pages_.outline.empty()) return;
    HPDF_Encoder encoder = HPDF_GetEncoder(doc_.get(), "UTF-8");
    std::vector<HPDF_Outline> added;
    for (const OutlineEntry& entry : pages_.outline) {
      HPDF_Outline parent = entry.parent >= 0 && static_cast<std::size_t>(entry.parent) < added.size()
                                ? added[static_cast<std::size_t>(entry.parent)]
                                : nullptr;
      HPDF_Outline outline = HPDF_CreateOutline(doc_.get(), parent, entry.title.c_str(), encoder);
      if (!outline) check("adding the outline");
      HPDF_Outline_SetOpened(outline, HPDF_TRUE);
      HPDF_Page page = pages_added_.at(static_cast<std::size_t>(entry.page));
      HPDF_Destination destination = HPDF_Page_CreateDestination(page);
      // libharu refuses XYZ with a zoom of 0 ("keep"); fitting the width at the heading is close.
      HPDF_Destination_SetFitH(destination,
                               static_cast<HPDF_REAL>(pages_.pages[static_cast<std::size_t>(entry.page)].height - entry.y));
      HPDF_Outline_SetDestination(outline, destination);
      added.push_back(outline);
    }
    check("adding the outline");
  }

  const Pages& pages_;
  std::string path_;
  HaruOptions options_;
  HaruErrors errors_;
  HaruDocPtr doc_;
  HPDF_Page page_ = nullptr;
  double height_ = 0;
  std::vector<HPDF_Page> pages_added_;
  std::map<std::string, HPDF_Font> fonts_;
  std::map<std::string, HPDF_Image> images_;  // by path
};

}  // namespace

std::string paint_haru_pdf(const Pages& pages, const std::string& path, const HaruOptions& options) {
  if (pages.pages.empty()) throw HandoutError({path}, "nothing to paint: the document has no pages");
  return HaruPainter(pages, path, options).write();
}

}  // namespace handout
