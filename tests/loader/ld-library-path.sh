# loader.ld-library-path: bundled libraries win. A host LD_LIBRARY_PATH that
# holds same-named, incompatible libraries (libv.so without the symbol the
# program calls, a libplug2.so of its own) changes nothing a release loads -
# through `bin/<name> start` and through `libexec/<prog>` run directly -
# neither for the program's own needs, nor for a library that came with a
# DT_RUNPATH of its own (libw.so), nor for a dlopen()ed LIBRARIES plugin;
# while LD_PRELOAD still works. The original directories are moved away.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/loader/loader-lib.sh"

o="$TEST_WORK_DIR/orig"
h="$TEST_WORK_DIR/host"
rm -rf "${TEST_WORK_DIR:?}"/*
mklib "$o/v/libv.so" "v@bundled" -Wl,--defsym,v_needed=v_f
mklib "$o/w/libw.so" "w@bundled" -L"$o/v" -lv -Wl,--enable-new-dtags,-rpath,"$o/v"
mklib "$o/p/libplug2.so" "plug2@bundled"
mkdir -p "$o/bin"
printf '#include <dlfcn.h>\n#include <stdio.h>\nint v_needed(void);\nint main(void) { v_needed(); if (!dlopen("libplug2.so", RTLD_NOW)) { puts(dlerror()); return 1; } puts("main ran"); return 0; }\n' \
  | cc -x c - -o "$o/bin/prog" -Wl,--no-as-needed -L"$o/w" -lw -L"$o/v" -lv -ldl -Wl,--enable-new-dtags,-rpath,"$o/w:$o/v:$o/p" \
  || fail "cc could not build prog"
readelf -d "$o/w/libw.so" | grep -q '(RUNPATH)' || fail "libw.so has no DT_RUNPATH: that part proves nothing"
# The host's incompatible copies, and a library to preload.
mklib "$h/libv.so" "v@host"
mklib "$h/libw.so" "w@host"
mklib "$h/libplug2.so" "plug2@host"
mklib "$h/libpre.so" "pre@preload"
# Sanity: the original (a DT_RUNPATH, as CMake links) does take the host's
# copies from LD_LIBRARY_PATH, and breaks.
if env -i LD_LIBRARY_PATH="$h" "$o/bin/prog" >"$TEST_WORK_DIR/orig-llp.out" 2>&1 \
   && ! grep -q '@host' "$TEST_WORK_DIR/orig-llp.out"; then
  fail "the original is not affected by LD_LIBRARY_PATH: the test proves nothing"
fi

release_project "$TEST_WORK_DIR/src" "$(imported prog "$o/bin/prog")
add_release(llp TARGETS prog LIBRARIES \"$o/p/libplug2.so\")"
bld="$TEST_WORK_DIR/build"
"$CMAKE_COMMAND" -S "$TEST_WORK_DIR/src" -B "$bld" -G Ninja >"$bld.log" 2>&1 || { cat "$bld.log"; fail "configure failed"; }
"$CMAKE_COMMAND" --build "$bld" --target release >>"$bld.log" 2>&1 || { cat "$bld.log"; fail "the release did not build"; }
rel="$bld/release/llp"

mv "$o" "$o.away"
trap 'mv "$o.away" "$o" 2>/dev/null || true' EXIT
env -i "$rel/libexec/prog" >"$TEST_WORK_DIR/plain.out" 2>&1 || { cat "$TEST_WORK_DIR/plain.out"; fail "the release does not run"; }
for want in v@bundled w@bundled plug2@bundled 'main ran'; do
  grep -qx "$want" "$TEST_WORK_DIR/plain.out" || { cat "$TEST_WORK_DIR/plain.out"; fail "the release did not print '$want'"; }
done
for how in direct start; do
  case $how in
    direct) set -- "$rel/libexec/prog" ;;
    start) set -- "$rel/bin/llp" start ;;
  esac
  env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH="$h" "$@" >"$TEST_WORK_DIR/$how.out" 2>&1 \
    || { cat "$TEST_WORK_DIR/$how.out"; fail "$how: the release fails under LD_LIBRARY_PATH"; }
  if ! cmp -s "$TEST_WORK_DIR/plain.out" "$TEST_WORK_DIR/$how.out"; then
    diff "$TEST_WORK_DIR/plain.out" "$TEST_WORK_DIR/$how.out" >&2 || true
    fail "$how: LD_LIBRARY_PATH changed what the release loads"
  fi
  env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH="$h" LD_PRELOAD="$h/libpre.so" "$@" >"$TEST_WORK_DIR/$how.pre" 2>&1 \
    || { cat "$TEST_WORK_DIR/$how.pre"; fail "$how: the release fails with LD_PRELOAD"; }
  grep -qx 'pre@preload' "$TEST_WORK_DIR/$how.pre" || { cat "$TEST_WORK_DIR/$how.pre"; fail "$how: LD_PRELOAD no longer works"; }
  echo "$how: LD_LIBRARY_PATH changes nothing, LD_PRELOAD still loads"
done
