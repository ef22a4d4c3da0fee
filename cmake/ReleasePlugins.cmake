#[=======================================================================[.rst:
ReleasePlugins
--------------

Plugins that a release's programs find by scanning a directory (ggml's
backends next to the executable, Qt's ``plugins/platforms/``, a server's
``modules/``). Included by ``Release``.

.. command:: add_release_plugins

  .. code-block:: cmake

    add_release_plugins(<release>
      DESTINATION <dir>
      [TARGETS <shared-or-module-target>...]
      [FILES <shared-object>...])

  Puts shared objects into ``<dir>`` inside the release ``<release>``
  (declared before by ``add_release()``), with their whole closure bundled in
  ``lib/`` (one copy, shared with the programs'). May be called several times
  for one release, with the same or other directories.

  ``DESTINATION``
    A directory relative to the release root, e.g. ``libexec`` (next to the
    programs) or ``lib/<app>/plugins/platforms``. Not absolute, no ``..``,
    letters, digits and ``._+-`` in each component, and not ``bin/``,
    ``releases/``, ``tmp/``, ``lib`` itself or the root (the release's own
    files; plugins for ``lib/`` itself are ``add_release(LIBRARIES)``).

  ``TARGETS``
    ``SHARED`` or ``MODULE`` library targets; they are built before the
    release and land under their file name (``$<TARGET_FILE_NAME>``).

  ``FILES``
    Paths of shared objects (relative ones to the calling source directory),
    checked at build time.

  A plugin is copied byte-identical (a plugin with a search path of its own
  loses it) and needs none: every program of a release with plugins gets the
  ``DT_RPATH`` ``$ORIGIN/../lib``, which glibc's loader also searches for the
  libraries a ``dlopen()``-ed object needs when that object has no
  ``DT_RUNPATH``, whoever calls ``dlopen()`` (see ``docs/plugins.md``).

  Recorded as properties of the target ``release-<release>`` (one element
  per plugin): ``RELEASE_PLUGINS_DESTINATIONS``, ``RELEASE_PLUGINS_KINDS``
  (``TARGET`` or ``FILE``), ``RELEASE_PLUGINS_SOURCES`` (target name or
  absolute path) and ``RELEASE_PLUGINS_NAMES`` (file name as known at the
  call). The build reads them from files written once the project is read.
#]=======================================================================]

# Functions remember the policies in force where they are defined.
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

# _release_plugins_destination(<out-var> <release> <dir>)
# <dir> normalised ("a/b", no "." components or trailing '/'), or an error.
function(_release_plugins_destination out release dir)
  string(CONCAT fix "Fix: give a directory inside the release, e.g. DESTINATION libexec or "
    "DESTINATION lib/${release}/plugins.")
  if(IS_ABSOLUTE "${dir}")
    _release_fail("DESTINATION '${dir}' is an absolute path: plugins go "
      "into a directory inside the release. ${fix}")
  endif()
  string(REPLACE "/" ";" parts "${dir}")
  set(kept "")
  foreach(part IN LISTS parts)
    if(part STREQUAL "" OR part STREQUAL ".")
      continue()
    elseif(part STREQUAL "..")
      _release_fail("DESTINATION '${dir}' has a '..' component, which "
        "could lead out of the release. ${fix}")
    elseif(NOT part MATCHES "^[A-Za-z0-9._+-]+$")
      _release_fail("DESTINATION '${dir}' has characters that are unsafe "
        "in a path ('${part}'). Fix: use letters, digits and '._+-' in each component.")
    endif()
    list(APPEND kept "${part}")
  endforeach()
  list(JOIN kept "/" norm)
  set(why "")
  if(norm STREQUAL "")
    set(why "it is the release root")
  elseif(kept MATCHES "^(bin|releases|tmp)(;|$)")
    set(why "${CMAKE_MATCH_1}/ holds the release's control files (bin/ the control "
      "program, releases/ the env hook and manifest, tmp/ a daemon's pid file and log)")
  elseif(norm STREQUAL "lib")
    set(why "lib/ itself holds the bundled closure (plugins loaded from lib/ by bare name "
      "are add_release(${release} ... LIBRARIES ...))")
  endif()
  if(NOT why STREQUAL "")
    string(JOIN "" why ${why})
    _release_fail("DESTINATION '${dir}' clashes with the release's own "
      "files: ${why}. ${fix}")
  endif()
  set(${out} "${norm}" PARENT_SCOPE)
endfunction()

# _release_plugins_target_name(<out-var> <target> <type>)
# The file name a library target produces, as far as its properties tell at
# this point (the build takes $<TARGET_FILE_NAME>; the stage step checks
# names again).
function(_release_plugins_target_name out tgt type)
  set(kind SHARED_LIBRARY)
  if(type STREQUAL "MODULE_LIBRARY")
    set(kind SHARED_MODULE)
  endif()
  _release_first_property(name "${tgt}" LIBRARY_OUTPUT_NAME OUTPUT_NAME)
  if(name STREQUAL "")
    set(name "${tgt}")
  endif()
  foreach(part PREFIX SUFFIX)
    get_target_property(${part} "${tgt}" ${part})
    if(NOT ${part} AND NOT ${part} STREQUAL "")
      set(${part} "${CMAKE_${kind}_${part}}")
    endif()
  endforeach()
  get_target_property(version "${tgt}" VERSION)
  set(name "${PREFIX}${name}${SUFFIX}")
  if(version AND kind STREQUAL "SHARED_LIBRARY")
    string(APPEND name ".${version}")
  endif()
  set(${out} "${name}" PARENT_SCOPE)
endfunction()

# _release_plugins_imported(<out-var> <target>)
# The file of an IMPORTED library for this build type, or "" when it names
# none (then $<TARGET_FILE> is asked at generate time).
function(_release_plugins_imported out tgt)
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  _release_first_property(location "${tgt}" IMPORTED_LOCATION_${config} IMPORTED_LOCATION
    IMPORTED_LOCATION_RELEASE IMPORTED_LOCATION_NOCONFIG)
  set(${out} "${location}" PARENT_SCOPE)
endfunction()

# _release_plugins_entries(<release> <dest> <kinds> <sources> <names> TARGETS <t>... FILES <f>...)
# Checks the entries of one call and sets <kinds>, <sources>, <names>.
function(_release_plugins_entries release dest kinds_out sources_out names_out)
  cmake_parse_arguments(PARSE_ARGV 5 arg "" "" "TARGETS;FILES")
  set(kinds "")
  set(sources "")
  set(names "")
  foreach(tgt IN LISTS arg_TARGETS)
    if(NOT TARGET "${tgt}")
      _release_fail("'${tgt}' given in TARGETS is not a target. Fix: "
        "declare the SHARED or MODULE library before this call (a keyword of "
        "add_release_plugins() is DESTINATION, TARGETS or FILES), or give a file with FILES.")
    endif()
    get_target_property(type "${tgt}" TYPE)
    if(NOT type MATCHES "^(SHARED_LIBRARY|MODULE_LIBRARY)$")
      _release_fail("'${tgt}' given in TARGETS is a ${type}, not a "
        "shared library or module. Fix: list SHARED or MODULE library targets "
        "(add_library(${tgt} MODULE ...)).")
    endif()
    get_target_property(aliased "${tgt}" ALIASED_TARGET)
    if(aliased)
      set(tgt "${aliased}")
    endif()
    get_target_property(imported "${tgt}" IMPORTED)
    set(location "")
    if(imported)
      _release_plugins_imported(location "${tgt}")
    endif()
    if(location)
      list(APPEND kinds FILE)
      list(APPEND sources "${location}")
      get_filename_component(name "${location}" NAME)
    else()
      list(APPEND kinds TARGET)
      list(APPEND sources "${tgt}")
      _release_plugins_target_name(name "${tgt}" "${type}")
    endif()
    list(APPEND names "${name}")
  endforeach()
  foreach(file IN LISTS arg_FILES)
    cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    get_filename_component(name "${file}" NAME)
    list(APPEND kinds FILE)
    list(APPEND sources "${file}")
    list(APPEND names "${name}")
  endforeach()
  set(${kinds_out} "${kinds}" PARENT_SCOPE)
  set(${sources_out} "${sources}" PARENT_SCOPE)
  set(${names_out} "${names}" PARENT_SCOPE)
endfunction()

# _release_plugins_check_names(<release> <dest> <sources> <names>)
# Two plugins with one name in one directory: one would replace the other.
function(_release_plugins_check_names release dest sources names)
  set(tgt "release-${release}")
  get_target_property(old_dests "${tgt}" RELEASE_PLUGINS_DESTINATIONS)
  get_target_property(old_sources "${tgt}" RELEASE_PLUGINS_SOURCES)
  get_target_property(old_names "${tgt}" RELEASE_PLUGINS_NAMES)
  set(seen_rels "")
  set(seen_sources "")
  if(old_dests)
    foreach(d s n IN ZIP_LISTS old_dests old_sources old_names)
      list(APPEND seen_rels "${d}/${n}")
      list(APPEND seen_sources "${s}")
    endforeach()
  endif()
  foreach(s n IN ZIP_LISTS sources names)
    list(FIND seen_rels "${dest}/${n}" at)
    if(at GREATER_EQUAL 0)
      list(GET seen_sources ${at} other)
      _release_fail("two plugins are named '${n}' in DESTINATION "
        "'${dest}': '${other}' and '${s}'. Fix: give one of them another file name "
        "(OUTPUT_NAME), or put it in another DESTINATION.")
    endif()
    list(APPEND seen_rels "${dest}/${n}")
    list(APPEND seen_sources "${s}")
  endforeach()
endfunction()

function(add_release_plugins release)
  # Its helpers' errors name this call (_release_fail).
  set(_RELEASE_CALLER "add_release_plugins(${release})")
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "DESTINATION" "TARGETS;FILES")
  _release_find_release(found known "${release}")
  if(NOT found)
    _release_fail("no release named '${release}' was declared. Fix: "
      "call add_release(${release} TARGETS ...) first, or name one of the project's "
      "releases (${known}).")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unparsed)
    _release_fail("unknown arguments: ${unparsed}. Fix: use "
      "only the keywords DESTINATION, TARGETS and FILES.")
  endif()
  if(NOT DEFINED arg_DESTINATION)
    _release_fail("no DESTINATION given. Fix: name the directory inside "
      "the release the program loads its plugins from, e.g. DESTINATION libexec.")
  endif()
  if(NOT arg_TARGETS AND NOT arg_FILES)
    _release_fail("no TARGETS or FILES given. Fix: name the plugins' "
      "library targets (TARGETS) or shared objects (FILES).")
  endif()
  _release_plugins_destination(dest "${release}" "${arg_DESTINATION}")
  _release_plugins_entries("${release}" "${dest}" kinds sources names
    TARGETS ${arg_TARGETS} FILES ${arg_FILES})
  _release_plugins_check_names("${release}" "${dest}" "${sources}" "${names}")

  set(tgt "release-${release}")
  foreach(n IN LISTS names)
    set_property(TARGET "${tgt}" APPEND PROPERTY RELEASE_PLUGINS_DESTINATIONS "${dest}")
  endforeach()
  set_property(TARGET "${tgt}" APPEND PROPERTY RELEASE_PLUGINS_KINDS ${kinds})
  set_property(TARGET "${tgt}" APPEND PROPERTY RELEASE_PLUGINS_SOURCES ${sources})
  set_property(TARGET "${tgt}" APPEND PROPERTY RELEASE_PLUGINS_NAMES ${names})
  # The targets to build first: those whose file the build asks for.
  foreach(kind source IN ZIP_LISTS kinds sources)
    if(kind STREQUAL "TARGET")
      add_dependencies("${tgt}" "${source}")
    endif()
  endforeach()
