# daemon, pid, stop, restart under CTL_SHELL: detached start with the pid and
# log under RELEASE_TMP, refusal when running, a stop that waits for a
# program finishing its shutdown, SIGKILL after RELEASE_STOP_TIMEOUT, stale
# and recycled pid files, a program that dies at once, concurrent starts.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

if [ -n "$CTL_SHELL" ]; then
  need_cmd "${CTL_SHELL%% *}" "${CTL_SHELL%% *}"
fi
copy_release "$W/rel/ctl"
use_release "$W/rel/ctl"
ROOT=$(physical "$R")
export CTL_SECRET=s3cret CTL_FIXTURE_MODE=serve
PIDFILE=$ROOT/tmp/ctl.pid
LOG=$ROOT/tmp/ctl.log

# Whatever happens, leave no process of this test behind.
started=''
cleanup() {
  for p in $started; do
    if ! process_gone "$p"; then kill -9 "$p" 2>/dev/null || :; fi
  done
  kill_programs_of "$ROOT"
}
trap cleanup EXIT

# start_daemon <what> [args...]: ctl daemon must succeed; sets PID.
start_daemon() {
  _what=$1
  shift
  # Inside $(...): the daemon must not keep the caller's stdout open.
  _t0=$(now_ms)
  rc=0
  timeout 20 sh -c 'out=$(ctl daemon "$@" 2>&1); echo "$out" >&2' sh "$@" 2>"$ERR" || rc=$?
  : >"$OUT"
  expect_rc 0 "$_what"
  [ $(($(now_ms) - _t0)) -lt 10000 ] || fail "$_what: daemon took too long to return"
  PID=$(cat "$PIDFILE")
  started="$started $PID"
  process_gone "$PID" && fail "$_what: pid $PID is not running"
  run ctl pid
  expect_rc 0 "pid after $_what"
  expect_out "pid after $_what" "$PID"
}

# --- daemon, pid ----------------------------------------------------------
run ctl pid
expect_rc 3 "pid before any daemon"
expect_in "$ERR" "not running" "pid before any daemon"
run ctl stop
expect_rc 3 "stop before any daemon"
expect_in "$ERR" "not running" "stop before any daemon"

start_daemon "daemon" 'x y' '' "it's"
# The recorded pid is the program itself, not a wrapper, and it is detached:
# a session of its own, stdin from /dev/null, output into the log.
[ "$(readlink -f "/proc/$PID/exe")" = "$ROOT/libexec/prog" ] || fail "pid $PID is not libexec/prog"
sid=$(sed 's/^.*) //' "/proc/$PID/stat" | cut -d' ' -f4)
if command -v setsid >/dev/null 2>&1; then
  [ "$sid" = "$PID" ] || fail "the daemon is not a session leader (session $sid)"
fi
[ "$(readlink "/proc/$PID/fd/0")" = /dev/null ] || fail "the daemon's stdin is not /dev/null"
[ "$(readlink "/proc/$PID/fd/1")" = "$LOG" ] || fail "the daemon's stdout is not the log"
[ ! -e "/proc/$PID/fd/3" ] || fail "the daemon inherited descriptor 3"
sleep 0.2
expect_in "$LOG" "serving as pid $PID" "daemon log"
printf '[x y]\n[]\n[it'"'"'s]\n' >"$W/.expected"
grep '^\[' "$LOG" | cmp -s "$W/.expected" - || { cat "$LOG" >&2; fail "daemon: arguments did not arrive intact"; }

# A hook that changes IFS and the positional parameters does not confuse
# the process checks.
run env CTL_HOOK_ACTION=unsettle ctl pid
expect_rc 0 "pid after an unsettling hook"
expect_out "pid after an unsettling hook" "$PID"

# A second daemon is refused while the first runs.
run ctl daemon
expect_rc 1 "daemon while running"
expect_in "$ERR" "already running (pid $PID)" "daemon while running"
[ "$(cat "$PIDFILE")" = "$PID" ] || fail "daemon while running changed the pid file"
[ "$(grep -c 'serving as pid' "$LOG")" -eq 1 ] || fail "daemon while running started a second program"

