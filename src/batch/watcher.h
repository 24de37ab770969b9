#pragma once
// Watching a project's inputs with inotify and calling back after each burst of changes.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "batch/project.h"

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

// An inotify instance and what it watches. Folders are watched before they are read, so a file
// saved while a build reads them raises an event (and another build) instead of being missed.
class ChangeWatcher {
 public:
  ChangeWatcher();  // throws HandoutError when the system cannot watch files
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  // Adds what `set` names; what is watched already stays watched. Returns true when a folder was
  // not watched before. Tries every folder, then throws HandoutError for the first that cannot
  // be watched (one that does not exist). A folder that does not exist has its nearest existing
  // parent watched for it instead, so its coming back raises an event; a watched folder that is
  // deleted or moved away raises one too, and the next call watches it again once it is back.
  bool watch(const WatchSet& set);

  // Waits for a burst of relevant changes to end (events closer than the debounce interval
  // count as one): true then, false when a signal arrives instead. A burst that ends with a file
  // written and closed, or renamed into place, is complete at once: it waits only a moment for
  // the events that come with it.
  bool wait_for_changes(const SignalGuard& signals);
  // The files the changes since the last call named (paths as watched, lexically normal), or
  // nothing when a change cannot be pinned to files (a watched folder went or came back, the
  // kernel's queue overflowed).
  std::optional<std::set<std::string>> take_changes();

 private:
  struct Watch {
    std::string folder;
    bool any_file = false;
    std::set<std::string> names;
  };
  bool watch(const std::string& folder, bool any_file, const std::string& name);
  // Remembers a folder that is gone and watches its nearest existing parent for the name that
  // leads down to it.
  void lose(const Watch& watch);
  // Watches again the lost folders that are back.
  void restore_lost();
  enum class Burst { none, open, complete };
  // Reads the pending events: whether one of them matters, and whether the last that does
  // leaves its file complete (written and closed, or renamed into place).
  Burst drain();
  int fd_ = -1;
  std::set<std::string> changed_;
  bool unknown_change_ = false;
  std::map<int, Watch> watches_;
  std::map<std::string, Watch> lost_;  // by folder
};

}  // namespace handout
