# The systemd units add_release() renders: defaults, SYSTEMD_TYPE, SYSTEMD_USER
# DYNAMIC, SYSTEMD_STOP_TIMEOUT, SYSTEMD_OPTIONS (replace, remove, add, other
# sections), NO_SYSTEMD; each unit passes `systemd-analyze verify` with its
# release mounted where the unit expects it (/opt/<name>, in a private mount
# namespace), the package scripts pass `sh -n`.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd systemd-analyze systemd
need_cmd unshare util-linux
need_root "mounts the releases at /opt/<name> in a private mount namespace"
src=$CMAKE_RELEASE_SOURCE_DIR/tests/service/units
bld=$TEST_WORK_DIR/build
rm -rf "$bld"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
work=$bld/_release

# unit_of <release>: the path of its rendered unit.
unit_of() {
  printf '%s\n' "$work/$1/service/$1.service"
}
# has <release> <line>...: each line is a whole line of the unit.
has() {
  _u=$(unit_of "$1")
  shift
  for _l in "$@"; do
    grep -qxF -- "$_l" "$_u" || { cat "$_u" >&2; fail "$_u lacks the line '$_l'"; }
  done
}
# lacks <release> <regex>: no line of the unit matches.
lacks() {
  if grep -nE -- "$2" "$(unit_of "$1")"; then fail "$(unit_of "$1") has a line matching '$2'"; fi
}
# section_of <release> <line>: prints the section the line is in.
section_of() {
  awk -v want="$2" '/^\[/ { s = $0 } $0 == want { print s; exit }' "$(unit_of "$1")"
}

has plain 'Type=exec' 'ExecStart=/opt/plain/bin/plain start' 'EnvironmentFile=-/etc/plain/env' \
  'Environment=RELEASE_TMP=%t/plain' 'Environment=RELEASE_DATA=%S/plain' \
  'Environment=RELEASE_STOP_TIMEOUT=30' 'TimeoutStopSec=30' 'KillSignal=SIGTERM' 'KillMode=mixed' \
  'User=plain' 'Group=plain' 'StateDirectory=plain' 'LogsDirectory=plain' 'RuntimeDirectory=plain' \
  'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
  'MemoryDenyWriteExecute=yes' 'CapabilityBoundingSet=' 'WantedBy=multi-user.target'
lacks plain '^DynamicUser='
grep -qx '#TOKEN=' "$work/plain/service/env" || fail "the env file does not list TOKEN"
has dyn 'Type=notify' 'DynamicUser=yes' 'TimeoutStopSec=90' 'Environment=RELEASE_STOP_TIMEOUT=90'
lacks dyn '^(User|Group)='
has tuned 'LimitNOFILE=65536' 'CapabilityBoundingSet=CAP_NET_BIND_SERVICE' \
  'AmbientCapabilities=CAP_NET_BIND_SERVICE' 'After=postgresql.service' 'After=network-online.target' \
  'WantedBy=default.target'
lacks tuned '^MemoryDenyWriteExecute='
lacks tuned '^CapabilityBoundingSet=$'
lacks tuned '^WantedBy=multi-user.target'
[ "$(grep -c '^After=' "$(unit_of tuned)")" = 2 ] || fail "tuned: the two After= lines of SYSTEMD_OPTIONS are not the only ones"
[ "$(section_of tuned 'After=postgresql.service')" = '[Unit]' ] || fail "Unit.After= is not in [Unit]"
[ "$(section_of tuned 'LimitNOFILE=65536')" = '[Service]' ] || fail "LimitNOFILE= is not in [Service]"
[ "$(section_of tuned 'WantedBy=default.target')" = '[Install]' ] || fail "Install.WantedBy= is not in [Install]"
[ ! -e "$work/none/service" ] || fail "NO_SYSTEMD rendered a unit"

for rel in plain dyn tuned; do
  for s in "$work/$rel/service/deb/"* "$work/$rel/service/rpm/"*; do
    [ "${s##*/}" = conffiles ] || sh -n "$s" || fail "$s is not valid sh"
  done
  # The release at /opt/<name>, as the packages install it: verify then checks
  # the unit against the real program too (ExecStart must be executable).
  # shellcheck disable=SC2016 # the inner shell expands its arguments
  unshare --mount sh -c 'mount -t tmpfs tmpfs /opt && mkdir "/opt/$1" &&
    mount --bind "$2" "/opt/$1" && exec systemd-analyze verify "$3"' sh \
    "$rel" "$bld/release/$rel" "$(unit_of "$rel")" >"$TEST_WORK_DIR/verify-$rel.log" 2>&1 \
    || { cat "$TEST_WORK_DIR/verify-$rel.log" >&2; fail "systemd-analyze verify failed for $rel"; }
  if [ -s "$TEST_WORK_DIR/verify-$rel.log" ]; then
    cat "$TEST_WORK_DIR/verify-$rel.log" >&2
    fail "systemd-analyze verify warned about the unit of $rel"
  fi
done
echo "ok: units of plain, dyn, tuned pass systemd-analyze verify"
