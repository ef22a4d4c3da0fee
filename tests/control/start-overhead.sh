# What `bin/ctl start` does before the program runs. With the default
# (commented) env hook it must not fork at all: the shell reads the script,
# sources the hook and execs the program (checked with strace). How long
# that takes is measured, not asserted: tests/benchmarks/run, rows 3.1-3.2.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

copy_release "$W/rel/ctl"
R=$W/rel/ctl
# The default hook as release-init ships it (only comments to run).
sed 's/@RELEASE_NAME@/ctl/g; s/@RELEASE_VSN@/1.2.3/g' \
  "$CMAKE_RELEASE_DIR/templates/env.sh.in" >"$R/releases/1.2.3/env.sh"
export CTL_SECRET=s3cret CTL_FIXTURE_MODE=exit

command -v strace >/dev/null 2>&1 || skip "strace is not installed"
strace -f -o "$W/strace.log" -e trace=execve,fork,vfork,clone,clone3 "$R/bin/ctl" start \
  || fail "ctl start under strace failed"
# The calls, not paths: a tree's path may hold "clone" or "fork" (/tmp/inst-clone).
grep -E '^[0-9]+ +(<\.\.\. )?(clone3?|v?fork)[( ]' "$W/strace.log" && fail "ctl start forked (see above)"
grep -c 'execve(' "$W/strace.log" >"$OUT"
[ "$(cat "$OUT")" -eq 2 ] || { cat "$W/strace.log" >&2; fail "ctl start ran more than the script and the program"; }
grep -q "execve(\"$R/libexec/prog\"" "$W/strace.log" || fail "ctl start did not exec libexec/prog"
# Through a symbolic link, one readlink(1) is all it takes.
ln -s "$R/bin/ctl" "$W/link"
strace -f -o "$W/strace.log" -e trace=execve "$W/link" start || fail "ctl start through a link failed"
[ "$(grep -c 'execve(' "$W/strace.log")" -le 3 ] || { cat "$W/strace.log" >&2; fail "ctl start through a link ran more than readlink"; }
echo "start-overhead: no fork, the script and the program only"
