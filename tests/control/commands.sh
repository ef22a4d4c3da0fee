# Every command of bin/ctl except the daemon ones, run under CTL_SHELL:
# usage, version, start (arguments intact, exec, status, working directory),
# eval (any program, unknown program, same environment as start).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

if [ -n "$CTL_SHELL" ]; then
  need_cmd "${CTL_SHELL%% *}" "${CTL_SHELL%% *}"
fi
copy_release "$W/rel/ctl"
use_release "$W/rel/ctl"
ROOT=$(physical "$R")
export CTL_SECRET=s3cret

# The hook records which shell runs the script: make sure it is the one asked for.
run env CTL_FIXTURE_MODE=env sh -c 'cd / && "$@"' sh ctl start CTL_HOOK_SHELL
case $CTL_SHELL in
  '' | dash) want=/usr/bin/dash ;;
  bash) want=/usr/bin/bash ;;
  'busybox sh') want=/usr/bin/busybox ;;
  mksh) want=/usr/bin/mksh ;;
  yash) want=/usr/bin/yash ;;
  *) fail "unknown CTL_SHELL '$CTL_SHELL'" ;;
esac
[ "$CTL_SHELL" != "" ] || want=$(readlink -f /bin/sh)
expect_out "the shell running bin/ctl" "CTL_HOOK_SHELL=$(readlink -f "$want")"

# No command: usage on stdout, status 0. help, -h and --help too.
for cmd in '' help -h --help; do
  if [ -z "$cmd" ]; then run ctl; else run ctl "$cmd"; fi
  expect_rc 0 "ctl $cmd"
  expect_in "$OUT" "Usage: ctl COMMAND" "ctl $cmd"
  for c in start daemon stop restart pid eval version; do
    expect_in "$OUT" "  $c" "ctl $cmd lists $c"
  done
  expect_empty "$ERR" "ctl $cmd"
done

# Unknown command: usage on stderr, status 2, nothing on stdout.
run ctl bogus
expect_rc 2 "ctl bogus"
expect_empty "$OUT" "ctl bogus"
expect_in "$ERR" "unknown command 'bogus'" "ctl bogus"
expect_in "$ERR" "Usage: ctl COMMAND" "ctl bogus"

# version
run ctl version
expect_rc 0 "ctl version"
expect_out "ctl version" "ctl 1.2.3"
run ctl version extra
expect_rc 2 "ctl version extra"
run ctl stop extra
expect_rc 2 "ctl stop extra"
run ctl pid extra
expect_rc 2 "ctl pid extra"

# start: arguments reach the program exactly, including empty strings,
# quotes, spaces, glob characters, dashes and newlines.
nl='
'
set -- 'a b' '' "it's" 'say "hi"' '$HOME' '*' '-x' '--' "two${nl}lines" '  lead' 'tail  ' '\' '`id`'
run env CTL_FIXTURE_MODE=args sh -c 'cd / && exec "$@"' sh ctl start "$@"
expect_rc 0 "start with awkward arguments"
for a in "$@"; do printf '[%s]\n' "$a"; done >"$W/.args"
cmp -s "$W/.args" "$OUT" || { cat "$W/.args" >&2; show; fail "start: the arguments did not arrive intact"; }
expect_empty "$ERR" "start with awkward arguments"

# start with no arguments gives the program none.
run env CTL_FIXTURE_MODE=args ctl start
expect_rc 0 "start without arguments"
expect_empty "$OUT" "start without arguments"

# start replaces the shell (exec): the program has the pid the script had.
run env CTL_FIXTURE_MODE=pid sh -c 'echo "$$"; exec "$@"' sh ctl start
expect_rc 0 "start (pid)"
[ "$(sed -n 1p "$OUT")" = "$(sed -n 2p "$OUT")" ] || { show; fail "start did not exec the program"; }
if [ -z "$CTL_SHELL" ]; then
  # Also when started by its #! line, no shell process stays around: the
  # script's pid is the program's.
  run env CTL_FIXTURE_MODE=pid sh -c '"$@" & echo "$!"; wait' sh "$R/bin/ctl" start
  [ "$(sed -n 1p "$OUT")" = "$(sed -n 2p "$OUT")" ] || { show; fail "start did not exec the program"; }
