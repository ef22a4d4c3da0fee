# Everything else keeps working with HERMETIC: STRIP, a dlopen()ed plugin in
# LIBRARIES, the env hook, and CPack: the TGZ unpacked at PREFIX in an empty
# root runs there; the DEB installs under PREFIX and asks nothing of the
# target's libc6.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/lib.sh"
need_cmd cpack cmake
need_cmd dpkg-deb dpkg
bld=$TEST_WORK_DIR/build
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/project" "$bld" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" -DHREL_OPTIONS=ON
rel=$bld/release/hrel
[ -f "$rel/lib/libhplugin.so" ] || fail "the plugin is not in lib/"
if readelf -S "$rel/libexec/hrel" | grep -q '\.symtab'; then fail "STRIP: libexec/hrel has a symbol table"; fi
run env HREL_TOKEN=t "$rel/bin/hrel" start plugin
expect_rc 0 "plugin through the loader"
[ "$(cat "$OUT")" = "plugin 42" ] || { show; fail "plugin through the loader"; }
run env HREL_TOKEN=t "$rel/bin/hrel" eval htool x
expect_rc 0 "eval with the env hook"
[ "$(cat "$OUT")" = "htool:hello from hrel {hook of hrel 1.2.0} [x]" ] || { show; fail "eval with the env hook"; }
expect_program_name "LAUNCHER sh" "$rel"

(cd "$bld" && cpack -G TGZ >"$bld.cpack-tgz.log" 2>&1) || { cat "$bld.cpack-tgz.log"; fail "cpack -G TGZ failed"; }
(cd "$bld" && cpack -G DEB >"$bld.cpack-deb.log" 2>&1) || { cat "$bld.cpack-deb.log"; fail "cpack -G DEB failed"; }
tgz=$(ls "$bld"/hrel-1.2.0-*.tar.gz)
deb=$(ls "$bld"/*.deb)
if dpkg-deb -f "$deb" Depends | grep -q libc6; then fail "the DEB depends on libc6: $(dpkg-deb -f "$deb" Depends)"; fi
dpkg-deb -c "$deb" | grep -q " \./opt/hrel/lib/libc\.so\.6$" || fail "the DEB does not install lib/libc.so.6 under /opt/hrel"
# The loader links stay links (CPack installs the release with install(DIRECTORY)).
loader=$(cd "$rel/lib" && ls ld-linux*.so.*)
link="libexec/.cmake-release/loader/hrel -> ../../../lib/$loader"
tar -tvzf "$tgz" | grep -qF "/$link" || fail "the TGZ has no link $link: $(tar -tvzf "$tgz" | grep loader/)"
dpkg-deb -c "$deb" | grep -qF " ./opt/hrel/$link" || fail "the DEB has no link $link: $(dpkg-deb -c "$deb" | grep loader/)"

need_root "chroot into an empty root"
need_cmd unshare util-linux
root=$TEST_WORK_DIR/root
rm -rf "$root"
mkdir -p "$root/proc" "$root/dev" "$root/opt"
mknod -m 666 "$root/dev/null" c 1 3
tar -xzf "$tgz" -C "$root/opt"
mv "$root/opt/hrel-1.2.0-"* "$root$HREL_PREFIX"
run in_chroot "$root" "$HREL_PREFIX/libexec/hrel" plugin
expect_rc 0 "the TGZ's program at PREFIX in an empty root"
[ "$(cat "$OUT")" = "plugin 42" ] || { show; fail "the TGZ's program at PREFIX in an empty root"; }
echo "ok: STRIP, LIBRARIES, hook, CPack with HERMETIC"
