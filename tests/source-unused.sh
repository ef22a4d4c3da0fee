# installed.source-unused <source-dir> <work-dir> <shared-dir>: the cleanup
# of the suite run against an installed copy (CMAKE_RELEASE_TEST_INSTALLED):
# fails when a build tree the tests configured took part of cmake-release
# (cmake/, templates/, toolchains/, loader/, launcher/) from this source tree
# instead of the installed copy. CMake names every file a configure read in
# the build tree's regeneration rule (build.ninja, or CMakeFiles/Makefile.cmake
# with Makefiles), and the sources it compiles in build.ninja or the
# Makefiles, so a fallback shows there. A test whose subject is consuming the
# source tree says so with uses_source_tree (tests/lib.sh), which leaves
# <work-dir>/<test>/.uses-source-tree. The benchmarks (tests/benchmarks/run)
# measure this tree's modules on purpose.
set -eu
src=$1 work=$2 shared=$3
found=$(mktemp)
trap 'rm -f "$found"' EXIT
for d in "$work"/* "$shared"; do
  [ -d "$d" ] || continue
  [ ! -e "$d/.uses-source-tree" ] || continue
  case ${d##*/} in benchmarks.*) continue ;; esac
  find "$d" \( -name build.ninja -o -name Makefile.cmake -o -name build.make \) -type f \
    -exec grep -l -F -e "$src/cmake/" -e "$src/templates/" -e "$src/toolchains/" \
      -e "$src/loader/" -e "$src/launcher/" {} + >>"$found" 2>/dev/null || :
done
if [ -s "$found" ]; then
  printf 'FAIL: these build trees use cmake-release from the source tree %s, not the installed copy:\n' "$src" >&2
  cat "$found" >&2
  exit 1
fi
# (A run of only the RunCMake cases leaves no build tree here: they check
# for themselves, in tests/RunCMake/UseCMakeRelease.cmake.)
n=$(find "$work" "$shared" \( -name build.ninja -o -name Makefile.cmake \) -type f 2>/dev/null | wc -l)
echo "$n build trees checked: none uses $src/{cmake,templates,toolchains,loader,launcher}/"
