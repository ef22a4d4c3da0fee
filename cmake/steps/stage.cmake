# Build-time step 2 of add_release(): stage programs and libraries.
#
#   cmake -P <work>/steps/stage.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# In:  the call's arguments and <work>/closure.cmake.
# Out: <work>/stage/{libexec,lib}/… (copies: the build tree's own files are
#      never modified), <work>/stage-state.cmake and <work>/stage.stamp; its
#      dependencies go into the depfile of its job, <work>/resolve-stage.d
#      (_release_job_depends).
#
# Touch only what must change ("bundled libraries win", docs/add_release.md):
# a program that needs a bundled library gets the DT_RPATH $ORIGIN/../lib,
# which the loader searches before LD_LIBRARY_PATH for the program and for
# every library it loads that has no DT_RUNPATH; a library that comes with a
# DT_RPATH or DT_RUNPATH of its own loses it (its entries point outside the
# release, and a DT_RUNPATH would let LD_LIBRARY_PATH in); every other file
# is a byte-identical copy.
#
# Crash-safe: each file is copied (copy_file_range), stripped and patched as
# <file>.part and renamed into place only when complete; the record of what
# is staged (stage-state.cmake: per file its source, the source's identity,
# what was done to it, and the staged file's identity) is written after the
# files. A file whose record does not match exactly is staged again, so an
# interrupted or failed run is redone, never trusted, and a source replaced
# with its old mtime (dpkg) is noticed by its identity.
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/plugins.cmake")

# _release_stage_action(<out-var> <rpath> <has-path>)
# The action of the stage plan for one file: "rpath" when <rpath> is true,
# else "remove" when it has a search path of its own (<has-path>), else
# "keep"; with ",strip" when STRIP is on.
function(_release_stage_action out rpath has_path)
  set(action keep)
  if(rpath)
    set(action rpath)
  elseif(has_path)
    set(action remove)
  endif()
  if(RELEASE_STRIP)
    string(APPEND action ",strip")
  endif()
  set(${out} "${action}" PARENT_SCOPE)
endfunction()

# _release_stage_plan(<rels> <sources> <modes> <actions>)
# Every file of the staging tree (relative path), its source, its mode and
# what is done to it: "rpath" (set DT_RPATH $ORIGIN/../lib), "remove" (drop
# its DT_RPATH/DT_RUNPATH) or "keep"; with ",strip" when STRIP is on.
function(_release_stage_plan rels_out sources_out modes_out actions_out)
  set(rels "")
  set(modes "")
  set(actions "")
  foreach(program file needs has_path IN ZIP_LISTS RELEASE_PROGRAMS RELEASE_PROGRAM_FILES
          RELEASE_PROGRAM_NEEDS_BUNDLED RELEASE_PROGRAM_HAS_SEARCH_PATH)
    list(APPEND rels "libexec/${program}")
    list(APPEND modes 755)
    # Programs of a release with LIBRARIES dlopen() them by file name, which
    # searches the program's DT_RPATH: they get it even when they need
    # nothing bundled.
    set(rpath FALSE)
    if(needs OR RELEASE_LIBRARY_FILES)
      set(rpath TRUE)
    endif()
    _release_stage_action(action ${rpath} "${has_path}")
    list(APPEND actions "${action}")
  endforeach()
  foreach(name has_path IN ZIP_LISTS RELEASE_CLOSURE_NAMES RELEASE_CLOSURE_HAS_SEARCH_PATH)
    list(APPEND rels "lib/${name}")
    _release_hermetic_library_mode(mode "${name}")   # 755 for the bundled loader, else 644
    list(APPEND modes ${mode})
    _release_stage_action(action FALSE "${has_path}")
    list(APPEND actions "${action}")
  endforeach()
  set(${rels_out} "${rels}" PARENT_SCOPE)
  set(sources ${RELEASE_PROGRAM_FILES} ${RELEASE_CLOSURE_SOURCES})
  set(${sources_out} "${sources}" PARENT_SCOPE)
  set(${modes_out} "${modes}" PARENT_SCOPE)
  set(${actions_out} "${actions}" PARENT_SCOPE)
endfunction()

