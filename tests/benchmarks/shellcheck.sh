# The benchmark script and its test are POSIX sh and shellcheck-clean.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd shellcheck shellcheck

dir=$CMAKE_RELEASE_SOURCE_DIR/tests/benchmarks
shellcheck "$dir/run" || fail "tests/benchmarks/run"
# SC1091: lib.sh is found through a variable.
shellcheck -s sh -e SC1091 "$dir"/*.sh || fail "tests/benchmarks/*.sh"
echo "ok: shellcheck"
