# Helpers of the container tests (sourced after tests/lib.sh).

# need_engine [<state>...]: skip unless the preparation fixtures made Podman
# ready. Each fixture records its outcome in $TEST_SHARED_DIR/<state>
# (default: container-engine, written by container.prepare-engine).
need_engine() {
  need_root "podman as root is the engine these tests run"
  [ $# -gt 0 ] || set -- container-engine
  for _f in "$@"; do
    _state="$TEST_SHARED_DIR/$_f"
    [ -f "$_state" ] || skip "the fixture of $_f has not run (ctest -L container runs it)"
    case $(cat "$_state") in
      none:*) skip "$_f: no usable container engine: $(cut -c7- "$_state")" ;;
    esac
  done
  need_cmd podman podman
}

# need_docker: skip unless the docker-engine fixture (tests/container/dockerd,
# CTest test container.dockerd-start) made a Docker daemon answer. Sets
# DOCKER=/usr/bin/docker, the 20.10 CLI with BuildKit: never the `docker`
# first on PATH, which may lack buildx.
need_docker() {
  need_root "the Docker daemon of these tests runs as root"
  _state="$TEST_SHARED_DIR/docker-engine"
  [ -f "$_state" ] || skip "the docker-engine fixture has not run (ctest -L container runs it)"
  case $(cat "$_state") in
    none:*) skip "no usable Docker daemon: $(cut -c7- "$_state")" ;;
  esac
  DOCKER=/usr/bin/docker
  "$DOCKER" info >/dev/null 2>&1 || fail "the docker-engine fixture ran, yet '$DOCKER info' does not answer"
}

# use_engine <podman|docker>: sets ENGINE (the command the test runs) and
# ENGINE_CACHE_ARG (the -DRELEASE_CONTAINER_ENGINE=... that makes the image
# target use the same engine), after need_engine or need_docker.
use_engine() {
  case $1 in
    podman) need_engine; ENGINE=podman ;;
    docker) need_docker; ENGINE=$DOCKER ;;
    *) fail "use_engine: unknown engine '$1'" ;;
  esac
  # shellcheck disable=SC2034 # read by the tests that source this file
  ENGINE_CACHE_ARG="-DRELEASE_CONTAINER_ENGINE=$ENGINE"
}

# step_cached <build-log> <text>: prints "cached" when the engine took the
# build step whose instruction holds <text> from its cache, else "built".
# Podman prints "--> Using cache <id>" after such a step; BuildKit (plain
# progress) prints "#<n> [stage i/n] <instruction>" and later "#<n> CACHED".
step_cached() {
  awk -v pat="$2" '
    index($0, "STEP") && index($0, pat) { podman = 1; next }
    podman && /^--> / { print (index($0, "Using cache") ? "cached" : "built"); done = 1; exit }
    !n && /^#[0-9]+ \[/ && index($0, pat) { n = $1 }
    n && $1 == n && $2 == "CACHED" { print "cached"; done = 1; exit }
    END { if (!done) print "built" }
  ' "$1"
}

# now_ms: milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# rebuild_after_edit <source file> <image target>: appends a line that differs
# from run to run to <source file> (the engine's cache keys on content, so a
# change it has seen before would come from the cache), builds <image target>
# in $bld again, sets rebuild_ms, and fails unless the package layer came
# from the cache while the sources were copied anew.
rebuild_after_edit() {
  printf 'extern const char container_test_edit[] = "%s";\n' "$(date +%s%N)" >>"$1"
  _t0=$(now_ms)
  "$CMAKE_COMMAND" --build "$bld" --target "$2" >"$bld.rebuild.log" 2>&1 \
    || { cat "$bld.rebuild.log" >&2; fail "the rebuild of $2 failed"; }
  # shellcheck disable=SC2034 # read by the tests that call this
  rebuild_ms=$(($(now_ms) - _t0))
  [ "$(step_cached "$bld.rebuild.log" 'apt-get install')" = cached ] \
    || { cat "$bld.rebuild.log" >&2; fail "the rebuild ran the package step again instead of using the cache"; }
  [ "$(step_cached "$bld.rebuild.log" 'COPY . .')" = built ] \
    || { cat "$bld.rebuild.log" >&2; fail "the rebuild did not see the source change"; }
}

# example_context <example>: copies the parts of the repository an example's
# image needs into $TEST_WORK_DIR/ctx, laid out as in the repository (the
# examples find the modules at ../../cmake), so that a test may edit a source
# file without touching the checkout; sets ctx and bld (an empty build tree).
example_context() {
  ctx=$TEST_WORK_DIR/ctx
  bld=$TEST_WORK_DIR/build
  rm -rf "$ctx" "$bld"
  mkdir -p "$ctx/examples" "$bld"
  copy_cmake_release "$ctx"
  cp -R "$CMAKE_RELEASE_SOURCE_DIR/examples/$1" "$ctx/examples/"
  rm -rf "$ctx/examples/$1/build"
}

# greetd_host_image <image name> <healthcheck url> [<seconds between checks>]:
# example_context greetd, plus an image of the greetd release the host
# builds (HOST_RELEASE), with its volume, port and HEALTHCHECK; sets image
# (<name>:1.0.0) and cid="" and removes both when the test ends.
greetd_host_image() {
  image=$1:1.0.0
  cid=""
  trap '[ -z "$cid" ] || "$ENGINE" rm -f "$cid" >/dev/null 2>&1; "$ENGINE" rmi -f "$image" >/dev/null 2>&1 || true' EXIT
  "$ENGINE" rmi -f "$image" >/dev/null 2>&1 || true
  example_context greetd
  printf '%s\n' "add_container_image($1 RELEASE greetd HOST_RELEASE" \
    "  PORTS 8080 VOLUMES /var/lib/greetd ENV GREETD_PORT=8080" \
    "  HEALTHCHECK $2 INTERVAL ${3:-5}s TIMEOUT 2s RETRIES 2)" >>"$ctx/examples/greetd/CMakeLists.txt"
}

# expect_health_ok <port> <container>: waits for exrelease's /health on
# 127.0.0.1:<port>, then fails unless it answers 200 with status ok.
expect_health_ok() {
  wait_http "http://127.0.0.1:$1/health" 30 || { "$ENGINE" logs "$2" >&2; fail "/health did not answer within 30 s"; }
  _health=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$1/health" | tr -d '\n')
  echo "GET /health: $_health"
  case $_health in
    *'"status":"ok"'*' 200') ;;
    *) "$ENGINE" logs "$2" >&2; fail "/health is not ok: $_health" ;;
  esac
}
