# The hermetic test release in an empty root: nothing but the release at
# PREFIX, a /proc and /dev/null (no libc, no /bin/sh, no /etc). Its programs
# run directly (PT_INTERP is the bundled loader); getpwuid() of its uid and
# resolving localhost work once /etc/passwd and /etc/hosts are given; a
# program that execs another program of the release and one that re-execs
# /proc/self/exe work.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/lib.sh"
need_hrel
need_root "chroot into an empty root"
need_cmd unshare util-linux
root=$TEST_WORK_DIR/root
empty_root "$root" "$HREL_RELEASE"
# Only the release, /proc and /dev/null are there.
extra=$(find "$root" -path "$root/proc" -prune -o -path "$root$HREL_PREFIX" -prune -o -print \
  | sed "s|^$root||" | grep -vx -e '' -e /opt -e /dev -e /dev/null || :)
[ -z "$extra" ] || fail "the empty root holds more than the release: $extra"
prog=$HREL_PREFIX/libexec/hrel

run in_chroot "$root" /bin/sh -c true
[ "$rc" -ne 0 ] || fail "the empty root has a /bin/sh"
run in_chroot "$root" "$prog"
expect_rc 0 "hrel in the empty root"
expect_in "$OUT" 'says 6*7=42' "hrel in the empty root"
expect_in "$OUT" 'openssl sha256(hermetic)=af3ca880b0c25832d07d441d75b05eceb5a48d04b2cc0d855c89622dbd3bb933' "hrel in the empty root"
run in_chroot "$root" "$HREL_PREFIX/libexec/htool" x
expect_rc 0 "htool in the empty root"
[ "$(cat "$OUT")" = "htool:(unset) [x]" ] || { show; fail "htool in the empty root"; }

# Users and hosts: the files glibc's built-in files NSS module reads.
run in_chroot "$root" "$prog" user
expect_rc 1 "getpwuid without /etc/passwd"
run in_chroot "$root" "$prog" resolve localhost
expect_rc 1 "localhost without /etc/hosts"
mkdir -p "$root/etc"
printf 'root:x:0:0:root:/root:/nonexistent\napp:x:65532:65532:app:/home/app:/nonexistent\n' >"$root/etc/passwd"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
run in_chroot "$root" "$prog" user
expect_rc 0 "getpwuid with /etc/passwd"
[ "$(cat "$OUT")" = "user root /root" ] || { show; fail "getpwuid with /etc/passwd"; }
run unshare --mount --mount-proc="$root/proc" chroot --userspec=65532:65532 "$root" "$prog" user
expect_rc 0 "getpwuid of uid 65532"
[ "$(cat "$OUT")" = "user app /home/app" ] || { show; fail "getpwuid of uid 65532"; }
run in_chroot "$root" "$prog" resolve localhost
expect_rc 0 "localhost with /etc/hosts"
[ "$(cat "$OUT")" = "resolve localhost 127.0.0.1" ] || { show; fail "localhost with /etc/hosts"; }

# Programs that start programs of the release.
run in_chroot "$root" "$prog" exec-tool
expect_rc 0 "exec-tool in the empty root"
[ "$(cat "$OUT")" = "htool:(unset) [from-hrel]" ] || { show; fail "exec-tool in the empty root"; }
run in_chroot "$root" "$prog" exec-path "$HREL_PREFIX/libexec/htool"
expect_rc 0 "exec-path in the empty root"
[ "$(cat "$OUT")" = "htool:(unset) [by-path]" ] || { show; fail "exec-path in the empty root"; }
run in_chroot "$root" "$prog" reexec
expect_rc 0 "reexec in the empty root"
[ "$(cat "$OUT")" = "child argv0=$prog" ] || { show; fail "reexec in the empty root"; }

# Documented limit (docs/hermetic.md): a setuid program runs with AT_SECURE,
# where glibc ignores $ORIGIN in DT_RPATH: it finds no bundled library.
chmod u+s "$root$prog"
run unshare --mount --mount-proc="$root/proc" chroot --userspec=65532:65532 "$root" "$prog" user
expect_rc 127 "setuid hrel"
expect_in "$ERR" "libsqlite3.so.0: cannot open shared object file" "setuid hrel"
chmod u-s "$root$prog"
echo "ok: empty root"
