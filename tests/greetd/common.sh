# Helpers of the greetd tests: sourced by each test after tests/lib.sh.
#
#   GD_RELEASE    the example's release, built by greetd.build
#   ARGS_RELEASE  the ARGS fixture's release, built by greetd.args-build
#   W             this test's work directory, emptied
#   OUT, ERR, rc  stdout, stderr and exit status of the last `run` (tests/lib.sh)

GD_BUILD=$TEST_SHARED_DIR/greetd/build
GD_RELEASE=$GD_BUILD/release/greetd
ARGS_BUILD=$TEST_SHARED_DIR/greetd-args/build
ARGS_RELEASE=$ARGS_BUILD/release/showargs
W=$TEST_WORK_DIR
# shellcheck disable=SC2034 # run, show and expect_rc (tests/lib.sh) use them
{
  OUT=$W/.out
  ERR=$W/.err
  rc=0
}
GD_PID=

# Nothing from the test runner's environment may change what a release does.
unset RELEASE_TMP RELEASE_DATA RELEASE_DRY_RUN RELEASE_DEFAULT_ARGS RELEASE_PROG \
  RELEASE_ROOT RELEASE_COMMAND XDG_STATE_HOME LD_LIBRARY_PATH CDPATH \
  GREETD_PORT GREETD_HOST ARGS_HOOK_DATA SHOWARGS_WAIT

rm -rf "$W"
mkdir -p "$W"

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

# gd_wait_up <port> <log>: waits until /health answers; fails after 30 s,
# showing the log.
gd_wait_up() {
  wait_http "http://127.0.0.1:$1/health" 30 || { cat "$2" >&2; fail "greetd did not answer on port $1 within 30 s"; }
}

# gd_get <url>: sets BODY to the answer of a GET; fails unless it is a 200.
gd_get() {
  _code=$(curl -s -o "$W/.body" -w '%{http_code}' "$1") || fail "GET $1: curl failed"
  BODY=$(cat "$W/.body")
  [ "$_code" = 200 ] || fail "GET $1: HTTP $_code ($BODY)"
}

# gd_stop: SIGTERM to GD_PID; greetd must exit with status 0.
gd_stop() {
  stop_server "$GD_PID" greetd
  GD_PID=
}

# gd_cleanup: kills a server a failed test left running. For "trap ... EXIT".
gd_cleanup() {
  kill_leftover "$GD_PID"
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
  shell_wrapper "$W/.bin/ctl" "$ARGS_SHELL" "$1"
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
line two' '' 'tab	inside' '$RELEASE' '${release_root}' "\$$1" '$<TARGET_FILE_NAME:showargs>' \
    "\$<1:$1/from-genex>" '[balanced] {braces} =x' -
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
