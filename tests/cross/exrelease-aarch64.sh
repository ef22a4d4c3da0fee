# The exrelease example (cpp-httplib, SQLite, libpq, OpenSSL: a closure of
# about thirty libraries) cross-built for aarch64 on this machine: every ELF
# file of the release is aarch64, and the release, run under qemu, answers
# /health and stores a note.
#
# libpq-dev cannot be installed for two architectures at once, so the arm64
# headers are extracted from Debian's package; the arm64 libpq5 is installed.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
triple=aarch64-linux-gnu
need_cross "$triple"
need_qemu "$triple"
need_cmd curl curl
for f in libsqlite3.so libssl.so libcpp-httplib.so libpq.so.5; do
  [ -e "/usr/lib/$triple/$f" ] || skip "/usr/lib/$triple/$f is missing (scripts/bootstrap installs the arm64 packages)"
done
arm64_libpq_headers

bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease" "$bld" release \
  "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$triple.cmake" \
  "-DPostgreSQL_INCLUDE_DIR=$ARM64_PQ_INCLUDE" \
  "-DPostgreSQL_LIBRARY=/usr/lib/$triple/libpq.so.5"
rel="$bld/release/exrelease"
check_machine "$rel" "$triple"
grep -q '^machine=AArch64$' "$rel"/releases/*/manifest.txt || fail "manifest does not say AArch64"
for lib in libcpp-httplib.so.0.11 libsqlite3.so.0 libpq.so.5 libssl.so.3 libcrypto.so.3 libstdc++.so.6; do
  [ -f "$rel/lib/$lib" ] || fail "$lib is not bundled"
done

QEMU_LD_PREFIX=$(qemu_prefix "$triple")
export QEMU_LD_PREFIX
port=$(free_port)
data="$TEST_WORK_DIR/data"
rm -rf "$data"
export APP_PORT="$port" SECRET_KEY_BASE=cross-test-secret-0123456789abcdef0123456789abcdef
export EXRELEASE_DATA_DIR="$data" RELEASE_TMP="$TEST_WORK_DIR/tmp"
"$rel/bin/exrelease" daemon >"$TEST_WORK_DIR/daemon.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/daemon.log" "$RELEASE_TMP"/*.log 2>/dev/null; fail "daemon did not start"; }
trap '"$rel/bin/exrelease" stop >/dev/null 2>&1 || true' EXIT
wait_http "http://127.0.0.1:$port/health" 60 || { cat "$RELEASE_TMP"/*.log; fail "no answer on /health under qemu"; }
health=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/health")
echo "/health: $health"
case $health in *" 200") ;; *) fail "/health did not answer 200: $health" ;; esac
code=$(curl -s -o "$TEST_WORK_DIR/note.json" -w '%{http_code}' -X POST \
  -H 'Content-Type: application/json' --data '{"body":"from aarch64"}' "http://127.0.0.1:$port/notes")
[ "$code" = 201 ] || fail "POST /notes answered $code: $(cat "$TEST_WORK_DIR/note.json")"
curl -s "http://127.0.0.1:$port/notes" | grep -q 'from aarch64' || fail "the note was not listed"
"$rel/bin/exrelease" stop || fail "stop failed"
trap - EXIT
echo "exrelease for aarch64 answered under qemu"
