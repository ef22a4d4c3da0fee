# bin/ctl probe <url>: tcp:// and http:// health checks against a real
# server, exit 0 healthy, 1 not, 2 a bad url; no env hook, no tool of the
# system (run with an empty environment and PATH).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

need_cmd python3 python3
copy_release "$W/rel/ctl"
R=$W/rel/ctl

# A web server (200 for ok.txt, 404 for others, 301 for a directory without
# its slash) and a port that accepts connections but never answers.
mkdir -p "$W/www/dir"
echo ok >"$W/www/ok.txt"
cat >"$W/server.py" <<'PY'
import http.server, socket, sys, threading, os
os.chdir(sys.argv[1])
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
mute = socket.socket(); mute.bind(("127.0.0.1", 0)); mute.listen(8)
free = socket.socket(); free.bind(("127.0.0.1", 0)); free_port = free.getsockname()[1]; free.close()
print(httpd.server_address[1], mute.getsockname()[1], free_port, flush=True)
httpd.serve_forever()
PY
python3 "$W/server.py" "$W/www" >"$W/ports" 2>"$W/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || :' EXIT
for _ in $(seq 300); do [ -s "$W/ports" ] && break; sleep 0.1; done
read -r web mute free <"$W/ports" || fail "the test server did not start"

# probe <expected-rc> <what> <url>: without environment, PATH or hook.
probe() {
  run env -i CTL_HOOK_ACTION=exit CTL_HOOK_STATUS=9 "$R/bin/ctl" probe "$3"
  expect_rc "$1" "$2 ($3)"
  expect_empty "$OUT" "$2"
}
probe 0 "tcp, a listening port" "tcp://127.0.0.1:$web"
probe 0 "tcp, localhost" "tcp://localhost:$web"
probe 1 "tcp, a closed port" "tcp://127.0.0.1:$free"
expect_in "$ERR" "probe: tcp://127.0.0.1:$free:" "a closed port says why"
probe 0 "http 200" "http://127.0.0.1:$web/ok.txt"
probe 0 "http 301" "http://127.0.0.1:$web/dir"
probe 1 "http 404" "http://127.0.0.1:$web/missing"
expect_in "$ERR" "status 404" "http 404 says the status"
probe 0 "http, localhost" "http://localhost:$web/ok.txt"
probe 0 "http, IPv4 without a path" "http://127.0.0.1:$web"
probe 1 "http, a closed port" "http://127.0.0.1:$free/"
for bad in '' 'ftp://127.0.0.1:21/' 'tcp://127.0.0.1' 'tcp://:80' 'tcp://127.0.0.1:0' \
  'tcp://127.0.0.1:99999' 'http://127.0.0.1:80/a b' 'tcp://127.0.0.1:80/path' '127.0.0.1:80' \
  'http://[::1:80/'; do
  probe 2 "bad url" "$bad"
  expect_in "$ERR" "bad url" "bad url '$bad' says so"
done
run "$R/bin/ctl" probe
expect_rc 2 "probe without a url"
run "$R/bin/ctl" probe "tcp://127.0.0.1:$web" extra
expect_rc 2 "probe with two urls"
run env RELEASE_PROBE_TIMEOUT=soon "$R/bin/ctl" probe "tcp://127.0.0.1:$web"
expect_rc 2 "probe with a bad RELEASE_PROBE_TIMEOUT"
expect_in "$ERR" "RELEASE_PROBE_TIMEOUT" "a bad RELEASE_PROBE_TIMEOUT says so"

# A port that accepts but never answers: unhealthy once the timeout passes.
t0=$(now_ms)
run env RELEASE_PROBE_TIMEOUT=0.5 "$R/bin/ctl" probe "http://127.0.0.1:$mute/"
expect_rc 1 "http to a port that never answers"
took=$(($(now_ms) - t0))
if [ "$took" -lt 400 ] || [ "$took" -ge 5000 ]; then
  fail "the probe took $took ms for a 0.5 s timeout"
fi
# The server stopped: unhealthy.
kill "$server"
wait "$server" 2>/dev/null || :
probe 1 "http after the server stopped" "http://127.0.0.1:$web/ok.txt"
echo "probe: all checks passed ($CTL_LAUNCHER launcher)"
