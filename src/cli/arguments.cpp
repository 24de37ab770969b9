#include "cli/arguments.h"

#include <charconv>
#include <fstream>

#include "cli/test_seams.h"

namespace handout {

std::string usage_text() {
  return R"(Usage:
  handout build [CONTENT...] [--layout NAME|PATH]... [--profile NAME]... [--out DIR]
                [--jobs N] [--force] [--report FILE] [--project FILE | --no-project]
                [--password-file FILE | --password PASSWORD] [--dpi N] [--fonts DIR] [--quiet]
                [--lock-timeout SECONDS] [--dump-pages] [--shard K/N]
  handout watch [the same options, but --shard]
  handout check [CONTENT...] [--layout NAME|PATH]... [--project FILE | --no-project] [--quiet]
  handout schema --markdown [layout|article|project]
  handout report merge [--out FILE] REPORT...
  handout --help
  handout --version

Typesets each article (Markdown with TOML front matter) with each layout into PDF files named
DIR/ARTICLE.LAYOUT[.VARIANT].pdf. The project file (handout.toml, when there is one) says which
articles, layouts and variants; without it, every .md file in content/ goes through every .toml
file in layouts/. CONTENT and --layout replace the project's lists. A layout NAME is looked up as
layouts/NAME.toml. Outputs whose inputs did not change since the last build are not built again.

`handout watch` builds, then rebuilds whatever a saved file affects until Ctrl-C.

`handout check` runs the content checks of a build without typesetting or writing anything:
each article is read, each layout's selection is made, links are checked and the text is
scored against the layout's [readability] target. It prints the warnings and one line per
article and layout with its figures (grade, reading ease, SMOG; INFLESZ for Spanish), and exits
1 when an article or layout has an error or a text is above a layout's max_grade_error.

`handout build --shard K/N` builds the K-th of N disjoint parts of the outputs (each article,
layout and variant group goes to the part a hash of its name picks: the same on every machine
and run), so N processes, on N machines if need be, can build one project into one shared
output folder; with --report FILE each writes FILE.K-of-N.json (before FILE's extension).
`handout report merge` merges the reports of all N shards into the report of the whole build
(to --out FILE, else to standard output), and refuses reports of different builds, versions
or splits, a shard given twice or missing, and outputs in two reports.

`handout schema --markdown` prints the key tables of the layout file, the article's front
matter and the project file (or the one named), as the README holds them.

Options:
  --layout NAME|PATH  a layout to use (repeatable)
  --profile NAME      print, email, archive, archive-accessible or preview (repeatable;
                      default: each layout's [output] profile, else print). Names other than
                      print add the profile: ARTICLE.LAYOUT.email.pdf, ARTICLE.LAYOUT.archive.pdf,
                      ARTICLE.LAYOUT.archive-accessible.pdf,
                      ARTICLE.LAYOUT.preview-N.png (one PNG per page)
  --password-file FILE  encrypt email PDFs with AES-256, the password being the file's first line
  --password PASSWORD   the same, from the command line (it stays in the shell's history)
  --dpi N             resolution of preview PNGs (default: the layout's, else 100)
  --out DIR           where to write the outputs (default: the project's, else out)
  --jobs N            build on N threads (default: one per core)
  --force             build every output, even those that are up to date
  --report FILE       write a JSON report: one entry per output
  --project FILE      the project file (default: handout.toml, when there is one)
  --no-project        ignore handout.toml: every article with every layout, no variants
  --fonts DIR         the only fonts the build may use (default: fonts)
  --quiet             print only warnings and errors
  --dump-pages        also write DIR/ARTICLE.LAYOUT[.VARIANT].pages.txt: the typeset pages as
                      text, one line per item (glyph runs, rules, images, links, structure;
                      outputs that are up to date are not built again: add --force)
  --lock-timeout SECONDS  how long to wait for another build of the same output folder
                      (default 300; 0: fail at once)
  --shard K/N         build only part K of N (1 <= K <= N) of the outputs; the N parts can run
                      at once into one output folder

Exit status: 0 on success, 1 when an article or layout has an error (for check: also a text
above a layout's max_grade_error), 2 on a usage error.
Dates in the PDFs come from each article's 'reviewed' date, or SOURCE_DATE_EPOCH when set.
)";
}

namespace {

std::string read_password_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError{"cannot read the password file '" + path + "'"};
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) throw UsageError{"the password file '" + path + "' has an empty first line"};
  return password;
}

// A number within [min, max], in the classic locale whatever the machine's locale is. Written
// so that NaN (which from_chars reads from "nan") fails the range test.
template <typename Number>
Number number_in(const std::string& text, Number min, Number max, const char* message) {
  Number value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value >= min && value <= max))
    throw UsageError{message};
  return value;
}

// `schema --markdown [NAME]`: Markdown is the one format, named so that others can follow.
Command parse_schema_arguments(const std::vector<std::string>& arguments) {
  Command command;
  command.kind = Command::Kind::schema;
  bool markdown = false;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--markdown") {
      markdown = true;
    } else if (argument == "--help" || argument == "-h") {
      command.kind = Command::Kind::help;
      return command;
    } else if (argument.starts_with("-")) {
      throw UsageError{"unknown option '" + argument + "'"};
    } else if (!command.schema.empty()) {
      throw UsageError{"schema takes one name"};
    } else if (argument == "layout" || argument == "article" || argument == "project") {
      command.schema = argument;
    } else {
      throw UsageError{"unknown schema '" + argument + "' (expected layout, article or project)"};
    }
  }
  if (!markdown) throw UsageError{"schema needs --markdown"};
  return command;
}

// `report merge [--out FILE] REPORT...`.
Command parse_report_arguments(const std::vector<std::string>& arguments) {
  Command command;
  if (arguments.size() < 2) throw UsageError{"report needs a subcommand: merge"};
  if (arguments[1] == "--help" || arguments[1] == "-h") return command;
  if (arguments[1] != "merge") throw UsageError{"unknown report subcommand '" + arguments[1] + "' (expected merge)"};
  command.kind = Command::Kind::report_merge;
  for (std::size_t i = 2; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--out") {
      if (i + 1 >= arguments.size()) throw UsageError{"--out needs a value"};
      command.merged_report = arguments[++i];
    } else if (argument == "--help" || argument == "-h") {
      command.kind = Command::Kind::help;
      return command;
    } else if (argument.starts_with("-")) {
      throw UsageError{"unknown option '" + argument + "'"};
    } else {
      command.reports.push_back(argument);
    }
  }
  if (command.reports.empty()) throw UsageError{"report merge needs the reports of a build's shards"};
  return command;
}

}  // namespace

