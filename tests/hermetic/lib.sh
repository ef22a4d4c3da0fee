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
  need_root "chroot into a Debian 11 rootfs"
  need_cmd mmdebstrap mmdebstrap
  _root="$TEST_SHARED_DIR/hermetic-bullseye"
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  flock "$_root.lock" sh -c '
    [ -f "$1/.complete" ] && exit 0
    rm -rf "$1"
    mmdebstrap --variant=minbase bullseye "$1" >"$1.log" 2>&1 \
      || { cat "$1.log" >&2; exit 1; }
    touch "$1/.complete"' sh "$_root" || skip "mmdebstrap bullseye failed (mirror unreachable?): $(tail -n 3 "$_root.log")"
  printf '%s\n' "$_root"
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
