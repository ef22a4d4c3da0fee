# Builds examples/greetd's release, as its README says, into the shared
# directory the other greetd tests copy it from; the example compiles
# without a warning (-Wall -Wextra -Wpedantic).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"

need_cmd pkg-config pkg-config
pkg-config --exists cpp-httplib || skip "cpp-httplib is not installed (Debian package libcpp-httplib-dev)"
rm -rf "$GD_BUILD"
mkdir -p "$GD_BUILD"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/greetd" "$GD_BUILD" release
if grep -n 'warning:' "$GD_BUILD.build.log"; then
  fail "the example does not compile cleanly (see $GD_BUILD.build.log)"
fi
for f in bin/greetd libexec/greetd etc/greetd.conf lib/libgreetd_formal.so lib/libgreetd_shout.so \
  lib/libcpp-httplib.so.0.11 releases/1.0.0/env.sh; do
  [ -e "$GD_RELEASE/$f" ] || fail "the release lacks $f"
done
# The program finds lib/ through its DT_RPATH, which dlopen() by bare name
# uses too (and which LD_LIBRARY_PATH cannot override).
rpath=$(readelf -d "$GD_RELEASE/libexec/greetd" | sed -n 's/.*(RPATH).*\[\(.*\)\]/\1/p')
[ "$rpath" = "\$ORIGIN/../lib" ] || fail "libexec/greetd has the DT_RPATH '$rpath', not \$ORIGIN/../lib"
if grep -rlF "$GD_BUILD" "$GD_RELEASE"; then
  fail "files of the release hold the build directory's path"
fi
echo "greetd release at $GD_RELEASE"
