#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "paint/pdf_finisher.h"
#include "util/diagnostic.h"

using namespace handout;
namespace fs = std::filesystem;

namespace {

// A one-page PDF whose cross-reference offsets are all wrong: qpdf repairs it, with warnings.
const std::string damaged_pdf =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n"
    "xref\n0 4\n0000000000 65535 f \n0000000999 00000 n \n0000000999 00000 n \n0000000999 00000 n \n"
    "trailer << /Size 4 /Root 1 0 R >>\nstartxref\n99999\n%%EOF\n";

// What the process writes on stderr while `run` runs.
template <typename Run>
std::string stderr_of(Run run) {
  fs::path capture = fs::temp_directory_path() / ("handout-stderr-" + std::to_string(::getpid()));
  std::fflush(stderr);
  int saved = ::dup(2);
  int file = ::open(capture.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  ::dup2(file, 2);
  ::close(file);
  run();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::ifstream in(capture);
  std::stringstream text;
  text << in.rdbuf();
  fs::remove(capture);
  return text.str();
}

}  // namespace

TEST_CASE("qpdf's warnings become the output's error, naming the output and not its temporary file") {
  fs::path temporary = fs::temp_directory_path() / ("handout-finisher-" + std::to_string(::getpid()) + ".pdf.tmp-1");
  FinishOptions options;
  options.shown_name = "out/article.layout.pdf";
  std::string message;
  std::string printed = stderr_of([&] {
    try {
      finish_pdf(damaged_pdf, temporary.string(), options);
    } catch (const HandoutError& error) {
      message = error.diagnostic().to_string();
    }
  });
  fs::remove(temporary);
  CHECK(printed.empty());  // this was "WARNING: /tmp/....pdf.tmp-1: file is damaged" and more
  CHECK(message.starts_with("out/article.layout.pdf: error: qpdf had to repair the PDF"));
  CHECK(message.find(".tmp-") == std::string::npos);
}
