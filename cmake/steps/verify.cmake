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
include("${CMAKE_CURRENT_LIST_DIR}/file-cache.cmake")

# _release_verify_sources()
# What the stage must hold: `source_rels` (libexec/<program>, lib/<library>,
# the plugins' paths) and, in the same order, `source_files` (what each is
# staged from).
function(_release_verify_sources)
  list(TRANSFORM RELEASE_PROGRAMS PREPEND "libexec/" OUTPUT_VARIABLE source_rels)
  list(TRANSFORM RELEASE_CLOSURE_NAMES PREPEND "lib/" OUTPUT_VARIABLE lib_rels)
  list(APPEND source_rels ${lib_rels} ${plugin_rels})
  set(source_files ${RELEASE_PROGRAM_FILES} ${RELEASE_CLOSURE_SOURCES} ${plugin_files})
  return(PROPAGATE source_rels source_files)
endfunction()

# _release_staged_from(<out-var> <rel>)
# " (staged from <source>)" for messages, or "" when the stage need not hold
# <rel> (`source_rels`, `source_files`: _release_verify_sources).
function(_release_staged_from out rel)
  set(text "")
  _release_lookup(source "${rel}" source_rels source_files)
  if(NOT source STREQUAL "")
    set(text " (staged from ${source})")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _release_verify_read()
# What the helper says of each file of `staged`: `records`, one ELF record
# per file in the same order (_release_readelf, _release_elf_fields). A
# record changes only when the file does: kept by staged identity in
# <work>/verify-state.txt (steps/file-cache.cmake), so that re-staging one
# program reads one file. Sets `state_keys` and `state_changed` for
# _release_file_cache_write, which runs once verification passed.
set(_RELEASE_VERIFY_STATE_FORMAT "cmake-release verify-state 2: release-loader elf records")
function(_release_verify_read)
  _release_file_cache_read(FILE "${RELEASE_WORK_DIR}/verify-state.txt"
    FORMAT "${_RELEASE_VERIFY_STATE_FORMAT}" READER _release_readelf
    KEYS state_keys VALUES records CHANGED state_changed FILES ${staged})
  return(PROPAGATE records state_keys state_changed)
endfunction()

# _release_verify_files()
# Each file of `staged` (its record in `records`, read once) is whole and,
# when it is, loadable. Appends to `broken`, `remove`, `foreign` and `ours`;
# sets `glibc` to the highest GLIBC_ version any of them needs.
function(_release_verify_files)
  set(glibc "")
  foreach(file record IN ZIP_LISTS staged records)
    file(RELATIVE_PATH rel "${stage}" "${file}")
    _release_staged_from(from "${rel}")
    _release_elf_fields("${record}")
    _release_verify_whole()
    if(whole)
      _release_verify_loadable()
    endif()
  endforeach()
  return(PROPAGATE broken remove foreign ours glibc)
endfunction()

# _release_verify_whole()
# Whole: the ELF file `file` (relative path `rel`, fields `elf_*`) ends where
# its headers say. Sets `whole`; appends to `broken` and `remove` when not.
function(_release_verify_whole)
  set(whole FALSE)
  file(SIZE "${file}" size)
  if(NOT elf_extent MATCHES "^[0-9]+$" OR NOT elf_elf)
    string(APPEND broken "  ${rel}: not a readable ELF file${from}\n")
    list(APPEND remove "${file}")
  elseif(elf_extent GREATER size)
    string(APPEND broken "  ${rel}: cut short, ${size} of ${elf_extent} bytes${from}\n")
    list(APPEND remove "${file}")
  else()
    set(whole TRUE)
  endif()
  return(PROPAGATE whole broken remove)
endfunction()

# _release_verify_search_path()
# Checks the RUNPATH/RPATH entries (`elf_runpath`, `elf_rpath`) of `file`
# (relative path `rel`), appending to `ours`; sets `reach` to the directories of the stage they
# reach.
function(_release_verify_search_path)
  get_filename_component(origin "${file}" DIRECTORY)
  set(reach "")
  foreach(entry IN LISTS elf_runpath elf_rpath)
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
  if(NOT elf_runpath AND (rel MATCHES "^lib/" OR rel IN_LIST plugin_rels))
    list(APPEND reach "${stage}/lib")
  endif()
  return(PROPAGATE ours reach)
endfunction()

# _release_verify_loadable()
# The whole ELF file `file` (relative path `rel`, fields `elf_*`) is built
# for the release's machine and finds what it needs. Appends to `foreign`
# and `ours`; raises `glibc` to the GLIBC_ version it needs.
function(_release_verify_loadable)
  if(NOT elf_machine STREQUAL RELEASE_MACHINE)
    string(APPEND foreign "  ${rel}: built for ${elf_machine}, not ${RELEASE_MACHINE}${from}\n")
  endif()
  _release_verify_search_path()
  foreach(needed IN LISTS elf_needed)
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
  if(elf_glibc AND (glibc STREQUAL "" OR elf_glibc VERSION_GREATER glibc))
    set(glibc "${elf_glibc}")
  endif()
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
#   PROGRAMS <name>... PROGRAM_FILES <file>...)
function(_release_verify_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;WORK_DIR;LOADER;HERMETIC;PREFIX;INTERPRETER"
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
  _release_verify_sources()
  foreach(rel source IN ZIP_LISTS source_rels source_files)
    if(NOT EXISTS "${stage}/${rel}")
      string(APPEND broken "  ${rel}: missing (staged from ${source})\n")
    endif()
  endforeach()
  _release_verify_read()
  _release_verify_files()
  # HERMETIC: the loader links name the staged loader (ReleaseHermeticLinks.cmake).
  _release_hermetic_verify_links(link_faults "${RELEASE_WORK_DIR}/rendered" "${stage}")
  string(APPEND ours "${link_faults}")
  _release_verify_fail()
  if(state_changed)
    _release_file_cache_write("${RELEASE_WORK_DIR}/verify-state.txt"
      "${_RELEASE_VERIFY_STATE_FORMAT}" staged state_keys records)
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
