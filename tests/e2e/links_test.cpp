// End-to-end tests of hostile link targets: a target cannot add an action of its own to the
// PDF, schemes are allowed by a list, and no PDF holds JavaScript, Launch, SubmitForm,
// ImportData, GoToR or embedded files, in any profile.
#include <catch2/catch.hpp>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <filesystem>

#include "e2e/active_content.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string front_matter =
    "+++\ntitle = \"Links\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n";

// `handout build` in `work`, with the bundled handout layout unless the arguments name one.
ProcessResult build_in(const TempFolder& work, const std::string& arguments) {
  std::string layout = arguments.find("--layout") == std::string::npos
                           ? " --layout " + quote(source_dir + "/layouts/patient-handout.toml")
                           : "";
  return run_command("cd " + quote(work.path()) + " && " + quote(binary) + " build --no-project --fonts " +
                     quote(source_dir + "/fonts") + layout + " " + arguments);
}

// Every link annotation's action, page by page: "/S=/URI URI=...", or what else it holds.
std::vector<std::string> link_actions(const std::string& path, const std::string& password = "") {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.processFile(path.c_str(), password.c_str());
  std::vector<std::string> actions;
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages())
    for (QPDFAnnotationObjectHelper& annotation : page.getAnnotations()) {
      if (annotation.getSubtype() != "/Link") continue;
      QPDFObjectHandle action = annotation.getObjectHandle().getKey("/A");
      std::string text;
      for (const std::string& key : action.getKeys()) {
        QPDFObjectHandle value = action.getKey(key);
        text += key + "=" + (value.isString() ? value.getStringValue() : value.unparse()) + " ";
      }
      actions.push_back(text);
    }
  std::sort(actions.begin(), actions.end());
  return actions;
}

}  // namespace

TEST_CASE("a link target cannot inject a Launch or JavaScript action in any profile") {
  TempFolder work;
  // The reproducers: Cairo 1.16 copied these into "/URI (...)" unescaped, so the PDF gained
  // /S /Launch and /S /JavaScript actions that qpdf kept (the last of duplicated keys).
  write_text(work / "hostile.md",
             front_matter + "# Links\n\n"
                            "A [click here](<http://a) /S /Launch /F (/usr/bin/xcalc> \"t\") link.\n\n"
                            "A [js](<https://x) /S /JavaScript /JS (app.alert\\(1\\)> \"t\") link.\n\n"
                            "A [slash](https://example.org/a\\\\b) and [caf\xC3\xA9](<https://example.org/caf\xC3\xA9 x>).\n\n"
                            "A [relative js](<x) /S /JavaScript /JS (app.alert\\(1\\)> \"t\") link.\n");
  write_text(work / "password", "secret\n");
  ProcessResult plain = build_in(work, "hostile.md --profile print --profile email --profile archive --out out");
  INFO(plain.out << plain.err);
  REQUIRE(plain.exit_code == 0);
  // The relative one has no scheme: set as plain text, with a warning at its target.
  CHECK(plain.err.find("hostile.md:16:4: warning: relative link target 'x)%20/S%20/JavaScript") != std::string::npos);
  ProcessResult encrypted = build_in(work, "hostile.md --profile email --password-file password --out locked");
  INFO(encrypted.err);
  REQUIRE(encrypted.exit_code == 0);

  const std::vector<std::string> expected{
      "/S=/URI /Type=/Action /URI=http://a)%20/S%20/Launch%20/F%20(/usr/bin/xcalc ",
      "/S=/URI /Type=/Action /URI=https://example.org/a\\b ",
      "/S=/URI /Type=/Action /URI=https://example.org/caf%C3%A9%20x ",
      "/S=/URI /Type=/Action /URI=https://x)%20/S%20/JavaScript%20/JS%20(app.alert(1) ",
  };
  for (const std::string& file : output_files(work / "out")) {
    std::string pdf = work / ("out/" + file);
    INFO(pdf);
    std::vector<std::string> actions = link_actions(pdf);
    // libharu writes no /Type in an action dictionary: compare without it.
    for (std::string& action : actions)
      if (auto at = action.find("/Type=/Action "); at != std::string::npos) action.erase(at, 14);
    std::vector<std::string> wanted = expected;
    for (std::string& action : wanted) action.erase(action.find("/Type=/Action "), 14);
    CHECK(actions == wanted);
    CHECK(active_content(pdf).empty());
    CHECK(run_command("qpdf --check " + quote(pdf)).exit_code == 0);
    ProcessResult javascript = run_command("pdfinfo -js " + quote(pdf));
    CHECK(javascript.out.find("alert") == std::string::npos);
  }
  CHECK(output_files(work / "out").size() == 3);
  std::string locked = work / "locked/hostile.patient-handout.email.pdf";
  CHECK(link_actions(locked, "secret").size() == expected.size());
  CHECK(active_content(locked).empty());
}

