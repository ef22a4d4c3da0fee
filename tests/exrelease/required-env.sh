# Runtime configuration is checked before anything listens: a missing
# SECRET_KEY_BASE or APP_PORT stops start with the variable named, and the
# program checks them itself when run without the control script.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
ex_need_release
trap ex_cleanup EXIT

port=$(free_port)
ex_env "$port" "sqlite://$TEST_WORK_DIR/notes.db"
log=$TEST_WORK_DIR/out.log

# expect_failure <what> <pattern> <command...>: the command must exit non-zero
# within 20 s, print <pattern> on stderr, and never open the port.
expect_failure() {
  _what=$1 _pattern=$2
  shift 2
  "$@" >"$log" 2>&1 &
  EX_PID=$!
  _i=0
  while ! process_gone "$EX_PID"; do
    [ "$_i" -lt 200 ] || { cat "$log" >&2; fail "$_what: still running after 20 s"; }
    ex_port_closed "$port" || fail "$_what: port $port opened"
    sleep 0.1
    _i=$((_i + 1))
  done
  _st=0
  wait "$EX_PID" || _st=$?
  EX_PID=
  [ "$_st" -ne 0 ] || { cat "$log" >&2; fail "$_what: exit status 0"; }
  grep -q -- "$_pattern" "$log" || { cat "$log" >&2; fail "$_what: the error does not say '$_pattern'"; }
  printf '%s: exit %s: %s\n' "$_what" "$_st" "$(grep -- "$_pattern" "$log" | head -n 1)"
}

(
  unset SECRET_KEY_BASE
  expect_failure "start without SECRET_KEY_BASE" 'SECRET_KEY_BASE' "$EX_RELEASE/bin/exrelease" start
  expect_failure "program without SECRET_KEY_BASE" \
    'environment variable SECRET_KEY_BASE is missing' "$EX_RELEASE/libexec/exrelease"
)
(
  unset APP_PORT
  expect_failure "start without APP_PORT" 'APP_PORT' "$EX_RELEASE/bin/exrelease" start
  expect_failure "program without APP_PORT" 'environment variable APP_PORT is missing' "$EX_RELEASE/libexec/exrelease"
)
(
  export SECRET_KEY_BASE=tooshort
  expect_failure "start with a short SECRET_KEY_BASE" 'SECRET_KEY_BASE is too short' "$EX_RELEASE/bin/exrelease" start
)
(
  export APP_PORT=http
  expect_failure "start with APP_PORT=http" "APP_PORT must be a TCP port number" "$EX_RELEASE/bin/exrelease" start
)
(
  export DATABASE_URL=mysql://localhost/x
  expect_failure "start with a mysql DATABASE_URL" "DATABASE_URL must start with" "$EX_RELEASE/bin/exrelease" start
)
echo "ok: required runtime configuration"
