# Build-time step 2 of add_release(): stage and patch programs and libraries.
#
#   cmake -DRELEASE_CONFIG=<work>/config.cmake -P stage.cmake
#
# In:  the configuration and <work>/closure.cmake.
# Out: <work>/stage/{libexec,lib}/… (copies: the build tree's own files are
#      never modified), <work>/stage.stamp, and the depfile <work>/stage.d.
#
# A staged file is copied again only when its source changed since it was
# staged (the source is newer than the staged copy, or comes from another
# path), so a rebuild of one program re-stages one file. Each new copy is
# stripped (STRIP only), then gets its RUNPATH from patchelf — strip before
# patch, never after: stripping a patched file can break it.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${RELEASE_CONFIG}")
include("${RELEASE_WORK_DIR}/closure.cmake")

set(stage "${RELEASE_WORK_DIR}/stage")
set(state_file "${RELEASE_WORK_DIR}/stage-state.cmake")

# The settings that shape every staged file (the closure decides which files
# get a RUNPATH); when they change, start over.
string(SHA256 fingerprint
  "${RELEASE_STRIP}|${RELEASE_DEBUG_SYMBOLS}|${RELEASE_STRIP_TOOL}|${RELEASE_PATCHELF}|${RELEASE_PAGE_SIZE}|${RELEASE_CLOSURE_NAMES}|3")
set(STAGED_FINGERPRINT "")
if(EXISTS "${state_file}")
  include("${state_file}")
endif()
if(NOT STAGED_FINGERPRINT STREQUAL fingerprint)
  file(REMOVE_RECURSE "${stage}")
  set(STAGED_FILES "")
endif()
file(MAKE_DIRECTORY "${stage}/libexec" "${stage}/lib")

# Everything to stage: <relative path> and its source.
set(wanted "")
set(i 0)
foreach(file IN LISTS RELEASE_PROGRAM_FILES)
  list(GET RELEASE_PROGRAMS ${i} program)
  set(rel "libexec/${program}")
  list(APPEND wanted "${rel}")
  set(src_${rel} "${file}")
  set(kind_${rel} "program")
  math(EXPR i "${i} + 1")
endforeach()
foreach(name IN LISTS RELEASE_CLOSURE_NAMES)
  get_filename_component(base "${name}" NAME)
  set(rel "lib/${base}")
  list(APPEND wanted "${rel}")
  set(src_${rel} "${RELEASE_CLOSURE_SOURCE_${name}}")
  set(kind_${rel} "library")
endforeach()

# Drop staged files that left the release.
foreach(rel IN LISTS STAGED_FILES)
  if(NOT rel IN_LIST wanted)
    file(REMOVE "${stage}/${rel}")
  endif()
endforeach()