# --- stop waits for the program to finish its shutdown ----------------------
# The program takes 1.5 s after SIGTERM and then writes the marker.
run ctl stop
expect_rc 0 "stop of the first daemon"
# restart it with a slow shutdown
start_daemon "daemon with a slow shutdown" slow
kill -0 "$PID" 2>/dev/null || fail "slow daemon not running"
# The delay and marker are read by the program from its environment: set them
# through a restart so the running program has them.
run env CTL_FIXTURE_TERM_DELAY_MS=1500 CTL_FIXTURE_MARKER="$W/marker" ctl restart slow
expect_rc 0 "restart with a slow shutdown"
old=$PID
PID=$(cat "$PIDFILE")
started="$started $PID"
[ "$PID" != "$old" ] || fail "restart kept pid $PID"
process_gone "$old" || fail "restart left the old daemon $old running"
grep -q '^\[slow\]' "$LOG" || fail "restart: arguments not passed"
t0=$(now_ms)
run ctl stop
t1=$(now_ms)
expect_rc 0 "stop of a slow daemon"
[ -f "$W/marker" ] || fail "stop returned before the program finished its shutdown"
process_gone "$PID" || fail "stop returned while pid $PID still runs"
[ $((t1 - t0)) -ge 1400 ] || fail "stop returned after $((t1 - t0)) ms, before the 1.5 s shutdown"
[ ! -e "$PIDFILE" ] || fail "stop left the pid file"
expect_in "$LOG" "got SIGTERM" "stop sent SIGTERM"
run ctl pid
expect_rc 3 "pid after stop"
expect_empty "$OUT" "pid after stop"
run ctl stop
expect_rc 3 "stop after stop"
expect_in "$ERR" "not running" "stop after stop"

# --- SIGKILL after RELEASE_STOP_TIMEOUT ---------------------------------------
run env CTL_FIXTURE_MODE=stubborn ctl daemon
expect_rc 0 "daemon of a program ignoring SIGTERM"
PID=$(cat "$PIDFILE")
started="$started $PID"
run env RELEASE_STOP_TIMEOUT=nope ctl stop
expect_rc 2 "stop with a bad RELEASE_STOP_TIMEOUT"
process_gone "$PID" && fail "stop with a bad RELEASE_STOP_TIMEOUT stopped the program"
t0=$(now_ms)
run env RELEASE_STOP_TIMEOUT=1 ctl stop
t1=$(now_ms)
expect_rc 0 "stop of a program ignoring SIGTERM"
expect_in "$ERR" "SIGKILL" "stop escalation message"
process_gone "$PID" || fail "pid $PID survived stop"
[ $((t1 - t0)) -ge 1000 ] || fail "SIGKILL came after $((t1 - t0)) ms, before RELEASE_STOP_TIMEOUT"
[ $((t1 - t0)) -lt 8000 ] || fail "stop took $((t1 - t0)) ms with RELEASE_STOP_TIMEOUT=1"
# The hook can set the timeout too.
run env CTL_FIXTURE_MODE=stubborn ctl daemon
PID=$(cat "$PIDFILE")
started="$started $PID"
t0=$(now_ms)
run env CTL_HOOK_ACTION=slow-stop ctl stop
t1=$(now_ms)
expect_rc 0 "stop with RELEASE_STOP_TIMEOUT from the hook"
process_gone "$PID" || fail "pid $PID survived stop"
[ $((t1 - t0)) -lt 8000 ] || fail "the hook's RELEASE_STOP_TIMEOUT=1 was ignored ($((t1 - t0)) ms)"

# --- stale and recycled pid files -----------------------------------------------
mkdir -p "$ROOT/tmp"
echo 999999 >"$PIDFILE"
run ctl pid
expect_rc 3 "pid with a stale pid file"
run ctl stop
expect_rc 3 "stop with a stale pid file"
[ ! -e "$PIDFILE" ] || fail "stop left a stale pid file"
echo 999999 >"$PIDFILE"
start_daemon "daemon over a stale pid file"
[ "$PID" != 999999 ] || fail "stale pid kept"
run ctl stop
expect_rc 0 "stop after a stale pid file"

# A pid file naming a live process that is not the release's (a recycled pid,
# its start time differs): not running, and stop must not touch it.
sleep 60 &
other=$!
started="$started $other"
echo "$other" >"$PIDFILE"
echo 1 >"$PIDFILE.start"
run ctl pid
expect_rc 3 "pid with a recycled pid"
run ctl stop
expect_rc 3 "stop with a recycled pid"
process_gone "$other" && fail "stop killed an unrelated process"
kill "$other"
wait "$other" 2>/dev/null || :
rm -f "$PIDFILE" "$PIDFILE.start"

