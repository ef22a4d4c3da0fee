# Builds tests/greetd/args-fixture (a program printing its arguments,
# released with awkward default ARGS) with the real add_release().
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"

rm -rf "$ARGS_BUILD"
mkdir -p "$ARGS_BUILD"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/args-fixture" "$ARGS_BUILD" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
[ -x "$ARGS_RELEASE/bin/showargs" ] || fail "the fixture release lacks bin/showargs"
echo "ARGS fixture release at $ARGS_RELEASE"
