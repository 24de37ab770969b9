#include "typeset/glyph_runs.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "util/callback_guard.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

// What an item recorded from a line shows: text of no link, a piece of the line's links (its
// index), or a drawing that is not text (an underline).
constexpr int no_link = -1, not_text = -2;

// A PangoRenderer subclass whose drawing calls append page items. Pango gives positions in its
// units relative to the line's origin; they become points exactly as Pango's Cairo renderer
// computes them (origin + units / PANGO_SCALE), so the painted result does not move.
struct Recorder {
  GlyphRunMaker* maker = nullptr;
  std::vector<PageItem>* out = nullptr;
  // Per item of `out`: no_link, not_text or a link's index, and the byte its text starts at (-1:
  // no text).
  std::vector<std::pair<int, int>>* shows = nullptr;
  const std::vector<LineLink>* links = nullptr;
  double x = 0, y = 0;            // the line's origin
  double grid_x = 0, grid_y = 0;  // the same on a grid of 1/256 pt
  CallbackGuard guard;
};

// The index of the link piece holding the byte at `index` of the layout's text, or no_link.
int link_at(const std::vector<LineLink>& links, int index) {
  for (std::size_t i = 0; i < links.size(); ++i)
    if (index >= links[i].start && index < links[i].end) return static_cast<int>(i);
  return no_link;
}

