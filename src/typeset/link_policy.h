#pragma once
// Which links of an article a handout carries. A link of a scheme the layout does not allow
// (javascript:, file:, anything beyond http, https, mailto and tel by default) is an error at
// the place the article writes it. A relative target ("page.html", "#part") or an empty one
// means nothing in a PDF sent on its own: its text is set as plain text, with a warning.
#include <string>
#include <vector>

#include "content/document.h"

namespace handout {

// Throws HandoutError at the first link whose scheme `schemes` does not allow, anywhere in
// `blocks` (also in parts a layout leaves out: the article itself is wrong).
void check_link_schemes(const std::vector<Block>& blocks, const std::vector<std::string>& schemes);

// Makes every relative or empty link of `blocks` plain text, warning once for each.
void unlink_relative_links(std::vector<Block>& blocks, const std::vector<std::string>& schemes, Warnings& warnings);

}  // namespace handout
