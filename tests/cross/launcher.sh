# The native launcher cross-built for $TRIPLE: the control fixture built with
# the triple's toolchain and LAUNCHER native; bin/ctl is a static program of
# the target, and its commands (version, start, eval, an entry point, start
# tasks, the dry run, a missing REQUIRED_ENV, daemon/pid/stop, probe) run
# under qemu-user. The launcher itself needs no QEMU_LD_PREFIX (static); the
# fixture's programs do.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
: "${TRIPLE:?}"
need_cross "$TRIPLE"
need_qemu "$TRIPLE"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/control/fixture" "$bld" release \
  "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$TRIPLE.cmake" \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" -DCTL_LAUNCHER=native
rel="$bld/release/ctl"
task="$bld/release/ctltask"
check_machine "$rel" "$TRIPLE"
readelf -l "$rel/bin/ctl" | grep -q INTERP && fail "bin/ctl is not static"
root=$(cd -P "$rel" && pwd -P)
export CTL_SECRET=s3cret

# The launcher alone, without the target's libraries.
out=$(env -u QEMU_LD_PREFIX "$rel/bin/ctl" version) || fail "bin/ctl version failed"
[ "$out" = "ctl 1.2.3" ] || fail "bin/ctl version: $out"
out=$(env -u QEMU_LD_PREFIX RELEASE_DRY_RUN=1 "$rel/bin/migrate" --up) || fail "dry run failed"
[ "$out" = "'$root/libexec/migrate' '--up'" ] || fail "dry run of bin/migrate: $out"
rc=0
env -u CTL_SECRET -u QEMU_LD_PREFIX "$rel/bin/ctl" start 2>"$TEST_WORK_DIR/err" || rc=$?
[ "$rc" -eq 1 ] || fail "a missing REQUIRED_ENV: status $rc, expected 1"
grep -q 'CTL_SECRET' "$TEST_WORK_DIR/err" || fail "a missing REQUIRED_ENV is not named"

QEMU_LD_PREFIX=$(qemu_prefix "$TRIPLE")
export QEMU_LD_PREFIX
out=$(CTL_FIXTURE_MODE=args "$rel/bin/ctl" start 'a b' '') || fail "start failed"
[ "$out" = "$(printf '[a b]\n[]')" ] || fail "start: $out"
out=$(CTL_FIXTURE_MODE='env' "$rel/bin/ctl" eval prog RELEASE_COMMAND CTL_HOOK_BUILT) || fail "eval failed"
[ "$out" = "$(printf 'RELEASE_COMMAND=eval\nCTL_HOOK_BUILT=ctl 1.2.3 noted at configure time')" ] \
  || fail "eval (env through the hook): $out"
rc=0
CTL_MIGRATE_STATUS=6 "$rel/bin/migrate" x >/dev/null || rc=$?
[ "$rc" -eq 6 ] || fail "bin/migrate: status $rc, expected 6"
out=$(RELEASE_DATA=/data CTL_FIXTURE_MODE=args "$task/bin/ctltask" start go) || fail "ctltask start failed"
[ "$out" = "$(printf "migrate --to v 2 /data/db\nmigrate it's second\n[go]")" ] || fail "start tasks: $out"

# daemon, pid, stop (the daemon runs under qemu too).
trap 'kill_leftover "$(cat "$rel/tmp/ctl.pid" 2>/dev/null)"' EXIT
CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 RELEASE_DAEMON_GRACE=1 "$rel/bin/ctl" daemon \
  || fail "daemon failed"
pid=$("$rel/bin/ctl" pid) || fail "pid failed"
[ "$pid" = "$(cat "$rel/tmp/ctl.pid")" ] || fail "pid: $pid"
"$rel/bin/ctl" stop || fail "stop failed"
rc=0
"$rel/bin/ctl" pid 2>/dev/null || rc=$?
[ "$rc" -eq 3 ] || fail "pid after stop: status $rc, expected 3"

# probe against a port of this machine.
need_cmd python3 python3
python3 -c 'import socket,sys,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(4); print(s.getsockname()[1], flush=True); time.sleep(60)' \
  >"$TEST_WORK_DIR/port" &
listener=$!
for _ in $(seq 300); do [ -s "$TEST_WORK_DIR/port" ] && break; sleep 0.1; done
"$rel/bin/ctl" probe "tcp://127.0.0.1:$(cat "$TEST_WORK_DIR/port")" || fail "probe of a listening port failed"
kill "$listener"
rc=0
"$rel/bin/ctl" probe "tcp://127.0.0.1:1" 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "probe of a closed port: status $rc, expected 1"
echo "the native launcher for $TRIPLE runs under qemu"
