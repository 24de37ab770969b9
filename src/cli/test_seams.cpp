#include "cli/test_seams.h"

#include <cstdlib>
#include <string>

#include "cli/arguments.h"

namespace handout {

bool fixed_randomness_requested() {
  const char* value = std::getenv(fixed_randomness_variable);
  if (!value || !*value) return false;
#ifdef HANDOUT_TEST_SWITCHES
  return true;
#else
  throw UsageError{std::string(fixed_randomness_variable) +
                   " is honoured only by a test build of handout (BUILD_TESTING=ON); unset it"};
#endif
}

}  // namespace handout