Command parse_arguments(const std::vector<std::string>& arguments) {
  Command command;
  if (arguments.empty()) throw UsageError{"no command given"};
  const std::string& first = arguments[0];
  if (first == "--help" || first == "-h" || first == "help") return command;
  if (first == "--version") {
    command.kind = Command::Kind::version;
    return command;
  }
  if (first == "schema") return parse_schema_arguments(arguments);
  if (first == "report") return parse_report_arguments(arguments);
  if (first != "build" && first != "watch" && first != "check") throw UsageError{"unknown command '" + first + "'"};
  command.kind = first == "build" ? Command::Kind::build : first == "watch" ? Command::Kind::watch : Command::Kind::check;
  auto value_of = [&](std::size_t& i) -> const std::string& {
    if (i + 1 >= arguments.size()) throw UsageError{arguments[i] + " needs a value"};
    return arguments[++i];
  };
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--layout") {
      command.build.layouts.push_back(value_of(i));
    } else if (argument == "--out") {
      command.build.out_dir = value_of(i);
    } else if (argument == "--fonts") {
      command.build.fonts_dir = value_of(i);
    } else if (argument == "--profile") {
      const std::string& name = value_of(i);
      auto profile = profile_from_name(name);
      if (!profile) throw UsageError{"unknown profile '" + name + "' (expected " + std::string(profile_names) + ")"};
      command.build.profiles.push_back(*profile);
    } else if (argument == "--password") {
      command.build.password = value_of(i);
      if (command.build.password->empty()) throw UsageError{"--password must not be empty"};
    } else if (argument == "--password-file") {
      command.build.password = read_password_file(value_of(i));
    } else if (argument == "--dpi") {
      command.build.preview_dpi = number_in(value_of(i), 10.0, 1200.0, "--dpi takes a resolution from 10 to 1200");
    } else if (argument == "--jobs" || argument == "-j") {
      command.build.jobs = number_in(value_of(i), 1, 256, "--jobs takes a number of threads from 1 to 256");
    } else if (argument == "--lock-timeout") {
      command.build.lock_timeout_seconds =
          number_in(value_of(i), 0.0, 86400.0, "--lock-timeout takes a number of seconds from 0 to 86400");
    } else if (argument == "--shard") {
      const std::string& value = value_of(i);
      command.build.shard = parse_shard(value);
      if (!command.build.shard)
        throw UsageError{"--shard takes K/N, whole numbers with 1 <= K <= N <= 1000000 (the K-th of N parts), not '" +
                         value + "'"};
    } else if (argument == "--dump-pages") {
      command.build.dump_pages = true;
    } else if (argument == "--force") {
      command.build.force = true;
    } else if (argument == "--report") {
      command.build.report = value_of(i);
    } else if (argument == "--project") {
      command.build.project = value_of(i);
      command.build.project_given = true;
    } else if (argument == "--no-project") {
      command.build.no_project = true;
    } else if (argument == "--quiet" || argument == "-q") {
      command.build.quiet = true;
    } else if (argument == "--help" || argument == "-h") {
      command.kind = Command::Kind::help;
      return command;
    } else if (argument.starts_with("-")) {
      throw UsageError{"unknown option '" + argument + "'"};
    } else {
      command.build.content.push_back(argument);
    }
  }
  // A watch rebuilds what a change affects, wherever it lands; a check builds nothing to split.
  if (command.build.shard && command.kind != Command::Kind::build)
    throw UsageError{std::string("--shard is for handout build, not ") + (command.kind == Command::Kind::watch ? "watch" : "check")};
  command.build.fixed_randomness_for_tests = fixed_randomness_requested();
  return command;
}

}  // namespace handout
