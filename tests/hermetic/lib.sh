# Helpers of the hermetic tests (sourced after tests/lib.sh).
# hermetic.build builds tests/hermetic/project once into $HREL_BUILD.

HREL_BUILD=$TEST_SHARED_DIR/hermetic/build
HREL_RELEASE=$HREL_BUILD/release/hrel
# The release's PREFIX (the project's default).
HREL_PREFIX=/opt/hrel
OUT=$TEST_WORK_DIR/out
ERR=$TEST_WORK_DIR/err

# need_hrel: fails unless the fixture built the release.
need_hrel() {
  if [ ! -f "$TEST_SHARED_DIR/hermetic/fixture.ok" ] || [ ! -x "$HREL_RELEASE/bin/hrel" ]; then
    fail "no release at $HREL_RELEASE: the fixture test hermetic.build must pass first"
  fi
}

# bullseye_rootfs: prints the path of a Debian 11 rootfs (mmdebstrap
# --variant=minbase bullseye, glibc 2.31), made once per test tree.
bullseye_rootfs() {
  minbase_rootfs amd64 bullseye
}

# empty_root <dir> <release>: makes <dir> an empty root holding only the
# release at $HREL_PREFIX, a mount point for /proc and /dev/null.
empty_root() {
  rm -rf "$1"
  mkdir -p "$1$HREL_PREFIX" "$1/proc" "$1/dev"
  cp -a "$2/." "$1$HREL_PREFIX/"
  mknod -m 666 "$1/dev/null" c 1 3 || fail "cannot make $1/dev/null"
}

HREL_SYSTEM_PATH=/usr/sbin:/usr/bin:/sbin:/bin

# expect_start_eval_version <what> <bin/hrel> [<runner>...]: the control
# program's commands in an empty environment, through <runner> (e.g.
# unshare --mount --mount-proc=<root>/proc chroot <root>): start runs
# hrel (SQLite and OpenSSL answer), eval runs htool with the ENV default,
# version prints it, a missing REQUIRED_ENV is named.
expect_start_eval_version() {
  _what=$1 _ctl=$2
  shift 2
  run env -i PATH="$HREL_SYSTEM_PATH" HREL_TOKEN=t "$@" "$_ctl" start
  expect_rc 0 "$_what: start"
  expect_in "$OUT" 'sqlite 3' "$_what: start"
  expect_in "$OUT" 'says 6*7=42' "$_what: start"
  expect_in "$OUT" 'openssl sha256(hermetic)=af3ca880b0c25832d07d441d75b05eceb5a48d04b2cc0d855c89622dbd3bb933' "$_what: start"
  run env -i PATH="$HREL_SYSTEM_PATH" HREL_TOKEN=t "$@" "$_ctl" eval htool 'a b' c
  expect_rc 0 "$_what: eval"
  [ "$(cat "$OUT")" = 'htool:hello from hrel [a b] [c]' ] || { show; fail "$_what: eval printed the wrong line"; }
  run env -i PATH="$HREL_SYSTEM_PATH" "$@" "$_ctl" version
  expect_rc 0 "$_what: version"
  [ "$(cat "$OUT")" = 'hrel 1.2.0' ] || { show; fail "$_what: version printed the wrong line"; }
  run env -i PATH="$HREL_SYSTEM_PATH" "$@" "$_ctl" start
  expect_rc 1 "$_what: start without HREL_TOKEN"
  expect_in "$ERR" 'required environment variable(s) not set: HREL_TOKEN' "$_what: start without HREL_TOKEN"
  echo "ok: $_what: start, eval, version, missing REQUIRED_ENV"
}

