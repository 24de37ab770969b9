#include "typeset/glyph_runs.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

#include <cmath>
#include <filesystem>

#include "util/callback_guard.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

// A PangoRenderer subclass whose drawing calls append page items. Pango gives positions in its
// units relative to the line's origin; they become points exactly as Pango's Cairo renderer
// computes them (origin + units / PANGO_SCALE), so the painted result does not move.
struct Recorder {
  GlyphRunMaker* maker = nullptr;
  std::vector<PageItem>* out = nullptr;
  double x = 0, y = 0;            // the line's origin
  double grid_x = 0, grid_y = 0;  // the same on a grid of 1/256 pt
  CallbackGuard guard;
};

struct RecordingRenderer {
  PangoRenderer parent;
  Recorder* recorder;
};
struct RecordingRendererClass {
  PangoRendererClass parent_class;
};

Rgb colour_of(PangoRenderer* renderer, PangoRenderPart part) {
  const PangoColor* colour = pango_renderer_get_color(renderer, part);
  if (!colour) return Rgb{0, 0, 0};
  return Rgb{colour->red / 65535., colour->green / 65535., colour->blue / 65535.};
}

Recorder& recorder_of(PangoRenderer* renderer) {
  return *reinterpret_cast<RecordingRenderer*>(renderer)->recorder;
}

void record_glyph_item(PangoRenderer* renderer, const char* text, PangoGlyphItem* glyph_item, int x, int y) {
  Recorder& recorder = recorder_of(renderer);
  recorder.guard.run(0, [&] {
    GlyphRun run;
    PangoItem* item = glyph_item->item;
    PangoGlyphString* glyphs = glyph_item->glyphs;
    run.font = recorder.maker->font_index(item->analysis.font);
    run.x = recorder.x;
    run.y = recorder.y;
    run.dx = double(x) / PANGO_SCALE;
    run.dy = double(y) / PANGO_SCALE;
    run.colour = colour_of(renderer, PANGO_RENDER_PART_FOREGROUND);
    run.backward = (item->analysis.level & 1) != 0;
    run.glyphs.reserve(static_cast<std::size_t>(glyphs->num_glyphs));
    auto shown = [](PangoGlyph glyph) {
      // An unknown character's glyph: Pango would draw a box with its code; the font's own
      // missing-glyph shape stands for it here (a warning names the character). An unknown space
      // shows nothing.
      if (glyph == PANGO_GLYPH_EMPTY || glyph == (0x20 | PANGO_GLYPH_UNKNOWN_FLAG)) return Glyph::none;
      if (glyph & PANGO_GLYPH_UNKNOWN_FLAG) return std::uint32_t{0};
      return static_cast<std::uint32_t>(glyph);
    };
    for (int i = 0; i < glyphs->num_glyphs; ++i) {
      const PangoGlyphInfo& info = glyphs->glyphs[i];
      run.glyphs.push_back(Glyph{shown(info.glyph), double(info.geometry.width) / PANGO_SCALE,
                                 double(info.geometry.x_offset) / PANGO_SCALE,
                                 double(info.geometry.y_offset) / PANGO_SCALE});
    }
    if (text) {
      run.text.assign(text + item->offset, static_cast<std::size_t>(item->length));
      PangoGlyphItemIter iter;
      for (gboolean more = pango_glyph_item_iter_init_start(&iter, glyph_item, text); more;
           more = pango_glyph_item_iter_next_cluster(&iter)) {
        Cluster cluster;
        cluster.bytes = iter.end_index - iter.start_index;
        int first = std::min(iter.start_glyph, iter.end_glyph + 1);
        int last = std::max(iter.start_glyph + 1, iter.end_glyph);
        for (int i = first; i < last; ++i)
          if (run.glyphs[static_cast<std::size_t>(i)].id != Glyph::none) ++cluster.glyphs;
        run.clusters.push_back(cluster);
      }
    }
    recorder.out->emplace_back(std::move(run));
    return 0;
  });
}

void record_glyphs(PangoRenderer* renderer, PangoFont* font, PangoGlyphString* glyphs, int x, int y) {
  PangoItem item{};
  item.analysis.font = font;
  PangoGlyphItem glyph_item{&item, glyphs, 0, 0, 0};
  record_glyph_item(renderer, nullptr, &glyph_item, x, y);
}

