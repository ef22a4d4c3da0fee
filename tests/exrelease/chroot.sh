# The release runs in a minimal Debian rootfs that has none of its libraries
# (no cpp-httplib, SQLite, libpq, OpenSSL 3, Kerberos, LDAP), copied to a path
# with a space, with the default SQLite location under HOME: /health 200.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
ex_need_release
need_cmd unshare util-linux
root=$(minbase_rootfs)

# Prove the rootfs lacks what the release bundles.
rootfs_lacks "$root" libcpp-httplib.so.0.11 libsqlite3.so.0 libpq.so.5 libssl.so.3 libcrypto.so.3 \
  libkrb5.so.3 libldap-2.5.so.0

inside="/tmp/exrelease test.$$"
cleanup() {
  ex_cleanup
  rm -rf "$root$inside"
}
trap cleanup EXIT
mkdir -p "$root$inside/home"
cp -a "$EX_RELEASE" "$root$inside/exrelease"

port=$(free_port)
log=$TEST_WORK_DIR/chroot.log
# A clean environment, as a service manager would give: no DATABASE_URL, so
# the default SQLite file under $HOME/.local/share/exrelease is used.
# (in_chroot's command, spelled out: a shell function run in the background
# would put a subshell between EX_PID and the server.)
ex_start "$log" unshare --mount --mount-proc="$root/proc" chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  HOME="$inside/home" APP_PORT="$port" SECRET_KEY_BASE="$(ex_secret)" \
  "$inside/exrelease/bin/exrelease" start
ex_wait_up "$port" "$log"
ex_expect 200 GET "http://127.0.0.1:$port/health"
[ "$(ex_json 'j["status"]')" = ok ] || fail "/health: $EX_BODY"
ex_expect 201 POST "http://127.0.0.1:$port/notes" -H 'Content-Type: text/plain' --data-binary 'from the chroot'
[ -s "$root$inside/home/.local/share/exrelease/exrelease.db" ] \
  || fail "the default SQLite file is not at \$HOME/.local/share/exrelease/exrelease.db"
ex_stop_server
cat "$log"
echo "ok: minimal Debian chroot"
