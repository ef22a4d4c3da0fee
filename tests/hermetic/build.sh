# Fixture and host test: the test release built HERMETIC. It carries the
# glibc family and its loader from one glibc build (the build machine's),
# its programs' PT_INTERP is the loader at PREFIX, nothing names the build
# machine; on this machine (not at PREFIX) the control script runs the
# programs through the bundled loader: start, eval, version, REQUIRED_ENV,
# and the relocatable case's documented limits.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/lib.sh"
need_cmd patchelf patchelf
need_cmd readelf binutils
[ -e /usr/include/sqlite3.h ] || skip "libsqlite3-dev is not installed"
[ -e /usr/include/openssl/evp.h ] || skip "libssl-dev is not installed"
rm -rf "$TEST_SHARED_DIR/hermetic"
mkdir -p "$TEST_SHARED_DIR/hermetic"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/project" "$HREL_BUILD" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
rel=$HREL_RELEASE
[ ! -e "$HREL_PREFIX" ] || fail "$HREL_PREFIX exists on this machine: the test must run the release elsewhere"

# One glibc build: libc, libm and the loader are this machine's, byte for byte.
glibc_dir=$(dirname "$(readlink -f "$(g++ -print-file-name=libc.so.6)")")
loader=$(cd "$glibc_dir" && ls ld-linux*.so.*)
for f in libc.so.6 libm.so.6 libnss_compat.so.2 "$loader"; do
  cmp "$glibc_dir/$f" "$rel/lib/$f" || fail "lib/$f is not $glibc_dir/$f"
done
[ "$(stat -c %a "$rel/lib/$loader")" = 755 ] || fail "lib/$loader is not mode 755"
[ "$(stat -c %a "$rel/lib/libc.so.6")" = 644 ] || fail "lib/libc.so.6 is not mode 644"
for p in hrel htool; do
  interp=$(patchelf --print-interpreter "$rel/libexec/$p")
  [ "$interp" = "$HREL_PREFIX/lib/$loader" ] || fail "libexec/$p: PT_INTERP '$interp', expected $HREL_PREFIX/lib/$loader"
done
grep -qx "hermetic=$HREL_PREFIX/lib/$loader" "$rel/releases/1.2.0/manifest.txt" \
  || fail "the manifest has no hermetic= line: $(cat "$rel/releases/1.2.0/manifest.txt")"
n=$(check_runpaths "$rel")
echo "checked the RUNPATH of $n ELF files"

# The build machine's paths appear in no file; the PREFIX does (PT_INTERP),
# and it is the target's path: no build-machine path is inside it or holds it.
set -- "$HREL_BUILD" "$CMAKE_RELEASE_SOURCE_DIR" "$CMAKE_RELEASE_DIR" "$TEST_SHARED_DIR" \
  "$(cd "$HREL_BUILD" && pwd -P)" "$(cd "$CMAKE_RELEASE_SOURCE_DIR" && pwd -P)"
