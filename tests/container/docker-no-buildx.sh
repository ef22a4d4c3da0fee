# container.docker-no-buildx: a real docker CLI without buildx, first on
# PATH with a daemon that answers `docker info`, is passed over by the image
# target's engine detection with the reason printed, and the next engine
# that builds (a stand-in podman here) is used. On the test machines that
# CLI is /usr/local/bin/docker (28.x, no buildx); where there is none, a
# stand-in that fails as it does is used, and the test says so.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
need_docker

# The step, run as its call file does (build-step.cmake).
step="$CMAKE_RELEASE_SOURCE_DIR/tests/container/build-step.cmake"
bin=$TEST_WORK_DIR/bin
w=$TEST_WORK_DIR/w
rm -rf "$bin" "$w" && mkdir -p "$bin" "$w"
log=$TEST_WORK_DIR/calls.log

real=""
for c in /usr/local/bin/docker $(command -v -a docker 2>/dev/null || true); do
  [ -x "$c" ] || continue
  if DOCKER_BUILDKIT=1 "$c" build - </dev/null 2>&1 | grep -q "buildx component is missing"; then
    real=$c
    break
  fi
done
if [ -n "$real" ]; then
  ln -s "$real" "$bin/docker"
  echo "the docker CLI without buildx: $real ($("$real" version --format '{{.Client.Version}}' 2>/dev/null))"
else
  echo "NOTE: no docker CLI without buildx on this machine; a stand-in fails as one does"
  cat >"$bin/docker" <<'FAKE'
#!/bin/sh
[ "$1" = info ] && exec /usr/bin/docker info
echo "ERROR: BuildKit is enabled but the buildx component is missing or broken." >&2
exit 1
FAKE
  chmod +x "$bin/docker"
fi
"$bin/docker" info >/dev/null 2>&1 || fail "$bin/docker info does not answer: the pass-over would be for another reason"
cat >"$bin/podman" <<FAKE
#!/bin/sh
echo "podman \$*" >>"$log"
exit 0
FAKE
chmod +x "$bin/podman"

: >"$log"
env -i PATH="$bin:/usr/bin:/bin" HOME="$TEST_WORK_DIR" "$CMAKE_COMMAND" -DIMAGE_NAME=demo -DENGINE= \
  "-DDOCKERFILE=$w/demo.Dockerfile" "-DIGNOREFILE=$w/demo.Dockerfile.dockerignore" \
  "-DCONTEXT=$w" -DTAG=demo:1.0 -P "$step" >"$TEST_WORK_DIR/out.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the image step failed instead of passing over docker"; }
cat "$TEST_WORK_DIR/out.log"
tr '\n' ' ' <"$TEST_WORK_DIR/out.log" | tr -s ' ' \
  | grep -qF "add_container_image(demo): passed over docker: found at $bin/docker, but it cannot build with BuildKit: its buildx component is missing (BuildKit is enabled but the buildx component is missing or broken.)" \
  || fail "the pass-over of docker is not printed with its reason"
grep -q "add_container_image(demo): engine $bin/podman, the first of docker, podman, buildah that builds" "$TEST_WORK_DIR/out.log" \
  || fail "the choice of podman is not printed"
grep -qx "podman build -f $w/demo.Dockerfile -t demo:1.0 --ignorefile $w/demo.Dockerfile.dockerignore $w" "$log" \
  || { cat "$log" >&2; fail "podman did not build the image"; }
echo PASS
