# Helpers of the loader tests (sourced after ../lib.sh): tiny libraries
# built with cc that print their label from a constructor, so the output
# of a program says exactly which copies the loader loaded.

need_cmd cc gcc
need_cmd readelf binutils
need_cmd patchelf patchelf

# mklib <file> <label> [cc arguments...]: a shared library (SONAME: its file
# name) that prints <label> when loaded.
mklib() {
  _out=$1 _label=$2
  shift 2
  mkdir -p "$(dirname "$_out")"
  printf '#include <stdio.h>\n__attribute__((constructor)) static void init(void) { puts("%s"); }\nint %s_f(void) { return 0; }\n' \
    "$_label" "$(basename "$_out" | sed 's/^lib//; s/\..*//; s/[^A-Za-z0-9_]/_/g')" \
    | cc -shared -fPIC -x c - -o "$_out" "-Wl,-soname,$(basename "$_out")" -Wl,--no-as-needed "$@" \
    || fail "cc could not build $_out"
}

# mkprog <file> [cc arguments...]: a program that needs what the arguments
# link and prints nothing itself (-Wl,--no-as-needed keeps every -l).
mkprog() {
  _out=$1
  shift
  mkdir -p "$(dirname "$_out")"
  printf 'int main(void) { return 0; }\n' | cc -x c - -o "$_out" -Wl,--no-as-needed "$@" \
    || fail "cc could not build $_out"
}

# rpath <dir>...: linker arguments for a DT_RPATH (not DT_RUNPATH) of <dir>s.
rpath() {
  _r=""
  for _d in "$@"; do _r="$_r${_r:+:}$_d"; done
  printf '%s\n' "-Wl,--disable-new-dtags,-rpath,$_r"
}

# set_machine <file> <e_machine>: rewrites the ELF header's machine field
# (a library "of another architecture" without a cross compiler).
set_machine() {
  # shellcheck disable=SC2059 # the format is the octal escape of one byte
  printf "$(printf '\\%03o' "$2")" | dd of="$1" bs=1 seek=18 count=1 conv=notrunc 2>/dev/null \
    || fail "cannot rewrite the machine of $1"
}

# release_project <dir> <cmake code>: a project that releases IMPORTED programs.
release_project() {
  mkdir -p "$1"
  { echo 'cmake_minimum_required(VERSION 3.25)'
    echo 'project(loader_cases LANGUAGES C)'
    echo "list(APPEND CMAKE_MODULE_PATH \"$CMAKE_RELEASE_DIR/cmake\")"
    echo 'include(Release)'
    printf '%s\n' "$2"
  } >"$1/CMakeLists.txt"
}

# imported <target> <file>: CMake code for an IMPORTED executable.
imported() {
  printf 'add_executable(%s IMPORTED)\nset_target_properties(%s PROPERTIES IMPORTED_LOCATION "%s")\n' "$1" "$1" "$2"
}
