# loader.sha256: `release-loader sha256` (the SBOM's file hashes) against
# coreutils' sha256sum, with both block functions: the one the CPU gets by
# default (SHA-NI where /proc/cpuinfo says sha_ni) and the portable one
# (RELEASE_LOADER_SHA256=portable). Sizes around the 55/56-byte padding
# boundary and the 64-byte block, around the helper's 1 MiB read buffer, a
# file of zeros; many files in one call (several threads), a file given
# twice, in argument order. A missing file or a directory: exit 1 naming it.
# With sha256_arch=arm64 set (tests/loader/sha256-aarch64.sh), the helper is
# built for arm64 and run under qemu-user.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd sha256sum coreutils
run=""  # what runs the helper: nothing (the build machine), or qemu-user
if [ "${sha256_arch:-}" = arm64 ]; then
  need_cmd aarch64-linux-gnu-g++ g++-aarch64-linux-gnu
  need_cmd qemu-aarch64-static qemu-user-static
  cxx=aarch64-linux-gnu-g++ static=-static run=qemu-aarch64-static
  # qemu's "max" CPU has the SHA2 instructions.
  QEMU_CPU=max && export QEMU_CPU
  echo "loader.sha256: arm64 under qemu-user (CPU max, with SHA2): the default is the ARMv8 block function" >&2
else
  need_cmd c++ g++
  cxx=c++ static=""
  if grep -qw sha_ni /proc/cpuinfo && grep -qw sse4_1 /proc/cpuinfo; then
    echo "loader.sha256: this CPU has sha_ni and sse4_1: the default is the SHA-NI block function" >&2
  else
    echo "loader.sha256: this CPU lacks sha_ni or sse4_1: the default is the portable block function too" >&2
  fi
fi

w=$TEST_WORK_DIR
rm -rf "$w" && mkdir -p "$w/files"
# Built from the sources the tests' projects use, as ReleaseLoader.cmake does.
"$cxx" -std=c++17 -O1 -Wall -Wextra -Werror -pthread ${static:+"$static"} -o "$w/release-loader" \
  "$CMAKE_RELEASE_DIR"/loader/*.cpp || fail "the helper does not build"

# helper <mode> <arg>...: the helper with RELEASE_LOADER_SHA256=<mode> (any
# value but "portable" leaves the choice to the CPU).
helper() {
  helper_mode=$1
  shift
  if [ -n "$run" ]; then
    RELEASE_LOADER_SHA256=$helper_mode "$run" "$w/release-loader" "$@"
  else
    RELEASE_LOADER_SHA256=$helper_mode "$w/release-loader" "$@"
  fi
}

mib=1048576
for size in 0 1 55 56 57 63 64 65 119 120 127 128 1000 $((mib - 1)) $mib $((mib + 1)) $((5 * mib)); do
  head -c "$size" /dev/urandom >"$w/files/random-$size"
done
head -c $((2 * mib + 3)) /dev/zero >"$w/files/zeros"
printf abc >"$w/files/abc"

# Every file, the 5 MiB one again in the middle and the 57-byte one again at
# the end, twice over: 40 arguments for the workers to share.
set --
for f in "$w"/files/*; do set -- "$@" "$f"; done
set -- "$@" "$w/files/random-$((5 * mib))" "$@" "$w/files/random-57"
sha256sum "$@" | cut -c1-64 >"$w/expected.txt"
[ "$(wc -l <"$w/expected.txt")" -eq $# ] || fail "sha256sum did not print $# lines"

for mode in default portable; do
  helper "$mode" sha256 "$@" >"$w/$mode.txt" 2>"$w/$mode.err" \
    || { cat "$w/$mode.err" >&2; fail "release-loader sha256 failed ($mode)"; }
  [ ! -s "$w/$mode.err" ] || { cat "$w/$mode.err" >&2; fail "release-loader sha256 wrote to stderr ($mode)"; }
  diff "$w/expected.txt" "$w/$mode.txt" >&2 || fail "release-loader sha256 and sha256sum disagree ($mode)"
  # FIPS 180-2's example "abc", whatever sha256sum says: a check of the check.
  [ "$(helper "$mode" sha256 "$w/files/abc")" \
    = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad ] \
    || fail "the SHA-256 of 'abc' is wrong ($mode)"
done

# No file: nothing printed, success.
out=$(helper default sha256) || fail "release-loader sha256 without files failed"
[ -z "$out" ] || fail "release-loader sha256 without files printed '$out'"

# A missing file and a directory among readable ones: exit 1, each named
# with the reason, nothing on stdout.
rc=0
helper default sha256 "$w/files/abc" "$w/no-such-file" "$w/files" >"$w/bad.txt" 2>"$w/bad.err" || rc=$?
cat "$w/bad.err" >&2
[ "$rc" -eq 1 ] || fail "a missing file gave exit status $rc, not 1"
grep -qF "cannot read '$w/no-such-file': No such file or directory" "$w/bad.err" \
  || fail "the message does not name the missing file and why"
grep -qF "cannot read '$w/files': Is a directory" "$w/bad.err" \
  || fail "the message does not name the directory and why"
[ ! -s "$w/bad.txt" ] || fail "release-loader sha256 printed hashes although a file was missing"
echo "loader.sha256: the helper${sha256_arch:+ for $sha256_arch} and sha256sum agree on $# files, both block functions"
