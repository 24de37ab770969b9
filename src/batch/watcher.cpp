#include "batch/watcher.h"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "util/diagnostic.h"

namespace handout {

namespace fs = std::filesystem;

namespace {

constexpr int debounce_ms = 15;  // editors write a file in several steps within a few ms
constexpr int complete_ms = 2;   // after a file is closed or renamed into place: its siblings' events

std::string folder_of(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

WatchSet watch_set_for(const Project& project, const std::string& fonts_dir, const std::string& project_file) {
  WatchSet set;
  for (const std::string& content : project.content) set.folders.insert(folder_of(content));
  set.folders.insert(project.content_folders.begin(), project.content_folders.end());
  for (const std::string& layout : project.layouts) set.folders.insert(folder_of(layout));
  for (const Variant& variant : project.variants)
    if (variant.layouts)
      for (const std::string& layout : *variant.layouts) set.folders.insert(folder_of(layout));
  std::error_code error;
  set.folders.insert(fonts_dir);
  for (auto it = fs::recursive_directory_iterator(fonts_dir, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error))
    if (it->is_directory(error)) set.folders.insert(it->path().string());
  set.files.insert(project_file);
  if (!project.glossary.empty()) set.files.insert(project.glossary);  // one beside the articles is in their folder
  return set;
}

SignalGuard::SignalGuard() {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &mask, nullptr);
  fd_ = signalfd(-1, &mask, SFD_CLOEXEC);
  if (fd_ < 0) throw HandoutError({}, fmt::format("cannot wait for signals: {}", std::strerror(errno)));
}

SignalGuard::~SignalGuard() { ::close(fd_); }

ChangeWatcher::ChangeWatcher() : fd_(inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
  if (fd_ < 0) throw HandoutError({}, fmt::format("cannot watch files: {}", std::strerror(errno)));
}

ChangeWatcher::~ChangeWatcher() { ::close(fd_); }

bool ChangeWatcher::watch(const WatchSet& set) {
  // Editors often save by writing a new file and renaming it over the old one, so folders are
  // watched, not files.
  bool added = false;
  std::optional<HandoutError> first_error;
  auto attempt = [&](const std::string& folder, bool any_file, const std::string& name) {
    try {
      added = watch(folder, any_file, name) || added;
    } catch (const HandoutError& error) {
      if (!first_error) first_error = error;
    }
  };
  for (const std::string& folder : set.folders) attempt(folder, true, "");
  for (const std::string& file : set.files) attempt(folder_of(file), false, fs::path(file).filename().string());
  if (first_error) throw *first_error;
  return added;
}

// Watching a folder twice is harmless: inotify returns the same watch and the names add up.
bool ChangeWatcher::watch(const std::string& folder, bool any_file, const std::string& name) {
  int wd = inotify_add_watch(fd_, folder.c_str(),
                             IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF |
                                 IN_MOVE_SELF);
  if (wd < 0) {
    int error = errno;
    if (error == ENOENT || error == ENOTDIR) lose(Watch{folder, any_file, name.empty() ? std::set<std::string>{}
                                                                                    : std::set<std::string>{name}});
    throw HandoutError({folder}, fmt::format("cannot watch this folder: {}", std::strerror(error)));
  }
  Watch& entry = watches_[wd];
  entry.folder = folder;
  bool added = (any_file && !entry.any_file) || (!name.empty() && !entry.names.count(name));
  entry.any_file = entry.any_file || any_file;
  if (!name.empty()) entry.names.insert(name);
  return added;
}

void ChangeWatcher::lose(const Watch& gone) {
  Watch& lost = lost_[gone.folder];
  lost.folder = gone.folder;
  lost.any_file = lost.any_file || gone.any_file;
  lost.names.insert(gone.names.begin(), gone.names.end());
  fs::path missing = fs::path(gone.folder).lexically_normal();
  if (missing.filename().empty()) missing = missing.parent_path();  // "content/" names "content"
  for (int depth = 0; depth < 64 && !missing.empty(); ++depth) {
    fs::path parent = missing.parent_path();
    std::string parent_name = parent.empty() ? std::string(".") : parent.string();
    std::error_code error;
    if (fs::is_directory(parent_name, error)) {
      try {
        watch(parent_name, false, missing.filename().string());
      } catch (const HandoutError&) {
        // Unwatchable parent (no permission): the folder's return goes unseen, as before.
      }
      return;
    }
    missing = parent;
  }
}

void ChangeWatcher::restore_lost() {
  std::map<std::string, Watch> lost;
  lost.swap(lost_);
  for (const auto& [folder, watch_entry] : lost) {
    try {
      if (watch_entry.any_file || watch_entry.names.empty()) watch(folder, watch_entry.any_file, "");
      for (const std::string& name : watch_entry.names) watch(folder, false, name);
    } catch (const HandoutError&) {
      // Still gone (watch() lost it again): the next event tries again.
    }
  }
}

ChangeWatcher::Burst ChangeWatcher::drain() {
  Burst burst = Burst::none;
  alignas(inotify_event) char buffer[8192];
  for (;;) {
    ssize_t length = ::read(fd_, buffer, sizeof buffer);
    if (length <= 0) {
      // A lost folder may be back: it is watched again before the build reads it.
      if (burst != Burst::none && !lost_.empty()) restore_lost();
      return burst;
    }
    for (char* at = buffer; at < buffer + length;) {
      auto* event = reinterpret_cast<inotify_event*>(at);
      at += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {  // events were lost: anything may have changed
        unknown_change_ = true;
        burst = Burst::open;
        continue;
      }
      auto found = watches_.find(event->wd);
      if (found == watches_.end()) continue;
      if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
        // The folder went away (its watch ends with it, or would follow it elsewhere): a
        // change, and its way back is watched until the next build watches it again.
        Watch gone = found->second;
        if (event->mask & IN_MOVE_SELF) inotify_rm_watch(fd_, event->wd);
        if (event->mask & IN_IGNORED) watches_.erase(found);
        lose(gone);
        unknown_change_ = true;
        burst = Burst::open;
        continue;
      }
      std::string name = event->len ? event->name : "";
      bool hidden = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp");
      if ((found->second.any_file && !hidden) || found->second.names.count(name)) {
        changed_.insert((fs::path(found->second.folder) / name).lexically_normal().string());
        burst = event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO) ? Burst::complete : Burst::open;
      }
    }
  }
}

bool ChangeWatcher::wait_for_changes(const SignalGuard& signals) {
  pollfd fds[2] = {{fd_, POLLIN, 0}, {signals.fd(), POLLIN, 0}};
  Burst pending = Burst::none;
  for (;;) {
    // While changes are pending, wait only for the burst to end.
    const int timeout = pending == Burst::none ? -1 : pending == Burst::complete ? complete_ms : debounce_ms;
    int ready = ::poll(fds, 2, timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw HandoutError({}, fmt::format("waiting for changes failed: {}", std::strerror(errno)));
    }
    if (fds[1].revents & POLLIN) return false;
    if (ready == 0 && pending != Burst::none) return true;
    if (fds[0].revents & POLLIN)
      if (Burst burst = drain(); burst != Burst::none) pending = burst;
  }
}

std::optional<std::set<std::string>> ChangeWatcher::take_changes() {
  std::set<std::string> changed;
  changed.swap(changed_);
  const bool unknown = unknown_change_;
  unknown_change_ = false;
  if (unknown) return std::nullopt;
  return changed;
}

}  // namespace handout
