# Helpers of the greetd tests: sourced by each test after tests/lib.sh.
#
#   GD_RELEASE    the example's release, built by greetd.build
#   ARGS_RELEASE  the ARGS fixture's release, built by greetd.args-build
#   W             this test's work directory, emptied
#   OUT, ERR, rc  stdout, stderr and exit status of the last `run`

GD_BUILD=$TEST_SHARED_DIR/greetd/build
GD_RELEASE=$GD_BUILD/release/greetd
ARGS_BUILD=$TEST_SHARED_DIR/greetd-args/build
ARGS_RELEASE=$ARGS_BUILD/release/showargs
W=$TEST_WORK_DIR
OUT=$W/.out
ERR=$W/.err
rc=0
GD_PID=

# Nothing from the test runner's environment may change what a release does.
unset RELEASE_TMP RELEASE_DATA RELEASE_DRY_RUN RELEASE_DEFAULT_ARGS RELEASE_PROG \
  RELEASE_ROOT RELEASE_COMMAND XDG_STATE_HOME LD_LIBRARY_PATH CDPATH \
  GREETD_PORT GREETD_HOST ARGS_HOOK_DATA SHOWARGS_WAIT

rm -rf "$W"
mkdir -p "$W"

# run <command...>: runs a command, keeping its stdout, stderr and status.
run() {
  rc=0
  "$@" >"$OUT" 2>"$ERR" || rc=$?
}

show() {
  printf -- '--- stdout:\n' >&2
  cat "$OUT" >&2
  printf -- '--- stderr:\n' >&2
  cat "$ERR" >&2
}

# expect_rc <status> <what>: the last run exited with <status>.
expect_rc() {
  [ "$rc" = "$1" ] || { show; fail "$2: exit status $rc, expected $1"; }
}

# expect_in <file> <text> <what>: <file> contains the fixed string <text>.
expect_in() {
  grep -F -q -e "$2" "$1" || { show; fail "$3: '$2' not found in $1"; }
}

# gd_need_release: fails unless greetd.build assembled the example.
gd_need_release() {
  [ -x "$GD_RELEASE/bin/greetd" ] \
    || fail "no release at $GD_RELEASE: the fixture test greetd.build must pass first"
  need_cmd curl curl
  need_cmd python3 python3
}

# gd_start <log> <command...>: runs the command in the background with its
# output to <log>; sets GD_PID. The control script execs the program, so
# GD_PID is greetd's own pid once it runs.
gd_start() {
  _log=$1
  shift
  "$@" >"$_log" 2>&1 &
  GD_PID=$!
}

# gd_wait_up <port> <log>: waits until /health answers; fails, showing the
# log, when the process ends first or after 30 s.
gd_wait_up() {
  _i=0
  while [ "$_i" -lt 300 ]; do
    if curl -s -o /dev/null "http://127.0.0.1:$1/health"; then return 0; fi
    if process_gone "$GD_PID"; then
      cat "$2" >&2
      fail "greetd (pid $GD_PID) ended before it listened on port $1"
    fi
    sleep 0.1
    _i=$((_i + 1))
  done
  cat "$2" >&2
  fail "nothing answered on port $1 within 30 s"
}

# gd_get <url>: sets BODY to the answer of a GET; fails unless it is a 200.
gd_get() {
  _code=$(curl -s -o "$W/.body" -w '%{http_code}' "$1") || fail "GET $1: curl failed"
  BODY=$(cat "$W/.body")
  [ "$_code" = 200 ] || fail "GET $1: HTTP $_code ($BODY)"
}

# gd_stop: SIGTERM to GD_PID; greetd must exit with status 0.
gd_stop() {
  kill -s TERM "$GD_PID" || fail "cannot signal pid $GD_PID"
  _st=0
  wait "$GD_PID" || _st=$?
  [ "$_st" -eq 0 ] || fail "greetd exited with status $_st after SIGTERM (expected 0)"
  GD_PID=
}

# gd_cleanup: kills a server a failed test left running. For "trap ... EXIT".
gd_cleanup() {
  if [ -n "$GD_PID" ] && ! process_gone "$GD_PID"; then
    kill -s KILL "$GD_PID" 2>/dev/null || :
  fi
}

# use_showargs <dir>: copies the ARGS fixture's release to <dir> and makes
# `ctl` (a command on PATH, so "env VAR=value ctl ..." works) run its
# bin/showargs under ARGS_SHELL; sets R to <dir> as a physical path.
ARGS_SHELL=${ARGS_SHELL:-}
mkdir -p "$W/.bin"
PATH=$W/.bin:$PATH
use_showargs() {
  [ -x "$ARGS_RELEASE/bin/showargs" ] \
    || fail "no fixture release at $ARGS_RELEASE: greetd.args-build must pass first"
  mkdir -p "$(dirname "$1")"
  cp -a "$ARGS_RELEASE" "$1"
  # shellcheck disable=SC2034 # used by the tests that source this file
  R=$(cd -P -- "$1" && pwd -P)
  ctl_runs "$1/bin/showargs"
}

# ctl_runs <script>: makes `ctl` run <script> under ARGS_SHELL.
ctl_runs() {
  _q=$(printf '%s' "$1" | sed "s/'/'\\\\''/g")
  printf '#!/bin/sh\nexec %s '"'"'%s'"'"' "$@"\n' "$ARGS_SHELL" "$_q" >"$W/.bin/ctl"
  chmod +x "$W/.bin/ctl"
}

# need_args_shell: skips unless ARGS_SHELL's shell is installed.
need_args_shell() {
  case $ARGS_SHELL in
    '') ;;
    busybox*) need_cmd busybox busybox ;;
    *) need_cmd "$ARGS_SHELL" "$ARGS_SHELL" ;;
  esac
}

# fmt <arg>...: the arguments the way showargs prints them.
fmt() {
  for _a in "$@"; do
    printf '%s:%s\n' "${#_a}" "$_a"
  done
}

# expected_defaults <root> <data>: the fixture's ARGS (args-fixture/CMakeLists.txt)
# as the program must receive them, with RELEASE_ROOT=<root>, RELEASE_DATA=<data>.
expected_defaults() {
  # shellcheck disable=SC2016 # literal $ and backquotes are the point
  fmt -c "$1/etc/a.conf" "$1/quoted path with spaces" "--data=$2" "$1$2" \
    'it'\''s "quoted" \ `date` $(id) $HOME * ~/x' 'line one
line two' '' 'tab	inside' '$RELEASE' '${release_root}' "\$$1" showargs \
    "$1/from-genex" '[balanced] {braces} =x' -
}

# expect_out <what> <file-with-expected-stdout>: the last run's stdout is that.
expect_out() {
  cmp -s "$2" "$OUT" || {
    printf -- '--- expected stdout:\n' >&2
    cat "$2" >&2
    show
    fail "$1: unexpected output"
  }
}
