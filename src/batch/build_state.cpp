#include "batch/build_state.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

#include "util/atomic_file.h"
#include "util/diagnostic.h"

namespace handout {

namespace {
constexpr int64_t state_version = 2;
}

std::string BuildState::path_in(const std::string& out_dir) {
  return (std::filesystem::path(out_dir) / ".handout-state.toml").string();
}

BuildState BuildState::load(const std::string& path) {
  BuildState state;
  try {
    toml::table root = toml::parse_file(path);
    if (root["version"].value<int64_t>() != state_version) return state;
    const toml::table* outputs = root["outputs"].as_table();
    if (!outputs) return state;
    for (const auto& [key, node] : *outputs) {
      const toml::table* entry = node.as_table();
      if (!entry) continue;
      BuiltOutput output;
      output.inputs_hash = (*entry)["hash"].value_or(std::string());
      bool complete = !output.inputs_hash.empty();
      if (const toml::array* files = (*entry)["files"].as_array())
        for (const toml::node& file : *files) {
          const toml::table* fields = file.as_table();
          std::optional<std::string> file_path = fields ? (*fields)["path"].value<std::string>() : std::nullopt;
          std::optional<int64_t> size = fields ? (*fields)["size"].value<int64_t>() : std::nullopt;
          std::optional<int64_t> modified = fields ? (*fields)["modified_ns"].value<int64_t>() : std::nullopt;
          if (!file_path || !size || !modified || *size < 0) {
            complete = false;
            break;
          }
          output.files.push_back({*file_path, FileStamp{static_cast<std::uintmax_t>(*size), *modified}});
        }
      if (!complete || output.files.empty()) continue;
      state.outputs_[std::string(key.str())] = std::move(output);
    }
  } catch (const std::exception&) {
    return BuildState{};  // missing or corrupted: build everything
  }
  return state;
}

bool BuildState::up_to_date(const std::string& key, const std::string& inputs_hash) const {
  auto found = outputs_.find(key);
  if (found == outputs_.end() || found->second.inputs_hash != inputs_hash) return false;
  for (const BuiltFile& file : found->second.files)
    if (file_stamp(file.path) != file.stamp) return false;  // gone, replaced or rewritten since
  return true;
}

void BuildState::record(const std::string& key, const std::string& inputs_hash, const std::vector<std::string>& files) {
  BuiltOutput output{inputs_hash, {}};
  for (const std::string& file : files) {
    std::optional<FileStamp> stamp = file_stamp(file);
    if (!stamp) {
      outputs_.erase(key);
      return;
    }
    output.files.push_back({file, *stamp});
  }
  outputs_[key] = std::move(output);
}

void BuildState::forget(const std::string& key) { outputs_.erase(key); }

namespace {
std::int64_t newest(const BuiltOutput& output) {
  std::int64_t time = 0;
  for (const BuiltFile& file : output.files) time = std::max(time, file.stamp.modified_ns);
  return time;
}
}  // namespace

void BuildState::merge_newer(const BuildState& other) {
  for (const auto& [key, output] : other.outputs_) {
    auto [found, added] = outputs_.try_emplace(key, output);
    if (!added && newest(output) > newest(found->second)) found->second = output;
  }
}

void BuildState::save(const std::string& path) const {
  toml::table outputs;
  for (const auto& [key, output] : outputs_) {
    toml::array files;
    for (const BuiltFile& file : output.files)
      files.push_back(toml::table{{"path", file.path},
                                  {"size", static_cast<int64_t>(file.stamp.size)},
                                  {"modified_ns", file.stamp.modified_ns}});
    outputs.insert(key, toml::table{{"hash", output.inputs_hash}, {"files", std::move(files)}});
  }
  toml::table root{{"version", state_version}, {"outputs", std::move(outputs)}};
  std::ostringstream text;
  text << "# Written by handout: what each output was last built from. Safe to delete.\n" << root << '\n';
  write_file_atomically(path, text.str());
}

}  // namespace handout
