# ENTRY_POINTS: bin/prog and bin/migrate of the fixture run their program
# exactly as `ctl eval <program>` does: arguments, environment (hook, ENV,
# REQUIRED_ENV), exit status, dry run; also through a symbolic link.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

copy_release "$W/rel/ctl"
use_release "$W/rel/ctl"
ROOT=$(physical "$R")
export CTL_SECRET=s3cret

# Arguments intact, and the program's status.
nl='
'
# shellcheck disable=SC2016 # literal on purpose
set -- 'a b' '' "it's" '$HOME' '*' '--' "two${nl}lines" 'help'
run env CTL_FIXTURE_MODE=args "$R/bin/prog" "$@"
expect_rc 0 "bin/prog with awkward arguments"
for a in "$@"; do printf '[%s]\n' "$a"; done >"$W/.args"
cmp -s "$W/.args" "$OUT" || { show; fail "bin/prog: the arguments did not arrive intact"; }
run env CTL_MIGRATE_STATUS=5 "$R/bin/migrate" --to 'v 2' ''
expect_rc 5 "bin/migrate exiting with 5"
printf 'migrate --to v 2 \n' >"$W/.expected"
cmp -s "$W/.expected" "$OUT" || { show; fail "bin/migrate: wrong output"; }

# The environment eval gives, with RELEASE_PROG the entry point's name; the
# hook ran for eval, with the program and its arguments as parameters.
vars='RELEASE_ROOT RELEASE_NAME RELEASE_VSN RELEASE_PROG RELEASE_TMP RELEASE_COMMAND CTL_SECRET CTL_GREETING CTL_HOOK_BUILT CTL_HOOK_SAW LD_LIBRARY_PATH'
# shellcheck disable=SC2086
run env CTL_FIXTURE_MODE=env ctl eval prog $vars
expect_rc 0 "eval prog (env)"
sed 's/^RELEASE_PROG=ctl$/RELEASE_PROG=prog/; s/|ctl|12|/|prog|12|/' "$OUT" >"$W/eval.env"
grep -q '^CTL_HOOK_SAW=eval|ctl|1.2.3|' "$W/eval.env" || { show; fail "the hook did not see eval"; }
# shellcheck disable=SC2086
run env CTL_FIXTURE_MODE=env "$R/bin/prog" $vars
expect_rc 0 "bin/prog (env)"
cmp -s "$W/eval.env" "$OUT" || { diff "$W/eval.env" "$OUT" >&2; fail "bin/prog: environment differs from eval's"; }

# REQUIRED_ENV: nothing runs without it.
run env -u CTL_SECRET CTL_FIXTURE_TRACE="$W/trace" "$R/bin/prog"
expect_rc 1 "bin/prog without CTL_SECRET"
expect_in "$ERR" "prog: required environment variable(s) not set: CTL_SECRET" "bin/prog without CTL_SECRET"
[ ! -e "$W/trace" ] || fail "bin/prog ran without CTL_SECRET"
# A failing hook stops it with the hook's status.
run env CTL_HOOK_ACTION=exit CTL_HOOK_STATUS=9 CTL_FIXTURE_TRACE="$W/trace" "$R/bin/migrate"
expect_rc 9 "bin/migrate with a hook doing exit 9"
[ ! -e "$W/trace" ] || fail "bin/migrate ran after its hook failed"

# Dry run: the command eval would run, nothing run.
run env RELEASE_DRY_RUN=1 CTL_FIXTURE_TRACE="$W/trace" "$R/bin/migrate" --up 'x y'
expect_rc 0 "dry run of bin/migrate"
expect_out "dry run of bin/migrate" "'$ROOT/libexec/migrate' '--up' 'x y'"
[ ! -e "$W/trace" ] || fail "the dry run of bin/migrate ran it"

# Through a symbolic link elsewhere (RELEASE_PROG is the link's name).
mkdir -p "$W/links"
ln -s "$R/bin/migrate" "$W/links/db-migrate"
run "$W/links/db-migrate" one
expect_rc 0 "bin/migrate through a link"
expect_out "bin/migrate through a link" "migrate one"

# bin/ctl still is the control program, and eval still knows every program.
run ctl version
expect_out "ctl version beside entry points" "ctl 1.2.3"
echo "entry-points: all checks passed ($CTL_LAUNCHER launcher)"
