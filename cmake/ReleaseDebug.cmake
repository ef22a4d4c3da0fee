# add_release(... DEBUG_SYMBOLS SPLIT): debug information in a tree of its
# own, laid out by build-id (<dir>/.build-id/xx/yyyy.debug, the layout of
# gdb's debug-file-directory and of debuginfod), each stripped file of the
# release linked to its part by .gnu_debuglink. Internal; reference:
# docs/debug-symbols.md.
#
# Configure time: _release_debug_check. Build time (steps/stage.cmake):
# _release_split_debug, before strip and patchelf.
include_guard(GLOBAL)

cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

# _release_debug_check(<name> <mode-var> <objcopy-var>)
# Checks DEBUG_SYMBOLS (and STRIP) of add_release(<name>), read from
# add_release()'s arg_* variables. Sets <mode-var> to KEEP, STRIP or SPLIT
# and <objcopy-var> to the objcopy SPLIT uses (empty otherwise); sets
# arg_STRIP in add_release()'s scope when the release's files are stripped
# (STRIP or DEBUG_SYMBOLS SPLIT), which steps/stage.cmake reads.
# (DEBUG_SYMBOLS has no STRIP value: STRIP is a keyword of add_release.)
function(_release_debug_check name mode_var objcopy_var)
  set(mode KEEP)
  if(arg_STRIP)
    set(mode STRIP)
  endif()
  if(DEFINED arg_DEBUG_SYMBOLS)
    if(NOT arg_DEBUG_SYMBOLS MATCHES "^(KEEP|SPLIT)$")
      _release_fail("DEBUG_SYMBOLS '${arg_DEBUG_SYMBOLS}' is "
        "neither KEEP nor SPLIT. Fix: use SPLIT for stripped files plus a debug tree, KEEP "
        "(the default) to leave the files as built, or STRIP (without DEBUG_SYMBOLS) to drop "
        "the symbols.")
    endif()
    if(arg_STRIP AND arg_DEBUG_SYMBOLS STREQUAL "SPLIT")
      _release_fail("STRIP and DEBUG_SYMBOLS SPLIT were both "
        "given. Fix: give only DEBUG_SYMBOLS SPLIT, which strips the release's files too, or "
        "only STRIP to drop the debug information.")
    endif()
    if(arg_STRIP AND arg_DEBUG_SYMBOLS STREQUAL "KEEP")
      _release_fail("STRIP and DEBUG_SYMBOLS KEEP were both "
        "given, and contradict each other. Fix: leave out one of them.")
    endif()
    set(mode "${arg_DEBUG_SYMBOLS}")
  endif()
  set(given STRIP)
  if(mode STREQUAL "SPLIT")
    set(given "DEBUG_SYMBOLS SPLIT")
  endif()
  if(NOT mode STREQUAL "KEEP" AND NOT CMAKE_STRIP)
    _release_fail("${given} was given, but CMAKE_STRIP is not set. "
      "Fix: enable a language with project()/enable_language(), or set CMAKE_STRIP.")
  endif()
  set(objcopy "")
  if(mode STREQUAL "SPLIT")
    find_program(RELEASE_OBJCOPY NAMES "${CMAKE_OBJCOPY}" objcopy DOC "objcopy used by add_release()")
    if(NOT RELEASE_OBJCOPY)
      _release_fail("DEBUG_SYMBOLS SPLIT needs objcopy, which was "
        "not found. Fix: install it (Debian/Ubuntu: apt-get install binutils) or set "
        "RELEASE_OBJCOPY to its path.")
    endif()
    set(objcopy "${RELEASE_OBJCOPY}")
  endif()
  if(NOT mode STREQUAL "KEEP")
    set(arg_STRIP TRUE PARENT_SCOPE)
  endif()
  set(${mode_var} "${mode}" PARENT_SCOPE)
  set(${objcopy_var} "${objcopy}" PARENT_SCOPE)
endfunction()

