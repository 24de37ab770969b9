#pragma once
// Fingerprints of what an output is made from, so an unchanged output is not built again.
#include <glib.h>

#include <memory>
#include <string>
#include <string_view>

namespace handout {

// SHA-256 through GLib (already linked through Pango), fed piece by piece.
class InputHash {
 public:
  InputHash();
  // Each piece is framed by its length, so ("ab", "c") and ("a", "bc") hash differently.
  InputHash& add(std::string_view piece);
  // The file's bytes, or a marker that it is missing (a missing input is an input too).
  InputHash& add_file(const std::string& path);
  std::string hex() const;

 private:
  struct Free {
    void operator()(GChecksum* checksum) const { g_checksum_free(checksum); }
  };
  std::unique_ptr<GChecksum, Free> checksum_;
};

// The fonts folder's fingerprint: each font file's path, size and modification time. Reading
// every font's bytes would cost more than the rest of a no-change rebuild.
std::string fonts_fingerprint(const std::string& folder);

}  // namespace handout
