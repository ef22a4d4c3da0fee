# RELEASE_DATA: the caller's or the hook's value (made absolute), else
# $XDG_STATE_HOME/<name> (an absolute XDG_STATE_HOME only, as the XDG spec
# says), else $HOME/.local/state/<name>, else empty; exported to the program,
# and never created by the control script.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"
need_args_shell
use_showargs "$W/release/showargs"

# data_is <what> <expected> <env assignments...>: RELEASE_DATA seen by the
# program (and expanded in ARGS) under those settings.
data_is() {
  _what=$1 _want=$2
  shift 2
  run env "$@" SHOWARGS_DATA=1 ctl start
  expect_rc 0 "$_what"
  expect_in "$OUT" "$(fmt "--data=$_want")" "$_what: the expanded --data=\$RELEASE_DATA"
  [ "$(tail -n 1 "$OUT")" = "data:$_want" ] || { show; fail "$_what: the program's RELEASE_DATA is not '$_want'"; }
}

data_is "XDG_STATE_HOME" /x/state/showargs XDG_STATE_HOME=/x/state HOME=/h
data_is "a relative XDG_STATE_HOME is ignored" /h/.local/state/showargs XDG_STATE_HOME=rel HOME=/h
data_is "an empty XDG_STATE_HOME is ignored" /h/.local/state/showargs XDG_STATE_HOME= HOME=/h
data_is "HOME" "$W/my home/.local/state/showargs" "HOME=$W/my home"
data_is "HOME=/" /.local/state/showargs HOME=/
data_is "the caller's RELEASE_DATA" /srv/data RELEASE_DATA=/srv/data XDG_STATE_HOME=/x HOME=/h
data_is "the hook's RELEASE_DATA" /hook RELEASE_DATA=/srv/data ARGS_HOOK_DATA=/hook HOME=/h
(cd "$W" && data_is "a relative RELEASE_DATA" "$W/rel dir" "RELEASE_DATA=rel dir" HOME=/h)
(cd "$W" && data_is "a relative RELEASE_DATA from the hook" "$W/hooked" ARGS_HOOK_DATA=hooked HOME=/h)

# Neither an absolute XDG_STATE_HOME nor HOME: empty, still exported.
run env -u HOME -u XDG_STATE_HOME SHOWARGS_DATA=1 ctl start
expect_rc 0 "no HOME"
[ "$(tail -n 1 "$OUT")" = "data:" ] || { show; fail "no HOME: RELEASE_DATA is not set and empty"; }
expect_in "$OUT" "$(fmt --data=)" "no HOME: --data="
run env HOME=relative SHOWARGS_DATA=1 ctl start
[ "$(tail -n 1 "$OUT")" = "data:" ] || { show; fail "a relative HOME: RELEASE_DATA is not empty"; }

# The control script creates nothing there (a program that keeps no state
# writes nothing), for any command.
for cmd in start version pid "eval showargs"; do
  # shellcheck disable=SC2086 # the command's words
  run env "HOME=$W/fresh" ctl $cmd
done
[ ! -e "$W/fresh" ] || fail "the control script created $(find "$W/fresh" | tail -n 1)"
echo "ok: RELEASE_DATA${ARGS_SHELL:+ under $ARGS_SHELL}"
