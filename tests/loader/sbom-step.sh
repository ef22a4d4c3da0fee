# loader.sbom-step: the SBOM build step, `release-loader sbom @<work>/steps/sbom.args`
# (loader/sbom.cpp, loader/hashes.cpp), on a made-up work directory: its
# closure.txt, staged files (one of them a real library of a Debian package
# when dpkg is there) and the argument file _release_step_args writes.
# - every program, plugin and library of the closure is in the SBOM with the
#   SHA-256 sha256sum gives; the depfile names closure.txt (relative to the
#   depfile root) and the stamp is made;
# - the hashes' cache: a file whose staged identity is unchanged is not read
#   again (a hash planted in the cache shows up in the SBOM); a file replaced
#   by a rename with its old mtime (as dpkg does) is hashed again; a cache of
#   another format, or a line of it that does not parse, is not trusted; a
#   run with nothing changed rewrites neither the cache nor the SBOM;
# - a staged file that is missing stops the step naming it, with
#   "build again", removes stage.stamp and leaves the SBOM as it was;
# - the step's arguments without --name are a usage error (exit 2).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd c++ sha256sum

w=$TEST_WORK_DIR
rm -rf "$w" && mkdir -p "$w/src" "$w/top/work/stage/libexec" "$w/top/work/stage/lib" \
  "$w/top/work/stage/lib/plugins"
c++ -std=c++17 -O1 -Wall -Wextra -Werror -pthread -o "$w/release-loader" "$CMAKE_RELEASE_DIR"/loader/*.cpp \
  || fail "the helper does not build"

work=$w/top/work
stage=$work/stage
printf 'program one\n' >"$stage/libexec/app"
printf 'program two\n' >"$stage/libexec/tool"
printf 'a plugin\n' >"$stage/lib/plugins/p.so"
printf 'our own library\n' >"$stage/lib/libown.so.1"
printf 'our own library\n' >"$w/src/libown.so.1"
# A library some Debian package owns, when this machine has one.
pkglib=""
if command -v dpkg-query >/dev/null 2>&1; then
  for f in /lib/*-linux-gnu*/libz.so.1 /usr/lib/*-linux-gnu*/libz.so.1; do
    [ -f "$f" ] || continue
    real=$(readlink -f "$f")
    if dpkg-query -S "$real" >/dev/null 2>&1 || dpkg-query -S "$f" >/dev/null 2>&1; then pkglib=$f; break; fi
  done
fi
{
  echo "cmake-release closure 1"
  printf 'machine\tAdvanced Micro Devices X86-64\n'
  printf 'program\t%s\n' "$w/src/app" "$w/src/tool"
  printf 'library\tlibown.so.1\t%s\t0\n' "$w/src/libown.so.1"
  if [ -n "$pkglib" ]; then
    cp "$pkglib" "$stage/lib/libz.so.1"
    printf 'library\tlibz.so.1\t%s\t0\n' "$pkglib"
  fi
  printf 'plugin\tlib/plugins/p.so\t%s\t0\n' "$w/src/p.so"
} >"$work/closure.txt"
: >"$work/stage.stamp"

cat >"$w/write-args.cmake" <<CMAKE
include("$CMAKE_RELEASE_DIR/cmake/ReleaseCommon.cmake")
include("$CMAKE_RELEASE_DIR/cmake/ReleaseStepConfig.cmake")
set(name "app")
set(vsn "1.2")
set(work "$work")
set(root "$w/top")
set(programs app tool)
_release_step_args("\${work}" sbom NAME=name VSN=vsn WORK_DIR=work DEPFILE_ROOT=root PROGRAMS=programs)
CMAKE
cmake -P "$w/write-args.cmake" || fail "_release_step_args failed"

run() { "$w/release-loader" sbom "@$work/steps/sbom.args"; }
doc=$work/sbom/releases/1.2/sbom.cdx.json
# has <release path> <sha256>: the SBOM lists the file with that hash.
has() {
  grep -q "\"name\": \"$1\", \"hashes\": \[{\"alg\": \"SHA-256\", \"content\": \"$2\"}\]" "$doc" \
    || fail "the SBOM lacks $1 with hash $2: $(grep -o "\"name\": \"$1\"[^]]*" "$doc")"
}
sum() { sha256sum "$1" | cut -d' ' -f1; }

