#pragma once
// Running a shell command and capturing what it printed, for end-to-end tests.
#include <string>
#include <vector>

namespace handout::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh in the project's source folder.
ProcessResult run_command(const std::string& command);

// A fresh empty folder under the system's temporary folder, removed by the destructor.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string read_bytes(const std::string& path);
// The files in `folder` a user would look for: not the hidden build state. Empty if no folder.
std::vector<std::string> output_files(const std::string& folder);
void write_text(const std::string& path, const std::string& text);
// Shell-quotes a string for run_command.
std::string quote(const std::string& text);

}  // namespace handout::testing
