#pragma once
// One owner type for each C handle of Pango and fontconfig, so no logic frees by hand (Cairo's are
// in paint/cairo_handles.h).
#include <fontconfig/fontconfig.h>
#include <glib-object.h>
#include <pango/pango.h>

#include <memory>

namespace handout {

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

// Layouts are shared: the display list keeps them alive until every painter is done.
using SharedLayout = std::shared_ptr<PangoLayout>;
inline SharedLayout share_layout(PangoLayout* layout) { return SharedLayout(layout, GObjectUnref{}); }

struct FontDescriptionFree {
  void operator()(PangoFontDescription* description) const { pango_font_description_free(description); }
};
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

struct AttrListUnref {
  void operator()(PangoAttrList* list) const { pango_attr_list_unref(list); }
};
using AttrListPtr = std::unique_ptr<PangoAttrList, AttrListUnref>;

struct FcConfigRelease {
  void operator()(FcConfig* config) const { ::FcConfigDestroy(config); }
};
using FcConfigPtr = std::unique_ptr<FcConfig, FcConfigRelease>;

struct FcCharSetRelease {
  void operator()(FcCharSet* characters) const { ::FcCharSetDestroy(characters); }
};
using FcCharSetPtr = std::unique_ptr<FcCharSet, FcCharSetRelease>;

}  // namespace handout
