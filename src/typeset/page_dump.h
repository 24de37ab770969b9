#pragma once
// A page description as text: one line per item, numbers with two decimals, fonts by their
// name in the fonts folder. Stable across machines and runs, so tests compare a typeset fixture
// with a checked-in dump and a layout change shows up as a readable diff.
#include <string>

#include "typeset/pages.h"

namespace handout {

std::string dump_pages(const Pages& pages);

}  // namespace handout
