#include "cli/arguments.h"

namespace handout {

std::string usage_text() {
  return R"(Usage:
  handout build [CONTENT...] [--layout NAME|PATH]... [--out DIR] [--fonts DIR] [--quiet]
  handout --help
  handout --version

Typesets each article (Markdown with TOML front matter) with each layout into PDF files named
DIR/ARTICLE.LAYOUT.pdf. Without CONTENT, every .md file in content/ is built; without --layout,
every .toml file in layouts/ is used. A layout NAME is looked up as layouts/NAME.toml.

Options:
  --layout NAME|PATH  a layout to use (repeatable)
  --out DIR           where to write the PDFs (default: out)
  --fonts DIR         the only fonts the build may use (default: fonts)
  --quiet             print only warnings and errors

Exit status: 0 on success, 1 when an article or layout has an error, 2 on a usage error.
Dates in the PDFs come from each article's 'reviewed' date, or SOURCE_DATE_EPOCH when set.
)";
}

Command parse_arguments(const std::vector<std::string>& arguments) {
  Command command;
  if (arguments.empty()) throw UsageError{"no command given"};
  const std::string& first = arguments[0];
  if (first == "--help" || first == "-h" || first == "help") return command;
  if (first == "--version") {
    command.kind = Command::Kind::version;
    return command;
  }
  if (first != "build") throw UsageError{"unknown command '" + first + "'"};
  command.kind = Command::Kind::build;
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
  return command;
}

}  // namespace handout
