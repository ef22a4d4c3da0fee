# Runs one RunCMake-style case (see release_add_runcmake_cases in
# tests/CMakeLists.txt) and compares what happened with the files beside it.
#   -DRunCMake_SOURCE_DIR=<group dir> -DRunCMake_BINARY_DIR=<dir>
#   -DRunCMake_TEST=<case> -DCMAKE_RELEASE_SOURCE_DIR=<repo> -DRunCMake_GENERATOR=<gen>
#   -DRELEASE_LOADER=<helper>
#   [-DCMAKE_RELEASE_INSTALLED_PREFIX=<prefix>]  test an installed copy (see below)
#
# A case runs in up to two steps, each with its own expectations:
#   configure   always: cmake -S <group dir> -B <dir> -DRunCMake_TEST=<case>
#   build       when <case>-build.txt names a target: cmake --build --target it
# For each <step> (configure, build), beside <case>.cmake:
#   <case>-<step>-result.txt  the exit code expected (default 0); "non-zero"
#                             for a build (Ninja and Make exit differently)
#   <case>-<step>-stderr.txt  a regex for the whole output of the step, which
#                             must start with ^ and end with $. When absent,
#                             the step must print nothing (and succeed: a
#                             failing step needs its message pinned).
# What is matched, with every run of white space (CMake wraps and indents
# message text) made one space and trailing white space dropped:
#   configure   everything cmake wrote on stderr
#   build       the messages CMake printed in the build's output (stdout and
#               stderr): each "CMake Error/Warning..." block with its call
#               stack, and each "-- " status line; the build tool's own lines
#               ("[1/3] ...", "FAILED: ...", the command line, "ninja: build
#               stopped") and other tools' output are left out, so the same
#               expectation holds for every generator.
# Optional too: <case>-check.cmake (sets RunCMake_TEST_FAILED to fail; runs
# after both steps), <case>-generator.txt (another generator),
# <case>-args.txt (extra configure arguments, one per line; @CMAKE_RELEASE_DIR@
# is the copy of cmake-release under test: the source tree, or the installed
# share/cmake/CMakeRelease; @CMAKE_RELEASE_SOURCE_DIR@ is this repository,
# for test data).
# The case's project sees CMAKE_RELEASE_SOURCE_DIR, RELEASE_LOADER (each case
# may leave either unused: --no-warn-unused-cli) and, for an
# installed copy, RunCMake_CMAKE_RELEASE=installed with CMAKE_PREFIX_PATH set
# to the prefix (tests/RunCMake/UseCMakeRelease.cmake takes it from there).
# What the steps printed is kept in <dir>/RunCMake-<step>-output.txt.
cmake_minimum_required(VERSION 3.25)

set(case_prefix "${RunCMake_SOURCE_DIR}/${RunCMake_TEST}")
set(failures "")

# One expectation file for "whichever step ran last" was ambiguous: refuse it
# rather than guess which step it meant.
foreach(kind IN ITEMS stderr result)
  if(EXISTS "${case_prefix}-${kind}.txt")
    string(APPEND failures "${RunCMake_TEST}-${kind}.txt is not read any more: "
      "rename it to ${RunCMake_TEST}-configure-${kind}.txt or "
      "${RunCMake_TEST}-build-${kind}.txt, for the step it is about\n")
  endif()
endforeach()
if(NOT EXISTS "${case_prefix}-build.txt")
  foreach(kind IN ITEMS stderr result)
    if(EXISTS "${case_prefix}-build-${kind}.txt")
      string(APPEND failures "${RunCMake_TEST}-build-${kind}.txt is given, "
        "but no ${RunCMake_TEST}-build.txt names the target to build\n")
    endif()
  endforeach()
endif()

