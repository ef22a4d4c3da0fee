# loader.dpkg: `release-loader dpkg` (the SBOM's package owners) against the
# real dpkg-query on the same database: a made-up admindir with a Multi-Arch:
# same package, a plain one, one removed but for its configuration files, a
# second instance of another architecture, and a journal entry (updates/)
# that dpkg has not folded into status yet. Every owner, package, version and
# architecture the helper prints must be what dpkg-query -S and -W say, and
# each status stanza what dpkg-query -s prints: the status file it writes,
# split by `release-loader status-d` into one file per package, holds
# exactly the installed owners' stanzas.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd c++ g++
need_cmd dpkg-query dpkg

w=$TEST_WORK_DIR
rm -rf "$w" && mkdir -p "$w/admin/info" "$w/admin/updates" "$w/root/usr/lib/x"
# Built from the sources the tests' projects use, as ReleaseLoader.cmake does.
c++ -std=c++17 -O1 -Wall -Wextra -Werror -pthread -o "$w/release-loader" "$CMAKE_RELEASE_DIR"/loader/*.cpp \
  || fail "the helper does not build"

r=$w/root
# Paths as dpkg knows them. libfoo (M-A: same) is recorded under /lib, as a
# package installing into /lib is on a merged-/usr system, and asked for
# under /usr/lib (these paths need not exist: dpkg's lists are text).
# libbar is asked for through a soname link to the file its list names.
foo=/usr/lib/cmake-release-loader-dpkg/libfoo.so.1
touch "$r/usr/lib/x/libbar.so.2.0" "$r/usr/lib/x/libgone.so.0" "$r/usr/lib/x/libnone.so"
ln -s libbar.so.2.0 "$r/usr/lib/x/libbar.so.2"
# info/format 1: Multi-Arch: same packages' lists are named <pkg>:<arch>.list.
echo 1 >"$w/admin/info/format"
printf '/.\n/lib\n/lib/cmake-release-loader-dpkg\n%s\n' "${foo#/usr}" >"$w/admin/info/libfoo1:amd64.list"
# Its arm64 instance is installed too, with its library elsewhere.
printf '/lib/cmake-release-loader-dpkg-arm64/libfoo.so.1\n' >"$w/admin/info/libfoo1:arm64.list"
printf '%s/usr/lib/x\n%s/usr/lib/x/libbar.so.2.0\n' "$r" "$r" >"$w/admin/info/libbar2.list"
printf '%s/usr/lib/x/libgone.so.0\n' "$r" >"$w/admin/info/libgone0.list"
cat >"$w/admin/status" <<'STATUS'
Package: libfoo1
Status: install ok installed
Maintainer: cmake-release tests <tests@example.invalid>
Architecture: amd64
Multi-Arch: same
Version: 1.2-3
Description: a library of this test

Package: libfoo1
Status: install ok installed
Maintainer: cmake-release tests <tests@example.invalid>
Architecture: arm64
Multi-Arch: same
Version: 1.2-3
Description: a library of this test

Package: libbar2
Status: install ok installed
Maintainer: cmake-release tests <tests@example.invalid>
Architecture: all
Version: 0.9
Description: the old version, replaced by the journal

Package: libgone0
Status: deinstall ok config-files
Maintainer: cmake-release tests <tests@example.invalid>
Architecture: amd64
Version: 4
Description: a removed library
STATUS
cat >"$w/admin/updates/0001" <<'STATUS'
Package: libbar2
Status: install ok installed
Maintainer: cmake-release tests <tests@example.invalid>
Architecture: all
Version: 1.0
Description: the version the journal holds
STATUS

set -- "$foo" "$r/usr/lib/x/libbar.so.2" "$r/usr/lib/x/libgone.so.0" "$r/usr/lib/x/libnone.so"
"$w/release-loader" dpkg "$w/admin" "$w/status" "$@" >"$w/helper.txt" 2>"$w/helper.err" \
  || { cat "$w/helper.err" >&2; fail "release-loader dpkg failed"; }
cat "$w/helper.txt" >&2

# What dpkg itself says, in the helper's format.
: >"$w/dpkg.txt"
for path in "$@"; do
  real=$(readlink -f "$path" || echo "$path")
  owner=""
  for p in "$path" "$real" "${path#/usr}"; do
    # "pkg[:arch][, pkg2…]: /path"; the first package is the owner.
    owner=$(dpkg-query --admindir="$w/admin" -S "$p" 2>/dev/null | sed -n 's/^\([^ ,:]*\(:[a-z0-9]*\)\{0,1\}\).*: .*/\1/p' | head -n 1)
    [ -n "$owner" ] && break
  done
  if [ -n "$owner" ] && dpkg-query --admindir="$w/admin" -W -f='${Status}' "$owner" 2>/dev/null | grep -q '^install ok installed$'; then
    dpkg-query --admindir="$w/admin" -W -f='${binary:Package}\t${Package}\t${Version}\t${Architecture}\n' "$owner" >>"$w/dpkg.txt"
  else
    echo >>"$w/dpkg.txt"
  fi
done
cat "$w/dpkg.txt" >&2
diff "$w/dpkg.txt" "$w/helper.txt" >&2 || fail "release-loader dpkg and dpkg-query disagree"
# The cases that must be there, whatever dpkg said: a check of the check.
grep -q -x "$(printf 'libfoo1:amd64\tlibfoo1\t1.2-3\tamd64')" "$w/helper.txt" || fail "libfoo1:amd64 not found through /lib"
grep -q -x "$(printf 'libbar2\tlibbar2\t1.0\tall')" "$w/helper.txt" || fail "the journal's libbar2 1.0 not used"
[ "$(sed -n 3p "$w/helper.txt")$(sed -n 4p "$w/helper.txt")" = "" ] || fail "a removed package or no package was named as owner"

"$w/release-loader" status-d "$w/status" "$w/out" || fail "release-loader status-d failed"
[ "$(ls "$w/out" | tr '\n' ' ')" = "libbar2 libfoo1 " ] || fail "stanzas written: $(ls "$w/out")"
for pkg in libfoo1:amd64 libbar2; do
  file=$w/out/${pkg%%:*}
  [ -f "$file" ] || fail "no status stanza written for $pkg"
  dpkg-query --admindir="$w/admin" -s "$pkg" | diff - "$file" >&2 || fail "the stanza of $pkg is not dpkg-query -s's"
done
[ ! -e "$w/out/libgone0" ] || fail "a stanza was written for the removed libgone0"
echo "loader.dpkg: the helper and dpkg-query agree"
