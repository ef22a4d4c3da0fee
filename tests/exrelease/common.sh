# Helpers of the exrelease tests: sourced by each test after tests/lib.sh.
# The fixture test exrelease.build builds the example's release once into
# $TEST_SHARED_DIR/exrelease; the other tests run that release.

EX_SOURCE_DIR=$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease
export EX_SOURCE_DIR
EX_BUILD=$TEST_SHARED_DIR/exrelease/build
EX_RELEASE=$EX_BUILD/release/exrelease
EX_PID=
# Written by the fixture when it skips, with the reason.
EX_SKIPPED=$TEST_SHARED_DIR/exrelease/skipped

# Each test keeps the daemon's pid file and log to itself.
RELEASE_TMP=$TEST_WORK_DIR/release-tmp
export RELEASE_TMP

# ex_need_release: fails unless the fixture built the release.
ex_need_release() {
  if [ -f "$EX_SKIPPED" ]; then skip "no release: exrelease.build skipped: $(cat "$EX_SKIPPED")"; fi
  [ -x "$EX_RELEASE/bin/exrelease" ] \
    || fail "no release at $EX_RELEASE: the fixture test exrelease.build must pass first"
  need_cmd curl curl
  need_cmd python3 python3
}

# ex_secret: prints a fresh random SECRET_KEY_BASE (96 hex characters).
ex_secret() {
  od -An -N48 -tx1 /dev/urandom | tr -d ' \n'
}

# ex_env <port> <database-url>: exports the runtime configuration.
ex_env() {
  APP_PORT=$1 DATABASE_URL=$2
  SECRET_KEY_BASE=${SECRET_KEY_BASE:-$(ex_secret)}
  export APP_PORT DATABASE_URL SECRET_KEY_BASE
}

# ex_start <log> [command...]: runs "bin/exrelease start" (or the command) in
# the background with output to <log>; sets EX_PID. The control script execs
# the program, so EX_PID is the server's pid once it runs.
ex_start() {
  _log=$1
  shift
  if [ "$#" -eq 0 ]; then set -- "$EX_RELEASE/bin/exrelease" start; fi
  "$@" >"$_log" 2>&1 &
  EX_PID=$!
}

# ex_wait_up <port> <log>: waits until /health answers; fails, showing the
# log, when the process ends first or after 30 s.
ex_wait_up() {
  _i=0
  while [ "$_i" -lt 300 ]; do
    if curl -s -o /dev/null "http://127.0.0.1:$1/health"; then return 0; fi
    if process_gone "$EX_PID"; then
      cat "$2" >&2
      fail "exrelease (pid $EX_PID) ended before it listened on port $1"
    fi
    sleep 0.1
    _i=$((_i + 1))
  done
  cat "$2" >&2
  fail "nothing answered on port $1 within 30 s"
}

# ex_stop_server: SIGTERM to EX_PID; it must exit with status 0.
ex_stop_server() {
  stop_server "$EX_PID" exrelease
  EX_PID=
}

# ex_cleanup: kills a server a failed test left running. For "trap ... EXIT".
ex_cleanup() {
  kill_leftover "$EX_PID"
}

# ex_request <method> <url> [curl args...]: sets EX_STATUS and EX_BODY.
ex_request() {
  _m=$1 _u=$2
  shift 2
  EX_BODY=$(curl -s -X "$_m" -w '\n%{http_code}' "$@" "$_u") || fail "curl $_m $_u failed"
  EX_STATUS=${EX_BODY##*
}
  EX_BODY=${EX_BODY%
*}
}

# ex_expect <status> <method> <url> [curl args...]: the request must answer <status>.
ex_expect() {
  _want=$1
  shift
  ex_request "$@"
  [ "$EX_STATUS" = "$_want" ] || fail "$1 $2: HTTP $EX_STATUS (expected $_want): $EX_BODY"
}

# ex_json <python-expression> : evaluates the expression with j = the JSON of
# EX_BODY and prints the result.
ex_json() {
  printf '%s' "$EX_BODY" | python3 -c 'import json, sys; j = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" \
    || fail "not the JSON expected ($1): $EX_BODY"
}

# ex_port_closed <port>: true when nothing accepts connections on the port.
ex_port_closed() {
  ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"
}

# ex_millis: milliseconds since the epoch.
ex_millis() {
  echo $(($(date +%s%N) / 1000000))
}
