# container.healthcheck.docker: HEALTHCHECK on a real Docker daemon. The
# greetd example's release made into an image with HOST_RELEASE (no second
# compile) and HEALTHCHECK http://127.0.0.1:8080/health, which the engine
# runs as `bin/greetd probe <url>` inside the container (no curl there):
#   - the image's configuration keeps the check;
#   - the container turns healthy;
#   - when the program stops answering (SIGSTOP: the port still accepts, no
#     answer comes) it turns unhealthy, and healthy again once it goes on
#     (SIGCONT);
#   - the same command run by hand (as a Kubernetes exec probe would) exits
#     0 while the program answers.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine docker

greetd_host_image images-greetd-health http://127.0.0.1:8080/health 1
configure_and_build "$ctx/examples/greetd" "$bld" container-image-images-greetd-health "$ENGINE_CACHE_ARG"

check=$("$ENGINE" image inspect -f '{{json .Config.Healthcheck.Test}}' "$image")
[ "$check" = '["CMD","/opt/greetd/bin/greetd","probe","http://127.0.0.1:8080/health"]' ] \
  || fail "the image's health check is $check"

# health <status> <seconds>: waits until the container's health is <status>.
health() {
  _i=0
  while [ "$_i" -lt "$(($2 * 5))" ]; do
    _s=$("$ENGINE" inspect -f '{{.State.Health.Status}}' "$cid")
    [ "$_s" = "$1" ] && return 0
    sleep 0.2
    _i=$((_i + 1))
  done
  echo "health after $2 s: $_s; the last checks:" >&2
  "$ENGINE" inspect -f '{{json .State.Health.Log}}' "$cid" >&2
  return 1
}

cid=$("$ENGINE" run -d "$image")
t0=$(now_ms)
health healthy 30 || { "$ENGINE" logs "$cid" >&2; fail "the container did not turn healthy within 30 s"; }
echo "healthy after $(($(now_ms) - t0)) ms"
"$ENGINE" exec "$cid" /opt/greetd/bin/greetd probe http://127.0.0.1:8080/health \
  || fail "the probe run by hand fails while greetd answers"
if "$ENGINE" exec "$cid" /opt/greetd/bin/greetd probe http://127.0.0.1:8080/no-such-path; then
  fail "the probe passes for a path that answers 404"
fi

pid=$("$ENGINE" inspect -f '{{.State.Pid}}' "$cid")
kill -STOP "$pid"
t0=$(now_ms)
health unhealthy 30 || { kill -CONT "$pid"; fail "the container did not turn unhealthy within 30 s of greetd stopping"; }
echo "unhealthy $(($(now_ms) - t0)) ms after greetd stopped answering"
kill -CONT "$pid"
health healthy 30 || fail "the container did not turn healthy again after greetd went on"
echo "healthy again after SIGCONT"
echo PASS
