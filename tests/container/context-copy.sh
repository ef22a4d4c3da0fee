# container.context-copy: the copy of cmake-release that add_container_image
# puts into the build tree for the builder stage serves a project that uses
# an installed cmake-release (find_package(CMakeRelease)): the Dockerfile's
# configure step names the copy, and the project configures and assembles
# its release from a copy of the context with only that copy of
# cmake-release (the installed package moved away), as the builder stage
# would. (container.fetchcontent.* builds such an image on the engines, for
# FetchContent.) No engine needed.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: this source tree installed, found with find_package and copied into the context"

self=$TEST_WORK_DIR/self
prefix=$TEST_WORK_DIR/prefix
proj=$TEST_WORK_DIR/project
sim=$TEST_WORK_DIR/builder-src
rm -rf "$self" "$prefix" "$prefix.away" "$proj" "$sim"
if ! { "$CMAKE_COMMAND" -S "$CMAKE_RELEASE_SOURCE_DIR" -B "$self" -DBUILD_TESTING=OFF \
    && "$CMAKE_COMMAND" --install "$self" --prefix "$prefix"; } >"$self.log" 2>&1; then
  cat "$self.log" >&2
  fail "installing cmake-release failed"
fi

mkdir -p "$proj"
cp "$CMAKE_RELEASE_SOURCE_DIR/tests/container/fetchcontent/main.cpp" "$proj/"
cat >"$proj/CMakeLists.txt" <<'CML'
cmake_minimum_required(VERSION 3.25)
project(pk VERSION 1.0 LANGUAGES CXX)
find_package(CMakeRelease 0.1 REQUIRED)
include(Release)
include(ContainerImage)
add_executable(pk main.cpp)
add_release(pk TARGETS pk)
add_container_image(pk RELEASE pk)
CML
configure_and_build "$proj" "$proj/build" help "-DCMAKE_PREFIX_PATH=$prefix"
df=$proj/build/pk.Dockerfile
grep -qF '"-DCMAKE_MODULE_PATH=/src/build/_cmake-release/cmake"' "$df" \
  || fail "the configure step does not put the copy on CMAKE_MODULE_PATH: $(grep '^RUN \["cmake"' "$df")"
grep -qF '"-DCMakeRelease_DIR=/src/build/_cmake-release"' "$df" \
  || fail "the configure step does not point CMakeRelease_DIR at the copy: $(grep '^RUN \["cmake"' "$df")"
if grep -qF "$prefix" "$df"; then fail "the Dockerfile names the install prefix $prefix"; fi

# The builder's view: the context without the build tree but its copy.
mkdir -p "$sim/build"
cp "$proj/CMakeLists.txt" "$proj/main.cpp" "$sim/"
cp -R "$proj/build/_cmake-release" "$sim/build/"
mv "$prefix" "$prefix.away"
trap 'mv "$prefix.away" "$prefix"' EXIT
configure_and_build "$sim" "$sim/out" release-pk \
  "-DCMAKE_MODULE_PATH=$sim/build/_cmake-release/cmake" "-DCMakeRelease_DIR=$sim/build/_cmake-release"
out=$("$sim/out/release/pk/bin/pk" start) || fail "the release built from the copy does not start"
[ "$out" = "fcimage ran" ] || fail "the release printed '$out'"
grep -rqF "$prefix" "$sim/out/build.ninja" && fail "the builder's build used the installed package"
echo PASS
