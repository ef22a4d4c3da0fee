# Helpers of the control-script tests (sourced after tests/lib.sh).
#
#   CTL_SHELL      the shell to run bin/ctl with ("" = its #! line)
#   FIXTURE_BUILD  build tree of tests/control/fixture (made by control.build)
#   W              this test's work directory, emptied
#   OUT, ERR, rc   stdout, stderr and exit status of the last `run` (tests/lib.sh)

#   CTL_LAUNCHER   sh (default) or native: the fixture built with that LAUNCHER

CTL_LAUNCHER=${CTL_LAUNCHER:-sh}
FIXTURE_BUILD=$TEST_SHARED_DIR/control-fixture
[ "$CTL_LAUNCHER" = sh ] || FIXTURE_BUILD=$FIXTURE_BUILD-$CTL_LAUNCHER
FIXTURE_RELEASE=$FIXTURE_BUILD/release/ctl
CTL_SHELL=${CTL_SHELL:-}
W=$TEST_WORK_DIR
# shellcheck disable=SC2034 # run, show and expect_rc (tests/lib.sh) use them
{
  OUT=$W/.out
  ERR=$W/.err
  rc=0
}

# Nothing from the environment of the test runner may change what the
# release does.
unset RELEASE_TMP RELEASE_DRY_RUN RELEASE_STOP_TIMEOUT RELEASE_DAEMON_GRACE \
  RELEASE_PROG RELEASE_ROOT RELEASE_COMMAND LD_LIBRARY_PATH CDPATH \
  CTL_SECRET CTL_GREETING CTL_FROM_HOOK CTL_HOOK_ACTION CTL_HOOK_STATUS \
  CTL_HOOK_LOG CTL_MIGRATE CTL_MIGRATE_STATUS CTL_FIXTURE_MODE \
  CTL_FIXTURE_TRACE CTL_FIXTURE_MARKER CTL_FIXTURE_STATUS CTL_FIXTURE_TERM_DELAY_MS

# Reset the work directory (chmod: a failed read-only test may leave modes).
if [ -d "$W" ]; then
  chmod -R u+w "$W" 2>/dev/null || :
  rm -rf "$W"
fi
mkdir -p "$W"

[ -x "$FIXTURE_RELEASE/bin/ctl" ] \
  || fail "no fixture release at $FIXTURE_RELEASE: run the control.build test first"

# copy_release <dir> [<release>]: a private copy of the fixture's release
# (default: ctl) at <dir>.
copy_release() {
  mkdir -p "$(dirname "$1")"
  cp -a "$FIXTURE_BUILD/release/${2:-ctl}" "$1"
}

# physical <dir>: the path of <dir> with every symbolic link resolved.
physical() {
  (cd -P -- "$1" && pwd -P)
}

# use_release <dir>: makes `ctl` (a command on PATH, usable with env and
# sh -c too) run <dir>/bin/ctl under CTL_SHELL, and sets R to <dir>.
mkdir -p "$W/.bin"
PATH=$W/.bin:$PATH
use_release() {
  R=$1
  shell_wrapper "$W/.bin/ctl" "$CTL_SHELL" "$R/bin/ctl"
}

# expect_out <what> <line...>: the last run's stdout is exactly these lines.
expect_out() {
  _what=$1
  shift
  printf '%s\n' "$@" >"$W/.expected"
  cmp -s "$W/.expected" "$OUT" || {
    printf -- '--- expected stdout:\n' >&2
    cat "$W/.expected" >&2
    show
    fail "$_what: unexpected output"
  }
}

# expect_empty <file> <what>
expect_empty() {
  [ ! -s "$1" ] || { show; fail "$2: $1 is not empty"; }
}

# expect_not_in <file> <text> <what>
expect_not_in() {
  ! grep -F -q -e "$2" "$1" || { show; fail "$3: '$2' found in $1"; }
}

# expect_lines <file> <n> <what>: <file> has exactly <n> lines.
expect_lines() {
  _n=$(wc -l <"$1")
  [ "$_n" -eq "$2" ] || { show; fail "$3: $_n lines in $1, expected $2"; }
}

# now_ms: milliseconds since the epoch.
now_ms() {
  date +%s%3N
}

# tree_state <dir>: a listing of every file under <dir> with size, mode and
# modification time, to tell whether anything was written there.
tree_state() {
  find "$1" -printf '%P %y %s %m %T@\n' | LC_ALL=C sort
}

# count_running <program>: how many live processes (zombies excluded) run the
# executable file <program>.
count_running() {
  _n=0
  for _exe in /proc/[0-9]*/exe; do
    [ "$(readlink -f "$_exe" 2>/dev/null)" = "$1" ] || continue
    _p=${_exe#/proc/}
    process_gone "${_p%/exe}" || _n=$((_n + 1))
  done
  echo "$_n"
}

# kill_programs_of <release-root>: kills what still runs a program of that
# release (for EXIT traps: a failed test must not leave daemons behind).
kill_programs_of() {
  for _exe in /proc/[0-9]*/exe; do
    case $(readlink -f "$_exe" 2>/dev/null) in
      "$1"/libexec/*)
        _p=${_exe#/proc/}
        kill -9 "${_p%/exe}" 2>/dev/null || :
        ;;
    esac
  done
}
