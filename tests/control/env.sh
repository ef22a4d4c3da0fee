# The environment of the release's programs: ENV defaults and the caller's
# values, REQUIRED_ENV, the env hook (what it sees, its failures, careless
# hooks), the seed's migrate-on-start flow, and the dry run.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

copy_release "$W/rel/ctl"
use_release "$W/rel/ctl"
ROOT=$(physical "$R")
export CTL_SECRET=s3cret CTL_FIXTURE_MODE=env
T=$W/trace

# --- ENV defaults --------------------------------------------------------
run ctl start CTL_GREETING CTL_TRICKY CTL_EMPTY_DEFAULT CTL_WINPATH CTL_GENEX CTL_HOOK_ENV_DEFAULT
expect_rc 0 "ENV defaults"
expect_out "ENV defaults reach the program literally" \
  "CTL_GREETING=hello world" \
  "CTL_TRICKY=it's \"quoted\" \$HOME \\ \`date\` * ~/x" \
  "CTL_EMPTY_DEFAULT=" \
  'CTL_WINPATH=C:\dir\' \
  'CTL_GENEX=$<1:hi>$<0:x>' \
  "CTL_HOOK_ENV_DEFAULT=hello world"

# The caller's value wins, even an empty one; the hook sees the caller's.
run env CTL_GREETING=mine CTL_TRICKY= ctl start CTL_GREETING CTL_TRICKY CTL_HOOK_ENV_DEFAULT
expect_rc 0 "ENV overridden"
expect_out "the caller's values win over ENV defaults" \
  "CTL_GREETING=mine" "CTL_TRICKY=" "CTL_HOOK_ENV_DEFAULT=mine"
# ... for eval too.
run env CTL_GREETING=mine ctl eval prog CTL_GREETING
expect_out "the caller's values win over ENV defaults (eval)" "CTL_GREETING=mine"

# A default given by the hook the right way (${VAR:-default}).
run env CTL_HOOK_ACTION=default ctl start CTL_FROM_HOOK
expect_out "hook default" "CTL_FROM_HOOK=hook-default"
run env CTL_HOOK_ACTION=default CTL_FROM_HOOK=operator ctl start CTL_FROM_HOOK
expect_out "hook default overridden by the caller" "CTL_FROM_HOOK=operator"

# --- REQUIRED_ENV -------------------------------------------------------
for cmd in start eval daemon restart; do
  for value in unset empty; do
    if [ "$cmd" = eval ]; then set -- eval prog; else set -- "$cmd"; fi
    if [ "$value" = unset ]; then
      run env -u CTL_SECRET CTL_FIXTURE_TRACE="$T" ctl "$@"
    else
      run env CTL_SECRET= CTL_FIXTURE_TRACE="$T" ctl "$@"
    fi
    expect_rc 1 "$cmd with CTL_SECRET $value"
    expect_lines "$ERR" 1 "$cmd with CTL_SECRET $value: one line"
    expect_in "$ERR" "CTL_SECRET" "$cmd with CTL_SECRET $value names the variable"
    expect_empty "$OUT" "$cmd with CTL_SECRET $value"
    [ ! -e "$T" ] || fail "$cmd with CTL_SECRET $value started the program"
    [ ! -e "$R/tmp" ] || fail "$cmd with CTL_SECRET $value wrote to RELEASE_TMP"
  done
done
# Commands that start nothing do not need it.
run env -u CTL_SECRET ctl version
expect_rc 0 "version without CTL_SECRET"
run env -u CTL_SECRET ctl pid
expect_rc 3 "pid without CTL_SECRET"
# The hook may provide it, even without export.
run env -u CTL_SECRET CTL_HOOK_ACTION=secret ctl start CTL_SECRET
expect_rc 0 "CTL_SECRET from the hook"
expect_out "a required variable set (not exported) by the hook" "CTL_SECRET=from-hook"

# --- the env hook -------------------------------------------------------
# It runs for every command, with RELEASE_COMMAND set.
: >"$W/hook.log"
for cmd in start version pid stop 'eval prog'; do
  # shellcheck disable=SC2086
  CTL_HOOK_LOG=$W/hook.log ctl $cmd >/dev/null 2>&1 || :
done
printf '%s\n' start version pid stop eval >"$W/.expected"
cmp -s "$W/.expected" "$W/hook.log" || { cat "$W/hook.log" >&2; fail "the hook did not run once for every command"; }
# ... but not for usage.
: >"$W/hook.log"
CTL_HOOK_LOG=$W/hook.log ctl help >/dev/null
CTL_HOOK_LOG=$W/hook.log ctl bogus 2>/dev/null || :
expect_empty "$W/hook.log" "the hook ran for help or an unknown command"

