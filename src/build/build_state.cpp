#include "build/build_state.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>

#include "util/atomic_file.h"
#include "util/diagnostic.h"

namespace handout {

namespace {
constexpr int64_t state_version = 1;
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
      if (const toml::array* files = (*entry)["files"].as_array())
        for (const toml::node& file : *files) output.files.push_back(file.value_or(std::string()));
      if (output.inputs_hash.empty() || output.files.empty()) continue;
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
  for (const std::string& file : found->second.files) {
    std::error_code unreadable;  // a name a corrupted state made up: build again
    if (!std::filesystem::is_regular_file(file, unreadable)) return false;
  }
  return true;
}

void BuildState::record(const std::string& key, BuiltOutput output) { outputs_[key] = std::move(output); }

void BuildState::forget(const std::string& key) { outputs_.erase(key); }

void BuildState::save(const std::string& path) const {
  toml::table outputs;
  for (const auto& [key, output] : outputs_) {
    toml::array files;
    for (const std::string& file : output.files) files.push_back(file);
    outputs.insert(key, toml::table{{"hash", output.inputs_hash}, {"files", std::move(files)}});
  }
  toml::table root{{"version", state_version}, {"outputs", std::move(outputs)}};
  AtomicOutput output(path);
  {
    std::ofstream out(output.temporary_path());
    out << "# Written by handout: what each output was last built from. Safe to delete.\n" << root << '\n';
    if (!out) throw HandoutError({path}, "cannot write the build state");
  }
  output.commit();
}

}  // namespace handout
