# DEBUG_SYMBOLS SPLIT: a release of tests/service/crasher (a program and a
# shared library of its own, built RelWithDebInfo) holds stripped files, each
# with a .gnu_debuglink; the debug tree beside it holds one
# .build-id/xx/yyyy.debug per file with debug information. The program
# crashes (SIGSEGV in the library) under gdb: with the debug tree as gdb's
# debug-file-directory the backtrace names the functions and source lines,
# without it only addresses and exported names. The release is as small as
# a STRIP release of the same build, but for the links (measured).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd gdb gdb
need_cmd objcopy binutils
src=$CMAKE_RELEASE_SOURCE_DIR/tests/service/crasher
for mode in SPLIT STRIP; do
  rm -rf "${TEST_WORK_DIR:?}/$mode"
  configure_and_build "$src" "$TEST_WORK_DIR/$mode" release -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" "-DCRASHER_SYMBOLS=$mode"
done
R=$TEST_WORK_DIR/SPLIT/release/crasher
D=$TEST_WORK_DIR/SPLIT/release/crasher-debug
[ "$("$R/bin/crasher" start)" = fine ] || fail "the SPLIT release does not run"

# Stripped, linked, and one debug file per build-id.
for f in libexec/crasher lib/libsvcutil.so; do
  sections=$(readelf -S -W "$R/$f")
  case $sections in *.debug_info* | *.symtab*) fail "$f is not stripped" ;; esac
  case $sections in *.gnu_debuglink*) ;; *) fail "$f has no .gnu_debuglink" ;; esac
  id=$(readelf -n "$R/$f" | sed -n 's/^ *Build ID: *//p')
  [ -n "$id" ] || fail "$f has no build-id"
  dbg=$D/.build-id/$(printf '%s' "$id" | cut -c1-2)/$(printf '%s' "$id" | cut -c3-).debug
  [ -f "$dbg" ] || fail "no debug file $dbg for $f"
  readelf -S -W "$dbg" 2>/dev/null | grep -q '\.debug_info' || fail "$dbg holds no debug information"
  readelf -n "$dbg" 2>/dev/null | grep -q "Build ID: $id" || fail "$dbg has another build-id than $f"
done
n=$(find "$D" -type f | wc -l)
[ "$n" = 2 ] || fail "the debug tree has $n files, expected 2: $(find "$D" -type f)"

# backtrace <debug-file-directory>: gdb runs the program until it crashes.
backtrace() {
  gdb -nx -batch -iex "set debug-file-directory $1" -ex run -ex bt \
    --args "$R/libexec/crasher" crash 2>&1
}
crash_line=$(grep -n 'CRASH-LINE' "$src/svcutil.cpp" | tail -1 | cut -d: -f1)
call_line=$(grep -n 'CALL-LINE' "$src/crash.cpp" | tail -1 | cut -d: -f1)
backtrace "$D" >"$TEST_WORK_DIR/bt-with.txt"
grep -q 'SIGSEGV' "$TEST_WORK_DIR/bt-with.txt" || { cat "$TEST_WORK_DIR/bt-with.txt"; fail "the program did not crash under gdb"; }
grep -Eq "^#0 .*svcutil_poke .* at [^ ]*svcutil\\.cpp:$crash_line\$" "$TEST_WORK_DIR/bt-with.txt" \
  || { cat "$TEST_WORK_DIR/bt-with.txt"; fail "with the debug tree, frame #0 does not name svcutil_poke at svcutil.cpp:$crash_line"; }
grep -Eq "^#1 .*crash_here .* at [^ ]*crash\\.cpp:$call_line\$" "$TEST_WORK_DIR/bt-with.txt" \
  || { cat "$TEST_WORK_DIR/bt-with.txt"; fail "with the debug tree, frame #1 does not name crash_here at crash.cpp:$call_line"; }
backtrace "$TEST_WORK_DIR/no-such-dir" >"$TEST_WORK_DIR/bt-without.txt"
grep -q 'SIGSEGV' "$TEST_WORK_DIR/bt-without.txt" || fail "without the debug tree the program did not crash"
if grep -E '\.cpp:[0-9]|crash_here' "$TEST_WORK_DIR/bt-without.txt"; then
  fail "without the debug tree gdb still found source lines or local function names"
fi
grep -Eq '^#1 +0x[0-9a-f]+ in \?\? \(\)' "$TEST_WORK_DIR/bt-without.txt" \
  || { cat "$TEST_WORK_DIR/bt-without.txt"; fail "without the debug tree, frame #1 is not a bare address"; }

# As small as STRIP: the same files, each larger only by its debug link.
S=$TEST_WORK_DIR/STRIP/release/crasher
split_size=$(du -sb "$R" | cut -f1)
strip_size=$(du -sb "$S" | cut -f1)
for f in libexec/crasher lib/libsvcutil.so bin/crasher; do
  a=$(wc -c <"$R/$f") b=$(wc -c <"$S/$f")
  [ "$a" -le $((b + 256)) ] || fail "$f: $a bytes in the SPLIT release, $b with STRIP"
done
echo "sizes: SPLIT release $split_size bytes, STRIP release $strip_size bytes, debug tree $(du -sb "$D" | cut -f1) bytes"
echo "ok: split debug symbols"
