#include "batch/input_hash.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "util/text.h"

namespace handout {

InputHash::InputHash() : checksum_(g_checksum_new(G_CHECKSUM_SHA256)) {}

InputHash& InputHash::add(std::string_view piece) {
  std::string length = fmt::format("{}:", piece.size());
  g_checksum_update(checksum_.get(), reinterpret_cast<const guchar*>(length.data()), static_cast<gssize>(length.size()));
  g_checksum_update(checksum_.get(), reinterpret_cast<const guchar*>(piece.data()), static_cast<gssize>(piece.size()));
  return *this;
}

InputHash& InputHash::add_file(const std::string& path) {
  add(path);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return add("<missing>");
  try {
    return add(read_file(path));
  } catch (const std::exception&) {
    return add("<unreadable>");
  }
}

std::string InputHash::hex() const {
  // g_checksum_get_string closes the checksum; read it from a copy so this stays const.
  std::unique_ptr<GChecksum, Free> copy(g_checksum_copy(checksum_.get()));
  return g_checksum_get_string(copy.get());
}

std::string fonts_fingerprint(const std::string& folder) {
  namespace fs = std::filesystem;
  std::vector<std::string> lines;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    auto time = fs::last_write_time(it->path(), error).time_since_epoch().count();
    lines.push_back(fmt::format("{} {} {}", it->path().string(), it->file_size(error), time));
  }
  std::sort(lines.begin(), lines.end());
  InputHash hash;
  for (const std::string& line : lines) hash.add(line);
  return hash.hex();
}

}  // namespace handout
