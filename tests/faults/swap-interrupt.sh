# The swap killed at each of its renames (and while it removes the old
# release), on the exchange path and on the two-rename fallback (the exchange
# made to fail with EINVAL, as on a file system without it): after each kill
# <out>/app is a whole release, the old or the new one (the fallback alone
# may leave none for a moment: it is back before anything else is done);
# the running daemon's tmp/ (pid file, log) is never lost; the next build
# finishes the swap, and the daemon is still known to `pid` and `stop`.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"
need_cmd strace strace

bld="$TEST_WORK_DIR/build"
out="$bld/release"
rel="$out/app"
overlay="$TEST_WORK_DIR/overlay"
rm -rf "$overlay"
mkdir -p "$overlay/share"
echo 0 >"$overlay/share/round.txt"
app_build "$bld" "-Dapp_extra=OVERLAYS;$overlay"

"$rel/bin/app" daemon >"$TEST_WORK_DIR/daemon.out" 2>&1 || { cat "$TEST_WORK_DIR/daemon.out"; fail "daemon did not start"; }
pid=$("$rel/bin/app" pid) || fail "no pid after daemon"
cleanup() { kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
[ -s "$rel/tmp/app.log" ] || fail "the daemon wrote no log"
cp "$rel/tmp/app.log" "$TEST_WORK_DIR/log.expected"

# A trial of strace's injection: without ptrace, skip.
strace -f -qq -o /dev/null -e trace=none true 2>/dev/null || skip "strace cannot trace here (ptrace not permitted)"

# whole_release <dir>: the release at <dir> has what a release has and runs.
whole_release() {
  for f in bin/app libexec/app lib/libgreet.so lib/libstdc++.so.6 releases/1.0.0/env.sh \
           releases/1.0.0/manifest.txt share/round.txt; do
    [ -f "$1/$f" ] || return 1
  done
  release_runs "$1" "$TEST_WORK_DIR/run.out"
}

# tmp_kept: the daemon's tmp/ is in the release or beside it in .app.new or
# .app.old (where the next build takes it from), with its pid file and log.
tmp_kept() {
  for t in "$rel/tmp" "$out/.app.new/tmp" "$out/.app.old/tmp"; do
    if [ -f "$t/app.pid" ] && [ "$(cat "$t/app.pid")" = "$pid" ] && cmp -s "$t/app.log" "$TEST_WORK_DIR/log.expected"; then
      return 0
    fi
  done
  return 1
}

round=0
injections=''
# interrupt <label> <strace -e argument>...: one round.
interrupt() {
  label=$1
  shift
  previous=$round
  round=$((round + 1))
  echo "$round" >"$overlay/share/round.txt"
  set --
  for spec in $injections; do set -- "$@" -e "$spec"; done
  if strace -f -qq -o "$TEST_WORK_DIR/strace.$round.txt" "$@" \
       "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/round.$round.log" 2>&1; then
    cat "$TEST_WORK_DIR/round.$round.log"
    fail "$label: the build was not interrupted (nothing to inject into?)"
  fi
  grep -q 'Release app: assembling' "$TEST_WORK_DIR/round.$round.log" || fail "$label: the swap did not run"
  if [ -d "$rel" ]; then
    whole_release "$rel" || fail "$label: $rel is not a whole release after the kill"
    now=$(cat "$rel/share/round.txt")
    [ "$now" = "$previous" ] || [ "$now" = "$round" ] || fail "$label: the release is neither the old nor the new one ($now)"
  elif [ "$fallback" != yes ]; then
    fail "$label: no release at $rel after the kill (the exchange leaves no such moment)"
  fi
  tmp_kept || fail "$label: the daemon's tmp/ was lost: $(ls -la "$rel/tmp" "$out"/.app.* 2>&1)"
  build_ok "$bld" "$TEST_WORK_DIR/repair.$round.log" "$label: the next build"
  whole_release "$rel" || fail "$label: the next build left no whole release"
  [ "$(cat "$rel/share/round.txt")" = "$round" ] || fail "$label: the next build did not put the new release in place"
  [ "$("$rel/bin/app" pid)" = "$pid" ] || fail "$label: after the next build, pid does not name the daemon"
  cmp -s "$rel/tmp/app.log" "$TEST_WORK_DIR/log.expected" || fail "$label: the daemon's log changed"
  leftovers=$(find "$out" -mindepth 1 -maxdepth 1 ! -name app)
  [ -z "$leftovers" ] || fail "$label: the next build left $leftovers"
  echo "$label: ok"
}

# The exchange path: renameat2 (the exchange tool), then rename (tmp/ into
# the new release), then the old release is removed.
fallback=no
injections="inject=renameat2:signal=KILL:when=1" interrupt "killed at the exchange"
injections="inject=rename:signal=KILL:when=1" interrupt "killed at the move of tmp/"
injections="inject=rmdir:signal=KILL:when=2" interrupt "killed while removing the old release"
injections="inject=unlink:signal=KILL:when=3" interrupt "killed while assembling the new release"
grep -q 'RENAME_EXCHANGE) = 0' "$TEST_WORK_DIR/strace.2.txt" || fail "the swap did not exchange: $(grep renameat2 "$TEST_WORK_DIR/strace.2.txt")"
grep -B1 'killed by SIGKILL' "$TEST_WORK_DIR/strace.3.txt" | grep -q 'rmdir(.*/\.app\.new/' \
  || fail "round 3 was not killed while removing the old release"
# The fallback: three renames (tmp/ out, old away, new in).
fallback=yes
for n in 1 2 3; do
  injections="inject=renameat2:error=EINVAL inject=rename:signal=KILL:when=$n" \
    interrupt "fallback, killed at rename $n"
done

"$rel/bin/app" stop >"$TEST_WORK_DIR/stop.out" 2>&1 || { cat "$TEST_WORK_DIR/stop.out"; fail "stop failed after the interrupted swaps"; }
process_gone "$pid" || fail "stop did not end the daemon"
trap - EXIT
echo "7 interrupted swaps: the release was always whole, the daemon's state kept"
