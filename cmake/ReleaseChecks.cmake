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

# _release_check_argument(<argument> <next-argument>)
# One argument of the call, as written, with the one after it (reads the
# keyword lists options, one_value, multi_value of add_release()): a '['
# without its ']' makes CMake keep the list separators after it, swallowing
# the arguments that follow into this one; a one-value keyword followed by ""
# is dropped by cmake_parse_arguments as if it were not given; an argument
# ending in a backslash escapes the ';' after it, merging it with the next
# element of its keyword's list (last in its list, it is harmless).
function(_release_check_argument arg next)
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
  if(arg IN_LIST one_value AND next STREQUAL "")
    _release_fail("${arg} is given an empty value, which "
      "would be ignored. Fix: give ${arg} a value, or leave it out for its default.")
  endif()
  if(arg MATCHES "\\\\$" AND NOT next IN_LIST options AND NOT next IN_LIST one_value
     AND NOT next IN_LIST multi_value)
    _release_fail("the argument '${arg}' ends with a "
      "backslash, which CMake lists cannot carry (it would join the next argument). "
      "Fix: end the value with another character, e.g. a trailing '/' for a directory.")
  endif()
endfunction()

# _release_check_name(<release>)
# The characters and the length of the release name.
function(_release_check_name release)
  if(NOT release MATCHES "${_RELEASE_NAME_REGEX}")
    _release_fail("the release name '${release}' is not usable as a file "
      "name. Fix: use letters, digits and '._+-' only, starting with a letter or digit.")
  endif()
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

# _release_program_file_name(<out-var> <release> <target>)
# The file name a program target produces, known at configure time (used to
# check names and record them; the build uses $<TARGET_FILE_NAME>).
function(_release_program_file_name out release tgt)
  get_target_property(imported "${tgt}" IMPORTED)
  if(imported)
    _release_first_property(location "${tgt}" IMPORTED_LOCATION IMPORTED_LOCATION_RELEASE
      IMPORTED_LOCATION_RELWITHDEBINFO IMPORTED_LOCATION_MINSIZEREL IMPORTED_LOCATION_DEBUG
      IMPORTED_LOCATION_NOCONFIG)
    if(NOT location)
      _release_fail("the IMPORTED executable '${tgt}' has no "
        "IMPORTED_LOCATION. Fix: set_target_properties(${tgt} PROPERTIES "
        "IMPORTED_LOCATION /path/to/program).")
    endif()
    _release_check_imported_location("${release}" "${tgt}" "${location}")
    get_filename_component(file_name "${location}" NAME)
  else()
    get_target_property(file_name "${tgt}" OUTPUT_NAME)
    if(NOT file_name)
      set(file_name "${tgt}")
    endif()
    get_target_property(suffix "${tgt}" SUFFIX)
    if(suffix)
      string(APPEND file_name "${suffix}")
    else()
      string(APPEND file_name "${CMAKE_EXECUTABLE_SUFFIX}")
    endif()
  endif()
  set(${out} "${file_name}" PARENT_SCOPE)
endfunction()