# --- RELEASE_TMP chosen by the hook -------------------------------------------------
run env CTL_HOOK_ACTION=tmp CTL_HOOK_TMP="$W/hook tmp" CTL_FIXTURE_TERM_DELAY_MS=0 ctl daemon
expect_rc 0 "daemon with RELEASE_TMP from the hook"
[ -f "$W/hook tmp/ctl.pid" ] || fail "the pid file is not in the hook's RELEASE_TMP"
PID=$(cat "$W/hook tmp/ctl.pid")
started="$started $PID"
[ ! -e "$PIDFILE" ] || fail "daemon wrote the pid file to the default RELEASE_TMP"
grep -q "serving as pid $PID" "$W/hook tmp/ctl.log" || fail "the log is not in the hook's RELEASE_TMP"
run env CTL_HOOK_ACTION=tmp CTL_HOOK_TMP="$W/hook tmp" CTL_FIXTURE_MODE=env ctl eval prog RELEASE_TMP
expect_out "RELEASE_TMP from the hook reaches the program" "RELEASE_TMP=$W/hook tmp"
run env CTL_HOOK_ACTION=tmp CTL_HOOK_TMP="$W/hook tmp" ctl stop
expect_rc 0 "stop with RELEASE_TMP from the hook"
process_gone "$PID" || fail "stop with RELEASE_TMP from the hook did not stop $PID"

# --- a program that dies at once ---------------------------------------------------
run env CTL_FIXTURE_MODE=exit CTL_FIXTURE_STATUS=4 ctl daemon
expect_rc 1 "daemon of a program that exits at once"
expect_in "$ERR" "status 4" "daemon of a program that exits at once"
[ ! -e "$PIDFILE" ] || fail "daemon left a pid file for a program that exited"

# --- restart when nothing runs starts it ----------------------------------------
run ctl restart again
expect_rc 0 "restart when not running"
PID=$(cat "$PIDFILE")
started="$started $PID"
process_gone "$PID" && fail "restart when not running did not start"
run ctl stop
expect_rc 0 "stop after restart"

# --- a daemon command during a restart waits for it ------------------------------
if command -v flock >/dev/null 2>&1; then
  run env CTL_FIXTURE_TERM_DELAY_MS=1500 ctl daemon
  expect_rc 0 "daemon before a restart"
  old=$(cat "$PIDFILE")
  started="$started $old"
  ctl restart >"$W/restart.out" 2>&1 &
  r=$!
  sleep 0.3
  run ctl daemon
  wait "$r" || { cat "$W/restart.out" >&2; fail "restart while a daemon command waits"; }
  PID=$(cat "$PIDFILE")
  started="$started $PID"
  [ "$PID" != "$old" ] || fail "restart kept the old pid"
  expect_rc 1 "daemon during a restart"
  expect_in "$ERR" "already running (pid $PID)" "daemon during a restart waits for the new program"
  run ctl stop
  expect_rc 0 "stop after restart"
fi

# --- two daemon commands at once start one program ------------------------------------
# Rounds 1-3 with flock(1), 4-6 with a PATH that lacks it (the fallback:
# exclusive creation of the pid file).
mkdir -p "$W/no-flock"
# (printf: mksh has no built-in one; the test's shell has, so its file is
# taken from /usr/bin.)
for tool in sh env sleep setsid mkdir rm tail cat readlink ls printf ${CTL_SHELL%% *}; do
  file=$(command -v "$tool")
  case $file in /*) ;; *) file=/usr/bin/$tool ;; esac
  ln -s "$file" "$W/no-flock/$tool"
done
ln -s "$W/.bin/ctl" "$W/no-flock/ctl"
for round in 1 2 3 4 5 6; do
  path=$PATH
  [ "$round" -le 3 ] || path=$W/no-flock
  PATH=$path ctl daemon >"$W/a.out" 2>&1 &
  a=$!
  PATH=$path ctl daemon >"$W/b.out" 2>&1 &
  b=$!
  ra=0 rb=0
  wait "$a" || ra=$?
  wait "$b" || rb=$?
  if [ "$ra$rb" != 01 ] && [ "$ra$rb" != 10 ]; then
    cat "$W/a.out" "$W/b.out" >&2
    fail "concurrent daemons, round $round: statuses $ra and $rb"
  fi
  PID=$(cat "$PIDFILE")
  started="$started $PID"
  if [ "$round" -le 3 ]; then
    # With flock the second command waits for the first, then finds it running.
    if [ "$ra" = 1 ]; then loser=$W/a.out; else loser=$W/b.out; fi
    grep -q "already running (pid $PID)" "$loser" \
      || { cat "$loser" >&2; fail "concurrent daemons, round $round: the second did not wait for the first"; }
  fi
  n=$(count_running "$ROOT/libexec/prog")
  [ "$n" -eq 1 ] || { cat "$W/a.out" "$W/b.out" >&2; fail "concurrent daemons, round $round: $n programs running"; }
  run ctl stop
  expect_rc 0 "stop after concurrent daemons, round $round"
done

echo "daemon: all checks passed (shell: ${CTL_SHELL:-#!})"
