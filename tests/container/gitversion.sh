# container.gitversion.<engine>: the image of a project whose version comes
# from `git rev-list --count HEAD` (tests/container/gitversion), built on the
# engine named by $1 (podman or docker). The builder stage has no .git (the
# ignore file leaves it out) and no git, so the project computes version
# 1.0.0 there; the image must still carry the host's release, 1.0.3:
#   - the image builds (the builder's manifest path has the host's version);
#   - `<image> version` prints the version of the image's tag and of the
#     host's release;
#   - the builder really computed another version (its configure log says
#     1.0.0), so the version reached it from the host, not from git.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine "$1"
need_cmd git git

image=images-gitvsn:1.0.3
cleanup() { "$ENGINE" rmi -f "$image" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup

proj=$TEST_WORK_DIR/project
bld=$TEST_WORK_DIR/build
rm -rf "$proj" "$bld"
mkdir -p "$proj" "$bld"
copy_cmake_release "$proj/cmake-release"
cp "$CMAKE_RELEASE_SOURCE_DIR/tests/container/gitversion/CMakeLists.txt" \
  "$CMAKE_RELEASE_SOURCE_DIR/tests/container/gitversion/main.cpp" "$proj/"
echo build >"$proj/.gitignore"
git -C "$proj" init -q -b main
for n in 1 2 3; do
  echo "change $n" >"$proj/CHANGES"
  git -C "$proj" add -A
  git -C "$proj" -c user.name=test -c user.email=test@example.org commit -q -m "change $n"
done

configure_and_build "$proj" "$bld" container-image-images-gitvsn "$ENGINE_CACHE_ARG"
"$CMAKE_COMMAND" --build "$bld" --target release-gitvsn >"$bld.release.log" 2>&1 \
  || { cat "$bld.release.log" >&2; fail "the host's release does not build"; }
host=$("$bld/release/gitvsn/bin/gitvsn" version)
[ "$host" = "gitvsn 1.0.3" ] || fail "the host's release says '$host', not 'gitvsn 1.0.3'"
grep -q "building $image with" "$bld.build.log" \
  || { cat "$bld.build.log" >&2; fail "the image was not tagged $image"; }

in_image=$("$ENGINE" run --rm "$image" version) || fail "'$image version' failed"
echo "host release: $host; $image version: $in_image"
[ "$in_image" = "gitvsn ${image#*:}" ] || fail "'$image version' prints '$in_image', not the tag's version ${image#*:}"
[ "$in_image" = "$host" ] || fail "the image's release ($in_image) is not the host's ($host)"
label=$("$ENGINE" image inspect -f '{{index .Config.Labels "org.opencontainers.image.version"}}' "$image")
[ "$label" = 1.0.3 ] || fail "the image's version label is '$label'"
"$ENGINE" run --rm "$image" eval gitvsn | grep -qx gitvsn || fail "the image's program does not run"

# Without .git the project computes another version, as in the builder
# stage: the version the image carries came from the host, not from git.
nogit=$TEST_WORK_DIR/no-git
rm -rf "$nogit" "$nogit.build"
mkdir -p "$nogit"
(cd "$proj" && tar --exclude=.git -cf - .) | (cd "$nogit" && tar -xf -)
# (The test's directory may lie in a Git work tree: git must not look above.)
GIT_CEILING_DIRECTORIES=$TEST_WORK_DIR "$CMAKE_COMMAND" -S "$nogit" -B "$nogit.build" -G Ninja >"$nogit.log" 2>&1 \
  || { cat "$nogit.log" >&2; fail "the project does not configure without .git"; }
grep -qx 'CMAKE_PROJECT_VERSION:STATIC=1.0.0' "$nogit.build/CMakeCache.txt" \
  || fail "without .git the project's version is not 1.0.0: the test proves nothing"
grep -q '"-DRELEASE_VERSION_OVERRIDE=gitvsn=1.0.3"' "$bld/images-gitvsn.Dockerfile" \
  || fail "the Dockerfile does not hand the builder the host's version"
grep -qx '\.git' "$bld/images-gitvsn.Dockerfile.dockerignore" \
  || fail "the ignore file does not leave .git out"
echo PASS
