# Helpers for the end-to-end tests of add_release() (sourced after ../lib.sh).

# The hello example, assembled once by the release.hello.build fixture.
HELLO_SHARED="$TEST_SHARED_DIR/release-hello"
HELLO_BUILD="$HELLO_SHARED/build"
HELLO_RELEASE="$HELLO_BUILD/release/hello"

# need_hello_fixture: fails unless the fixture left a complete hello release.
need_hello_fixture() {
  [ -f "$HELLO_SHARED/fixture.ok" ] && [ -x "$HELLO_RELEASE/bin/hello" ] \
    || fail "the hello fixture is missing: run the test release.hello.build first"
}

# expect_hello_output <file> [who]: the output of hello proves that both
# libraries were loaded and worked (SQLite ran a query, OpenSSL hashed).
expect_hello_output() {
  _who=${2:-world}
  grep -qx "hello, $_who" "$1" || { cat "$1" >&2; fail "no 'hello, $_who' line in $1"; }
  grep -q '^sqlite [0-9.]* says 6\*7=42$' "$1" || { cat "$1" >&2; fail "SQLite did not answer in $1"; }
  # sha256("world"), computed by the bundled libcrypto.
  if [ "$_who" = world ]; then
    grep -q '^OpenSSL .*: sha256(world)=486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7$' "$1" \
      || { cat "$1" >&2; fail "OpenSSL did not hash in $1"; }
  fi
}

