# Registers qemu user emulation with binfmt_misc (there is no systemd on these
# machines to do it), so target programs run on this machine.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_root "registering qemu with binfmt_misc"
need_cmd qemu-aarch64-static qemu-user-static
if ! mountpoint -q /proc/sys/fs/binfmt_misc; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || skip "cannot mount binfmt_misc here"
fi
for q in aarch64 arm riscv64; do
  if [ ! -e "/proc/sys/fs/binfmt_misc/qemu-$q" ]; then
    conf=/usr/lib/binfmt.d/qemu-$q.conf
    [ -f "$conf" ] || fail "$conf is missing (package qemu-user-static)"
    tail -n 1 "$conf" >/proc/sys/fs/binfmt_misc/register
  fi
  [ -e "/proc/sys/fs/binfmt_misc/qemu-$q" ] || fail "qemu-$q did not register"
done
echo "qemu registered: aarch64 arm riscv64"
