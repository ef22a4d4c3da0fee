# Runs shellcheck on what this area ships and runs: the control script rendered
# with the fixture's awkward ARGS (every dialect the script must run under,
# and the optional checks), the example's and the fixture's hooks, and these
# tests.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"
need_cmd shellcheck shellcheck

# shellcheck disable=SC2016 # the unquoted $1 is the point
printf '#!/bin/sh\necho $1\n' >"$W/bad.sh"
if shellcheck "$W/bad.sh" >/dev/null 2>&1; then
  fail "shellcheck passes an unquoted expansion: it cannot be trusted here"
fi
grep -q "set -- '-c' \"\$RELEASE_ROOT\"'/etc/a.conf'" "$ARGS_RELEASE/bin/showargs" \
  || fail "the fixture's ARGS are not in bin/showargs"

for dialect in sh dash bash; do
  for f in "$ARGS_RELEASE/bin/showargs" "$GD_RELEASE/bin/greetd" "$GD_RELEASE/releases/1.0.0/env.sh" \
    "$ARGS_RELEASE/releases/0.4.0/env.sh"; do
    shellcheck --shell="$dialect" "$f" >"$OUT" 2>&1 || { cat "$OUT" >&2; fail "shellcheck --shell=$dialect $f"; }
  done
done
shellcheck --shell=sh --enable=all --exclude=SC2249,SC2250,SC2310,SC2312 "$ARGS_RELEASE/bin/showargs" >"$OUT" 2>&1 \
  || { cat "$OUT" >&2; fail "shellcheck --enable=all bin/showargs"; }
shellcheck -s sh -e SC1091 "$CMAKE_RELEASE_SOURCE_DIR"/tests/greetd/*.sh || fail "tests/greetd"
echo "ok: shellcheck"
