# Internal helpers of cmake-release, shared by the public modules (configure
# time) and the build-time steps in steps/ (script mode). Nothing here is part
# of the public interface: names start with _release_. It only defines
# variables and functions, so it may be included more than once (the public
# functions include it again into their own scope).

# The loader model: search directories, the native helper, ELF reading.
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseLoader.cmake")
# Hermetic releases: the glibc family bundled (HERMETIC, PREFIX).
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseHermetic.cmake")

# The glibc family: one build, one private interface. The target system
# provides all of it, so none of it is ever bundled (bundling libc without its
# loader fails with GLIBC_PRIVATE errors).
set(_RELEASE_GLIBC_REGEX
  "^(ld-linux[^/]*|ld64\\.so\\.[0-9]+|ld\\.so\\.[0-9]+|lib(c|m|dl|pthread|rt|resolv|util|anl|mvec|BrokenLocale|thread_db|c_malloc_debug|memusage|pcprofile)\\.so(\\.[0-9.]+)?|libnss_[^/]*\\.so(\\.[0-9.]+)?)$")

# The global properties of cmake-release (configure time only: a build-time
# step has none). Defining one again, as each include of this file does, is
# harmless.
if(NOT CMAKE_SCRIPT_MODE_FILE)
  define_property(GLOBAL PROPERTY RELEASE_NAMES
    BRIEF_DOCS "The releases of the build, in the order add_release() declared them.")
  define_property(GLOBAL PROPERTY RELEASE_IMAGE_NAMES
    BRIEF_DOCS "The container images of the build, in the order add_container_image() declared them.")
  define_property(GLOBAL PROPERTY _RELEASE_CI_FILES
    BRIEF_DOCS "Internal: the Dockerfiles and ignore files written so far, each as <image>|<file>.")
  define_property(GLOBAL PROPERTY _RELEASE_CPACK_COMPONENTS
    BRIEF_DOCS "Internal: the install components CPack packages (each release, its -debug part).")
  define_property(GLOBAL PROPERTY _RELEASE_CPACK_CALLS
    BRIEF_DOCS "Internal: one _release_cpack_release() call per release, for ReleaseCPack.cmake.")
endif()

# Names the release and its parts may use: they become file names and shell
# words, so they must be safe in both.
set(_RELEASE_NAME_REGEX "^[A-Za-z0-9][A-Za-z0-9._+-]*$")
set(_RELEASE_VERSION_REGEX "^[A-Za-z0-9][A-Za-z0-9._+~-]*$")
set(_RELEASE_ENV_NAME_REGEX "^[A-Za-z_][A-Za-z0-9_]*$")

# _release_shell_quote(<out-var> <string>)
# Quotes <string> as one POSIX shell word.
function(_release_shell_quote out value)
  string(REPLACE "'" "'\\''" value "${value}")
  set(${out} "'${value}'" PARENT_SCOPE)
endfunction()

# _release_bracket(<out-var> <value>)
# Wraps <value> in a CMake bracket argument, so generated CMake code (the step
# configuration, the steps' state files) needs no escaping whatever the value holds.
function(_release_bracket out value)
  set(eq "=")
  while(value MATCHES "\\]${eq}\\]")
    string(APPEND eq "=")
  endwhile()
  set(${out} "[${eq}[${value}]${eq}]" PARENT_SCOPE)
endfunction()

# _release_lines(<out-var> <text>)
# The lines of <text> as a list, in order: a ';' in a line stays in it (an
# item of the list), a newline at the end adds no empty line.
function(_release_lines out text)
  string(REPLACE ";" "\\;" text "${text}")
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# _release_lookup(<out-var> <key> <keys-var> <values-var>)
# The item of the list <values-var> at the place of <key> in the list
# <keys-var> (parallel lists: one value per key), or "" when <key> is not
# there.
function(_release_lookup out key keys_var values_var)
  set(value "")
  list(FIND ${keys_var} "${key}" at)
  if(at GREATER -1)
    list(GET ${values_var} ${at} value)
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# _release_split_env(<item> <var-out> <value-out>)
# Splits an ENV item VAR=value at its first '=' (the value may hold more).
function(_release_split_env item var_out value_out)
  string(FIND "${item}" "=" eq)
  string(SUBSTRING "${item}" 0 ${eq} var)
  math(EXPR eq "${eq} + 1")
  string(SUBSTRING "${item}" ${eq} -1 value)
  set(${var_out} "${var}" PARENT_SCOPE)
  set(${value_out} "${value}" PARENT_SCOPE)
