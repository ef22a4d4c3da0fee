# Fixture: builds the example's release once, as a user would, with warnings
# as errors (there must be none in the example's code).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"

rm -rf "$TEST_SHARED_DIR/exrelease"
mkdir -p "$TEST_SHARED_DIR/exrelease"

# ex_skip <reason>: skips this test and, through the marker, the tests that
# need its release.
ex_skip() {
  printf '%s\n' "$*" >"$EX_SKIPPED"
  skip "$*"
}
for pkg in patchelf:patchelf pkg-config:pkg-config curl:curl python3:python3; do
  command -v "${pkg%%:*}" >/dev/null 2>&1 || ex_skip "'${pkg%%:*}' is not installed (Debian package ${pkg#*:})"
done
for pc in cpp-httplib:libcpp-httplib-dev sqlite3:libsqlite3-dev libpq:libpq-dev openssl:libssl-dev; do
  pkg-config --exists "${pc%%:*}" \
    || ex_skip "${pc%%:*} for this machine's architecture is not installed (Debian package ${pc#*:})"
done
configure_and_build "$EX_SOURCE_DIR" "$EX_BUILD" release -DEXRELEASE_WERROR=ON
if grep -n 'warning:' "$EX_BUILD.build.log"; then
  fail "the build printed warnings"
fi

R=$EX_RELEASE
for f in bin/exrelease libexec/exrelease releases/0.1.0/env.sh; do
  [ -f "$R/$f" ] || fail "the release has no $f"
done
[ "$("$R/bin/exrelease" version)" = "exrelease 0.1.0" ] || fail "bin/exrelease version: $("$R/bin/exrelease" version)"

# The program answers from its own libraries, not the build machine's.
for lib in libcpp-httplib.so.0.11 libsqlite3.so.0 libpq.so.5 libssl.so.3 libcrypto.so.3 libstdc++.so.6; do
  [ -f "$R/lib/$lib" ] || fail "the release does not bundle $lib"
done
version=$("$R/libexec/exrelease" version) || fail "libexec/exrelease version failed"
case $version in
  "exrelease 0.1.0 (Release)") ;;
  *) fail "libexec/exrelease version printed '$version'" ;;
esac
ldd "$R/libexec/exrelease" >"$TEST_WORK_DIR/ldd.txt"
if grep -E '=> /(usr/)?lib' "$TEST_WORK_DIR/ldd.txt" | grep -v -E '/(libc|libm|ld-linux[^/]*|libpthread|libdl|librt|libresolv)\.so'; then
  fail "libraries above resolve outside the release"
fi

# Nothing secret and nothing of this machine is baked in.
if grep -a -q "$EX_BUILD" "$R/releases/0.1.0/env.sh"; then
  fail "the env hook names the build directory"
fi

nlibs=$(find "$R/lib" -type f | wc -l)
libbytes=$(find "$R/lib" -type f -exec cat {} + | wc -c)
printf 'closure: %s libraries, %s bytes; release: %s bytes\n' \
  "$nlibs" "$libbytes" "$(du -sb "$R" | cut -f1)"
