#include "batch/shard.h"

#include <glib.h>

#include <charconv>
#include <filesystem>
#include <memory>

namespace handout {

namespace {

constexpr int max_shards = 1000000;

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string Shard::text() const { return std::to_string(index) + "/" + std::to_string(count); }

std::string Shard::file_tag() const { return std::to_string(index) + "-of-" + std::to_string(count); }

int Shard::shard_of(std::string_view group_name, int count) {
  // The first 8 bytes of the name's SHA-256, as a big-endian number: the same on every
  // machine, unlike std::hash; a 64-bit number's remainder is as even as the hash.
  std::unique_ptr<GChecksum, decltype(&g_checksum_free)> checksum(g_checksum_new(G_CHECKSUM_SHA256),
                                                                   &g_checksum_free);
  g_checksum_update(checksum.get(), reinterpret_cast<const guchar*>(group_name.data()),
                    static_cast<gssize>(group_name.size()));
  guint8 digest[32];
  gsize length = sizeof digest;
  g_checksum_get_digest(checksum.get(), digest, &length);
  std::uint64_t number = 0;
  for (int i = 0; i < 8; ++i) number = (number << 8) | digest[i];
  return static_cast<int>(number % static_cast<std::uint64_t>(count)) + 1;
}

std::optional<Shard> parse_shard(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::optional<int> index = whole_number(text.substr(0, slash));
  std::optional<int> count = whole_number(text.substr(slash + 1));
  if (!index || !count || *index < 1 || *index > *count || *count > max_shards) return std::nullopt;
  return Shard{*index, *count};
}

std::string shard_file_name(const std::string& path, const Shard& shard) {
  std::filesystem::path file(path);
  std::string name = file.stem().string() + "." + shard.file_tag() + file.extension().string();
  return (file.parent_path() / name).string();
}

}  // namespace handout
