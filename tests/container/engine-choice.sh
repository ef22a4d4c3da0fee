# container.engine-choice: how the container-image targets pick their engine,
# with stand-in engines (shell scripts) instead of real ones, so it runs
# anywhere and fast (container.docker-no-buildx does the same with a real
# docker CLI):
#   - a `docker` that is on PATH but whose `info` fails is passed over, and the
#     next engine that answers builds (never just the first found on PATH);
#   - each engine is asked to build a probe image first; a docker whose
#     BuildKit builds fail (no buildx) is passed over with the reason printed;
#   - no engine that answers: the build fails and says what was tried;
#   - the RELEASE_CONTAINER_ENGINE environment variable is used when the
#     cache variable is empty, and the cache variable wins over it;
#   - the command line each kind of engine gets.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

# The step, run as its call file does (build-step.cmake).
step="$CMAKE_RELEASE_SOURCE_DIR/tests/container/build-step.cmake"
bin=$TEST_WORK_DIR/bin
rm -rf "$bin" && mkdir -p "$bin"
log=$TEST_WORK_DIR/calls.log

# fake <name> <info-exit-status>: an engine that logs how it was called.
fake() {
  cat >"$bin/$1" <<FAKE
#!/bin/sh
echo "$1 \$*" >>"$log"
[ "\$1" = info ] && exit $2
exit 0
FAKE
  chmod +x "$bin/$1"
}

# run_step <engine-cache-value> [env...]: runs the step script with PATH=$bin
# (plus what cmake itself needs: nothing, it is called by absolute path).
run_step() {
  _engine=$1
  shift
  : >"$log"
  env -i PATH="$bin" "$@" "$CMAKE_COMMAND" -DIMAGE_NAME=demo "-DENGINE=$_engine" \
    -DDOCKERFILE=/w/demo.Dockerfile -DIGNOREFILE=/w/demo.Dockerfile.dockerignore \
    -DCONTEXT=/w/ctx -DTAG=demo:1.0 -P "$step" >"$TEST_WORK_DIR/out.log" 2>&1
}

# said <text>: the step's output holds <text> (CMake wraps long messages:
# line breaks and indentation count as one space).
said() {
  tr '\n' ' ' <"$TEST_WORK_DIR/out.log" | tr -s ' ' | grep -qF -- "$1"
}

# 1. Nothing answers.
fake docker 1
if run_step ""; then fail "the build succeeded with no engine that answers"; fi
said "add_container_image(demo): no container engine builds" \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "no-engine message missing"; }
said "docker: found at $bin/docker, but 'docker info' fails" \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the message does not say docker was found but does not answer"; }
said "podman: not found on PATH" || fail "the message does not list podman"

# 2. docker is found but does not answer; podman answers and builds.
fake podman 0
run_step "" || { cat "$TEST_WORK_DIR/out.log" >&2; fail "podman was not used"; }
grep -qx "podman build -f /w/demo.Dockerfile -t demo:1.0 --ignorefile /w/demo.Dockerfile.dockerignore /w/ctx" "$log" \
  || { cat "$log" >&2; fail "podman build got the wrong command line"; }
if grep -q "^docker build" "$log"; then fail "docker was used although it does not answer"; fi

# 3. buildah keeps layers only when asked; SOURCE_DATE_EPOCH fixes timestamps.
fake buildah 0
run_step buildah SOURCE_DATE_EPOCH=1700000000 || { cat "$TEST_WORK_DIR/out.log" >&2; fail "buildah was not used"; }
grep -qx "buildah build -f /w/demo.Dockerfile -t demo:1.0 --ignorefile /w/demo.Dockerfile.dockerignore --layers --timestamp 1700000000 /w/ctx" "$log" \
  || { cat "$log" >&2; fail "buildah build got the wrong command line"; }

# 4. The environment variable decides when the cache variable is empty...
fake docker 0
run_step "" RELEASE_CONTAINER_ENGINE=buildah || fail "the environment variable's engine failed"
grep -q "^buildah build" "$log" || { cat "$log" >&2; fail "RELEASE_CONTAINER_ENGINE (environment) was not used"; }
run_step "" RELEASE_CONTAINER_ENGINE=nonesuch && fail "an unknown engine in the environment variable built"
said "the container engine 'nonesuch' named by the environment variable RELEASE_CONTAINER_ENGINE" \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the message does not name the environment variable"; }
# ... and the cache variable wins over it.
run_step podman RELEASE_CONTAINER_ENGINE=buildah || fail "the cache variable's engine failed"
grep -q "^podman build" "$log" || { cat "$log" >&2; fail "the cache variable did not win over the environment"; }

