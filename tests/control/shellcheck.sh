# shellcheck on what the release ships: the generated control script (with
# the fixture's awkward ENV values in it) and the rendered env hook, for every
# shell dialect shellcheck knows that the script must run under.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

need_cmd shellcheck shellcheck

# First prove that shellcheck here does find a problem: otherwise a pass
# would mean nothing.
printf '#!/bin/sh\necho $1\n' >"$W/bad.sh"
if shellcheck "$W/bad.sh" >/dev/null 2>&1; then
  fail "shellcheck passes an unquoted expansion: it cannot be trusted here"
fi

# bin/prog: an entry point; ctltask: a release with BEFORE_START tasks.
for dialect in sh dash bash; do
  for f in ctl/bin/ctl ctl/bin/prog ctl/releases/1.2.3/env.sh ctltask/bin/ctltask; do
    shellcheck --shell="$dialect" "$FIXTURE_BUILD/release/$f" >"$OUT" 2>&1 \
      || { cat "$OUT" >&2; fail "shellcheck --shell=$dialect $f"; }
  done
done
# Also the optional checks on the control script, except: SC2250 (braces
# around every variable) and SC2249 (a default branch in every case) are
# style; SC2310 and SC2312 are about set -e, which the script does not use
# (only while sourcing the hook).
for f in ctl/bin/ctl ctltask/bin/ctltask; do
  shellcheck --shell=sh --enable=all \
    --exclude=SC2249,SC2250,SC2310,SC2312 "$FIXTURE_BUILD/release/$f" >"$OUT" 2>&1 \
    || { cat "$OUT" >&2; fail "shellcheck --enable=all $f"; }
done

# The script holds the ENV defaults whose values would upset shellcheck if the
# directive before them were missing: make sure this test sees them.
grep -q "CTL_TRICKY='it'" "$FIXTURE_RELEASE/bin/ctl" || fail "the fixture's ENV values are not in bin/ctl"

echo "shellcheck: all checks passed"
