#include "e2e/readers.h"

#include <filesystem>
#include <regex>
#include <sstream>

#include "e2e/process.h"

namespace handout::testing {

namespace {

namespace fs = std::filesystem;

const std::string readers_folder = std::string(HANDOUT_SOURCE_DIR) + "/tests/readers";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

// Runs a reader script of tests/readers on `files` and parses its report: "file PATH",
// "pages N", "page K TEXT", "warning ...", "note ...", "error ...".
std::vector<ReaderView> node_views(const std::string& script, const std::vector<std::string>& files,
                                   const std::string& password) {
  std::string command = "node tests/readers/";
  command += script;
  if (!password.empty()) command.append(" --password ").append(quote(password));
  for (const std::string& file : files) command.append(" ").append(quote(file));
  ProcessResult result = run_command(command, 180);
  std::vector<ReaderView> views;
  for (const std::string& line : lines_of(result.out)) {
    std::size_t space = line.find(' ');
    std::string kind = line.substr(0, space), rest = space == std::string::npos ? "" : line.substr(space + 1);
    if (kind == "file") {
      views.push_back(ReaderView{});
      views.back().file = rest;
      continue;
    }
    if (views.empty()) views.push_back(ReaderView{});  // a report before the first file: the script failed
    ReaderView& view = views.back();
    if (kind == "pages") view.pages = std::stoi(rest);
    else if (kind == "page") view.page_texts.push_back(rest.substr(std::min(rest.find(' '), rest.size())));
    else if (kind == "note") view.notes.push_back(rest);
    else if (kind == "warning") view.warnings.push_back(rest);
    else view.error += line + "\n";
  }
  // Whatever went wrong outside the report (Node's own errors, a time-out) belongs to every file.
  if (views.size() != files.size() || result.timed_out || !result.err.empty()) {
    for (ReaderView& view : views) view.error += result.err;
    while (views.size() < files.size()) views.push_back(ReaderView{files[views.size()], -1, {}, {}, {}, result.err});
  }
  return views;
}

}  // namespace

std::optional<std::string> node_readers_missing() {
  const std::string install = " (scripts/install-deps.sh installs it: Node.js from Debian, and `npm ci` in tests/readers)";
  if (run_command("node --version", 60).exit_code != 0) return "`node` is not installed" + install;
  for (const char* package : {"pdfjs-dist", "mupdf"})
    if (!fs::exists(readers_folder + "/node_modules/" + package + "/package.json"))
      return "tests/readers/node_modules/" + std::string(package) + " is missing" + install;
  return std::nullopt;
}

std::vector<ReaderView> pdfjs_views(const std::vector<std::string>& files, const std::string& password) {
  return node_views("pdfjs-pages.mjs", files, password);
}

std::vector<ReaderView> mupdf_views(const std::vector<std::string>& files, const std::string& password) {
  return node_views("mupdf-pages.mjs", files, password);
}

ReaderView ghostscript_view(const std::string& file, const std::string& password) {
  TempFolder pages;
  std::string command = "gs -dNOPAUSE -dBATCH -dSAFER -dPDFSTOPONERROR -dPDFSTOPONWARNING -sDEVICE=txtwrite -sOutputFile=" +
                        quote(pages / "page-%d.txt");
  if (!password.empty()) command.append(" -sPDFPassword=").append(quote(password));
  ProcessResult result = run_command(command + " " + quote(file), 180);
  ReaderView view;
  view.file = file;
  if (result.exit_code != 0) view.error = "exit status " + std::to_string(result.exit_code) + "\n" + result.err;
  // Its banner and a line for each page go to stdout; anything else there or on stderr is about the file.
  static const std::regex expected(R"((GPL Ghostscript |Copyright \(C\) |This software is supplied |see the file COPYING|Processing pages \d+ through \d+\.$|Page \d+$).*)");
  int pages_seen = 0;
  for (const std::string& line : lines_of(result.out)) {
    if (!std::regex_match(line, expected)) view.warnings.push_back(line);
    else if (line.rfind("Page ", 0) == 0) ++pages_seen;
  }
  for (const std::string& line : lines_of(result.err)) view.warnings.push_back(line);
  view.pages = pages_seen;
  for (int page = 1; fs::exists(pages / ("page-" + std::to_string(page) + ".txt")); ++page)
    view.page_texts.push_back(read_bytes(pages / ("page-" + std::to_string(page) + ".txt")));
  return view;
}

std::string poppler_structure_text(const std::string& pdf) {
  std::string text;
  for (const std::string& line : lines_of(run_command("pdfinfo -struct-text " + quote(pdf)).out)) {
    std::size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos && line[start] == '"') text += line.substr(start) + "\n";
  }
  return text;
}

std::string pdfjs_structure_text(const std::string& pdf) {
  ProcessResult result = run_command("node tests/readers/pdfjs-spoken-text.mjs " + quote(pdf), 180);
  std::string text;
  for (const std::string& line : lines_of(result.out)) {
    std::size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos && line[start] == '"') text += line.substr(start) + "\n";
    else if (line.rfind("error ", 0) == 0) text += line + "\n";  // a failure shows in the mismatch message
  }
  return text;
}

}  // namespace handout::testing
