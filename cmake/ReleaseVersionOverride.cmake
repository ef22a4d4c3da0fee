# Internal helper of add_release() (Release.cmake): the version a build is
# told to give a release, for the builder stage of an image.
# No include guard: it defines only functions, and add_release() includes it
# again into its own scope (see ReleaseCommon.cmake).
#
# Why: a project that computes its version (git rev-list --count HEAD, git
# describe) cannot compute it again in an image's builder stage, whose
# context has no .git. The image's Dockerfile therefore configures the builder
# with -DRELEASE_VERSION_OVERRIDE=<release>=<the version this build has>, and
# add_release() takes that version instead of its own: the image's release is
# the host's, under the host's version, whatever the project computed it from.

# _release_version_override(<name> <version-var>)
# Replaces <version-var> of the caller by the version RELEASE_VERSION_OVERRIDE
# (a list of <release>=<version>) gives release <name>, if it gives one.
function(_release_version_override name version_var)
  foreach(pair IN LISTS RELEASE_VERSION_OVERRIDE)
    if(NOT pair MATCHES "^([^=]+)=(.+)$")
      _release_fail("RELEASE_VERSION_OVERRIDE item '${pair}' "
        "is not <release>=<version>. Fix: give each item as <release>=<version>, "
        "e.g. -DRELEASE_VERSION_OVERRIDE=${name}=1.2.3.")
    endif()
    if(CMAKE_MATCH_1 STREQUAL name)
      set(${version_var} "${CMAKE_MATCH_2}" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()
