// handout: typesets patient-education articles into handouts and clinician summaries.
#include <iostream>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/build_command.h"
#include "cli/check_command.h"
#include "cli/report_command.h"
#include "cli/schema_command.h"
#include "util/diagnostic.h"
#include "util/library_log.h"

namespace {

int run(const std::vector<std::string>& arguments) {
  handout::Command command;
  try {
    command = handout::parse_arguments(arguments);
  } catch (const handout::UsageError& error) {
    std::cerr << "handout: " << error.message << "\n\n" << handout::usage_text();
    return 2;
  }
  switch (command.kind) {
    case handout::Command::Kind::help:
      std::cout << handout::usage_text();
      return 0;
    case handout::Command::Kind::version:
      std::cout << "handout " HANDOUT_VERSION "\n";
      return 0;
    case handout::Command::Kind::build:
      return handout::run_build(command.build, std::cout, std::cerr);
    case handout::Command::Kind::watch:
      return handout::run_watch(command.build, std::cout, std::cerr);
    case handout::Command::Kind::check:
      return handout::run_check(command.build, std::cout, std::cerr);
    case handout::Command::Kind::report_merge:
      return handout::run_report_merge(command, std::cout, std::cerr);
    case handout::Command::Kind::schema:
      std::cout << handout::schema_markdown(command.schema);
      return 0;
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  handout::route_library_logs();  // before any thread, and before any library can log
  // The commands report their own failures; this is the last line of defence, so that no
  // exception ever ends the process through std::terminate.
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (...) {
    std::cerr << handout::current_exception_diagnostic({}).to_string() << '\n';
    return 1;
  }
}