# _release_stage_batches(<commands-var> <what> <parts-var> <command>...)
# Appends to <commands-var> <command> followed by the files in <parts-var>,
# split into as many batches as the machine has cores: "WHAT <what>
# COMMAND <command> <files>" per batch, for _release_stage_run.
function(_release_stage_batches commands_var what parts_var)
  set(files ${${parts_var}})
  list(LENGTH files n)
  cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  if(jobs GREATER n)
    set(jobs ${n})
  endif()
  set(commands ${${commands_var}})
  math(EXPR last_batch "${jobs} - 1")
  foreach(b RANGE ${last_batch})
    set(batch "")
    foreach(i RANGE ${b} ${n} ${jobs})
      if(i LESS n)
        list(GET files ${i} file)
        list(APPEND batch "${file}")
      endif()
    endforeach()
    list(APPEND commands WHAT "${what}" COMMAND ${ARGN} ${batch})
  endforeach()
  set(${commands_var} "${commands}" PARENT_SCOPE)
endfunction()

# _release_stage_run(<commands-var>)
# Runs every "WHAT <what> COMMAND <command>..." of <commands-var> at once:
# execute_process runs its COMMANDs concurrently (as a pipeline, which
# patchelf, strip and the helper's copy ignore: they read no input and print
# nothing on success). On a failure, removes every part and stops, naming
# the first command that failed: nothing staged before was touched.
function(_release_stage_run commands_var)
  set(words ${${commands_var}})   # before the names below hide the caller's
  set(commands "")
  set(whats "")
  set(take_what FALSE)
  foreach(word IN LISTS words)
    if(take_what)
      list(APPEND whats "${word}")
      set(take_what FALSE)
    elseif(word STREQUAL "WHAT")
      set(take_what TRUE)
    else()
      list(APPEND commands "${word}")
    endif()
  endforeach()
  if(NOT commands)
    return()
  endif()
  execute_process(${commands} RESULTS_VARIABLE rcs OUTPUT_VARIABLE out ERROR_VARIABLE out)
  foreach(rc what IN ZIP_LISTS rcs whats)
    if(rc STREQUAL "0")
      continue()
    endif()
    file(REMOVE ${STAGE_PARTS})
    string(STRIP "${out}" out)
    if(what STREQUAL "copy")
      # The helper's message names the file and the reason.
      _release_fail("staging failed: ${out}. Nothing staged before was changed and the "
        "release was left as it was. Fix: correct the cause (a full disk: free space on the "
        "file system of ${RELEASE_WORK_DIR}), then build again.")
    endif()
    _release_fail("${what} failed (exit status ${rc}):\n${out}\nNothing staged before was "
      "changed and the release was left as it was. Fix: correct what the message above says "
      "(a full disk: free space), then build again.")
  endforeach()
endfunction()

# _release_stage_strip(<parts-var>)
# STRIP: strips the parts in <parts-var> before they are patched (stripping
# a patched file can break it).
function(_release_stage_strip parts_var)
  if(${parts_var})
    set(commands "")
    _release_stage_batches(commands "stripping" ${parts_var}
      "${RELEASE_STRIP_TOOL}" --strip-unneeded)
    _release_stage_run(commands)
  endif()
endfunction()

# _release_stage_patch(<parts-var> <actions-var> <commands-var>)
# Gives each part its search path by its action, one patchelf per action
# and batch: the first patchelf of each part runs with the commands in
# <commands-var> (the hashed copies, so that it costs no time of its own).
function(_release_stage_patch parts_var actions_var commands_var)
  set(page_size_args "")
  if(RELEASE_PAGE_SIZE)
    set(page_size_args --page-size "${RELEASE_PAGE_SIZE}")
  endif()
  set(rpath "")
  set(remove "")
  foreach(part action IN ZIP_LISTS ${parts_var} ${actions_var})
    if(action MATCHES "^rpath")
      list(APPEND rpath "${part}")
    elseif(action MATCHES "^remove")
      list(APPEND remove "${part}")
    endif()
  endforeach()
  set(first ${${commands_var}})
  if(rpath)
    # --force-rpath writes DT_RPATH (a DT_RUNPATH the program had becomes one).
    _release_hermetic_patchelf_args(interpreter_args)   # HERMETIC: PT_INTERP at PREFIX
    _release_stage_batches(first "patchelf --force-rpath --set-rpath" rpath "${RELEASE_PATCHELF}"
      ${page_size_args} ${interpreter_args} --force-rpath --set-rpath "$ORIGIN/../lib")
  endif()
  set(then "")
  if(remove)
    # --remove-rpath drops the entry but leaves its string (a path of the
    # build machine) in .dynstr; a shorter value set first overwrites it in
    # place (patchelf zeroes the old string).
    _release_stage_batches(first "patchelf --set-rpath" remove "${RELEASE_PATCHELF}"
      ${page_size_args} --set-rpath "$ORIGIN")
    _release_stage_batches(then "patchelf --remove-rpath" remove "${RELEASE_PATCHELF}"
      ${page_size_args} --remove-rpath)
  endif()
  _release_stage_run(first)
  _release_stage_run(then)
