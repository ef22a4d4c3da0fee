# No path of the build machine in a release: the source and build
# directories are mapped away in what the compiler writes into the objects
# of the released targets (debug info, __FILE__), for every build type.
# Internal to cmake-release (names start with _release_).
include_guard(GLOBAL)

# _release_map_build_paths(<target>...)
# Adds -ffile-prefix-map (GCC 8+, Clang 10+) for the top source and build
# directories to each <target> and to every target of the project it links,
# directly or not (static libraries end up in the program; shared ones in the
# release's lib/): the source directory becomes "src", the build directory
# "build" (a debugger finds the sources again with `set substitute-path`).
# Imported targets are left alone; other compilers get nothing (STRIP then
# removes the debug info, the only place such paths usually are).
function(_release_map_build_paths)
  set(flag "")
  if((CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 8)
     OR (CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 10)
     OR (CMAKE_C_COMPILER_ID STREQUAL "GNU" AND CMAKE_C_COMPILER_VERSION VERSION_GREATER_EQUAL 8)
     OR (CMAKE_C_COMPILER_ID STREQUAL "Clang" AND CMAKE_C_COMPILER_VERSION VERSION_GREATER_EQUAL 10))
    set(flag "-ffile-prefix-map=")
  endif()
  if(NOT flag)
    return()
  endif()
  # The compiler tries the last map first: the deeper directory goes last.
  set(maps "${flag}${CMAKE_SOURCE_DIR}=src" "${flag}${CMAKE_BINARY_DIR}=build")
  cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${CMAKE_SOURCE_DIR}" NORMALIZE source_in_build)
  if(source_in_build)
    list(REVERSE maps)
  endif()
  set(options "")
  foreach(map IN LISTS maps)
    list(APPEND options "$<$<COMPILE_LANGUAGE:C,CXX>:${map}>")
  endforeach()
  set(todo ${ARGN})
  set(done "")
  while(todo)
    list(POP_FRONT todo tgt)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" tgt "${tgt}")
    if(tgt IN_LIST done OR NOT TARGET "${tgt}")
      continue()
    endif()
    list(APPEND done "${tgt}")
    get_target_property(imported "${tgt}" IMPORTED)
    get_target_property(type "${tgt}" TYPE)
    get_target_property(aliased "${tgt}" ALIASED_TARGET)
    if(aliased)
      list(APPEND todo "${aliased}")
      continue()
    endif()
    if(imported OR type STREQUAL "INTERFACE_LIBRARY")
      continue()
    endif()
    get_target_property(mapped "${tgt}" _RELEASE_PATHS_MAPPED)
    if(NOT mapped)
      target_compile_options("${tgt}" PRIVATE ${options})
      set_property(TARGET "${tgt}" PROPERTY _RELEASE_PATHS_MAPPED TRUE)
    endif()
    get_target_property(links "${tgt}" LINK_LIBRARIES)
    if(links)
      list(APPEND todo ${links})
    endif()
  endwhile()
endfunction()
