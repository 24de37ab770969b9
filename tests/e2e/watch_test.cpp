// End-to-end tests of `handout watch`: rebuilds on saves, files saved broken while watching,
// mistakes found before watching starts, and folders a project file adds. Each watcher is a
// child process of the test, stopped by its own pid.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++n;
  return n;
}

// A watcher in a sample project, with its output at hand; Ctrl-C must end it with status 0.
struct Watching {
  SampleProject project;
  std::unique_ptr<BackgroundProcess> watcher;

  explicit Watching(const std::vector<std::string>& arguments, const std::string& project_file = "") {
    if (!project_file.empty()) write_text(project.root / "handout.toml", project_file);
    watcher = project.watch(arguments);
    INFO(err());
    REQUIRE(eventually([&] { return out().find("watching for changes") != std::string::npos; }));
  }
  std::string out() const { return read_bytes(project.root / "watch.out"); }
  std::string err() const { return read_bytes(project.root / "watch.err"); }
  std::size_t rebuilds() const { return occurrences(out(), "rebuilt "); }
  // Waits for the next rebuild line after `before` of them.
  bool rebuilt_after(std::size_t before) const {
    return eventually([&] { return rebuilds() > before; });
  }
  void stop_and_check_exit() {
    watcher->signal(SIGINT);
    std::optional<int> status = watcher->wait_for_exit(30);
    REQUIRE(status.has_value());
    CHECK(*status == 0);
  }
};

}  // namespace

TEST_CASE("watch rebuilds on a save, keeps the last good PDF on a broken one, and stops on Ctrl-C") {
  Watching watch({"--no-project", "--layout", "patient-handout"});
  SampleProject& project = watch.project;
  std::string pdf = project.file("short.patient-handout.pdf");
  REQUIRE(fs::exists(pdf));

  // A save: the PDF is rebuilt, with one line that gives the time.
  std::string article = read_bytes(project.root / "content/short.md");
  write_text(project.root / "content/short.md", article + "\nA new closing sentence.\n");
  CHECK(eventually([&] { return watch.out().find("rebuilt 1 built") != std::string::npos; }));
  CHECK(std::regex_search(watch.out(), std::regex(R"(rebuilt 1 built, \d+ up to date, 0 failed in \d+\.\d+ s)")));
  CHECK(pdf_text(pdf).find("A new closing sentence.") != std::string::npos);

  // A broken save: the error is printed and the last good PDF stays.
  std::string good = read_bytes(pdf);
  write_text(project.root / "content/short.md", "+++\ntitle = \"half-saved\n");
  CHECK(eventually([&] { return watch.err().find("content/short.md:") != std::string::npos; }));
  CHECK(read_bytes(pdf) == good);

  // Fixed again: rebuilt; then Ctrl-C ends the watch cleanly.
  write_text(project.root / "content/short.md", article);
  CHECK(eventually([&] { return pdf_text(pdf).find("A new closing sentence.") == std::string::npos; }));
  watch.stop_and_check_exit();
}

TEST_CASE("watch refuses a bad argument, layout or project file before it starts watching") {
  SampleProject project;
  auto watch = [&](const std::string& arguments) {
    // Bounded: a watcher that wrongly started would be killed, and the test would fail.
    return run_command("cd " + quote(project.root.path()) + " && " + quote(binary) + " watch --fonts " +
                           quote(source_dir + "/fonts") + " " + arguments,
                       30);
  };
  auto check_refused = [](const ProcessResult& result, const std::string& message) {
    INFO(result.out << result.err);
    CHECK_FALSE(result.timed_out);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(message) != std::string::npos);
    CHECK(result.out.find("watching") == std::string::npos);
  };
  // This ended in std::terminate (exit 134).
  check_refused(watch("--layout /nonexistent/x.toml"), "/nonexistent/x.toml: error: layout file not found");
  write_text(project.root / "layouts/broken.toml", "[body]\nsize = 12\nleading = nan\n");
  check_refused(watch("--layout layouts/broken.toml"), "layouts/broken.toml:3:11: error: 'body.leading' is nan");
  check_refused(watch("--project missing.toml"), "missing.toml: error: project file not found");
  write_text(project.root / "handout.toml", "content = [\"content\"]\n[variants.x]\ntext_scale = inf\n");
  check_refused(watch(""), "handout.toml:3:14: error: 'variants.x.text_scale' is inf");
  CHECK(output_files(project.root / "out").empty());
}

