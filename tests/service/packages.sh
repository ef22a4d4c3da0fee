# Fixture: examples/exrelease built RelWithDebInfo with DEBUG_SYMBOLS SPLIT and
# packed by CPack as DEB, RPM and TGZ (into $TEST_SHARED_DIR/service/packages,
# for service.systemd). Checks what the packages say about themselves:
# - DEB: Depends libc6 (>= the glibc of the release's manifest), the unit at
#   lib/systemd/system, /etc/exrelease/env a conffile of mode 0600, the
#   maintainer scripts clean for shellcheck; exrelease-dbgsym holds the program's
#   debug file under usr/lib/debug/.build-id and depends on exrelease (= vsn);
# - RPM: `rpm -qp --scripts` shows the four scriptlets, each valid sh and
#   clean for shellcheck; Requires glibc >= the manifest's and none of the bundled
#   libraries; the env file %config(noreplace) 0600; the debuginfo package;
# - TGZ: the release archive and <name>-<vsn>-Linux-x86_64-debug.tar.gz.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd dpkg-deb dpkg
need_cmd rpmbuild rpm
need_cmd shellcheck shellcheck
need_cmd pkg-config pkg-config
pkg-config --exists cpp-httplib || skip "cpp-httplib is not installed (Debian package libcpp-httplib-dev)"
out=$TEST_SHARED_DIR/service/packages
bld=$TEST_SHARED_DIR/service/exrelease
rm -rf "$out" "$bld"
mkdir -p "$out" "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease" "$bld" release \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEXRELEASE_DEBUG_SYMBOLS=SPLIT
cpack_cmd="$(dirname "$CMAKE_COMMAND")/cpack"
[ -x "$cpack_cmd" ] || cpack_cmd=cpack
"$cpack_cmd" -G "DEB;RPM;TGZ" --config "$bld/CPackConfig.cmake" -B "$out" >"$TEST_WORK_DIR/cpack.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/cpack.log" >&2; fail "cpack -G DEB;RPM;TGZ failed"; }
if grep -n 'Warning' "$TEST_WORK_DIR/cpack.log"; then fail "cpack warned"; fi
glibc=$(sed -n 's/^glibc=//p' "$bld/release/exrelease/releases/0.1.0/manifest.txt")
[ -n "$glibc" ] || fail "the manifest records no glibc"
id=$(readelf -n "$bld/release/exrelease/libexec/exrelease" | sed -n 's/^ *Build ID: *//p')
[ -n "$id" ] || fail "the program has no build-id"
debug_file=usr/lib/debug/.build-id/$(printf '%s' "$id" | cut -c1-2)/$(printf '%s' "$id" | cut -c3-).debug

# --- DEB ------------------------------------------------------------------
deb=$out/exrelease_0.1.0_amd64.deb
dbgsym=$out/exrelease-dbgsym_0.1.0_amd64.deb
for f in "$deb" "$dbgsym"; do [ -f "$f" ] || fail "cpack made no $f: $(ls "$out")"; done
dpkg-deb -I "$deb" >"$TEST_WORK_DIR/deb-info.txt"
cat "$TEST_WORK_DIR/deb-info.txt"
[ "$(dpkg-deb -f "$deb" Depends)" = "libc6 (>= $glibc)" ] \
  || fail "Depends is '$(dpkg-deb -f "$deb" Depends)', expected 'libc6 (>= $glibc)' from the manifest"
[ "$(dpkg-deb -f "$deb" Package)" = exrelease ] || fail "the package is not named exrelease"
rm -rf "$TEST_WORK_DIR/control" && dpkg-deb -e "$deb" "$TEST_WORK_DIR/control"
[ "$(cat "$TEST_WORK_DIR/control/conffiles")" = /etc/exrelease/env ] || fail "/etc/exrelease/env is not the conffile"
for s in postinst prerm postrm; do
  [ -x "$TEST_WORK_DIR/control/$s" ] || fail "the DEB has no executable $s"
  shellcheck -s sh "$TEST_WORK_DIR/control/$s" || fail "$s is not shellcheck-clean"
done
dpkg-deb -c "$deb" >"$TEST_WORK_DIR/deb-files.txt"
grep -Eq '^-rw-r--r-- root/root .* \./lib/systemd/system/exrelease\.service$' "$TEST_WORK_DIR/deb-files.txt" \
  || fail "the DEB has no lib/systemd/system/exrelease.service"
grep -Eq '^-rw------- root/root .* \./etc/exrelease/env$' "$TEST_WORK_DIR/deb-files.txt" \
  || fail "the DEB's /etc/exrelease/env is not root's, mode 0600"
