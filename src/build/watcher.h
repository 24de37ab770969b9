#pragma once
// Watching a project's inputs with inotify and calling back after each burst of changes.
#include <functional>
#include <iosfwd>
#include <set>
#include <string>

#include "build/project.h"

namespace handout {

// Folders to watch, and which file names in them matter.
struct WatchSet {
  std::set<std::string> folders;            // watched for any file (content, layouts, fonts)
  std::set<std::string> files;              // single files (the project file), by path
};

WatchSet watch_set_for(const Project& project, const std::string& fonts_dir, const std::string& project_file);

// Blocks SIGINT and SIGTERM for the whole process (threads made later inherit that) and turns
// them into a file descriptor the watcher can wait on, so Ctrl-C ends the watch cleanly.
class SignalGuard {
 public:
  SignalGuard();
  ~SignalGuard();
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Calls `rebuild` once for every burst of changes (events closer than the debounce interval
// count as one) until a signal arrives. `rebuild` returns what to watch from then on, so folders
// a changed project file adds are watched too. Returns the exit status: 0 after a signal.
int watch_for_changes(const WatchSet& watched, const SignalGuard& signals, std::ostream& errors,
                      const std::function<WatchSet()>& rebuild);

}  // namespace handout
