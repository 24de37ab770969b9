#include "e2e/sample_project.h"

#include <filesystem>
#include <regex>

namespace handout::testing {

namespace fs = std::filesystem;

SampleProject::SampleProject() {
  fs::create_directories(root / "content");
  fs::create_directories(root / "layouts");
  std::string article = read_bytes(source_dir + "/content/rcc-bone-metastasis.md");
  write_text(root / "content/bone.md", article);
  // The second article differs in its text, not only its name; it has none of the sections the
  // bundled article chooses for its summary, so it leaves that choice to the layout.
  std::string short_article = article.substr(0, article.find("## Renal cell cancer bone metastasis symptoms"));
  std::size_t choice = short_article.find("\n# The summary:");
  if (choice != std::string::npos) short_article.erase(choice, short_article.find("\n+++", choice) - choice);
  write_text(root / "content/short.md", short_article);
  for (const char* layout : {"patient-handout.toml", "clinician-summary.toml"})
    fs::copy_file(source_dir + "/layouts/" + layout, root / (std::string("layouts/") + layout));
  write_text(root / "handout.toml",
             "content = [\"content\"]\nlayouts = [\"patient-handout\", \"clinician-summary\"]\n"
             "[variants.north.clinic]\nname = \"North Clinic\"\nphone = \"0100 000 001\"\n"
             "[variants.south.clinic]\nname = \"South Clinic\"\nphone = \"0100 000 002\"\n");
}

ProcessResult SampleProject::build(const std::string& arguments, double seconds) const {
  return run_command("cd " + quote(root.path()) + " && " + quote(binary) + " build --fonts " +
                         quote(source_dir + "/fonts") + " " + arguments,
                     seconds);
}

std::unique_ptr<BackgroundProcess> SampleProject::watch(const std::vector<std::string>& arguments) const {
  std::vector<std::string> command{binary, "watch", "--fonts", source_dir + "/fonts"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  return std::make_unique<BackgroundProcess>(command, root.path(), root / "watch.out", root / "watch.err");
}

Counts counts(const ProcessResult& result) {
  std::smatch match;
  Counts counts;
  if (std::regex_search(result.out, match, std::regex(R"((\d+) built, (\d+) up to date, (\d+) failed in)"))) {
    counts.built = std::stoi(match[1]);
    counts.up_to_date = std::stoi(match[2]);
    counts.failed = std::stoi(match[3]);
  }
  return counts;
}

bool wrote(const ProcessResult& result, const std::string& name) {
  return result.out.find("wrote out/" + name + " ") != std::string::npos;
}

}  // namespace handout::testing