run 2>"$w/stderr" || { cat "$w/stderr" >&2; fail "the SBOM step failed"; }
[ -f "$work/sbom.stamp" ] || fail "no sbom.stamp"
has libexec/app "$(sum "$stage/libexec/app")"
has libexec/tool "$(sum "$stage/libexec/tool")"
has lib/plugins/p.so "$(sum "$stage/lib/plugins/p.so")"
has lib/libown.so.1 "$(sum "$stage/lib/libown.so.1")"
grep -q '"value": "not from a package"' "$doc" || fail "libown is not a file of no package"
if [ -n "$pkglib" ]; then
  has lib/libz.so.1 "$(sum "$stage/lib/libz.so.1")"
  grep -q '"purl": "pkg:deb/[a-z]*/zlib1g@' "$doc" || fail "libz.so.1 is not in a zlib1g component"
  grep -q '/var/lib/dpkg/status' "$work/sbom.d" || fail "the depfile lacks dpkg's status: $(cat "$work/sbom.d")"
else
  echo "loader.sbom-step: no dpkg-owned libz here: the package part is not checked"
fi
tr -d '\\\n' <"$work/sbom.d" | grep -q '^work/sbom.stamp: *work/closure.txt ' \
  || fail "the depfile does not name closure.txt relative to its root: $(cat "$work/sbom.d")"
n=$(grep -c "$stage/" "$work/sbom-hashes.txt")
want=$([ -n "$pkglib" ] && echo 5 || echo 4)
[ "$n" = "$want" ] || fail "the cache holds $n files, not $want: $(cat "$work/sbom-hashes.txt")"

# Nothing changed: neither the cache nor the SBOM is written again.
before=$(stat -c '%i %Y.%y' "$work/sbom-hashes.txt" "$doc")
sleep 1
run || fail "the second run failed"
[ "$(stat -c '%i %Y.%y' "$work/sbom-hashes.txt" "$doc")" = "$before" ] || fail "a run with nothing changed rewrote files"

# A hash planted in the cache is used: the unchanged file is not read.
planted=$(printf '%064d' 0 | tr 0 e)
sed -i "s|	[0-9a-f]\{64\}	$stage/libexec/tool\$|	$planted	$stage/libexec/tool|" "$work/sbom-hashes.txt"
run || fail "the run with a planted hash failed"
has libexec/tool "$planted"

# Replaced by a rename, same size and old mtime: hashed again.
printf 'program TWO\n' >"$w/tool.new"
touch -r "$stage/libexec/tool" "$w/tool.new"
mv "$w/tool.new" "$stage/libexec/tool"
run || fail "the run after a replacement failed"
has libexec/tool "$(sum "$stage/libexec/tool")"

# A line that does not parse, and a cache of another format, are not trusted.
sed -i "s|	[0-9a-f]\{64\}	$stage/libexec/tool\$|	$planted	$stage/libexec/tool|" "$work/sbom-hashes.txt"
sed -i "s|^\([^	]*\)	$planted	|\1	${planted}x	|" "$work/sbom-hashes.txt"
run || fail "the run with a broken line failed"
has libexec/tool "$(sum "$stage/libexec/tool")"
sed -i "s|	[0-9a-f]\{64\}	$stage/libexec/app\$|	$planted	$stage/libexec/app|; 1s/.*/cmake-release sbom-hashes 0/" \
  "$work/sbom-hashes.txt"
run || fail "the run with another format failed"
has libexec/app "$(sum "$stage/libexec/app")"
head -n1 "$work/sbom-hashes.txt" | grep -qx 'cmake-release sbom-hashes 3' || fail "the cache's format line is not rewritten"

# A staged file gone: the step stops, naming it, and leaves the SBOM.
cp "$doc" "$w/doc.before"
rm "$stage/lib/libown.so.1"
if run 2>"$w/stderr"; then fail "the step passed with a staged file missing"; fi
grep -q "^add_release(app): cannot read staged files to hash them for the SBOM" "$w/stderr" \
  || fail "wrong message: $(cat "$w/stderr")"
grep -qF "$stage/lib/libown.so.1: No such file or directory" "$w/stderr" || fail "the file is not named: $(cat "$w/stderr")"
grep -q 'Fix: build again' "$w/stderr" || fail "no fix: $(cat "$w/stderr")"
[ ! -e "$work/stage.stamp" ] || fail "stage.stamp was kept: the next build would not stage again"
cmp -s "$doc" "$w/doc.before" || fail "the failed step changed the SBOM"

# A usage error.
printf -- '--work-dir\n%s\n--vsn\n1\n' "$work" >"$w/bad.args"
rc=0
"$w/release-loader" sbom "@$w/bad.args" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "arguments without --name are not a usage error (exit $rc)"
echo "loader.sbom-step: hashes, cache, depfile and failure as expected"
