// End-to-end tests of what a build leaves on the disk when things go wrong: a full disk, two
// builds into one folder, a build killed part-way, links planted in the output folder.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <regex>
#include <set>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

// A project of `articles` copies of the long fixture article (13 pages each, with a JPEG
// figure), set with the patient handout: a batch long enough to act on while it runs.
struct LongBatch {
  TempFolder root;
  int articles;
  explicit LongBatch(int count) : articles(count) {
    fs::create_directories(root / "content");
    fs::create_directories(root / "layouts");
    fs::copy_file(source_dir + "/layouts/patient-handout.toml", root / "layouts/patient-handout.toml");
    fs::copy_file(source_dir + "/tests/data/hip-implant-diagram.jpg", root / "content/hip-implant-diagram.jpg");
    const std::string article = read_bytes(source_dir + "/tests/data/long-article.md");
    for (int i = 0; i < count; ++i) write_text(root / article_name(i), article);
    write_text(root / "handout.toml", "content = [\"content\"]\nlayouts = [\"patient-handout\"]\n");
  }
  static std::string article_name(int i) { return "content/a" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".md"; }
  static std::string pdf_name(int i) {
    return "out/a" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".patient-handout.pdf";
  }
  std::unique_ptr<BackgroundProcess> start(const std::string& name, const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> command{binary, "build", "--fonts", source_dir + "/fonts", "--jobs", "1"};
    command.insert(command.end(), extra.begin(), extra.end());
    return std::make_unique<BackgroundProcess>(command, root.path(), root / (name + ".out"), root / (name + ".err"));
  }
  ProcessResult build(const std::string& arguments = "") const {
    return run_command("cd " + quote(root.path()) + " && " + quote(binary) + " build --fonts " +
                       quote(source_dir + "/fonts") + " " + arguments);
  }
};

// The outputs the build state records: [outputs.'out/NAME.pdf'] tables.
std::set<std::string> recorded_outputs(const std::string& state_file) {
  std::set<std::string> outputs;
  const std::string state = read_bytes(state_file);
  // An output's entry opens with its fingerprint (a string); an input file's with its size.
  std::regex table(R"((?:^|\n)'([^']+)'=\[\s*')");
  for (auto it = std::sregex_iterator(state.begin(), state.end(), table); it != std::sregex_iterator(); ++it)
    outputs.insert((*it)[1].str());
  return outputs;
}

// Every temporary file in `folder`, hidden ones included.
std::vector<std::string> temporary_files(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos)
      names.push_back(entry.path().filename().string());
  return names;
}

// A tmpfs of a given size mounted on a folder, unmounted by the destructor. Needs root (or the
// capability to mount); `mounted` says whether it worked.
struct SmallDisk {
  std::string folder;
  bool mounted = false;
  std::string problem;
  SmallDisk(const std::string& at, const std::string& size) : folder(at) {
    fs::create_directories(folder);
    mounted = ::mount("tmpfs", folder.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    if (!mounted) problem = std::strerror(errno);
  }
  bool grow(const std::string& size) const {
    return ::mount("tmpfs", folder.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted) ::umount2(folder.c_str(), MNT_DETACH);
  }
};

}  // namespace

TEST_CASE("a full disk keeps the good PDF, records nothing new, fails with status 1, and the next build rebuilds") {
  TempFolder root;
  fs::create_directories(root / "content");
  const std::string bundled = read_bytes(source_dir + "/content/rcc-bone-metastasis.md");
  // A short article first: its PDF fits the small disk.
  write_text(root / "content/article.md", bundled.substr(0, bundled.find("## Renal cell cancer bone metastasis symptoms")));
  SmallDisk disk(root / "out", "128k");
  if (!disk.mounted) {
    WARN("SKIPPED: cannot mount a 128 kB tmpfs for the full-disk test (" + disk.problem +
         "); the write-failure injection unit tests cover the same paths");
    return;
  }
  const std::string command = "cd " + quote(root.path()) + " && " + quote(binary) + " build --no-project --fonts " +
                              quote(source_dir + "/fonts") + " --layout " +
                              quote(source_dir + "/layouts/patient-handout.toml") +
                              " --out out --report report.json content/article.md";
  ProcessResult first = run_command(command);
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  const std::string pdf = root / "out/article.patient-handout.pdf";
  const std::string good = read_bytes(pdf);
  REQUIRE(good.size() > 1000);

  // The long article's PDF (about 140 kB) cannot fit.
  write_text(root / "content/article.md", read_bytes(source_dir + "/tests/data/long-article.md"));
  fs::copy_file(source_dir + "/tests/data/hip-implant-diagram.jpg", root / "content/hip-implant-diagram.jpg");
  ProcessResult full = run_command(command);
  INFO(full.out << full.err);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("out/article.patient-handout.pdf: error: cannot write the output file: No space left on device") !=
        std::string::npos);
  CHECK(counts(full).failed == 1);
  CHECK(read_bytes(pdf) == good);                        // the old PDF, byte for byte
  CHECK(temporary_files(root / "out").empty());          // no half-written file left behind
  std::smatch hash;
  const std::string report = read_bytes(root / "report.json");
  REQUIRE(std::regex_search(report, hash, std::regex(R"re("hash"\s*:\s*"([0-9a-f]{64})")re")));
  CHECK(read_bytes(root / "out/.handout-state.toml").find(hash[1].str()) == std::string::npos);

  // With room again, the next build builds it: the state did not claim the old PDF was current.
  REQUIRE(disk.grow("8m"));
  ProcessResult again = run_command(command);
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(counts(again).built == 1);
  CHECK(pdf_text(pdf).find("hip replacement") != std::string::npos);
  CHECK(run_command("qpdf --check " + quote(pdf)).exit_code == 0);
}