# _runcase_flat(<out-var> <text>): <text> with white space runs made one space
# and no white space at either end: the one place where text is folded.
function(_runcase_flat out text)
  string(REGEX REPLACE "[ \t\r\n]+" " " text "${text}")
  string(STRIP "${text}" text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _runcase_cmake_messages(<out-var> <output>): the CMake messages in a build's
# <output>: "CMake Error/Warning ..." blocks (the first line, then the indented
# and empty lines and the "Call Stack" line that follow it), "-- " lines and
# the "add_release(<name>): ..." errors of the steps written in C++.
function(_runcase_cmake_messages out output)
  # Line by line without a CMake list, which would treat '[' and ';' in the
  # output specially.
  set(kept "")
  set(in_block FALSE)
  while(NOT output STREQUAL "")
    string(FIND "${output}" "\n" eol)
    if(eol EQUAL -1)
      set(line "${output}")
      set(output "")
    else()
      string(SUBSTRING "${output}" 0 ${eol} line)
      math(EXPR eol "${eol} + 1")
      string(SUBSTRING "${output}" ${eol} -1 output)
    endif()
    if(line MATCHES "^CMake (Error|Warning|Deprecation)")
      set(in_block TRUE)
    elseif(in_block AND (line STREQUAL "" OR line MATCHES "^[ \t]" OR
           line STREQUAL "Call Stack (most recent call first):"))
      # still the message of that block
    elseif(line MATCHES "^-- " OR line MATCHES "^add_release\\([^)]*\\): ")
      # (the second: the error of a build step written in C++, loader/step.hpp)
      set(in_block FALSE)
    else()
      set(in_block FALSE)
      continue()
    endif()
    string(APPEND kept "${line}\n")
  endwhile()
  set(${out} "${kept}" PARENT_SCOPE)
endfunction()

# _runcase_expect(<step> <result> <text>): compares one step with
# <case>-<step>-result.txt and <case>-<step>-stderr.txt; appends to failures.
function(_runcase_expect step result text)
  set(expected_result 0)
  if(EXISTS "${case_prefix}-${step}-result.txt")
    file(READ "${case_prefix}-${step}-result.txt" expected_result)
    string(STRIP "${expected_result}" expected_result)
  endif()
  if(expected_result STREQUAL "non-zero")
    if(result EQUAL 0)
      string(APPEND failures "the ${step} succeeded, but a failure was expected\n")
    endif()
  elseif(NOT "${result}" STREQUAL "${expected_result}")
    string(APPEND failures "the ${step} exited with '${result}', expected '${expected_result}'\n")
  endif()

  _runcase_flat(flat "${text}")
  set(file "${RunCMake_TEST}-${step}-stderr.txt")
  if(EXISTS "${RunCMake_SOURCE_DIR}/${file}")
    file(READ "${RunCMake_SOURCE_DIR}/${file}" regex)
    string(REGEX REPLACE "\n+$" "" regex "${regex}")
    if(NOT regex MATCHES "^\\^" OR NOT regex MATCHES "\\$$")
      string(APPEND failures "${file} must pin the whole output: start it with ^ and end it with $\n")
    elseif(NOT flat MATCHES "${regex}")
      string(APPEND failures "the ${step}'s output does not match ${file}; "
        "with white space folded, it was:\n${flat}\n")
    endif()
  elseif(NOT expected_result STREQUAL "0")
    # A failure is only pinned by its message: the build tool's own error
    # (e.g. "no known rule to make it") must not pass for ours.
    string(APPEND failures "the ${step} is expected to fail, but no ${file} says with which message\n")
  elseif(NOT flat STREQUAL "")
    string(APPEND failures "the ${step} was expected to print nothing (no ${file}); "
      "with white space folded, it printed:\n${flat}\n")
  endif()
  set(failures "${failures}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${RunCMake_BINARY_DIR}")
file(MAKE_DIRECTORY "${RunCMake_BINARY_DIR}")

set(generator "${RunCMake_GENERATOR}")
if(EXISTS "${case_prefix}-generator.txt")
  file(STRINGS "${case_prefix}-generator.txt" generator LIMIT_COUNT 1)
endif()
# The copy of cmake-release the case uses.
set(use_args "-DCMAKE_RELEASE_SOURCE_DIR=${CMAKE_RELEASE_SOURCE_DIR}")
set(CMAKE_RELEASE_DIR "${CMAKE_RELEASE_SOURCE_DIR}")
if(CMAKE_RELEASE_INSTALLED_PREFIX)
  set(CMAKE_RELEASE_DIR "${CMAKE_RELEASE_INSTALLED_PREFIX}/share/cmake/CMakeRelease")
  list(APPEND use_args "-DRunCMake_CMAKE_RELEASE=installed"
    "-DCMAKE_PREFIX_PATH=${CMAKE_RELEASE_INSTALLED_PREFIX}")
endif()
set(extra_args "")
if(EXISTS "${case_prefix}-args.txt")
  file(STRINGS "${case_prefix}-args.txt" extra_args)
  string(CONFIGURE "${extra_args}" extra_args @ONLY)
endif()

execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${RunCMake_SOURCE_DIR}" -B "${RunCMake_BINARY_DIR}"
    -G "${generator}" --no-warn-unused-cli
    "-DRunCMake_TEST=${RunCMake_TEST}"
    ${use_args}
    "-DRELEASE_LOADER=${RELEASE_LOADER}"
    ${extra_args}
  RESULT_VARIABLE configure_result
  OUTPUT_VARIABLE configure_stdout
  ERROR_VARIABLE configure_stderr)
file(WRITE "${RunCMake_BINARY_DIR}/RunCMake-configure-output.txt"
  "--- stderr ---\n${configure_stderr}--- stdout ---\n${configure_stdout}")
_runcase_expect(configure "${configure_result}" "${configure_stderr}")

if(EXISTS "${case_prefix}-build.txt")
  if(configure_result EQUAL 0)
    file(STRINGS "${case_prefix}-build.txt" build_target LIMIT_COUNT 1)
    execute_process(
      COMMAND "${CMAKE_COMMAND}" --build "${RunCMake_BINARY_DIR}" --target ${build_target}
      RESULT_VARIABLE build_result
      OUTPUT_VARIABLE build_output
      ERROR_VARIABLE build_output)
    file(WRITE "${RunCMake_BINARY_DIR}/RunCMake-build-output.txt" "${build_output}")
    _runcase_cmake_messages(build_messages "${build_output}")
    _runcase_expect(build "${build_result}" "${build_messages}")
  else()
    string(APPEND failures "${RunCMake_TEST}-build.txt names a target, but the configure failed\n")
  endif()
endif()

if(EXISTS "${case_prefix}-check.cmake")
  set(RunCMake_TEST_FAILED "")
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}")
  set(RunCMake_TEST_SOURCE_DIR "${RunCMake_SOURCE_DIR}")
  include("${case_prefix}-check.cmake")
  if(RunCMake_TEST_FAILED)
    string(APPEND failures "${RunCMake_TEST}-check.cmake: ${RunCMake_TEST_FAILED}\n")
  endif()
endif()

if(failures)
  message(FATAL_ERROR "RunCMake case ${RunCMake_TEST} failed:\n${failures}"
    "What the steps printed: ${RunCMake_BINARY_DIR}/RunCMake-*-output.txt")
endif()
message(STATUS "RunCMake case ${RunCMake_TEST} passed")
