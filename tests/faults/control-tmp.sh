# The control script under a hostile RELEASE_TMP and settings (as root, like
# the tests; other users through setpriv): a RELEASE_TMP owned by another
# user with a planted pid file (and start time) naming a process of ours is
# refused by stop, pid and daemon, and the process lives; so is one that
# others can write; the daemon log is never followed through a symbolic
# link; a daemon that exits at once shows this run's output only; numeric
# settings are bounded; a dry run of 20,000 arguments is linear; an empty
# PATH is named as the cause.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"
need_root "make directories owned by another user"
need_cmd setpriv util-linux

bld="$TEST_WORK_DIR/build"
rel="$bld/release/app"
app_build "$bld"
W=$TEST_WORK_DIR

sleep 300 &
victim=$!
cleanup() {
  kill "$victim" 2>/dev/null || :
  [ -z "${daemon_pid:-}" ] || kill "$daemon_pid" 2>/dev/null || :
}
trap cleanup EXIT
start_time=$(sed 's/^.*) //' "/proc/$victim/stat" | cut -d' ' -f20)

# refused <label> <exit> <regex> <command>...: the command fails with <exit>
# and says <regex>; the victim still runs.
refused() {
  _label=$1 _want=$2 _regex=$3
  shift 3
  _rc=0
  "$@" >"$W/out.txt" 2>"$W/err.txt" || _rc=$?
  [ "$_rc" = "$_want" ] || { cat "$W/out.txt" "$W/err.txt"; fail "$_label: exit $_rc, expected $_want"; }
  # The whole message: one line, anchored at both ends.
  tr '\n' ' ' <"$W/err.txt" | sed 's/ $//' | grep -Eq -- "$_regex" \
    || { cat "$W/err.txt" >&2; fail "$_label: stderr does not say: $_regex"; }
  process_gone "$victim" && fail "$_label: the planted pid's process was signalled"
  :
}

# 1. Another user's RELEASE_TMP with a planted pid file and start time.
foreign=$W/foreign
rm -rf "$foreign"
mkdir -p "$foreign"
echo "$victim" >"$foreign/app.pid"
echo "$start_time" >"$foreign/app.pid.start"
chown -R nobody "$foreign"
chmod 755 "$foreign"
for cmd in stop pid daemon restart; do
  refused "$cmd in a foreign RELEASE_TMP" 1 \
    "^app: $cmd: RELEASE_TMP \($foreign\) belongs to nobody, not to you: its pid file could name any process\. Fix: set RELEASE_TMP to a directory of your own \(mkdir -m 700 <dir>\), or leave it unset for <release>/tmp$" \
    env RELEASE_TMP="$foreign" "$rel/bin/app" "$cmd"
done
# The same planted files under a directory of ours: stop would signal the
# victim (its start time matches), so the refusal above is what saved it.
own=$W/own
rm -rf "$own"
mkdir -m 700 "$own"
cp "$foreign/app.pid" "$foreign/app.pid.start" "$own/"
[ "$(RELEASE_TMP=$own "$rel/bin/app" pid)" = "$victim" ] || fail "the planted pid file is not taken as the daemon's in a directory of ours: the test proves nothing"

# As nobody, root's directory is foreign too.
chmod 755 "$W" "$own"
refused "stop by nobody in root's RELEASE_TMP" 1 "^app: stop: RELEASE_TMP \($own\) belongs to root, not to you" \
  setpriv --reuid=65534 --regid=65534 --clear-groups env RELEASE_TMP="$own" "$rel/bin/app" stop
rm -rf "$own"

# 2. Writable by others: world (even sticky, like /tmp) or group.
for mode in 777 1777 775; do
  open=$W/open-$mode
  rm -rf "$open"
  mkdir "$open"
  chmod "$mode" "$open"
  echo "$victim" >"$open/app.pid"
  echo "$start_time" >"$open/app.pid.start"
  shown=$(stat -c %A "$open")
  refused "stop in a RELEASE_TMP of mode $mode" 1 \
    "^app: stop: RELEASE_TMP \($open\) is writable by others \(mode $shown\): they could plant its pid file or log\. Fix: chmod go-w '$open', or set RELEASE_TMP to a directory of your own$" \
    env RELEASE_TMP="$open" "$rel/bin/app" stop
done

# 3. The log is a symbolic link (to a file the daemon must not write).
tmp=$W/logtmp
rm -rf "$tmp"
mkdir -m 700 "$tmp"
echo precious >"$W/precious.txt"
ln -s "$W/precious.txt" "$tmp/app.log"
refused "daemon with a symlinked log" 1 \
  "^app: daemon: the log $tmp/app\.log is a symbolic link\. Fix: remove it \(the daemon appends its output to a regular file there\)$" \
  env RELEASE_TMP="$tmp" "$rel/bin/app" daemon
