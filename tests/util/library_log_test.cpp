#include <catch2/catch.hpp>

#include <pango/pango.h>

#include "util/library_log.h"

using namespace handout;

TEST_CASE("a library's warning while an output is set is a warning of that output, at its place") {
  route_library_logs();
  Warnings warnings;
  {
    LibraryLogScope scope({"content/article.md"}, warnings);
    PangoContext* context = pango_context_new();
    PangoLayout* layout = pango_layout_new(context);
    pango_layout_set_text(layout, "bad \xff byte", -1);  // Pango warns about invalid UTF-8
    g_object_unref(layout);
    g_object_unref(context);
  }
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].to_string().starts_with("content/article.md: warning: Pango: Invalid UTF-8"));
  // Outside the scope nothing more is collected.
  g_log("Pango", G_LOG_LEVEL_DEBUG, "a debug message");
  CHECK(warnings.items().size() == 1);
}