TEST_CASE("a link of a scheme not allowed is an error at the link, and nothing is written") {
  TempFolder work;
  for (const std::string scheme : {"javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd",
                                   "launch:/usr/bin/xcalc", "data:text/html;base64,PHNjcmlwdD4=", "smb://host/share",
                                   "vbscript:msgbox", "ftp://example.org/x"}) {
    write_text(work / "bad.md", front_matter + "# Bad\n\nSee [this](<" + scheme + ">) now.\n");
    for (const char* profile : {"print", "archive"}) {
      ProcessResult result = build_in(work, std::string("bad.md --profile ") + profile + " --out out");
      INFO(scheme << ' ' << result.err);
      CHECK(result.exit_code == 1);
      CHECK(result.err.find("bad.md:10:13: error: link target '") != std::string::npos);
      CHECK(result.err.find("which a handout may not link to") != std::string::npos);
      CHECK(output_files(work / "out").empty());
    }
  }
}

TEST_CASE("a layout widens the allowed schemes, but never to ones that run code") {
  TempFolder work;
  write_text(work / "ftp.md", front_matter + "# Ftp\n\nSee [files](ftp://example.org/x) and [web](https://example.org).\n");
  write_text(work / "wide.toml", "[links]\nschemes = [\"https\", \"ftp\"]\n");
  ProcessResult wide = build_in(work, "ftp.md --layout wide.toml --out out");
  INFO(wide.err);
  CHECK(wide.exit_code == 0);
  std::vector<std::string> actions = link_actions(work / "out/ftp.wide.pdf");
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].find("/URI=ftp://example.org/x") != std::string::npos);

  write_text(work / "narrow.toml", "[links]\nschemes = [\"ftp\"]\n");
  ProcessResult narrow = build_in(work, "ftp.md --layout narrow.toml --out out2");
  CHECK(narrow.exit_code == 1);
  CHECK(narrow.err.find("ftp.md:10:44: error: link target 'https://example.org' has the scheme 'https'") !=
        std::string::npos);

  for (const std::string bad : {"javascript", "file", "data", "vbscript"}) {
    write_text(work / "bad.toml", "[links]\nschemes = [\"https\", \"" + bad + "\"]\n");
    ProcessResult result = build_in(work, "ftp.md --layout bad.toml --out out3");
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("bad.toml:2:21: error: 'links.schemes' cannot allow \"" + bad + "\"") != std::string::npos);
  }
  write_text(work / "bad.toml", "[links]\nschemes = [\"ht tp\"]\n");
  CHECK(build_in(work, "ftp.md --layout bad.toml --out out3").err.find("bad.toml:2:12: error: 'links.schemes' has") !=
        std::string::npos);
}

TEST_CASE("relative, anchor and empty links are set as plain text with a warning, in every profile") {
  TempFolder work;
  write_text(work / "rel.md", front_matter + "# Rel\n\nSee [page](other.html), [part](#part) and [nothing]() here.\n");
  ProcessResult result = build_in(work, "rel.md --profile print --profile archive --out out");
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("rel.md:10:12: warning: relative link target 'other.html'") != std::string::npos);
  CHECK(result.err.find("rel.md:10:32: warning: relative link target '#part'") != std::string::npos);
  CHECK(result.err.find("rel.md:10:44: warning: link without a target is set as plain text") != std::string::npos);
  for (const std::string& file : output_files(work / "out")) {
    std::string pdf = work / ("out/" + file);
    CHECK(link_actions(pdf).empty());
    ProcessResult text = run_command("pdftotext " + quote(pdf) + " -");
    CHECK(text.out.find("See page, part and nothing here.") != std::string::npos);
  }
}

