# Build-time side of ContainerImageRuntime.cmake, included by
# container-build.cmake: the glibc check of HOST_RELEASE images, and the
# image format HEALTHCHECK needs.
#
#   -DGLIBC_CHECK=builder|host -DIMAGE_FORMAT=<docker or empty>
#   (and container-build.cmake's arg_HOST_MANIFEST, arg_HERMETIC)
#
# builder: container-build.cmake's own check (builder image against runtime
# image) applies. host (HOST_RELEASE): the image carries the release this
# machine built, so that release's recorded glibc is checked against the
# runtime image's, and an image it could not run in is not built. A HERMETIC
# release carries its own glibc: container-build.cmake says so.

# _release_ci_runtime_glibc_check()
# For a HOST_RELEASE image of a release that is not HERMETIC: the check, then
# arg_RUNTIME_IMAGE and arg_RUNTIME_GLIBC cleared in the caller's scope, which leaves
# the builder image's check of container-build.cmake nothing to do.
function(_release_ci_runtime_glibc_check)
  if(NOT "${arg_GLIBC_CHECK}" STREQUAL "host" OR arg_HERMETIC)
    return()
  endif()
  set(need "")
  if(EXISTS "${arg_HOST_MANIFEST}")
    file(STRINGS "${arg_HOST_MANIFEST}" need REGEX "^glibc=")
    string(REGEX REPLACE "^glibc=" "" need "${need}")
  endif()
  if(NOT need MATCHES "^[0-9]+\\.[0-9]+")
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): glibc check skipped: the "
      "release records no glibc version (${arg_HOST_MANIFEST})")
  elseif("${arg_RUNTIME_GLIBC}" STREQUAL "")
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): glibc check skipped: the glibc "
      "of the runtime image ${arg_RUNTIME_IMAGE} is not known (set GLIBC_VERSION); the "
      "release needs GLIBC_${need}")
  elseif(need VERSION_GREATER arg_RUNTIME_GLIBC)
    _release_ci_build_fail("the release built on this machine needs GLIBC_${need}, "
      "but the runtime image ${arg_RUNTIME_IMAGE} has glibc ${arg_RUNTIME_GLIBC}: its programs "
      "would stop with 'GLIBC_2.xx not found'. Image ${arg_TAG} is not built. Fix: pick a "
      "RUNTIME_IMAGE with glibc ${need} or newer (the distribution release this "
      "machine runs), build the release on an older distribution, or drop HOST_RELEASE "
      "to build it in the image's builder stage.")
  else()
    message(STATUS "add_container_image(${arg_IMAGE_NAME}): glibc check: the release built "
      "on this machine needs GLIBC_${need}, runtime ${arg_RUNTIME_IMAGE} has ${arg_RUNTIME_GLIBC}")
  endif()
  set(arg_RUNTIME_IMAGE "" PARENT_SCOPE)
  set(arg_RUNTIME_GLIBC "" PARENT_SCOPE)
endfunction()

# _release_ci_runtime_format(<kind> <command-var>)
# Adds --format <arg_IMAGE_FORMAT> to the engine command for podman and buildah,
# whose default OCI format drops HEALTHCHECK (Docker always keeps it).
function(_release_ci_runtime_format kind command_var)
  if(NOT "${arg_IMAGE_FORMAT}" STREQUAL "" AND NOT kind STREQUAL "docker")
    list(APPEND ${command_var} --format "${arg_IMAGE_FORMAT}")
    set(${command_var} "${${command_var}}" PARENT_SCOPE)
  endif()
endfunction()
