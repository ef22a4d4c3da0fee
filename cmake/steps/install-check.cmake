# Install-time check of add_release(), run by `cmake --install --component
# <name>` (and so by CPack) before the release directory is installed.
#
#   set(RELEASE_CONFIG <work>/config.cmake) + include(install-check.cmake)
#
# The release is not part of the default build, and the package target
# builds only that: installing a release that was never assembled, or that is
# older than one of its programs or LIBRARIES, fails with the fix instead of
# installing nothing or a stale release.
include("${RELEASE_CONFIG}")
get_filename_component(_rel_build_dir "${RELEASE_WORK_DIR}/../../.." ABSOLUTE)
set(_rel_stamp "${RELEASE_WORK_DIR}/assembled.stamp")
set(_rel_fix "Fix: assemble it first: cmake --build ${_rel_build_dir} --target release-${RELEASE_NAME}")
if(NOT EXISTS "${_rel_stamp}" OR NOT EXISTS "${RELEASE_DIR}/bin/${RELEASE_NAME}")
  message(FATAL_ERROR "add_release(${RELEASE_NAME}): the release ${RELEASE_DIR} has not been "
    "assembled. ${_rel_fix}")
endif()
foreach(_rel_input IN LISTS RELEASE_PROGRAM_FILES RELEASE_LIBRARY_FILES)
  if(EXISTS "${_rel_input}" AND "${_rel_input}" IS_NEWER_THAN "${_rel_stamp}")
    message(FATAL_ERROR "add_release(${RELEASE_NAME}): the release ${RELEASE_DIR} is older "
      "than ${_rel_input}. ${_rel_fix}")
  endif()
endforeach()
