# Test 7b: a project adds a checkout of cmake-release with add_subdirectory(),
# which appends its cmake/ folder to the caller's CMAKE_MODULE_PATH; the
# checkout's own tests are not added to the consumer, and `cmake --install`
# of the consumer does not install cmake-release.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: this source tree consumed with add_subdirectory"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-subdirectory" "$bld" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_SOURCE_DIR"
check_consumer "$bld" subdirectory 2.0.2 "$CMAKE_RELEASE_SOURCE_DIR/cmake"
[ -d "$bld/cmake-release" ] || fail "the checkout was not added as a subdirectory"
# cmake-release is not the top-level project: its test suite stays out.
[ ! -e "$bld/cmake-release/tests" ] || fail "the consumer got cmake-release's tests"
check_consumer_install "$bld" subdirectory
