# Shared helpers for the shell tests (sourced, POSIX sh).
# Each test runs with CMAKE_RELEASE_SOURCE_DIR (this repository: the tests'
# scripts and data), CMAKE_RELEASE_DIR (the cmake-release its projects use:
# this repository or an installed copy), TEST_WORK_DIR and TEST_SHARED_DIR set
# by CTest (see tests/CMakeLists.txt). Exit 77 means "skipped".

set -eu

: "${CMAKE_RELEASE_SOURCE_DIR:?run this test through ctest}"
: "${TEST_WORK_DIR:?run this test through ctest}"
: "${TEST_SHARED_DIR:?run this test through ctest}"
: "${CMAKE_RELEASE_DIR:?run this test through ctest}"
: "${CMAKE_COMMAND:=cmake}"

mkdir -p "$TEST_WORK_DIR"

# Debian's postgresql package keeps initdb and pg_ctl out of PATH.
if ! command -v initdb >/dev/null 2>&1; then
  for _d in /usr/lib/postgresql/*/bin; do
    [ -x "$_d/initdb" ] && PATH="$PATH:$_d" && break
  done
fi

# fail <message>: the test failed.
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# skip <reason>: the test cannot run on this machine. Where everything is
# meant to be installed (CI sets CMAKE_RELEASE_NO_SKIP=1), that is a failure.
skip() {
  if [ -n "${CMAKE_RELEASE_NO_SKIP:-}" ]; then
    fail "would skip, but CMAKE_RELEASE_NO_SKIP is set: $*"
  fi
  printf 'SKIP: %s\n' "$*"
  exit 77
}

# need_cmd <command> <debian-package>: skip unless the command exists.
need_cmd() {
  command -v "$1" >/dev/null 2>&1 || skip "'$1' is not installed (Debian package $2)"
}

# need_root <why>: skip unless running as root.
need_root() {
  [ "$(id -u)" = 0 ] || skip "needs root: $1"
}

# uses_source_tree <why>: this test's subject is a way of consuming the
# source tree itself (add_subdirectory, FetchContent, ...), so its projects
# use this repository's cmake/ even when the suite runs against an installed
# copy; installed.source-unused (tests/source-unused.sh) then lets it be.
uses_source_tree() {
  printf '%s\n' "$1" >"$TEST_WORK_DIR/.uses-source-tree"
}

# configure_and_build <source-dir> <build-dir> <target> [cmake args...]
# Configures with Ninja (unless CMAKE_GENERATOR is set) and builds <target>.
# A project of this repository that reads CMAKE_RELEASE_DIR (an example, a
# test's fixture: their default is this tree) gets the cmake-release in use
# (a later -D wins); a copy a test laid out under its directories (which may
# lie in the build tree inside this repository) keeps its own default. When
# the suite runs against the installed copy, a configure that used this
# tree's cmake/ fails (unless uses_source_tree).
configure_and_build() {
  _src=$1 _bld=$2 _tgt=$3
  shift 3
  case $_src in
    "$TEST_WORK_DIR"/* | "$TEST_SHARED_DIR"/*) ;;
    "$CMAKE_RELEASE_SOURCE_DIR"/*)
      if grep -q -F CMAKE_RELEASE_DIR "$_src/CMakeLists.txt"; then
        set -- "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" "$@"
      fi ;;
  esac
  "$CMAKE_COMMAND" -S "$_src" -B "$_bld" -G "${CMAKE_GENERATOR:-Ninja}" \
    -DCMAKE_BUILD_TYPE=Release "$@" >"$_bld.configure.log" 2>&1 \
    || { cat "$_bld.configure.log" >&2; fail "configure of $_src failed"; }
  if [ -n "${CMAKE_RELEASE_TEST_INSTALLED:-}" ] && [ ! -e "$TEST_WORK_DIR/.uses-source-tree" ] \
    && grep -q -F -e "$CMAKE_RELEASE_SOURCE_DIR/cmake/" "$_bld/build.ninja" "$_bld/CMakeFiles/Makefile.cmake" 2>/dev/null; then
    fail "$_src took cmake-release's modules from the source tree $CMAKE_RELEASE_SOURCE_DIR, not from $CMAKE_RELEASE_DIR"
  fi
  "$CMAKE_COMMAND" --build "$_bld" --target "$_tgt" >"$_bld.build.log" 2>&1 \
    || { cat "$_bld.build.log" >&2; fail "build of $_tgt in $_bld failed"; }
}

# copy_cmake_release <dir>: copies the cmake-release in use (CMAKE_RELEASE_DIR:
# the installed copy's package directory, or the parts of this repository a
# project consumes) into <dir>, with cmake/, templates/, ... laid out as in
# the repository, so that <dir> serves as a CMAKE_RELEASE_DIR.
copy_cmake_release() {
  if [ -n "${CMAKE_RELEASE_TEST_INSTALLED:-}" ]; then
    mkdir -p "$1"
    cp -R "$CMAKE_RELEASE_DIR/." "$1/" || fail "cannot copy $CMAKE_RELEASE_DIR to $1"
    return 0
  fi
  copy_cmake_release_source "$@"
}

# copy_cmake_release_source <dir> [<part>...]: copies cmake-release from this
# source tree as a project consumes its sources (its CMakeLists.txt, cmake/,
# templates/, toolchains/, the native helper's sources, LICENSE; the same
# parts as the top-level install() rules and ContainerImageContext.cmake's
# copy), plus any extra <part>s of the repository, into <dir>, laid out as in
# the repository: for the tests of add_subdirectory and FetchContent.
copy_cmake_release_source() {
  _dest=$1
  shift
  mkdir -p "$_dest"
  for _part in CMakeLists.txt cmake templates toolchains loader launcher LICENSE "$@"; do
    if [ -e "$CMAKE_RELEASE_SOURCE_DIR/$_part" ]; then
      cp -R "$CMAKE_RELEASE_SOURCE_DIR/$_part" "$_dest/" || fail "cannot copy $_part to $_dest"
    fi
  done
}

# elf_files <dir>: prints every ELF file under <dir>, one per line.
elf_files() {
  find "$1" -type f | while IFS= read -r _f; do
    if [ "$(head -c 4 "$_f" | od -An -c | tr -d ' ')" = '177ELF' ]; then
      printf '%s\n' "$_f"
    fi
  done
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_http <url> <seconds>: waits until <url> answers (any HTTP status).
wait_http() {
  _i=0
  while [ "$_i" -lt "$(($2 * 10))" ]; do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.1
    _i=$((_i + 1))
  done
  return 1
}

# process_gone <pid>: true when <pid> no longer runs (a zombie counts as gone:
# PID 1 on some machines reaps orphans late).
process_gone() {
  [ ! -e "/proc/$1" ] && return 0
  _state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) || return 0
  [ "$_state" = Z ] || [ -z "$_state" ]
}

# minbase_rootfs [<arch> [<suite>]]: prints the path of a minimal Debian
# rootfs (mmdebstrap --variant=minbase, bookworm unless <suite> is given),
# made once and shared by all tests. Skips when mmdebstrap or root is missing.
minbase_rootfs() {
  need_root "chroot into a minimal Debian rootfs"
  need_cmd mmdebstrap mmdebstrap
  _root="$TEST_SHARED_DIR/minbase-${1:-amd64}"
  _suite=${2:-bookworm}
  [ "$_suite" = bookworm ] || _root="$_root-$_suite"
  # Tests may run in parallel: one makes the rootfs, the others wait for it.
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  flock "$_root.lock" sh -c '
    [ -f "$1/.complete" ] && exit 0
    rm -rf "$1"
    mmdebstrap --variant=minbase --architectures="$2" "$3" "$1" >"$1.log" 2>&1 \
      || { cat "$1.log" >&2; exit 1; }
    touch "$1/.complete"' sh "$_root" "${1:-amd64}" "$_suite" || fail "mmdebstrap of a ${1:-amd64} $_suite minbase failed"
  printf '%s\n' "$_root"
}

# in_chroot <root> <command...>: runs a command in <root> with its own /proc.
in_chroot() {
  _root=$1
  shift
  unshare --mount --mount-proc="$_root/proc" chroot "$_root" "$@"
}

# Running a command and checking what it did. The sourcing test sets OUT and
# ERR (files); run keeps the command's stdout and stderr there, its status in rc.
# run <command...>
run() {
  rc=0
  "$@" >"$OUT" 2>"$ERR" || rc=$?
}

show() {
  printf -- '--- stdout:\n' >&2
  cat "$OUT" >&2
  printf -- '--- stderr:\n' >&2
  cat "$ERR" >&2
}

# expect_rc <status> <what>: the last run exited with <status>.
expect_rc() {
  [ "$rc" = "$1" ] || { show; fail "$2: exit status $rc, expected $1"; }
}

# expect_in <file> <text> <what>: <file> contains the fixed string <text>.
expect_in() {
  grep -F -q -e "$2" "$1" || { show; fail "$3: '$2' not found in $1"; }
}

# shell_wrapper <wrapper> <shell> <script>: writes <wrapper>, an executable
# that runs <script> under <shell> ("" = the script's own #! line) with its
# arguments, so "env VAR=value <wrapper> ..." works.
shell_wrapper() {
  _q=$(printf '%s' "$3" | sed "s/'/'\\\\''/g")
  printf '#!/bin/sh\nexec %s '"'"'%s'"'"' "$@"\n' "$2" "$_q" >"$1"
  chmod +x "$1"
}

# stop_server <pid> <name>: SIGTERM to <pid>, a background job of this shell;
# it must exit with status 0.
stop_server() {
  kill -s TERM "$1" || fail "cannot signal pid $1"
  _st=0
  wait "$1" || _st=$?
  [ "$_st" -eq 0 ] || fail "$2 exited with status $_st after SIGTERM (expected 0)"
}

# kill_leftover <pid>: kills <pid> (may be empty) if it still runs; for the
# EXIT traps of tests that start servers.
kill_leftover() {
  if [ -n "$1" ] && ! process_gone "$1"; then
    kill -s KILL "$1" 2>/dev/null || :
  fi
}

# rootfs_lacks <root> <library>...: fails when the rootfs has one of the
# libraries (a release run there could not prove that it carries them).
rootfs_lacks() {
  _root=$1
  shift
  for _lib in "$@"; do
    if [ -n "$(find "$_root/usr/lib" "$_root/lib" -name "$_lib" 2>/dev/null | head -n 1)" ]; then
      fail "the rootfs $_root has $_lib: it cannot prove the release carries it"
    fi
  done
}
