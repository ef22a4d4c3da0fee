# The exrelease DEB and RPM of the service.packages fixture on a machine that
# systemd runs: a Podman container with systemd as PID 1 (image
# localhost/service-systemd:bookworm-2, made here once with mmdebstrap:
# minbase plus systemd, dbus, curl, procps and rpm). The container gets CAP_SYS_ADMIN: the
# unit's sandboxing (ProtectSystem=, PrivateTmp=, ...) has systemd set up
# mount namespaces, which a container's default capabilities forbid (the
# service then fails with 226/NAMESPACE); PID 1 of a real host has them.
#
# `apt-get install ./exrelease_<vsn>_amd64.deb` creates the user, enables the
# unit and asks for the REQUIRED_ENV; the unit passes systemd-analyze verify;
# with /etc/exrelease/env filled in the service starts as that user,
# answers /health and writes its database to /var/lib/exrelease; a reinstall
# keeps the edited env file and restarts the service; systemd restarts it
# after a crash; `systemctl restart` and `systemctl stop` work, the stop
# within its timeout with the program's exit status 0; `apt-get purge`
# stops it and removes unit, release, env file, state and logs. Then the RPM,
# with Debian's rpm: `rpm -i` creates the user, enables the unit; the
# configured service answers; `rpm -e` stops it and removes unit and release,
# keeping the edited env file as env.rpmsave. (--nodeps: rpm's database on
# Debian knows none of the system's packages, so glibc and shadow-utils look
# missing.)
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
need_engine
pkgs=$TEST_SHARED_DIR/service/packages
[ -f "$pkgs/exrelease_0.1.0_amd64.deb" ] || fail "no DEB in $pkgs: the fixture service.packages must pass first"
# Change the tag when the package list changes.
image=localhost/service-systemd:bookworm-2
if ! podman image exists "$image"; then
  need_cmd mmdebstrap mmdebstrap
  mmdebstrap --variant=minbase --include=systemd,systemd-sysv,dbus,curl,procps,rpm bookworm \
    "$TEST_WORK_DIR/systemd-base.tar" >"$TEST_WORK_DIR/mmdebstrap.log" 2>&1 \
    || { tail -20 "$TEST_WORK_DIR/mmdebstrap.log" >&2; fail "mmdebstrap of the systemd image failed"; }
  podman import "$TEST_WORK_DIR/systemd-base.tar" "$image" >/dev/null || fail "podman import failed"
  rm -f "$TEST_WORK_DIR/systemd-base.tar"
fi
name=service-systemd-$$
cleanup() { podman rm -f "$name" >/dev/null 2>&1 || :; }
trap cleanup EXIT
podman run -d --name "$name" --systemd=always --cap-add SYS_ADMIN -v "$pkgs:/pkg:ro" "$image" /sbin/init \
  >/dev/null || fail "the systemd container did not start"
# ctr <command>...: runs in the container.
ctr() { podman exec "$name" "$@"; }
i=0
until state=$(ctr systemctl is-system-running 2>/dev/null) && { [ "$state" = running ] || [ "$state" = degraded ]; }; do
  i=$((i + 1))
  [ "$i" -lt 120 ] || fail "systemd in the container did not finish booting: ${state:-no answer}"
  sleep 0.5
done
echo "systemd: $state"
# main_pid: the service's main process, 0 when none.
main_pid() { ctr systemctl show -p MainPID --value exrelease; }
# wait_health: /health answers 200 inside the container within 30 s.
wait_health() {
  _i=0
  until ctr curl -fsS -o /dev/null http://127.0.0.1:8080/health 2>/dev/null; do
    _i=$((_i + 1))
    [ "$_i" -lt 300 ] || { ctr journalctl -u exrelease --no-pager | tail -20; fail "$1: /health did not answer"; }
    sleep 0.1
  done
}

