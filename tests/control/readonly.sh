# A read-only release (bind-mounted read-only in a private mount namespace):
# start, eval, version, pid and stop work; daemon needs RELEASE_TMP elsewhere
# and says so; nothing is ever written outside RELEASE_TMP.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

need_root "bind-mount the release read-only"
need_cmd unshare util-linux
export CTL_SECRET=s3cret

copy_release "$W/ro rel/ctl"
use_release "$W/ro rel/ctl"
ROOT=$(physical "$R")
TMPD="$W/writable tmp"
trap 'kill_programs_of "$ROOT"' EXIT

# Can this machine make a read-only bind mount in a mount namespace?
if ! unshare --mount sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1"' sh "$R" 2>"$W/unshare.err"; then
  skip "no read-only bind mount in a mount namespace here: $(cat "$W/unshare.err")"
fi

before=$(tree_state "$R")

# The checks inside the namespace, as a script of their own.
cat >"$W/inside.sh" <<'INSIDE'
set -u
W=$1 R=$2 ROOT=$3 TMPD=$4
fail() { printf 'FAIL (read-only): %s\n' "$*" >&2; exit 1; }
ctl() { "$R/bin/ctl" "$@"; }

touch "$R/probe" 2>/dev/null && fail "the release is writable: the test proves nothing"
[ -d "$R/tmp" ] && fail "the release has a tmp/ directory before the test"

out=$(CTL_FIXTURE_MODE=args ctl start 'a b' '') || fail "start: status $?"
[ "$out" = "[a b]
[]" ] || fail "start: output '$out'"
out=$(ctl eval migrate up) || fail "eval: status $?"
[ "$out" = "migrate up" ] || fail "eval: output '$out'"
[ "$(ctl version)" = "ctl 1.2.3" ] || fail "version"
out=$(RELEASE_DRY_RUN=1 ctl daemon) || fail "dry run of daemon: status $?"
[ "$out" = "'$ROOT/libexec/prog'" ] || fail "dry run of daemon: output '$out'"

# pid and stop report "not running" without writing anything.
ctl pid 2>/dev/null; st=$?
[ "$st" -eq 3 ] || fail "pid: status $st"
ctl stop 2>/dev/null; st=$?
[ "$st" -eq 3 ] || fail "stop: status $st"

# daemon with the default RELEASE_TMP (inside the release) cannot work: a
# clear message naming RELEASE_TMP, status 1, nothing started.
CTL_FIXTURE_MODE=serve ctl daemon 2>"$W/daemon.err"; st=$?
[ "$st" -eq 1 ] || fail "daemon with a read-only RELEASE_TMP: status $st"
grep -q RELEASE_TMP "$W/daemon.err" || fail "daemon with a read-only RELEASE_TMP: message '$(cat "$W/daemon.err")'"

# With RELEASE_TMP elsewhere, the whole cycle works.
export RELEASE_TMP="$TMPD"
CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=200 ctl daemon || fail "daemon with RELEASE_TMP elsewhere: status $?"
pid=$(ctl pid) || fail "pid with RELEASE_TMP elsewhere"
[ "$pid" = "$(cat "$TMPD/ctl.pid")" ] || fail "the pid file is not under RELEASE_TMP"
grep -q "serving as pid $pid" "$TMPD/ctl.log" || fail "the log is not under RELEASE_TMP"
CTL_FIXTURE_MODE=serve ctl restart || fail "restart with RELEASE_TMP elsewhere: status $?"
ctl stop || fail "stop with RELEASE_TMP elsewhere: status $?"
[ ! -e "$TMPD/ctl.pid" ] || fail "stop left the pid file"
echo inside-ok
INSIDE

run unshare --mount sh -c 'mount --bind "$3" "$3" && mount -o remount,bind,ro "$3" "$3" && exec sh "$@"' \
  sh "$W/inside.sh" "$W" "$R" "$ROOT" "$TMPD"
expect_rc 0 "checks on the read-only release"
expect_out "checks on the read-only release" inside-ok

# Writable release, every command with RELEASE_TMP elsewhere: the release
# directory stays exactly as it was.
export RELEASE_TMP="$W/tmp2"
CTL_FIXTURE_MODE=args ctl start x >/dev/null
ctl eval migrate >/dev/null
ctl version >/dev/null
CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 ctl daemon
ctl pid >/dev/null
CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 ctl restart
ctl stop
ctl stop 2>/dev/null || :
[ "$before" = "$(tree_state "$R")" ] || fail "commands changed the release directory"
[ -f "$W/tmp2/ctl.log" ] || fail "no log under RELEASE_TMP"
# Everything written went under RELEASE_TMP: the log and the lock, no pid file left.
ls -A "$W/tmp2" | LC_ALL=C sort >"$OUT"
expect_out "files under RELEASE_TMP after stop" ctl.lock ctl.log

echo "readonly: all checks passed"