endfunction()

# _release_is_elf(<out-var> <file>)
# TRUE when <file> starts with the ELF magic.
function(_release_is_elf out file)
  file(READ "${file}" magic LIMIT 4 HEX)
  if(magic STREQUAL "7f454c46")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# _release_first_property(<out-var> <target> <property>...)
# The value of the first <property> of <target> that is set and true (in the
# order given), or "" when none is: e.g. the file of an IMPORTED target, its
# callers giving the IMPORTED_LOCATION_* properties in their order.
function(_release_first_property out tgt)
  foreach(prop IN LISTS ARGN)
    get_target_property(value "${tgt}" ${prop})
    if(value)
      set(${out} "${value}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

# _release_write_if_different(<file> <content>)
# Writes <file> only when its content changes, so that build tools that look
# at timestamps (Ninja's restat) see an unchanged output as unchanged.
function(_release_write_if_different file content)
  if(EXISTS "${file}")
    file(READ "${file}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${file}.tmp" "${content}")
  file(RENAME "${file}.tmp" "${file}")
endfunction()

# _release_write_depfile(<depfile> <output> <dependency>...)
# Writes a Make-style depfile (what CMake's DEPFILE takes for both Ninja and
# Makefiles): <output> depends on every <dependency>. Rewritten only when it
# changes. With Ninja (the step's DEPFILE_ROOT is the top of the build tree)
# every path inside the build tree is written relative to it, as Ninja names
# its files: the steps' custom commands are declared with CMP0116 OLD
# (Release.cmake), so Ninja reads the depfile as written, expects its first
# output there, and knows a dependency that another step builds (a plugin,
# a library) only by that name. Makefiles (no DEPFILE_ROOT) take absolute paths.
function(_release_write_depfile depfile output)
  set(paths "${output}" ${ARGN})
  if(RELEASE_DEPFILE_ROOT)
    _release_depfile_paths(paths "${RELEASE_DEPFILE_ROOT}")
  endif()
  list(POP_FRONT paths output)
  string(REPLACE " " "\\ " content "${output}")
  string(APPEND content ":")
  foreach(dep IN LISTS paths)
    string(REPLACE " " "\\ " dep "${dep}")
    string(APPEND content " \\\n  ${dep}")
  endforeach()
  _release_write_if_different("${depfile}" "${content}\n")
endfunction()

# _release_depfile_paths(<list-var> <root>)
# The paths of <list-var> inside <root> made relative to it.
function(_release_depfile_paths list_var root)
  set(relative "")
  foreach(path IN LISTS ${list_var})
    file(RELATIVE_PATH rel "${root}" "${path}")
    if(NOT rel MATCHES "^\\.\\./")
      set(path "${rel}")
    endif()
    list(APPEND relative "${path}")
  endforeach()
  set(${list_var} "${relative}" PARENT_SCOPE)
endfunction()

# _release_job_depends(<dependency>...)
# For a step that runs in a job of several (_release_step_job): its
# dependencies, which the job writes into its one depfile at the end.
function(_release_job_depends)
  set_property(GLOBAL APPEND PROPERTY _RELEASE_JOB_DEPENDS ${ARGN})
endfunction()

# _release_write_job_depfile(<depfile> <root> <output>)
# The depfile of a build job (_release_step_job): <output> depends on every
# dependency its steps gave to _release_job_depends.
function(_release_write_job_depfile depfile root output)
  get_property(depends GLOBAL PROPERTY _RELEASE_JOB_DEPENDS)
  list(REMOVE_DUPLICATES depends)
  set(RELEASE_DEPFILE_ROOT "${root}")
  _release_write_depfile("${depfile}" "${output}" ${depends})
endfunction()

# _release_staged_identity(<out-var> <file>...)
# The identity of staged files without their ctime, which the swap's hard
# links into the release change (a staged file is never written in place:
# any new content comes with a new inode).
function(_release_staged_identity out)
  _release_file_identity(ids ${ARGN})
  _release_without_ctime(ids)
  set(${out} "${ids}" PARENT_SCOPE)
endfunction()

# _release_without_ctime(<list-var>)
# File identities (_release_file_identity) as staged identities: without
# their last field, the ctime.
macro(_release_without_ctime list_var)
  list(TRANSFORM ${list_var} REPLACE ":[0-9.]+$" "")
endmacro()

# _release_step_lock([<name>])
# Makes concurrent builds of one tree take turns in the steps that call it
# (held until the step's process ends): the second waits for the first.
# <name> is the lock, <work>/<name>.lock: steps (the default; resolve and
# stage) or render (render.cmake, which writes only rendered/, so that it
# runs beside resolve and stage); the steps written in C++ take these too
# (step_lock in loader/step.hpp).
# Without TIMEOUT: CMake then blocks in fcntl(F_SETLKW) and wakes the moment
# the lock is free; with one it polls once a second, which made every step
# that met another (render beside resolve, verify beside the SBOM) wait up to
# a second more in every build. A holder that dies releases the lock.
# Taken once per process: the steps of one job (_release_step_job) share it.
function(_release_step_lock)
  set(name steps)
  if(ARGC GREATER 0)
    set(name "${ARGV0}")
  endif()
  get_property(held GLOBAL PROPERTY _RELEASE_STEP_LOCKS_HELD)
  if(name IN_LIST held)
    return()
  endif()
  file(LOCK "${RELEASE_WORK_DIR}/${name}.lock" GUARD PROCESS RESULT_VARIABLE rc)
  if(NOT rc STREQUAL "0")
    _release_fail("cannot lock '${RELEASE_WORK_DIR}/${name}.lock' (${rc}). Fix: make the "
      "build directory writable, then build again.")
  endif()
  set_property(GLOBAL APPEND PROPERTY _RELEASE_STEP_LOCKS_HELD "${name}")
endfunction()

# _release_find_release(<found-var> <known-text-var> <release>)
# <found-var>: TRUE when add_release(<release>) was called before (the name
# is recorded and its target exists). <known-text-var>: the releases
# declared so far, joined by ", ", or "none" (for messages).
function(_release_find_release found_var known_var release)
  get_property(known GLOBAL PROPERTY RELEASE_NAMES)
  set(found FALSE)
  if(NOT release STREQUAL "" AND release IN_LIST known AND TARGET "release-${release}")
    set(found TRUE)
  endif()
  set(known_text "none")
  if(known)
    list(JOIN known ", " known_text)
  endif()
  set(${found_var} "${found}" PARENT_SCOPE)
  set(${known_var} "${known_text}" PARENT_SCOPE)
endfunction()

# _release_check_values_given(<fix>)
# Stops when the caller's cmake_parse_arguments(... arg ...) found keywords
# given without a value (arg_KEYWORDS_MISSING_VALUES), naming them; <fix> is
# the message's "Fix: ..." sentence.
function(_release_check_values_given fix)
  if(arg_KEYWORDS_MISSING_VALUES)
    list(JOIN arg_KEYWORDS_MISSING_VALUES " " missing)
    _release_fail("keyword(s) given without a value: ${missing}. ${fix}")
  endif()
endfunction()

# _release_fail(<message>...)
# Stops with the one wording of every error of cmake-release:
#   <function>: <what is wrong, naming the value>. Fix: <what to do>.
# <function> is _RELEASE_CALLER, which each public function sets first
# (add_release, then add_release(<name>) once the name is checked;
# add_container_image(<name>), add_oci_image(<name>)), so its helpers need not
# be told; a build-time step, which has none, names add_release(<RELEASE_NAME>)
# from its configuration. The message parts are joined as they are (a ';' in
# a value stays).
function(_release_fail)
  set(msg "")
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE ${last})
    string(APPEND msg "${ARGV${i}}")
  endforeach()
  if(DEFINED _RELEASE_CALLER)
    message(FATAL_ERROR "${_RELEASE_CALLER}: ${msg}")
  endif()
  message(FATAL_ERROR "add_release(${RELEASE_NAME}): ${msg}")
endfunction()

# _release_json_string(<out-var> <value>)
# <value> as a JSON string literal (quotes included).
function(_release_json_string out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  string(REPLACE "\n" "\\n" value "${value}")
  string(REPLACE "\t" "\\t" value "${value}")
  string(REPLACE "\r" "\\r" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()
