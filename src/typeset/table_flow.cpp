#include "typeset/table_flow.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "typeset/table_layout.h"

namespace handout {

namespace {

// Room left beside a cell's widest line, so that Pango, which measures in whole units of
// 1/1024 pt, never wraps a line measured to fit exactly.
constexpr double slack = 0.05;

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// The width of bytes [start, end) of a laid-out line, without the spaces at the end.
double segment_width(PangoLayoutLine* line, const char* text, int start, int end) {
  while (end > start && is_space_byte(text[end - 1])) --end;
  if (end <= start) return 0;
  int* ranges = nullptr;
  int count = 0;
  pango_layout_line_get_x_ranges(line, start, end, &ranges, &count);
  double width = 0;
  for (int i = 0; i < count; ++i) width += (ranges[2 * i + 1] - ranges[2 * i]) / double(PANGO_SCALE);
  g_free(ranges);
  return width;
}

// A cell's text set on one line: its widest unbreakable word (between two of Pango's line-break
// opportunities) and its whole width.
ColumnNeed measure_cell(const TextSetter& texts, const InlineText& text, TextSpec spec) {
  spec.width = -1;
  if (texts.model) {
    if (!texts.model->predict_need(text, spec)) texts.set(text, spec);  // measures and records it
    return *texts.model->predict_need(text, spec);
  }
  SetText set = texts.set(text, spec);
  PangoLayout* layout = set.layout.get();
  const char* utf8 = pango_layout_get_text(layout);
  int attr_count = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &attr_count);
  ColumnNeed need;
  need.max = set.natural_width();
  glong offset = 0;  // the character offset of `at`
  for (GSList* node = pango_layout_get_lines_readonly(layout); node; node = node->next) {
    auto* line = static_cast<PangoLayoutLine*>(node->data);
    const int start = line->start_index, end = line->start_index + line->length;
    offset = g_utf8_pointer_to_offset(utf8, utf8 + start);
    int word_start = start;
    for (const char* at = utf8 + start; at < utf8 + end; at = g_utf8_next_char(at), ++offset) {
      int byte = static_cast<int>(at - utf8);
      if (byte > word_start && offset < attr_count && attrs[offset].is_line_break) {
        need.min = std::max(need.min, segment_width(line, utf8, word_start, byte));
        word_start = byte;
      }
    }
    need.min = std::max(need.min, segment_width(line, utf8, word_start, end));
  }
  return need;
}

TextSpec::Align cell_alignment(const TableCell& cell, bool numeric_column) {
  if (!cell.aligned && numeric_column) return TextSpec::Align::right;
  switch (cell.align) {
    case TableCell::Align::centre: return TextSpec::Align::centre;
    case TableCell::Align::right: return TextSpec::Align::right;
    case TableCell::Align::left: break;
  }
  return TextSpec::Align::left;
}

// Columns whose body cells all hold numbers (at least one, the others empty).
std::vector<bool> numeric_columns(const Block& table, std::size_t columns) {
  std::vector<bool> numeric(columns, false);
  for (std::size_t c = 0; c < columns; ++c) {
    bool any = false, all = true;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
      if (c >= table.rows[r].size()) continue;
      std::string text = plain_text(table.rows[r][c].text);
      if (text.find_first_not_of(" ") == std::string::npos) continue;
      any = true;
      all = all && is_numeric_text(text);
    }
    numeric[c] = any && all;
  }
  return numeric;
}

// One cell's lines as set, with their tops within the row.
struct SetCell {
  std::vector<FlowLine> lines;
  std::vector<double> tops;
};

class TableSetter {
 public:
  TableSetter(const Block& table, const TableSettings& settings, const SetLines& set_lines, Warnings& warnings)
      : table_(table), settings_(settings), set_lines_(set_lines), warnings_(warnings) {
    for (const auto& row : table.rows) columns_ = std::max(columns_, row.size());
    numeric_ = settings.numbers_right ? numeric_columns(table, columns_) : std::vector<bool>(columns_, false);
  }

  FlowBlock set(double x, double width) {
    FlowBlock flow;
    if (columns_ == 0) return flow;
    const double largest = settings_.text.font.size;
    double size = largest;
    std::vector<ColumnNeed> needs = measure(size);
    // Too wide even with every column at its narrowest: a smaller size, down to the floor.
    const double floor = std::min(largest, settings_.min_size);
    for (int step = 0; step < 12 && !fits(needs, width) && size > floor; ++step) {
      double total_min = 0;
      for (const ColumnNeed& need : needs) total_min += need.min;
      size = std::max(floor, size * std::min(0.98, width / total_min));
      needs = measure(size);
    }
    std::vector<double> widths = share_table_width(needs, width);
    if (!fits(needs, width)) {
      // Only now are words cut, and only in the wide columns: a column narrower than an equal
      // share keeps its width, the others share the rest in proportion, and Pango breaks the
      // words that do not fit between two letters.
      const double share = width / double(widths.size());
      double narrow = 0, wide = 0;
      for (double column : widths) (column <= share ? narrow : wide) += column;
      for (double& column : widths)
        if (column > share) column *= (width - narrow) / wide;
      warnings_.add(table_.place, fmt::format("the table is too wide for its column ({:.1f} pt) even with its text at "
                                              "{:.1f} pt (table.min_size): words in its cells are broken",
                                              width, size));
    }
    set_rows(flow, x, width, widths, size);
    flow.repeat_lines = table_.rows.size() > 1 && !flow.lines.empty() ? 1 : 0;
    return flow;
  }

