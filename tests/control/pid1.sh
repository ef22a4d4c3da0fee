# bin/ctl start as PID 1 (a container's entrypoint): the native launcher
# stays as the program's parent, forwards SIGTERM to it and reaps orphans.
# (Native only: the sh launcher execs the program, which then is PID 1
# itself; images of a sh release run with an init, docker run --init.)
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

need_cmd unshare util-linux
unshare --pid --fork --mount-proc true 2>/dev/null || skip "unshare --pid does not work here"
copy_release "$W/rel/ctl"
R=$W/rel/ctl
export CTL_SECRET=s3cret

# A program with the default signal actions that leaves orphans behind.
env CTL_FIXTURE_MODE=orphans unshare --pid --fork --mount-proc "$R/bin/ctl" start >"$OUT" 2>"$ERR" &
job=$!
trap 'kill -9 "$job" 2>/dev/null || :' EXIT
for _ in $(seq 100); do grep -q 'orphans left' "$OUT" && break; sleep 0.1; done
grep -q 'orphans left' "$OUT" || { show; fail "the program did not start"; }
# The launcher is PID 1 of the new namespace: the child of unshare.
init=$(tr -d ' ' <"/proc/$job/task/$job/children" 2>/dev/null)
[ -n "$init" ] || fail "no PID 1 under unshare"
[ "$(readlink -f "/proc/$init/exe")" = "$(physical "$R")/bin/ctl" ] || fail "PID 1 is not bin/ctl"
grep -q '^NSpid:.*[[:space:]]1$' "/proc/$init/status" || fail "bin/ctl is not PID 1 of its namespace"
sleep 1
# Its orphans exited: reaped, no zombie left.
zombies=0
# shellcheck disable=SC2013 # pids separated by spaces
for child in $(cat "/proc/$init/task/$init/children"); do
  state=$(sed 's/^.*) //' "/proc/$child/stat" | cut -d' ' -f1)
  [ "$state" != Z ] || zombies=$((zombies + 1))
done
[ "$zombies" -eq 0 ] || fail "$zombies zombies under PID 1"
# SIGTERM to PID 1 reaches the program, which dies of it (default action):
# the launcher exits with 128 + 15.
kill -s TERM "$init"
rc=0
wait "$job" || rc=$?
[ "$rc" -eq 143 ] || { show; fail "the program did not end by SIGTERM through PID 1 (status $rc)"; }
echo "pid1: all checks passed"
