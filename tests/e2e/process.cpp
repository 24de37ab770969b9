#include "e2e/process.h"

// The listener interface (testRunEnded) is declared only on request.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include "e2e/active_content.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace handout::testing {

namespace {

// Waits for `pid` for at most `seconds`, polling with a growing pause (1 ms up to 20 ms), so
// short commands return at once and long ones cost little. The wait status, or nothing.
std::optional<int> wait_at_most(pid_t pid, double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return -1;  // not our child any more: nothing to wait for
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// argv for execv, pointing into `arguments`, which must outlive it.
std::vector<char*> argv_of(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// Forks and runs `arguments[0]` in `folder` with stdin from /dev/null and stdout and stderr to
// the files. Only async-signal-safe calls happen in the child. With `own_group`, the child leads
// a new process group, so that it and whatever it starts can be stopped together by its id.
pid_t spawn(const std::vector<std::string>& arguments, const std::string& folder, const std::string& out_file,
            const std::string& err_file, bool own_group) {
  std::vector<char*> argv = argv_of(arguments);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot start a process");
  if (pid == 0) {
    if (own_group) ::setpgid(0, 0);
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || ::chdir(folder.c_str()) != 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (own_group) ::setpgid(pid, pid);  // also here, so the group exists before we might signal it
  return pid;
}

}  // namespace

ProcessResult run_command(const std::string& command, double seconds) {
  TempFolder capture;
  pid_t pid = spawn({"/bin/sh", "-c", command}, HANDOUT_SOURCE_DIR, capture / "out", capture / "err", true);
  ProcessResult result;
  std::optional<int> status = wait_at_most(pid, seconds);
  if (!status) {
    // The shell leads its own process group: stop it and everything it started, by that id.
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);  // SIGKILL cannot be refused: this returns
    result.timed_out = true;
  } else {
    result.exit_code = exit_code_of(*status);
  }
  result.out = read_bytes(capture / "out");
  result.err = read_bytes(capture / "err");
  if (result.timed_out) result.err += "\n[killed after " + std::to_string(seconds) + " s]\n";
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& arguments, const std::string& folder,
                                     const std::string& out_file, const std::string& err_file)
    : pid_(spawn(arguments, folder, out_file, err_file, false)) {}

BackgroundProcess::~BackgroundProcess() {
  if (status_) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

void BackgroundProcess::signal(int number) const {
  if (!status_) ::kill(pid_, number);
}

std::optional<int> BackgroundProcess::wait_for_exit(double seconds) {
  if (!status_)
    if (std::optional<int> status = wait_at_most(pid_, seconds)) status_ = exit_code_of(*status);
  return status_;
}

namespace {

// Every PDF a test wrote is scanned for actions a handout must never hold before its folder
// goes. Neither a destructor nor the end of the run can fail a test: the process stops, and
// the test with it, naming what it found. (Files that cannot be opened at all are the business
// of the tests that damage them; an encrypted one whose password the scan lacks is a find.)
void scan_or_stop(const std::string& folder) {
  std::vector<std::string> found;
  for (const std::string& line : active_content_under(folder))
    if (line.find("cannot be opened") == std::string::npos) found.push_back(line);
  if (found.empty()) return;
  for (const std::string& line : found) std::cerr << "active content in a PDF the test wrote: " << line << '\n';
  std::abort();
}

// Folders that live to the end of the run (a test file's shared build) are scanned when the
// run ends, while qpdf's own statics still exist, and not again when they are destroyed.
std::mutex live_mutex;
std::set<std::string>& live_folders() {
  static std::set<std::string> folders;
  return folders;
}
std::atomic<bool> run_over{false};

struct ScanWhenTheRunEnds : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunEnded(const Catch::TestRunStats&) override {
    std::lock_guard<std::mutex> lock(live_mutex);
    for (const std::string& folder : live_folders()) scan_or_stop(folder);
    run_over = true;
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(ScanWhenTheRunEnds)

TempFolder::TempFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "handout-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
  path_ = pattern;
  std::lock_guard<std::mutex> lock(live_mutex);
  live_folders().insert(path_);
}

TempFolder::~TempFolder() {
  {
    std::lock_guard<std::mutex> lock(live_mutex);
    live_folders().erase(path_);
  }
  if (!run_over) scan_or_stop(path_);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> output_files(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (!entry.path().filename().string().starts_with(".")) files.push_back(entry.path().filename().string());
  return files;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

}  // namespace handout::testing
