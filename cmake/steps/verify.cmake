# Build-time step 4 of add_release(): verify the staged release.
#
#   cmake -P <work>/steps/verify.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# In:  <work>/stage (patched programs and libraries), <work>/rendered.
# Out: <work>/manifest.txt (what the release holds, without paths of the build
#      machine; copied to releases/<vsn>/manifest.txt) and <work>/verify.stamp.
#
# Verify proves the staged release before the swap puts it in place:
# - it is complete: every program of TARGETS is in libexec/ and every library
#   of the closure (LIBRARIES included) in lib/;
# - every ELF file is whole: no segment, section or header table reaches past
#   the end of the file (a copy or patchelf cut short by a full disk);
# - every ELF file parses, is built for the release's machine, has only
#   $ORIGIN-relative RUNPATH/RPATH entries that stay inside the release, and
#   finds each library it needs where its RUNPATH reaches, unless resolve
#   left that name to the target system (RELEASE_CLOSURE_LEFT: the one
#   decision, made by the helper): the loader will load it.
# The headers are read with one call of the native helper for all files
# (symbol versions and extents only for files that changed since the last
# run). A
# missing or broken staged file is removed, and with it the stage step's
# stamp, so the next build stages it anew instead of trusting it. The highest
# GLIBC_x.y symbol version any file needs is recorded, for the glibc check of
# container images.
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/plugins.cmake")

# _release_verify_sources(<out-prefix>)
# Sets <out-prefix>_<rel> to the source of each file the stage must hold
# (libexec/<program>, lib/<library>), and <out-prefix> to the list of <rel>.
function(_release_verify_sources prefix)
  set(rels "")
  foreach(program file IN ZIP_LISTS RELEASE_PROGRAMS RELEASE_PROGRAM_FILES)
    list(APPEND rels "libexec/${program}")
    set(${prefix}_libexec/${program} "${file}" PARENT_SCOPE)
  endforeach()
  foreach(name source IN ZIP_LISTS RELEASE_CLOSURE_NAMES RELEASE_CLOSURE_SOURCES)
    list(APPEND rels "lib/${name}")
    set(${prefix}_lib/${name} "${source}" PARENT_SCOPE)
  endforeach()
  foreach(rel source IN ZIP_LISTS plugin_rels plugin_files)
    list(APPEND rels "${rel}")
    set(${prefix}_${rel} "${source}" PARENT_SCOPE)
  endforeach()
  set(${prefix} "${rels}" PARENT_SCOPE)
endfunction()

# _release_staged_from(<out-var> <source>)
# " (staged from <source>)" for messages, or "" when the source is unknown.
function(_release_staged_from out source)
  set(text "")
  if(NOT source STREQUAL "")
    set(text " (staged from ${source})")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _release_verify_read()
