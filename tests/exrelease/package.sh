# CPack packs the release (TGZ) and `cmake --install --component exrelease`
# installs it; both copies run.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
ex_need_release

"$CMAKE_COMMAND" --build "$EX_BUILD" --target package >"$TEST_WORK_DIR/package.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/package.log" >&2; fail "--target package failed"; }
tarball=$(find "$EX_BUILD" -maxdepth 1 -name 'exrelease-0.1.0-*.tar.gz')
[ -f "$tarball" ] || fail "no exrelease-0.1.0-*.tar.gz in $EX_BUILD"
echo "package: ${tarball##*/}, $(wc -c <"$tarball") bytes"

rm -rf "$TEST_WORK_DIR/unpacked" "$TEST_WORK_DIR/installed here"
mkdir -p "$TEST_WORK_DIR/unpacked"
tar -xzf "$tarball" -C "$TEST_WORK_DIR/unpacked"
control=$(find "$TEST_WORK_DIR/unpacked" -path '*/bin/exrelease' -type f)
[ -n "$control" ] || fail "the package holds no bin/exrelease"
[ "$("$control" version)" = "exrelease 0.1.0" ] || fail "the packaged release does not run"
if tar -tzf "$tarball" | grep -E '(^|/)tmp/.'; then
  fail "the package carries the build machine's tmp/ files"
fi

"$CMAKE_COMMAND" --install "$EX_BUILD" --component exrelease --prefix "$TEST_WORK_DIR/installed here" \
  >"$TEST_WORK_DIR/install.log" 2>&1 || { cat "$TEST_WORK_DIR/install.log" >&2; fail "cmake --install failed"; }
[ "$("$TEST_WORK_DIR/installed here/bin/exrelease" version)" = "exrelease 0.1.0" ] \
  || fail "the installed release does not run"
[ "$("$TEST_WORK_DIR/installed here/libexec/exrelease" version)" = "exrelease 0.1.0 (Release)" ] \
  || fail "the installed program does not run"
echo "ok: package and install"
