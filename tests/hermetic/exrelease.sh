# examples/exrelease built HERMETIC (-DEXRELEASE_HERMETIC=ON) answers
# /health in the Debian 11 rootfs (glibc 2.31; the default release stops
# there with "GLIBC_2.34 not found"), its env hook having run the
# migrations through the sh control script and the bundled loader.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/lib.sh"
need_cmd unshare util-linux
need_cmd curl curl
for pc in cpp-httplib:libcpp-httplib-dev sqlite3:libsqlite3-dev libpq:libpq-dev openssl:libssl-dev; do
  pkg-config --exists "${pc%%:*}" || skip "${pc%%:*} is not installed (Debian package ${pc#*:})"
done
root=$(bullseye_rootfs)
bld=$TEST_WORK_DIR/build
rm -rf "$bld"
configure_and_build "$EX_SOURCE_DIR" "$bld" release -DEXRELEASE_HERMETIC=ON
EX_RELEASE=$bld/release/exrelease
[ -f "$EX_RELEASE/lib/libc.so.6" ] || fail "the exrelease release carries no libc.so.6"
grep -q '^hermetic=/opt/exrelease/lib/' "$EX_RELEASE/releases/0.1.0/manifest.txt" \
  || fail "the manifest says nothing of HERMETIC"
rootfs_lacks "$root" libcpp-httplib.so.0.11 libsqlite3.so.0 libpq.so.5 libssl.so.3

inside="/srv/exrelease hermetic.$$"
cleanup() {
  ex_cleanup
  rm -rf "${root:?}$inside"
}
trap cleanup EXIT
mkdir -p "$root$inside/home"
cp -a "$EX_RELEASE" "$root$inside/exrelease"
port=$(free_port)
log=$TEST_WORK_DIR/bullseye.log
ex_start "$log" unshare --mount --mount-proc="$root/proc" chroot "$root" /usr/bin/env -i \
  PATH="$HREL_SYSTEM_PATH" HOME="$inside/home" APP_PORT="$port" SECRET_KEY_BASE="$(ex_secret)" \
  "$inside/exrelease/bin/exrelease" start
ex_wait_up "$port" "$log"
ex_expect 200 GET "http://127.0.0.1:$port/health"
[ "$(ex_json 'j["status"]')" = ok ] || fail "/health: $EX_BODY"
ex_expect 201 POST "http://127.0.0.1:$port/notes" -H 'Content-Type: text/plain' --data-binary 'from bullseye'
ex_stop_server
cat "$log"
grep -q 'exrelease: running migrations before start' "$log" || fail "the env hook did not run the migrations"
[ -s "$root$inside/home/.local/share/exrelease/exrelease.db" ] || fail "no SQLite database was made"
echo "ok: exrelease HERMETIC in Debian 11"
