# kill -9 of the whole build at random moments, N times (FAULTS_KILLS,
# default 10): after each kill the release is the old or the new one, whole;
# the next build repairs it (the new release, complete and running).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"
need_cmd setsid util-linux

bld="$TEST_WORK_DIR/build"
rel="$bld/release/app"
src="$TEST_WORK_DIR/src"
overlay="$TEST_WORK_DIR/overlay"
rm -rf "$src" "$overlay" "$bld"
cp -R "$APP_SRC" "$src"
mkdir -p "$overlay/share"
echo 0 >"$overlay/share/round.txt"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" "-Dapp_extra=OVERLAYS;$overlay"

# whole <what>: the release has every file its manifest names and runs.
whole() {
  [ -f "$rel/releases/1.0.0/manifest.txt" ] || fail "$1: no manifest"
  for f in bin/app libexec/app lib/libgreet.so lib/libstdc++.so.6 releases/1.0.0/env.sh share/round.txt; do
    [ -f "$rel/$f" ] || fail "$1: $f is missing from the release"
  done
  release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "$1: the release does not run"
}

# edit <round>: the change each round makes (the overlay and a source).
edit() {
  echo "$1" >"$overlay/share/round.txt"
  sed -i "s|^// round .*||" "$src/greet.cpp"
  echo "// round $1" >>"$src/greet.cpp"
}

# How long one round's build takes, unkilled: the kills fall in 0 to 1.25
# times that (compiling, linking, assembling or done). A fixed 0-4 s window
# killed nothing in 10 rounds once the build took under 0.7 s (about one run
# in seven), and then the test failed for want of a kill.
edit 0
start=$(date +%s%N)
build_ok "$bld" "$TEST_WORK_DIR/timed.log" "the timed build"
took_ms=$((($(date +%s%N) - start) / 1000000))
echo "one edit and build: ${took_ms} ms"

kills=${FAULTS_KILLS:-10}
round=0
killed=0
while [ "$round" -lt "$kills" ]; do
  round=$((round + 1))
  edit "$round"
  delay=$(awk -v seed="$$$round" -v ms="$took_ms" 'BEGIN { srand(seed); printf "%.2f", rand() * ms * 1.25 / 1000 }')
  setsid "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/kill.$round.log" 2>&1 &
  leader=$!
  sleep "$delay"
  if kill -s KILL -- "-$leader" 2>/dev/null; then
    killed=$((killed + 1))
  fi
  wait "$leader" 2>/dev/null || true
  now=$(cat "$rel/share/round.txt" 2>/dev/null) || fail "round $round (killed after ${delay}s): no release at $rel"
  [ "$now" = "$((round - 1))" ] || [ "$now" = "$round" ] \
    || fail "round $round (killed after ${delay}s): the release is neither the old nor the new one ($now)"
  whole "round $round (killed after ${delay}s)"
  build_ok "$bld" "$TEST_WORK_DIR/repair.$round.log" "round $round: the build after the kill"
  [ "$(cat "$rel/share/round.txt")" = "$round" ] || fail "round $round: the next build did not put the new release in place"
  whole "round $round, repaired"
  grep -q "round $round" "$src/greet.cpp"
  cmp -s "$bld/_release/app/stage/lib/libgreet.so" "$rel/lib/libgreet.so" \
    || fail "round $round: the repaired release does not hold the rebuilt library"
  echo "round $round: killed after ${delay}s, release was round $now; repaired"
done
[ "$killed" -gt 0 ] || fail "no build was killed: every build ended before its kill"
echo "$kills rounds, $killed builds killed mid-way: the release was always whole"
