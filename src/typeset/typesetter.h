#pragma once
// Document + LayoutSpec + fonts -> Pages: flow the selected blocks, paginate them into the
// layout's frames, and add what every page carries (running heads, the title band).
#include <functional>
#include <mutex>
#include <set>
#include <vector>

#include "content/document.h"
#include "content/glossary.h"
#include "layout/layout_spec.h"
#include "layout/locale_strings.h"
#include "layout/template_text.h"
#include "typeset/block_flow.h"
#include "typeset/font_set.h"
#include "typeset/pages.h"
#include "typeset/paginator.h"
#include "util/file_access.h"

namespace handout {

struct FrameBox {
  int page = 0;
  double x = 0, top = 0, width = 0, height = 0;
};

class Typesetter {
 public:
  // `glossary`, when the article has one, is used if the layout's [glossary] is enabled.
  // `variant_values` are a project variant's values for the layout's templates ({clinic.phone}),
  // `value_places` where the project sets them; `files` the folders a layout may take files from.
  Typesetter(const FontSet& fonts, const LayoutSpec& spec, const Document& document, Warnings& warnings,
             TemplateValues variant_values = {}, ValuePlaces value_places = {}, FileAccess files = {},
             const Glossary* glossary = nullptr);

  // The flow at a body size, and its pagination with at most `max_frames` frames (-1: any).
  struct Trial {
    double body_size = 0;
    std::vector<FlowBlock> flow;
    Pagination pagination;
    int pages = 0;
    Warnings warnings;  // reported only if this trial becomes the pages
  };
  Trial trial(double body_size, int max_frames = -1) const;
  // The flow and pagination predicted from what `model` recorded, without breaking lines with
  // Pango (a text it has no record of is set on one line and recorded; see text_model.h). Its
  // lines have no layouts: it is never painted.
  Trial predicted_trial(double body_size, int max_frames, TextModel& model) const;

  // The finished pages at a body size.
  Pages typeset(double body_size) const;
  // The finished pages from a complete trial (one that did not overflow), so a size the fit
  // search already set is not set again.
  Pages typeset(Trial trial) const;

  // Values about the article for running heads ({readability}, {grade}); a variant's win.
  void set_facts(TemplateValues facts) { facts_ = std::move(facts); }
  // The same, made by `make` when the running heads or title band are first filled in: the
  // pages before them (and a fit search's passes) do not wait for them.
  void set_facts(std::function<TemplateValues()> make) { make_facts_ = std::move(make); }

  FrameBox frame(int index) const;
  int frames_per_page() const { return spec_.page.columns; }

  // The blocks the layout sets, in order (with the words-to-know box, when the layout has one).
  const std::vector<Block>& selected_blocks() const { return selected_; }

 private:
  Trial run_trial(double body_size, int max_frames, const TextSetter& texts) const;
  void balance_last_page(Trial& trial) const;
  // A page while it is set: page items and Pango lines not yet turned into glyph runs.
  struct DraftPage {
    std::vector<FlowItem> items;
  };
  void emit_blocks(const Trial& trial, std::vector<DraftPage>& drafts, Pages& pages) const;
  void emit_repeated_lines(const Trial& trial, std::vector<DraftPage>& drafts) const;
  void emit_running_text(const RunningText& running, double baseline, std::vector<FlowItem>& items,
                         const TemplateValues& values, const char* what) const;
  // `head` ("header", "footer") names the slots in warnings.
  void emit_running_slots(const RunningText& running, const char* head, double baseline,
                          std::vector<FlowItem>& items, const TemplateValues& values) const;
  void emit_title_band(std::vector<FlowItem>& items) const;
  TemplateValues template_values() const;
  void add_strings(TemplateValues& values) const;  // {text.KEY}, filled from `values`
  void localise_labels();
  std::string expand(const std::string& text, const TemplateValues& values, const SourcePlace& place) const;
  bool has_values_for(const std::string& text, const TemplateValues& values, const SourcePlace& place) const;

  const FontSet& fonts_;
  LayoutSpec spec_;  // the layout, with its labels in the article's language
  LocaleStrings strings_;
  bool right_to_left_;  // the article's language is written right to left
  std::vector<std::string> used_strings_;  // the {text.KEY}s the running heads and title band name
  const Document& document_;
  Warnings& warnings_;
  std::vector<Block> selected_;
  double column_width_ = 0;
  double band_height_ = 0;  // the title band with the space below it, on the first page
  TemplateValues variant_values_;
  mutable TemplateValues facts_;
  mutable std::function<TemplateValues()> make_facts_;  // run once, then empty
  mutable std::mutex facts_mutex_;
  ValuePlaces value_places_;
  FileAccess files_;
  mutable std::set<std::string> warned_missing_;
  mutable std::set<std::string> warned_slots_;  // running-head slots shortened to fit
};

}  // namespace handout
