#pragma once
// The display list: every page as positioned items. Typesetting decides every position; a
// painter only paints. Coordinates are points from the page's top-left corner, y downwards.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "layout/layout_spec.h"
#include "typeset/c_handles.h"

namespace handout {

// One line of a Pango layout, its left end at x and its baseline at `baseline`.
struct TextLineItem {
  SharedLayout layout;
  int line_index = 0;
  double x = 0, baseline = 0;
};

struct RectItem {
  double x = 0, y = 0, width = 0, height = 0;
  Rgb fill;
};

struct ImageItem {
  std::string path;  // a PNG or JPEG file
  double x = 0, y = 0, width = 0, height = 0;
  SourcePlace place;  // where the image is named (the article, or a layout's template), for errors
};

struct LinkItem {
  double x = 0, y = 0, width = 0, height = 0;
  std::string uri;
};

// Structure marks: the items between a begin and its end belong to one element of the
// document's logical structure (a heading, a paragraph, a list item...). They nest, follow
// reading order, and may stay open across a page break. Painters that cannot tag ignore them.
struct StructBegin {
  std::string role;  // a PDF standard structure type: "H1", "P", "L", "LI", "Lbl", "LBody", "Figure"...
  std::string alt;   // alternative text (figures)
};
struct StructEnd {};

using DisplayItem = std::variant<TextLineItem, RectItem, ImageItem, LinkItem, StructBegin, StructEnd>;

// Moves an item by (dx, dy): blocks are built at the origin and placed by pagination.
DisplayItem translated(const DisplayItem& item, double dx, double dy);

struct Page {
  double width = 0, height = 0;
  std::vector<DisplayItem> items;
  SourcePlace source;  // the article the page sets: the place of errors no item can be blamed for
};

struct OutlineEntry {
  int level = 1;
  std::string title;
  int page = 0;  // 0-based
  double y = 0;  // top of the heading on its page
};

struct DocumentInfo {
  std::string title, author, subject, keywords, creator, language;
  std::string date;  // "YYYY-MM-DDThh:mm:ssZ"
};

struct Pages {
  std::vector<Page> pages;
  std::vector<std::string> figure_alts;  // alternative text of each Figure element, in order
  std::vector<OutlineEntry> outline;
  DocumentInfo info;
  double body_size = 0;  // the body size the pages were set at (the fit search's choice)
};

}  // namespace handout