TEST_CASE("an article broken when watch starts is that article's failure: the watch starts and builds it once fixed") {
  SampleProject project;
  const std::string article = read_bytes(project.root / "content/short.md");
  write_text(project.root / "content/short.md", "+++\ntitle = \"half-saved\n");
  std::unique_ptr<BackgroundProcess> watcher = project.watch({"--no-project", "--layout", "patient-handout"});
  auto out = [&] { return read_bytes(project.root / "watch.out"); };
  REQUIRE(eventually([&] { return out().find("watching for changes") != std::string::npos; }));
  CHECK(out().find("built 1 built, 0 up to date, 1 failed") != std::string::npos);
  CHECK(read_bytes(project.root / "watch.err").find("content/short.md:1:1: error:") != std::string::npos);
  write_text(project.root / "content/short.md", article);
  CHECK(eventually([&] { return fs::exists(project.file("short.patient-handout.pdf")); }));
  watcher->signal(SIGTERM);
  CHECK(watcher->wait_for_exit(30) == std::optional<int>(0));
}

TEST_CASE("a layout or project file saved broken while watching is reported and the watch goes on") {
  Watching watch({}, "content = [\"content\"]\nlayouts = [\"patient-handout\"]\n");
  SampleProject& project = watch.project;
  std::string pdf = project.file("short.patient-handout.pdf");
  REQUIRE(fs::exists(pdf));
  const std::string good = read_bytes(pdf);

  // A layout saved with a mistake: its place is printed, the PDFs stay as they were.
  std::string layout = read_bytes(project.root / "layouts/patient-handout.toml");
  std::size_t before = watch.rebuilds();
  write_text(project.root / "layouts/patient-handout.toml", layout + "\n[fit]\nmin_size = nan\n");
  CHECK(eventually([&] {
    return watch.err().find("layouts/patient-handout.toml:") != std::string::npos &&
           watch.err().find("error: 'fit.min_size' is nan") != std::string::npos;
  }));
  CHECK(watch.rebuilt_after(before));
  CHECK(read_bytes(pdf) == good);

  // Fixed, with a visible change: rebuilt.
  std::string changed = std::regex_replace(layout, std::regex("left = \"\\{text.reviewed_on\\}\""), "left = \"Saved again\"");
  REQUIRE(changed != layout);
  write_text(project.root / "layouts/patient-handout.toml", changed);
  CHECK(eventually([&] { return pdf_text(pdf).find("Saved again") != std::string::npos; }));

  // The project file saved broken: reported at its place, and the watch goes on.
  before = watch.rebuilds();
  std::size_t errors_before = occurrences(watch.err(), "handout.toml:");
  write_text(project.root / "handout.toml", "content = [\"content\"\n");
  CHECK(eventually([&] { return occurrences(watch.err(), "handout.toml:") > errors_before; }));
  // Fixed: it builds again, now with the variant it names.
  write_text(project.root / "handout.toml",
             "content = [\"content\"]\nlayouts = [\"patient-handout\"]\n[variants.north.clinic]\nname = \"North\"\n");
  CHECK(eventually([&] { return fs::exists(project.file("short.patient-handout.north.pdf")); }));
  CHECK(watch.rebuilt_after(before));
  watch.stop_and_check_exit();
}

