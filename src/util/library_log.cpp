#include "util/library_log.h"

#include <glib.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace handout {

namespace {

thread_local LibraryLogScope* current_scope = nullptr;

}  // namespace

struct LibraryLogAccess {
  static void add(LibraryLogScope& scope, std::string message) { scope.warnings_.add(scope.place_, std::move(message)); }
};

namespace {

// Called by GLib, from C: nothing may be thrown out of it.
GLogWriterOutput write_log(GLogLevelFlags level, const GLogField* fields, gsize count, gpointer) noexcept {
  // Debug and informational messages are for library developers (G_MESSAGES_DEBUG).
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) return G_LOG_WRITER_HANDLED;
  try {
    std::string domain = "GLib", message;
    for (gsize i = 0; i < count; ++i) {
      if (fields[i].length >= 0) continue;  // binary fields are not text
      std::string_view key = fields[i].key;
      if (key == "GLIB_DOMAIN") domain = static_cast<const char*>(fields[i].value);
      if (key == "MESSAGE") message = static_cast<const char*>(fields[i].value);
    }
    std::string text = domain + ": " + message;
    if (current_scope) {
      LibraryLogAccess::add(*current_scope, text);
    } else {
      std::fprintf(stderr, "handout: warning: %s\n", text.c_str());
    }
  } catch (...) {
    std::fputs("handout: warning: a library's message was lost (out of memory)\n", stderr);
  }
  return G_LOG_WRITER_HANDLED;
}

}  // namespace

void route_library_logs() {
  static bool installed = false;  // GLib aborts if a writer is set twice
  if (installed) return;
  installed = true;
  g_log_set_writer_func(write_log, nullptr, nullptr);
}

LibraryLogScope::LibraryLogScope(SourcePlace place, Warnings& warnings)
    : outer_(current_scope), place_(std::move(place)), warnings_(warnings) {
  current_scope = this;
}

LibraryLogScope::~LibraryLogScope() { current_scope = outer_; }

}  // namespace handout