TEST_CASE("the scan for active content finds an action that runs on opening") {
  TempFolder work;
  write_text(work / "plain.md", front_matter + "# Plain\n\nText.\n");
  REQUIRE(build_in(work, "plain.md --out out").exit_code == 0);
  std::string clean = work / "out/plain.patient-handout.pdf";
  CHECK(active_content(clean).empty());
  {
    QPDF pdf;
    pdf.processFile(clean.c_str());
    pdf.getRoot().replaceKey("/OpenAction", QPDFObjectHandle::parse("<< /S /JavaScript /JS (app.alert(1)) >>"));
    const std::string dirty = work / "dirty.pdf";  // qpdf keeps the name's pointer until it writes
    QPDFWriter writer(pdf, dirty.c_str());
    writer.write();
  }
  std::vector<std::string> found = active_content(work / "dirty.pdf");
  CHECK(std::count_if(found.begin(), found.end(),
                      [](const std::string& line) { return line.ends_with(": key /OpenAction"); }) == 1);
  CHECK(std::count_if(found.begin(), found.end(), [](const std::string& line) {
          return line.find("/JavaScript") != std::string::npos || line.find("key /JS") != std::string::npos;
        }) == 2);
  fs::remove(work / "dirty.pdf");  // the folder's own scan would stop the test
  // An encrypted PDF the scan cannot decrypt is not clean: it is unchecked.
  REQUIRE(build_in(work, "plain.md --profile email --password not-a-test-password --out locked").exit_code == 0);
  std::vector<std::string> locked = active_content(work / "locked/plain.patient-handout.email.pdf");
  REQUIRE(locked.size() == 1);
  CHECK(locked[0].starts_with("is encrypted with a password not in test_passwords()"));
  fs::remove_all(work / "locked");
}

TEST_CASE("a project file widens every layout's schemes, and its list is part of the fingerprint") {
  TempFolder work;
  write_text(work / "ftp.md", front_matter + "# Ftp\n\nSee [files](ftp://example.org/x) and [web](https://example.org).\n");
  fs::copy_file(source_dir + "/layouts/patient-handout.toml", work / "handout-layout.toml");
  write_text(work / "handout.toml", "content = [\"ftp.md\"]\nlayouts = [\"handout-layout.toml\"]\n");
  auto build = [&] {
    return run_command("cd " + quote(work.path()) + " && " + quote(binary) + " build --fonts " +
                       quote(source_dir + "/fonts"));
  };
  ProcessResult refused = build();
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("ftp.md:10:13: error: link target 'ftp://example.org/x' has the scheme 'ftp'") !=
        std::string::npos);
  write_text(work / "handout.toml",
             "content = [\"ftp.md\"]\nlayouts = [\"handout-layout.toml\"]\nlink_schemes = [\"ftp\"]\n");
  ProcessResult widened = build();
  INFO(widened.err);
  CHECK(widened.exit_code == 0);
  CHECK(link_actions(work / "out/ftp.handout-layout.pdf").size() == 2);  // the layout's https stays allowed
  CHECK(build().out.find("1 up to date") != std::string::npos);
  write_text(work / "handout.toml",
             "content = [\"ftp.md\"]\nlayouts = [\"handout-layout.toml\"]\nlink_schemes = [\"ftp\", \"gopher\"]\n");
  CHECK(build().out.find("1 built") != std::string::npos);  // another list is another build
  write_text(work / "handout.toml",
             "content = [\"ftp.md\"]\nlayouts = [\"handout-layout.toml\"]\nlink_schemes = [\"javascript\"]\n");
  CHECK(build().err.find("handout.toml:3:17: error: 'link_schemes' cannot allow \"javascript\"") != std::string::npos);
}
