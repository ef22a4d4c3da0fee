# Test 7d: `cmake --install` of this repository to a prefix, then a project
# uses find_package(CMakeRelease <version> REQUIRED) with the prefix on
# CMAKE_PREFIX_PATH; the build runs the installed steps and templates. The
# version file accepts 0.1 and refuses a later minor or major version.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: this source tree installed and found with find_package"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"

self="$TEST_WORK_DIR/cmake-release-build"
prefix="$TEST_WORK_DIR/prefix dir"
rm -rf "$self" "$prefix"
"$CMAKE_COMMAND" -S "$CMAKE_RELEASE_SOURCE_DIR" -B "$self" -G Ninja -DBUILD_TESTING=OFF \
  >"$self.configure.log" 2>&1 || { cat "$self.configure.log"; fail "configuring cmake-release failed"; }
"$CMAKE_COMMAND" --install "$self" --prefix "$prefix" >"$self.install.log" 2>&1 \
  || { cat "$self.install.log"; fail "cmake --install of cmake-release failed"; }
pkgdir="$prefix/share/cmake/CMakeRelease"
for f in CMakeReleaseConfig.cmake CMakeReleaseConfigVersion.cmake cmake/Release.cmake \
         cmake/ReleaseCommon.cmake cmake/steps/resolve.cmake templates/control.sh.in \
         templates/env-empty.sh.in loader/main.cpp loader/closure.cpp loader/elf.cpp loader/sha256.cpp \
         launcher/main.cpp launcher/launcher.hpp; do
  [ -f "$pkgdir/$f" ] || fail "the installed package lacks $f"
done
# The installed package names no path of the build machine.
check_no_path_in "$prefix" "$CMAKE_RELEASE_SOURCE_DIR" "$self"

bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-package" "$bld" release \
  "-DCMAKE_PREFIX_PATH=$prefix"
grep -qF "CMakeRelease_DIR:PATH=$pkgdir" "$bld/CMakeCache.txt" \
  || fail "find_package(CMakeRelease) did not find the installed package in $pkgdir"
check_consumer "$bld" package 2.0.4 "$pkgdir/cmake"
grep -qF -- "$pkgdir/templates" "$bld/_release/consumer/steps/render.cmake" \
  || fail "the build does not use the installed templates"

for v in 0.2 1.0; do
  if "$CMAKE_COMMAND" -S "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-package" -B "$TEST_WORK_DIR/build-$v" \
       -G Ninja "-DCMAKE_PREFIX_PATH=$prefix" "-DCONSUMER_REQUIRE_VERSION=$v" >"$TEST_WORK_DIR/build-$v.log" 2>&1; then
    fail "find_package(CMakeRelease $v) accepted version 0.1.x"
  fi
  log_says "$TEST_WORK_DIR/build-$v.log" "CMakeRelease.*version"
done
