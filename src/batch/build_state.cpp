#include "batch/build_state.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <tuple>

#include "util/atomic_file.h"
#include "util/diagnostic.h"

namespace handout {

namespace fs = std::filesystem;

namespace {

// Entries are arrays rather than tables: a no-change rebuild reads the whole state, and TOML
// tables cost twice the bytes (and the parsing time) of arrays.
constexpr int64_t state_version = 3;
constexpr const char* header =
    "# Written by handout: what each output was last built from. Safe to delete.\n"
    "# outputs: fingerprint of the inputs, then each file written: name (beside the output) or path,\n"
    "#   size, modification time (ns); the name is left out when the output is that one file.\n"
    "# sources: each input file read: size, modification time, change time (ns), inode, device,\n"
    "#   whether that stamp vouches for the bytes, their fingerprint; for an article also its images,\n"
    "#   its warnings and the fingerprint of the layouts those warnings were made with.\n";

std::optional<std::vector<std::string>> strings_of(const toml::node* node) {
  const toml::array* array = node ? node->as_array() : nullptr;
  if (!array) return std::nullopt;
  std::vector<std::string> strings;
  for (const toml::node& item : *array) {
    std::optional<std::string> text = item.value<std::string>();
    if (!text) return std::nullopt;
    strings.push_back(*text);
  }
  return strings;
}

toml::array array_of(const std::vector<std::string>& strings) {
  toml::array array;
  for (const std::string& text : strings) array.push_back(text);
  return array;
}

std::optional<int64_t> integer_at(const toml::array& array, std::size_t index) {
  return index < array.size() ? array[index].value<int64_t>() : std::nullopt;
}

std::optional<BuiltOutput> built_output(const std::string& key, const toml::array& entry) {
  BuiltOutput output;
  output.inputs_hash = entry.empty() ? std::string() : entry[0].value_or(std::string());
  if (output.inputs_hash.empty()) return std::nullopt;
  if (entry.size() == 3) {  // the output's one file
    std::optional<int64_t> size = integer_at(entry, 1);
    std::optional<int64_t> modified = integer_at(entry, 2);
    if (!size || !modified || *size < 0) return std::nullopt;
    output.files.push_back({key, FileStamp{static_cast<std::uintmax_t>(*size), *modified}});
    return output;
  }
  if (entry.size() < 4 || (entry.size() - 1) % 3 != 0) return std::nullopt;
  for (std::size_t i = 1; i < entry.size(); i += 3) {
    std::optional<std::string> name = entry[i].value<std::string>();
    std::optional<int64_t> size = integer_at(entry, i + 1);
    std::optional<int64_t> modified = integer_at(entry, i + 2);
    if (!name || name->empty() || !size || !modified || *size < 0) return std::nullopt;
    fs::path file = *name;
    if (file.is_relative()) file = fs::path(key).parent_path() / file;
    output.files.push_back({file.string(), FileStamp{static_cast<std::uintmax_t>(*size), *modified}});
  }
  return output;
}

toml::array output_array(const std::string& key, const BuiltOutput& output) {
  toml::array entry{output.inputs_hash};
  if (output.files.size() == 1 && output.files[0].path == key) {
    entry.push_back(static_cast<int64_t>(output.files[0].stamp.size));
    entry.push_back(output.files[0].stamp.modified_ns);
    return entry;
  }
  const fs::path folder = fs::path(key).parent_path();
  for (const BuiltFile& file : output.files) {
    const fs::path path(file.path);
    entry.push_back(path.parent_path() == folder ? path.filename().string() : path.string());
    entry.push_back(static_cast<int64_t>(file.stamp.size));
    entry.push_back(file.stamp.modified_ns);
  }
  return entry;
}

// Inodes and devices are unsigned 64-bit numbers; TOML's integers are signed: kept bit for bit.
std::optional<KnownSource> known_source(const toml::array& entry) {
  if (entry.size() != 7 && entry.size() != 10) return std::nullopt;
  std::optional<int64_t> numbers[5];
  for (std::size_t i = 0; i < 5; ++i) numbers[i] = integer_at(entry, i);
  std::optional<bool> settled = entry[5].value<bool>();
  std::optional<std::string> digest = entry[6].value<std::string>();
  for (const std::optional<int64_t>& number : numbers)
    if (!number) return std::nullopt;
  if (!settled || !digest || digest->empty() || *numbers[0] < 0) return std::nullopt;
  KnownSource source;
  source.stamp = {static_cast<std::uint64_t>(*numbers[0]), *numbers[1], *numbers[2],
                  static_cast<std::uint64_t>(*numbers[3]), static_cast<std::uint64_t>(*numbers[4])};
  source.settled = *settled;
  source.digest = *digest;
  if (entry.size() == 10) {
    std::optional<std::vector<std::string>> images = strings_of(entry.get(7));
    std::optional<std::vector<std::string>> warnings = strings_of(entry.get(8));
    std::optional<std::string> context = entry[9].value<std::string>();
    if (!images || !warnings || !context) return std::nullopt;
    source.article = true;
    source.images = std::move(*images);
    source.warnings = std::move(*warnings);
    source.context = std::move(*context);
  }
  return source;
}

toml::array source_array(const KnownSource& source) {
  toml::array entry{static_cast<int64_t>(source.stamp.size), source.stamp.modified_ns, source.stamp.changed_ns,
                    static_cast<int64_t>(source.stamp.inode),  static_cast<int64_t>(source.stamp.device),
                    source.settled,                            source.digest};
  if (source.article) {
    entry.push_back(array_of(source.images));
    entry.push_back(array_of(source.warnings));
    entry.push_back(source.context);
  }
  return entry;
}

}  // namespace

std::string BuildState::path_in(const std::string& out_dir) {
  return (fs::path(out_dir) / ".handout-state.toml").string();
}

BuildState BuildState::load(const std::string& path) {
  BuildState state;
  try {
    toml::table root = toml::parse_file(path);
    if (root["version"].value<int64_t>() != state_version) return state;
    if (const toml::table* outputs = root["outputs"].as_table())
      for (const auto& [key, node] : *outputs)
        if (const toml::array* entry = node.as_array())
          if (std::optional<BuiltOutput> output = built_output(std::string(key.str()), *entry))
            state.outputs_[std::string(key.str())] = std::move(*output);
    if (const toml::table* sources = root["sources"].as_table())
      for (const auto& [key, node] : *sources)
        if (const toml::array* entry = node.as_array())
          if (std::optional<KnownSource> source = known_source(*entry)) state.sources_[std::string(key.str())] = *source;
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

// Whether `other` was taken after `known`: a later change time (which no program can set
// back), or the same stamp that, unlike `known`'s, vouches for the bytes.
bool later(const KnownSource& other, const KnownSource& known) {
  const auto when = [](const KnownSource& source) {
    return std::tuple(source.stamp.changed_ns, source.stamp.modified_ns);
  };
  if (when(other) != when(known)) return when(other) > when(known);
  return other.stamp == known.stamp && other.settled && !known.settled;
}

}  // namespace

void BuildState::merge_newer(const BuildState& other) {
  for (const auto& [key, output] : other.outputs_) {
    auto [found, added] = outputs_.try_emplace(key, output);
    if (!added && newest(output) > newest(found->second)) found->second = output;
  }
  for (const auto& [path, source] : other.sources_) {
    auto [found, added] = sources_.try_emplace(path, source);
    if (!added && later(source, found->second)) found->second = source;
  }
}

void BuildState::save(const std::string& path) const {
  toml::table outputs;
  for (const auto& [key, output] : outputs_) outputs.insert(key, output_array(key, output));
  toml::table sources;
  for (const auto& [file, source] : sources_) sources.insert(file, source_array(source));
  toml::table root{{"version", state_version}, {"outputs", std::move(outputs)}, {"sources", std::move(sources)}};
  std::ostringstream text;
  // No indentation: the state is read far more often than by people.
  text << header
       << toml::toml_formatter{root, (toml::toml_formatter::default_flags & ~toml::format_flags::indentation) |
                                         toml::format_flags::terse_key_value_pairs}
       << '\n';
  write_file_atomically(path, text.str());
}

std::optional<KnownSource> BuildState::recall(const std::string& path) const {
  auto found = sources_.find(path);
  if (found == sources_.end()) return std::nullopt;
  return found->second;
}

void BuildState::remember(const std::string& path, const KnownSource& source) { sources_[path] = source; }

bool BuildState::knows(const std::string& path, const KnownSource& source) const {
  auto found = sources_.find(path);
  return found != sources_.end() && found->second == source;
}

}  // namespace handout
