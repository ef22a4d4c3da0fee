# Helpers for the fault-injection tests (sourced after ../lib.sh).

. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"

APP_SRC="$CMAKE_RELEASE_SOURCE_DIR/tests/faults/app"

# app_build <build-dir> [cmake args...]: configures the app project (Ninja,
# Release unless an argument says otherwise) and builds its release.
app_build() {
  _b=$1
  shift
  rm -rf "$_b"
  configure_and_build "$APP_SRC" "$_b" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" "$@"
}

# app_work <build-dir>: the release's work directory in <build-dir>.
app_work() {
  printf '%s\n' "$1/_release/app"
}

# release_content <dir>: what a release holds, entry by entry (path, type,
# mode, checksum of regular files), tmp/ left out.
release_content() {
  (cd "$1" && find . -path ./tmp -prune -o \( -type f -printf '%p f %m ' -exec sh -c 'sha256sum <"$1" | cut -d" " -f1' sh {} \; \) \
    -o \( ! -type f -printf '%p %y %m\n' \) | LC_ALL=C sort)
}

# release_runs <release-dir> <log>: the release's program starts and greets.
release_runs() {
  APP_SECONDS=0 "$1/bin/app" start >"$2" 2>&1 || { cat "$2" >&2; return 1; }
  grep -q '^hello, world from ' "$2" || { cat "$2" >&2; return 1; }
}

# build_fails <build-dir> <log> <what>: a build of the release that must fail.
build_fails() {
  if "$CMAKE_COMMAND" --build "$1" --target release >"$2" 2>&1; then
    cat "$2" >&2
    fail "$3 did not fail the build"
  fi
}

# build_ok <build-dir> <log> <what>: a build of the release that must pass.
build_ok() {
  "$CMAKE_COMMAND" --build "$1" --target release >"$2" 2>&1 || { cat "$2" >&2; fail "$3: the build failed"; }
}