ctr env DEBIAN_FRONTEND=noninteractive apt-get install -y /pkg/exrelease_0.1.0_amd64.deb >"$TEST_WORK_DIR/install.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/install.log"; fail "apt-get install ./exrelease_0.1.0_amd64.deb failed"; }
grep -q 'exrelease: set APP_PORT SECRET_KEY_BASE in /etc/exrelease/env, then: systemctl start exrelease' \
  "$TEST_WORK_DIR/install.log" || { cat "$TEST_WORK_DIR/install.log"; fail "the install did not say what to configure"; }
[ "$(ctr systemctl is-enabled exrelease)" = enabled ] || fail "the unit is not enabled"
[ "$(ctr systemctl is-active exrelease || :)" = inactive ] || fail "the service started before it was configured"
ctr id -u exrelease >/dev/null || fail "the package did not create the user exrelease"
# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
ctr dpkg-query -W -f '${Conffiles}\n' exrelease | grep -q '^ /etc/exrelease/env ' || fail "/etc/exrelease/env is not a conffile"
ctr systemd-analyze verify /lib/systemd/system/exrelease.service >"$TEST_WORK_DIR/verify.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/verify.log"; fail "systemd-analyze verify failed"; }
[ ! -s "$TEST_WORK_DIR/verify.log" ] || { cat "$TEST_WORK_DIR/verify.log"; fail "systemd-analyze verify warned"; }

secret=$(od -An -N48 -tx1 /dev/urandom | tr -d ' \n')
ctr sh -c "printf 'APP_PORT=8080\nSECRET_KEY_BASE=%s\nEXRELEASE_DATA_DIR=/var/lib/exrelease\n' '$secret' >>/etc/exrelease/env"
ctr systemctl start exrelease || { ctr journalctl -u exrelease --no-pager | tail -20; fail "systemctl start failed"; }
wait_health "after start"
pid1=$(main_pid)
[ "$(ctr ps -o user= -p "$pid1" | tr -d ' ')" = exrelease ] || fail "the service does not run as exrelease"
[ "$(ctr sh -c "tr '\\0' '\\n' </proc/$pid1/cmdline | head -n 1")" = /opt/exrelease/libexec/exrelease ] \
  || fail "the main process is not the program (bin/exrelease start must exec it)"
[ "$(ctr curl -s -o /dev/null -w '%{http_code}' -d 'body=from systemd' http://127.0.0.1:8080/notes)" = 201 ] \
  || fail "POST /notes did not answer 201"
[ "$(ctr stat -c %U /var/lib/exrelease/exrelease.db)" = exrelease ] || fail "the database is not in the StateDirectory"
ctr journalctl -u exrelease --no-pager | grep -q 'POST /notes 201' || fail "the journal lacks the program's log"

# A reinstall (an upgrade to the same version) keeps the edited env file and restarts the service.
ctr env DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall /pkg/exrelease_0.1.0_amd64.deb \
  >"$TEST_WORK_DIR/reinstall.log" 2>&1 || { cat "$TEST_WORK_DIR/reinstall.log"; fail "the reinstall failed"; }
ctr grep -q "^SECRET_KEY_BASE=$secret\$" /etc/exrelease/env || fail "the reinstall replaced /etc/exrelease/env"
wait_health "after the reinstall"
pid2=$(main_pid)
[ "$pid2" != "$pid1" ] || fail "the reinstall did not restart the service"

ctr systemctl restart exrelease
wait_health "after systemctl restart"
pid3=$(main_pid)
if [ "$pid3" = "$pid2" ] || [ "$pid3" = 0 ]; then fail "systemctl restart did not start a new process"; fi

ctr kill -s SEGV "$pid3"
i=0
until [ "$(ctr systemctl show -p NRestarts --value exrelease)" = 1 ] && pid4=$(main_pid) && [ "$pid4" != 0 ] && [ "$pid4" != "$pid3" ]; do
  i=$((i + 1))
  [ "$i" -lt 100 ] || fail "systemd did not restart the crashed service"
  sleep 0.1
done
wait_health "after the crash"

