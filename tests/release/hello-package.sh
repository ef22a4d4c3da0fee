# Test 8: install and CPack.
# - `cmake --install <bld> --component hello --prefix <dir>` installs a
#   runnable release whose files are those of the assembled one;
# - `cpack -G TGZ` and `cmake --build <bld> --target package` make
#   hello-1.0.0-Linux-x86_64.tar.gz, whose single top directory
#   (hello-1.0.0-Linux-x86_64) is a runnable, relocatable release; TXZ too;
# - installing or packaging a release that was never assembled, or that is
#   older than its program, fails and says how to fix it.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_hello_fixture
cpack_cmd="$(dirname "$CMAKE_COMMAND")/cpack"
[ -x "$cpack_cmd" ] || cpack_cmd=cpack
pkg=hello-1.0.0-Linux-x86_64

# list_files <dir>: relative paths and sizes of the regular files.
list_files() {
  (cd "$1" && find . -type f -printf '%p %s %m\n' | LC_ALL=C sort)
}
list_files "$HELLO_RELEASE" >"$TEST_WORK_DIR/release.txt"
[ -s "$TEST_WORK_DIR/release.txt" ] || fail "the fixture release is empty"

# run_release <root> <what>: the release at <root> runs, through its control
# script, with an empty environment.
run_release() {
  env -i "$1/bin/hello" start >"$TEST_WORK_DIR/run.out" 2>&1 \
    || { cat "$TEST_WORK_DIR/run.out"; fail "$2 does not run"; }
  expect_hello_output "$TEST_WORK_DIR/run.out"
  [ "$("$1/bin/hello" version)" = "hello 1.0.0" ] || fail "$2: bin/hello version is wrong"
}

# Install.
prefix="$TEST_WORK_DIR/install prefix"
rm -rf "$prefix"
"$CMAKE_COMMAND" --install "$HELLO_BUILD" --component hello --prefix "$prefix" >"$TEST_WORK_DIR/install.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/install.log"; fail "cmake --install --component hello failed"; }
list_files "$prefix" >"$TEST_WORK_DIR/installed.txt"
same_or_fail "$TEST_WORK_DIR/release.txt" "$TEST_WORK_DIR/installed.txt" "the install prefix is not the release"
run_release "$prefix" "the installed release"
check_runpaths "$prefix" >/dev/null

# check_archive <archive> <tar-flag> <what>: one top directory named $pkg,
# holding the release; it runs from a path with a space.
check_archive() {
  [ -f "$1" ] || fail "$3 did not produce $(basename "$1")"
  tops=$(tar "t$2f" "$1" | sed 's|^\./||; s|/.*||' | LC_ALL=C sort -u)
  [ "$tops" = "$pkg" ] || fail "$3: the archive's top entries are '$tops', expected the single directory $pkg"
  x="$TEST_WORK_DIR/extracted $3"
  rm -rf "$x"
  mkdir -p "$x"
  tar -C "$x" "-x$2f" "$1"
  list_files "$x/$pkg" >"$TEST_WORK_DIR/archived.txt"
  same_or_fail "$TEST_WORK_DIR/release.txt" "$TEST_WORK_DIR/archived.txt" "$3: the archive does not hold the release"
  run_release "$x/$pkg" "the release extracted from $3"
}

out="$TEST_WORK_DIR/cpack"
rm -rf "$out"
"$cpack_cmd" -G TGZ --config "$HELLO_BUILD/CPackConfig.cmake" -B "$out" >"$TEST_WORK_DIR/cpack-tgz.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/cpack-tgz.log"; fail "cpack -G TGZ failed"; }
check_archive "$out/$pkg.tar.gz" z "cpack-TGZ"
"$cpack_cmd" -G TXZ --config "$HELLO_BUILD/CPackConfig.cmake" -B "$out" >"$TEST_WORK_DIR/cpack-txz.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/cpack-txz.log"; fail "cpack -G TXZ failed"; }
check_archive "$out/$pkg.tar.xz" J "cpack-TXZ"
ls "$out"/*.tar.* >"$TEST_WORK_DIR/archives.txt"
[ "$(wc -l <"$TEST_WORK_DIR/archives.txt")" = 2 ] || fail "cpack made other archives: $(cat "$TEST_WORK_DIR/archives.txt")"

rm -f "$HELLO_BUILD/$pkg.tar.gz"
"$CMAKE_COMMAND" --build "$HELLO_BUILD" --target package >"$TEST_WORK_DIR/package.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/package.log"; fail "cmake --build --target package failed"; }
check_archive "$HELLO_BUILD/$pkg.tar.gz" z "the-package-target"

# Never assembled, then stale: loud failures with the fix.
src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build"
copy_hello_source "$src"
rm -rf "$bld"
configure_and_build "$src" "$bld" hello "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_SOURCE_DIR"
if "$CMAKE_COMMAND" --install "$bld" --component hello --prefix "$TEST_WORK_DIR/never" >"$TEST_WORK_DIR/never.log" 2>&1; then
  cat "$TEST_WORK_DIR/never.log"
  fail "installing a release that was never assembled succeeded"
fi
log_says "$TEST_WORK_DIR/never.log" "add_release\(hello\): the release [^ ]*/release/hello has not been assembled\. Fix: assemble it first: cmake --build [^ ]* --target release-hello"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/assemble.log" 2>&1 || fail "--target release failed"
sleep 1
touch "$src/hello.cpp"
if "$CMAKE_COMMAND" --build "$bld" --target package >"$TEST_WORK_DIR/stale.log" 2>&1; then
  cat "$TEST_WORK_DIR/stale.log"
  fail "packaging a release older than its program succeeded"
fi
log_says "$TEST_WORK_DIR/stale.log" "add_release\(hello\): the release [^ ]*/release/hello is older than [^ ]*/hello\. Fix: assemble it first"
[ ! -e "$bld/$pkg.tar.gz" ] || fail "a stale package was written"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/assemble2.log" 2>&1 || fail "--target release failed"
"$CMAKE_COMMAND" --build "$bld" --target package >"$TEST_WORK_DIR/package2.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/package2.log"; fail "packaging after re-assembling failed"; }
[ -f "$bld/$pkg.tar.gz" ] || fail "no package after re-assembling"
