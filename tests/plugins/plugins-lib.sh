# Helpers of the plugins.* tests (sourced after ../lib.sh and ../release/release-lib.sh).

# The fixture's build (plugins.build), read by the tests that require it.
PLUGINS_SHARED="$TEST_SHARED_DIR/plugins"
# shellcheck disable=SC2034 # used by the sourcing tests
PLUGINS_BUILD="$PLUGINS_SHARED/build"

# expect_plugins_output <file>: both plugins were loaded and SQLite answered
# in each.
expect_plugins_output() {
  grep -q '^libplugtest-sqlite\.so: sqlite [0-9.]* says 6\*7=42$' "$1" \
    || { cat "$1" >&2; fail "the SQLite plugin did not answer in $1"; }
  grep -qx 'libplugtest-sum.so: sum 1..10=55' "$1" \
    || { cat "$1" >&2; fail "the sum plugin did not answer in $1"; }
  grep -qx 'loaded 2 plugins' "$1" || { cat "$1" >&2; fail "not exactly 2 plugins loaded in $1"; }
}

# dyn_paths <elf-file>: its DT_RPATH and DT_RUNPATH lines, or nothing.
dyn_paths() {
  readelf -d -W "$1" | grep -E '\((RPATH|RUNPATH)\)' || :
}