 private:
  TextSpec cell_text(std::size_t row, std::size_t column, double size) const {
    TextSpec text = settings_.text;
    text.font.size = size;
    text.font.bold = row == 0;
    text.keep_compounds = true;
    const TableCell& cell = table_.rows[row][column];
    text.align = cell_alignment(cell, numeric_[column]);
    return text;
  }

  double padding(double size) const { return 0.35 * size; }

  std::vector<ColumnNeed> measure(double size) const {
    std::vector<ColumnNeed> needs(columns_);
    const double pad = 2 * padding(size) + slack;
    for (std::size_t r = 0; r < table_.rows.size(); ++r)
      for (std::size_t c = 0; c < table_.rows[r].size(); ++c) {
        ColumnNeed cell = measure_cell(settings_.texts, table_.rows[r][c].text, cell_text(r, c, size));
        needs[c].min = std::max(needs[c].min, cell.min + pad);
        needs[c].max = std::max(needs[c].max, cell.max + pad);
      }
    return needs;
  }

  void set_rows(FlowBlock& flow, double x, double width, const std::vector<double>& widths, double size) {
    const double pad = padding(size);
    double header_height = 0;
    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
      std::vector<SetCell> cells;
      double row_height = 0;
      // Each column's left edge; in right-to-left text the first column stands at the right.
      std::vector<double> lefts(widths.size());
      double edge = x;
      for (std::size_t i = 0; i < widths.size(); ++i) {
        const std::size_t c = settings_.right_to_left ? widths.size() - 1 - i : i;
        lefts[c] = edge;
        edge += widths[c];
      }
      for (std::size_t c = 0; c < table_.rows[r].size(); ++c) {
        const double cell_x = lefts[c];
        TextSpec text = cell_text(r, c, size);
        text.width = std::max(1.0, widths[c] - 2 * pad);
        text.overflow = pad;  // a too-long word may run into the padding, not into the next cell
        SetCell cell;
        cell.lines = set_lines_(table_.rows[r][c].text, text, cell_x + pad);
        double y = pad;
        for (const FlowLine& line : cell.lines) {
          cell.tops.push_back(y);
          y += line.height;
        }
        row_height = std::max(row_height, y + pad);
        cells.push_back(std::move(cell));
      }
      if (r == 0) header_height = row_height;
      // A row taller than a column is cut into parts between lines; any other row is one line,
      // which pagination never splits.
      double limit = settings_.frame_height - (r > 0 ? header_height : 0);
      double top = 0;
      while (true) {
        double cut = row_height;
        if (limit > 0 && row_height - top > limit) cut = cut_below(cells, top, top + limit);
        flow.lines.push_back(row_part(cells, r, top, cut, x, width, cut == row_height));
        if (cut >= row_height) break;
        top = cut;
      }
    }
  }

  // Where to end a part of a row that starts at `top` and may reach `limit`: above the first
  // cell line that would cross `limit`, or at `limit` when a single line is taller.
  static double cut_below(const std::vector<SetCell>& cells, double top, double limit) {
    double cut = limit;
    for (const SetCell& cell : cells)
      for (std::size_t i = 0; i < cell.lines.size(); ++i)
        if (cell.tops[i] < cut && cell.tops[i] + cell.lines[i].height > cut) cut = cell.tops[i];
    return cut > top ? cut : limit;
  }

  // The part [top, bottom) of row `r` as one flow line: the lines of each cell whose tops fall
  // in it, each cell its own structure element (a part is a row of the table's structure).
  FlowLine row_part(const std::vector<SetCell>& cells, std::size_t r, double top, double bottom, double x,
                    double width, bool last) const {
    const double rule = 0.5;
    FlowLine line;
    line.height = bottom - top;
    if (r == 0) {
      line.items.push_back(ArtifactBegin{ArtifactKind::background, "table header background"});
      line.items.push_back(RectItem{x, 0, width, line.height, settings_.header_background});
      line.items.push_back(ArtifactEnd{});
    }
    // The first row is the table's head, the others its body (a row cut into parts opens its
    // group in the first part and closes it in the last).
    const bool opens_group = top == 0 && r <= 1;
    const bool closes_group = last && (r == 0 || r + 1 == table_.rows.size());
    if (opens_group) line.items.push_back(StructBegin{r == 0 ? "THead" : "TBody", {}});
    line.items.push_back(StructBegin{"TR", {}});
    for (const SetCell& cell : cells) {
      line.items.push_back(r == 0 ? StructBegin{"TH", {}, "Column", {}} : StructBegin{"TD", {}});
      for (std::size_t i = 0; i < cell.lines.size(); ++i) {
        if (cell.tops[i] < top || cell.tops[i] >= bottom) continue;
        for (const FlowItem& item : cell.lines[i].items) line.items.push_back(translated(item, 0, cell.tops[i] - top));
      }
      line.items.push_back(StructEnd{});
    }
    line.items.push_back(StructEnd{});
    if (closes_group) line.items.push_back(StructEnd{});  // THead, TBody
    if (last) {
      line.items.push_back(ArtifactBegin{ArtifactKind::layout, "table rule"});
      line.items.push_back(RuleItem{x, line.height - rule / 2, width, rule, settings_.rule_colour});
      line.items.push_back(ArtifactEnd{});
    }
    return line;
  }

  const Block& table_;
  const TableSettings& settings_;
  const SetLines& set_lines_;
  Warnings& warnings_;
  std::size_t columns_ = 0;
  std::vector<bool> numeric_;
};

}  // namespace

FlowBlock table_flow(const Block& table, double x, double width, const TableSettings& settings,
                     const SetLines& set_lines, Warnings& warnings) {
  return TableSetter(table, settings, set_lines, warnings).set(x, width);
}

}  // namespace handout
