# release-init: writes the commented default env hook template into a project,
# as `mix release.init` does. add_release() picks up rel/env.sh.in beside the
# CMakeLists.txt that calls it without being told.
#
#   cmake [-DPROJECT_DIR=<dir>] [-DENV_HOOK=<path>] [-DFORCE=ON]
#         -P <cmake-release>/cmake/release-init.cmake
#
#   PROJECT_DIR  the directory of the CMakeLists.txt that calls add_release()
#                (default: the current directory)
#   ENV_HOOK     where to write the template, relative to PROJECT_DIR
#                (default: rel/env.sh.in)
#   FORCE        overwrite an existing file (default: refuse and fail)
#
# The file is copied as it is: its @VAR@ references are filled when the
# release is built, not now. Exit status: 0 when written, 1 otherwise.
cmake_minimum_required(VERSION 3.25)

set(_init_template "${CMAKE_CURRENT_LIST_DIR}/../templates/env.sh.in")
if(NOT EXISTS "${_init_template}")
  message(FATAL_ERROR "release-init: the template ${_init_template} is missing; "
    "run this script from a cmake-release checkout or installation.")
endif()

if(NOT DEFINED PROJECT_DIR OR PROJECT_DIR STREQUAL "")
  set(PROJECT_DIR ".")
endif()
# In script mode CMAKE_SOURCE_DIR is the current working directory.
cmake_path(ABSOLUTE_PATH PROJECT_DIR BASE_DIRECTORY "${CMAKE_SOURCE_DIR}" NORMALIZE)
if(NOT IS_DIRECTORY "${PROJECT_DIR}")
  message(FATAL_ERROR "release-init: PROJECT_DIR '${PROJECT_DIR}' is not a directory.")
endif()

if(NOT DEFINED ENV_HOOK OR ENV_HOOK STREQUAL "")
  set(ENV_HOOK "rel/env.sh.in")
endif()
cmake_path(ABSOLUTE_PATH ENV_HOOK BASE_DIRECTORY "${PROJECT_DIR}" NORMALIZE)

if(IS_DIRECTORY "${ENV_HOOK}")
  message(FATAL_ERROR "release-init: ${ENV_HOOK} is a directory.")
endif()
if(EXISTS "${ENV_HOOK}" AND NOT FORCE)
  message(FATAL_ERROR "release-init: ${ENV_HOOK} exists; it was left unchanged. "
    "Pass -DFORCE=ON to overwrite it.")
endif()

cmake_path(GET ENV_HOOK PARENT_PATH _init_dir)
file(MAKE_DIRECTORY "${_init_dir}")
file(COPY_FILE "${_init_template}" "${ENV_HOOK}" RESULT _init_result)
if(_init_result)
  message(FATAL_ERROR "release-init: cannot write ${ENV_HOOK}: ${_init_result}")
endif()
file(CHMOD "${ENV_HOOK}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
message(STATUS "release-init: wrote ${ENV_HOOK}; edit it, then build the release.")
