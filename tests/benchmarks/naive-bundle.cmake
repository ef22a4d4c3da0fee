# The "naive" baseline of tests/benchmarks/run: how a CMake user would bundle a
# program with its shared libraries without cmake-release, in one -P script.
#
#   cmake -DPROGRAM=<executable> -DDEST=<dir> -P naive-bundle.cmake
#
# It finds the closure with file(GET_RUNTIME_DEPENDENCIES), copies the program
# to <dir>/libexec and each library to <dir>/lib, and runs patchelf once per
# file to give it an $ORIGIN-relative RUNPATH. It leaves the glibc family to
# the system, as add_release() does, so both produce the same set of files.
# It does no checks and keeps no state: every run does all the work again.
cmake_minimum_required(VERSION 3.25)
foreach(var PROGRAM DEST)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "naive-bundle.cmake: -D${var}=... is required")
  endif()
endforeach()
find_program(PATCHELF patchelf REQUIRED)

file(GET_RUNTIME_DEPENDENCIES
  EXECUTABLES "${PROGRAM}"
  RESOLVED_DEPENDENCIES_VAR libraries
  UNRESOLVED_DEPENDENCIES_VAR unresolved
  PRE_EXCLUDE_REGEXES
    "^(ld-linux.*|lib(c|m|dl|pthread|rt|resolv|util|anl|mvec)\\.so.*|libnss_.*)$")
if(unresolved)
  message(FATAL_ERROR "naive-bundle.cmake: unresolved libraries: ${unresolved}")
endif()

file(REMOVE_RECURSE "${DEST}")
file(MAKE_DIRECTORY "${DEST}/libexec" "${DEST}/lib")
get_filename_component(name "${PROGRAM}" NAME)
file(COPY_FILE "${PROGRAM}" "${DEST}/libexec/${name}")
execute_process(COMMAND "${PATCHELF}" --set-rpath "$ORIGIN/../lib" "${DEST}/libexec/${name}"
  COMMAND_ERROR_IS_FATAL ANY)
foreach(library IN LISTS libraries)
  get_filename_component(name "${library}" NAME)
  file(COPY_FILE "${library}" "${DEST}/lib/${name}")
  execute_process(COMMAND "${PATCHELF}" --set-rpath "$ORIGIN" "${DEST}/lib/${name}"
    COMMAND_ERROR_IS_FATAL ANY)
endforeach()
