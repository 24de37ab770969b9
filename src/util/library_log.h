#pragma once
// GLib's log (Pango, GLib, GObject and fontconfig's GLib users) through handout's diagnostics:
// a library's warning while an output is built becomes a warning of that output, at its
// article, instead of a bare "Pango-WARNING" line on stderr.
#include "util/diagnostic.h"

namespace handout {

// Installs the writer, once for the process, before any thread starts.
void route_library_logs();

// While one lives, what the libraries log on this thread is added to `warnings` at `place`.
// Outside every scope, a message is printed as "handout: warning: DOMAIN: message".
class LibraryLogScope {
 public:
  LibraryLogScope(SourcePlace place, Warnings& warnings);
  ~LibraryLogScope();
  LibraryLogScope(const LibraryLogScope&) = delete;
  LibraryLogScope& operator=(const LibraryLogScope&) = delete;

 private:
  LibraryLogScope* outer_;
  SourcePlace place_;
  Warnings& warnings_;
  friend struct LibraryLogAccess;
};

}  // namespace handout
