# Sourced by scripts/test.sh --sanitize and scripts/fuzz.sh: how AddressSanitizer, LeakSanitizer
# and UndefinedBehaviorSanitizer report. Any report ends the program with status 86, which no
# handout command uses, so a test that expects exit 1 (an article error) cannot mistake a
# sanitizer report for it. Leaks inside the libraries are suppressed in tests/sanitizers/lsan.supp.
sanitizer_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ASAN_OPTIONS="exitcode=86:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0"
export LSAN_OPTIONS="exitcode=86:suppressions=$sanitizer_root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="exitcode=86:halt_on_error=1:print_stacktrace=1"
unset sanitizer_root