endfunction()

# _release_stage_copies(<commands-var> <copies-var> [HASHES])
# Appends to <commands-var> one helper call copying, whole, each
# <mode>;<src>;<part> of <copies-var>; with HASHES the parts are renamed
# into place unchanged, and their hashes are recorded for the SBOM step
# (release-loader copy --hashes).
function(_release_stage_copies commands_var copies_var)
  if(NOT ${copies_var})
    return()
  endif()
  set(hashes "")
  if(ARGN STREQUAL "HASHES")
    set(hashes --hashes "${RELEASE_WORK_DIR}/sbom-hashes.txt")
  endif()
  set(commands ${${commands_var}}
    WHAT copy COMMAND "${RELEASE_LOADER}" copy ${hashes} ${${copies_var}})
  set(${commands_var} "${commands}" PARENT_SCOPE)
endfunction()

# _release_stage_split_debug(<parts-var> <sources-var> <dsts-var>)
# DEBUG_SYMBOLS SPLIT (cmake/ReleaseDebug.cmake): the debug information of
# each part goes to the debug tree and the part gets a .gnu_debuglink to it —
# before the strip, which keeps the link, and before patchelf. The debug
# files of what is staged or released now are kept, the others pruned.
function(_release_stage_split_debug parts_var sources_var dsts_var)
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../ReleaseDebug.cmake")
  set(keep "")
  foreach(dst IN LISTS ${dsts_var})
    if(EXISTS "${dst}")
      list(APPEND keep "${dst}")
    endif()
  endforeach()
  file(GLOB_RECURSE released LIST_DIRECTORIES false "${RELEASE_DIR}/lib/*" "${RELEASE_DIR}/libexec/*")
  _release_split_debug(DEBUG_DIR "${RELEASE_DEBUG_DIR}" OBJCOPY "${RELEASE_OBJCOPY}"
    READELF "${RELEASE_READELF}" FILES ${${parts_var}} SOURCES ${${sources_var}}
    KEEP ${keep} ${released})
endfunction()

