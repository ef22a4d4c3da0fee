# Test 10: LIBRARIES, LIBRARY_DIRS, EXCLUDE_LIBRARIES and STRIP, with the
# fixture project tests/release/plugins: host dlopen()s the MODULE plugin
# libgreet.so by bare file name; the plugin links libhelper.so, which only it
# needs and which add_release() finds through LIBRARY_DIRS only.
# - plugins (STRIP): lib/ carries libgreet.so and libhelper.so as real files,
#   and SQLite; no ELF file keeps .symtab or .debug_* sections (the build
#   tree's did); it runs in a minimal chroot, at a path with a space, and the
#   plugin is loaded from the release;
# - plugins-lean (EXCLUDE_LIBRARIES libsqlite3): no SQLite in lib/, verify
#   passed, not stripped; the host, which then needs nothing bundled, still
#   gets its DT_RPATH and loads the plugin from a copy of the release while
#   the build tree is moved away; SQLite comes from the system;
# - without LIBRARY_DIRS the build fails naming libhelper.so and the plugin.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd readelf binutils

src="$CMAKE_RELEASE_SOURCE_DIR/tests/release/plugins"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld" "$bld.away"
configure_and_build "$src" "$bld" release -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
if grep -q 'warning' "$bld.build.log"; then cat "$bld.build.log"; fail "the fixture compiled with warnings"; fi
full="$bld/release/plugins"
lean="$bld/release/plugins-lean"

# has_sections <file>: prints the .symtab/.debug_* sections of <file>.
has_sections() {
  readelf -S -W "$1" | sed -n 's/.*\] \(\.symtab\|\.debug_[a-z_]*\) .*/\1/p' | tr '\n' ' '
}
# Preconditions that make the checks below mean something.
[ -n "$(has_sections "$bld/host")" ] || fail "the build tree's host has no symbols or debug info to strip"
[ -n "$(has_sections "$bld/libgreet.so")" ] || fail "the build tree's plugin has no symbols or debug info to strip"
if readelf -d "$bld/libgreet.so" | grep -Eq 'RUNPATH|RPATH'; then
  fail "the plugin has a build RUNPATH: LIBRARY_DIRS would not be needed"
fi

# --- plugins: LIBRARIES + LIBRARY_DIRS + STRIP --------------------------------
for f in lib/libgreet.so lib/libhelper.so lib/libsqlite3.so.0 libexec/host bin/plugins; do
  [ -f "$full/$f" ] && [ ! -L "$full/$f" ] || fail "plugins: $f is missing or not a real file"
done
manifest=$(sed -n 's/^libraries=//p' "$full/releases/3.1.4/manifest.txt")
for lib in libgreet.so libhelper.so libsqlite3.so.0; do
  case " $manifest " in *" $lib "*) ;; *) fail "plugins: the manifest does not list $lib: $manifest" ;; esac
done
# The plugin finds libhelper.so through the host's DT_RPATH: it needs no
# search path of its own.
if readelf -d "$full/lib/libgreet.so" | grep -Eq 'RUNPATH|RPATH'; then
  fail "plugins: lib/libgreet.so got a search path of its own"
fi
n=$(check_runpaths "$full" with-libraries)
elf_files "$full" >"$TEST_WORK_DIR/full-elf.txt"
while IFS= read -r f; do
  s=$(has_sections "$f")
  [ -z "$s" ] || fail "plugins (STRIP): $f still has $s"
done <"$TEST_WORK_DIR/full-elf.txt"
echo "plugins: $n ELF files, all stripped, RUNPATHs checked"

"$full/bin/plugins" start >"$TEST_WORK_DIR/full.out" 2>&1 || { cat "$TEST_WORK_DIR/full.out"; fail "plugins does not run"; }
grep -qx 'plugin: hello from helper, world' "$TEST_WORK_DIR/full.out" || { cat "$TEST_WORK_DIR/full.out"; fail "plugins: the plugin did not answer"; }

