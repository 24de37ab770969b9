// The command line: what each option sets, how options combine, and every usage error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/build_command.h"
#include "support/test_files.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

namespace {

std::string usage_error(const std::vector<std::string>& arguments) {
  try {
    parse_arguments(arguments);
  } catch (const UsageError& error) {
    return error.message;
  }
  return "";
}

}  // namespace

TEST_CASE("a build without options takes the project's lists and the defaults") {
  Command command = parse_arguments({"build"});
  CHECK(command.kind == Command::Kind::build);
  const BuildOptions& options = command.build;
  CHECK(options.project == "handout.toml");
  CHECK_FALSE(options.project_given);
  CHECK_FALSE(options.no_project);
  CHECK(options.content.empty());
  CHECK(options.layouts.empty());
  CHECK_FALSE(options.out_dir);
  CHECK(options.jobs == 0);
  CHECK(options.fonts_dir == "fonts");
  CHECK(options.profiles.empty());
  CHECK_FALSE(options.password);
  CHECK(options.lock_timeout_seconds == 300);
}

TEST_CASE("options combine: repeated ones keep their order, articles are the words that are no option") {
  Command command = parse_arguments({"watch", "content/a.md", "--layout", "patient-handout", "-j", "3", "--layout",
                                     "my/summary.toml", "content/b.md", "--profile", "archive", "--profile", "print",
                                     "--out", "dist", "--force", "-q", "--dpi", "150.5", "--lock-timeout", "0",
                                     "--fonts", "f", "--report", "r.json", "--project", "p.toml"});
  CHECK(command.kind == Command::Kind::watch);
  const BuildOptions& options = command.build;
  CHECK(options.content == std::vector<std::string>{"content/a.md", "content/b.md"});
  CHECK(options.layouts == std::vector<std::string>{"patient-handout", "my/summary.toml"});
  CHECK(options.profiles == std::vector<OutputProfile>{OutputProfile::archive, OutputProfile::print});
  CHECK(options.jobs == 3);
  CHECK(options.out_dir == "dist");
  CHECK(options.force);
  CHECK(options.quiet);
  CHECK(options.preview_dpi == 150.5);
  CHECK(options.lock_timeout_seconds == 0);
  CHECK(options.fonts_dir == "f");
  CHECK(options.report == "r.json");
  CHECK(options.project == "p.toml");
  CHECK(options.project_given);

  CHECK(parse_arguments({"check", "--no-project", "x.md"}).kind == Command::Kind::check);
  CHECK(parse_arguments({"check", "--no-project"}).build.no_project);
  // --help wins wherever it stands, even after an option that would be an error later.
  CHECK(parse_arguments({"build", "--force", "--help", "--bogus"}).kind == Command::Kind::help);
  CHECK(parse_arguments({"--help"}).kind == Command::Kind::help);
  CHECK(parse_arguments({"--version"}).kind == Command::Kind::version);
}

TEST_CASE("every usage error says what is wrong") {
  CHECK(usage_error({}) == "no command given");
  CHECK(usage_error({"make"}) == "unknown command 'make'");
  CHECK(usage_error({"build", "--verbose"}) == "unknown option '--verbose'");
  CHECK(usage_error({"build", "--out"}) == "--out needs a value");
  CHECK(usage_error({"build", "--layout"}) == "--layout needs a value");
  CHECK(usage_error({"build", "--profile", "poster"}).starts_with("unknown profile 'poster' (expected "));
  for (const char* jobs : {"0", "257", "two", "2x", "-1", ""}) {
    CAPTURE(jobs);
    CHECK(usage_error({"build", "--jobs", jobs}) == "--jobs takes a number of threads from 1 to 256");
  }
  for (const char* dpi : {"9.9", "1201", "nan", "inf", "1e400", "100dpi"}) {
    CAPTURE(dpi);
    CHECK(usage_error({"build", "--dpi", dpi}) == "--dpi takes a resolution from 10 to 1200");
  }
  CHECK(usage_error({"build", "--lock-timeout", "-1"}) == "--lock-timeout takes a number of seconds from 0 to 86400");
  CHECK(usage_error({"build", "--password", ""}) == "--password must not be empty");
  CHECK(usage_error({"build", "--password-file", "/nonexistent/password"}) ==
        "cannot read the password file '/nonexistent/password'");
}

