# staging.faults: the release steps under faults, on a real small tmpfs
# holding the build tree:
# - disk full while a changed library is copied into the staging tree;
# - disk full while patchelf writes a changed program (a patchelf wrapper
#   fills the file system first);
# - a one-time patchelf failure (the wrapper fails once);
# each time the build fails with one message naming add_release(), the
# previous release stays byte for byte as it was, no partial file is left,
# and the next build - nothing else changed - ships whole files: every
# staged file equals what a build from clean makes, and the release runs.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/loader/loader-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/staging/staging-lib.sh"
need_cmd fallocate util-linux

w="$TEST_WORK_DIR"
mnt="$w/mnt"
if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt"; fi
rm -rf "$w/orig" "$w/src" "$w/clean" "$w"/*.log
mkdir -p "$mnt"
mount -t tmpfs -o size=24m tmpfs "$mnt" 2>/dev/null || skip "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)"
trap 'umount "$mnt" 2>/dev/null || true' EXIT

# A 3 MiB library and a 3 MiB program that needs it, found through
# LIBRARY_DIRS (the program has no search path, so patchelf must grow it).
big='const char big_data[3 << 20] = {1};'
mkbig() { # <file> <label> <kind: lib|prog>
  mkdir -p "$(dirname "$1")"
  if [ "$3" = lib ]; then
    printf '#include <stdio.h>\n%s\n__attribute__((constructor)) static void init(void) { puts("%s"); }\n' "$big" "$2" \
      | cc -shared -fPIC -x c - -o "$1" -Wl,-soname,libbig.so || fail "cc: $1"
  else
    printf '#include <stdio.h>\nextern const char big_data[];\nconst char prog_data[3 << 20] = {2};\nint main(void) { printf("%s %%d\\n", big_data[0]); return 0; }\n' "$2" \
      | cc -x c - -o "$1" -L"$w/orig/lib" -lbig || fail "cc: $1"
  fi
}
mkbig "$w/orig/lib/libbig.so" "big@1" lib
mkbig "$w/orig/bin/prog" "prog@1" prog

# The wrapper: fails once when asked (fail-once), or fills the file system
# of the build tree before running patchelf (fill-on-patch).
cat >"$w/patchelf-wrapper" <<WRAP
#!/bin/sh
if [ -e "$w/fail-once" ]; then rm -f "$w/fail-once"; echo "injected patchelf failure" >&2; exit 1; fi
if [ -e "$w/fill-on-patch" ]; then
  fallocate -l "\$(df -B1 --output=avail "$mnt" | tail -n 1)" "$mnt/filler" 2>/dev/null || true
fi
exec "$(command -v patchelf)" "\$@"
WRAP
chmod +x "$w/patchelf-wrapper"

release_project "$w/src" "$(imported prog "$w/orig/bin/prog")
add_release(app TARGETS prog LIBRARY_DIRS \"$w/orig/lib\")"
bld="$mnt/build"
rel="$bld/release/app"
"$CMAKE_COMMAND" -S "$w/src" -B "$bld" -G Ninja "-DRELEASE_PATCHELF=$w/patchelf-wrapper" >"$w/configure.log" 2>&1 \
  || { cat "$w/configure.log"; fail "configure failed"; }
build_release "$bld" "$w/build1.log" || { cat "$w/build1.log"; fail "the first build failed"; }
env -i "$rel/bin/app" start >"$w/run1.out" 2>&1 || { cat "$w/run1.out"; fail "the release does not run"; }

# expect_failed_build <log> <what>: the build failed with add_release()'s
# message, the release is as before, no partial file is left.
expect_failed_build() {
  grep -q "add_release(app): " "$1" || { cat "$1"; fail "$2: no add_release() message"; }
  digest "$rel" >"$w/after-fail.txt"
  same_digest "$w/before.txt" "$w/after-fail.txt" "$2: the previous release changed"
  if find "$bld" -name '*.part' | grep -q .; then fail "$2: a partial file was left: $(find "$bld" -name '*.part')"; fi
}
same_digest() {
  cmp -s "$1" "$2" || { diff "$1" "$2" >&2 || true; fail "$3"; }
}

# expect_whole_release <label>: the staged files are those of a build from
# clean of the same inputs, and the release runs with the new program.
expect_whole_release() {
  rm -rf "$w/clean"
  if ! { "$CMAKE_COMMAND" -S "$w/src" -B "$w/clean" -G Ninja >"$w/clean.log" 2>&1 \
          && build_release "$w/clean" "$w/clean.log"; }; then
    cat "$w/clean.log"
    fail "the build from clean failed"
  fi
  digest "$w/clean/release/app/libexec" >"$w/want.txt"
  digest "$rel/libexec" >"$w/got.txt"
  same_digest "$w/want.txt" "$w/got.txt" "$1: libexec/ differs from a build from clean"
  digest "$w/clean/release/app/lib" >"$w/want.txt"
  digest "$rel/lib" >"$w/got.txt"
  same_digest "$w/want.txt" "$w/got.txt" "$1: lib/ differs from a build from clean"
  env -i "$rel/bin/app" start >"$w/run.out" 2>&1 || { cat "$w/run.out"; fail "$1: the release does not run"; }
  echo "$1: the recovery build shipped whole files"
}

# fault <name> <message> <output>: the inputs were changed and a fault
# armed: the build fails showing <message> (a grep regex), as
# expect_failed_build says; with the fault cleared, the next build ships
# whole files and the release prints the line <output>.
fault() {
  if build_release "$bld" "$w/$1.log"; then cat "$w/$1.log"; fail "$1: the build succeeded despite the fault"; fi
  grep -q "$2" "$w/$1.log" || { cat "$w/$1.log"; fail "$1: the message does not say '$2'"; }
  rm -f "$mnt/filler" "$w/fill-on-patch" "$w/fail-once"
  expect_failed_build "$w/$1.log" "$1"
  build_release "$bld" "$w/$1-recover.log" || { cat "$w/$1-recover.log"; fail "$1: the recovery build failed"; }
  expect_whole_release "$1"
  grep -qx "$3" "$w/run.out" || { cat "$w/run.out"; fail "$1: the release does not print '$3'"; }
}

# 1. Disk full while copying: a new libbig.so, and 256 KiB left.
digest "$rel" >"$w/before.txt"
mkbig "$w/orig/lib/libbig.so" "big@2" lib
fallocate -l "$(($(df -B1 --output=avail "$mnt" | tail -n 1) - 262144))" "$mnt/filler"
fault copy 'staging failed: cannot copy' 'big@2'
grep -q 'No space left on device' "$w/copy.log" || fail "copy: the message does not say the disk is full"

# 2. Disk full while patchelf writes a changed program.
digest "$rel" >"$w/before.txt"
mkbig "$w/orig/bin/prog" "prog@2" prog
touch "$w/fill-on-patch"
fault patch 'patchelf: write: No space left on device' 'prog@2 1'

# 3. patchelf fails once.
digest "$rel" >"$w/before.txt"
mkbig "$w/orig/bin/prog" "prog@3" prog
touch "$w/fail-once"
fault once 'injected patchelf failure' 'prog@3 1'
