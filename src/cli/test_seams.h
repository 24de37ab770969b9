#pragma once
// Switches that only a test build of handout honours. A test build is one configured with
// BUILD_TESTING=ON (scripts/test.sh); scripts/build.sh builds without them.

namespace handout {

// The name of the environment variable that asks for fixed "random" bytes in encryption (the
// salts, initialisation vectors, /ID and owner password), so tests can compare encrypted files
// byte for byte. Such encryption is no secret at all: one known key opens every file.
inline constexpr const char* fixed_randomness_variable = "HANDOUT_TEST_FIXED_RANDOMNESS";

// True when the variable is set (non-empty) in a test build. A build without the test switches
// refuses it with a UsageError rather than ignoring it, so nobody believes they have it.
bool fixed_randomness_requested();

}  // namespace handout
