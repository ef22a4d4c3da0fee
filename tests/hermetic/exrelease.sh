# examples/exrelease built HERMETIC (-DEXRELEASE_HERMETIC=ON) answers
# /health:
# - in the Debian 11 rootfs (glibc 2.31; the default release stops there
#   with "GLIBC_2.34 not found") with the sh control script, the migrations
#   (its BEFORE_START) having run through the bundled loader;
# - in an empty root (the release at PREFIX, /proc, /dev/null, no shell)
#   with the native launcher, the migrations run before start as well.
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
configure_and_build "$EX_SOURCE_DIR" "$bld" release -DEXRELEASE_HERMETIC=ON -DEXRELEASE_LAUNCHER=sh
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
grep -q 'exrelease migrate: .* migration(s) applied' "$log" || fail "no migration ran before start in Debian 11"
[ -s "$root$inside/home/.local/share/exrelease/exrelease.db" ] || fail "no SQLite database was made"
echo "ok: exrelease HERMETIC in Debian 11"

# The same tree again: the native launcher (HERMETIC's default).
configure_and_build "$EX_SOURCE_DIR" "$bld" release -DEXRELEASE_HERMETIC=ON -DEXRELEASE_LAUNCHER=
if head -c 2 "$EX_RELEASE/bin/exrelease" | grep -q '#!'; then fail "bin/exrelease is a script, not the native launcher"; fi
empty=$TEST_WORK_DIR/empty-root
rm -rf "$empty"
mkdir -p "$empty/opt/exrelease" "$empty/proc" "$empty/dev" "$empty/home"
cp -a "$EX_RELEASE/." "$empty/opt/exrelease/"
mknod -m 666 "$empty/dev/null" c 1 3
[ ! -e "$empty/bin/sh" ] || fail "the empty root has a /bin/sh"
port=$(free_port)
log=$TEST_WORK_DIR/empty-root.log
ex_start "$log" env -i PATH="$HREL_SYSTEM_PATH" HOME=/home APP_PORT="$port" SECRET_KEY_BASE="$(ex_secret)" \
  unshare --mount --mount-proc="$empty/proc" chroot "$empty" /opt/exrelease/bin/exrelease start
ex_wait_up "$port" "$log"
ex_expect 200 GET "http://127.0.0.1:$port/health"
[ "$(ex_json 'j["status"]')" = ok ] || fail "/health in the empty root: $EX_BODY"
ex_expect 201 POST "http://127.0.0.1:$port/notes" -H 'Content-Type: text/plain' --data-binary 'from the empty root'
ex_stop_server
cat "$log"
grep -q 'exrelease migrate: .* migration(s) applied' "$log" || fail "no migration ran before start in the empty root"
[ -s "$empty/home/.local/share/exrelease/exrelease.db" ] || fail "no SQLite database in the empty root"
echo "ok: exrelease HERMETIC in an empty root, native launcher, migrations before start"
