# Test 8: install and CPack.
# - `cmake --install <bld> --component hello --prefix <dir>` installs a
#   runnable release whose files are those of the assembled one;
# - `cpack -G TGZ` and `cmake --build <bld> --target package` make
#   hello-1.0.0-Linux-x86_64.tar.gz, whose single top directory
#   (hello-1.0.0-Linux-x86_64) is a runnable, relocatable release; TXZ too;
# - installing or packaging a release that was never assembled, or that is
#   older than its program, assembles it first; tmp/ is never installed.
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

# Never assembled, then stale: installing and packaging bring the release up
# to date first, so neither ships nothing nor an old program.
src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build"
copy_hello_source "$src"
rm -rf "$bld" "$TEST_WORK_DIR/never"
configure_and_build "$src" "$bld" hello "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
[ ! -e "$bld/release/hello/bin/hello" ] || fail "building hello alone assembled the release"
"$CMAKE_COMMAND" --install "$bld" --component hello --prefix "$TEST_WORK_DIR/never" >"$TEST_WORK_DIR/never.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/never.log"; fail "installing a release that was never assembled failed"; }
grep -q 'Release hello: assembling' "$TEST_WORK_DIR/never.log" || fail "install did not assemble the release"
"$TEST_WORK_DIR/never/bin/hello" start >"$TEST_WORK_DIR/never.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/never.out"; fail "the installed release does not run"; }
# A daemon's state under tmp/ is never installed.
mkdir -p "$bld/release/hello/tmp" && echo 1234 >"$bld/release/hello/tmp/hello.pid"
sed 's/"hello, %s\\n"/"howdy, %s\\n"/' "$src/hello.cpp" >"$src/hello.cpp.new" && mv "$src/hello.cpp.new" "$src/hello.cpp"
grep -q howdy "$src/hello.cpp" || fail "could not edit the copied hello.cpp"
"$CMAKE_COMMAND" --build "$bld" --target package >"$TEST_WORK_DIR/stale.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/stale.log"; fail "packaging after a source change failed"; }
rm -rf "$TEST_WORK_DIR/unpacked" && mkdir -p "$TEST_WORK_DIR/unpacked"
tar -xzf "$bld/$pkg.tar.gz" -C "$TEST_WORK_DIR/unpacked"
[ ! -e "$TEST_WORK_DIR/unpacked/$pkg/tmp" ] || fail "the package carries the release's tmp/"
"$TEST_WORK_DIR/unpacked/$pkg/bin/hello" start >"$TEST_WORK_DIR/stale.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/stale.out"; fail "the packaged release does not run"; }
grep -q '^howdy, world$' "$TEST_WORK_DIR/stale.out" || fail "the package carries a stale program: $(cat "$TEST_WORK_DIR/stale.out")"

