# Helpers of the staging tests (sourced after ../lib.sh and
# ../loader/loader-lib.sh).

# digest <dir>: one line per regular file under <dir>: path and sha256.
digest() {
  (cd "$1" && find . -type f ! -path './tmp/*' -exec sha256sum {} + | LC_ALL=C sort -k 2)
}

# build_release <build dir> <log>: --target release; its status.
build_release() {
  "$CMAKE_COMMAND" --build "$1" --target release >"$2" 2>&1
}
