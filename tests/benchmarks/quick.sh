# benchmarks.quick: `tests/benchmarks/run --quick` writes its table, and every
# row is there: with a value, a baseline value and a ratio for the rows the
# quick mode measures, and with the reason for the rows it skips.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd patchelf patchelf
need_cmd ninja ninja-build
need_cmd c++ g++

out=$TEST_WORK_DIR/out
log=$TEST_WORK_DIR/run.log
rm -rf "$out"
t0=$(date +%s)
rc=0
sh "$CMAKE_RELEASE_SOURCE_DIR/tests/benchmarks/run" --quick --out "$out" >"$log" 2>&1 || rc=$?
took=$(($(date +%s) - t0))
cat "$log"
[ "$rc" = 0 ] || fail "run --quick exited with $rc"
# How long it took is printed, not checked: speed is the table's business,
# and a wall-clock limit fails on a busy machine (140 s at load 8 in CI).
echo "run --quick took $took s"

table=$out/results.md
[ -s "$table" ] || fail "no $table"
grep -q "^results: $table\$" "$log" || fail "the script did not print where the table is"
grep -q '^- machine: .*, [0-9]* cores, ' "$table" || fail "no machine line (CPU, cores) in the table's header"
grep -q '^- tools: CMake [0-9.]*, Ninja [0-9.]*, patchelf [0-9.]*' "$table" \
  || fail "no tool versions in the table's header"
grep -q '^- date: ' "$table" || fail "no date in the table's header"
grep -q '^| # | figure | value' "$table" || fail "no table header"
if grep -q 'failed:' "$table"; then fail "a row failed"; fi

# cells <id>: the row's cells, one per line (id, figure, value, baseline,
# baseline value, ratio, N); nothing when there is no such row.
cells() {
  grep "^| $1 | " "$table" | head -n 1 | sed -e 's/^| //' -e 's/ |$//' | awk -F' [|] ' '{ for (i = 1; i <= NF; i++) print $i }'
}
cell() { cells "$1" | sed -n "${2}p"; }

measured="1.6 1.7 1.8 1.9 1.10 2.1 3.1 3.2 4.2"
skipped="1.1 1.2 1.3 1.4 1.5 4.1 4.3 4.4 4.5 5.1 5.2 5.3 5.4"
for id in $measured $skipped; do
  [ "$(cells "$id" | wc -l)" = 7 ] || fail "row $id is missing or does not have 7 cells"
done
[ "$(grep -c '^| [0-9]' "$table")" = 22 ] || fail "the table does not have exactly 22 rows"

number='^[0-9]+(\.[0-9]+)? (ms|s|MB)( \([0-9.]+–[0-9.]+\))?$'
for id in $measured; do
  value=$(cell "$id" 3)
  if [ "$id" = 1.7 ] && [ -z "${CMAKE_RELEASE_NO_SKIP:-}" ]; then
    case $value in
      'skipped: '?*) echo "row 1.7 skipped: $value"; continue ;;
    esac
  fi
  printf '%s\n' "$value" | grep -Eq "$number" || fail "row $id: value '$value' is not a figure"
  base=$(cell "$id" 5)
  printf '%s\n' "$base" | grep -Eq "$number" || fail "row $id: baseline value '$base' is not a figure"
  cell "$id" 6 | grep -Eq '^[0-9]+\.[0-9]+x$' || fail "row $id: ratio '$(cell "$id" 6)' is not a ratio"
  cell "$id" 7 | grep -Eq '^[0-9]+$' || fail "row $id: N '$(cell "$id" 7)' is not a number"
done
for id in $skipped; do
  [ "$(cell "$id" 3)" = "skipped: --quick" ] || fail "row $id should be 'skipped: --quick', is '$(cell "$id" 3)'"
done
echo "PASS"
