#include "image/icc_profile.h"

#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <iterator>

namespace handout {

namespace {

constexpr std::size_t header_size = 128;
constexpr std::size_t largest_profile = 4 << 20;  // sRGB profiles are a few kB; 4 MB is ample

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

std::string printable(const std::string& signature) {
  std::string out;
  for (char c : signature) out += (c >= ' ' && c < 0x7f) ? c : '?';
  return out;
}

}  // namespace

void check_icc_profile(const std::string& path, const SourcePlace& place) {
  auto fail = [&](const std::string& why) {
    throw HandoutError(place, fmt::format("ICC profile '{}' {}; the archive profiles need an RGB ICC profile for their "
                                          "output intent (Debian's icc-profiles-free installs sRGB.icc)",
                                          path, why));
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot be read");
  std::string bytes;
  bytes.resize(largest_profile + 1);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > largest_profile) fail(fmt::format("is larger than {} MB", largest_profile >> 20));
  if (bytes.size() < header_size + 4) fail("is too short to be an ICC profile");
  if (bytes.compare(36, 4, "acsp") != 0) fail("is not an ICC profile (no 'acsp' signature)");
  if (big_endian(bytes, 0) != bytes.size())
    fail(fmt::format("says it is {} bytes long but has {}", big_endian(bytes, 0), bytes.size()));
  std::uint32_t tags = big_endian(bytes, header_size);
  if (tags == 0 || header_size + 4 + std::uint64_t{tags} * 12 > bytes.size()) fail("has a damaged tag table");
  const std::string space = bytes.substr(16, 4);
  if (space != "RGB ") fail(fmt::format("is for '{}' colour, not RGB", printable(space)));
  const std::string device = bytes.substr(12, 4);
  if (device != "mntr" && device != "prtr")
    fail(fmt::format("is of device class '{}', not a monitor or output profile", printable(device)));
  // PDF/A-2 allows ICC versions up to 4 (ISO 19005-2 6.2.3); version 5 is iccMAX, which PDF 1.7
  // readers do not know.
  const unsigned version = static_cast<unsigned char>(bytes[8]);
  if (version >= 5) fail(fmt::format("is of ICC version {}, and PDF/A allows versions up to 4", version));
}

}  // namespace handout