TEST_CASE("two builds into one folder with an edit between them never leave a stale PDF marked up to date") {
  LongBatch batch(24);
  auto first = batch.start("first");
  // The first build holds the folder once its pid is in the lock file.
  REQUIRE(eventually([&] { return read_bytes(batch.root / "out/.handout-lock") == std::to_string(first->pid()) + "\n"; }));
  // A build that may not wait says so clearly, and touches nothing.
  ProcessResult impatient = batch.build("--lock-timeout 0");
  CHECK(impatient.exit_code == 1);
  CHECK(impatient.err.find("another build of out (pid " + std::to_string(first->pid()) +
                           ") still holds the output folder") != std::string::npos);
  // Edited while the first build runs, at the start and at the end of its list: whichever it
  // has read already, the PDFs must end up showing the edit.
  const std::string word = "Quokkaberry";
  for (int i : {0, batch.articles - 1})
    write_text(batch.root / LongBatch::article_name(i),
               read_bytes(batch.root / LongBatch::article_name(i)) + "\n" + word + " is the edited word.\n");
  auto second = batch.start("second");
  REQUIRE(first->wait_for_exit(300) == 0);
  REQUIRE(second->wait_for_exit(300) == 0);
  const std::string second_err = read_bytes(batch.root / "second.err");
  INFO(read_bytes(batch.root / "first.err") << second_err);
  // The second build waited for the first rather than racing it.
  CHECK(second_err.find("handout: waiting for another build of out (pid " + std::to_string(first->pid()) + ")") !=
        std::string::npos);
  for (int i : {0, batch.articles - 1})
    CHECK(pdf_text(batch.root / LongBatch::pdf_name(i)).find(word) != std::string::npos);
  // And a third build finds every PDF current: up to date only because it matches the articles.
  ProcessResult third = batch.build();
  CHECK(counts(third).built == 0);
  CHECK(counts(third).up_to_date == batch.articles);
}

TEST_CASE("a build killed part-way leaves temporary files the next build removes, and keeps what it committed") {
  LongBatch batch(30);
  auto killed = batch.start("killed");
  const std::string state = batch.root / "out/.handout-state.toml";
  // Killed once it has committed a few outputs, well before the end.
  REQUIRE(eventually([&] { return recorded_outputs(state).size() >= 3; }, 120));
  killed->signal(SIGKILL);
  REQUIRE(killed->wait_for_exit(30) == -1);
  const std::set<std::string> committed = recorded_outputs(state);
  INFO(committed.size() << " outputs committed before the kill");
  REQUIRE(committed.size() < static_cast<std::size_t>(batch.articles));
  // What a kill in the middle of a write leaves: a partial file under the killed build's name,
  // and one under the name older versions used.
  const std::string pid = std::to_string(killed->pid());
  write_text(batch.root / ("out/a29.patient-handout.pdf.tmp-" + pid + "-Zx81Qa"), "%PDF-1.5\n% half a file");
  write_text(batch.root / ("out/a28.patient-handout.pdf.tmp-" + pid), "%PDF-1.5\n% half a file");
  REQUIRE(temporary_files(batch.root / "out").size() >= 2);

  ProcessResult next = batch.build();
  INFO(next.out << next.err);
  CHECK(next.exit_code == 0);
  CHECK(temporary_files(batch.root / "out").empty());
  // Nothing committed before the kill is built again; everything else is.
  CHECK(counts(next).up_to_date == static_cast<int>(committed.size()));
  CHECK(counts(next).built == batch.articles - static_cast<int>(committed.size()));
  for (const std::string& output : committed) CHECK(next.out.find("wrote " + output + " ") == std::string::npos);
}

TEST_CASE("links planted in the output folder are replaced, never written through") {
  SampleProject project;
  fs::create_directories(project.root / "out");
  write_text(project.root / "victim-pdf", "precious");
  write_text(project.root / "victim-state", "precious too");
  fs::create_symlink(project.root / "victim-pdf", project.file("bone.patient-handout.pdf"));
  fs::create_symlink(project.root / "victim-state", project.file(".handout-state.toml"));
  ProcessResult result = project.build();
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(read_bytes(project.root / "victim-pdf") == "precious");
  CHECK(read_bytes(project.root / "victim-state") == "precious too");
  CHECK_FALSE(fs::is_symlink(project.file("bone.patient-handout.pdf")));
  CHECK(page_count(project.file("bone.patient-handout.pdf")) >= 2);
  CHECK_FALSE(fs::is_symlink(project.file(".handout-state.toml")));
  CHECK(counts(project.build()).up_to_date == 12);

  // A lock file that is a link is refused: one clear error, nothing written through it.
  SampleProject other;
  fs::create_directories(other.root / "out");
  write_text(other.root / "victim-lock", "precious");
  fs::create_symlink(other.root / "victim-lock", other.file(".handout-lock"));
  ProcessResult refused = other.build();
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("cannot open the output folder's lock file") != std::string::npos);
  CHECK(read_bytes(other.root / "victim-lock") == "precious");
}
