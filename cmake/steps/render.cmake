# Build-time step 3 of add_release(): render the control script and env hook.
#
#   cmake -DRELEASE_CONFIG=<work>/config.cmake -P render.cmake
#
# In:  the configuration, templates/control.sh.in, the ENV_HOOK template.
# Out: <work>/rendered/bin/<name> (and bin/<program> of ENTRY_POINTS; the
#      native launcher kept for a sh release's probe in lib/cmake-release/),
#      <work>/rendered/releases/<vsn>/env.sh,
#      <work>/render.stamp.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseArgs.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseLauncher.cmake")
include("${RELEASE_CONFIG}")
# Concurrent builds of one tree take turns (see _release_step_lock).
_release_step_lock()

set(rendered "${RELEASE_WORK_DIR}/rendered")
file(REMOVE_RECURSE "${rendered}")

# Variables the control script template sees (docs/internals.md).
string(JOIN " " RELEASE_PROGRAMS ${RELEASE_PROGRAMS})
string(JOIN " " RELEASE_REQUIRED_ENV ${RELEASE_REQUIRED_ENV})
set(RELEASE_ENV_DEFAULTS "")
foreach(item IN LISTS RELEASE_ENV)
  _release_split_env("${item}" var value)
  _release_shell_quote(quoted "${value}")
  string(APPEND RELEASE_ENV_DEFAULTS
    "if [ -z \"\${${var}+set}\" ]; then ${var}=${quoted}; export ${var}; fi\n")
endforeach()
string(REGEX REPLACE "\n$" "" RELEASE_ENV_DEFAULTS "${RELEASE_ENV_DEFAULTS}")
set(RELEASE_VERSION "${RELEASE_VSN}")
_release_args_words(RELEASE_ARGS_WORDS "${RELEASE_ARGS}")

_release_before_start_sh(RELEASE_BEFORE_START_TASKS)

# _release_render_control(<out-file> <entry-point>): the control script, for
# bin/<name> (<entry-point> empty) or bin/<program> (ReleaseLauncher.cmake).
function(_release_render_control out RELEASE_ENTRY_POINT)
  configure_file("${RELEASE_TEMPLATE_DIR}/control.sh.in" "${out}"
    @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)
endfunction()
_release_launcher_render("${rendered}")

# The hook sees the CMake variables of the add_release() call that it names,
# then the RELEASE_* ones above.
foreach(var IN LISTS RELEASE_HOOK_VARIABLES)
  set("${var}" "${RELEASE_HOOK_VALUE_${var}}")
endforeach()
set(hook "${RELEASE_ENV_HOOK}")
if(NOT hook)
  set(hook "${RELEASE_TEMPLATE_DIR}/env-empty.sh.in")
endif()
configure_file("${hook}" "${rendered}/releases/${RELEASE_VSN}/env.sh" @ONLY
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

file(TOUCH "${RELEASE_WORK_DIR}/render.stamp")
