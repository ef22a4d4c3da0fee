# BEFORE_START: the fixture's release ctltask runs two migrate tasks before
# start, daemon and restart, as eval runs them; a failing task stops the
# command with its status, naming the task; a dry run prints them.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

copy_release "$W/rel/ctltask" ctltask
R=$W/rel/ctltask
ROOT=$(physical "$R")
trap 'kill_programs_of "$ROOT"' EXIT
export CTL_SECRET=s3cret RELEASE_DATA="$W/data"
T=$W/trace
task1="migrate --to v 2 $W/data/db"
task2="migrate it's second"

# start: the tasks in order (words as written, $RELEASE_DATA expanded), then
# the program; the tasks' output goes to the caller.
run env CTL_FIXTURE_TRACE="$T" CTL_FIXTURE_MODE=args "$R/bin/ctltask" start serve
expect_rc 0 "start with tasks"
expect_out "start with tasks" "$task1" "$task2" "[serve]"
printf '%s\n' "$task1" "$task2" prog >"$W/.expected"
cmp -s "$W/.expected" "$T" || { cat "$T" >&2; fail "the tasks did not run before the program"; }

# A failing task: its status, a message naming it, the program not run.
rm -f "$T"
run env CTL_FIXTURE_TRACE="$T" CTL_MIGRATE_STATUS=3 "$R/bin/ctltask" start
expect_rc 3 "start with a failing task"
expect_in "$ERR" "ctltask: start: the BEFORE_START task 'migrate --to 'v 2' \$RELEASE_DATA/db' failed with status 3; prog was not started" "a failing task"
printf '%s\n' "$task1" >"$W/.expected"
cmp -s "$W/.expected" "$T" || { cat "$T" >&2; fail "something ran after the failing task"; }

# REQUIRED_ENV comes first: no task runs without it.
rm -f "$T"
run env -u CTL_SECRET CTL_FIXTURE_TRACE="$T" "$R/bin/ctltask" start
expect_rc 1 "start without CTL_SECRET"
[ ! -e "$T" ] || fail "a task ran without CTL_SECRET"

# Dry run: the tasks' commands, then the program's; nothing run.
for cmd in start daemon restart; do
  run env RELEASE_DRY_RUN=1 CTL_FIXTURE_TRACE="$T" "$R/bin/ctltask" "$cmd" x
  expect_rc 0 "dry run of $cmd"
  expect_out "dry run of $cmd" "'$ROOT/libexec/migrate' '--to' 'v 2' '$W/data/db'" \
    "'$ROOT/libexec/migrate' 'it'\\''s' 'second'" "'$ROOT/libexec/prog' 'x'"
  [ ! -e "$T" ] || fail "the dry run of $cmd ran something"
done

# daemon: the tasks run first, in the foreground; a failing one starts nothing.
run env CTL_FIXTURE_TRACE="$T" CTL_MIGRATE_STATUS=4 CTL_FIXTURE_MODE=serve "$R/bin/ctltask" daemon
expect_rc 4 "daemon with a failing task"
expect_in "$ERR" "daemon: the BEFORE_START task" "daemon with a failing task"
[ ! -e "$ROOT/tmp/ctltask.pid" ] || fail "daemon left a pid file after a failing task"
run "$R/bin/ctltask" pid
expect_rc 3 "pid after a failing task"
rm -f "$T"
run env CTL_FIXTURE_TRACE="$T" CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 "$R/bin/ctltask" daemon
expect_rc 0 "daemon with tasks"
expect_out "daemon with tasks" "$task1" "$task2"
# restart: stop, the tasks, the new daemon.
run env CTL_FIXTURE_TRACE="$T" CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 "$R/bin/ctltask" restart
expect_rc 0 "restart with tasks"
sleep 0.3
printf '%s\n' "$task1" "$task2" prog "$task1" "$task2" prog >"$W/.expected"
cmp -s "$W/.expected" "$T" || { cat "$T" >&2; fail "daemon and restart did not run the tasks before the program"; }
run "$R/bin/ctltask" stop
expect_rc 0 "stop"
echo "before-start: all checks passed ($CTL_LAUNCHER launcher)"
