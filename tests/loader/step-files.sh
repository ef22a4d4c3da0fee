# loader.step-files: the files the build steps written in C++ read
# (loader/step.hpp):
# - an argument file written by _release_step_args (ReleaseStepConfig.cmake)
#   gives `release-loader <command> @<file>` exactly the values, whatever
#   they hold (backslash, tab, newline, a leading '#', spaces, empty);
# - `resolve --closure-out` writes <work>/closure.txt with the machine, the
#   programs, the libraries (own search path or not), each plugin at its
#   --plugin-rel, and the names left to the target; a second run leaves it
#   untouched (same inode and mtime); a count of --plugin-rel that does not
#   match the plugins is a usage error.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
need_cmd c++ g++ gcc

w=$TEST_WORK_DIR
rm -rf "$w" && mkdir -p "$w/lib" "$w/odd dir"
c++ -std=c++17 -O1 -Wall -Wextra -Werror -pthread -o "$w/release-loader" "$CMAKE_RELEASE_DIR"/loader/*.cpp \
  || fail "the helper does not build"

# A program needing libdep.so (with a DT_RUNPATH of its own) and a plugin.
echo 'int dep(void) { return 1; }' >"$w/dep.c"
gcc -shared -fPIC -o "$w/lib/libdep.so" "$w/dep.c" -Wl,-rpath,/nowhere || fail "libdep does not build"
echo 'int dep(void); int main(void) { return dep() - 1; }' >"$w/main.c"
gcc -o "$w/odd dir/app" "$w/main.c" -L"$w/lib" -ldep || fail "the program does not build"
echo 'int plug(void) { return 2; }' >"$w/plug.c"
gcc -shared -fPIC -o "$w/plug.so" "$w/plug.c" || fail "the plugin does not build"

# 1. An argument file: odd values survive, in order.
cat >"$w/write-args.cmake" <<CMAKE
include("$CMAKE_RELEASE_DIR/cmake/ReleaseCommon.cmake")
include("$CMAKE_RELEASE_DIR/cmake/ReleaseStepConfig.cmake")
set(inputs "$w/inputs.txt")
set(programs "$w/odd dir/app")
set(library_dirs "$w/lib")
set(plugins "$w/plug.so")
set(plugin_rels "lib/plugins/plug.so")
set(closure "$w/closure.txt")
set(left [[^libc\\.so\\.6\$]] [[^ld-linux.*]])
_release_step_args("$w" resolve INPUTS=inputs PROGRAM=programs LIBRARY_DIR=library_dirs
  PLUGIN=plugins PLUGIN_REL=plugin_rels CLOSURE_OUT=closure LEFT=left)
set(odd "back\\\\slash" "#hash" "tab\\there" "new\\nline" "" "two  spaces")
_release_step_args("$w" odd VALUE=odd)
CMAKE
cmake -P "$w/write-args.cmake" || fail "_release_step_args failed"
grep -q '^\\#hash$' "$w/steps/odd.args" || fail "a leading # is not escaped: $(cat "$w/steps/odd.args")"

# The odd values as the helper reads them: `resolve` refuses an unknown
# option naming nothing, so read them back through a program that prints
# its arguments, built from the helper's own reader.
cat >"$w/print.cpp" <<'CPP'
#include "step.hpp"
#include <cstdio>
int main(int, char **argv) {
  for (const std::string &a : read_args_file(argv[1])) std::printf("[%s]\n", a.c_str());
}
CPP
c++ -std=c++17 -Wall -Wextra -Werror -I"$CMAKE_RELEASE_DIR/loader" -o "$w/print" "$w/print.cpp" \
  "$CMAKE_RELEASE_DIR/loader/step.cpp" "$CMAKE_RELEASE_DIR/loader/files.cpp" || fail "the reader does not build"
"$w/print" "$w/steps/odd.args" >"$w/odd.out" || fail "the argument file does not read"
printf '[--value]\n[%s]\n' 'back\slash' '#hash' "$(printf 'tab\there')" "$(printf 'new\nline')" '' \
  'two  spaces' >"$w/odd.want"
cmp -s "$w/odd.want" "$w/odd.out" || fail "the values of the argument file: $(diff "$w/odd.want" "$w/odd.out")"

# 2. resolve through its argument file writes closure.txt.
"$w/release-loader" resolve "@$w/steps/resolve.args" >"$w/closure.cmake" || fail "resolve @file failed"
machine=$(sed -n 's/^machine\t//p' "$w/closure.txt")
[ -n "$machine" ] || fail "closure.txt names no machine: $(cat "$w/closure.txt")"
printf '%s\n' 'cmake-release closure 1' "machine	$machine" "program	$w/odd dir/app" \
  "library	libdep.so	$w/lib/libdep.so	1" "plugin	lib/plugins/plug.so	$w/plug.so	0" >"$w/closure.want"
grep -v '^left	' "$w/closure.txt" >"$w/closure.got"
cmp -s "$w/closure.want" "$w/closure.got" || fail "closure.txt: $(diff "$w/closure.want" "$w/closure.got")"
grep -q '^left	libc\.so\.6$' "$w/closure.txt" || fail "closure.txt does not list libc.so.6 as left"

# 3. A second run rewrites nothing.
before=$(stat -c '%i %Y.%y' "$w/closure.txt")
sleep 1
"$w/release-loader" resolve "@$w/steps/resolve.args" >/dev/null || fail "the second resolve failed"
[ "$(stat -c '%i %Y.%y' "$w/closure.txt")" = "$before" ] || fail "an unchanged closure.txt was rewritten"

# 4. --plugin-rel must pair with --plugin.
if "$w/release-loader" resolve --inputs "$w/i2.txt" --program "$w/odd dir/app" --plugin "$w/plug.so" \
    --closure-out "$w/c2.txt" 2>"$w/usage.err"; then
  fail "a plugin without its --plugin-rel was accepted"
fi
grep -q 'bad arguments' "$w/usage.err" || fail "no usage message: $(cat "$w/usage.err")"
echo "argument files and closure.txt hold what the steps gave them"
