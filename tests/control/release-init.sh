# cmake -P cmake/release-init.cmake: writes the default env hook template,
# refuses to overwrite without FORCE; the template, rendered by a real build,
# passes shellcheck both as shipped (all examples commented) and with every
# example uncommented, and the uncommented examples work: defaults the caller
# can override, migrations through eval before start and daemon.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

W=$TEST_WORK_DIR
rm -rf "$W"
mkdir -p "$W"
OUT=$W/.out ERR=$W/.err
run() {
  rc=0
  "$@" >"$OUT" 2>"$ERR" || rc=$?
}
show() {
  cat "$OUT" "$ERR" >&2
}
INIT=$CMAKE_RELEASE_DIR/cmake/release-init.cmake
TEMPLATE=$CMAKE_RELEASE_DIR/templates/env.sh.in
FIXTURE_SRC=$CMAKE_RELEASE_SOURCE_DIR/tests/control/fixture
P="$W/my project"
HOOK=$P/rel/env.sh.in

mkdir -p "$P"
cat >"$P/CMakeLists.txt" <<'CML'
cmake_minimum_required(VERSION 3.25)
project(InitProject VERSION 0.3.0 LANGUAGES CXX)
list(APPEND CMAKE_MODULE_PATH "${CMAKE_RELEASE_DIR}/cmake")
include(Release)
set(CMAKE_CXX_STANDARD 17)
add_library(fixturemsg SHARED "${FIXTURE_SRC}/fixturemsg.cpp")
add_executable(prog "${FIXTURE_SRC}/prog.cpp")
target_link_libraries(prog PRIVATE fixturemsg)
add_executable(migrate "${FIXTURE_SRC}/migrate.cpp")
# No ENV_HOOK: rel/env.sh.in is picked up by default.
add_release(init TARGETS prog migrate)
CML

# --- release-init itself ---------------------------------------------------
# From the project directory, with no arguments.
rc=0
(cd "$P" && "$CMAKE_COMMAND" -P "$INIT") >"$OUT" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { show; fail "release-init: status $rc"; }
cmp -s "$TEMPLATE" "$HOOK" || fail "release-init did not copy the template verbatim"
grep -q "wrote.*rel/env.sh.in" "$OUT" || { show; fail "release-init did not say what it wrote"; }
[ "$(stat -c %a "$HOOK")" = 644 ] || fail "rel/env.sh.in has mode $(stat -c %a "$HOOK")"

# A second run refuses and leaves the (edited) file alone.
echo "# my own line" >>"$HOOK"
cp "$HOOK" "$W/edited"
run "$CMAKE_COMMAND" "-DPROJECT_DIR=$P" -P "$INIT"
[ "$rc" -ne 0 ] || fail "release-init overwrote an existing file without FORCE"
grep -q "FORCE" "$ERR" || { show; fail "release-init's refusal does not mention FORCE"; }
cmp -s "$W/edited" "$HOOK" || fail "release-init changed an existing file without FORCE"
run "$CMAKE_COMMAND" "-DPROJECT_DIR=$P" -DFORCE=OFF -P "$INIT"
[ "$rc" -ne 0 ] || fail "release-init overwrote with FORCE=OFF"

# FORCE overwrites.
run "$CMAKE_COMMAND" "-DPROJECT_DIR=$P" -DFORCE=ON -P "$INIT"
[ "$rc" -eq 0 ] || { show; fail "release-init with FORCE: status $rc"; }
cmp -s "$TEMPLATE" "$HOOK" || fail "release-init with FORCE did not overwrite"

# A missing project directory is an error, and nothing is created.
run "$CMAKE_COMMAND" "-DPROJECT_DIR=$W/missing" -P "$INIT"
[ "$rc" -ne 0 ] || fail "release-init accepted a missing PROJECT_DIR"
[ ! -e "$W/missing" ] || fail "release-init created a missing PROJECT_DIR"

# ENV_HOOK names another file, relative to PROJECT_DIR (not the cwd).
run sh -c 'cd / && "$@"' sh "$CMAKE_COMMAND" "-DPROJECT_DIR=$P" -DENV_HOOK=deploy/hook.sh.in -P "$INIT"
[ "$rc" -eq 0 ] || { show; fail "release-init with ENV_HOOK: status $rc"; }
cmp -s "$TEMPLATE" "$P/deploy/hook.sh.in" || fail "release-init with ENV_HOOK wrote elsewhere"

# --- the template as shipped, in a real build ----------------------------------
B=$W/build
configure_and_build "$P" "$B" release-init "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" \
  "-DFIXTURE_SRC=$FIXTURE_SRC"
