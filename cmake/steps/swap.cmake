# Build-time step 5 of add_release(): put the new release in place.
#
#   cmake -DRELEASE_CONFIG=<work>/config.cmake -P swap.cmake
#
# In:  <work>/stage, <work>/rendered, <work>/manifest.txt, the OVERLAYS.
# Out: <OUTPUT_DIRECTORY>/<name>, <work>/assembled.stamp, depfile <work>/swap.d.
#
# The new release is built beside the old one (.<name>.new: hard links to the
# staged files, which are never modified once staged, copies of the rest),
# then renamed into place. A failure before the rename leaves the previous
# release as it was; the two renames leave no moment with a mix of both.
# The tmp/ directory of the previous release (pid file and log of a running
# daemon) moves to the new one.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${RELEASE_CONFIG}")

get_filename_component(out_dir "${RELEASE_DIR}" DIRECTORY)
set(new "${out_dir}/.${RELEASE_NAME}.new")
set(old "${out_dir}/.${RELEASE_NAME}.old")
file(REMOVE_RECURSE "${new}" "${old}")
file(MAKE_DIRECTORY "${new}")

# Staged programs and libraries: hard links (copies across file systems).
set(stage "${RELEASE_WORK_DIR}/stage")
file(GLOB_RECURSE staged LIST_DIRECTORIES false RELATIVE "${stage}" "${stage}/*")
foreach(rel IN LISTS staged)
  get_filename_component(dir "${new}/${rel}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  file(CREATE_LINK "${stage}/${rel}" "${new}/${rel}" COPY_ON_ERROR)
endforeach()

# Control script, env hook and manifest.
file(COPY "${RELEASE_WORK_DIR}/rendered/" DESTINATION "${new}")
file(COPY_FILE "${RELEASE_WORK_DIR}/manifest.txt" "${new}/releases/${RELEASE_VSN}/manifest.txt")
# The SBOM (releases/<vsn>/sbom.cdx.json) and license notices
# (share/licenses/<package>/) of steps/sbom.cmake.
file(COPY "${RELEASE_WORK_DIR}/sbom/" DESTINATION "${new}")

# Overlays, verbatim; they may add files but not replace the release's own.
set(overlay_deps "")
foreach(overlay IN LISTS RELEASE_OVERLAYS)
  file(GLOB_RECURSE entries LIST_DIRECTORIES true RELATIVE "${overlay}" "${overlay}/*")
  list(APPEND overlay_deps "${overlay}")
  foreach(rel IN LISTS entries)
    list(APPEND overlay_deps "${overlay}/${rel}")
    if(EXISTS "${new}/${rel}" AND NOT IS_DIRECTORY "${new}/${rel}")
      file(REMOVE_RECURSE "${new}")
      _release_fail("the overlay file '${overlay}/${rel}' would replace '${rel}', which "
        "the release makes itself. Fix: rename or remove it from the overlay.")
    endif()
  endforeach()
  file(COPY "${overlay}/" DESTINATION "${new}")
endforeach()

# Keep a running daemon's state.
if(IS_DIRECTORY "${RELEASE_DIR}/tmp" AND NOT EXISTS "${new}/tmp")
  file(RENAME "${RELEASE_DIR}/tmp" "${new}/tmp")
endif()

if(EXISTS "${RELEASE_DIR}")
  file(RENAME "${RELEASE_DIR}" "${old}")
endif()
file(RENAME "${new}" "${RELEASE_DIR}")
file(REMOVE_RECURSE "${old}")
# bin/<name> is a declared output of this step: file(COPY) kept the rendered
# file's older time, which would make the build tool run this step every time.
file(TOUCH_NOCREATE "${RELEASE_DIR}/bin/${RELEASE_NAME}")

# The manifest is always listed, so the depfile is never empty.
_release_write_depfile("${RELEASE_WORK_DIR}/swap.d" "${RELEASE_WORK_DIR}/assembled.stamp"
  "${RELEASE_WORK_DIR}/manifest.txt" ${overlay_deps})
file(TOUCH "${RELEASE_WORK_DIR}/assembled.stamp")