# --- plugins-lean: EXCLUDE_LIBRARIES, and the build tree moved away ----------
for f in "$lean"/lib/*sqlite*; do
  [ ! -e "$f" ] || fail "plugins-lean bundles SQLite: $f"
done
if grep -q sqlite "$lean/releases/3.1.4/manifest.txt"; then fail "plugins-lean's manifest lists SQLite"; fi
for f in lib/libgreet.so lib/libhelper.so; do
  [ -f "$lean/$f" ] || fail "plugins-lean lacks $f"
done
readelf -d "$lean/libexec/host" | grep -q 'NEEDED.*\[libsqlite3\.so\.0\]' || fail "plugins-lean's host does not need SQLite: the exclusion proves nothing"
[ -n "$(has_sections "$lean/libexec/host")" ] || fail "plugins-lean (no STRIP) was stripped"
check_runpaths "$lean" with-libraries >/dev/null
copy="$TEST_WORK_DIR/lean copy"
rm -rf "$copy"
cp -a "$lean" "$copy"
mv "$bld" "$bld.away"
status=0
env -i "$copy/bin/plugins-lean" start lean >"$TEST_WORK_DIR/lean.out" 2>&1 || status=$?
ldd "$copy/libexec/host" >"$TEST_WORK_DIR/lean.ldd" 2>&1 || true
mv "$bld.away" "$bld"
[ "$status" = 0 ] || { cat "$TEST_WORK_DIR/lean.out"; fail "plugins-lean does not run with the build tree moved away"; }
grep -qx 'plugin: hello from helper, lean' "$TEST_WORK_DIR/lean.out" || { cat "$TEST_WORK_DIR/lean.out"; fail "plugins-lean: the plugin did not answer"; }
grep -qF "plugin file: $copy/libexec/../lib/libgreet.so" "$TEST_WORK_DIR/lean.out" \
  || { cat "$TEST_WORK_DIR/lean.out"; fail "plugins-lean loaded the plugin from elsewhere"; }
grep -Eq 'libsqlite3\.so\.0 => /(usr/)?lib' "$TEST_WORK_DIR/lean.ldd" \
  || { cat "$TEST_WORK_DIR/lean.ldd"; fail "plugins-lean does not take SQLite from the system"; }

# --- plugins in a minimal chroot (no SQLite there) ----------------------------
if [ "$(id -u)" = 0 ] && command -v mmdebstrap >/dev/null 2>&1; then
  root=$(minbase_rootfs)
  dest="/opt/release tests/plugins"
  rm -rf "$root/opt/release tests/plugins"
  mkdir -p "$root$dest"
  cp -a "$full/." "$root$dest/"
  in_chroot "$root" /usr/bin/env -i "$dest/bin/plugins" start chroot >"$TEST_WORK_DIR/chroot.out" 2>&1 \
    || { cat "$TEST_WORK_DIR/chroot.out"; fail "plugins does not run in the chroot"; }
  grep -qx 'plugin: hello from helper, chroot' "$TEST_WORK_DIR/chroot.out" || { cat "$TEST_WORK_DIR/chroot.out"; fail "plugins in the chroot: the plugin did not answer"; }
  grep -qF "plugin file: $dest/libexec/../lib/libgreet.so" "$TEST_WORK_DIR/chroot.out" \
    || { cat "$TEST_WORK_DIR/chroot.out"; fail "plugins in the chroot loaded the plugin from elsewhere"; }
  rm -rf "$root/opt/release tests/plugins"
else
  echo "note: no root or mmdebstrap: the chroot part was left out"
fi

# --- Without LIBRARY_DIRS, libhelper.so cannot be found ----------------------
nolib="$TEST_WORK_DIR/build-no-library-dirs"
rm -rf "$nolib"
"$CMAKE_COMMAND" -S "$src" -B "$nolib" -G Ninja -DPLUGINS_WITHOUT_LIBRARY_DIRS=ON \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" >"$nolib.configure.log" 2>&1 \
  || { cat "$nolib.configure.log"; fail "configuring without LIBRARY_DIRS failed"; }
if "$CMAKE_COMMAND" --build "$nolib" --target release-plugins >"$nolib.build.log" 2>&1; then
  fail "without LIBRARY_DIRS the release was assembled anyway"
fi
log_says "$nolib.build.log" "add_release\(plugins\): cannot find the library 'libhelper\.so' needed by '[^']*/libgreet\.so'"
[ ! -e "$nolib/release/plugins" ] || fail "a failed assembly left a release behind"