t0=$(date +%s%N)
ctr systemctl stop exrelease
stop_ms=$((($(date +%s%N) - t0) / 1000000))
timeout_s=$(ctr systemctl show -p TimeoutStopUSec --value exrelease)
[ "$timeout_s" = 30s ] || fail "TimeoutStopSec is $timeout_s, not the control script's 30 s"
[ "$stop_ms" -lt 30000 ] || fail "the stop took $stop_ms ms, not within its 30 s timeout"
[ "$(ctr systemctl show -p Result --value exrelease)" = success ] || fail "the stop did not end in success"
[ "$(ctr systemctl show -p ExecMainStatus --value exrelease)" = 0 ] || fail "the program did not exit 0 on SIGTERM"
echo "systemctl stop: $stop_ms ms (timeout 30 s)"

ctr env DEBIAN_FRONTEND=noninteractive apt-get install -y /pkg/exrelease-dbgsym_0.1.0_amd64.deb >"$TEST_WORK_DIR/dbgsym.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/dbgsym.log"; fail "the dbgsym package does not install"; }
ctr sh -c 'ls /usr/lib/debug/.build-id/*/*.debug' >/dev/null || fail "exrelease-dbgsym installed no debug file"

ctr systemctl start exrelease
wait_health "before the purge"
ctr env DEBIAN_FRONTEND=noninteractive apt-get purge -y exrelease exrelease-dbgsym >"$TEST_WORK_DIR/purge.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/purge.log"; fail "apt-get purge failed"; }
[ "$(ctr systemctl is-active exrelease || :)" = inactive ] || fail "the service still runs after the purge"
if ctr pgrep -u exrelease >/dev/null; then fail "processes of exrelease are left after the purge"; fi
if ctr systemctl cat exrelease >/dev/null 2>&1; then fail "systemd still knows the unit after the purge"; fi
for p in /opt/exrelease /etc/exrelease /var/lib/exrelease /var/log/exrelease /lib/systemd/system/exrelease.service \
    /etc/systemd/system/multi-user.target.wants/exrelease.service /usr/lib/debug/.build-id; do
  if ctr test -e "$p"; then fail "$p is left after the purge"; fi
done
echo "ok: the DEB installed, started, answered, restarted, stopped and purged under systemd"

# --- The RPM, on the same machine, with a user it must create itself. ---
ctr userdel exrelease
ctr rpm -i --nodeps /pkg/exrelease-0.1.0-1.x86_64.rpm >"$TEST_WORK_DIR/rpm-install.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/rpm-install.log"; fail "rpm -i failed"; }
grep -q 'exrelease: set APP_PORT SECRET_KEY_BASE in /etc/exrelease/env' "$TEST_WORK_DIR/rpm-install.log" \
  || { cat "$TEST_WORK_DIR/rpm-install.log"; fail "%post did not say what to configure"; }
ctr id -u exrelease >/dev/null || fail "%pre did not create the user exrelease"
[ "$(ctr systemctl is-enabled exrelease)" = enabled ] || fail "%post did not enable the unit"
[ "$(ctr stat -c '%a %U' /etc/exrelease/env)" = "600 root" ] || fail "the RPM's env file is not root's, mode 600"
ctr sh -c "printf 'APP_PORT=8080\nSECRET_KEY_BASE=%s\nEXRELEASE_DATA_DIR=/var/lib/exrelease\n' '$secret' >>/etc/exrelease/env"
ctr systemctl start exrelease || { ctr journalctl -u exrelease --no-pager | tail -20; fail "systemctl start failed (RPM)"; }
wait_health "after the RPM's install"
ctr rpm -e --nodeps exrelease >"$TEST_WORK_DIR/rpm-erase.log" 2>&1 || { cat "$TEST_WORK_DIR/rpm-erase.log"; fail "rpm -e failed"; }
[ "$(ctr systemctl is-active exrelease || :)" = inactive ] || fail "the service still runs after rpm -e"
for p in /opt/exrelease /usr/lib/systemd/system/exrelease.service /etc/systemd/system/multi-user.target.wants/exrelease.service; do
  if ctr test -e "$p"; then fail "$p is left after rpm -e"; fi
done
ctr test -f /etc/exrelease/env.rpmsave || fail "rpm -e did not keep the edited env file as env.rpmsave"
echo "ok: the RPM installed, started, answered and was erased under systemd"