R=$B/release/init
# A failed check must not leave the daemon behind.
RP=$(cd -P "$R" && pwd -P)
trap 'for e in /proc/[0-9]*/exe; do case $(readlink -f "$e" 2>/dev/null) in "$RP"/libexec/*) p=${e#/proc/}; kill -9 "${p%/exe}" 2>/dev/null || :;; esac; done' EXIT
RENDERED=$R/releases/0.3.0/env.sh
[ -f "$RENDERED" ] || fail "no rendered hook at $RENDERED"
grep -q '^# Env hook of the init release' "$RENDERED" || fail "the hook's @RELEASE_NAME@ was not filled"
if grep -n '@[A-Za-z_][A-Za-z0-9_]*@' "$RENDERED"; then fail "unfilled @VAR@ in the rendered hook"; fi
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck --shell=sh "$RENDERED" || fail "shellcheck on the rendered default hook"
  # A release with no ENV and no REQUIRED_ENV: the control script is clean too.
  shellcheck --shell=sh "$R/bin/init" || fail "shellcheck on bin/init (no ENV, no REQUIRED_ENV)"
fi
# As shipped it does nothing: start runs the program only.
run env CTL_FIXTURE_TRACE="$W/trace" CTL_FIXTURE_MODE=args "$R/bin/init" start one
[ "$rc" -eq 0 ] || { show; fail "start with the default hook: status $rc"; }
[ "$(cat "$W/trace")" = prog ] || fail "the default hook ran something: $(cat "$W/trace")"
rm -f "$W/trace"

# --- every example uncommented ----------------------------------------------
awk 'on { sub(/^# /, "") } /^# Uncomment/ { on = 1 } { print }' "$TEMPLATE" >"$HOOK"
grep -q '^export APP_PORT=' "$HOOK" || fail "uncommenting the examples did not work"
"$CMAKE_COMMAND" --build "$B" --target release-init >"$W/rebuild.log" 2>&1 \
  || { cat "$W/rebuild.log" >&2; fail "rebuild with the uncommented hook"; }
grep -q '^export APP_PORT=' "$RENDERED" || fail "the rebuild did not render the new hook"
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck --shell=sh "$RENDERED" || fail "shellcheck on the uncommented default hook"
fi

# Defaults, and the caller's value winning.
run env CTL_FIXTURE_MODE=env "$R/bin/init" eval prog APP_PORT APP_LOG_LEVEL
printf 'APP_PORT=8080\nAPP_LOG_LEVEL=info\n' >"$W/.expected"
cmp -s "$W/.expected" "$OUT" || { show; fail "the hook's defaults"; }
run env APP_PORT=9000 CTL_FIXTURE_MODE=env "$R/bin/init" eval prog APP_PORT
[ "$(cat "$OUT")" = APP_PORT=9000 ] || { show; fail "the caller's APP_PORT did not win"; }

# start: the migration runs first, through eval.
run env CTL_FIXTURE_TRACE="$W/trace" CTL_FIXTURE_MODE=args "$R/bin/init" start one
[ "$rc" -eq 0 ] || { show; fail "start with migrations: status $rc"; }
[ "$(cat "$W/trace")" = "migrate
prog" ] || fail "start with migrations ran: $(cat "$W/trace")"
rm -f "$W/trace"
# A failed migration stops the start with its status.
run env CTL_MIGRATE_STATUS=3 CTL_FIXTURE_TRACE="$W/trace" "$R/bin/init" start
[ "$rc" -eq 3 ] || { show; fail "start with a failing migration: status $rc"; }
[ "$(cat "$W/trace")" = migrate ] || fail "the program started after a failed migration"
rm -f "$W/trace"
# daemon: the migration first too; a failure is reported and nothing starts.
run env CTL_MIGRATE_STATUS=3 CTL_FIXTURE_TRACE="$W/trace" CTL_FIXTURE_MODE=serve "$R/bin/init" daemon
[ "$rc" -eq 1 ] || { show; fail "daemon with a failing migration: status $rc"; }
grep -q "migrations failed" "$ERR" || { show; fail "daemon with a failing migration: message"; }
[ "$(cat "$W/trace")" = migrate ] || fail "daemon started the program after a failed migration"
[ ! -e "$R/tmp/init.pid" ] || fail "daemon with a failing migration left a pid file"
rm -f "$W/trace"
run env CTL_FIXTURE_TRACE="$W/trace" CTL_FIXTURE_MODE=serve CTL_FIXTURE_TERM_DELAY_MS=0 "$R/bin/init" daemon
[ "$rc" -eq 0 ] || { show; fail "daemon with migrations: status $rc"; }
pid=$(cat "$R/tmp/init.pid")
run "$R/bin/init" stop
[ "$rc" -eq 0 ] || { kill -9 "$pid"; show; fail "stop: status $rc"; }
[ "$(cat "$W/trace")" = "migrate
prog" ] || fail "daemon with migrations ran: $(cat "$W/trace")"

echo "release-init: all checks passed"
