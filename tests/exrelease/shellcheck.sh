# The example's shell code is POSIX sh and shellcheck-clean: the env hook
# template, the quick-start script and these tests.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd shellcheck shellcheck

src=$CMAKE_RELEASE_SOURCE_DIR
# The template's @VAR@ placeholders are plain words to the shell.
shellcheck -s sh "$src/examples/exrelease/rel/env.sh.in" || fail "rel/env.sh.in"
shellcheck "$src/examples/exrelease/run-example" || fail "run-example"
# SC1091: the sourced helpers are found through a variable.
shellcheck -s sh -e SC1091 "$src"/tests/exrelease/*.sh || fail "tests/exrelease"
echo "ok: shellcheck"
