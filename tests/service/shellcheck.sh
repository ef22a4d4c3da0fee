# The shell code of the service packages is POSIX sh and shellcheck-clean: the
# maintainer-script templates (with their shared functions put in, as
# steps/service.cmake does) and these tests.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd shellcheck shellcheck
t=$CMAKE_RELEASE_SOURCE_DIR/templates/service
mkdir -p "$TEST_WORK_DIR/scripts"
for f in "$t"/deb-*.in "$t"/rpm-*.in; do
  s=$TEST_WORK_DIR/scripts/$(basename "$f" .in)
  # The template's @VAR@ placeholders are plain words to the shell.
  awk -v functions="$t/functions.sh.in" '
    $0 == "@SERVICE_FUNCTIONS@" { while ((getline line < functions) > 0) print line; next }
    { print }' "$f" >"$s"
  shellcheck -s sh "$s" || fail "$(basename "$f") with functions.sh.in"
done
# SC1091: the sourced helpers are found through a variable.
shellcheck -s sh -e SC1091 "$CMAKE_RELEASE_SOURCE_DIR"/tests/service/*.sh || fail "tests/service"
echo "ok: shellcheck"
