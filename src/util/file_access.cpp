#include "util/file_access.h"

#include <fmt/format.h>

#include <filesystem>

namespace handout {

namespace fs = std::filesystem;

const std::vector<std::string>& system_allowed_folders() {
  static const std::vector<std::string> folders{"/usr/share/color/icc"};
  return folders;
}

FileAccess::FileAccess(const std::vector<std::string>& folders) : restricted_(true) {
  for (const std::string& folder : folders) {
    std::error_code error;
    fs::path canonical = fs::canonical(folder, error);
    if (!error) folders_.push_back(canonical.string());
  }
}

std::optional<std::string> FileAccess::refusal(const std::string& path) const {
  if (!restricted_) return std::nullopt;
  std::error_code error;
  // Links are followed, so a link inside the project to a file outside it is outside.
  fs::path resolved = fs::weakly_canonical(path, error);
  if (error) return fmt::format("cannot be resolved ({})", error.message());
  std::string text = resolved.string();
  for (const std::string& folder : folders_)
    if (text.size() > folder.size() && text.compare(0, folder.size(), folder) == 0 &&
        (folder == "/" || text[folder.size()] == '/'))
      return std::nullopt;
  return fmt::format("{}is outside the project's folder; the project file may allow another folder with "
                     "allow_files_from = [\"FOLDER\"]",
                     text == path ? "" : fmt::format("resolves to '{}', which ", text));
}

}  // namespace handout
