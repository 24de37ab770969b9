#pragma once
// What the Cairo painter tells the PDF finisher about the top of the structure tree, since
// Cairo 1.16 can write neither artifacts nor tags of its own naming. Cairo puts whatever is drawn
// while a structure tag is open into that tag's marked content (a running head drawn while a
// paragraph continues on the next page would read as part of the paragraph). So the painter
// closes every open tag before an artifact, draws the artifact inside a tag of its own at the top
// of the tree, and reopens the closed tags before the next content: new elements that continue
// the closed ones. The finisher turns each artifact's marked content into /Artifact marked
// content and joins each continuation to the element it continues.
#include <cstddef>
#include <string>
#include <vector>

namespace handout {

// The tag artifacts are drawn in: a standard structure type (Cairo accepts no other) that the
// typesetter never uses.
inline constexpr const char* artifact_tag = "Private";

// One element at the top of the structure tree Cairo writes, in order.
struct TopLevelTag {
  enum class Kind { element, artifact, continuation } kind = Kind::element;
  std::string artifact_type;  // artifact: its /Type in PDF 14.8.2.2 (Pagination, Layout, Background)
  std::size_t depth = 0;      // continuation: how many nested elements it reopens
};

}  // namespace handout