check_no_path_in "$rel" "$@"
for p in "$@"; do
  case "$p/" in "$HREL_PREFIX"/*) fail "the build path $p is under PREFIX: the leak check cannot tell them apart" ;; esac
  case "$HREL_PREFIX/" in "$p"/*) fail "PREFIX is under the build path $p" ;; esac
done
grep -rlF "$HREL_PREFIX/lib/$loader" "$rel/libexec" >/dev/null || fail "the leak check is blind: PREFIX not found in libexec/"
touch "$TEST_SHARED_DIR/hermetic/fixture.ok"

# On this machine: through the bundled loader (a dry run shows the command).
expect_start_eval_version "host" "$rel/bin/hrel"
run env RELEASE_DRY_RUN=1 HREL_TOKEN=t "$rel/bin/hrel" start x
expect_rc 0 "dry run"
[ "$(cat "$OUT")" = "'$rel/libexec/.cmake-release/loader/hrel' '--argv0' 'hrel' '$rel/libexec/hrel' 'x'" ] \
  || { show; fail "dry run: not the loader's command line"; }
# ... executed through its link named hrel: that is the process's name.
expect_program_name "native launcher" "$rel"
# The bundled glibc is the one in use, not this machine's (LD_DEBUG).
run env LD_DEBUG=libs HREL_TOKEN=t "$rel/bin/hrel" eval htool
expect_rc 0 "eval with LD_DEBUG"
expect_in "$ERR" "calling init: $rel/libexec/../lib/libc.so.6" "the bundled libc"
if grep -q "$glibc_dir/libc.so.6" "$ERR"; then show; fail "this machine's libc was loaded"; fi
# GCONV_MODULES EUC-JP: the module (without its DT_RUNPATH), its helper
# library in lib/, a configuration of just them; the control script sets
# GCONV_PATH.
cmp "$glibc_dir/gconv/libJIS.so" "$rel/lib/libJIS.so" || fail "lib/libJIS.so is not $glibc_dir/gconv/libJIS.so"
[ -f "$rel/lib/gconv/EUC-JP.so" ] || fail "the release has no lib/gconv/EUC-JP.so"
grep -q '^module[[:space:]]*INTERNAL[[:space:]]*EUC-JP//[[:space:]]*EUC-JP[[:space:]]' "$rel/lib/gconv/gconv-modules" \
  || fail "lib/gconv/gconv-modules has no EUC-JP module line"
if grep -q 'ISO8859-15' "$rel/lib/gconv/gconv-modules"; then fail "lib/gconv/gconv-modules names modules the release lacks"; fi
run env HREL_TOKEN=t "$rel/bin/hrel" start iconv EUCJP
expect_rc 0 "iconv to EUC-JP (by an alias)"
[ "$(cat "$OUT")" = "iconv EUCJP c6fccbdc" ] || { show; fail "iconv to EUC-JP"; }
run env HREL_TOKEN=t "$rel/bin/hrel" start user
expect_rc 0 "getpwuid on the host"
expect_in "$OUT" "user $(id -un) " "getpwuid on the host"

# The relocatable case's limits (docs/hermetic.md): /proc/self/exe is the
# loader, so a program finds no sibling beside it, re-executing it runs the
# loader without the program, and a program of the release executed by its
# path needs its PT_INTERP, at PREFIX.
run env HREL_TOKEN=t "$rel/bin/hrel" start exec-tool
expect_rc 1 "relocatable exec-tool"
expect_in "$OUT" "exec $rel/lib/htool failed: No such file or directory" "relocatable exec-tool"
run env HREL_TOKEN=t "$rel/bin/hrel" start reexec
expect_rc 127 "relocatable reexec"
expect_in "$ERR" "child: cannot open shared object file" "relocatable reexec"
run env HREL_TOKEN=t "$rel/bin/hrel" start exec-path "$rel/libexec/htool"
expect_rc 1 "relocatable exec-path"
expect_in "$OUT" "exec $rel/libexec/htool failed: No such file or directory" "relocatable exec-path"
echo "ok: relocatable limits as documented"

# verify proves the loader links: one that names anything but the bundled
# loader stops the build, naming it; put right, verify passes again.
work=$HREL_BUILD/_release/hrel
[ "$(readlink "$work/rendered/libexec/.cmake-release/loader/htool")" = "../../../lib/$loader" ] \
  || fail "the rendered loader link of htool is not ../../../lib/$loader"
ln -sfn ../../../lib/libc.so.6 "$work/rendered/libexec/.cmake-release/loader/htool"
run "$HREL_BUILD/_release/_loader/release-loader" verify "@$work/steps/verify.args"
expect_rc 1 "verify of a loader link to libc.so.6"
expect_in "$ERR" "libexec/.cmake-release/loader/htool: not a symbolic link to ../../../lib/$loader" "verify of a bad loader link"
ln -sfn "../../../lib/$loader" "$work/rendered/libexec/.cmake-release/loader/htool"
run "$HREL_BUILD/_release/_loader/release-loader" verify "@$work/steps/verify.args"
expect_rc 0 "verify of the loader links put right"
echo "ok: verify checks the loader links"
