# oci.sbom: the release's SBOM and license notices, and what the image
# carries for scanners:
#   - releases/<vsn>/sbom.cdx.json validates against the CycloneDX 1.5 JSON
#     schema (the schemas npm's @cyclonedx/cyclonedx-library ships, checked by
#     python3-jsonschema), and a broken copy does not;
#   - every package's version equals dpkg-query's, every bundled library is
#     in it with the sha256 of the release's file;
#   - share/licenses/<package>/copyright is the package's copyright file;
#   - the image's /var/lib/dpkg/status.d/<package> entries parse as dpkg
#     status stanzas (dpkg-query --admindir, python3-debian's Deb822);
#   - neither the release nor the image's layers name the build or source tree.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
oci_need_builds
need_cmd npm npm
/usr/bin/python3 -c 'import jsonschema, debian' 2>/dev/null \
  || skip "python3-jsonschema and python3-debian are not installed (Debian packages)"

rel=$OCI_SHARED/a/release/exrelease
bom=$rel/releases/0.1.0/sbom.cdx.json
[ -f "$bom" ] || fail "the release has no releases/0.1.0/sbom.cdx.json"

# The schemas, from npm (the version pinned here; installed once per build tree).
npm_dir=$TEST_SHARED_DIR/oci-npm
schemas=$npm_dir/node_modules/@cyclonedx/cyclonedx-library/res/schema
if [ ! -f "$schemas/bom-1.5.SNAPSHOT.schema.json" ]; then
  npm install --no-audit --no-fund --prefix "$npm_dir" @cyclonedx/cyclonedx-library@10.3.0 \
    >"$TEST_WORK_DIR/npm.log" 2>&1 || { cat "$TEST_WORK_DIR/npm.log" >&2; fail "npm install failed"; }
fi
validate() {
  /usr/bin/python3 - "$schemas" "$1" <<'PY'
import json, sys, jsonschema
d, f = sys.argv[1], sys.argv[2]
load = lambda n: json.load(open(f"{d}/{n}"))
bom = load("bom-1.5.SNAPSHOT.schema.json")
store = {s["$id"].replace(".schema.json", ".SNAPSHOT.schema.json"): s
         for s in (load("spdx.SNAPSHOT.schema.json"), load("jsf-0.82.SNAPSHOT.schema.json"))}
resolver = jsonschema.RefResolver.from_schema(bom, store=store)
v = jsonschema.Draft7Validator(bom, resolver=resolver, format_checker=jsonschema.FormatChecker())
errors = list(v.iter_errors(json.load(open(f))))
for e in errors[:5]:
    print("invalid:", "/".join(map(str, e.path)), e.message)
sys.exit(1 if errors else 0)
PY
}
validate "$bom" || fail "the SBOM does not validate against CycloneDX 1.5"
sed 's/"type": "library"/"type": "librry"/' "$bom" >"$TEST_WORK_DIR/broken.json"
if validate "$TEST_WORK_DIR/broken.json" >/dev/null; then fail "the validator accepted a broken SBOM"; fi
echo "SBOM validates against CycloneDX 1.5 (and a broken copy does not)"

# Versions, files, hashes, licenses.
/usr/bin/python3 - "$bom" "$rel" <<'PY' || fail "SBOM content check failed"
import json, sys, os, hashlib, subprocess, filecmp
bom, rel = json.load(open(sys.argv[1])), sys.argv[2]
def sha(p): return hashlib.sha256(open(p, "rb").read()).hexdigest()
seen, bad = set(), []
for c in bom["components"]:
    files = c.get("components", []) if c["type"] == "library" else [c]
    if c["type"] == "library":
        arch = c["purl"].split("arch=")[1].split("&")[0]
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", f'{c["name"]}:{arch}'],
                           capture_output=True, text=True).stdout
        if v != c["version"]: bad.append(f'{c["name"]}: {c["version"]} != dpkg {v}')
        if not c["purl"].startswith(f'pkg:deb/debian/{c["name"]}@'): bad.append(c["purl"])
        lic = f'{rel}/share/licenses/{c["name"]}/copyright'
        if not filecmp.cmp(lic, f'/usr/share/doc/{c["name"]}/copyright', shallow=False):
            bad.append(f"{lic} is not the package's copyright file")
    for f in files:
        seen.add(f["name"])
        if f["hashes"][0]["content"] != sha(f'{rel}/{f["name"]}'): bad.append("hash of " + f["name"])
libs = {"lib/" + n for n in os.listdir(rel + "/lib")}
if libs != seen: bad.append(f"files of lib/ not in the SBOM: {libs - seen}")
main = bom["metadata"]["component"]
if main["name"] != "exrelease" or main["components"][0]["hashes"][0]["content"] != sha(rel + "/libexec/exrelease"):
    bad.append("the described component is not the program")
ssl = [c for c in bom["components"] if c.get("name") == "libssl3"]
if not ssl or not ssl[0].get("licenses"): bad.append("libssl3 or its license is missing")
print("\n".join(bad) or f"{len(bom['components'])} components, {len(seen)} files, versions equal dpkg-query's")
sys.exit(1 if bad else 0)
PY

# The image's status.d entries, read from its layers.
archive=$OCI_SHARED/a/exrelease.oci.tar
layers=$TEST_WORK_DIR/layers
rm -rf "$layers" && mkdir -p "$layers/root"
for d in $(oci_layer_digests "$archive" | tail -n 2 | sed 's,:,/,'); do
  tar -xOf "$archive" "blobs/$d" | tar -xzf - -C "$layers/root" || fail "layer $d does not extract"
done
status_d=$layers/root/var/lib/dpkg/status.d
[ -f "$status_d/libssl3" ] || fail "the image has no /var/lib/dpkg/status.d/libssl3"
admin=$TEST_WORK_DIR/admindir
rm -rf "$admin" && mkdir -p "$admin/info" "$admin/updates"
for f in "$status_d"/*; do cat "$f"; echo; done >"$admin/status"
dpkg-query --admindir="$admin" -W -f='${Package}:${Architecture} ${Version}\n' >"$TEST_WORK_DIR/from-image" \
  || fail "dpkg-query cannot read the status.d stanzas"
n=$(find "$status_d" -type f | wc -l)
[ "$(wc -l <"$TEST_WORK_DIR/from-image")" -eq "$n" ] || fail "dpkg-query read $(wc -l <"$TEST_WORK_DIR/from-image") of $n stanzas"
while read -r pkg version; do
  [ "$(dpkg-query -W -f='${Version}' "$pkg")" = "$version" ] || fail "status.d: $pkg $version differs from this machine's"
done <"$TEST_WORK_DIR/from-image"
/usr/bin/python3 -c '
import sys
from debian.deb822 import Packages
for f in sys.argv[1:]:
    p = Packages(open(f))
    assert p["Package"] and p["Version"] and p["Status"].endswith("installed"), f
' "$status_d"/* || fail "a status.d entry is not a dpkg stanza (python3-debian)"
grep -q "libssl3" "$TEST_WORK_DIR/from-image" || fail "libssl3 is not in status.d"
echo "status.d: $n stanzas parse with dpkg-query and Deb822"

# No path of this build machine's trees in the release or in the image's layers.
for p in "$OCI_SHARED" "$CMAKE_RELEASE_SOURCE_DIR"; do
  if grep -r -a -l -F "$p" "$rel" "$layers/root"; then fail "the files above name $p"; fi
done
