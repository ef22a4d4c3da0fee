# loader.cases: one release per rule of the loader model (issue "the closure,
# exactly as the loader sees it"), each built from tiny libraries that print
# their label when loaded. Every program is run before the build (the
# original, as the loader loads it) and from its release after the original
# directories are moved away; the two outputs must be the same lines.
# - chain: libb's dependency libc is found through the DT_RPATH of liba,
#   the library that loaded libb (the chain of loaders);
# - second: the second program of TARGETS has its own DT_RPATH;
# - plugin: a LIBRARIES root with its own DT_RPATH, dlopen()ed by name;
# - symlink: IMPORTED_LOCATION is a symlink: $ORIGIN is the real file's
#   directory (a decoy beside the link must not be taken);
# - hwcaps: glibc-hwcaps/x86-64-v2 beside the baseline library;
# - otherarch: a second program's DT_RPATH offers a same-named library of
#   another machine first: the loader skips it, so no conflict;
# - tokens: $LIB and $PLATFORM in DT_RPATH;
# - runpath: a library with its own DT_RUNPATH (it loses it in the release).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/loader/loader-lib.sh"

o="$TEST_WORK_DIR/orig"
rm -rf "${TEST_WORK_DIR:?}"/*
mkdir -p "$o"

# chain: prog -> liba (dir a, DT_RPATH a-b and a-c) -> libb (dir b, none) -> libc (dir c).
mklib "$o/c/libc1.so" "c1@c"
mklib "$o/b/libb1.so" "b1@b" -L"$o/c" -lc1
mklib "$o/a/liba1.so" "a1@a" -L"$o/b" -lb1 "$(rpath "$o/b" "$o/c")"
mkprog "$o/chain" -L"$o/a" -la1 "$(rpath "$o/a")" -Wl,-rpath-link,"$o/b:$o/c"

# second: two programs, the second with its own DT_RPATH.
mklib "$o/d/libd1.so" "d1@d"
mkprog "$o/first" -L"$o/a" -la1 "$(rpath "$o/a")" -Wl,-rpath-link,"$o/b:$o/c"
mkprog "$o/second" -L"$o/d" -ld1 "$(rpath "$o/d")"

# plugin: host dlopen()s libplug.so by name; the plugin's DT_RPATH finds libe1.
mklib "$o/e/libe1.so" "e1@e"
mklib "$o/p/libplug.so" "plug@p" -L"$o/e" -le1 "$(rpath "$o/e")"
mkdir -p "$o/host"
printf '#include <dlfcn.h>\n#include <stdio.h>\nint main(void) { if (!dlopen("libplug.so", RTLD_NOW)) { puts(dlerror()); return 1; } return 0; }\n' \
  | cc -x c - -o "$o/host/host" "$(rpath "$o/p")" -ldl || fail "cc could not build host"

# symlink: link/bin/prog -> ../../real/bin/prog, DT_RPATH $ORIGIN/../lib.
mklib "$o/real/lib/libs1.so" "s1@real"
mklib "$o/link/lib/libs1.so" "s1@link-decoy"
mkprog "$o/real/bin/linked" -L"$o/real/lib" -ls1 "-Wl,--disable-new-dtags,-rpath,\$ORIGIN/../lib"
mkdir -p "$o/link/bin"
ln -s ../../real/bin/linked "$o/link/bin/linked"

# hwcaps: the baseline and an x86-64-v2 build, which the loader prefers.
mklib "$o/h/libh1.so" "h1@baseline"
mklib "$o/h/glibc-hwcaps/x86-64-v2/libh1.so" "h1@x86-64-v2"
mkprog "$o/hw" -L"$o/h" -lh1 "$(rpath "$o/h")"

# otherarch: second program's DT_RPATH: first a "foreign" libg1, then the real one.
mklib "$o/g/libg1.so" "g1@g"
mklib "$o/gforeign/libg1.so" "g1@foreign"
set_machine "$o/gforeign/libg1.so" 183
mkprog "$o/g_one" -L"$o/g" -lg1 "$(rpath "$o/g")"
mkprog "$o/g_two" -L"$o/g" -lg1 "$(rpath "$o/gforeign" "$o/g")"

# tokens: $LIB and $PLATFORM.
lib_dir=lib/$(cc -print-multiarch)
[ "$lib_dir" != lib/ ] || lib_dir=lib
mklib "$o/t/$lib_dir/libl1.so" "l1@\$LIB"
mklib "$o/t/$(uname -m)/libq1.so" "q1@\$PLATFORM"
mkprog "$o/t/bin/tok" -L"$o/t/$lib_dir" -ll1 -L"$o/t/$(uname -m)" -lq1 \
  "-Wl,--disable-new-dtags,-rpath,\$ORIGIN/../\$LIB:\$ORIGIN/../\$PLATFORM"

# runpath: libr1 carries a DT_RUNPATH to find libr2.
mklib "$o/r2/libr2.so" "r2@r2"
mklib "$o/r1/libr1.so" "r1@r1" -L"$o/r2" -lr2 -Wl,--enable-new-dtags,-rpath,"$o/r2"
mkprog "$o/rp" -L"$o/r1" -lr1 "$(rpath "$o/r1")" -Wl,-rpath-link,"$o/r2"

readelf -d "$o/a/liba1.so" | grep -q '(RPATH)' || fail "liba1.so has no DT_RPATH: the chain case proves nothing"
readelf -d "$o/r1/libr1.so" | grep -q '(RUNPATH)' || fail "libr1.so has no DT_RUNPATH"

code="$(imported chain "$o/chain")
add_release(chain TARGETS chain)
$(imported first "$o/first")
$(imported second "$o/second")
add_release(second TARGETS first second)
$(imported host "$o/host/host")
add_release(plugin TARGETS host LIBRARIES \"$o/p/libplug.so\")
$(imported linked "$o/link/bin/linked")
add_release(symlink TARGETS linked)
$(imported hw "$o/hw")
add_release(hwcaps TARGETS hw)
$(imported g_one "$o/g_one")
$(imported g_two "$o/g_two")
add_release(otherarch TARGETS g_one g_two)
$(imported tok "$o/t/bin/tok")
add_release(tokens TARGETS tok)
$(imported rp "$o/rp")
add_release(runpath TARGETS rp)"
release_project "$TEST_WORK_DIR/src" "$code"

# What the loader loads for the originals.
for p in chain first second host/host link/bin/linked hw g_one g_two t/bin/tok rp; do
  env -i "$o/$p" >"$TEST_WORK_DIR/$(basename "$p").want" 2>&1 || { cat "$TEST_WORK_DIR/$(basename "$p").want"; fail "the original $p does not run"; }
done
grep -qx 'h1@x86-64-v2' "$TEST_WORK_DIR/hw.want" || echo "note: this CPU's loader takes the baseline libh1.so"

bld="$TEST_WORK_DIR/build"
"$CMAKE_COMMAND" -S "$TEST_WORK_DIR/src" -B "$bld" -G Ninja >"$bld.log" 2>&1 || { cat "$bld.log"; fail "configure failed"; }
"$CMAKE_COMMAND" --build "$bld" --target release >>"$bld.log" 2>&1 || { cat "$bld.log"; fail "the releases did not build"; }

mv "$o" "$o.away"
status=0
for pair in chain:chain second:first second:second plugin:host symlink:linked hwcaps:hw \
            otherarch:g_one otherarch:g_two tokens:tok runpath:rp; do
  rel=${pair%%:*} prog=${pair#*:}
  env -i "$bld/release/$rel/libexec/$prog" >"$TEST_WORK_DIR/$prog.got" 2>&1 || true
  if cmp -s "$TEST_WORK_DIR/$prog.want" "$TEST_WORK_DIR/$prog.got"; then
    echo "$rel/$prog: loads $(tr '\n' ' ' <"$TEST_WORK_DIR/$prog.got")as the original did"
  else
    echo "$rel/$prog: the release loads other libraries than the original:" >&2
    diff "$TEST_WORK_DIR/$prog.want" "$TEST_WORK_DIR/$prog.got" >&2 || true
    status=1
  fi
done
mv "$o.away" "$o"
[ "$status" = 0 ] || fail "a release does not load what the loader loads for its original"
[ -f "$bld/release/hwcaps/lib/glibc-hwcaps/x86-64-v2/libh1.so" ] || fail "the hwcaps variant is not in the release"
if readelf -d "$bld/release/runpath/lib/libr1.so" | grep -Eq 'RUNPATH|RPATH'; then
  fail "libr1.so kept a search path in the release"
fi
cmp -s "$o/c/libc1.so" "$bld/release/chain/lib/libc1.so" || fail "libc1.so (no search path of its own) is not byte-identical to its source"
