# add_release(ARGS): the default arguments reach the program exactly, with
# $RELEASE_ROOT and $RELEASE_DATA expanded, before the caller's arguments,
# for start, daemon and restart (not eval); RELEASE_DEFAULT_ARGS=0 replaces
# them with the caller's; the dry run prints the expanded command. The
# fixture's ARGS hold quotes, spaces, a newline, a tab, an empty string,
# $(...), backquotes, globs and generator expressions.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"
need_args_shell

# A release root with spaces and a quote, reached through a symbolic link.
use_showargs "$W/it's a release/showargs"
ln -s "$W/it's a release" "$W/link"
ctl_runs "$W/link/showargs/bin/showargs"
HOME=$W/home
export HOME
data=$HOME/.local/state/showargs

# start: the defaults, expanded against the physical root.
expected_defaults "$R" "$data" >"$W/expected"
run ctl start
expect_rc 0 "start"
expect_out "start: the default arguments" "$W/expected"

# The caller's arguments follow them, even ones that look like the defaults
# (a program where the last -c wins takes the caller's file).
{ expected_defaults "$R" "$data"; fmt x 'y z' '' -c /other.conf; } >"$W/expected"
run ctl start x 'y z' '' -c /other.conf
expect_rc 0 "start with arguments"
expect_out "start: defaults, then the caller's arguments" "$W/expected"

# RELEASE_DEFAULT_ARGS=0: the caller's arguments only (none at all, too).
fmt only 'two words' "\$RELEASE_ROOT" >"$W/expected"
run env RELEASE_DEFAULT_ARGS=0 ctl start only 'two words' "\$RELEASE_ROOT"
expect_rc 0 "RELEASE_DEFAULT_ARGS=0 start"
expect_out "RELEASE_DEFAULT_ARGS=0: the caller's arguments only, unexpanded" "$W/expected"
: >"$W/expected"
run env RELEASE_DEFAULT_ARGS=0 ctl start
expect_rc 0 "RELEASE_DEFAULT_ARGS=0 start without arguments"
expect_out "RELEASE_DEFAULT_ARGS=0: no arguments" "$W/expected"
expected_defaults "$R" "$data" >"$W/expected"
run env RELEASE_DEFAULT_ARGS=1 ctl start
expect_out "RELEASE_DEFAULT_ARGS=1: the defaults" "$W/expected"
run env RELEASE_DEFAULT_ARGS=no ctl start
expect_rc 2 "RELEASE_DEFAULT_ARGS=no"
[ ! -s "$OUT" ] || { show; fail "RELEASE_DEFAULT_ARGS=no ran the program"; }
expect_in "$ERR" "showargs: RELEASE_DEFAULT_ARGS must be 1 (the default arguments, then the caller's) or 0 (the caller's only), not 'no'" \
  "RELEASE_DEFAULT_ARGS=no"

# eval runs a program as asked: no default arguments.
fmt a >"$W/expected"
run ctl eval showargs a
expect_out "eval: no default arguments" "$W/expected"

# The env hook's RELEASE_DATA is the one expanded.
{ expected_defaults "$R" /from/the/hook; } >"$W/expected"
run env ARGS_HOOK_DATA=/from/the/hook ctl start
expect_out "start: RELEASE_DATA set by the hook" "$W/expected"

# Dry run: one line, the expanded command, which sh reads back as the same
# words (the program path first).
run env RELEASE_DRY_RUN=1 ctl start x
expect_rc 0 "dry run"
[ "$(wc -l <"$OUT")" -eq 2 ] || { show; fail "dry run: not one line (plus the newline inside an argument)"; }
line=$(cat "$OUT")
eval "set -- $line"
[ "$1" = "$R/libexec/showargs" ] || fail "dry run: the command starts with '$1', not $R/libexec/showargs"
shift
fmt "$@" >"$OUT"
{ expected_defaults "$R" "$data"; fmt x; } >"$W/expected"
expect_out "dry run: the printed command's arguments" "$W/expected"
expect_in "$W/expected" "$R/etc/a.conf" "the expected arguments"

# daemon and restart: the same arguments, in the log.
export RELEASE_TMP="$W/tmp"
run env SHOWARGS_WAIT=1 ctl daemon d1
expect_rc 0 "daemon"
{ expected_defaults "$R" "$data"; fmt d1; } >"$W/expected"
n=$(wc -l <"$W/expected")
i=0
until [ "$(wc -l <"$RELEASE_TMP/showargs.log")" -ge "$n" ] || [ "$i" -ge 50 ]; do
  sleep 0.1
  i=$((i + 1))
done
tail -n "$n" "$RELEASE_TMP/showargs.log" >"$OUT"
expect_out "daemon: defaults, then the caller's arguments" "$W/expected"
run env SHOWARGS_WAIT=1 RELEASE_DEFAULT_ARGS=0 ctl restart r1
expect_rc 0 "restart"
fmt r1 >"$W/expected"
sleep 0.5
tail -n 1 "$RELEASE_TMP/showargs.log" >"$OUT"
expect_out "restart with RELEASE_DEFAULT_ARGS=0" "$W/expected"
run ctl stop
expect_rc 0 "stop"
echo "ok: ARGS${ARGS_SHELL:+ under $ARGS_SHELL}"
