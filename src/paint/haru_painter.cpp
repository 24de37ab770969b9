#include "paint/haru_painter.h"

#include <fmt/format.h>
#include <hpdf.h>
#include <pango/pangofc-font.h>

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
#include "typeset/c_handles.h"
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
    HPDF_AddPageLabel(doc_.get(), 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
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

  HPDF_Font font_for(PangoFont* font) {
    FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8* file = nullptr;
    if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch)
      throw HandoutError({path_}, "a font Pango chose has no file");
    std::string key = reinterpret_cast<const char*>(file);
    auto found = fonts_.find(key);
    if (found != fonts_.end()) return found->second;
    // Loaded on first use: libharu embeds every font it loads.
    const char* name = HPDF_LoadTTFontFromFile(doc_.get(), key.c_str(), HPDF_TRUE);
    HPDF_Font haru_font = name ? HPDF_GetFont(doc_.get(), name, "UTF-8") : nullptr;
    if (!haru_font) check(("loading the font " + key).c_str());
    fonts_[key] = haru_font;
    return haru_font;
  }

  void paint_page(const Page& page) {
    page_ = HPDF_AddPage(doc_.get());
    HPDF_Page_SetWidth(page_, static_cast<HPDF_REAL>(page.width));
    HPDF_Page_SetHeight(page_, static_cast<HPDF_REAL>(page.height));
    height_ = page.height;
    pages_added_.push_back(page_);
    for (const DisplayItem& item : page.items) {
      if (const auto* text = std::get_if<TextLineItem>(&item)) paint_text_line(*text);
      if (const auto* rect = std::get_if<RectItem>(&item)) paint_rect(rect->x, rect->y, rect->width, rect->height, rect->fill);
      if (const auto* image = std::get_if<ImageItem>(&item)) paint_image(*image);
      if (const auto* link = std::get_if<LinkItem>(&item)) add_link(*link);
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

  void add_link(const LinkItem& link) {
    HPDF_Rect rect{static_cast<HPDF_REAL>(link.x), y_of(link.y + link.height),
                   static_cast<HPDF_REAL>(link.x + link.width), y_of(link.y)};
    HPDF_Annotation annotation = HPDF_Page_CreateURILinkAnnot(page_, rect, ascii_uri(link.uri).c_str());
    if (annotation) HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0);
  }

  struct RunStyle {
    Rgb colour;
    bool underline = false;
    bool strikethrough = false;
  };

  static RunStyle style_of(const PangoItem* item) {
    RunStyle style;
    for (GSList* node = item->analysis.extra_attrs; node; node = node->next) {
      auto* attribute = static_cast<PangoAttribute*>(node->data);
      switch (attribute->klass->type) {
        case PANGO_ATTR_FOREGROUND: {
          const PangoColor& c = reinterpret_cast<PangoAttrColor*>(attribute)->color;
          style.colour = {c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0};
          break;
        }
        case PANGO_ATTR_UNDERLINE:
          style.underline = reinterpret_cast<PangoAttrInt*>(attribute)->value != PANGO_UNDERLINE_NONE;
          break;
        case PANGO_ATTR_STRIKETHROUGH:
          style.strikethrough = reinterpret_cast<PangoAttrInt*>(attribute)->value != 0;
          break;
        default:
          break;
      }
    }
    return style;
  }

  // Text that shows nothing: line and paragraph separators, soft hyphens, controls.
  static bool is_invisible(std::string_view text) {
    return text == "\u2028" || text == "\u2029" || text == "\u00AD" || text == "\n" || text == "\r" || text == "\t";
  }

  void paint_text_line(const TextLineItem& item) {
    PangoLayoutLine* line = pango_layout_get_line_readonly(item.layout.get(), item.line_index);
    if (!line) return;
    const char* text = pango_layout_get_text(item.layout.get());
    double run_x = item.x;
    for (GSList* node = line->runs; node; node = node->next) {
      auto* run = static_cast<PangoGlyphItem*>(node->data);
      double run_width = 0;
      for (int i = 0; i < run->glyphs->num_glyphs; ++i) run_width += run->glyphs->glyphs[i].geometry.width;
      run_width /= PANGO_SCALE;
      paint_run(run, text, run_x, item.baseline, run_width);
      run_x += run_width;
    }
  }

  void paint_run(PangoGlyphItem* run, const char* text, double run_x, double baseline, double run_width) {
    PangoFontDescription* description = pango_font_describe_with_absolute_size(run->item->analysis.font);
    double size = pango_font_description_get_size(description) / double(PANGO_SCALE);
    pango_font_description_free(description);
    RunStyle style = style_of(run->item);
    HPDF_Font font = font_for(run->item->analysis.font);

    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(size));
    HPDF_Page_SetRGBFill(page_, static_cast<HPDF_REAL>(style.colour.red), static_cast<HPDF_REAL>(style.colour.green),
                         static_cast<HPDF_REAL>(style.colour.blue));
    std::string segment;
    double segment_x = 0, segment_y = 0;
    auto flush = [&] {
      if (segment.empty()) return;
      HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(segment_x), y_of(segment_y), segment.c_str());
      segment.clear();
    };
    PangoGlyphItemIter iter;
    double x = run_x;
    for (gboolean more = pango_glyph_item_iter_init_start(&iter, run, text); more;
         more = pango_glyph_item_iter_next_cluster(&iter)) {
      std::string_view cluster(text + iter.start_index, static_cast<std::size_t>(iter.end_index - iter.start_index));
      double cluster_width = 0;
      bool drawable = true, any_visible = false;
      const PangoGlyphInfo& first = run->glyphs->glyphs[iter.start_glyph];
      for (int g = iter.start_glyph; g != iter.end_glyph; g += (iter.end_glyph > iter.start_glyph ? 1 : -1)) {
        const PangoGlyphInfo& glyph = run->glyphs->glyphs[g];
        cluster_width += glyph.geometry.width / double(PANGO_SCALE);
        bool empty = glyph.glyph == PANGO_GLYPH_EMPTY || (glyph.glyph & PANGO_GLYPH_UNKNOWN_FLAG);
        if (empty) drawable = false;
        any_visible = any_visible || !empty;
      }
      double glyph_x = x + first.geometry.x_offset / double(PANGO_SCALE);
      double glyph_y = baseline + first.geometry.y_offset / double(PANGO_SCALE);
      x += cluster_width;
      // A soft hyphen is empty unless a line breaks at it: Pango then adds a hyphen to it.
      const bool shown_soft_hyphen = any_visible && cluster == "\u00AD";
      if (shown_soft_hyphen) drawable = true;
      if (!drawable || (is_invisible(cluster) && !shown_soft_hyphen)) {
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
      segment += cluster;
    }
    flush();
    HPDF_Page_EndText(page_);

    if (style.underline || style.strikethrough) {
      PangoFontMetrics* metrics = pango_font_get_metrics(run->item->analysis.font, nullptr);
      double thickness = pango_font_metrics_get_underline_thickness(metrics) / double(PANGO_SCALE);
      double underline = pango_font_metrics_get_underline_position(metrics) / double(PANGO_SCALE);
      double strike = pango_font_metrics_get_strikethrough_position(metrics) / double(PANGO_SCALE);
      pango_font_metrics_unref(metrics);
      if (style.underline) paint_rect(run_x, baseline - underline, run_width, thickness, style.colour);
      if (style.strikethrough) paint_rect(run_x, baseline - strike, run_width, thickness, style.colour);
    }
  }

  void add_outline() {
    if (pages_.outline.empty()) return;
    HPDF_Encoder encoder = HPDF_GetEncoder(doc_.get(), "UTF-8");
    std::map<int, HPDF_Outline> parent_at_level;
    for (const OutlineEntry& entry : pages_.outline) {
      HPDF_Outline parent = nullptr;
      for (int level = entry.level - 1; level >= 1 && !parent; --level) {
        auto found = parent_at_level.find(level);
        if (found != parent_at_level.end()) parent = found->second;
      }
      HPDF_Outline outline = HPDF_CreateOutline(doc_.get(), parent, entry.title.c_str(), encoder);
      if (!outline) check("adding the outline");
      HPDF_Outline_SetOpened(outline, HPDF_TRUE);
      HPDF_Page page = pages_added_.at(static_cast<std::size_t>(entry.page));
      HPDF_Destination destination = HPDF_Page_CreateDestination(page);
      // libharu refuses XYZ with a zoom of 0 ("keep"); fitting the width at the heading is close.
      HPDF_Destination_SetFitH(destination,
                               static_cast<HPDF_REAL>(pages_.pages[static_cast<std::size_t>(entry.page)].height - entry.y));
      HPDF_Outline_SetDestination(outline, destination);
      parent_at_level[entry.level] = outline;
      for (auto it = parent_at_level.upper_bound(entry.level); it != parent_at_level.end();)
        it = parent_at_level.erase(it);
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