# _release_existing_dirs(<out-var> <release> <keyword> <fix> <dir>...)
# Makes each <dir> absolute (relative to the calling source directory) and
# stops with an error naming <keyword> when one is not a directory.
# LIBRARY_DIRS may name a directory of the build tree that does not exist
# yet: the build makes it (libraries built by the project) before the
# release is resolved.
function(_release_existing_dirs out release keyword fix)
  set(dirs "")
  foreach(dir IN LISTS ARGN)
    cmake_path(ABSOLUTE_PATH dir BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${dir}" NORMALIZE in_build_tree)
    if(keyword STREQUAL "LIBRARY_DIRS" AND in_build_tree AND NOT EXISTS "${dir}")
      list(APPEND dirs "${dir}")
      continue()
    endif()
    if(NOT IS_DIRECTORY "${dir}")
      _release_fail("${keyword} '${dir}' is not a directory. "
        "Fix: ${fix}.")
    endif()
    list(APPEND dirs "${dir}")
  endforeach()
  set(${out} "${dirs}" PARENT_SCOPE)
endfunction()

# _release_check_call(<release>)
# The call as a whole: unknown arguments, keywords without a value, the
# generator, names already taken, TARGETS given.
function(_release_check_call name)
  if(arg_UNPARSED_ARGUMENTS)
    set(keywords ${multi_value} ${one_value} ${options})
    list(JOIN keywords ", " keywords)
    _release_fail("unknown arguments: ${arg_UNPARSED_ARGUMENTS}. "
      "Fix: use only the keywords ${keywords}.")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    _release_fail("the keyword(s) ${arg_KEYWORDS_MISSING_VALUES} "
      "were given without a value. Fix: give each a value, or leave the keyword out.")
  endif()
  get_property(generator_is_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(generator_is_multi_config)
    _release_fail("the generator '${CMAKE_GENERATOR}' builds "
      "several configurations in one tree, which would share one release directory. "
      "Fix: use a single-configuration generator (Ninja or Unix Makefiles).")
  endif()
  get_property(known_releases GLOBAL PROPERTY RELEASE_NAMES)
  if(name IN_LIST known_releases)
    get_property(first_dir TARGET "release-${name}" PROPERTY RELEASE_SOURCE_DIR)
    _release_fail("a release named '${name}' was already "
      "declared (in ${first_dir}). Fix: give each release its own name.")
  endif()
  if(TARGET "release-${name}")
    _release_fail("the project already has a target named "
      "'release-${name}'. Fix: rename that target or choose another release name.")
  endif()
  if(TARGET release AND NOT known_releases)
    _release_fail("the project already has a target named "
      "'release', which add_release() needs for building all releases. Fix: rename that target.")
  endif()
  if(NOT arg_TARGETS)
    _release_fail("no TARGETS given. Fix: name the executable "
      "target(s) to release, the main program first: add_release(${name} TARGETS <exe>...).")
  endif()
endfunction()

# _release_check_programs(<release>)
# TARGETS: executables with safe, distinct file names (program_names).
function(_release_check_programs name)
  set(program_names "")
  foreach(tgt IN LISTS arg_TARGETS)
    if(NOT TARGET "${tgt}")
      set(hint "")
      if(tgt MATCHES "^[A-Z][A-Z_]+$")
        set(hint " If '${tgt}' is meant as a keyword, add_release() has no such keyword.")
      endif()
      _release_fail("'${tgt}' given in TARGETS is not a target. "
        "Fix: name an executable created with add_executable() (declare it before "
        "add_release), or an IMPORTED executable.${hint}")
    endif()
    get_target_property(type "${tgt}" TYPE)
    if(NOT type STREQUAL "EXECUTABLE")
      _release_fail("'${tgt}' given in TARGETS is a ${type}, "
        "not an executable. Fix: list executables in TARGETS; bundle extra shared "
        "libraries with LIBRARIES.")
    endif()
    _release_program_file_name(file_name "${name}" "${tgt}")
    if(NOT file_name MATCHES "${_RELEASE_NAME_REGEX}")
      _release_fail("the program file name '${file_name}' of "
        "target '${tgt}' is not a safe file name. Fix: set its OUTPUT_NAME to letters, "
        "digits and '._+-' only.")
    endif()
    if(file_name IN_LIST program_names)
      _release_fail("two targets in TARGETS produce a program "
        "named '${file_name}'. Fix: give them different OUTPUT_NAMEs.")
    endif()
    list(APPEND program_names "${file_name}")
  endforeach()
  return(PROPAGATE program_names)
endfunction()

# _release_check_version(<release>)
# VERSION, defaulting to PROJECT_VERSION, else 0.0.0 with a warning.
function(_release_check_version name)
  if(NOT DEFINED arg_VERSION)
    if(PROJECT_VERSION)
      set(arg_VERSION "${PROJECT_VERSION}")
    else()
      set(arg_VERSION "0.0.0")
      message(WARNING "add_release(${name}): no VERSION given and the project "
        "'${PROJECT_NAME}' has none, so the release (its directory releases/<vsn>, "
        "'bin/${name} version', packages and image labels) is version 0.0.0. Fix: give "
        "the project a version, project(${PROJECT_NAME} VERSION <vsn> ...), or pass "
        "add_release(${name} ... VERSION <vsn>).")
    endif()
  endif()
  _release_version_override("${name}" arg_VERSION)   # ReleaseVersionOverride.cmake
  if(NOT arg_VERSION MATCHES "${_RELEASE_VERSION_REGEX}")
    _release_fail("VERSION '${arg_VERSION}' has characters that "
      "are unsafe in a path. Fix: use letters, digits and '._+~-' only, starting with a "
      "letter or digit (e.g. 1.2.3 or 1.2.3-rc.1).")
  endif()
  return(PROPAGATE arg_VERSION)
endfunction()

# _release_check_environment(<release>)
# ARGS, REQUIRED_ENV and ENV.
function(_release_check_environment name)
  _release_check_args("${name}" "${arg_ARGS}")           # ReleaseArgs.cmake
  foreach(var IN LISTS arg_REQUIRED_ENV)
    if(NOT var MATCHES "${_RELEASE_ENV_NAME_REGEX}")
      _release_fail("REQUIRED_ENV '${var}' is not a valid "
        "environment variable name. Fix: use letters, digits and '_', not starting with a digit.")
    endif()
  endforeach()
  foreach(item IN LISTS arg_ENV)
    if(NOT item MATCHES "^([^=]*)=")
      _release_fail("ENV item '${item}' is not of the form "
        "VAR=value. Fix: write it as ${item}=<value>.")
    endif()
    set(var "${CMAKE_MATCH_1}")
    if(NOT var MATCHES "${_RELEASE_ENV_NAME_REGEX}")
      _release_fail("ENV item '${item}' names the variable "
        "'${var}', which is not a valid environment variable name. Fix: use "
        "letters, digits and '_', not starting with a digit.")
    endif()
  endforeach()
  _release_check_env("${name}" ${arg_ENV})
endfunction()

# _release_check_env_hook(<release>)
# ENV_HOOK (default rel/env.sh.in beside the calling CMakeLists.txt) and the
# variables of the caller's scope its @VAR@ references name (hook_variables):
# CMake runs again when the hook changes, to see new ones.
function(_release_check_env_hook name)
  if(DEFINED arg_ENV_HOOK)
    cmake_path(ABSOLUTE_PATH arg_ENV_HOOK BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(NOT EXISTS "${arg_ENV_HOOK}" OR IS_DIRECTORY "${arg_ENV_HOOK}")
      _release_fail("ENV_HOOK '${arg_ENV_HOOK}' is not a file. "
        "Fix: point it at a template, e.g. rel/env.sh.in (cmake -P "
        "<cmake-release>/cmake/release-init.cmake writes a commented one).")
    endif()
  elseif(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/rel/env.sh.in")
    set(arg_ENV_HOOK "${CMAKE_CURRENT_SOURCE_DIR}/rel/env.sh.in")
  else()
    set(arg_ENV_HOOK "")
  endif()
  set(hook_variables "")
  if(arg_ENV_HOOK)
    file(READ "${arg_ENV_HOOK}" hook_text)
    string(REGEX MATCHALL "@[A-Za-z_][A-Za-z0-9_]*@" hook_refs "${hook_text}")
    list(REMOVE_DUPLICATES hook_refs)
    foreach(ref IN LISTS hook_refs)
      string(REGEX REPLACE "^@(.*)@$" "\\1" var "${ref}")
      if(DEFINED "${var}" AND NOT var MATCHES "^RELEASE_")
        list(APPEND hook_variables "${var}")
      endif()
    endforeach()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${arg_ENV_HOOK}")
  endif()
  return(PROPAGATE arg_ENV_HOOK hook_variables)
endfunction()

# _release_check_files(<release>)
# OVERLAYS (default rel/overlays), LIBRARIES (files or SHARED/MODULE
# targets: library_files, library_deps), EXCLUDE_LIBRARIES, LIBRARY_DIRS and
# OUTPUT_DIRECTORY (release_dir is <OUTPUT_DIRECTORY>/<name>).
function(_release_check_files name)
  if(NOT DEFINED arg_OVERLAYS AND IS_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/rel/overlays")
    set(arg_OVERLAYS "${CMAKE_CURRENT_SOURCE_DIR}/rel/overlays")
  endif()
  _release_existing_dirs(overlays "${name}" OVERLAYS "create it, or leave it out of OVERLAYS"
    ${arg_OVERLAYS})
  set(library_files "")
  set(library_deps "")
  foreach(lib IN LISTS arg_LIBRARIES)
    if(TARGET "${lib}")
      get_target_property(type "${lib}" TYPE)
      if(NOT type MATCHES "^(SHARED_LIBRARY|MODULE_LIBRARY)$")
        _release_fail("'${lib}' given in LIBRARIES is a ${type}, "
          "not a shared library. Fix: list SHARED or MODULE library targets, or files.")
      endif()
      list(APPEND library_files "$<TARGET_FILE:${lib}>")
      list(APPEND library_deps "${lib}")
    else()
      cmake_path(ABSOLUTE_PATH lib BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
      if(NOT EXISTS "${lib}" OR IS_DIRECTORY "${lib}")
        _release_fail("'${lib}' given in LIBRARIES is neither a "
          "target nor an existing file. Fix: name a SHARED/MODULE library target or the "
          "path of a shared object.")
      endif()
      list(APPEND library_files "${lib}")
    endif()
  endforeach()
  foreach(regex IN LISTS arg_EXCLUDE_LIBRARIES)
    # An invalid regular expression stops CMake here.
    string(REGEX MATCH "${regex}" ignored "probe")
  endforeach()
  _release_existing_dirs(library_dirs "${name}" LIBRARY_DIRS "give an existing directory"
    ${arg_LIBRARY_DIRS})
  if(NOT DEFINED arg_OUTPUT_DIRECTORY)
    set(arg_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/release")
  endif()
  cmake_path(ABSOLUTE_PATH arg_OUTPUT_DIRECTORY BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  string(REGEX REPLACE "/$" "" arg_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  set(release_dir "${arg_OUTPUT_DIRECTORY}/${name}")
  return(PROPAGATE overlays library_files library_deps library_dirs arg_OUTPUT_DIRECTORY release_dir)
endfunction()
