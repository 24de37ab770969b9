#pragma once
// A small project in a temporary folder for batch tests: two articles, one layout, the plain
// variant, and an output folder, built in code (no handout.toml).
#include <filesystem>
#include <string>

#include "batch/project.h"
#include "support/test_files.h"

namespace handout::test {

inline std::string article_text(const std::string& title) {
  return "+++\ntitle = \"" + title +
         "\"\nlanguage = \"en\"\nreviewed = 2026-11-20\norganisation = \"Test Clinic\"\n+++\n\n# " + title +
         "\n\nRest helps. Drink water every day.\n";
}

struct BatchTestProject {
  Folder folder;
  std::string a, b, layout, out;
  Project project;

  BatchTestProject() {
    a = (folder.path / "a.md").string();
    b = (folder.path / "b.md").string();
    layout = (folder.path / "summary.toml").string();
    out = (folder.path / "out").string();
    write(a, article_text("Alpha"));
    write(b, article_text("Beta"));
    // The bundled summary layout: a real one, whose lints pass.
    write(layout, read(HANDOUT_SOURCE_DIR "/layouts/clinician-summary.toml"));
    project.content = {a, b};
    project.layouts = {layout};
    project.out_dir = out;
    project.variants = {Variant{}};
    project.allowed_folders = {folder.path.string(), HANDOUT_SOURCE_DIR, "/usr/share/color/icc"};
  }
};

}  // namespace handout::test
