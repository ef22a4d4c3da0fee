# How every group's project gets cmake-release (include this file instead of
# naming the modules' directory): the modules of this source tree, or, when
# the suite runs against an installed copy (CMAKE_RELEASE_TEST_INSTALLED in
# tests/CMakeLists.txt), that copy, found as users find it:
# find_package(CMakeRelease) through CMAKE_PREFIX_PATH, which the runner sets
# to the prefix and nothing else. Either way CMakeRelease_MODULE_DIR is the
# modules' directory, as the package configuration sets it.
if(RunCMake_CMAKE_RELEASE STREQUAL "installed")
  find_package(CMakeRelease REQUIRED CONFIG NO_SYSTEM_ENVIRONMENT_PATH NO_CMAKE_SYSTEM_PATH)
  cmake_path(IS_PREFIX CMAKE_PREFIX_PATH "${CMakeRelease_DIR}" NORMALIZE in_prefix)
  if(NOT in_prefix)
    message(FATAL_ERROR "RunCMake: find_package(CMakeRelease) found '${CMakeRelease_DIR}', "
      "not the copy installed in '${CMAKE_PREFIX_PATH}'.")
  endif()
else()
  set(CMakeRelease_MODULE_DIR "${CMAKE_RELEASE_SOURCE_DIR}/cmake")
  list(APPEND CMAKE_MODULE_PATH "${CMakeRelease_MODULE_DIR}")
endif()