// One of Pango's clusters in a glyph item: its bytes of the layout's text and its glyphs.
struct ClusterSpan {
  int start = 0, end = 0;  // bytes
  int first = 0, last = 0;  // glyphs [first, last)
  int link = no_link;
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
    PangoItem* item = glyph_item->item;
    PangoGlyphString* glyphs = glyph_item->glyphs;
    GlyphRun base;
    base.font = recorder.maker->font_index(item->analysis.font);
    base.x = recorder.x;
    base.y = recorder.y;
    base.dy = double(y) / PANGO_SCALE;
    base.colour = colour_of(renderer, PANGO_RENDER_PART_FOREGROUND);
    base.backward = (item->analysis.level & 1) != 0;
    auto shown = [](PangoGlyph glyph) {
      // An unknown character's glyph: Pango would draw a box with its code; the font's own
      // missing-glyph shape stands for it here (a warning names the character). An unknown space
      // shows nothing.
      if (glyph == PANGO_GLYPH_EMPTY || glyph == (0x20 | PANGO_GLYPH_UNKNOWN_FLAG)) return Glyph::none;
      if (glyph & PANGO_GLYPH_UNKNOWN_FLAG) return std::uint32_t{0};
      return static_cast<std::uint32_t>(glyph);
    };
    // Glyphs [first, last) as a run starting `pen` Pango units after x.
    auto run_of = [&](int first, int last, int pen) {
      GlyphRun run = base;
      run.dx = double(x + pen) / PANGO_SCALE;
      run.glyphs.reserve(static_cast<std::size_t>(last - first));
      for (int i = first; i < last; ++i) {
        const PangoGlyphInfo& info = glyphs->glyphs[i];
        run.glyphs.push_back(Glyph{shown(info.glyph), double(info.geometry.width) / PANGO_SCALE,
                                   double(info.geometry.x_offset) / PANGO_SCALE,
                                   double(info.geometry.y_offset) / PANGO_SCALE});
      }
      return run;
    };
    if (!text || item->length == 0) {
      recorder.out->push_back(run_of(0, glyphs->num_glyphs, 0));
      recorder.shows->emplace_back(no_link, -1);
      return 0;
    }
    std::vector<ClusterSpan> clusters;
    PangoGlyphItemIter iter;
    for (gboolean more = pango_glyph_item_iter_init_start(&iter, glyph_item, text); more;
         more = pango_glyph_item_iter_next_cluster(&iter))
      clusters.push_back(ClusterSpan{iter.start_index, iter.end_index, std::min(iter.start_glyph, iter.end_glyph + 1),
                                     std::max(iter.start_glyph + 1, iter.end_glyph),
                                     link_at(*recorder.links, iter.start_index)});
    // One run for each stretch of clusters in the same link (or in none), so that a link's
    // words are runs of their own: pieces of a run are contiguous in text and in glyphs.
    for (std::size_t from = 0, to = 0; from < clusters.size(); from = to) {
      for (to = from + 1; to < clusters.size() && clusters[to].link == clusters[from].link;) ++to;
      int first = glyphs->num_glyphs, last = 0, start = item->offset + item->length, end = item->offset;
      for (std::size_t c = from; c < to; ++c) {
        first = std::min(first, clusters[c].first), last = std::max(last, clusters[c].last);
        start = std::min(start, clusters[c].start), end = std::max(end, clusters[c].end);
      }
      if (from == 0 && to == clusters.size()) first = 0, last = glyphs->num_glyphs;  // the whole item
      int pen = 0;
      for (int i = 0; i < first; ++i) pen += glyphs->glyphs[i].geometry.width;
      GlyphRun run = run_of(first, last, pen);
      run.text.assign(text + start, static_cast<std::size_t>(end - start));
      for (std::size_t c = from; c < to; ++c) {
        Cluster cluster;
        cluster.bytes = clusters[c].end - clusters[c].start;
        for (int i = clusters[c].first; i < clusters[c].last; ++i)
          if (glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY &&
              glyphs->glyphs[i].glyph != (0x20 | PANGO_GLYPH_UNKNOWN_FLAG))
            ++cluster.glyphs;
        run.clusters.push_back(cluster);
      }
      recorder.out->push_back(std::move(run));
      recorder.shows->emplace_back(clusters[from].link, start);
    }
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
    recorder.shows->emplace_back(not_text, -1);
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
  recorded_.clear();
  shows_.clear();
  Recorder recorder{this, &recorded_, &shows_, &line.links, line.x, line.baseline, on_grid(line.x),
                    on_grid(line.baseline), {}};
  reinterpret_cast<RecordingRenderer*>(renderer_.get())->recorder = &recorder;
  pango_renderer_draw_layout_line(renderer_.get(), pango_line, 0, 0);
  reinterpret_cast<RecordingRenderer*>(renderer_.get())->recorder = nullptr;
  recorder.guard.rethrow_if_failed();
  if (!line.spans && line.links.empty()) {
    for (PageItem& item : recorded_) out.push_back(std::move(item));
    return;
  }
  // The runs of each link piece between its link marks, the other runs in spans; a drawing
  // that is not text (an underline) goes with the text before it. Pango draws a line from left to
  // right; its elements follow the text's order, which differs where the text runs right to left.
  std::vector<std::size_t> order(recorded_.size());
  std::vector<int> key(recorded_.size());
  for (std::size_t i = 0, start = 0; i < recorded_.size(); ++i) {
    order[i] = i;
    if (shows_[i].second >= 0) start = static_cast<std::size_t>(shows_[i].second);
    key[i] = static_cast<int>(start);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  constexpr int nothing = -3;
  int open = nothing;
  auto close = [&] {
    if (open == no_link) out.emplace_back(StructEnd{});
    if (open >= 0) out.emplace_back(LinkEnd{});
    open = nothing;
  };
  std::vector<bool> begun(line.links.size(), false);
  for (std::size_t i : order) {
    int shows = shows_[i].first;
    if (shows == no_link && !line.spans) shows = nothing;
    if (shows != not_text && shows != open) {
      close();
      if (shows == no_link) out.emplace_back(StructBegin{"Span"});
      if (shows >= 0) {
        LinkBegin begin = line.links[static_cast<std::size_t>(shows)].area;
        // A piece whose runs are apart (text changing direction inside it) goes on as one link.
        if (begun[static_cast<std::size_t>(shows)]) begin.continued = true;
        begun[static_cast<std::size_t>(shows)] = true;
        out.emplace_back(std::move(begin));
      }
      open = shows;
    }
    out.push_back(std::move(recorded_[i]));
  }
  close();
}

}  // namespace handout
