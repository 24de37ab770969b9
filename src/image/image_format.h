#pragma once
// What kind of image a file holds, told by its first bytes (its "magic"), not by its name.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

enum class ImageFormat { png, jpeg };

// The most pixels an image may have: far beyond any figure, and a guard against a header that
// promises gigabytes.
constexpr long long most_image_pixels = 100'000'000;

// How many leading bytes image_format_of needs to decide.
constexpr std::size_t image_magic_size = 12;

// PNG or JPEG by the file's first bytes; nothing for anything else.
std::optional<ImageFormat> image_format_of(std::string_view first_bytes);

// For an error message: what the file seems to be instead ("a GIF image", "a PDF document"),
// or "not a PNG or JPEG image" when it is not a format we know of.
std::string describe_other_format(std::string_view first_bytes);

}  // namespace handout
