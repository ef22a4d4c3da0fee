# container.fetchcontent.<engine>: an image of a project that consumes
# cmake-release through FetchContent from a local Git repository, built on
# the engine named by $1 (podman or docker), and the hygiene of its context.
#   - the builder stage configures the project with the copy of cmake-release
#     that add_container_image put into the build tree: it has no git and no
#     way to reach the local repository, so a fetch there would fail;
#   - the context holds .env, id_rsa, x.pem, .ssh/, .npmrc and a second
#     CMake build tree named bld[1]; none of them is in the builder stage,
#     while bld1/ (which the glob bld[1] would match) is;
#   - of the build tree only the copy of cmake-release reaches the builder;
#   - the image runs the program (default CMD start).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: this source tree consumed with FetchContent, in an image"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine "$1"
need_cmd git git

image=fcimage:3.1.4
builder=localhost/engines-fcimage-builder:$1
cleanup() { "$ENGINE" rmi -f "$builder" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# cmake-release as a local Git repository (the parts a user gets).
repo=$TEST_WORK_DIR/cmake-release
proj=$TEST_WORK_DIR/project
rm -rf "$repo" "$proj"
mkdir -p "$repo" "$proj"
copy_cmake_release_source "$repo"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=test -c user.email=test@example.org commit -q -m "cmake-release"

# The project, with what must never reach an image beside it.
cp "$CMAKE_RELEASE_SOURCE_DIR/tests/container/fetchcontent/CMakeLists.txt" \
  "$CMAKE_RELEASE_SOURCE_DIR/tests/container/fetchcontent/main.cpp" "$proj/"
echo "DB_PASSWORD=hunter2-$$" >"$proj/.env"
echo "-----BEGIN OPENSSH PRIVATE KEY-----" >"$proj/id_rsa"
echo "-----BEGIN PRIVATE KEY-----" >"$proj/x.pem"
mkdir -p "$proj/.ssh" "$proj/config" "$proj/bld1"
echo "Host *" >"$proj/.ssh/config"
echo "//registry.example.org/:_authToken=secret" >"$proj/config/.npmrc"
echo "not a build tree" >"$proj/bld1/keep.txt"
# A second build tree, configured for real, named with glob characters.
mkdir -p "$proj/bld[1]"
"$CMAKE_COMMAND" -S "$CMAKE_RELEASE_SOURCE_DIR/tests/release/consume-path" -B "$proj/bld[1]" \
  -G Ninja "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_SOURCE_DIR" >"$TEST_WORK_DIR/other-tree.log" 2>&1 || true
echo "output of another build" >"$proj/bld[1]/artifact.txt"
[ -f "$proj/bld[1]/CMakeCache.txt" ] || echo "# a CMake cache" >"$proj/bld[1]/CMakeCache.txt"

bld=$proj/build
configure_and_build "$proj" "$bld" container-image-fcimage "$ENGINE_CACHE_ARG" \
  "-DCMAKE_RELEASE_GIT=$repo"
[ -f "$bld/_deps/cmake_release-src/cmake/Release.cmake" ] \
  || fail "FetchContent did not clone cmake-release into the build tree"
grep -q "add_container_image(fcimage): building $image with .*${ENGINE##*/}$" "$bld.build.log" \
  || { cat "$bld.build.log" >&2; fail "the image was not built with $ENGINE"; }

# The ignore file names the other build tree escaped, not as a glob.
ignore=$bld/fcimage.Dockerfile.dockerignore
grep -qxF 'bld\[1\]' "$ignore" || { cat "$ignore" >&2; fail "the ignore file does not name bld[1] escaped"; }
grep -qxF '!build/_cmake-release' "$ignore" || { cat "$ignore" >&2; fail "the ignore file does not let the copy of cmake-release in"; }
grep -q 'FETCHCONTENT_SOURCE_DIR_CMAKE_RELEASE=/src/build/_cmake-release' "$bld/fcimage.Dockerfile" \
  || fail "the builder's configure step does not point FetchContent at the copy"

out=$("$ENGINE" run --rm "$image")
[ "$out" = "fcimage ran" ] || fail "the image's program printed '$out'"
echo "image runs: $out"

# The builder stage, from the same Dockerfile and ignore file (from the cache).
if [ "$1" = podman ]; then
  set -- podman build --ignorefile "$ignore"
else
  set -- "$ENGINE" build
  export DOCKER_BUILDKIT=1
fi
"$@" --target builder -f "$bld/fcimage.Dockerfile" -t "$builder" "$proj" >"$TEST_WORK_DIR/builder.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/builder.log" >&2; fail "building the builder stage failed"; }
"$ENGINE" run --rm --entrypoint /bin/sh "$builder" -c 'cd /src && find . -path ./build/_cmake-release -prune -print -o -print' \
  | sort >"$TEST_WORK_DIR/builder-files.txt"
echo "files in the builder's /src:"; sed 's/^/  /' "$TEST_WORK_DIR/builder-files.txt"
for leak in ./.env ./id_rsa ./x.pem ./.ssh ./config/.npmrc './bld[1]' './bld[1]/artifact.txt' \
    ./build/CMakeCache.txt ./build/_deps ./build/fcimage.Dockerfile; do
  if grep -qxF "$leak" "$TEST_WORK_DIR/builder-files.txt"; then
    fail "$leak reached the builder stage"
  fi
done
for kept in ./bld1/keep.txt ./main.cpp ./CMakeLists.txt ./build/_cmake-release; do
  grep -qxF "$kept" "$TEST_WORK_DIR/builder-files.txt" || fail "$kept is missing from the builder stage"
done
"$ENGINE" run --rm --entrypoint /bin/sh "$builder" -c 'test -f /src/build/_cmake-release/cmake/Release.cmake && ! command -v git' \
  || fail "the builder lacks the copy of cmake-release, or has git (and could have fetched)"
if "$ENGINE" run --rm --entrypoint /bin/sh "$builder" -c 'grep -rqs hunter2 /src /build'; then
  fail "the password of .env is in the builder stage"
fi
echo PASS
