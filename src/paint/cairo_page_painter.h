#pragma once
// Painting one page's display items onto a Cairo context (a PDF page or an image).
#include <cairo.h>

#include <map>
#include <string>
#include <vector>

#include "typeset/c_handles.h"
#include "typeset/pages.h"

namespace handout {

// Throws HandoutError at `place` when `cairo` is in error, naming what was being drawn.
void check_cairo(cairo_t* cairo, const SourcePlace& place, const std::string& what);

class CairoPagePainter {
 public:
  // `tagged`: turn structure marks into PDF structure tags and links into link annotations.
  CairoPagePainter(cairo_t* cairo, bool tagged) : cairo_(cairo), tagged_(tagged) {}

  // Throws HandoutError, at the item's place when it has one, if Cairo fails to draw an item.
  void paint(const Page& page) const;

  void operator()(const TextLineItem& item) const;
  void operator()(const RectItem& item) const;
  void operator()(const ImageItem& item) const;
  void operator()(const LinkItem& item) const;
  void operator()(const StructBegin& item) const;
  void operator()(const StructEnd& item) const;

 private:
  cairo_t* cairo_;
  bool tagged_;
  mutable std::vector<std::string> open_tags_;
  mutable std::map<std::string, CairoSurfacePtr> images_;  // by path
};

}  // namespace handout
