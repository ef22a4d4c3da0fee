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