# What the helper says of each file of `staged` (machine, DT_NEEDED,
# RUNPATH/RPATH, GLIBC_ versions, extent), as VERIFIED_<field>_<file> in the
# caller (a macro: the fields are the verify step's per-file state). They
# change only when the file does: kept by staged identity in
# <work>/verify-state.cmake, so that re-staging one program reads one file.
set(_RELEASE_VERIFY_FIELDS ELF MACHINE NEEDED RUNPATH RPATH GLIBC EXTENT)
macro(_release_verify_read)
  set(_state "${RELEASE_WORK_DIR}/verify-state.cmake")
  if(EXISTS "${_state}")
    include("${_state}")
  endif()
  _release_cache_changed(VERIFIED _changed ${staged})
  # A state file of an older cmake-release lacks fields: read those again.
  foreach(_file IN LISTS staged)
    if(NOT DEFINED VERIFIED_EXTENT_${_file} OR NOT DEFINED VERIFIED_MACHINE_${_file})
      list(APPEND _changed "${_file}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES _changed)
  set(_verify_state_changed FALSE)
  if(_changed OR NOT EXISTS "${_state}")
    set(_verify_state_changed TRUE)
  endif()
  # One helper call for every file that changed.
  _release_readelf(_elf "${RELEASE_READELF}" ${_changed})
  set(_k 0)
  foreach(_file IN LISTS _changed)
    foreach(_field IN LISTS _RELEASE_VERIFY_FIELDS)
      set(VERIFIED_${_field}_${_file} "${_elf_${_k}_${_field}}")
    endforeach()
    if(VERIFIED_EXTENT_${_file} STREQUAL "")
      set(VERIFIED_EXTENT_${_file} "-")
    endif()
    math(EXPR _k "${_k} + 1")
  endforeach()
endmacro()

# _release_verify_extents()
# Whole: every ELF file of `staged` ends where its headers say. Appends to
# `broken` and `remove` what does not, sets `whole` to the rest.
function(_release_verify_extents)
  set(whole "")
  foreach(file IN LISTS staged)
    file(RELATIVE_PATH rel "${stage}" "${file}")
    _release_staged_from(from "${source_${rel}}")
    file(SIZE "${file}" size)
    if(NOT VERIFIED_EXTENT_${file} MATCHES "^[0-9]+$" OR NOT VERIFIED_ELF_${file})
      string(APPEND broken "  ${rel}: not a readable ELF file${from}\n")
      list(APPEND remove "${file}")
    elseif(VERIFIED_EXTENT_${file} GREATER size)
      string(APPEND broken "  ${rel}: cut short, ${size} of ${VERIFIED_EXTENT_${file}} bytes${from}\n")
      list(APPEND remove "${file}")
    else()
      list(APPEND whole "${file}")
    endif()
  endforeach()
  return(PROPAGATE broken remove whole)
endfunction()

# _release_verify_search_path()
# Checks the RUNPATH/RPATH entries of `file` (relative path `rel`),
# appending to `ours`; sets `reach` to the directories of the stage they
# reach.
function(_release_verify_search_path)
  get_filename_component(origin "${file}" DIRECTORY)
  set(reach "")
  foreach(entry IN LISTS VERIFIED_RUNPATH_${file} VERIFIED_RPATH_${file})
    if(NOT entry MATCHES "^\\$(ORIGIN|{ORIGIN})(/|$)")
      string(APPEND ours "  ${rel}: RUNPATH/RPATH entry '${entry}' is not relative to $ORIGIN\n")
      continue()
    endif()
    _release_expand_origin(dir "${entry}" "${origin}")
    cmake_path(NORMAL_PATH dir)
    string(REGEX REPLACE "/$" "" dir "${dir}")
    cmake_path(IS_PREFIX stage "${dir}" NORMALIZE inside)
    if(NOT inside)
      string(APPEND ours "  ${rel}: RUNPATH/RPATH entry '${entry}' leads outside the release\n")
      continue()
    endif()
    list(APPEND reach "${dir}")
  endforeach()
  # A library without a DT_RUNPATH of its own is searched through the
  # DT_RPATH of the program that loads it, $ORIGIN/../lib (stage.cmake).
  if(NOT VERIFIED_RUNPATH_${file} AND (rel MATCHES "^lib/" OR rel IN_LIST plugin_rels))
    list(APPEND reach "${stage}/lib")
  endif()
  return(PROPAGATE ours reach)
endfunction()

# _release_verify_loadable()
# Each file of `whole` is built for the release's machine and finds what it
# needs. Appends to `foreign` and `ours`; sets `glibc` to the highest GLIBC_
# version any of them needs.
function(_release_verify_loadable)
  set(glibc "")
  foreach(file IN LISTS whole)
    file(RELATIVE_PATH rel "${stage}" "${file}")
    _release_staged_from(from "${source_${rel}}")
    if(NOT VERIFIED_MACHINE_${file} STREQUAL RELEASE_MACHINE)
      string(APPEND foreign "  ${rel}: built for ${VERIFIED_MACHINE_${file}}, not ${RELEASE_MACHINE}${from}\n")
    endif()
    _release_verify_search_path()
    foreach(needed IN LISTS VERIFIED_NEEDED_${file})
      if(needed IN_LIST RELEASE_CLOSURE_LEFT)
        continue()
      endif()
      set(found FALSE)
      foreach(dir IN LISTS reach)
        if(EXISTS "${dir}/${needed}")
          set(found TRUE)
          break()
        endif()
      endforeach()
      if(NOT found)
        string(APPEND ours "  ${rel}: needs '${needed}', which its RUNPATH does not reach in the release\n")
      endif()
    endforeach()
    set(file_glibc "${VERIFIED_GLIBC_${file}}")
    if(file_glibc AND (glibc STREQUAL "" OR file_glibc VERSION_GREATER glibc))
      set(glibc "${file_glibc}")
    endif()
  endforeach()
  return(PROPAGATE foreign ours glibc)
endfunction()

# _release_verify_fail()
# Stops with the problems found, each kind with its own fix: staged files
# missing or broken (removed here, with the stage step's stamp, so that the
# next build stages them anew), input files that cannot work on the target,
# and mistakes of cmake-release itself.
function(_release_verify_fail)
  if(broken)
    file(REMOVE ${remove} "${RELEASE_WORK_DIR}/stage.stamp")
    _release_fail("the staged release is incomplete or damaged (the previous release, "
      "if any, stays in place):\n${broken}"
      "Fix: build again (cmake --build <build-dir> --target release-${RELEASE_NAME}): the "
      "files above were removed from the stage and will be staged anew. If it fails "
      "again, the file it is staged from is itself damaged or the disk is full: rebuild "
      "or reinstall that file, or free space.")
  endif()
  if(foreign)
    _release_fail("the staged release holds files the target cannot load:\n${foreign}"
      "Fix: build or install those files for ${RELEASE_MACHINE}, or take them out of "
      "TARGETS and LIBRARIES.")
  endif()
  if(ours)
    _release_fail("the staged release failed verification:\n${ours}"
      "Fix: none on your side, this is a bug of cmake-release or patchelf: please "
      "report it with this message.")
  endif()
endfunction()

# _release_verify_impl(NAME <release> VSN <vsn> WORK_DIR <dir> LOADER <helper>
#   READELF <readelf> PROGRAMS <name>... PROGRAM_FILES <file>...)
function(_release_verify_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;WORK_DIR;LOADER;READELF;HERMETIC;PREFIX;INTERPRETER;LAUNCHER"
    "PROGRAMS;PROGRAM_FILES")
  _release_step_lock()
  include("${RELEASE_WORK_DIR}/closure.cmake")
  _release_plugins_read(plugin_files plugin_rels plugin_config)   # steps/plugins.cmake
  set(stage "${RELEASE_WORK_DIR}/stage")
  file(GLOB_RECURSE staged LIST_DIRECTORIES false "${stage}/*")
  list(SORT staged)
  set(broken "")
  set(remove "")
  set(foreign "")
  set(ours "")

  # Complete: the stage holds every program and library the closure names.
  _release_verify_sources(source)
  foreach(rel IN LISTS source)
    if(NOT EXISTS "${stage}/${rel}")
      string(APPEND broken "  ${rel}: missing (staged from ${source_${rel}})\n")
    endif()
  endforeach()
  _release_verify_read()
  _release_verify_extents()
  _release_verify_loadable()
  # The control script and the hook must at least parse.
  set(scripts "bin/${RELEASE_NAME}" "releases/${RELEASE_VSN}/env.sh")
  if(RELEASE_LAUNCHER STREQUAL "native")
    set(scripts "releases/${RELEASE_VSN}/env.sh")
  endif()
  foreach(script IN LISTS scripts)
    execute_process(COMMAND sh -n "${RELEASE_WORK_DIR}/rendered/${script}"
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      string(APPEND ours "  ${script}: not valid sh: ${err}\n")
    endif()
  endforeach()
  # HERMETIC: the loader links name the staged loader (ReleaseHermeticLinks.cmake).
  _release_hermetic_verify_links(link_faults "${RELEASE_WORK_DIR}/rendered" "${stage}")
  string(APPEND ours "${link_faults}")
  _release_verify_fail()
  if(_verify_state_changed)
    _release_cache_write("${_state}" VERIFIED "${_RELEASE_VERIFY_FIELDS}" ${staged})
  endif()

  string(JOIN " " programs ${RELEASE_PROGRAMS})
  string(JOIN " " libraries ${RELEASE_CLOSURE_NAMES})
  string(CONCAT manifest
    "name=${RELEASE_NAME}\nversion=${RELEASE_VSN}\nmachine=${RELEASE_MACHINE}\n"
    "programs=${programs}\nlibraries=${libraries}\nglibc=${glibc}\n")
  _release_hermetic_manifest(hermetic_line)   # "hermetic=..." for a HERMETIC release
  string(APPEND manifest "${hermetic_line}")
  _release_write_if_different("${RELEASE_WORK_DIR}/manifest.txt" "${manifest}")
  file(TOUCH "${RELEASE_WORK_DIR}/verify.stamp")
endfunction()