fi

# start exits with the program's status.
run env CTL_FIXTURE_MODE=exit CTL_FIXTURE_STATUS=42 ctl start
expect_rc 42 "start of a program exiting with 42"

# The working directory is the caller's.
mkdir -p "$W/some where"
run env CTL_FIXTURE_MODE=cwd sh -c 'cd "$1" && shift && "$@"' sh "$W/some where" ctl start
expect_rc 0 "start (cwd)"
expect_out "start keeps the working directory" "$(physical "$W/some where")"

# The environment set before the hook, as the hook saw it.
run env CTL_FIXTURE_MODE=env ctl start CTL_HOOK_SAW "two words"
expect_rc 0 "start (hook view)"
expect_out "variables set before the hook" \
  "CTL_HOOK_SAW=start|ctl|1.2.3|$ROOT|$ROOT/tmp|ctl|2|CTL_HOOK_SAW two words" \
  "two words unset"

# The program's environment: release variables exported, bundled libraries
# found without LD_LIBRARY_PATH, build-time hook values filled.
vars='RELEASE_ROOT RELEASE_NAME RELEASE_VSN RELEASE_PROG RELEASE_TMP RELEASE_COMMAND CTL_SECRET CTL_GREETING CTL_HOOK_BUILT LD_LIBRARY_PATH'
# shellcheck disable=SC2086
run env CTL_FIXTURE_MODE=env ctl start $vars
expect_rc 0 "start (env)"
cp "$OUT" "$W/start.env"
expect_out "the program's environment under start" \
  "RELEASE_ROOT=$ROOT" "RELEASE_NAME=ctl" "RELEASE_VSN=1.2.3" "RELEASE_PROG=ctl" \
  "RELEASE_TMP=$ROOT/tmp" "RELEASE_COMMAND=start" "CTL_SECRET=s3cret" \
  "CTL_GREETING=hello world" "CTL_HOOK_BUILT=ctl 1.2.3 noted at configure time" \
  "LD_LIBRARY_PATH unset"

# eval: the same environment as start, except RELEASE_COMMAND.
# shellcheck disable=SC2086
run env CTL_FIXTURE_MODE=env ctl eval prog $vars
expect_rc 0 "eval prog (env)"
sed 's/^RELEASE_COMMAND=start$/RELEASE_COMMAND=eval/' "$W/start.env" >"$W/.expected"
cmp -s "$W/.expected" "$OUT" || { show; fail "eval prog: environment differs from start's"; }

# eval runs any program of the release, arguments intact, with its status.
run env CTL_MIGRATE_STATUS=5 ctl eval migrate --to 'v 2' ''
expect_rc 5 "eval migrate exiting with 5"
printf 'migrate --to v 2 \n' >"$W/.expected"
cmp -s "$W/.expected" "$OUT" || { show; fail "eval migrate: wrong output"; }
run env CTL_FIXTURE_MODE=args ctl eval prog 'a b' '' "it's"
expect_rc 0 "eval prog"
expect_out "eval prog: arguments" "[a b]" "[]" "[it's]"

# eval of an unknown program: status 2, the valid programs listed, nothing run.
for bad in nope ../lib/libfixturemsg.so 'prog migrate' ''; do
  run env CTL_FIXTURE_TRACE="$W/trace" ctl eval "$bad"
  expect_rc 2 "eval '$bad'"
  expect_in "$ERR" "unknown program '$bad'" "eval '$bad'"
  expect_in "$ERR" "prog migrate" "eval '$bad' lists the programs"
  expect_empty "$OUT" "eval '$bad'"
  [ ! -e "$W/trace" ] || fail "eval '$bad' ran a program"
done
run ctl eval
expect_rc 2 "eval without a program"
expect_in "$ERR" "prog migrate" "eval without a program lists the programs"

echo "commands: all checks passed (shell: ${CTL_SHELL:-#!})"
