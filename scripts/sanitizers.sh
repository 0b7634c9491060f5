#!/usr/bin/env bash
# Builds the package and runs the whole test suite under AddressSanitizer and ThreadSanitizer,
# each in a build folder of its own (.build-address, .build-thread), so the plain .build is
# left alone. Run before each release, and after changes to the engine's threads or to
# anything that handles memory by pointer.
#
#   scripts/sanitizers.sh            # both, address first
#   scripts/sanitizers.sh thread     # one of them
#
# The end-to-end tests run the sanitized `runner` too: a report there makes it exit non-zero,
# and the test that ran it fails. On two cores each build takes several minutes, and the tests
# run several times slower than without a sanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
here="$(pwd)"

# Reports stop the process that found them, so nothing goes by unnoticed in a long log.
# LeakSanitizer runs with AddressSanitizer; lsan.supp lists the leaks of system libraries.
export ASAN_OPTIONS="halt_on_error=1"
export LSAN_OPTIONS="suppressions=$here/scripts/lsan.supp:print_suppressions=0"
# ThreadSanitizer needs no suppressions: the suite ran clean without any.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

for s in ${*:-address thread}; do
    echo "== $s sanitizer: build"
    swift build --build-tests --sanitize="$s" --scratch-path ".build-$s"
    echo "== $s sanitizer: tests"
    swift test --skip-build --sanitize="$s" --scratch-path ".build-$s"
done
