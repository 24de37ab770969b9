#include "batch/project.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "util/file_access.h"
#include "util/link_target.h"
#include "util/text.h"
#include "util/toml_reader.h"
#include "util/toml_schema.h"

namespace handout {

namespace fs = std::filesystem;

std::string layout_path(const std::string& name_or_path) {
  if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".toml")) return name_or_path;
  return "layouts/" + name_or_path + ".toml";
}

std::vector<std::string> files_in(const std::string& folder, const std::string& extension, bool may_be_empty) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    std::error_code ignored;  // an entry that cannot be examined is not an article
    if (entry.is_regular_file(ignored) && entry.path().extension() == extension) files.push_back(entry.path().string());
  }
  if (error) throw HandoutError({folder}, "cannot read folder: " + error.message());
  std::sort(files.begin(), files.end());
  if (files.empty() && !may_be_empty) throw HandoutError({folder}, fmt::format("no {} files in this folder", extension));
  return files;
}

namespace {

// Flattens a variant's tables into dotted template names: [clinic] name = ... -> clinic.name.
void collect_values(const TomlReader& reader, const toml::table& table, const std::string& prefix,
                    TemplateValues& values, ValuePlaces& places, const std::vector<std::string_view>& skip = {}) {
  for (const auto& [key, node] : table) {
    if (std::find(skip.begin(), skip.end(), key.str()) != skip.end()) continue;
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    places[name] = reader.place_of(node);
    if (const toml::table* nested = node.as_table()) {
      collect_values(reader, *nested, name, values, places);
    } else if (node.is_string()) {
      values[name] = node.as_string()->get();
    } else if (const auto* integer = node.as_integer()) {
      values[name] = fmt::format("{}", integer->get());  // exactly as written, however large
    } else if (const auto* number = node.as_floating_point()) {
      if (!std::isfinite(number->get()))
        reader.fail(node, fmt::format("variant value '{}' is {}; a number printed in a document must be finite", name,
                                      number->get()));
      values[name] = fmt::format("{}", number->get());
    } else {
      reader.fail(node, fmt::format("variant value '{}' must be a string, a number or a table", name));
    }
  }
}

std::vector<std::string> expand_content(const TomlReader& reader, const toml::table& root,
                                        std::vector<std::string>& folders) {
  std::vector<std::string> entries = reader.string_array(root, "content", "").value_or(std::vector<std::string>{"content"});
  std::vector<std::string> files;
  for (const std::string& entry : entries) {
    // The overloads with an error code: a name the system refuses (too long, say) is an error at
    // the key, not an exception that ends the program.
    std::error_code error;
    const fs::file_status status = fs::status(entry, error);
    if (fs::is_directory(status)) {
      folders.push_back(entry);
      // A folder the project names may be empty for now (watch mode will see what arrives).
      for (const std::string& file : files_in(entry, ".md", true)) files.push_back(file);
    } else if (fs::is_regular_file(status)) {
      files.push_back(entry);
    } else if (error && status.type() != fs::file_type::not_found) {
      reader.fail(*root.get("content"), fmt::format("'content' names '{}', which cannot be read: {}", entry,
                                                    error.message()));
    } else {
      std::string why = error && status.type() != fs::file_type::not_found ? " (" + error.message() + ")" : "";
      // Without a `content` key, the default folder is meant: the error is at the top of the file.
      const toml::node* node = root.get("content");
      reader.fail(node ? *node : static_cast<const toml::node&>(root),
                  fmt::format("'content' names '{}', which is neither a file nor a folder{}", entry, why));
    }
  }
  if (files.empty())
    throw HandoutError(root.get("content") ? reader.place_of(*root.get("content")) : reader.place_of(root),
                       "the project names no articles (.md files)");
  return files;
}

// What the project file's top level gives, before the variants are made from it.
struct ProjectFile {
  Project project;
  bool plain = true;  // also build each article without a variant
};

std::vector<std::string> layout_paths(const std::vector<std::string>& names) {
  std::vector<std::string> paths;
  for (const std::string& name : names) paths.push_back(layout_path(name));
  return paths;
}

std::vector<schema::Key<ProjectFile>> project_keys() {
  using Key = schema::Key<ProjectFile>;
  return {
      Key{"allow_files_from", "array of folders",
          "folders (besides the current one, the project file's and `/usr/share/color/icc`) whose files layouts may "
          "name; see [Files a layout names](#files-a-layout-names)",
          [](const TomlReader& reader, const toml::table& root, std::string_view prefix, ProjectFile& file) {
            auto folders = reader.string_array(root, "allow_files_from", prefix);
            if (!folders) return;
            const toml::array& array = *root.get("allow_files_from")->as_array();
            for (std::size_t i = 0; i < folders->size(); ++i) {
              std::error_code error;
              if (!fs::is_directory((*folders)[i], error))
                reader.fail(*array.get(i),
                            fmt::format("'allow_files_from' names '{}', which is not a folder", (*folders)[i]));
              file.project.allowed_folders.push_back((*folders)[i]);
            }
          }}.defaults("none"),
      Key{"content", "array of files or folders", "article files or folders (every `.md` in them)",
          [](const TomlReader& reader, const toml::table& root, std::string_view, ProjectFile& file) {
            file.project.content = expand_content(reader, root, file.project.content_folders);
          }}.defaults("`[\"content\"]`"),
      Key{"layouts", "array of strings", "layout names (`layouts/NAME.toml`) or paths",
          [](const TomlReader& reader, const toml::table& root, std::string_view prefix, ProjectFile& file) {
            auto layouts = reader.string_array(root, "layouts", prefix);
            file.project.layouts = layouts ? layout_paths(*layouts) : files_in("layouts", ".toml");
          }}.defaults("every `.toml` in `layouts/`"),
      Key{"out", "path", "output folder",
          [](const TomlReader& reader, const toml::table& root, std::string_view prefix, ProjectFile& file) {
            if (auto out = reader.string(root, "out", prefix)) file.project.out_dir = *out;
          },
          [](const ProjectFile& file) { return schema::shown_string(file.project.out_dir); }},
      Key{"glossary", "path", "the [words-to-know glossary](#words-to-know) of every article",
          [](const TomlReader& reader, const toml::table& root, std::string_view prefix, ProjectFile& file) {
            auto glossary = reader.string(root, "glossary", prefix);
            if (!glossary) return;
            if (auto problem = regular_file_problem(*glossary))
              reader.fail(*root.get("glossary"), fmt::format("'glossary' names '{}': {}", *glossary, *problem));
            file.project.glossary = *glossary;
          }}.defaults("`glossary.toml` beside each article, when there is one"),
      Key{"link_schemes", "array of strings",
          "URI schemes every layout allows for links beyond its own `[links] schemes` (the same refusals apply); "
          "part of every output's fingerprint",
          [](const TomlReader& reader, const toml::table& root, std::string_view prefix, ProjectFile& file) {
            auto schemes = reader.string_array(root, "link_schemes", prefix);
            if (!schemes) return;
            const toml::array& array = *root.get("link_schemes")->as_array();
            for (std::size_t i = 0; i < schemes->size(); ++i) {
              const std::string& scheme = (*schemes)[i];
              if (auto problem = allowed_scheme_problem(scheme)) reader.fail(*array.get(i), "'link_schemes' " + *problem);
              file.project.link_schemes.push_back(scheme);
            }
          }}.defaults("none"),
      Key{"plain", "`true` or `false`", "also build every article without a variant",
          [](const TomlReader& reader, const toml::table& root, std::string_view prefix, ProjectFile& file) {
            file.plain = reader.boolean(root, "plain", prefix).value_or(file.plain);
          },
          [](const ProjectFile& file) { return std::string(file.plain ? "`true`" : "`false`"); }}};
}

// A variant's reserved keys; the rest of its table are template values.
const std::vector<schema::Key<Variant>>& variant_keys() {
  static const std::vector<schema::Key<Variant>> keys{
      schema::Key<Variant>{"layouts", "array of strings", "the layouts this variant is built with",
                           [](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                              Variant& variant) {
                             if (auto layouts = reader.string_array(table, "layouts", prefix))
                               variant.layouts = layout_paths(*layouts);
                           }}
          .defaults("the project's"),
      schema::number("text_scale", &Variant::text_scale, 0.5, 3, "", "multiplies every text size (large print)"),
      schema::Key<Variant>{"large_print", "`true` or `false`",
                           "the large-print lints apply (see [Layout lints](#layout-lints))",
                           [](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                              Variant& variant) {
                             variant.large_print =
                                 reader.boolean(table, "large_print", prefix).value_or(variant.text_scale > 1.0);
                           }}
          .defaults("`true` when `text_scale` is above 1")};
  return keys;
}

const schema::Schema<ProjectFile>& project_schema() {
  static const schema::Schema<ProjectFile> declared = [] {
    schema::Schema<ProjectFile> file;
    file.keys = project_keys();
    file.tables.push_back(schema::free_table<ProjectFile>(
        "values", "tables of values for layout templates, by dotted name: `[values.clinic] phone` is `{clinic.phone}`"));
    schema::Table<ProjectFile> variants = schema::free_table<ProjectFile>(
        "variants",
        "one more build of every article, named `ARTICLE.LAYOUT.NAME.pdf`; its tables add to and override `[values]`, "
        "and these are its only reserved keys");
    variants.shown_name = "variants.NAME";
    variants.rows = [](ProjectFile&) { return schema::rows_of(variant_keys(), Variant{}); };
    file.tables.push_back(std::move(variants));
    return file;
  }();
  return declared;
}

}  // namespace