# A failing command in the hook stops everything with its status.
for cmd in start 'eval migrate' daemon version; do
  # shellcheck disable=SC2086
  run env CTL_HOOK_ACTION=fail CTL_HOOK_STATUS=7 CTL_FIXTURE_TRACE="$T" ctl $cmd
  expect_rc 7 "$cmd with a failing hook command"
  expect_in "$ERR" "env hook" "$cmd with a failing hook command: message"
  expect_not_in "$ERR" "went on" "$cmd with a failing hook command: the hook went on"
  [ ! -e "$T" ] || fail "$cmd with a failing hook started a program"
  [ ! -e "$R/tmp" ] || fail "$cmd with a failing hook wrote to RELEASE_TMP"
  # ... and so does "exit N".
  # shellcheck disable=SC2086
  run env CTL_HOOK_ACTION=exit CTL_HOOK_STATUS=9 CTL_FIXTURE_TRACE="$T" ctl $cmd
  expect_rc 9 "$cmd with a hook doing exit 9"
  expect_in "$ERR" "status 9" "$cmd with a hook doing exit 9: message"
  [ ! -e "$T" ] || fail "$cmd with a hook doing exit 9 started a program"
done

# A careless hook (set -- ..., IFS, set -u) does not disturb the script.
run env CTL_HOOK_ACTION=unsettle CTL_FIXTURE_MODE=args ctl start 'a b' '' c
expect_rc 0 "start with an unsettling hook"
expect_out "arguments after a hook that ran set --" "[a b]" "[]" "[c]"
run env -u CTL_SECRET CTL_HOOK_ACTION=unsettle ctl start
expect_rc 1 "required check after a hook that changed IFS"
expect_in "$ERR" "CTL_SECRET" "required check after a hook that changed IFS"
run env CTL_HOOK_ACTION=unsettle ctl stop
expect_rc 3 "stop after a hook that ran set -u"

# --- the seed's flow: migrations through eval on start --------------------
run env CTL_MIGRATE=1 CTL_FIXTURE_TRACE="$T" CTL_FIXTURE_MODE=args ctl start serve
expect_rc 0 "start with migration"
printf 'migrate --from-hook\nprog\n' >"$W/.expected"
cmp -s "$W/.expected" "$T" || { cat "$T" >&2; fail "the migration did not run before the program"; }
expect_out "start with migration: output" "migrate --from-hook" "[serve]"
rm -f "$T"
run env CTL_MIGRATE=1 CTL_MIGRATE_STATUS=3 CTL_FIXTURE_TRACE="$T" ctl start
expect_rc 3 "start with a failing migration"
printf 'migrate --from-hook\n' >"$W/.expected"
cmp -s "$W/.expected" "$T" || { cat "$T" >&2; fail "the program started after a failed migration"; }
rm -f "$T"

# --- dry run ----------------------------------------------------------
# check_dry <what> <expected-arg...>: stdout is one line that sh parses back
# into exactly the expected words.
check_dry() {
  _what=$1
  shift
  expect_rc 0 "$_what"
  expect_lines "$OUT" 1 "$_what: one line"
  for a in "$@"; do printf '[%s]\n' "$a"; done >"$W/.expected"
  sh -c 'eval "set -- $(cat "$1")" && for a in "$@"; do printf "[%s]\n" "$a"; done' sh "$OUT" >"$W/.parsed" \
    || { show; fail "$_what: the printed command is not valid sh"; }
  cmp -s "$W/.expected" "$W/.parsed" || { cat "$W/.parsed" >&2; show; fail "$_what: wrong command"; }
  [ ! -e "$T" ] || fail "$_what ran the program"
  [ ! -e "$R/tmp" ] || fail "$_what wrote to RELEASE_TMP"
}
run env RELEASE_DRY_RUN=1 CTL_FIXTURE_TRACE="$T" ctl start 'a b' '' "it's" '$x'
check_dry "dry run of start" "$ROOT/libexec/prog" 'a b' '' "it's" '$x'
run env RELEASE_DRY_RUN=1 CTL_FIXTURE_TRACE="$T" ctl eval migrate --up
check_dry "dry run of eval" "$ROOT/libexec/migrate" --up
run env RELEASE_DRY_RUN=1 CTL_FIXTURE_TRACE="$T" ctl daemon x
check_dry "dry run of daemon" "$ROOT/libexec/prog" x
run env RELEASE_DRY_RUN=1 CTL_FIXTURE_TRACE="$T" ctl restart y
check_dry "dry run of restart" "$ROOT/libexec/prog" y
# It runs the hook and checks REQUIRED_ENV like the real thing.
run env RELEASE_DRY_RUN=1 CTL_HOOK_ACTION=exit CTL_HOOK_STATUS=4 ctl start
expect_rc 4 "dry run with a failing hook"
run env -u CTL_SECRET RELEASE_DRY_RUN=1 ctl start
expect_rc 1 "dry run without a required variable"
# RELEASE_DRY_RUN=0 runs for real.
run env RELEASE_DRY_RUN=0 CTL_FIXTURE_MODE=args ctl start real
expect_out "RELEASE_DRY_RUN=0" "[real]"

# --- start and eval write nothing ------------------------------------------
before=$(tree_state "$R")
run env RELEASE_TMP="$W/no-tmp" ctl start
run env RELEASE_TMP="$W/no-tmp" ctl eval migrate
run ctl start
run ctl eval prog
[ "$before" = "$(tree_state "$R")" ] || fail "start or eval changed the release directory"
[ ! -e "$W/no-tmp" ] || fail "start or eval created RELEASE_TMP"

echo "env: all checks passed"
