#pragma once
// Which files a layout may name (an ICC profile, a running-head image): those inside the
// project's folder, or inside a folder the project file allows (`allow_files_from`). A layout
// is something one receives from others; it must not be able to put /etc/passwd or a private
// picture from elsewhere on the machine into a PDF sent to patients.
#include <optional>
#include <string>
#include <vector>

namespace handout {

// Allowed whatever the project says: Debian's ICC profiles (the default sRGB output intent).
const std::vector<std::string>& system_allowed_folders();

class FileAccess {
 public:
  FileAccess() = default;  // no restriction: for code that builds no project (unit tests)
  // `folders` are resolved now (symbolic links followed); each must exist.
  explicit FileAccess(const std::vector<std::string>& folders);

  bool restricted() const { return restricted_; }
  // Nothing when `path` (its links followed) lies inside an allowed folder; else why not.
  std::optional<std::string> refusal(const std::string& path) const;

 private:
  bool restricted_ = false;
  std::vector<std::string> folders_;  // canonical
};

}  // namespace handout