endfunction()

# _release_plugins_declare(<release>)
# Called by add_release(): once the whole project is read (calls of
# add_release_plugins() come later, from any directory), writes what the
# build reads (_release_plugins_write).
function(_release_plugins_declare release)
  # A deferred call's arguments are expanded when it runs: pass the value.
  _release_bracket(q_release "${release}")
  _release_bracket(q_dir "${CMAKE_SOURCE_DIR}")
  cmake_language(EVAL CODE
    "cmake_language(DEFER DIRECTORY ${q_dir} CALL _release_plugins_write ${q_release})")
endfunction()

# _release_plugins_write(<release>)
# <work>/plugins.cmake, written at configure time (only when it changes):
# each plugin's kind, destination and, for FILES, its path — user strings,
# never evaluated as generator expressions; <work>/plugin-targets.cmake, by
# file(GENERATE): the files of the TARGETS entries, $<TARGET_FILE:...> only.
# Both are written for every release, so dropping the last call empties them.
function(_release_plugins_write release)
  set(tgt "release-${release}")
  get_target_property(work "${tgt}" RELEASE_WORK_DIR)
  set(lists "")
  foreach(prop DESTINATIONS KINDS SOURCES)
    get_target_property(${prop} "${tgt}" RELEASE_PLUGINS_${prop})
    if(NOT ${prop})
      set(${prop} "")
    endif()
  endforeach()
  set(target_files "")
  set(paths "")
  foreach(kind source IN ZIP_LISTS KINDS SOURCES)
    if(kind STREQUAL "TARGET")
      list(APPEND target_files "$<TARGET_FILE:${source}>")
    else()
      list(APPEND paths "${source}")
    endif()
  endforeach()
  file(GENERATE OUTPUT "${work}/plugin-targets.cmake"
    CONTENT "set(RELEASE_PLUGIN_TARGET_FILES [==[${target_files}]==])\n")
  set(content "# Generated by add_release_plugins(${release}); read by cmake/steps/plugins.cmake.\n")
  foreach(pair "RELEASE_PLUGIN_KINDS;${KINDS}" "RELEASE_PLUGIN_DESTINATIONS;${DESTINATIONS}")
    list(POP_FRONT pair key)
    _release_bracket(value "${pair}")
    string(APPEND content "set(${key} ${value})\n")
  endforeach()
  _release_bracket(value "${paths}")
  string(APPEND content "set(RELEASE_PLUGIN_PATHS ${value})\n")
  _release_write_if_different("${work}/plugins.cmake" "${content}")
endfunction()

cmake_policy(POP)