void record_rectangle(PangoRenderer* renderer, PangoRenderPart part, int x, int y, int width, int height) {
  Recorder& recorder = recorder_of(renderer);
  recorder.guard.run(0, [&] {
    recorder.out->emplace_back(RuleItem{recorder.grid_x + double(x) / PANGO_SCALE, recorder.grid_y + double(y) / PANGO_SCALE,
                                        double(width) / PANGO_SCALE, double(height) / PANGO_SCALE,
                                        colour_of(renderer, part)});
    return 0;
  });
}

}  // namespace

G_DEFINE_TYPE(RecordingRenderer, recording_renderer, PANGO_TYPE_RENDERER)

static void recording_renderer_init(RecordingRenderer* self) { self->recorder = nullptr; }

static void recording_renderer_class_init(RecordingRendererClass* klass) {
  PangoRendererClass* renderer = PANGO_RENDERER_CLASS(klass);
  renderer->draw_glyphs = record_glyphs;
  renderer->draw_glyph_item = record_glyph_item;
  renderer->draw_rectangle = record_rectangle;
  // Error underlines and shapes: attributes the typesetter never sets.
  renderer->draw_error_underline = nullptr;
  renderer->draw_shape = nullptr;
}

GlyphRunMaker::GlyphRunMaker(std::vector<FontFace>& fonts, std::string fonts_folder)
    : fonts_(fonts),
      folder_(std::move(fonts_folder)),
      renderer_(static_cast<PangoRenderer*>(g_object_new(recording_renderer_get_type(), nullptr))) {}

int GlyphRunMaker::font_index(PangoFont* font) {
  auto known = by_font_.find(font);
  if (known != by_font_.end()) return known->second;
  if (!PANGO_IS_FC_FONT(font)) throw HandoutError({}, "a font Pango chose is not a fontconfig font");
  FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
  FontFace face;
  FcChar8* file = nullptr;
  if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch)
    throw HandoutError({}, "a font Pango chose has no file");
  face.path = reinterpret_cast<const char*>(file);
  FcPatternGetInteger(pattern, FC_INDEX, 0, &face.index);
  if (FcPatternGetDouble(pattern, FC_PIXEL_SIZE, 0, &face.size) != FcResultMatch) {
    PangoFontDescription* description = pango_font_describe_with_absolute_size(font);
    face.size = pango_font_description_get_size(description) / double(PANGO_SCALE);
    pango_font_description_free(description);
  }
  FcBool embolden = FcFalse;
  if (FcPatternGetBool(pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch) face.synthetic_bold = embolden;
  FcMatrix* matrix = nullptr;
  if (FcPatternGetMatrix(pattern, FC_MATRIX, 0, &matrix) == FcResultMatch) face.synthetic_oblique = matrix->xy != 0;
  std::filesystem::path relative = std::filesystem::path(face.path).lexically_relative(folder_);
  face.name = relative.empty() || *relative.begin() == ".." ? std::filesystem::path(face.path).filename().string()
                                                            : relative.generic_string();
  auto key = std::make_tuple(face.path, face.index, face.size, face.synthetic_bold, face.synthetic_oblique);
  auto same = by_face_.find(key);
  int index = 0;
  if (same != by_face_.end()) {
    index = same->second;
  } else {
    index = static_cast<int>(fonts_.size());
    fonts_.push_back(std::move(face));
    by_face_.emplace(key, index);
  }
  by_font_.emplace(font, index);
  return index;
}

void GlyphRunMaker::convert(const TextLineItem& line, std::vector<PageItem>& out) {
  PangoLayoutLine* pango_line = pango_layout_get_line_readonly(line.layout.get(), line.line_index);
  if (!pango_line) return;
  // Underlines and strike-throughs are placed from the line's origin on a grid of 1/256 pt, the
  // precision of Cairo's coordinates (24.8 fixed point), where Pango's Cairo renderer put it.
  auto on_grid = [](double value) { return std::nearbyint(value * 256.0) / 256.0; };
  Recorder recorder{this, &out, line.x, line.baseline, on_grid(line.x), on_grid(line.baseline), {}};
  reinterpret_cast<RecordingRenderer*>(renderer_.get())->recorder = &recorder;
  pango_renderer_draw_layout_line(renderer_.get(), pango_line, 0, 0);
  reinterpret_cast<RecordingRenderer*>(renderer_.get())->recorder = nullptr;
  recorder.guard.rethrow_if_failed();
}

}  // namespace handout
