# Helpers of the cross tests (sourced after tests/lib.sh).

# machine_of <triple>: what readelf -h calls the triple's machine.
machine_of() {
  case $1 in
    x86_64-linux-gnu) echo "Advanced Micro Devices X86-64" ;;
    aarch64-linux-gnu) echo "AArch64" ;;
    arm-linux-gnueabihf) echo "ARM" ;;
    riscv64-linux-gnu) echo "RISC-V" ;;
    *) fail "no machine known for $1" ;;
  esac
}

# check_machine <dir> <triple>: every ELF file under <dir> is built for <triple>.
check_machine() {
  _want=$(machine_of "$2")
  _count=0
  for _f in $(elf_files "$1"); do
    _got=$(readelf -h "$_f" | sed -n 's/^ *Machine: *//p')
    [ "$_got" = "$_want" ] || fail "$_f is built for '$_got', not '$_want' ($2)"
    _count=$((_count + 1))
  done
  [ "$_count" -gt 0 ] || fail "no ELF file found under $1"
  echo "all $_count ELF files under $1 are $_want"
}

# need_qemu <triple>: skip unless binfmt runs the triple's programs.
need_qemu() {
  case $1 in
    aarch64-linux-gnu) _q=qemu-aarch64 ;;
    arm-linux-gnueabihf) _q=qemu-arm ;;
    riscv64-linux-gnu) _q=qemu-riscv64 ;;
  esac
  [ -e "/proc/sys/fs/binfmt_misc/$_q" ] || skip "$_q is not registered with binfmt_misc (see cross.qemu)"
}

# need_cross <triple>: skip unless the cross compiler is installed.
need_cross() {
  need_cmd "$1-g++" "g++-$1"
}

# qemu_prefix <triple>: the QEMU_LD_PREFIX to run the triple's programs with:
# the root when Debian's libc6 of that architecture is installed (the arm64
# -dev packages bring it), else the cross toolchain's copy. The cross
# toolchain's arm64 glibc (libc6-arm64-cross 2.36-8cross1) hangs at the first
# pthread_create under Debian 12's qemu-user 7.2; Debian's libc6:arm64 does not.
qemu_prefix() {
  case $1 in
    aarch64-linux-gnu) _ld=/lib/ld-linux-aarch64.so.1 ;;
    arm-linux-gnueabihf) _ld=/lib/ld-linux-armhf.so.3 ;;
    riscv64-linux-gnu) _ld=/lib/ld-linux-riscv64-lp64d.so.1 ;;
    *) _ld=/nonexistent ;;
  esac
  if [ -e "$_ld" ]; then
    echo /
  else
    echo "/usr/$1"
  fi
}

# arm64_libpq_headers: sets ARM64_PQ_INCLUDE to libpq-dev:arm64's headers,
# extracted once from Debian's package (libpq-dev cannot be installed for two
# architectures at once; the arm64 libpq5 is installed). Skips when the
# package cannot be downloaded.
arm64_libpq_headers() {
  _pq="$TEST_SHARED_DIR/arm64-libpq-dev"
  if [ ! -f "$_pq/.complete" ]; then
    rm -rf "$_pq"
    mkdir -p "$_pq"
    (cd "$_pq" && apt-get download libpq-dev:arm64) >"$_pq.log" 2>&1 \
      || skip "cannot download libpq-dev:arm64: $(tail -n 1 "$_pq.log")"
    dpkg -x "$_pq"/libpq-dev_*.deb "$_pq/root"
    touch "$_pq/.complete"
  fi
  # shellcheck disable=SC2034 # read by the tests that call this
  ARM64_PQ_INCLUDE=$_pq/root/usr/include/postgresql
}
