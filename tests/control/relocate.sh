# A release moved to a path with spaces and reached through symbolic links
# (relative, absolute, chains, a linked directory, PATH lookup, "sh ctl" from
# bin/), under dash, bash and busybox sh, with and without readlink(1).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

export CTL_SECRET=s3cret

# Assemble elsewhere, then move: the built location disappears, so nothing
# may depend on it.
copy_release "$W/staging/ctl"
mkdir -p "$W/deploy dir"
mv "$W/staging/ctl" "$W/deploy dir/ctl release"
rmdir "$W/staging"
REL="$W/deploy dir/ctl release"
ROOT=$(physical "$REL")
trap 'kill_programs_of "$ROOT"' EXIT

mkdir -p "$W/links" "$W/other place" "$W/decoy/bin"
# relative link, and a chain: relative -> relative -> absolute -> script
ln -s "../deploy dir/ctl release/bin/ctl" "$W/links/app"
ln -s "$W/links/app" "$W/links/abs link"
ln -s "abs link" "$W/links/chained"
ln -s "chained" "$W/links/chained twice"
# a linked release directory and a linked bin directory
ln -s "deploy dir/ctl release" "$W/release link"
ln -s "../deploy dir/ctl release/bin" "$W/links/bin dir"

# check <what> <expected RELEASE_PROG> <command...>: the program runs and sees
# the physical release root.
check() {
  _what=$1 _prog=$2
  shift 2
  run env CTL_FIXTURE_MODE=env "$@" start RELEASE_ROOT RELEASE_PROG
  expect_rc 0 "$_what"
  expect_out "$_what" "RELEASE_ROOT=$ROOT" "RELEASE_PROG=$_prog"
  run env CTL_FIXTURE_MODE=args "$@" eval prog 'a b' ''
  expect_rc 0 "$_what (eval)"
  expect_out "$_what (eval)" "[a b]" "[]"
}

# (The native launcher is no script: it runs as it is.)
shells="'' dash bash 'busybox sh'"
[ "$CTL_LAUNCHER" = sh ] || shells="''"
eval "set -- $shells"
for sh in "$@"; do
  if [ -n "$sh" ] && ! command -v "${sh%% *}" >/dev/null 2>&1; then
    skip "'${sh%% *}' is not installed"
  fi
  # shellcheck disable=SC2086
  {
    check "$sh: direct path with spaces" ctl $sh "$REL/bin/ctl"
    check "$sh: relative symlink" app $sh "$W/links/app"
    check "$sh: symlink to an absolute symlink" "abs link" $sh "$W/links/abs link"
    check "$sh: chain of symlinks" "chained twice" $sh "$W/links/chained twice"
    check "$sh: linked release directory" ctl $sh "$W/release link/bin/ctl"
    check "$sh: linked bin directory" ctl $sh "$W/links/bin dir/ctl"
    # relative invocation from another directory
    cd "$W/other place"
    check "$sh: relative path through a relative symlink" app $sh ../links/app
    # paths with . and .. components, with and without symlinks before them
    check "$sh: path with . and .." ctl $sh "$W/links/../deploy dir/./ctl release/bin/../bin/ctl"
    check "$sh: .. after a linked directory" ctl $sh "$W/links/bin dir/../bin/ctl"
    # relative invocation from a working directory reached through a symlink
    cd "$W/release link"
    check "$sh: relative path, working directory through a symlink" ctl $sh ./bin/ctl
    check "$sh: relative path with CDPATH set" ctl env CDPATH="$W/decoy" $sh bin/ctl
    cd "$REL"
    check "$sh: relative path with . and .." ctl $sh ./bin/.././bin/ctl
    # "sh ctl" inside bin/
    cd "$REL/bin"
    if [ -n "$sh" ]; then
      check "$sh: ctl from bin/" ctl $sh ctl
    fi
    cd "$W"
  }
done

# Found on PATH (the shell passes the path it found in $0).
check "PATH lookup of a relative symlink" app env PATH="$W/links:$PATH" app

# Without readlink(1) on PATH, the script reads the link from ls -l. The
# tools here are the only ones the commands below may use.
mkdir -p "$W/tools"
for tool in ls env; do
  ln -s "$(command -v "$tool")" "$W/tools/$tool"
done
set -- dash bash
[ "$CTL_LAUNCHER" = sh ] || set --
for sh in "$@"; do
  check "$sh without readlink" "chained twice" env PATH="$W/tools" "$(command -v "$sh")" "$W/links/chained twice"
done

# daemon, pid and stop through a symlink, with the pid file under a path with spaces.
run env CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 "$W/links/chained" daemon
expect_rc 0 "daemon through a symlink"
pid=$(cat "$ROOT/tmp/ctl.pid")
run "$W/links/app" pid
expect_out "pid through another symlink" "$pid"
run "$REL/bin/ctl" stop
expect_rc 0 "stop through the real path"
process_gone "$pid" || { kill -9 "$pid"; fail "stop did not stop the daemon"; }

echo "relocate: all checks passed"