# check_runpaths <release-dir> [with-libraries]
# Every ELF file in the release tree, by the policy of docs/release-layout.md
# ("bundled libraries win"): no DT_RUNPATH anywhere (it would let
# LD_LIBRARY_PATH replace bundled libraries); programs in libexec/ have
# exactly the DT_RPATH $ORIGIN/../lib when they need a bundled library, or in
# a release with LIBRARIES (say "with-libraries"), and none otherwise;
# libraries in lib/ have neither (the program's DT_RPATH finds what they
# need); ELF files of overlays only $ORIGIN-relative entries that stay
# inside. Prints the number of ELF files.
check_runpaths() {
  _rel=$1
  _with_libraries=${2:-}
  _n=0
  _list="$TEST_WORK_DIR/elf-files.txt"
  elf_files "$_rel" >"$_list"
  [ -s "$_list" ] || fail "no ELF file found under $_rel"
  _root=$(cd "$_rel" && pwd -P)
  while IFS= read -r _f; do
    _n=$((_n + 1))
    _dyn=$(readelf -d -W "$_f") || fail "readelf -d cannot read $_f"
    if printf '%s\n' "$_dyn" | grep -q '(RUNPATH)'; then
      fail "$_f has a DT_RUNPATH: $(printf '%s\n' "$_dyn" | grep '(RUNPATH)')"
    fi
    _rpath=$(printf '%s\n' "$_dyn" | sed -n 's/.*(RPATH).*\[\(.*\)\]$/\1/p')
    _dir=$(dirname "$_f")
    case $_dir in
      "$_rel/libexec")
        _needs_bundled=$_with_libraries
        for _needed in $(printf '%s\n' "$_dyn" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
          if [ -e "$_rel/lib/$_needed" ]; then _needs_bundled=yes; fi
        done
        if [ -n "$_needs_bundled" ]; then
          [ "$_rpath" = '$ORIGIN/../lib' ] || fail "$_f has DT_RPATH '$_rpath', expected '\$ORIGIN/../lib'"
        else
          [ -z "$_rpath" ] || fail "$_f needs no bundled library but has DT_RPATH '$_rpath'"
        fi ;;
      "$_rel/lib" | "$_rel/lib/"*)
        [ -z "$_rpath" ] || fail "$_f, a bundled library, has DT_RPATH '$_rpath'" ;;
    esac
    # Whatever the directory: only $ORIGIN-relative entries that stay inside.
    _rest=$_rpath
    while [ -n "$_rest" ]; do
      _entry=${_rest%%:*}
      case $_rest in *:*) _rest=${_rest#*:} ;; *) _rest= ;; esac
      case $_entry in
        '$ORIGIN'|'$ORIGIN/'*|'${ORIGIN}'|'${ORIGIN}/'*) ;;
        *) fail "$_f has a DT_RPATH entry not relative to \$ORIGIN: '$_entry'" ;;
      esac
      _sub=${_entry#\$ORIGIN}
      _sub=${_sub#\$\{ORIGIN\}}
      [ -d "$_dir$_sub" ] || fail "$_f: DT_RPATH entry '$_entry' names no directory"
      _target=$(cd "$_dir$_sub" && pwd -P)
      case $_target/ in
        "$_root"/*) ;;
        *) fail "$_f: DT_RPATH entry '$_entry' leads outside the release, to $_target" ;;
      esac
    done
  done <"$_list"
  echo "$_n"
}

# check_no_path_in <dir> <path>...: no file under <dir> (text or binary)
# contains any of the absolute paths.
check_no_path_in() {
  _dir=$1
  shift
  for _p in "$@"; do
    if grep -rlF -- "$_p" "$_dir" >"$TEST_WORK_DIR/grep.out" 2>&1; then
      fail "files under $_dir contain the build machine's path $_p: $(cat "$TEST_WORK_DIR/grep.out")"
    fi
  done
}

# snapshot <dir>: one line per entry: relative path, type, inode, mtime (ns), size.
snapshot() {
  (cd "$1" && find . -printf '%p %y %i %T@ %s\n' | LC_ALL=C sort)
}

# same_or_fail <file1> <file2> <what>: fails showing the difference.
same_or_fail() {
  if ! cmp -s "$1" "$2"; then
    diff -u "$1" "$2" >&2 || true
    fail "$3"
  fi
}

# copy_hello_source <dir>: a private copy of the hello example (tests that
# edit sources or add overlays work on it, never on examples/hello).
copy_hello_source() {
  rm -rf "$1"
  mkdir -p "$1"
  cp -R "$CMAKE_RELEASE_SOURCE_DIR/examples/hello/." "$1/"
}

# ninja_ran_nothing <log>: the build log of a no-op Ninja build: it ran
# nothing but the release's inputs check (which runs on every build, to
# notice a library replaced with its old mtime).
ninja_ran_nothing() {
  if grep -E '^\[[0-9]+/[0-9]+\]' "$1" | grep -qv ": checking the closure's inputs\$"; then
    cat "$1" >&2
    fail "the build did work: $1"
  fi
}

# log_says <log> <extended-regex>: the log, with CMake's line wrapping undone
# (lines joined, runs of blanks squeezed), matches the regex.
log_says() {
  tr '\n' ' ' <"$1" | tr -s ' ' | grep -Eq -- "$2" || { cat "$1" >&2; fail "$1 does not say: $2"; }
}

# check_consumer <build-dir> <mode> <version> <module-dir>
# For the consume-* tests: the configure log has no warning; the build used
# the modules in <module-dir> (its steps are the ones the call files include); the
# release runs through its control script, passes arguments, knows its
# version, bundles libstdc++ and keeps the RUNPATH policy.
check_consumer() {
  _bld=$1 _mode=$2 _vsn=$3 _mod=$4
  if grep -q 'CMake Warning' "$_bld.configure.log"; then
    cat "$_bld.configure.log"
    fail "configuring the $_mode consumer warned"
  fi
  _gen="$_bld/build.ninja"
  [ -f "$_gen" ] || _gen="$_bld/CMakeFiles/release-consumer.dir/build.make"
  # The build runs each step's call file, which includes the step of <module-dir>.
  grep -qF -- "_release/consumer/steps/resolve.cmake" "$_gen" \
    || fail "the $_mode consumer's build does not run the resolve step's call file"
  grep -qF -- "$_mod/steps/resolve.cmake" "$_bld/_release/consumer/steps/resolve.cmake" \
    || fail "the $_mode consumer's build does not run the steps of $_mod"
  _crel="$_bld/release/consumer"
  "$_crel/bin/consumer" start a "b c" >"$TEST_WORK_DIR/consumer.out" 2>&1 \
    || { cat "$TEST_WORK_DIR/consumer.out"; fail "the $_mode consumer's release does not run"; }
  grep -qx "consumer via $_mode: ok \[a,b c\]" "$TEST_WORK_DIR/consumer.out" \
    || { cat "$TEST_WORK_DIR/consumer.out"; fail "the $_mode consumer printed the wrong thing"; }
  [ "$("$_crel/bin/consumer" version)" = "consumer $_vsn" ] || fail "bin/consumer version is not 'consumer $_vsn'"
  [ -f "$_crel/releases/$_vsn/env.sh" ] || fail "no releases/$_vsn/env.sh"
  [ -f "$_crel/lib/libstdc++.so.6" ] || fail "the $_mode consumer's release does not bundle libstdc++"
  check_runpaths "$_crel" >/dev/null
}

# check_consumer_install <build-dir> <mode>: `cmake --install` of a project
# that added cmake-release as a subdirectory installs none of cmake-release
# (its own files are in the CMakeRelease component, excluded from "all").
check_consumer_install() {
  _p="$TEST_WORK_DIR/consumer-install"
  rm -rf "$_p"
  "$CMAKE_COMMAND" --install "$1" --prefix "$_p" >"$_p.log" 2>&1 \
    || { cat "$_p.log"; fail "cmake --install of the $2 consumer failed"; }
  if [ -e "$_p/share/cmake/CMakeRelease" ]; then
    fail "cmake --install of the $2 consumer installed cmake-release itself"
  fi
  "$CMAKE_COMMAND" --install "$1" --prefix "$_p" --component CMakeRelease >"$_p.log" 2>&1 \
    || { cat "$_p.log"; fail "cmake --install --component CMakeRelease of the $2 consumer failed"; }
  [ -f "$_p/share/cmake/CMakeRelease/CMakeReleaseConfig.cmake" ] \
    || fail "--component CMakeRelease of the $2 consumer did not install the package"
}