TEST_CASE("watch follows a project file that adds a folder, and misses no file saved into it meanwhile") {
  Watching watch({}, "content = [\"content\"]\nlayouts = [\"patient-handout\"]\n");
  SampleProject& project = watch.project;
  const std::string article = read_bytes(project.root / "content/short.md");
  // Each round, the project file adds a new folder and a new value (so the rebuild it starts
  // sets every document again, which takes a while), and one article is saved into the folder
  // a little later. Were the folder read before it is watched, an article saved between the
  // two would never be built: no later event would come to rescue it.
  const int delays_ms[] = {0, 2, 5, 10, 20, 30, 45, 70};
  for (int round = 0; round < static_cast<int>(std::size(delays_ms)); ++round) {
    std::string folder = "more-" + std::to_string(round), name = "extra-" + std::to_string(round);
    fs::create_directories(project.root / folder);
    std::string folders;
    for (int i = 0; i <= round; ++i) folders += ", \"more-" + std::to_string(i) + "\"";
    write_text(project.root / "handout.toml", "content = [\"content\"" + folders +
                                                  "]\nlayouts = [\"patient-handout\"]\n[values.round]\nn = \"" +
                                                  std::to_string(round) + "\"\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(delays_ms[round]));
    write_text(project.root / (folder + "/" + name + ".md"), article);
    INFO("saved " << delays_ms[round] << " ms after the project file\n" << watch.out() << watch.err());
    CHECK(eventually([&] { return fs::exists(project.file(name + ".patient-handout.pdf")); }, 20));
  }
  watch.stop_and_check_exit();
}

TEST_CASE("an idle watch does not hold the output folder: a build beside it runs at once") {
  Watching watching({});
  // --lock-timeout 0: the build fails at once if the folder is held.
  ProcessResult beside = watching.project.build("--lock-timeout 0");
  INFO(beside.out << beside.err << watching.err());
  CHECK(beside.exit_code == 0);
  CHECK(counts(beside).up_to_date == 12);
  CHECK(beside.err.find("waiting for another build") == std::string::npos);
  // And the watch still builds after it, taking the folder again.
  std::size_t before = watching.rebuilds();
  write_text(watching.project.root / "content/short.md",
             read_bytes(watching.project.root / "content/short.md") + "\nOne more sentence.\n");
  CHECK(watching.rebuilt_after(before));
  CHECK(watching.out().find("rebuilt 6 built") != std::string::npos);
  watching.stop_and_check_exit();
}

namespace {

// Each output file's identity: a rewritten file is a new file (outputs are renamed into place),
// with another inode.
std::map<std::string, std::pair<ino_t, std::int64_t>> file_identities(const std::string& folder) {
  std::map<std::string, std::pair<ino_t, std::int64_t>> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    struct stat info {};
    REQUIRE(::stat(entry.path().c_str(), &info) == 0);
    files[name] = {info.st_ino, static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
  }
  return files;
}

// The names whose files differ between two listings (or are in one only).
std::set<std::string> rewritten(const std::map<std::string, std::pair<ino_t, std::int64_t>>& before,
                                const std::map<std::string, std::pair<ino_t, std::int64_t>>& after) {
  std::set<std::string> names;
  for (const auto& [name, file] : after)
    if (!before.count(name) || before.at(name) != file) names.insert(name);
  for (const auto& [name, file] : before)
    if (!after.count(name)) names.insert(name);
  return names;
}

std::set<std::string> starting_with(const std::map<std::string, std::pair<ino_t, std::int64_t>>& files,
                                    const std::string& prefix, const std::string& part = "") {
  std::set<std::string> names;
  for (const auto& [name, file] : files)
    if (name.starts_with(prefix) && name.find(part) != std::string::npos) names.insert(name);
  return names;
}

}  // namespace

TEST_CASE("watch rebuilds only what a change names: an article its documents, a layout its documents") {
  Watching watch({});
  SampleProject& project = watch.project;
  const std::string out = project.root / "out";
  const auto first = file_identities(out);
  REQUIRE(first.size() == 12);  // two articles, two layouts, three variants

  // A saved article: its six documents, and no other file touched.
  std::size_t before = watch.rebuilds();
  write_text(project.root / "content/short.md",
             read_bytes(project.root / "content/short.md") + "\nA sentence saved while watching.\n");
  REQUIRE(watch.rebuilt_after(before));
  INFO(watch.out() << watch.err());
  CHECK(watch.out().find("rebuilt 6 built, 6 up to date, 0 failed") != std::string::npos);
  const auto second = file_identities(out);
  CHECK(rewritten(first, second) == starting_with(first, "short."));
  CHECK(pdf_text(project.file("short.patient-handout.pdf")).find("A sentence saved while watching.") !=
        std::string::npos);

  // A saved layout: the documents set with it, of both articles, and no other file touched.
  before = watch.rebuilds();
  write_text(project.root / "layouts/clinician-summary.toml",
             read_bytes(project.root / "layouts/clinician-summary.toml") + "\n[links]\ncolour = \"#004488\"\n");
  REQUIRE(watch.rebuilt_after(before));
  CHECK(occurrences(watch.out(), "rebuilt 6 built, 6 up to date, 0 failed") == 2);
  const auto third = file_identities(out);
  std::set<std::string> summaries = starting_with(first, "", ".clinician-summary");
  REQUIRE(summaries.size() == 6);
  CHECK(rewritten(second, third) == summaries);

  // The other article saved next: only its documents, though the last build was the layout's.
  before = watch.rebuilds();
  write_text(project.root / "content/bone.md",
             read_bytes(project.root / "content/bone.md") + "\nAnother sentence saved while watching.\n");
  REQUIRE(watch.rebuilt_after(before));
  CHECK(rewritten(third, file_identities(out)) == starting_with(first, "bone."));
  watch.stop_and_check_exit();
}

TEST_CASE("a watch reads the build state again when another build has rewritten it") {
  Watching watch({});
  SampleProject& project = watch.project;
  // A build beside the watch rewrites every output and the state.
  ProcessResult forced = project.build("--force --lock-timeout 60");
  REQUIRE(forced.exit_code == 0);
  const auto after_forced = file_identities(project.root / "out");
  // The watch's next rebuild trusts the state on the disk, not what it remembered: the forced
  // build's files are up to date, and only the saved article's documents are built.
  std::size_t before = watch.rebuilds();
  write_text(project.root / "content/short.md",
             read_bytes(project.root / "content/short.md") + "\nOne more sentence.\n");
  REQUIRE(watch.rebuilt_after(before));
  INFO(watch.out() << watch.err());
  CHECK(watch.out().find("rebuilt 6 built, 6 up to date, 0 failed") != std::string::npos);
  CHECK(rewritten(after_forced, file_identities(project.root / "out")) == starting_with(after_forced, "short."));
  // A build beside it now finds everything up to date: the watch's state was saved whole.
  ProcessResult beside = project.build("--lock-timeout 60");
  CHECK(counts(beside).up_to_date == 12);
  watch.stop_and_check_exit();
}
