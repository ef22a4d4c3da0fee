# loader.copy: `release-loader copy`, the stage step's copies (loader/copy.cpp).
# - plain: every file byte-identical to its source, with the mode given
#   (the umask aside), many files in one call (several workers), an empty
#   file and a 5 MiB one among them; no cache is written;
# - --hashes <cache>: the same copies to <file>.part, and the cache holds
#   one line per part, "<identity> TAB <sha256> TAB <file>": the identity
#   the part keeps when renamed to <file> (release-loader identity without
#   its ctime), the hash sha256sum gives; copying again over a path
#   replaces its line, and the lines of other paths stay;
# - failures: a missing source (exit 1, named with why), its copy not
#   made, the others made whole, nothing recorded; a destination that is
#   not a part with --hashes, a bad mode or a missing argument: exit 2.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd c++ g++
need_cmd sha256sum coreutils

w=$TEST_WORK_DIR
rm -rf "$w" && mkdir -p "$w/src" "$w/plain" "$w/hashed"
c++ -std=c++17 -O1 -Wall -Wextra -Werror -pthread -o "$w/release-loader" "$CMAKE_RELEASE_DIR"/loader/*.cpp \
  || fail "the helper does not build"
# shellcheck disable=SC2034 # read by run, show and expect_rc (tests/lib.sh)
OUT=$w/out.txt ERR=$w/err.txt
umask 022

head -c $((5 * 1048576)) /dev/urandom >"$w/src/big"
: >"$w/src/empty"
for i in 1 2 3 4 5 6 7 8; do head -c $((i * 1000 + 7)) /dev/urandom >"$w/src/f$i"; done

# plain copies
set --
for f in big empty f1 f2 f3 f4 f5 f6 f7 f8; do set -- "$@" 644 "$w/src/$f" "$w/plain/$f"; done
set -- "$@" 755 "$w/src/f1" "$w/plain/exec"
run "$w/release-loader" copy "$@"
expect_rc 0 "plain copies"
[ ! -s "$ERR" ] || { show; fail "plain copies wrote to stderr"; }
for f in big empty f1 f2 f3 f4 f5 f6 f7 f8; do
  cmp "$w/src/$f" "$w/plain/$f" || fail "the copy of $f is not byte-identical"
  [ "$(stat -c %a "$w/plain/$f")" = 644 ] || fail "the copy of $f has mode $(stat -c %a "$w/plain/$f")"
done
cmp "$w/src/f1" "$w/plain/exec" || fail "the second copy of f1 is not byte-identical"
[ "$(stat -c %a "$w/plain/exec")" = 755 ] || fail "the copy with mode 755 has $(stat -c %a "$w/plain/exec")"
[ ! -e "$w/cache.txt" ] || fail "plain copies wrote a cache"

# expect_cache_line <file> <part>: the cache's line for <file> is the
# identity of <part> (release-loader identity, its ctime taken off), the
# sha256 of <part> and <file>, and there is only one line for <file>.
expect_cache_line() {
  id=$("$w/release-loader" identity "$2") || fail "release-loader identity $2 failed"
  id=${id%:*}
  sum=$(sha256sum "$2" | cut -c1-64)
  line=$(printf '%s\t%s\t%s' "$id" "$sum" "$1")
  grep -qxF "$line" "$w/cache.txt" || { cat "$w/cache.txt" >&2; fail "no cache line '$line'"; }
  [ "$(cut -f3 "$w/cache.txt" | grep -cxF "$1")" = 1 ] || { cat "$w/cache.txt" >&2; fail "$1 has more than one line"; }
}

# hashed copies, into parts
set --
for f in big empty f1 f2 f3 f4 f5 f6 f7 f8; do set -- "$@" 644 "$w/src/$f" "$w/hashed/$f.part"; done
run "$w/release-loader" copy --hashes "$w/cache.txt" "$@"
expect_rc 0 "hashed copies"
[ "$(head -n 1 "$w/cache.txt")" = "cmake-release sbom-hashes 3" ] || fail "the cache's first line is not its format"
[ "$(wc -l <"$w/cache.txt")" = 11 ] || { cat "$w/cache.txt" >&2; fail "the cache does not have 10 lines and its format"; }
for f in big empty f1 f2 f3 f4 f5 f6 f7 f8; do
  cmp "$w/src/$f" "$w/hashed/$f.part" || fail "the hashed copy of $f is not byte-identical"
  expect_cache_line "$w/hashed/$f" "$w/hashed/$f.part"
done
# The identity is the one the part keeps when renamed: as the stage step does.
mv "$w/hashed/f1.part" "$w/hashed/f1"
expect_cache_line "$w/hashed/f1" "$w/hashed/f1"

# f2 copied again from another source: its line is replaced, the others stay.
run "$w/release-loader" copy --hashes "$w/cache.txt" 600 "$w/src/f3" "$w/hashed/f2.part"
expect_rc 0 "copying again"
cmp "$w/src/f3" "$w/hashed/f2.part" || fail "f2.part is not a copy of f3"
[ "$(stat -c %a "$w/hashed/f2.part")" = 600 ] || fail "f2.part has mode $(stat -c %a "$w/hashed/f2.part")"
expect_cache_line "$w/hashed/f2" "$w/hashed/f2.part"
expect_cache_line "$w/hashed/f1" "$w/hashed/f1"
[ "$(wc -l <"$w/cache.txt")" = 11 ] || { cat "$w/cache.txt" >&2; fail "copying again changed the number of lines"; }

# A missing source among good ones: exit 1, named; the others whole; nothing recorded.
cp "$w/cache.txt" "$w/cache-before.txt"
run "$w/release-loader" copy --hashes "$w/cache.txt" 644 "$w/src/f4" "$w/hashed/g4.part" \
  644 "$w/src/missing" "$w/hashed/missing.part" 644 "$w/src/big" "$w/hashed/gbig.part"
expect_rc 1 "a missing source"
expect_in "$ERR" "cannot read '$w/src/missing': No such file or directory" "the missing source's message"
[ ! -e "$w/hashed/missing.part" ] || fail "a copy of the missing source was left"
cmp "$w/src/f4" "$w/hashed/g4.part" || fail "a good copy beside the failed one is not whole"
cmp "$w/src/big" "$w/hashed/gbig.part" || fail "the big copy beside the failed one is not whole"
cmp "$w/cache-before.txt" "$w/cache.txt" || fail "a failed call changed the cache"

# A destination directory that does not exist: exit 1, the copy named.
run "$w/release-loader" copy 644 "$w/src/f5" "$w/nowhere/f5"
expect_rc 1 "a missing destination directory"
expect_in "$ERR" "'$w/nowhere/f5'" "the missing destination's message"

# Usage errors: exit 2.
run "$w/release-loader" copy --hashes "$w/cache.txt" 644 "$w/src/f5" "$w/hashed/f5"
expect_rc 2 "--hashes with a destination that is not a part"
run "$w/release-loader" copy 9z "$w/src/f5" "$w/plain/x"
expect_rc 2 "a mode that is not octal"
run "$w/release-loader" copy 644 "$w/src/f5"
expect_rc 2 "a copy without its destination"
[ ! -e "$w/plain/x" ] || fail "a usage error copied a file"
echo "loader.copy: plain and hashed copies byte-identical, their cache lines the parts' identities and sha256sum's hashes"
