# container.revision-label: the image's org.opencontainers.image.revision
# label is the commit checked out when CMake configured, with "-dirty" when
# tracked files have changes (untracked files do not count), and no label
# outside a Git checkout. No engine needed: the label is in the Dockerfile.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd git git

# Outside the build tree, which may itself lie in a Git checkout.
proj=$(mktemp -d "${TMPDIR:-/tmp}/revision-label.XXXXXX")
trap 'rm -rf "$proj"' EXIT
cp "$CMAKE_RELEASE_SOURCE_DIR/tests/container/fetchcontent/main.cpp" "$proj/"
cat >"$proj/CMakeLists.txt" <<'CML'
cmake_minimum_required(VERSION 3.25)
project(revlabel VERSION 1.0 LANGUAGES CXX)
list(APPEND CMAKE_MODULE_PATH "${CMAKE_RELEASE_DIR}/cmake")
include(Release)
include(ContainerImage)
add_executable(revlabel main.cpp)
add_release(revlabel TARGETS revlabel)
add_container_image(revlabel RELEASE revlabel)
CML

# label: the revision label of the Dockerfile a fresh configure writes.
label() {
  rm -rf "$proj/build"
  "$CMAKE_COMMAND" -S "$proj" -B "$proj/build" -G Ninja "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" \
    >"$TEST_WORK_DIR/configure.log" 2>&1 || { cat "$TEST_WORK_DIR/configure.log" >&2; fail "configure failed"; }
  sed -n 's/.*org\.opencontainers\.image\.revision="\([^"]*\)".*/\1/p' "$proj/build/revlabel.Dockerfile"
}

[ -z "$(label)" ] || fail "a tree outside Git got a revision label: $(label)"

git -C "$proj" init -q
git -C "$proj" add CMakeLists.txt main.cpp
git -C "$proj" -c user.name=test -c user.email=test@example.org commit -q -m one
head=$(git -C "$proj" rev-parse HEAD)
[ "$(label)" = "$head" ] || fail "clean tree: revision label '$(label)', want $head"
echo "clean: $head"

echo "untracked" >"$proj/notes.txt"
[ "$(label)" = "$head" ] || fail "an untracked file made the label '$(label)'"

echo "// changed" >>"$proj/main.cpp"
[ "$(label)" = "$head-dirty" ] || fail "changed tracked file: revision label '$(label)', want $head-dirty"
echo "dirty: $head-dirty"
echo PASS
