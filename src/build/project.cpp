#include "build/project.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "util/text.h"
#include "util/toml_reader.h"

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
                    TemplateValues& values) {
  for (const auto& [key, node] : table) {
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table* nested = node.as_table()) {
      collect_values(reader, *nested, name, values);
    } else if (node.is_string()) {
      values[name] = node.as_string()->get();
    } else if (node.is_integer() || node.is_floating_point()) {
      values[name] = fmt::format("{}", node.value<double>().value_or(0));
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
      reader.fail(*root.get("content"), fmt::format("'content' names '{}', which is neither a file nor a folder", entry));
    }
  }
  if (files.empty())
    throw HandoutError(root.get("content") ? reader.place_of(*root.get("content")) : reader.place_of(root),
                       "the project names no articles (.md files)");
  return files;
}

}  // namespace

Project load_project(const std::string& path) {
  Project project;
  project.variants.push_back(Variant{});
  std::error_code error;
  if (path.empty() || !fs::exists(path, error)) {
    project.content = files_in("content", ".md");
    project.content_folders = {"content"};
    project.layouts = files_in("layouts", ".toml");
    return project;
  }
  return parse_project(read_file(path), path);
}

Project parse_project(std::string_view text, const std::string& path) {
  Project project;
  project.variants.push_back(Variant{});
  project.path = path;
  TomlReader reader(path);
  toml::table root = reader.parse(text);
  reader.reject_unknown_keys(root, {"content", "layouts", "out", "values", "plain", "variants"}, "");
  project.content = expand_content(reader, root, project.content_folders);
  if (auto layouts = reader.string_array(root, "layouts", "")) {
    for (const std::string& layout : *layouts) project.layouts.push_back(layout_path(layout));
  } else {
    project.layouts = files_in("layouts", ".toml");
  }
  project.out_dir = reader.string(root, "out", "").value_or("out");
  // [values] reach every output; a variant's own values take their place where both give one.
  TemplateValues base_values;
  if (const toml::table* values = reader.table(root, "values", "")) collect_values(reader, *values, "", base_values);
  project.variants.front().values = base_values;
  if (const toml::table* variants = reader.table(root, "variants", "")) {
    // Each article is built plainly (no variant in its names) unless `plain = false`.
    if (!reader.boolean(root, "plain", "").value_or(true)) project.variants.clear();
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
      if (auto layouts = reader.string_array(*table, "layouts", prefix)) {
        variant.layouts.emplace();
        for (const std::string& layout : *layouts) variant.layouts->push_back(layout_path(layout));
      }
      variant.text_scale = reader.number(*table, "text_scale", prefix, 0.5, 3).value_or(1.0);
      toml::table values = *table;
      values.erase("layouts");
      values.erase("text_scale");
      collect_values(reader, values, "", variant.values);
      variant.values.merge(TemplateValues(base_values));  // merge keeps the variant's own values
      project.variants.push_back(std::move(variant));
    }
    if (project.variants.empty()) throw HandoutError(reader.place_of(*variants), "no variants and plain = false: nothing to build");
  }
  return project;
}

}  // namespace handout