# expect_program_name <what> <release>: relocated (not at PREFIX), the
# control program runs hrel through the loader link
# libexec/.cmake-release/loader/hrel, so that the kernel names the process
# hrel: its /proc/<pid>/comm (ps, top), pgrep -x, and a command line that
# starts with the link; argv[0] is hrel; pidof finds it. For start (in the
# foreground and in the background), eval and daemon/pid/stop.
expect_program_name() {
  _what=$1 _rel=$2
  _link=$_rel/libexec/.cmake-release/loader/hrel
  _cmd="$_link --argv0 hrel $_rel/libexec/hrel"
  _loader=$(cd "$_rel/lib" && ls ld-linux*.so.*)
  [ -L "$_link" ] || fail "$_what: $_link is not a symbolic link"
  [ "$(readlink "$_link")" = "../../../lib/$_loader" ] \
    || fail "$_what: $_link points to '$(readlink "$_link")', not ../../../lib/$_loader"
  run env HREL_TOKEN=t "$_rel/bin/hrel" start name
  expect_rc 0 "$_what: start name"
  [ "$(cat "$OUT")" = "name comm=hrel argv0=hrel cmdline=$_cmd name" ] \
    || { show; fail "$_what: the process is not named hrel"; }
  run env HREL_TOKEN=t "$_rel/bin/hrel" eval hrel name
  expect_rc 0 "$_what: eval hrel name"
  [ "$(cat "$OUT")" = "name comm=hrel argv0=hrel cmdline=$_cmd name" ] \
    || { show; fail "$_what: eval: the process is not named hrel"; }
  # In the background: what ps and pgrep see, once the launcher has exec'd
  # the loader (before, the launcher bin/hrel is called hrel as well).
  env HREL_TOKEN=t "$_rel/bin/hrel" start wait >"$OUT" 2>"$ERR" &
  _pid=$!
  _exe=$(readlink -f "$_rel/lib/$_loader")
  _i=0
  while [ "$(readlink "/proc/$_pid/exe" 2>/dev/null)" != "$_exe" ]; do
    _i=$((_i + 1))
    [ "$_i" -lt 200 ] || { kill "$_pid" 2>/dev/null; show; fail "$_what: the program did not start"; }
    sleep 0.05
  done
  _comm=$(cat "/proc/$_pid/comm") _args=$(ps -o args= -p "$_pid")
  _found=$(pgrep -x hrel | grep -cx "$_pid" || :)
  _pidof=$(pidof hrel | tr ' ' '\n' | grep -cx "$_pid" || :)
  kill "$_pid"
  wait "$_pid" 2>/dev/null || :
  [ "$_comm" = hrel ] || fail "$_what: /proc/<pid>/comm is '$_comm', not hrel"
  [ "$_args" = "$_cmd wait" ] || fail "$_what: ps -o args= is '$_args', not '$_cmd wait'"
  [ "$_found" = 1 ] || fail "$_what: pgrep -x hrel does not find pid $_pid"
  [ "$_pidof" = 1 ] || fail "$_what: pidof hrel does not find pid $_pid"
  # daemon, pid, stop.
  _tmp=$TEST_WORK_DIR/name-tmp
  rm -rf "$_tmp"
  run env RELEASE_TMP="$_tmp" HREL_TOKEN=t "$_rel/bin/hrel" daemon wait
  expect_rc 0 "$_what: daemon"
  run env RELEASE_TMP="$_tmp" "$_rel/bin/hrel" pid
  expect_rc 0 "$_what: pid"
  _pid=$(cat "$OUT")
  _comm=$(cat "/proc/$_pid/comm") _args=$(ps -o args= -p "$_pid")
  run env RELEASE_TMP="$_tmp" "$_rel/bin/hrel" stop
  expect_rc 0 "$_what: stop"
  [ "$_comm" = hrel ] || fail "$_what: the daemon's comm is '$_comm', not hrel"
  [ "$_args" = "$_cmd wait" ] || fail "$_what: the daemon's ps -o args= is '$_args', not '$_cmd wait'"
  echo "ok: $_what: the process is named hrel (comm, pgrep -x, pidof, ps args) for start, eval and daemon"
}
