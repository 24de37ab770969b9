// End-to-end tests of files a layout or project names, and of what an article's bytes may be:
// a layout cannot embed a file from outside the project, the ICC profile must be an RGB ICC
// profile, images are bounded in pixels, a bad logo is reported at the project value naming
// it, and an article that is not UTF-8 is an error at its first bad byte.
#include <catch2/catch.hpp>

#include <filesystem>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"
#include "support/test_images.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string front_matter =
    "+++\ntitle = \"Files\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n";
const std::string srgb = "/usr/share/color/icc/sRGB.icc";

// A small project: one article, the layouts the test writes, no project file unless written.
ProcessResult build_in(const TempFolder& work, const std::string& arguments) {
  return run_command("cd " + quote(work.path()) + " && " + quote(binary) + " build --fonts " +
                     quote(source_dir + "/fonts") + " " + arguments);
}

void write_archive_layout(const TempFolder& work, const std::string& name, const std::string& icc) {
  write_text(work / (name + ".toml"), "[output]\nprofile = \"archive\"\nicc_profile = \"" + icc + "\"\n");
}

// Only the signature and IHDR of a PNG: enough for its pixel size to be read, no pixels to decode.
void write_png_header(const std::string& path, std::uint32_t width, std::uint32_t height) {
  std::string bytes = "\x89PNG\r\n\x1a\n";
  auto be32 = [&](std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((value >> shift) & 0xff);
  };
  be32(13);
  bytes += "IHDR";
  be32(width);
  be32(height);
  bytes += std::string("\x08\x02\x00\x00\x00", 5);
  be32(0);  // the CRC is not read by the header check
  write_text(path, bytes);
}

}  // namespace

TEST_CASE("a layout's ICC profile must be inside the project and an RGB ICC profile") {
  TempFolder work;
  write_text(work / "a.md", front_matter + "# Files\n\nText.\n");
  struct Case {
    std::string icc, message;
  };
  fs::copy_file("/etc/passwd", work / "passwd.icc");
  std::string truncated = read_bytes(srgb).substr(0, 1000);
  write_text(work / "truncated.icc", truncated);
  fs::create_symlink("/etc/passwd", work / "link.icc");
  std::string version5 = read_bytes(srgb);
  version5[8] = 5;  // the major version: iccMAX
  write_text(work / "version5.icc", version5);
  const Case cases[] = {
      // The reproducer: /etc/passwd went into the archive PDF as its output intent.
      {"/etc/passwd", "icc.toml:3:15: error: ICC profile '/etc/passwd' is outside the project's folder"},
      {"link.icc", "icc.toml:3:15: error: ICC profile 'link.icc' resolves to '/etc/passwd', which is outside"},
      {"passwd.icc", "icc.toml:3:15: error: ICC profile 'passwd.icc' is not an ICC profile (no 'acsp' signature)"},
      {"truncated.icc", "icc.toml:3:15: error: ICC profile 'truncated.icc' says it is 6922 bytes long but has 1000"},
      {"/usr/share/color/icc/Gray.icc", "error: ICC profile '/usr/share/color/icc/Gray.icc' is for 'GRAY' colour"},
      {"version5.icc", "icc.toml:3:15: error: ICC profile 'version5.icc' is of ICC version 5, and PDF/A allows versions up to 4"},
  };
  for (const Case& c : cases)
    for (const char* profile : {"archive", "archive-accessible"}) {
      write_archive_layout(work, "icc", c.icc);
      ProcessResult result = build_in(work, "--no-project a.md --layout icc.toml --profile " + std::string(profile) + " --out out");
      INFO(c.icc << ", " << profile << ": " << result.err);
      CHECK(result.exit_code == 1);
      CHECK(result.err.find(c.message) != std::string::npos);
      CHECK(output_files(work / "out").empty());
    }
  // The system's sRGB profile is allowed by default, and a copy inside the project too.
  fs::copy_file(srgb, work / "sRGB.icc");
  for (const std::string& icc : {srgb, std::string("sRGB.icc")}) {
    write_archive_layout(work, "icc", icc);
    ProcessResult result = build_in(work, "--no-project a.md --layout icc.toml --out out");
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(uncompressed(work / "out/a.icc.archive.pdf").find("/GTS_PDFA1") != std::string::npos);
  }
}