[ "$(cat "$W/precious.txt")" = precious ] || fail "the daemon wrote through the log's symbolic link"
[ ! -e "$tmp/app.pid" ] || fail "a refused daemon left a pid file"

# 4. A daemon that exits at once: this run's output, not the old log's.
rm -f "$tmp/app.log"
printf 'OLD RUN line %s\n' 1 2 3 4 5 >"$tmp/app.log"
refused "a daemon that exits at once" 1 "exited with status 0 right after starting" \
  env RELEASE_TMP="$tmp" APP_SECONDS=0 RELEASE_DAEMON_GRACE=1 "$rel/bin/app" daemon
grep -q '^hello, world from ' "$W/err.txt" || { cat "$W/err.txt"; fail "the daemon's failure does not show its output"; }
if grep -q 'OLD RUN' "$W/err.txt"; then
  cat "$W/err.txt"
  fail "the daemon's failure shows lines of an earlier run"
fi
# A new RELEASE_TMP is made private.
fresh=$W/fresh/tmp
rm -rf "$W/fresh"
env RELEASE_TMP="$fresh" "$rel/bin/app" daemon >"$W/out.txt" 2>&1 || { cat "$W/out.txt"; fail "daemon with a new RELEASE_TMP failed"; }
daemon_pid=$(env RELEASE_TMP="$fresh" "$rel/bin/app" pid)
[ "$(stat -c %a "$fresh")" = 700 ] || fail "a new RELEASE_TMP has mode $(stat -c %a "$fresh"), not 700"

# 5. Numeric settings: overflowing or malformed values stop nothing.
for value in 99999999999999999999 1000000 -1 1e3 ''; do
  [ -n "$value" ] || continue
  refused "RELEASE_STOP_TIMEOUT=$value" 2 \
    "^app: stop: RELEASE_STOP_TIMEOUT must be a whole number of seconds from 0 to 999999, not '$value'\. Fix: set it to e\.g\. 30, or unset it$" \
    env RELEASE_TMP="$fresh" RELEASE_STOP_TIMEOUT="$value" "$rel/bin/app" stop
  process_gone "$daemon_pid" && fail "stop with RELEASE_STOP_TIMEOUT=$value stopped the daemon"
done
refused "RELEASE_DAEMON_GRACE=123456789" 2 \
  "^app: daemon: RELEASE_DAEMON_GRACE must be a number of seconds \(at most 8 characters, e\.g\. 0\.5\), not '123456789'\. Fix: set it to e\.g\. 0\.5, or unset it$" \
  env RELEASE_TMP="$W/unused" RELEASE_DAEMON_GRACE=123456789 "$rel/bin/app" daemon
# Leading zeros are decimal (08 is no octal error).
env RELEASE_TMP="$fresh" RELEASE_STOP_TIMEOUT=08 "$rel/bin/app" stop >"$W/out.txt" 2>&1 \
  || { cat "$W/out.txt"; fail "stop with RELEASE_STOP_TIMEOUT=08 failed"; }
process_gone "$daemon_pid" || fail "stop did not end the daemon"
daemon_pid=

# 6. An empty PATH is named, not blamed on RELEASE_TMP.
refused "daemon with an empty PATH" 1 \
  "^app: daemon needs the command 'mkdir', which PATH \(''\) does not find\. Fix: run it with the system's directories in PATH, e\.g\. PATH=/usr/bin:/bin$" \
  env PATH= "$rel/bin/app" daemon

# 7. A dry run of 20,000 arguments: one line, every argument, linear time.
# dry_ms <n>: prints the milliseconds of a dry run with <n> arguments.
dry_ms() {
  # shellcheck disable=SC2046 # one argument per word, on purpose
  set -- "$1" $(seq "$1" | sed 's/$/ x/')
  _n=$1
  shift
  _t0=$(date +%s%N)
  RELEASE_DRY_RUN=1 "$rel/bin/app" start "$@" >"$W/dry.txt" || fail "the dry run of $_n arguments failed"
  _t1=$(date +%s%N)
  [ "$(wc -l <"$W/dry.txt")" = 1 ] || fail "the dry run printed more than one line"
  [ "$(tr ' ' '\n' <"$W/dry.txt" | grep -c "^'[0-9]*'$")" = "$_n" ] || fail "the dry run did not print the $_n arguments"
  echo $(((_t1 - _t0) / 1000000))
}
t5=$(dry_ms 5000)
t20=$(dry_ms 20000)
echo "dry run: 5,000 arguments ${t5} ms, 20,000 arguments ${t20} ms"
# Linear: 4x the arguments, about 4x the time; quadratic would be 16x.
[ "$t20" -le $((t5 * 10 + 200)) ] || fail "the dry run is not linear: ${t5} ms for 5,000, ${t20} ms for 20,000 arguments"
echo "control script: foreign and open RELEASE_TMP, symlinked log, settings, PATH and dry run all handled"
