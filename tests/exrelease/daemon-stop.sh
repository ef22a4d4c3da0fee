# daemon returns once the server runs, stop returns once it is gone, by the
# program's own graceful exit on SIGTERM and not by the SIGKILL after
# RELEASE_STOP_TIMEOUT (set to 8 s here). The times are printed; how fast
# they are is the benchmarks' business (a 1 s limit here fails under load).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
ex_need_release
trap 'ex_cleanup; "$EX_RELEASE/bin/exrelease" stop >/dev/null 2>&1 || :' EXIT

rm -rf "$RELEASE_TMP" "$TEST_WORK_DIR/notes.db"
port=$(free_port)
ex_env "$port" "sqlite://$TEST_WORK_DIR/notes.db"
RELEASE_STOP_TIMEOUT=8
export RELEASE_STOP_TIMEOUT
rel=$EX_RELEASE/bin/exrelease

# A first daemon migrates the fresh database; the one measured below finds it
# up to date, as a daemon restarted in production would.
"$rel" daemon || fail "the first daemon failed"
"$rel" stop || fail "the first stop failed"

t0=$(ex_millis)
"$rel" daemon || fail "daemon failed: $(cat "$RELEASE_TMP/exrelease.log")"
t1=$(ex_millis)
pid=$("$rel" pid) || fail "pid failed after daemon"
# shellcheck disable=SC2034 # ex_cleanup reads it
EX_PID=$pid
wait_http "http://127.0.0.1:$port/health" 5 || fail "the daemon does not answer on port $port"
curl -s -f "http://127.0.0.1:$port/health" >/dev/null || fail "/health is not 200"

t2=$(ex_millis)
"$rel" stop || fail "stop failed"
t3=$(ex_millis)
process_gone "$pid" || fail "pid $pid still runs after stop returned"
ex_port_closed "$port" || fail "port $port still answers after stop"
st=0
"$rel" pid >/dev/null 2>&1 || st=$?
[ "$st" -eq 3 ] || fail "pid after stop: status $st (expected 3, not running)"
grep -q 'received SIGTERM, stopped' "$RELEASE_TMP/exrelease.log" || fail "the log does not show a graceful stop"

printf 'daemon: %s ms, stop: %s ms\n' "$((t1 - t0))" "$((t3 - t2))"
[ "$((t3 - t2))" -lt 8000 ] || fail "stop took $((t3 - t2)) ms: it waited for RELEASE_STOP_TIMEOUT (8 s)"
echo "ok: daemon and stop"