std::string glossary_path_for(const Project& project, const std::string& article) {
  if (!project.glossary.empty()) return project.glossary;
  fs::path beside = fs::path(article).parent_path() / "glossary.toml";
  std::error_code absent;
  return fs::is_regular_file(beside, absent) ? beside.string() : std::string();
}

Project load_project(const std::string& path, GivenLists given) {
  Project project;
  project.variants.push_back(Variant{});
  project.allowed_folders = system_allowed_folders();
  project.allowed_folders.push_back(".");
  std::error_code absent;
  if (path.empty() || !fs::exists(path, absent)) {
    if (!given.content) {
      project.content = files_in("content", ".md");
      project.content_folders = {"content"};
    }
    if (!given.layouts) project.layouts = files_in("layouts", ".toml");
    return project;
  }
  return parse_project(read_file(path), path);
}

Project parse_project(std::string_view text, const std::string& path) {
  Project project;
  project.variants.push_back(Variant{});
  project.path = path;
  TomlReader reader(path);
  project.allowed_folders = system_allowed_folders();
  project.allowed_folders.push_back(".");
  toml::table root = reader.parse(text);
  project.allowed_folders.push_back(fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string());
  ProjectFile file{std::move(project)};
  project_schema().read(reader, root, file);
  project = std::move(file.project);
  // [values] reach every output; a variant's own values take their place where both give one.
  TemplateValues base_values;
  ValuePlaces base_places;
  if (const toml::table* values = reader.table(root, "values", ""))
    collect_values(reader, *values, "", base_values, base_places);
  project.variants.front().values = base_values;
  project.variants.front().value_places = base_places;
  if (const toml::table* variants = reader.table(root, "variants", "")) {
    // Each article is built plainly (no variant in its names) unless `plain = false`.
    if (!file.plain) project.variants.clear();
    for (const auto& [name, node] : *variants) {
      const toml::table* table = node.as_table();
      if (!table) reader.fail(node, fmt::format("'variants.{}' must be a table", name.str()));
      Variant variant;
      variant.name = std::string(name.str());
      variant.place = reader.place_of(node);
      const std::string prefix = "variants." + variant.name;
      if (variant.name.find_first_of("./ ") != std::string::npos)
        reader.fail(node, fmt::format("variant name '{}' must not hold '.', '/' or spaces: it names files",
                                      variant.name));
      std::vector<std::string_view> reserved;
      for (const auto& key : variant_keys()) {
        key.read(reader, *table, prefix, variant);
        reserved.push_back(key.name);
      }
      variant.scale_place = reader.place_of(table->get("text_scale") ? *table->get("text_scale") : node);
      // The table itself, not a copy: a copy loses the places of its values.
      collect_values(reader, *table, "", variant.values, variant.value_places, reserved);
      variant.values.merge(TemplateValues(base_values));  // merge keeps the variant's own values
      variant.value_places.merge(ValuePlaces(base_places));
      project.variants.push_back(std::move(variant));
    }
    if (project.variants.empty()) throw HandoutError(reader.place_of(*variants), "no variants and plain = false: nothing to build");
  }
  return project;
}

std::string project_schema_markdown() { return schema::markdown(project_schema(), ProjectFile{}); }

}  // namespace handout
