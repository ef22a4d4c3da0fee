# Test 7a: a project uses cmake-release by path (CMAKE_MODULE_PATH).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: this source tree consumed by path"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-path" "$bld" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_SOURCE_DIR"
check_consumer "$bld" path 2.0.1 "$CMAKE_RELEASE_SOURCE_DIR/cmake"
