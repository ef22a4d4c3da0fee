# Build-time step 4 of add_release(): verify the staged release.
#
#   cmake -DRELEASE_CONFIG=<work>/config.cmake -P verify.cmake
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
#   finds each library it needs where its RUNPATH reaches (or leaves it to the
#   target system): the loader will load it.
# The headers are read with one call of the native helper for all files
# (symbol versions and extents only for files that changed since the last
# run). A
# missing or broken staged file is removed, and with it the stage step's
# stamp, so the next build stages it anew instead of trusting it. The highest
# GLIBC_x.y symbol version any file needs is recorded, for the glibc check of
# container images.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${RELEASE_CONFIG}")
include("${RELEASE_WORK_DIR}/closure.cmake")

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

_release_step_lock()
set(stage "${RELEASE_WORK_DIR}/stage")
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${stage}/*")
list(SORT staged)
# Three kinds of problem, each with its own fix: staged files missing or
# broken (removed here, so that the next build stages them anew), input files
# that cannot work on the target, and mistakes of cmake-release itself.
set(broken "")
set(foreign "")
set(ours "")
set(glibc "")

# Complete: the stage holds every program and library the closure names.
_release_verify_sources(source)
foreach(rel IN LISTS source)
  if(NOT EXISTS "${stage}/${rel}")
    string(APPEND broken "  ${rel}: missing (staged from ${source_${rel}})\n")
  endif()
endforeach()

# What a tool said of a file changes only when the file does: the GLIBC_
# versions and the extent of each staged file are kept (by modification time
# and size) from the last run, so that re-staging one program reads one file.
set(state_file "${RELEASE_WORK_DIR}/verify-state.cmake")
if(EXISTS "${state_file}")
  include("${state_file}")
endif()
_release_cache_changed(VERIFIED changed ${staged})
# A state file of an older cmake-release has no extents: read those again.
foreach(file IN LISTS staged)
  if(NOT DEFINED VERIFIED_EXTENT_${file})
    list(APPEND changed "${file}")
  endif()
endforeach()
list(REMOVE_DUPLICATES changed)
if(changed)
  # One helper call: the GLIBC_ versions each file needs, and how many bytes
  # its headers say it must have ("-" for a file that is not ELF).
  _release_readelf(ver "${RELEASE_READELF}" ${changed})
  set(k 0)
  foreach(file IN LISTS changed)
    set(VERIFIED_GLIBC_${file} "${ver_${k}_GLIBC}")
    set(extent "${ver_${k}_EXTENT}")
    if(extent STREQUAL "")
      set(extent "-")
    endif()
    set(VERIFIED_EXTENT_${file} "${extent}")
    math(EXPR k "${k} + 1")
  endforeach()
endif()

# Whole: every ELF file ends where its headers say. Those that do not are
# left out of the checks below.
set(remove "")
set(whole "")
foreach(file IN LISTS staged)
  file(RELATIVE_PATH rel "${stage}" "${file}")
  _release_staged_from(from "${source_${rel}}")
  file(SIZE "${file}" size)
  if(NOT VERIFIED_EXTENT_${file} MATCHES "^[0-9]+$")
    string(APPEND broken "  ${rel}: not a readable ELF file${from}\n")
    list(APPEND remove "${file}")
  elseif(VERIFIED_EXTENT_${file} GREATER size)
    string(APPEND broken "  ${rel}: cut short, ${size} of ${VERIFIED_EXTENT_${file}} bytes${from}\n")
    list(APPEND remove "${file}")
  else()
    list(APPEND whole "${file}")
  endif()
endforeach()

if(whole)
  _release_readelf(elf "${RELEASE_READELF}" ${whole})
  list(LENGTH whole n)
  math(EXPR last "${n} - 1")
  foreach(k RANGE ${last})
    list(GET whole ${k} file)
    file(RELATIVE_PATH rel "${stage}" "${file}")
    _release_staged_from(from "${source_${rel}}")
    if(NOT elf_${k}_ELF)
      string(APPEND broken "  ${rel}: not a readable ELF file${from}\n")
      list(APPEND remove "${file}")
      continue()
    endif()
    if(NOT elf_${k}_MACHINE STREQUAL RELEASE_MACHINE)
      string(APPEND foreign "  ${rel}: built for ${elf_${k}_MACHINE}, not ${RELEASE_MACHINE}${from}\n")
    endif()
    get_filename_component(origin "${file}" DIRECTORY)
    set(reach "")
    foreach(entry IN LISTS elf_${k}_RUNPATH elf_${k}_RPATH)
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
    if(NOT elf_${k}_RUNPATH AND rel MATCHES "^lib/")
      list(APPEND reach "${stage}/lib")
    endif()
    foreach(needed IN LISTS elf_${k}_NEEDED)
      set(left FALSE)
      if(needed MATCHES "${_RELEASE_GLIBC_REGEX}")
        set(left TRUE)
      endif()
      foreach(regex IN LISTS RELEASE_EXCLUDE)
        if(needed MATCHES "${regex}")
          set(left TRUE)
        endif()
      endforeach()
      if(left)
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
endif()

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

if(broken)
  # Never trusted again: the stage step copies and patches these anew.
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

_release_cache_write("${state_file}" VERIFIED "GLIBC;EXTENT" ${staged})

string(JOIN " " programs ${RELEASE_PROGRAMS})
string(JOIN " " libraries ${RELEASE_CLOSURE_NAMES})
string(CONCAT manifest
  "name=${RELEASE_NAME}\nversion=${RELEASE_VSN}\nmachine=${RELEASE_MACHINE}\n"
  "programs=${programs}\nlibraries=${libraries}\nglibc=${glibc}\n")
_release_hermetic_manifest(hermetic_line)   # "hermetic=..." for a HERMETIC release
string(APPEND manifest "${hermetic_line}")
_release_write_if_different("${RELEASE_WORK_DIR}/manifest.txt" "${manifest}")
file(TOUCH "${RELEASE_WORK_DIR}/verify.stamp")
