# Install-time step of add_release(), run by `cmake --install --component
# <name>` (and so by CPack and the package target) before the release
# directory is copied:
#
#   include(<work>/steps/install-check.cmake)   (the call, cmake/ReleaseStepConfig.cmake)
#
# The release is not part of the default build, and the package target builds
# only that. So that an install or a package is never missing the release nor
# carries a stale one, this brings release-<name> up to date first — a no-op
# when nothing changed. (CPack itself runs the build tool in the same tree for
# its preinstall target; this is the same kind of nested build.)

# _release_install_check_impl(NAME <release> DIR <release-dir> BUILD_DIR <build-dir>)
function(_release_install_check_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;DIR;BUILD_DIR" "")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${RELEASE_BUILD_DIR}" --target "release-${RELEASE_NAME}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${RELEASE_DIR}/bin/${RELEASE_NAME}")
    message(FATAL_ERROR "add_release(${RELEASE_NAME}): the release ${RELEASE_DIR} could not be "
      "assembled for installation (see the build output above). Fix: make "
      "`cmake --build ${RELEASE_BUILD_DIR} --target release-${RELEASE_NAME}` succeed, then "
      "install again.")
  endif()
endfunction()