# Copy what is new or changed.
set(changed_programs "")
set(changed_libraries "")
set(all_changed "")
foreach(rel IN LISTS wanted)
  set(dst "${stage}/${rel}")
  set(src "${src_${rel}}")
  if(EXISTS "${dst}" AND "${STAGED_SOURCE_${rel}}" STREQUAL "${src}"
     AND NOT "${src}" IS_NEWER_THAN "${dst}")
    continue()
  endif()
  file(REMOVE "${dst}")
  # COPY_FILE follows symlinks: the release holds real files.
  file(COPY_FILE "${src}" "${dst}")
  if(kind_${rel} STREQUAL "program")
    file(CHMOD "${dst}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
      GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    list(APPEND changed_programs "${dst}")
  else()
    file(CHMOD "${dst}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    list(APPEND changed_libraries "${dst}")
  endif()
  list(APPEND all_changed "${dst}")
  set(STAGED_SOURCE_${rel} "${src}")
endforeach()

# _release_run(<what> <files-var> <command>...)
# Runs <command> followed by the files in <files-var>, split into as many
# batches as the machine has cores, all batches at once: execute_process runs
# its COMMANDs concurrently (as a pipeline, which patchelf and strip ignore:
# they read no input and print nothing on success). Patching is most of this
# step's time, and one patchelf per batch keeps process starts few.
function(_release_run what files_var)
  set(files ${${files_var}})
  list(LENGTH files n)
  cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  if(jobs GREATER n)
    set(jobs ${n})
  endif()
  if(jobs LESS 1)
    set(jobs 1)
  endif()
  set(commands "")
  math(EXPR last_batch "${jobs} - 1")
  foreach(b RANGE ${last_batch})
    set(batch "")
    set(i ${b})
    while(i LESS n)
      list(GET files ${i} file)
      list(APPEND batch "${file}")
      math(EXPR i "${i} + ${jobs}")
    endwhile()
    list(APPEND commands COMMAND ${ARGN} ${batch})
  endforeach()
  execute_process(${commands} RESULTS_VARIABLE rcs OUTPUT_VARIABLE out ERROR_VARIABLE out)
  foreach(rc IN LISTS rcs)
    if(NOT rc EQUAL 0)
      _release_fail("${what} failed (${rcs}):\n${out}")
    endif()
  endforeach()
endfunction()

# --- DEBUG_SYMBOLS SPLIT (cmake/ReleaseDebug.cmake): the debug information of
# each new file goes to the debug tree, and the file gets a .gnu_debuglink to
# it; the strip below keeps the link. Both come before patchelf.
if(all_changed AND RELEASE_DEBUG_SYMBOLS STREQUAL "SPLIT")
  include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseDebug.cmake")
  list(TRANSFORM wanted PREPEND "${stage}/" OUTPUT_VARIABLE staged_now)
  file(GLOB_RECURSE released LIST_DIRECTORIES false "${RELEASE_DIR}/lib/*" "${RELEASE_DIR}/libexec/*")
  _release_split_debug(DEBUG_DIR "${RELEASE_DEBUG_DIR}" OBJCOPY "${RELEASE_OBJCOPY}"
    READELF "${RELEASE_READELF}" FILES ${all_changed} KEEP ${staged_now} ${released})
endif()
# --- end of DEBUG_SYMBOLS SPLIT.
if(all_changed AND RELEASE_STRIP)
  _release_run("stripping" all_changed "${RELEASE_STRIP_TOOL}" --strip-unneeded)
endif()

# RUNPATH: a file gets one when it needs a bundled library (programs also
# when the release has LIBRARIES); a file that needs none loses any
# RUNPATH/RPATH it came with (such entries point outside the release).
# patchelf takes many files per call: one call per RUNPATH value.
set(page_size_args "")
if(RELEASE_PAGE_SIZE)
  set(page_size_args --page-size "${RELEASE_PAGE_SIZE}")
endif()
if(all_changed)
  _release_readelf(elf "${RELEASE_READELF}" ${all_changed})
  list(LENGTH all_changed n)
  math(EXPR last "${n} - 1")
  set(set_program "")
  set(set_library "")
  set(remove "")
  foreach(k RANGE ${last})
    list(GET all_changed ${k} dst)
    set(needs_bundled FALSE)
    foreach(needed IN LISTS elf_${k}_NEEDED)
      if(needed IN_LIST RELEASE_CLOSURE_NAMES)
        set(needs_bundled TRUE)
        break()
      endif()
    endforeach()
    # Programs of a release with LIBRARIES keep $ORIGIN/../lib even when
    # they need nothing bundled: they dlopen() those libraries by file name,
    # which searches the program's RUNPATH.
    if(RELEASE_LIBRARY_FILES AND dst IN_LIST changed_programs)
      set(needs_bundled TRUE)
    endif()
    if(needs_bundled)
      if(dst IN_LIST changed_programs)
        list(APPEND set_program "${dst}")
      else()
        list(APPEND set_library "${dst}")
      endif()
    elseif(elf_${k}_RUNPATH OR elf_${k}_RPATH)
      list(APPEND remove "${dst}")
    endif()
  endforeach()
  if(set_program)
    _release_run("patchelf --set-rpath" set_program "${RELEASE_PATCHELF}" ${page_size_args}
      --set-rpath "$ORIGIN/../lib")
  endif()
  if(set_library)
    _release_run("patchelf --set-rpath" set_library "${RELEASE_PATCHELF}" ${page_size_args}
      --set-rpath "$ORIGIN")
  endif()
  if(remove)
    _release_run("patchelf --remove-rpath" remove "${RELEASE_PATCHELF}" ${page_size_args}
      --remove-rpath)
  endif()
endif()

# Remember what was staged, then touch the stamp.
set(state "set(STAGED_FINGERPRINT [==[${fingerprint}]==])\nset(STAGED_FILES [==[${wanted}]==])\n")
foreach(rel IN LISTS wanted)
  string(APPEND state "set(STAGED_SOURCE_${rel} [==[${STAGED_SOURCE_${rel}}]==])\n")
endforeach()
file(WRITE "${state_file}" "${state}")

set(sources "")
foreach(rel IN LISTS wanted)
  list(APPEND sources "${src_${rel}}")
endforeach()
_release_write_depfile("${RELEASE_WORK_DIR}/stage.d" "${RELEASE_WORK_DIR}/stage.stamp" ${sources})
file(TOUCH "${RELEASE_WORK_DIR}/stage.stamp")
