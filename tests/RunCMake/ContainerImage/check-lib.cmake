# Helpers for the -check.cmake files of this group. They append to
# RunCMake_TEST_FAILED.

# read_dockerfile(<image>): loads <binary dir>/<image>.Dockerfile into
# `dockerfile` (text) and `lines` (list of lines).
macro(read_dockerfile image)
  set(_df "${RunCMake_TEST_BINARY_DIR}/${image}.Dockerfile")
  if(NOT EXISTS "${_df}")
    string(APPEND RunCMake_TEST_FAILED "${_df} was not written\n")
    return()
  endif()
  file(READ "${_df}" dockerfile)
  _check_lines(lines "${dockerfile}")
endmacro()

# _check_lines(<out> <text>): <text> as a list of lines. A CMake list item
# cannot end in a backslash nor hold a semicolon, and Dockerfile lines do
# both: they become <bs> and <semi> (expect_line_order converts the expected
# lines the same way).
function(_check_lines out text)
  string(REPLACE "\\" "<bs>" text "${text}")
  string(REPLACE ";" "<semi>" text "${text}")
  string(REPLACE "[" "<lb>" text "${text}")
  string(REPLACE "]" "<rb>" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

macro(read_ignorefile image)
  set(_if "${RunCMake_TEST_BINARY_DIR}/${image}.Dockerfile.dockerignore")
  if(NOT EXISTS "${_if}")
    string(APPEND RunCMake_TEST_FAILED "${_if} was not written\n")
    return()
  endif()
  file(READ "${_if}" _text)
  _check_lines(ignore_lines "${_text}")
endmacro()

# expect_line_order(<line>...): each line is in the Dockerfile, in this order.
function(expect_line_order)
  set(from 0)
  list(LENGTH lines n)
  math(EXPR last "${ARGC} - 1")
  foreach(a RANGE ${last})
    _check_lines(want "${ARGV${a}}")
    set(found -1)
    set(i ${from})
    while(i LESS n)
      list(GET lines ${i} line)
      if(line STREQUAL want)
        set(found ${i})
        break()
      endif()
      math(EXPR i "${i} + 1")
    endwhile()
    if(found LESS 0)
      string(APPEND RunCMake_TEST_FAILED "line not found (after line ${from}): ${ARGV${a}}\n")
    else()
      math(EXPR from "${found} + 1")
    endif()
  endforeach()
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endfunction()

# expect_match(<substring>) / expect_no_match(<substring>)
function(expect_match s)
  string(FIND "${dockerfile}" "${s}" at)
  if(at LESS 0)
    string(APPEND RunCMake_TEST_FAILED "Dockerfile lacks: ${s}\n")
  endif()
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endfunction()
function(expect_no_match s)
  string(FIND "${dockerfile}" "${s}" at)
  if(at GREATER_EQUAL 0)
    string(APPEND RunCMake_TEST_FAILED "Dockerfile should not contain: ${s}\n")
  endif()
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endfunction()

function(expect_ignore_line s)
  _check_lines(s "${s}")
  if(NOT s IN_LIST ignore_lines)
    string(APPEND RunCMake_TEST_FAILED "ignore file lacks the line: ${s}\n")
  endif()
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endfunction()

# runtime_stage_text(<out>): the text of the runtime stage, from its FROM
# line to the end.
function(runtime_stage_text out)
  string(FIND "${dockerfile}" " AS runtime\n" at)
  if(at LESS 0)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  string(SUBSTRING "${dockerfile}" ${at} -1 rt)
  set(${out} "${rt}" PARENT_SCOPE)
endfunction()

function(expect_no_run_in_runtime)
  runtime_stage_text(rt)
  if(rt MATCHES "\nRUN[ ]")
    string(APPEND RunCMake_TEST_FAILED "the runtime stage has a RUN:\n${rt}\n")
  endif()
  if(rt STREQUAL "")
    string(APPEND RunCMake_TEST_FAILED "no runtime stage found\n")
  endif()
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endfunction()

# How the builder stage's configure finds cmake-release inside the context
# (/src): the source tree's modules, or the installed copy under test (the
# runner's CMAKE_RELEASE_INSTALLED_PREFIX, inside the context here), whose
# package the stage finds too. The quoted arguments as the RUN line has them,
# and where the stage finds the toolchain files.
set(image_module_args "\"-DCMAKE_MODULE_PATH=/src/cmake\"")
set(image_toolchain_dir "/src/toolchains")
if(CMAKE_RELEASE_INSTALLED_PREFIX)
  file(RELATIVE_PATH _rel "${CMAKE_RELEASE_SOURCE_DIR}"
    "${CMAKE_RELEASE_INSTALLED_PREFIX}/share/cmake/CMakeRelease")
  set(image_module_args "\"-DCMAKE_MODULE_PATH=/src/${_rel}/cmake\", \"-DCMakeRelease_DIR=/src/${_rel}\"")
  set(image_toolchain_dir "/src/${_rel}/toolchains")
endif()