TEST_CASE("a password file gives its first line, without a carriage return, and may not start empty") {
  Folder folder;
  const std::string file = (folder.path / "password").string();
  write(file, "s3cret\r\nsecond line\n");
  CHECK(parse_arguments({"build", "--password-file", file, "--profile", "email"}).build.password == "s3cret");
  // The last of --password and --password-file wins.
  CHECK(parse_arguments({"build", "--password-file", file, "--password", "other"}).build.password == "other");
  write(file, "\nsecond line\n");
  CHECK(usage_error({"build", "--password-file", file}) == "the password file '" + file + "' has an empty first line");
}

TEST_CASE("the command line's articles and layouts replace the project's") {
  Folder folder;
  fs::create_directories(folder.path / "articles");
  write(folder.path / "articles" / "b.md", "b");
  write(folder.path / "articles" / "a.md", "a");
  write(folder.path / "articles" / "notes.txt", "not an article");
  BuildOptions options;
  options.no_project = true;
  options.content = {(folder.path / "articles").string(), "single.md"};
  options.layouts = {"patient-handout", "other/summary.toml"};
  options.out_dir = (folder.path / "dist").string();
  Project project = project_for(options);
  // A folder stands for its .md files, sorted.
  CHECK(project.content == std::vector<std::string>{(folder.path / "articles" / "a.md").string(),
                                                    (folder.path / "articles" / "b.md").string(), "single.md"});
  CHECK(project.content_folders == std::vector<std::string>{(folder.path / "articles").string()});
  CHECK(project.layouts == std::vector<std::string>{"layouts/patient-handout.toml", "other/summary.toml"});
  CHECK(project.out_dir == (folder.path / "dist").string());
  REQUIRE(project.variants.size() == 1);
  CHECK_FALSE(project.variants[0].layouts);

  BuildOptions missing;
  missing.project = (folder.path / "nothing.toml").string();
  missing.project_given = true;
  try {
    project_for(missing);
    FAIL("a project file given on the command line must exist");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.path == missing.project);
    CHECK(error.diagnostic().message.starts_with("project file "));
  }
}

TEST_CASE("a build's part is chosen with --shard K/N, and a bad value or --shard with watch or check is a usage error") {
  CHECK_FALSE(parse_arguments({"build"}).build.shard);
  CHECK(parse_arguments({"build", "--shard", "2/5"}).build.shard == Shard{2, 5});
  CHECK(parse_arguments({"build", "--shard", "1/1"}).build.shard == Shard{1, 1});
  for (const char* bad : {"0/5", "6/5", "2", "2/0", "x/5", "2/5/1", "-1/5"})
    CHECK(usage_error({"build", "--shard", bad}) ==
          std::string("--shard takes K/N, whole numbers with 1 <= K <= N <= 1000000 (the K-th of N parts), not '") +
              bad + "'");
  CHECK(usage_error({"build", "--shard"}) == "--shard needs a value");
  CHECK(usage_error({"watch", "--shard", "1/2"}) == "--shard is for handout build, not watch");
  CHECK(usage_error({"check", "--shard", "1/2"}) == "--shard is for handout build, not check");
}

TEST_CASE("report merge takes the shards' reports and an optional --out") {
  Command to_file = parse_arguments({"report", "merge", "--out", "all.json", "a.json", "b.json"});
  CHECK(to_file.kind == Command::Kind::report_merge);
  CHECK(to_file.reports == std::vector<std::string>{"a.json", "b.json"});
  CHECK(to_file.merged_report == "all.json");
  CHECK_FALSE(parse_arguments({"report", "merge", "a.json"}).merged_report);
  CHECK(usage_error({"report"}) == "report needs a subcommand: merge");
  CHECK(usage_error({"report", "split"}) == "unknown report subcommand 'split' (expected merge)");
  CHECK(usage_error({"report", "merge"}) == "report merge needs the reports of a build's shards");
  CHECK(usage_error({"report", "merge", "--out"}) == "--out needs a value");
  CHECK(usage_error({"report", "merge", "--force", "a.json"}) == "unknown option '--force'");
  CHECK(parse_arguments({"report", "merge", "--help"}).kind == Command::Kind::help);
}
