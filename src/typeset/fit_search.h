#pragma once
// "Fit on N pages": the largest body size within the layout's bounds at which everything the
// layout selected fits, found by bisection over real typesetting passes.
#include "layout/layout_spec.h"
#include "typeset/typesetter.h"

namespace handout {

struct FitOutcome {
  double body_size = 0;
  int passes = 0;             // typesetting passes the search ran
  Typesetter::Trial fitting;  // the pass at body_size, ready for Typesetter::typeset
};

// Throws HandoutError at the layout's [fit] table, saying by how much the smallest size
// overflows, when nothing in the bounds fits. Never truncates.
FitOutcome find_fitting_size(const Typesetter& typesetter, const FitRule& rule, const std::string& document_path);

}  // namespace handout
