# Checks of add_release()'s arguments that CMake itself would let through
# silently or turn into raw errors later (at generate or build time). Each
# stops at the caller's line with a message naming add_release(<name>), the
# value and the fix. Internal to cmake-release (names start with _release_).
# No include guard: it defines only variables and functions, and the public
# function includes it again into its own scope, because directory variables
# are not seen from a sibling directory that did not include the module.

# Variables a default from ENV can never set: the control script finds them
# set (PATH, PWD) or sets them itself before the defaults apply.
set(_RELEASE_ENV_RESERVED PATH PWD RELEASE_ROOT RELEASE_NAME RELEASE_VSN RELEASE_PROG
  RELEASE_TMP RELEASE_COMMAND)
# File names made of the release name (CMakeFiles/release-<name>.dir and the
# swap's .<name>.new, under a 255-byte NAME_MAX) must stay short enough.
set(_RELEASE_NAME_MAX 200)

# _release_check_argument(<release> <argument> <next-argument> <one-value-keyword>...)
# One argument of the call, as written: a '[' without its ']' makes CMake
# keep the list separators after it, swallowing the arguments that follow
# into this one; a one-value keyword followed by "" is dropped by
# cmake_parse_arguments as if it were not given.
function(_release_check_argument release arg next)
  string(REGEX REPLACE "[^][]" "" brackets "${arg}")
  set(previous "")
  while(NOT brackets STREQUAL previous)
    set(previous "${brackets}")
    string(REPLACE "[]" "" brackets "${brackets}")
  endwhile()
  if(brackets MATCHES "\\[")
    _release_fail("the argument '${arg}' has a '[' without "
      "a ']' after it, which makes a CMake list swallow the arguments that follow it. "
      "Fix: close it with ']' in the same argument, or set such a value in the env hook "
      "(ENV_HOOK) instead.")
  endif()
  if(arg IN_LIST ARGN AND next STREQUAL "")
    _release_fail("${arg} is given an empty value, which "
      "would be ignored. Fix: give ${arg} a value, or leave it out for its default.")
  endif()
endfunction()

# _release_check_name(<release>)
# The length limit (the characters are checked by add_release itself).
function(_release_check_name release)
  string(LENGTH "${release}" length)
  if(length GREATER _RELEASE_NAME_MAX)
    _release_fail("the release name '${release}' has ${length} characters; "
      "file names made from it would be too long for the file system. Fix: use a name of "
      "at most ${_RELEASE_NAME_MAX} characters.")
  endif()
endfunction()

# _release_check_env(<release> <item>...)
# ENV items (already of the form VAR=value) that could never take effect.
function(_release_check_env release)
  foreach(item IN LISTS ARGN)
    string(REGEX MATCH "^[^=]*" var "${item}")
    if(var IN_LIST _RELEASE_ENV_RESERVED)
      _release_fail("ENV item '${item}' sets ${var}, which is "
        "always set when the control script runs (by the caller or by the script itself), "
        "so a default for it never takes effect. Fix: remove it; to change ${var}, "
        "set it in the env hook (ENV_HOOK).")
    endif()
  endforeach()
endfunction()

# _release_check_imported_location(<release> <target> <location>)
# An IMPORTED program's file must be a file; it may be missing only when the
# build makes it (a location in the build tree).
function(_release_check_imported_location release tgt location)
  if(IS_DIRECTORY "${location}")
    _release_fail("the IMPORTED executable '${tgt}' has "
      "IMPORTED_LOCATION '${location}', which is a directory. Fix: set IMPORTED_LOCATION "
      "to the program file itself.")
  endif()
  cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${location}" NORMALIZE in_build_tree)
  if(NOT EXISTS "${location}" AND NOT in_build_tree)
    _release_fail("the IMPORTED executable '${tgt}' has "
      "IMPORTED_LOCATION '${location}', which does not exist. Fix: install or build the "
      "program first, or correct IMPORTED_LOCATION.")
  endif()
endfunction()

# _release_check_output_dir(<release> <dir>)
# The release is assembled in <dir>: it must be a directory this user can
# write (made now if missing: the build would make it anyway, and a failure
# here names the directory instead of surfacing as the build tool's error).
function(_release_check_output_dir release dir)
  execute_process(COMMAND mkdir -p -- "${dir}" RESULT_VARIABLE rc
    ERROR_VARIABLE err ERROR_STRIP_TRAILING_WHITESPACE)
  if(rc EQUAL 0)
    execute_process(COMMAND test -w "${dir}" RESULT_VARIABLE rc)
    set(err "not writable")
  endif()
  if(NOT rc EQUAL 0)
    _release_fail("the output directory '${dir}' cannot be "
      "written (${err}). Fix: make it writable, or set OUTPUT_DIRECTORY to a writable "
      "directory.")
  endif()
endfunction()
