# start with SQLite: /health 200, notes created and listed, and still there
# after a restart; migrations ran once, the second start found nothing to do.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/exrelease/common.sh"
ex_need_release
trap ex_cleanup EXIT

db=$TEST_WORK_DIR/data/notes.db
rm -rf "$TEST_WORK_DIR/data"
mkdir -p "$TEST_WORK_DIR/data"
port=$(free_port)
ex_env "$port" "sqlite://$db"
url=http://127.0.0.1:$port

ex_start "$TEST_WORK_DIR/start1.log"
ex_wait_up "$port" "$TEST_WORK_DIR/start1.log"
grep -q 'applied 1 create_notes' "$TEST_WORK_DIR/start1.log" || fail "the first start did not migrate"
[ -f "$db" ] || fail "no database file at $db"

ex_expect 200 GET "$url/health"
[ "$(ex_json 'j["status"]')" = ok ] || fail "/health: $EX_BODY"
[ "$(ex_json 'j["database"]')" = sqlite ] || fail "/health: $EX_BODY"
ex_expect 200 GET "$url/"
case $EX_BODY in *'exrelease 0.1.0'*) ;; *) fail "/ does not name the app and version: $EX_BODY" ;; esac

ex_expect 201 POST "$url/notes" -H 'Content-Type: text/plain' --data-binary 'first note'
first=$(ex_json 'j["id"]')
ex_expect 201 POST "$url/notes" -H 'Content-Type: application/json' --data-binary '{"body": "second \u00e9t\u00e9"}'
ex_expect 200 GET "$url/notes"
[ "$(ex_json 'len(j)')" = 2 ] || fail "GET /notes: $EX_BODY"
[ "$(ex_json 'j[0]["body"]')" = 'second été' ] || fail "GET /notes: $EX_BODY"
ex_expect 200 GET "$url/notes/$first"
[ "$(ex_json 'j["body"]')" = 'first note' ] || fail "GET /notes/$first: $EX_BODY"

ex_stop_server
ex_port_closed "$port" || fail "port $port still answers after the server stopped"

# Restart: same data, no new migration.
ex_start "$TEST_WORK_DIR/start2.log"
ex_wait_up "$port" "$TEST_WORK_DIR/start2.log"
grep -q 'already up to date at version 2, nothing to do' "$TEST_WORK_DIR/start2.log" \
  || { cat "$TEST_WORK_DIR/start2.log" >&2; fail "the second start's migration was not a no-op"; }
ex_expect 200 GET "$url/notes"
[ "$(ex_json 'sorted(n["body"] for n in j)')" = "['first note', 'second été']" ] \
  || fail "the notes did not survive the restart: $EX_BODY"
ex_expect 200 GET "$url/notes/$first"
ex_stop_server
echo "ok: SQLite start, notes, restart"
