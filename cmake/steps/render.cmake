# Build-time step 3 of add_release(): render the control script and env hook.
#
#   cmake -P <work>/steps/render.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# In:  the call's arguments, templates/control.sh.in, the ENV_HOOK template.
# Out: <work>/rendered/bin/<name> (and bin/<program> of ENTRY_POINTS; the
#      native launcher kept for a sh release's probe in libexec/.cmake-release/,
#      a HERMETIC release's loader links in libexec/.cmake-release/loader/),
#      <work>/rendered/releases/<vsn>/env.sh,
#      <work>/render.stamp.
# The rendered control script and hook must parse (sh -n); a hook that does
# not stops the build with a message naming ENV_HOOK.
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseArgs.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseLauncher.cmake")

# _release_render_control(<out-file> <entry-point>): the control script, for
# bin/<name> (<entry-point> empty) or bin/<program> (ReleaseLauncher.cmake).
function(_release_render_control out RELEASE_ENTRY_POINT)
  configure_file("${RELEASE_TEMPLATE_DIR}/control.sh.in" "${out}"
    @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)
endfunction()

# _release_render_impl(NAME <release> VSN <vsn> WORK_DIR <dir> TEMPLATE_DIR <dir>
#   MAIN <program> PROGRAMS <program>... [ENV_HOOK <template>] [REQUIRED_ENV <var>...]
#   [ENV <VAR=value>...] [ARGS <arg>...] [HOOK_VALUES <VAR=value>...])
# HOOK_VALUES: the CMake variables the hook names (@VAR@), each with its value
# at the add_release() call.

# _release_render_check_sh(<rendered-dir>)
# The rendered shell scripts parse (`sh -n`, all at once: execute_process
# runs its COMMANDs together; one by one only to say which failed). Checked
# here, once per rendering, rather than in verify, which runs at every edit.
# The env hook is the user's (ENV_HOOK): its mistake is named as such. The
# control script quotes every value it takes, so its failure is a bug of ours.
function(_release_render_check_sh rendered)
  set(hook "releases/${RELEASE_VSN}/env.sh")
  set(scripts "${hook}")
  if(NOT RELEASE_LAUNCHER STREQUAL "native")
    list(APPEND scripts "bin/${RELEASE_NAME}")
  endif()
  set(commands "")
  foreach(script IN LISTS scripts)
    list(APPEND commands COMMAND sh -n "${rendered}/${script}")
  endforeach()
  execute_process(${commands} RESULTS_VARIABLE rcs OUTPUT_QUIET ERROR_QUIET)
  if(rcs MATCHES "^0(;0)*$")
    return()
  endif()
  foreach(script IN LISTS scripts)
    execute_process(COMMAND sh -n "${rendered}/${script}" RESULT_VARIABLE rc
      ERROR_VARIABLE err ERROR_STRIP_TRAILING_WHITESPACE)
    if(rc EQUAL 0)
      continue()
    endif()
    if(script STREQUAL hook AND RELEASE_ENV_HOOK)
      _release_fail("the ENV_HOOK '${RELEASE_ENV_HOOK}' is not valid sh once rendered "
        "(${script}): ${err}. Fix: correct the hook's syntax (POSIX sh, which the control "
        "script sources); check it with sh -n '${rendered}/${script}'.")
    endif()
    _release_fail("the rendered ${script} is not valid sh: ${err}. Fix: none on your side, "
      "this is a bug of cmake-release: please report it with this message.")
  endforeach()
endfunction()

function(_release_render_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;WORK_DIR;TEMPLATE_DIR;MAIN;ENV_HOOK;HERMETIC;PREFIX;INTERPRETER;GLIBC_DIR;LAUNCHER;LAUNCHER_FILE"
    "PROGRAMS;REQUIRED_ENV;ENV;ARGS;HOOK_VALUES;GCONV_FILES;ENTRY_POINTS;BEFORE_START")
  # Concurrent builds of one tree take turns (see _release_step_lock); its
  # own lock: it writes only rendered/, so it runs beside resolve and stage.
  _release_step_lock(render)

  set(rendered "${RELEASE_WORK_DIR}/rendered")
  file(REMOVE_RECURSE "${rendered}")
  # HERMETIC: libexec/.cmake-release/loader/<program> (ReleaseHermeticLinks.cmake).
  _release_hermetic_loader_links("${rendered}")

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
  set(RELEASE_LOADER_LINKS_DIR "${_RELEASE_LOADER_LINKS_DIR}")
  _release_args_words(RELEASE_ARGS_WORDS "${RELEASE_ARGS}")
  _release_before_start_sh(RELEASE_BEFORE_START_TASKS)

  # bin/<name>, ENTRY_POINTS' bin/<program> (ReleaseLauncher.cmake).
  _release_launcher_render("${rendered}")

  # The hook sees the CMake variables of the add_release() call that it names,
  # then the RELEASE_* ones above.
  foreach(item IN LISTS RELEASE_HOOK_VALUES)
    _release_split_env("${item}" var value)
    set("${var}" "${value}")
  endforeach()
  set(hook "${RELEASE_ENV_HOOK}")
  if(NOT hook)
    set(hook "${RELEASE_TEMPLATE_DIR}/env-empty.sh.in")
  endif()
  configure_file("${hook}" "${rendered}/releases/${RELEASE_VSN}/env.sh" @ONLY
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

  _release_hermetic_render("${rendered}")   # ReleaseHermetic.cmake: lib/gconv/gconv-modules
  _release_render_check_sh("${rendered}")
  file(TOUCH "${RELEASE_WORK_DIR}/render.stamp")
endfunction()
