# A migration that fails stops start before the server listens: non-zero
# exit, the port never opens, the failed migration is rolled back and the
# ones before it stay; the next start without the failure works.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
ex_need_release
trap ex_cleanup EXIT

db=$TEST_WORK_DIR/notes.db
rm -f "$db"
port=$(free_port)
ex_env "$port" "sqlite://$db"
log=$TEST_WORK_DIR/failing.log

EXRELEASE_FAIL_MIGRATION=1 ex_start "$log"
i=0
while ! process_gone "$EX_PID"; do
  [ "$i" -lt 300 ] || { cat "$log" >&2; fail "start still runs 30 s after a failing migration"; }
  ex_port_closed "$port" || fail "port $port opened although a migration failed"
  sleep 0.05
  i=$((i + 1))
done
st=0
wait "$EX_PID" || st=$?
EX_PID=
cat "$log"
[ "$st" -ne 0 ] || fail "start exited 0 although a migration failed"
grep -q 'migration 9999 test_hook_always_fails failed and was rolled back' "$log" || fail "no migration error in the output"
grep -q "exrelease: start: the BEFORE_START task 'exrelease migrate' failed with status 1; exrelease was not started" "$log" \
  || fail "the control script did not report the failed BEFORE_START task"
if grep -q 'listening on' "$log"; then fail "the server started"; fi
ex_port_closed "$port" || fail "port $port answers"

# Migrations 1 and 2 are in; 9999 and the table it made are not.
state=$(python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
versions = [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
tables = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
print(versions, tables)
PY
) || fail "cannot read $db"
[ "$state" = "[1, 2] ['notes', 'schema_migrations']" ] || fail "database after the failed migration: $state"

# Without the test hook the release starts on the same database.
ex_start "$TEST_WORK_DIR/ok.log"
ex_wait_up "$port" "$TEST_WORK_DIR/ok.log"
ex_expect 200 GET "http://127.0.0.1:$port/health"
ex_stop_server
echo "ok: a failing migration stops start"
