# The README's first command, examples/exrelease/run-example, in a build tree
# of its own: it must build the release, answer /, /health and a note, say
# where it listened, and leave nothing running. (It is not allowed to install
# packages here: tests run in parallel on a shared machine.)
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
uses_source_tree "its subject: the README's example command, which builds with this source tree"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
need_cmd python3 python3

out=$TEST_WORK_DIR/run-example.out
rm -rf "$TEST_WORK_DIR/build"
port=$(free_port)
st=0
EXRELEASE_BUILD_DIR=$TEST_WORK_DIR/build EXRELEASE_NO_INSTALL=1 APP_PORT=$port \
  "$EX_SOURCE_DIR/run-example" >"$out" 2>&1 || st=$?
cat "$out"
if [ "$st" -ne 0 ]; then
  if grep -q '^run-example: missing packages:' "$out"; then
    skip "$(grep '^run-example: missing packages:' "$out")"
  fi
  fail "run-example exited with status $st"
fi

grep -q "^==> exrelease listens on http://127.0.0.1:$port " "$out" || fail "run-example did not say where it listened"
grep -q '^<h1>exrelease 0.1.0</h1>$' "$out" || fail "no answer from /"
grep -q '^{"status":"ok","version":"0.1.0","database":"sqlite"}$' "$out" || fail "no healthy answer from /health"
grep -q '^\[HTTP 201\]$' "$out" || fail "the note was not created"
grep -q '"body":"hello from run-example at ' "$out" || fail "the note was not listed"
grep -q '^==> stopped' "$out" || fail "run-example did not stop the release"
ex_port_closed "$port" || fail "something still answers on port $port"
[ ! -e "$TEST_WORK_DIR/build/run-example-tmp/exrelease.pid" ] || fail "the daemon's pid file is left behind"
[ -s "$TEST_WORK_DIR/build/run-example-data/exrelease.db" ] || fail "no SQLite database in the build tree"
echo "ok: run-example"