# _release_build_ids(<ids-var> <debug-var> <readelf> <file>...)
# Reads the build-id and whether debug information is there, for each file,
# with one readelf call: sets <ids-var> to the build-id of each file, in
# order (hex, "none" when there is none: a list cannot begin with an empty
# item), and <debug-var> to TRUE or FALSE for each.
function(_release_build_ids ids_var debug_var readelf)
  set(ids "")
  set(debugs "")
  list(LENGTH ARGN n)
  if(n EQUAL 0)
    set(${ids_var} "" PARENT_SCOPE)
    set(${debug_var} "" PARENT_SCOPE)
    return()
  endif()
  execute_process(COMMAND "${readelf}" -n -S -W ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    _release_fail("readelf -n -S failed on the staged files:\n${err}\nFix: check that "
      "RELEASE_READELF ('${readelf}') is binutils' readelf for the release's machine.")
  endif()
  # With several files, readelf starts each one's part with "File: <path>".
  set(out "\n${out}")
  foreach(file IN LISTS ARGN)
    set(part "${out}")
    if(n GREATER 1)
      set(header "\nFile: ${file}\n")
      string(FIND "${out}" "${header}" at)
      string(LENGTH "${header}" header_length)
      math(EXPR at "${at} + ${header_length}")
      string(SUBSTRING "${out}" ${at} -1 part)
      string(FIND "${part}" "\nFile: " next)
      if(next GREATER_EQUAL 0)
        string(SUBSTRING "${part}" 0 ${next} part)
      endif()
    endif()
    set(id "none")
    if(part MATCHES "Build ID: ([0-9a-f]+)")
      set(id "${CMAKE_MATCH_1}")
    endif()
    set(debug FALSE)
    if(part MATCHES "\\] \\.(z?debug_info) ")
      set(debug TRUE)
    endif()
    list(APPEND ids "${id}")
    list(APPEND debugs "${debug}")
  endforeach()
  set(${ids_var} "${ids}" PARENT_SCOPE)
  set(${debug_var} "${debugs}" PARENT_SCOPE)
endfunction()

# _release_split_debug(DEBUG_DIR <dir> OBJCOPY <objcopy> READELF <readelf>
#                      [FILES <file>...] [SOURCES <file>...] [KEEP <file>...])
# For each of FILES (newly staged, not yet stripped) that holds debug
# information: copies it to <dir>/.build-id/xx/yyyy.debug and adds a
# .gnu_debuglink naming that file; the caller strips FILES afterwards (strip
# keeps the link). Then removes every debug file of <dir> whose build-id is
# not that of one of FILES or KEEP (the files of the staged and of the
# current release: a failed assembly leaves the previous release's debug
# information in place). SOURCES, one per file of FILES, are the names that
# messages give.
function(_release_split_debug)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DEBUG_DIR;OBJCOPY;READELF" "FILES;SOURCES;KEEP")
  file(MAKE_DIRECTORY "${arg_DEBUG_DIR}/.build-id")
  _release_build_ids(new_ids new_debug "${arg_READELF}" ${arg_FILES})
  set(i 0)
  foreach(file id debug IN ZIP_LISTS arg_FILES new_ids new_debug)
    # Messages name the file as the user knows it (SOURCES, in the order of
    # FILES), not its staging copy.
    set(named "${file}")
    if(arg_SOURCES)
      list(GET arg_SOURCES ${i} named)
    endif()
    math(EXPR i "${i} + 1")
    if(NOT debug)
      continue()
    endif()
    if(id STREQUAL "none")
      _release_fail("DEBUG_SYMBOLS SPLIT: '${named}' has debug information but no build-id, "
        "so debuggers could not find its debug file. Fix: link it with -Wl,--build-id "
        "(GCC and Clang on Linux do by default).")
    endif()
    string(SUBSTRING "${id}" 0 2 head)
    string(SUBSTRING "${id}" 2 -1 rest)
    set(debug_file "${arg_DEBUG_DIR}/.build-id/${head}/${rest}.debug")
    file(MAKE_DIRECTORY "${arg_DEBUG_DIR}/.build-id/${head}")
    execute_process(COMMAND "${arg_OBJCOPY}" --only-keep-debug "${file}" "${debug_file}.tmp"
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(rc EQUAL 0)
      file(RENAME "${debug_file}.tmp" "${debug_file}")
      file(CHMOD "${debug_file}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
      execute_process(COMMAND "${arg_OBJCOPY}" "--add-gnu-debuglink=${debug_file}" "${file}"
        RESULT_VARIABLE rc ERROR_VARIABLE err)
    endif()
    if(NOT rc EQUAL 0)
      _release_fail("DEBUG_SYMBOLS SPLIT: objcopy failed on '${named}':\n${err}\n"
        "Fix: check that RELEASE_OBJCOPY ('${arg_OBJCOPY}') is binutils' objcopy for the "
        "release's machine, and that the output directory has room.")
    endif()
  endforeach()

  # Prune: keep the debug files of what is staged now and of the release in place.
  set(all ${arg_FILES} ${arg_KEEP})
  list(REMOVE_DUPLICATES all)
  set(elves "")
  foreach(file IN LISTS all)
    _release_is_elf(is_elf "${file}")
    if(is_elf)
      list(APPEND elves "${file}")
    endif()
  endforeach()
  _release_build_ids(keep_ids kept_debug "${arg_READELF}" ${elves})
  file(GLOB debug_files "${arg_DEBUG_DIR}/.build-id/*/*.debug")
  foreach(debug_file IN LISTS debug_files)
    string(REGEX REPLACE "^.*/([0-9a-f][0-9a-f])/([0-9a-f]+)\\.debug$" "\\1\\2" id "${debug_file}")
    if(NOT id IN_LIST keep_ids)
      file(REMOVE "${debug_file}")
    endif()
  endforeach()
endfunction()

cmake_policy(POP)
