# Runs one RunCMake-style case (see release_add_runcmake_cases in
# tests/CMakeLists.txt) and compares what happened with the files beside it.
#   -DRunCMake_SOURCE_DIR=<group dir> -DRunCMake_BINARY_DIR=<dir>
#   -DRunCMake_TEST=<case> -DCMAKE_RELEASE_SOURCE_DIR=<repo> -DRunCMake_GENERATOR=<gen>
# Optional files beside the case: <case>-generator.txt (another generator),
# <case>-args.txt (extra configure arguments, one per line).
# <case>-stderr.txt is matched against stderr with white space runs collapsed
# to one space, since CMake wraps long messages.
cmake_minimum_required(VERSION 3.25)

set(case_prefix "${RunCMake_SOURCE_DIR}/${RunCMake_TEST}")
file(REMOVE_RECURSE "${RunCMake_BINARY_DIR}")
file(MAKE_DIRECTORY "${RunCMake_BINARY_DIR}")

set(generator "${RunCMake_GENERATOR}")
if(EXISTS "${case_prefix}-generator.txt")
  file(STRINGS "${case_prefix}-generator.txt" generator LIMIT_COUNT 1)
endif()
set(extra_args "")
if(EXISTS "${case_prefix}-args.txt")
  file(STRINGS "${case_prefix}-args.txt" extra_args)
  # Arguments may name files of this repository as @CMAKE_RELEASE_SOURCE_DIR@.
  string(CONFIGURE "${extra_args}" extra_args @ONLY)
endif()

execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${RunCMake_SOURCE_DIR}" -B "${RunCMake_BINARY_DIR}"
    -G "${generator}"
    "-DRunCMake_TEST=${RunCMake_TEST}"
    "-DCMAKE_RELEASE_SOURCE_DIR=${CMAKE_RELEASE_SOURCE_DIR}"
    "-DRELEASE_LOADER=${RELEASE_LOADER}"
    ${extra_args}
  RESULT_VARIABLE actual_result
  OUTPUT_VARIABLE actual_stdout
  ERROR_VARIABLE actual_stderr)
set(step "configure")

if(EXISTS "${case_prefix}-build.txt" AND actual_result EQUAL 0)
  file(STRINGS "${case_prefix}-build.txt" build_target LIMIT_COUNT 1)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${RunCMake_BINARY_DIR}" --target ${build_target}
    RESULT_VARIABLE actual_result
    OUTPUT_VARIABLE build_stdout
    ERROR_VARIABLE build_stderr)
  # Build tools print the failing command's output on stdout or stderr
  # depending on the generator: compare against both.
  set(actual_stderr "${build_stdout}${build_stderr}")
  set(step "build of target ${build_target}")
endif()

set(expected_result 0)
if(EXISTS "${case_prefix}-result.txt")
  file(READ "${case_prefix}-result.txt" expected_result)
  string(STRIP "${expected_result}" expected_result)
endif()

set(failures "")
if(expected_result STREQUAL "non-zero")
  if(actual_result EQUAL 0)
    string(APPEND failures "${step} succeeded, but a failure was expected\n")
  endif()
elseif(NOT "${actual_result}" STREQUAL "${expected_result}")
  string(APPEND failures "${step} exited with '${actual_result}', expected '${expected_result}'\n")
endif()

string(REGEX REPLACE "\n+$" "" actual_stderr_stripped "${actual_stderr}")
# CMake wraps and indents message text: the regexes are written against the
# text with every run of white space made one space.
string(REGEX REPLACE "[ \t\r\n]+" " " actual_stderr_flat "${actual_stderr_stripped}")
if(EXISTS "${case_prefix}-stderr.txt")
  file(READ "${case_prefix}-stderr.txt" expected_stderr)
  string(REGEX REPLACE "\n+$" "" expected_stderr "${expected_stderr}")
  if(NOT actual_stderr_flat MATCHES "${expected_stderr}")
    string(APPEND failures "stderr of the ${step} does not match the regex in ${RunCMake_TEST}-stderr.txt\n")
  endif()
elseif(NOT step STREQUAL "configure")
  # A build's output holds the build tool's own chatter: only configure
  # output is required to be silent when no expectation is given.
elseif(NOT actual_stderr_stripped STREQUAL "")
  string(APPEND failures "stderr was expected to be empty\n")
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
    "--- actual stderr (${step}) ---\n${actual_stderr}\n--- actual stdout ---\n${actual_stdout}")
endif()
message(STATUS "RunCMake case ${RunCMake_TEST} passed")
