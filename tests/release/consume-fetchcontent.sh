# Test 7c: a project gets cmake-release with FetchContent, from a tarball of
# this repository (file:// URL with its SHA256); the build then runs the
# steps of the fetched copy, not of this checkout.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: this source tree consumed with FetchContent"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd tar tar
need_cmd sha256sum coreutils

# The parts of the repository a user needs (no tests, no build trees).
tarball="$TEST_WORK_DIR/cmake-release-src.tar.gz"
stage="$TEST_WORK_DIR/tarball"
rm -rf "$stage" "$tarball"
mkdir -p "$stage/cmake-release"
copy_cmake_release_source "$stage/cmake-release" docs README.md
[ -f "$stage/cmake-release/cmake/Release.cmake" ] || fail "the tarball would lack cmake/Release.cmake"
tar -C "$stage" -czf "$tarball" cmake-release
sha=$(sha256sum "$tarball" | cut -d' ' -f1)

bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-fetchcontent" "$bld" release \
  "-DCMAKE_RELEASE_URL=file://$tarball" "-DCMAKE_RELEASE_SHA256=$sha"
fetched="$bld/_deps/cmake_release-src"
[ -f "$fetched/cmake/Release.cmake" ] || fail "FetchContent did not extract the tarball to $fetched"
check_consumer "$bld" fetchcontent 2.0.3 "$fetched/cmake"
if grep -qF -- "$CMAKE_RELEASE_SOURCE_DIR/cmake/" "$bld/build.ninja"; then
  fail "the FetchContent consumer's build uses this checkout's modules"
fi

check_consumer_install "$bld" fetchcontent

# A wrong hash is refused.
bad="$TEST_WORK_DIR/build-bad-hash"
rm -rf "$bad"
if "$CMAKE_COMMAND" -S "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-fetchcontent" -B "$bad" -G Ninja \
     "-DCMAKE_RELEASE_URL=file://$tarball" \
     "-DCMAKE_RELEASE_SHA256=0000000000000000000000000000000000000000000000000000000000000000" \
     >"$bad.log" 2>&1; then
  fail "FetchContent accepted a tarball with the wrong hash"
fi
log_says "$bad.log" "HASH mismatch|hash of|does not match expected value"
