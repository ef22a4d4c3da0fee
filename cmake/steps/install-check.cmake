# Install-time step of add_release(), run by `cmake --install --component
# <name>` (and so by CPack and the package target) before the release
# directory is copied:
#
#   set(RELEASE_CONFIG <work>/config.cmake) set(RELEASE_BUILD_DIR <dir>)
#   include(install-check.cmake)
#
# The release is not part of the default build, and the package target builds
# only that. So that an install or a package is never missing the release nor
# carries a stale one, this brings release-<name> up to date first — a no-op
# when nothing changed. (CPack itself runs the build tool in the same tree for
# its preinstall target; this is the same kind of nested build.)
include("${RELEASE_CONFIG}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" --build "${RELEASE_BUILD_DIR}" --target "release-${RELEASE_NAME}"
  RESULT_VARIABLE _rel_rc)
if(NOT _rel_rc EQUAL 0 OR NOT EXISTS "${RELEASE_DIR}/bin/${RELEASE_NAME}")
  message(FATAL_ERROR "add_release(${RELEASE_NAME}): the release ${RELEASE_DIR} could not be "
    "assembled for installation (see the build output above). Fix: make "
    "`cmake --build ${RELEASE_BUILD_DIR} --target release-${RELEASE_NAME}` succeed, then "
    "install again.")
endif()
