# The example's release, copied to a path with spaces, started the way an
# operator would: `bin/greetd start` reads etc/greetd.conf through the
# release's ARGS, loads the plugin by bare name from lib/, answers HTTP,
# keeps its count in RELEASE_DATA across a restart (by default under HOME),
# takes caller arguments after the defaults, and exits 0 on SIGTERM.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"
gd_need_release
trap gd_cleanup EXIT

rel="$W/opt/my services/greetd"
mkdir -p "$W/opt/my services" "$W/home"
cp -a "$GD_RELEASE" "$rel"
HOME=$W/home
export HOME
GREETD_PORT=$(free_port)
export GREETD_PORT
url=http://127.0.0.1:$GREETD_PORT
state=$HOME/.local/state/greetd/greetings

# The dry run shows the configuration file, inside this copy of the release.
out=$(RELEASE_DRY_RUN=1 "$rel/bin/greetd" start)
[ "$out" = "'$rel/libexec/greetd' '-c' '$rel/etc/greetd.conf'" ] || fail "dry run: $out"

gd_start "$W/run1.log" "$rel/bin/greetd" start
gd_wait_up "$GREETD_PORT" "$W/run1.log"
gd_get "$url/greet?name=Ada"
[ "$BODY" = "Good day to you, Ada. Hello." ] || fail "/greet: '$BODY' is not the formal plugin's greeting"
gd_get "$url/greet?name=Grace%20Hopper"
[ "$BODY" = "Good day to you, Grace Hopper. Hello." ] || fail "/greet: '$BODY'"
gd_get "$url/stats"
printf '%s\n' "$BODY" >"$W/stats"
expect_in "$W/stats" "greetings 2" "/stats after two greetings"
expect_in "$W/stats" "plugin libgreetd_formal.so (formal)" "/stats: the plugin"
expect_in "$W/stats" "config $rel/etc/greetd.conf" "/stats: the configuration file from ARGS"
# The plugin was loaded from the release's lib/, by the dynamic loader.
grep -F -q "$rel/lib/libgreetd_formal.so" "/proc/$GD_PID/maps" \
  || fail "greetd has not mapped $rel/lib/libgreetd_formal.so"
gd_stop
grep -F -q "greetd stopped after 2 greetings" "$W/run1.log" || { cat "$W/run1.log"; fail "no clean stop in the log"; }
[ "$(cat "$state")" = 2 ] || fail "the state file $state holds '$(cat "$state")', not 2"

# Started again, it counts on from there; a caller's argument comes after
# the defaults (the other plugin).
gd_start "$W/run2.log" "$rel/bin/greetd" start --plugin libgreetd_shout.so
gd_wait_up "$GREETD_PORT" "$W/run2.log"
gd_get "$url/greet?name=Ada"
[ "$BODY" = "HELLO, ADA!" ] || fail "/greet with --plugin libgreetd_shout.so: '$BODY'"
gd_get "$url/stats"
printf '%s\n' "$BODY" >"$W/stats"
expect_in "$W/stats" "greetings 3" "/stats after a restart: the count went on from 2"
gd_stop

# Another configuration file: the caller's -c comes last and wins.
printf 'greeting = Welcome\nplugin = libgreetd_shout.so\n' >"$W/other.conf"
# As a daemon, with RELEASE_DATA given and RELEASE_TMP outside the release.
export RELEASE_TMP="$W/tmp" RELEASE_DATA="$W/data dir"
run "$rel/bin/greetd" daemon -c "$W/other.conf"
expect_rc 0 "daemon -c other.conf"
GD_PID=$("$rel/bin/greetd" pid)
gd_wait_up "$GREETD_PORT" "$RELEASE_TMP/greetd.log"
gd_get "$url/greet?name=you"
[ "$BODY" = "WELCOME, YOU!" ] || fail "/greet with the caller's -c: '$BODY'"
run "$rel/bin/greetd" stop
expect_rc 0 "stop"
GD_PID=
[ "$(cat "$RELEASE_DATA/greetings")" = 1 ] || fail "RELEASE_DATA: the count is not in $RELEASE_DATA/greetings"
[ "$(cat "$state")" = 3 ] || fail "RELEASE_DATA given: the default state file changed"

# Without the port, nothing starts.
run env -u GREETD_PORT "$rel/bin/greetd" start
expect_rc 1 "start without GREETD_PORT"
expect_in "$ERR" "required environment variable(s) not set: GREETD_PORT" "start without GREETD_PORT"
echo "ok: greetd over HTTP, state kept across restarts"