grep -Eq ' \./opt/exrelease/libexec/exrelease$' "$TEST_WORK_DIR/deb-files.txt" || fail "the release is not under /opt/exrelease"
if grep -E 'usr/lib/debug|\.build-id' "$TEST_WORK_DIR/deb-files.txt"; then fail "the DEB carries debug files"; fi
rm -rf "$TEST_WORK_DIR/data" && mkdir -p "$TEST_WORK_DIR/data" && dpkg-deb -x "$deb" "$TEST_WORK_DIR/data"
grep -qx 'ExecStart=/opt/exrelease/bin/exrelease start' "$TEST_WORK_DIR/data/lib/systemd/system/exrelease.service" \
  || fail "the packaged unit does not start /opt/exrelease/bin/exrelease"
[ "$(dpkg-deb -f "$dbgsym" Depends)" = "exrelease (= 0.1.0)" ] || fail "exrelease-dbgsym does not depend on exrelease (= 0.1.0)"
[ "$(dpkg-deb -f "$dbgsym" Section)" = debug ] || fail "exrelease-dbgsym is not in section debug"
dpkg-deb -c "$dbgsym" | grep -q " \./$debug_file\$" || fail "exrelease-dbgsym lacks $debug_file"

# --- RPM ------------------------------------------------------------------
rpm=$out/exrelease-0.1.0-1.x86_64.rpm
for f in "$rpm" "$out/exrelease-debuginfo-0.1.0-1.x86_64.rpm"; do [ -f "$f" ] || fail "cpack made no $f: $(ls "$out")"; done
rpm -qp --scripts "$rpm" >"$TEST_WORK_DIR/rpm-scripts.txt"
cat "$TEST_WORK_DIR/rpm-scripts.txt"
rm -rf "$TEST_WORK_DIR/rpm-scriptlets" && mkdir -p "$TEST_WORK_DIR/rpm-scriptlets"
# One file per scriptlet, from its "<kind> scriptlet (using /bin/sh):" header on.
awk -v dir="$TEST_WORK_DIR/rpm-scriptlets" '
  / scriptlet \(using \/bin\/sh\):$/ { f = dir "/" $1; print "#!/bin/sh" > f; next }
  f { print >> f }' "$TEST_WORK_DIR/rpm-scripts.txt"
for s in preinstall postinstall preuninstall postuninstall; do
  f=$TEST_WORK_DIR/rpm-scriptlets/$s
  [ -s "$f" ] || fail "rpm -qp --scripts shows no $s scriptlet"
  sh -n "$f" || fail "the $s scriptlet is not valid sh"
  shellcheck -s sh "$f" || fail "the $s scriptlet is not shellcheck-clean"
done
grep -q '_svc_create_user$' "$TEST_WORK_DIR/rpm-scriptlets/preinstall" || fail "%pre does not create the user"
grep -q '_svc_install; fi$' "$TEST_WORK_DIR/rpm-scriptlets/postinstall" || fail "%post does not enable the service"
grep -q '_svc_remove; fi$' "$TEST_WORK_DIR/rpm-scriptlets/preuninstall" || fail "%preun does not stop the service"
rpm -qpR "$rpm" >"$TEST_WORK_DIR/rpm-requires.txt"
grep -qx "glibc >= $glibc" "$TEST_WORK_DIR/rpm-requires.txt" || fail "the RPM does not require glibc >= $glibc"
if grep -E '^lib|\.so' "$TEST_WORK_DIR/rpm-requires.txt"; then fail "the RPM requires the libraries it bundles"; fi
[ "$(rpm -qp --configfiles "$rpm")" = /etc/exrelease/env ] || fail "the RPM's config file is not /etc/exrelease/env"
rpm -qplv "$rpm" >"$TEST_WORK_DIR/rpm-files.txt"
grep -Eq '^-rw------- .* root +root .* /etc/exrelease/env$' "$TEST_WORK_DIR/rpm-files.txt" || fail "the RPM's env file is not mode 0600"
grep -q ' /usr/lib/systemd/system/exrelease.service$' "$TEST_WORK_DIR/rpm-files.txt" || fail "the RPM has no unit"
if grep -E ' (/opt|/usr/lib/systemd|/usr/lib/\.build-id.*)$' "$TEST_WORK_DIR/rpm-files.txt"; then
  fail "the RPM claims a directory of the system"
fi
rpm -qlp "$out/exrelease-debuginfo-0.1.0-1.x86_64.rpm" | grep -qx "/$debug_file" || fail "the debuginfo RPM lacks /$debug_file"

# --- Archives --------------------------------------------------------------
[ -f "$out/exrelease-0.1.0-Linux-x86_64.tar.gz" ] || fail "no release archive"
tar -tzf "$out/exrelease-0.1.0-Linux-x86_64-debug.tar.gz" | grep -q "/.build-id/.*\.debug$" \
  || fail "the debug archive holds no .build-id tree"
if tar -tzf "$out/exrelease-0.1.0-Linux-x86_64.tar.gz" | grep '\.build-id'; then fail "the release archive holds debug files"; fi
echo "release $(du -sb "$bld/release/exrelease" | cut -f1) bytes, debug tree $(du -sb "$bld/release/exrelease-debug" | cut -f1) bytes"
ls -l "$out"
echo "ok: DEB, RPM and archives"