# 5. docker (BuildKit reads <Dockerfile>.dockerignore itself).
run_step "" || fail "docker was not used"
grep -qx "docker build -f /w/demo.Dockerfile -t demo:1.0 /w/ctx" "$log" \
  || { cat "$log" >&2; fail "docker build got the wrong command line"; }

# 5b. An image for another platform: the engine is asked for it, and Podman
# is told the build machine's platform (Podman 4.3 leaves $BUILDPLATFORM
# empty in FROM when --platform is given).
: >"$log"
env -i PATH="$bin" "$CMAKE_COMMAND" -DIMAGE_NAME=demo -DENGINE=podman \
  -DPLATFORM=linux/arm64 -DBUILD_PLATFORM=linux/amd64 \
  -DDOCKERFILE=/w/demo.Dockerfile -DIGNOREFILE=/w/demo.Dockerfile.dockerignore \
  -DCONTEXT=/w/ctx -DTAG=demo:1.0 -P "$step" >"$TEST_WORK_DIR/out.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the build for linux/arm64 failed"; }
grep -qx "podman build -f /w/demo.Dockerfile -t demo:1.0 --ignorefile /w/demo.Dockerfile.dockerignore --platform linux/arm64 --build-arg BUILDPLATFORM=linux/amd64 /w/ctx" "$log" \
  || { cat "$log" >&2; fail "podman build did not get --platform linux/arm64 and the build machine's BUILDPLATFORM"; }

# 6. A failing build fails the target and names the Dockerfile (the probe,
# a build with --output, succeeds).
cat >"$bin/podman" <<FAKE
#!/bin/sh
[ "\$1" = info ] && exit 0
for a in "\$@"; do [ "\$a" = --output ] && exit 0; done
exit 3
FAKE
run_step podman && fail "a failing engine build passed"
said "add_container_image(demo): 'podman build' of image demo:1.0 failed (exit status 3): the engine's output above shows the step that failed. Fix:" \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the failed-build message is missing"; }

# 7. A docker whose `info` answers but whose BuildKit builds fail (a CLI
# without buildx) is passed over, with the reason printed; podman builds.
fake podman 0
cat >"$bin/docker" <<FAKE
#!/bin/sh
echo "docker \$*" >>"$log"
[ "\$1" = info ] && exit 0
echo "ERROR: BuildKit is enabled but the buildx component is missing or broken." >&2
exit 1
FAKE
run_step "" || { cat "$TEST_WORK_DIR/out.log" >&2; fail "podman was not used after docker failed its probe"; }
said "add_container_image(demo): passed over docker: found at $bin/docker, but it cannot build with BuildKit: its buildx component is missing (BuildKit is enabled but the buildx component is missing or broken.)" \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the pass-over of docker without buildx is not printed with its reason"; }
said "add_container_image(demo): engine $bin/podman, the first of docker, podman, buildah that builds" \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the choice of engine is not printed"; }
grep -q "^docker build -f .*demo.Dockerfile.probe/context/Dockerfile --output type=local" "$log" \
  || { cat "$log" >&2; fail "docker was not asked to build the probe"; }
grep -qx "podman build -f /w/demo.Dockerfile -t demo:1.0 --ignorefile /w/demo.Dockerfile.dockerignore /w/ctx" "$log" \
  || { cat "$log" >&2; fail "podman did not build the image"; }

# 8. ENGINE_ARGS come after the engine's own arguments, before the context.
: >"$log"
env -i PATH="$bin" "$CMAKE_COMMAND" -DIMAGE_NAME=demo -DENGINE=podman \
  "-DENGINE_ARGS=--network=host;--build-arg;A=b c" \
  -DDOCKERFILE=/w/demo.Dockerfile -DIGNOREFILE=/w/demo.Dockerfile.dockerignore \
  -DCONTEXT=/w/ctx -DTAG=demo:1.0 -P "$step" >"$TEST_WORK_DIR/out.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/out.log" >&2; fail "the build with ENGINE_ARGS failed"; }
grep -qx "podman build -f /w/demo.Dockerfile -t demo:1.0 --ignorefile /w/demo.Dockerfile.dockerignore --network=host --build-arg A=b c /w/ctx" "$log" \
  || { cat "$log" >&2; fail "podman build did not get ENGINE_ARGS before the context"; }
echo PASS
