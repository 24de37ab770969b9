#pragma once
// What the Cairo painter's top-level tags (artifact_tags.h) stand for, written with qpdf's
// library: each artifact's marked content becomes /Artifact marked content of its type and its
// element leaves the tree, each continuation is joined to the element it continues, and the
// parent tree is made again from the joined tree.
#include <string>
#include <vector>

#include "paint/artifact_tags.h"

class QPDF;

namespace handout {

// Throws HandoutError naming `shown` when the tree's top does not match `tags`.
void mark_artifacts(QPDF& pdf, const std::vector<TopLevelTag>& tags, const std::string& shown);

}  // namespace handout