TEST_CASE("a project file allows a folder outside the project for the files layouts name") {
  TempFolder work, elsewhere;
  fs::copy_file(srgb, elsewhere / "sRGB.icc");
  write_text(work / "a.md", front_matter + "# Files\n\nText.\n");
  write_archive_layout(work, "icc", elsewhere / "sRGB.icc");
  write_text(work / "handout.toml", "content = [\"a.md\"]\nlayouts = [\"icc.toml\"]\n");
  ProcessResult refused = build_in(work, "");
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("icc.toml:3:15: error: ICC profile '" + elsewhere / "sRGB.icc" + "' is outside") !=
        std::string::npos);
  write_text(work / "handout.toml", "content = [\"a.md\"]\nlayouts = [\"icc.toml\"]\nallow_files_from = [" +
                                        quote(elsewhere.path()) + "]\n");
  ProcessResult allowed = build_in(work, "");
  INFO(allowed.err);
  CHECK(allowed.exit_code == 0);
  write_text(work / "handout.toml", "content = [\"a.md\"]\nallow_files_from = [\"no-such-folder\"]\n");
  CHECK(build_in(work, "").err.find("handout.toml:2:21: error: 'allow_files_from' names 'no-such-folder', which is "
                                    "not a folder") != std::string::npos);
}

TEST_CASE("a bad logo is an error at the project value that names it") {
  SampleProject project;
  write_text(project.root / "layouts/patient-handout.toml",
             read_bytes(project.root / "layouts/patient-handout.toml"));  // its [header] image is {clinic.logo}
  write_text(project.root / "notes.txt", "not a picture\n");
  write_text(project.root / "handout.toml",
             "content = [\"content/short.md\"]\nlayouts = [\"patient-handout\"]\nplain = false\n"
             "[variants.north.clinic]\nname = \"North Clinic\"\nlogo = \"notes.txt\"\n"
             "[variants.south.clinic]\nname = \"South Clinic\"\nlogo = \"/etc/hostname\"\n");
  ProcessResult result = project.build();
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("handout.toml:6:8: error: image 'notes.txt' is") != std::string::npos);
  CHECK(result.err.find("handout.toml:9:8: error: running-head image '/etc/hostname' is outside the project's "
                        "folder") != std::string::npos);
}

TEST_CASE("images beyond the layout's pixel limit are errors at their place, before any decoding") {
  TempFolder work;
  // The reproducer: a 12000 × 12000 PNG took 1 GB of memory to decode.
  write_png_header(work / "huge.png", 12000, 12000);
  write_png_header(work / "large.png", 8000, 7000);  // 56 megapixels: over the default of 50
  write_quadrants_png(work / "small.png", 800, 800);
  write_text(work / "huge.md", front_matter + "# Files\n\n![a scan](huge.png)\n");
  write_text(work / "large.md", front_matter + "# Files\n\n![a scan](large.png)\n");
  write_text(work / "small.md", front_matter + "# Files\n\n![a scan](small.png)\n");
  const std::string layout = " --layout " + quote(source_dir + "/layouts/patient-handout.toml");
  ProcessResult huge = build_in(work, "--no-project huge.md" + layout + " --out out");
  CHECK(huge.exit_code == 1);
  CHECK(huge.err.find("huge.md:10:11: error: image 'huge.png' is 12000 × 12000 pixels") != std::string::npos);
  ProcessResult large = build_in(work, "--no-project large.md" + layout + " --out out");
  INFO(large.err);
  CHECK(large.exit_code == 1);
  CHECK(large.err.find("large.md:10:11: error: image 'large.png' is 8000 × 7000 pixels (56.0 megapixels); the "
                       "layout allows at most 50.0 megapixels") != std::string::npos);
  CHECK(output_files(work / "out").empty());
  CHECK(build_in(work, "--no-project small.md" + layout + " --out out").exit_code == 0);
  // A layout may lower the limit (or raise it, up to 100 megapixels).
  write_text(work / "tight.toml", "[output]\nmax_image_megapixels = 0.5\n");
  ProcessResult tight = build_in(work, "--no-project small.md --layout tight.toml --out out2");
  CHECK(tight.exit_code == 1);
  CHECK(tight.err.find("small.md:10:11: error: image 'small.png' is 800 × 800 pixels (0.6 megapixels)") !=
        std::string::npos);
  write_text(work / "tight.toml", "[output]\nmax_image_megapixels = 1000\n");
  CHECK(build_in(work, "--no-project small.md --layout tight.toml --out out2")
            .err.find("tight.toml:2:24: error: 'output.max_image_megapixels' is 1000") != std::string::npos);
}

TEST_CASE("an article that is not UTF-8 is an error at its first bad byte, with no library warning") {
  TempFolder work;
  write_text(work / "latin1.md", front_matter + "# Files\n\nCaf\xE9 and more.\n");
  ProcessResult result = build_in(work, "--no-project latin1.md --layout " +
                                            quote(source_dir + "/layouts/patient-handout.toml") + " --out out");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("latin1.md:10:4: error: the article is not valid UTF-8 (byte 0xE9)") != std::string::npos);
  CHECK(result.err.find("Pango") == std::string::npos);
  CHECK(result.err.find("WARNING") == std::string::npos);
}
