# loader.sbom: `release-loader sbom` (the SBOM step's document, license
# notices and status stanzas) on a made-up dpkg database, doc directory and
# os-release, against a document written out here by hand:
# - packages in dpkg's owner order whatever the closure order, each with its
#   libraries in closure order, then the library of no package;
# - an epoch, '+' and '%' in a version (percent-encoded in the purl);
# - a DEP-5 copyright (its "Files: *" paragraph's License:, not that of the
#   paragraph before it), a copyright that is not DEP-5 (no licenses: but
#   copied), a package without one (no notice);
# - JSON escaping of " \ tab newline and carriage return;
# - the serialNumber: CMake's own string(UUID ... TYPE SHA1) of the content.
# The notices are flat files, <notices-out>/<package>; the stanzas one dpkg
# status file, in package order, which `release-loader status-d` splits into
# one file per package (the image's status.d), removing others.
# A second run rewrites nothing and removes other releases' and packages'
# leftovers (and an older layout's share/licenses/ in --out); a changed
# copyright file is copied again, as a new
# file (the swap step hard-links the notices into the release, so the previous
# release's link must keep the old text); an unreadable database or an
# unwritable output directory fails naming it.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd c++ g++

w=$TEST_WORK_DIR
rm -rf "$w" && mkdir -p "$w/admin/info" "$w/doc/libep1" "$w/doc/libplain0" "$w/root/usr/lib/x"
c++ -std=c++17 -O1 -Wall -Wextra -Werror -pthread -o "$w/release-loader" "$CMAKE_RELEASE_DIR"/loader/*.cpp \
  || fail "the helper does not build"

x=$w/root/usr/lib/x
own=$(printf 'libo"wn\\x.so')
for f in libplain.so.0 libep.so.1 libplain-b.so.0 libnodoc.so.2 "$own" libep-z.so.1; do : >"$x/$f"; done
echo 1 >"$w/admin/info/format"
printf '%s\n' "$x/libep.so.1" "$x/libep-z.so.1" >"$w/admin/info/libep1:amd64.list"
printf '%s\n' "$x/libplain.so.0" "$x/libplain-b.so.0" >"$w/admin/info/libplain0.list"
printf '%s\n' "$x/libnodoc.so.2" >"$w/admin/info/libnodoc2.list"
printf 'Package: libep1\nStatus: install ok installed\nArchitecture: amd64\nMulti-Arch: same\nVersion: 1:2.3+dfsg-1~a%%b\n' >"$w/libep1.stanza"
printf 'Package: libplain0\nStatus: install ok installed\nArchitecture: amd64\nVersion: 0.1-1\n' >"$w/libplain0.stanza"
printf 'Package: libnodoc2\nStatus: install ok installed\nArchitecture: all\nVersion: 5\n' >"$w/libnodoc2.stanza"
{ cat "$w/libplain0.stanza"; echo; cat "$w/libep1.stanza"; echo; cat "$w/libnodoc2.stanza"; } >"$w/admin/status"
printf 'NAME="Test OS"\nID=testos\nVERSION_ID="7.1"\n' >"$w/os-release"
printf '%s\n' 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' 'Upstream-Name: ep' '' \
  'Files: debian/*' 'Copyright: 2020 someone' 'License: GPL-2+' '' \
  'Files:   *  ' 'Copyright: 2019 upstream' "License:  MIT$(printf '\r')\"or\" \\ BSD$(printf '\t')" '' \
  'License: MIT' ' The text.' >"$w/doc/libep1/copyright"
printf '%s\n' 'This package was debianized by someone.' 'License: GPL' '' 'Files: *' 'License: X' \
  >"$w/doc/libplain0/copyright"

hp=$(printf '%064d' 0 | tr 0 a)
h() { printf '%064d' "$1"; }
name=$(printf 'a"b\\c\td\ne')
vsn=1.0+b
run() {
  "$w/release-loader" sbom --admindir "$w/admin" --docdir "$w/doc" --os-release "$w/os-release" \
    --out "$w/out" --notices-out "$w/notices" --status-out "$w/status" --name "$name" --vsn "$vsn" \
    --file libexec/prog "$hp" --file libexec/plug.so "$(h 7)" \
    --library libplain.so.0 "$x/libplain.so.0" "$(h 1)" --library libep.so.1 "$x/libep.so.1" "$(h 2)" \
    --library libplain-b.so.0 "$x/libplain-b.so.0" "$(h 3)" --library libnodoc.so.2 "$x/libnodoc.so.2" "$(h 4)" \
    --library "$own" "$x/$own" "$(h 5)" --library libep-z.so.1 "$x/libep-z.so.1" "$(h 6)" "$@"
}
run >"$w/stdout" 2>"$w/stderr" || { cat "$w/stderr" >&2; fail "release-loader sbom failed"; }

# The document, with the serial number CMake computes from its content.
cat >"$w/expected.in" <<'JSON'
{
  "bomFormat": "CycloneDX",
  "specVersion": "1.5",
  "serialNumber": "urn:uuid:@SERIAL@",
  "version": 1,
  "metadata": {"tools": {"components": [{"type": "application", "name": "cmake-release"}]},
    "component": {"type": "application", "bom-ref": "a\"b\\c\td\ne", "name": "a\"b\\c\td\ne", "version": "1.0+b", "components": [{"type": "file", "bom-ref": "libexec/prog", "name": "libexec/prog", "hashes": [{"alg": "SHA-256", "content": "@HP@"}]}, {"type": "file", "bom-ref": "libexec/plug.so", "name": "libexec/plug.so", "hashes": [{"alg": "SHA-256", "content": "@H7@"}]}]}},
  "components": [
    {"type": "library", "bom-ref": "pkg:deb/testos/libep1@1%3A2.3%2Bdfsg-1~a%25b?arch=amd64&distro=testos-7.1", "name": "libep1", "version": "1:2.3+dfsg-1~a%b", "purl": "pkg:deb/testos/libep1@1%3A2.3%2Bdfsg-1~a%25b?arch=amd64&distro=testos-7.1", "licenses": [{"license": {"name": "MIT\r\"or\" \\ BSD"}}], "components": [{"type": "file", "bom-ref": "lib/libep.so.1", "name": "lib/libep.so.1", "hashes": [{"alg": "SHA-256", "content": "@H2@"}]}, {"type": "file", "bom-ref": "lib/libep-z.so.1", "name": "lib/libep-z.so.1", "hashes": [{"alg": "SHA-256", "content": "@H6@"}]}]},
    {"type": "library", "bom-ref": "pkg:deb/testos/libnodoc2@5?arch=all&distro=testos-7.1", "name": "libnodoc2", "version": "5", "purl": "pkg:deb/testos/libnodoc2@5?arch=all&distro=testos-7.1", "components": [{"type": "file", "bom-ref": "lib/libnodoc.so.2", "name": "lib/libnodoc.so.2", "hashes": [{"alg": "SHA-256", "content": "@H4@"}]}]},
    {"type": "library", "bom-ref": "pkg:deb/testos/libplain0@0.1-1?arch=amd64&distro=testos-7.1", "name": "libplain0", "version": "0.1-1", "purl": "pkg:deb/testos/libplain0@0.1-1?arch=amd64&distro=testos-7.1", "components": [{"type": "file", "bom-ref": "lib/libplain.so.0", "name": "lib/libplain.so.0", "hashes": [{"alg": "SHA-256", "content": "@H1@"}]}, {"type": "file", "bom-ref": "lib/libplain-b.so.0", "name": "lib/libplain-b.so.0", "hashes": [{"alg": "SHA-256", "content": "@H3@"}]}]},
    {"type": "file", "bom-ref": "lib/libo\"wn\\x.so", "name": "lib/libo\"wn\\x.so", "hashes": [{"alg": "SHA-256", "content": "@H5@"}], "properties": [{"name": "cmake-release:origin", "value": "not from a package"}]}
  ]
}
JSON
sed -e "s/@HP@/$hp/" -e "s/@H7@/$(h 7)/" -e "s/@H1@/$(h 1)/" -e "s/@H2@/$(h 2)/" -e "s/@H3@/$(h 3)/" -e "s/@H4@/$(h 4)/" \
  -e "s/@H5@/$(h 5)/" -e "s/@H6@/$(h 6)/" "$w/expected.in" >"$w/expected.tmp"
printf '%s' "$name" >"$w/name.txt"
cat >"$w/serial.cmake" <<'CMAKE'
file(READ "${W}/expected.in" doc)
file(READ "${W}/name.txt" name)
set(open ", \"components\": [")
set(between "]}},\n  \"components\": [\n    ")
string(FIND "${doc}" "${open}" a)
string(FIND "${doc}" "${between}" b)
string(LENGTH "${open}" n)
math(EXPR a "${a} + ${n}")
math(EXPR n "${b} - ${a}")
string(SUBSTRING "${doc}" ${a} ${n} programs)
string(LENGTH "${between}" n)
math(EXPR c "${b} + ${n}")
string(FIND "${doc}" "\n  ]\n}\n" d REVERSE)
math(EXPR n "${d} - ${c}")
string(SUBSTRING "${doc}" ${c} ${n} components)
foreach(v HP H1 H2 H3 H4 H5 H6 H7)
  string(REPLACE "@${v}@" "${${v}}" programs "${programs}")
  string(REPLACE "@${v}@" "${${v}}" components "${components}")
endforeach()
string(UUID serial NAMESPACE 6ba7b811-9dad-11d1-80b4-00c04fd430c8
  NAME "${name}@1.0+b:${programs}${components}" TYPE SHA1)
message("${serial}")
CMAKE
serial=$(cmake -DW="$w" -DHP="$hp" -DH7="$(h 7)" -DH1="$(h 1)" -DH2="$(h 2)" -DH3="$(h 3)" -DH4="$(h 4)" -DH5="$(h 5)" \
  -DH6="$(h 6)" -P "$w/serial.cmake" 2>&1) || fail "cmake: $serial"
sed "s/@SERIAL@/$serial/" "$w/expected.tmp" >"$w/expected.json"
doc=$w/out/releases/$vsn/sbom.cdx.json
diff "$w/expected.json" "$doc" >&2 || fail "the SBOM is not the expected document"
cmp -s "$w/expected.json" "$doc" || fail "the SBOM differs from the expected document in bytes diff does not show"

printf '%s\n' "$w/admin/status" "$w/doc/libep1/copyright" "$w/doc/libplain0/copyright" \
  | diff - "$w/stdout" >&2 || fail "the helper did not print the files it read (status, copyright files)"
for p in libep1 libplain0; do
  cmp -s "$w/doc/$p/copyright" "$w/notices/$p" || fail "$p's license notice is not its copyright file"
done
[ "$(ls "$w/notices")" = "$(printf 'libep1\nlibplain0')" ] || fail "license notices: $(ls "$w/notices")"
[ "$(ls "$w/out")" = releases ] || fail "--out holds more than releases/: $(ls "$w/out")"
for p in libep1 libnodoc2 libplain0; do cat "$w/$p.stanza"; echo; done >"$w/status.expected"
diff "$w/status.expected" "$w/status" >&2 || fail "the status file is not the owners' paragraphs of dpkg's status"

# status-d: one file per package, others removed, unchanged ones not rewritten.
"$w/release-loader" status-d "$w/status" "$w/status.d" || fail "release-loader status-d failed"
for p in libep1 libplain0 libnodoc2; do
  cmp -s "$w/$p.stanza" "$w/status.d/$p" || fail "status.d/$p is not its paragraph of dpkg's status"
done
[ "$(ls "$w/status.d" | wc -l)" = 3 ] || fail "status.d: $(ls "$w/status.d")"
stat -c '%i %y' "$w/status.d/libep1" >"$w/status-d.before"
: >"$w/status.d/libold"
"$w/release-loader" status-d "$w/status" "$w/status.d" || fail "release-loader status-d failed again"
[ ! -e "$w/status.d/libold" ] || fail "status-d left another package's file"
stat -c '%i %y' "$w/status.d/libep1" | diff "$w/status-d.before" - >&2 || fail "status-d rewrote an unchanged file"
rc=0; "$w/release-loader" status-d "$w/status" >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "status-d without its directory: exit status $rc, not 2 (usage)"

# Again, with leftovers of other packages and releases: nothing is rewritten.
ids() { stat -c '%i %y %n' "$doc" "$w/notices/libep1" "$w/status"; }
ids >"$w/ids.before"
mkdir -p "$w/out/share/licenses/libold" "$w/out/releases/0.9"
: >"$w/out/share/licenses/libold/copyright"
: >"$w/out/releases/0.9/sbom.cdx.json"
: >"$w/notices/libold"
run >"$w/stdout" 2>"$w/stderr" || { cat "$w/stderr" >&2; fail "the second run failed"; }
ids | diff "$w/ids.before" - >&2 || fail "a second run rewrote files whose content did not change"
for f in out/share out/releases/0.9 notices/libold; do
  [ ! -e "$w/$f" ] || fail "$f was left"
done
cmp -s "$w/expected.json" "$doc" || fail "the second run's SBOM differs"
ln "$w/notices/libplain0" "$w/linked-notice" || fail "cannot link the notice"
cp "$w/linked-notice" "$w/old-notice"
echo 'Changed.' >>"$w/doc/libplain0/copyright"
run >"$w/stdout" 2>"$w/stderr" || { cat "$w/stderr" >&2; fail "the third run failed"; }
cmp -s "$w/doc/libplain0/copyright" "$w/notices/libplain0" \
  || fail "a changed copyright file was not copied again"
cmp -s "$w/old-notice" "$w/linked-notice" \
  || fail "the changed notice was written in place: a release's hard link to it changed too"

# dpkg's answers kept with --cache: used again while the database's files
# keep their identity (a list edited in place goes unnoticed: the proof the
# cache was read), not once the status file is rewritten.
run --cache "$w/cache" >/dev/null || fail "a run with --cache failed"
printf '%s\n' "$x/libep.so.1" "$x/libep-z.so.1" "$x/libplain.so.0" >"$w/admin/info/libep1:amd64.list"
: >"$w/admin/info/libplain0.list"
run --cache "$w/cache" >/dev/null || fail "a second run with --cache failed"
cmp -s "$w/expected.json" "$doc" || fail "the cached answers were not used"
cp "$w/admin/status" "$w/status.new" && mv "$w/status.new" "$w/admin/status"
run --cache "$w/cache" >/dev/null || fail "a third run with --cache failed"
grep -q '"bom-ref": "lib/libplain.so.0", .*"bom-ref": "lib/libep-z.so.1"' "$doc" \
  || fail "after a new status file the cache's old answers were used"

# Without a dpkg database every library is of no package.
"$w/release-loader" sbom --admindir "$w/none" --docdir "$w/doc" --os-release "$w/none" --out "$w/out2" \
  --notices-out "$w/notices2" --status-out "$w/status2" --name n --vsn 1 --library libep.so.1 "$x/libep.so.1" "$(h 2)" >"$w/stdout" \
  || fail "the helper fails without a dpkg database"
[ ! -s "$w/stdout" ] || fail "without a database the helper names files: $(cat "$w/stdout")"
grep -q '"pkg:deb\|"type": "library"' "$w/out2/releases/1/sbom.cdx.json" && fail "a package without a database"
grep -q '"value": "not from a package"' "$w/out2/releases/1/sbom.cdx.json" || fail "no library of no package"

# Failures name the path and the reason.
: >"$w/afile"
rc=0; run --admindir "$w/afile" >/dev/null 2>"$w/stderr" || rc=$?
[ "$rc" = 1 ] || fail "an unreadable database: exit status $rc, not 1"
grep -q "'$w/afile/info': Not a directory" "$w/stderr" || fail "an unreadable database: $(cat "$w/stderr")"
rc=0; run --out "$w/afile/out" >/dev/null 2>"$w/stderr" || rc=$?
[ "$rc" = 1 ] || fail "an unwritable output directory: exit status $rc, not 1"
grep -q "'$w/afile/out/.*': Not a directory" "$w/stderr" || fail "an unwritable output directory: $(cat "$w/stderr")"
rc=0; run --library libx.so "$x/libep.so.1" not-a-hash >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "a library without a hash: exit status $rc, not 2 (usage)"
echo "loader.sbom: the document, notices and stanzas are the expected ones"
