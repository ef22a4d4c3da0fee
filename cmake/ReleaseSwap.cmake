# Configure-time part of the swap step (steps/swap.cmake): the exchange tool.
# Internal to cmake-release (names start with _release_).
include_guard(GLOBAL)

# _release_exchange_tool(<out-var>)
# Declares, once per build tree, the build of native/release-exchange.c with
# a compiler of the build host, and sets <out-var> to the program's path ("" when
# the host has no compiler; the target _release_exchange_tool builds it: the swap then falls back to two renames, see
# docs/internals.md). The project's own compiler is used unless it
# cross-compiles; the tool runs at build time only and is never released.
function(_release_exchange_tool out)
  get_property(tool GLOBAL PROPERTY _RELEASE_EXCHANGE_TOOL)
  if(DEFINED tool)
    set(${out} "${tool}" PARENT_SCOPE)
    return()
  endif()
  set(compiler "")
  if(NOT CMAKE_CROSSCOMPILING)
    foreach(lang C CXX)
      if(CMAKE_${lang}_COMPILER)
        set(compiler "${CMAKE_${lang}_COMPILER}")
        break()
      endif()
    endforeach()
  endif()
  if(NOT compiler)
    find_program(RELEASE_HOST_COMPILER NAMES cc c++ gcc g++ clang clang++
      DOC "compiler of the build host, for add_release()'s exchange tool")
    set(compiler "${RELEASE_HOST_COMPILER}")
  endif()
  set(tool "")
  if(compiler)
    get_filename_component(source "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../native/release-exchange.c" ABSOLUTE)
    set(tool "${CMAKE_BINARY_DIR}/_release/release-exchange")
    # (Make, unlike Ninja, does not make an output's directory.)
    add_custom_command(OUTPUT "${tool}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/_release"
      COMMAND "${compiler}" -O2 -o "${tool}" "${source}"
      DEPENDS "${source}"
      COMMENT "Building the release swap tool (release-exchange)"
      VERBATIM)
    # A target owns the command, so releases declared in any directory can
    # depend on it (with every generator).
    add_custom_target(_release_exchange_tool DEPENDS "${tool}")
  endif()
  define_property(GLOBAL PROPERTY _RELEASE_EXCHANGE_TOOL
    BRIEF_DOCS "The exchange tool of add_release()'s swap step"
    FULL_DOCS "Path of release-exchange in the build tree, or empty.")
  set_property(GLOBAL PROPERTY _RELEASE_EXCHANGE_TOOL "${tool}")
  set(${out} "${tool}" PARENT_SCOPE)
endfunction()
