# The example's release in a minimal Debian rootfs that has none of its
# libraries (no cpp-httplib, OpenSSL 3, brotli), at a path with spaces, with
# a clean environment: it answers over HTTP with its plugin and keeps its
# state under the chroot's HOME.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"
gd_need_release
need_cmd unshare util-linux
root=$(minbase_rootfs)

rootfs_lacks "$root" libcpp-httplib.so.0.11 libssl.so.3 libcrypto.so.3 libbrotlienc.so.1 libgreetd_formal.so

inside="/tmp/greetd test.$$"
cleanup() {
  gd_cleanup
  rm -rf "$root$inside"
}
trap cleanup EXIT
mkdir -p "$root$inside/home"
cp -a "$GD_RELEASE" "$root$inside/greetd"

port=$(free_port)
log=$W/chroot.log
# (unshare spelled out: a shell function in the background would put a
# subshell between GD_PID and the server.)
gd_start "$log" unshare --mount --mount-proc="$root/proc" chroot "$root" /usr/bin/env -i \
  PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$inside/home" GREETD_PORT="$port" \
  "$inside/greetd/bin/greetd" start
gd_wait_up "$port" "$log"
gd_get "http://127.0.0.1:$port/greet?name=chroot"
[ "$BODY" = "Good day to you, chroot. Hello." ] || fail "/greet in the chroot: '$BODY'"
gd_get "http://127.0.0.1:$port/stats"
case $BODY in
  *"config $inside/greetd/etc/greetd.conf"*) ;;
  *) fail "/stats in the chroot: $BODY" ;;
esac
gd_stop
[ "$(cat "$root$inside/home/.local/state/greetd/greetings")" = 1 ] \
  || fail "no state in \$HOME/.local/state/greetd inside the chroot"
cat "$log"
echo "ok: greetd in a minimal Debian chroot"
