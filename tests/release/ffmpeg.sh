# Test 9: a large real closure. Debian's /usr/bin/ffmpeg as an IMPORTED
# executable: the release assembles with ~200 bundled libraries; every one is
# a real file under the name its users ask for - libsndio.so.7.0 (whose
# SONAME is libsndio.so.7) included; the RUNPATH policy holds across the
# tree; no path of the build machine leaks; `bin/ffmpeg start -version` runs
# with an empty environment, and in a minimal chroot. Prints the number of
# libraries and the times of a full and of a no-op `--target release`.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
[ -x /usr/bin/ffmpeg ] || skip "/usr/bin/ffmpeg is not installed (Debian package ffmpeg)"
need_cmd readelf binutils

bld="$TEST_WORK_DIR/build"
rel="$bld/release/ffmpeg"
rm -rf "$bld"
"$CMAKE_COMMAND" -S "$CMAKE_RELEASE_SOURCE_DIR/tests/release/ffmpeg" -B "$bld" -G Ninja \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" >"$bld.configure.log" 2>&1 \
  || { cat "$bld.configure.log"; fail "configuring the ffmpeg release failed"; }
now() { date +%s%N; }
t0=$(now)
"$CMAKE_COMMAND" --build "$bld" --target release >"$bld.build.log" 2>&1 \
  || { cat "$bld.build.log"; fail "assembling the ffmpeg release failed"; }
t1=$(now)
"$CMAKE_COMMAND" --build "$bld" --target release >"$bld.noop.log" 2>&1 || fail "the no-op build failed"
t2=$(now)
ninja_ran_nothing "$bld.noop.log"

count=$(ls "$rel/lib" | wc -l)
echo "ffmpeg: $count libraries bundled; full --target release $(( (t1 - t0) / 1000000 )) ms, no-op $(( (t2 - t1) / 1000000 )) ms"
[ "$count" -ge 150 ] || fail "only $count libraries bundled for ffmpeg (expected about 200)"
links=$(find "$rel" -type l)
[ -z "$links" ] || fail "the release holds symbolic links: $links"

# The DT_NEEDED name, not the SONAME.
readelf -d -W "$rel"/lib/* "$rel/libexec/ffmpeg" 2>/dev/null | grep -q 'NEEDED.*\[libsndio\.so\.7\.0\]' \
  || skip "this ffmpeg's closure does not ask for libsndio.so.7.0 (other Debian version?)"
[ -f "$rel/lib/libsndio.so.7.0" ] || fail "libsndio.so.7.0 is not bundled under the name asked for"
readelf -d "$rel/lib/libsndio.so.7.0" | grep -q 'SONAME.*\[libsndio\.so\.7\]' \
  || fail "lib/libsndio.so.7.0 is not the library whose SONAME is libsndio.so.7"
# Every name asked for is bundled or left to glibc.
readelf -d -W "$rel"/lib/* "$rel/libexec/ffmpeg" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | LC_ALL=C sort -u >"$TEST_WORK_DIR/needed.txt"
while IFS= read -r name; do
  [ -f "$rel/lib/$name" ] && continue
  case $name in
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libresolv.so.*|libutil.so.*|libanl.so.*|libmvec.so.*|ld-linux*) ;;
    *) fail "'$name' is needed but neither bundled nor part of glibc" ;;
  esac
done <"$TEST_WORK_DIR/needed.txt"

n=$(check_runpaths "$rel")
echo "checked the RUNPATH of $n ELF files"
check_no_path_in "$rel" "$bld" "$CMAKE_RELEASE_SOURCE_DIR" "$CMAKE_RELEASE_DIR"

env -i "$rel/bin/ffmpeg" start -hide_banner -version >"$TEST_WORK_DIR/version.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/version.out"; fail "bin/ffmpeg start -version failed"; }
grep -q '^ffmpeg version ' "$TEST_WORK_DIR/version.out" || { cat "$TEST_WORK_DIR/version.out"; fail "ffmpeg did not print its version"; }
# A real job: one second of a generated tone, encoded to FLAC in memory.
env -i "$rel/bin/ffmpeg" start -hide_banner -loglevel error -f lavfi -i sine=duration=1 -c:a flac -f null - \
  >"$TEST_WORK_DIR/encode.out" 2>&1 || { cat "$TEST_WORK_DIR/encode.out"; fail "ffmpeg could not encode"; }

if [ "$(id -u)" = 0 ] && command -v mmdebstrap >/dev/null 2>&1; then
  root=$(minbase_rootfs)
  dest="/opt/release tests/ffmpeg"
  rm -rf "$root/opt/release tests/ffmpeg"
  # The rootfs lacks ffmpeg's libraries (other tests' releases aside).
  found=$(find "$root" -xdev -path "$root/opt/release tests" -prune -o -name 'libavcodec.so*' -print)
  [ -z "$found" ] || fail "the rootfs has ffmpeg's libraries: $found"
  mkdir -p "$root$dest"
  cp -a "$rel/." "$root$dest/"
  in_chroot "$root" /usr/bin/env -i "$dest/bin/ffmpeg" start -hide_banner -version >"$TEST_WORK_DIR/chroot.out" 2>&1 \
    || { cat "$TEST_WORK_DIR/chroot.out"; fail "ffmpeg does not run in the chroot"; }
  grep -q '^ffmpeg version ' "$TEST_WORK_DIR/chroot.out" || fail "ffmpeg in the chroot did not print its version"
  rm -rf "$root/opt/release tests/ffmpeg"
else
  echo "note: no root or mmdebstrap: the chroot part was left out"
fi