# _release_stage_impl(NAME <release> WORK_DIR <dir> DIR <release-dir> LOADER <helper>
#   PROGRAMS <name>... PROGRAM_FILES <file>... [LIBRARY_FILES <file>...]
#   [STRIP ON] [STRIP_TOOL <strip>] [DEBUG_SYMBOLS <KEEP|SPLIT>] [DEBUG_DIR <dir>]
#   [OBJCOPY <objcopy>] READELF <readelf> PATCHELF <patchelf> [PAGE_SIZE <bytes>])
function(_release_stage_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE ""
    "NAME;WORK_DIR;DIR;LOADER;STRIP;STRIP_TOOL;DEBUG_SYMBOLS;DEBUG_DIR;OBJCOPY;READELF;PATCHELF;PAGE_SIZE;HERMETIC;PREFIX;INTERPRETER;GLIBC_DIR"
    "PROGRAMS;PROGRAM_FILES;LIBRARY_FILES;GCONV_FILES")
  # Concurrent builds of one tree take turns (see _release_step_lock).
  _release_step_lock()
  include("${RELEASE_WORK_DIR}/closure.cmake")
  _release_hermetic_check_closure()   # ReleaseHermetic.cmake: one glibc build
  set(stage "${RELEASE_WORK_DIR}/stage")
  _release_hermetic_stage_gconv("${stage}")   # GCONV_MODULES into lib/gconv/
  set(state_file "${RELEASE_WORK_DIR}/stage-state.cmake")
  _release_stage_plan(rels sources modes actions)
  _release_plugins_stage_plan(rels sources modes actions)   # steps/plugins.cmake
  set(STAGED_RELS "")
  set(STAGED_RECORDS "")
  if(EXISTS "${state_file}")
    include("${state_file}")
  endif()
  # Leftovers of an interrupted run, and files that left the release.
  file(GLOB_RECURSE parts LIST_DIRECTORIES false "${stage}/*.part")
  if(parts)
    file(REMOVE ${parts})
  endif()
  foreach(rel IN LISTS STAGED_RELS)
    if(NOT rel IN_LIST rels)
      file(REMOVE "${stage}/${rel}")
    endif()
  endforeach()

  set(tools "${RELEASE_PATCHELF}|${RELEASE_PAGE_SIZE}|${RELEASE_STRIP_TOOL}|${RELEASE_DEBUG_SYMBOLS}")
  string(APPEND tools "|${RELEASE_HERMETIC}|${RELEASE_PREFIX}|${RELEASE_INTERPRETER}")
  list(TRANSFORM rels PREPEND "${stage}/" OUTPUT_VARIABLE dsts)
  # One helper call for both lists: the sources' identities, then the
  # staged files' (without ctime: _release_staged_identity).
  _release_file_identity(ids ${sources} ${dsts})
  list(LENGTH sources n)
  list(SUBLIST ids 0 ${n} source_ids)
  list(SUBLIST ids ${n} -1 staged_ids)
  _release_without_ctime(staged_ids)
  set(wanted_records "")
  set(todo_parts "")
  set(todo_sources "")
  set(todo_actions "")
  set(copies "")          # <mode>;<src>;<part> of each part to be changed
  set(hashed_copies "")   # and of each renamed into place unchanged
  foreach(rel dst src src_id staged_id mode action IN ZIP_LISTS
          rels dsts sources source_ids staged_ids modes actions)
    set(record "${src}|${src_id}|${mode}|${action}|${tools}")
    list(APPEND wanted_records "${record}")
    list(FIND STAGED_RELS "${rel}" at)
    if(at GREATER_EQUAL 0)
      list(GET STAGED_RECORDS ${at} old)
      if(old STREQUAL "${record}|${staged_id}")
        continue()
      endif()
    endif()
    get_filename_component(dir "${dst}" DIRECTORY)
    file(MAKE_DIRECTORY "${dir}")
    list(APPEND todo_parts "${dst}.part")
    list(APPEND todo_sources "${src}")
    list(APPEND todo_actions "${action}")
    if(action STREQUAL "keep" AND NOT RELEASE_DEBUG_SYMBOLS STREQUAL "SPLIT")
      list(APPEND hashed_copies "${mode}" "${src}" "${dst}.part")
    else()
      list(APPEND copies "${mode}" "${src}" "${dst}.part")
    endif()
  endforeach()

  if(todo_parts)
    set(STAGE_PARTS "${todo_parts}")
    # The parts to be changed first; the hashed copies, which take most of
    # the time, beside their first patchelf (split and strip happen only
    # without hashed copies: the parts of STRIP and SPLIT are all changed).
    set(commands "")
    _release_stage_copies(commands copies)
    _release_stage_run(commands)
    if(RELEASE_DEBUG_SYMBOLS STREQUAL "SPLIT")
      _release_stage_split_debug(todo_parts todo_sources dsts)
    endif()
    if(RELEASE_STRIP)
      _release_stage_strip(todo_parts)
    endif()
    set(commands "")
    _release_stage_copies(commands hashed_copies HASHES)
    _release_stage_patch(todo_parts todo_actions commands)
    foreach(part IN LISTS todo_parts)
      string(REGEX REPLACE "\\.part$" "" dst "${part}")
      file(RENAME "${part}" "${dst}")
    endforeach()
  endif()

  # The record, after the files: what each staged file is, with the
  # identity it has now (read again, in one helper call, when anything was
  # staged: splicing the new ones into the list costs more in CMake).
  if(todo_parts)
    _release_staged_identity(staged_ids ${dsts})
  endif()
  set(records "")
  foreach(record staged_id IN ZIP_LISTS wanted_records staged_ids)
    list(APPEND records "${record}|${staged_id}")
  endforeach()
  _release_bracket(q_rels "${rels}")
  _release_bracket(q_records "${records}")
  file(WRITE "${state_file}.tmp" "set(STAGED_RELS ${q_rels})\nset(STAGED_RECORDS ${q_records})\n")
  file(RENAME "${state_file}.tmp" "${state_file}")

  _release_job_depends(${sources})
  file(TOUCH "${RELEASE_WORK_DIR}/stage.stamp")
endfunction()

