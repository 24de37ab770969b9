#pragma once
// Running processes for end-to-end tests: every wait is bounded, and a process is stopped by its
// own id, never by a name pattern that could match another process on the machine.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace handout::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when it did not exit normally (a signal, or killed after the time limit)
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh in the project's source folder. A command still running after
// `seconds` is killed, with its whole process group (which it leads), and reported as timed out.
ProcessResult run_command(const std::string& command, double seconds = 300);

// A program started in the background, directly (no shell between), in `folder`, its output going
// to files. Its pid is the program's own. The destructor kills it if it still runs and reaps it.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& arguments, const std::string& folder, const std::string& out_file,
                    const std::string& err_file);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int number) const;
  // Waits at most `seconds` for the program to end: its exit status (-1 after a signal), or
  // nothing while it still runs.
  std::optional<int> wait_for_exit(double seconds);

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

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
