# Build-time side of add_release_plugins() (cmake/ReleasePlugins.cmake),
# included by the resolve, stage and verify steps; defines functions only.
#
# In: <work>/plugins.cmake (kinds, destinations, FILES paths, written at
# configure time) and <work>/plugin-targets.cmake (the TARGETS entries'
# files, by file(GENERATE)). Plugins are roots of the closure, dlopen()ed by
# path by the main program; they are staged at <destination>/<file name>,
# byte-identical unless they come with a search path of their own, and
# every program gets the DT_RPATH $ORIGIN/../lib, which the loader searches
# for what a dlopen()ed object without DT_RUNPATH needs (docs/plugins.md).

# _release_plugins_read(<files-var> <rels-var> <config-var>)
# The plugins' files and their paths in the release, in the order given,
# and the two configuration files (for depfiles).
function(_release_plugins_read files_out rels_out config_out)
  set(RELEASE_PLUGIN_KINDS "")
  set(RELEASE_PLUGIN_DESTINATIONS "")
  set(RELEASE_PLUGIN_PATHS "")
  set(RELEASE_PLUGIN_TARGET_FILES "")
  set(config "${RELEASE_WORK_DIR}/plugins.cmake" "${RELEASE_WORK_DIR}/plugin-targets.cmake")
  foreach(file IN LISTS config)
    include("${file}")
  endforeach()
  set(files "")
  set(rels "")
  foreach(kind dest IN ZIP_LISTS RELEASE_PLUGIN_KINDS RELEASE_PLUGIN_DESTINATIONS)
    if(kind STREQUAL "TARGET")
      list(POP_FRONT RELEASE_PLUGIN_TARGET_FILES file)
    else()
      list(POP_FRONT RELEASE_PLUGIN_PATHS file)
    endif()
    get_filename_component(name "${file}" NAME)
    list(APPEND files "${file}")
    list(APPEND rels "${dest}/${name}")
  endforeach()
  set(${files_out} "${files}" PARENT_SCOPE)
  set(${rels_out} "${rels}" PARENT_SCOPE)
  set(${config_out} "${config}" PARENT_SCOPE)
endfunction()

# _release_plugins_stage_plan(<rels-var> <sources-var> <modes-var> <actions-var>)
# Adds the plugins to the stage's plan (see _release_stage_plan): each at its
# place, 0644, kept as it is or without its own search path; and gives every
# program the DT_RPATH $ORIGIN/../lib, which finds the plugins' closure.
function(_release_plugins_stage_plan rels_var sources_var modes_var actions_var)
  _release_plugins_read(files plugin_rels config)
  if(NOT files)
    return()
  endif()
  set(rels ${${rels_var}})
  set(sources ${${sources_var}})
  set(modes ${${modes_var}})
  set(actions ${${actions_var}})
  list(LENGTH RELEASE_PROGRAMS n_programs)
  set(planned "")
  foreach(action IN LISTS actions)
    if(n_programs GREATER 0)
      string(REGEX REPLACE "^(keep|remove)" "rpath" action "${action}")
      math(EXPR n_programs "${n_programs} - 1")
    endif()
    list(APPEND planned "${action}")
  endforeach()
  foreach(rel file has_path IN ZIP_LISTS plugin_rels files RELEASE_PLUGIN_HAS_SEARCH_PATH)
    list(FIND rels "${rel}" at)
    if(at GREATER_EQUAL 0)
      list(GET sources ${at} other)
      _release_fail("two files would be the release's '${rel}': '${other}' and the plugin "
        "'${file}' (add_release_plugins). Fix: give the plugin another file name "
        "(OUTPUT_NAME), or put it in another DESTINATION.")
    endif()
    list(APPEND rels "${rel}")
    list(APPEND sources "${file}")
    list(APPEND modes 644)
    _release_stage_action(action FALSE "${has_path}")   # steps/stage.cmake
    list(APPEND planned "${action}")
  endforeach()
  foreach(var rels sources modes)
    set(${${var}_var} "${${var}}" PARENT_SCOPE)
  endforeach()
  set(${actions_var} "${planned}" PARENT_SCOPE)
endfunction()
