# plugins.shellcheck: the plugins tests are POSIX sh and shellcheck-clean.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd shellcheck shellcheck
# SC1091: the sourced helpers are found through a variable.
shellcheck -s sh -e SC1091 "$CMAKE_RELEASE_SOURCE_DIR"/tests/plugins/*.sh || fail "tests/plugins"
echo "ok: shellcheck"
