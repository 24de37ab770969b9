#pragma once
// Checking a font file before a build relies on it. Fontconfig quietly skips a file it cannot
// read (a regular face then falls back to the bold one), and FreeType loads a cut-short file
// whose glyphs then draw as nothing: either way text would be substituted or invisible with no
// word said. So each file is opened with FreeType and its tables checked here first.
#include <fontconfig/fontconfig.h>

#include <string>

namespace handout {

// Throws HandoutError naming `file` when FreeType cannot open it, a table's checksum does not
// match its bytes, it has no Unicode character map, a character fontconfig's `claimed` set
// says it has (may be null) is not in that map, it has Latin letters but not all of A-Z, a-z
// and 0-9, or a printable ASCII character it maps has a glyph that cannot be loaded.
void check_font_file(const std::string& file, const FcCharSet* claimed);

}  // namespace handout
