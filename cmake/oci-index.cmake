# oci-index.cmake: one multi-platform OCI image from the single-platform
# archives that add_oci_image() wrote in several build trees (one per
# toolchain). No engine runs; the per-platform manifests keep their digests.
#
#   cmake -DOUTPUT=<file>.tar -DTAG=<image>:<tag> -P <cmake-release>/cmake/oci-index.cmake \
#         <build-amd64>/<name>.oci.tar <build-arm64>/<name>.oci.tar ...
#
# (or -DARCHIVES=<archive>;<archive> instead of the trailing arguments).
#
# Writes the image layout <file>/ (its index.json names one image index, which
# names each platform's manifest) and the archive <file>.tar, which
# `skopeo copy --all oci-archive:<file>.tar docker://<registry>/<image>:<tag>`
# pushes as a multi-platform image. (Docker's `docker load` takes one platform
# only: load the single-platform archives.) See docs/add_oci_image.md.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/ReleaseCommon.cmake")
set(OCI_FAIL_PREFIX "oci-index.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/steps/oci-lib.cmake")

# The archives: the arguments after -P <script>, or -DARCHIVES=<a>;<b>.
set(archives "${ARCHIVES}")
set(after_script FALSE)
if(DEFINED CMAKE_ARGC)
  math(EXPR last_arg "${CMAKE_ARGC} - 1")
  foreach(i RANGE ${last_arg})
    if(after_script)
      list(APPEND archives "${CMAKE_ARGV${i}}")
    elseif(CMAKE_ARGV${i} MATCHES "oci-index\\.cmake$")
      set(after_script TRUE)
    endif()
  endforeach()
endif()
if(NOT OUTPUT MATCHES "^(.+)\\.tar$" OR NOT TAG MATCHES "^[^ ]+:[^:/ ]+$" OR NOT archives)
  _oci_fail("usage: cmake -DOUTPUT=<file>.tar -DTAG=<image>:<tag> -P oci-index.cmake "
    "<archive>.oci.tar... Fix: give the output archive (ending in .tar), the tag and at "
    "least one archive written by add_oci_image().")
endif()
cmake_path(ABSOLUTE_PATH OUTPUT NORMALIZE)
string(REGEX REPLACE "\\.tar$" "" layout "${OUTPUT}")
if(NOT "$ENV{SOURCE_DATE_EPOCH}" MATCHES "^[0-9]+$")
  set(ENV{SOURCE_DATE_EPOCH} 0)
endif()

set(OCI_WORK_DIR "${layout}.work")
# _index_fail(<message>...): removes what this run wrote, then stops.
function(_index_fail)
  file(REMOVE_RECURSE "${layout}" "${OCI_WORK_DIR}")
  _oci_fail(${ARGN})
endfunction()
file(REMOVE_RECURSE "${layout}" "${OCI_WORK_DIR}")
file(MAKE_DIRECTORY "${layout}/blobs/sha256")
set(descs "")
set(platforms "")
set(n 0)
foreach(archive IN LISTS archives)
  cmake_path(ABSOLUTE_PATH archive NORMALIZE)
  set(x "${OCI_WORK_DIR}/${n}")
  math(EXPR n "${n} + 1")
  file(MAKE_DIRECTORY "${x}")
  file(ARCHIVE_EXTRACT INPUT "${archive}" DESTINATION "${x}")
  if(NOT EXISTS "${x}/index.json")
    _index_fail("'${archive}' is not an OCI archive (no index.json). Fix: give the "
      "<name>.oci.tar files that oci-image-<name> targets wrote.")
  endif()
  file(READ "${x}/index.json" index)
  string(JSON desc GET "${index}" manifests 0)
  string(JSON platform ERROR_VARIABLE no_platform GET "${desc}" platform)
  if(no_platform)
    _index_fail("'${archive}' names no platform in its index.json. Fix: give archives "
      "written by add_oci_image().")
  endif()
  string(JSON arch GET "${platform}" architecture)
  string(JSON variant ERROR_VARIABLE no_variant GET "${platform}" variant)
  if(no_variant)
    set(variant "")
  else()
    set(variant "/${variant}")
  endif()
  set(key "${arch}${variant}")
  if(key IN_LIST platforms)
    _index_fail("two archives are for the platform ${arch}${variant} ('${archive}' is the "
      "second). Fix: give one archive per platform (one build tree per toolchain).")
  endif()
  list(APPEND platforms "${key}")
  string(JSON desc REMOVE "${desc}" annotations)
  list(APPEND descs "${desc}")
  file(GLOB blobs RELATIVE "${x}/blobs/sha256" "${x}/blobs/sha256/*")
  foreach(b IN LISTS blobs)
    if(NOT EXISTS "${layout}/blobs/sha256/${b}")
      file(RENAME "${x}/blobs/sha256/${b}" "${layout}/blobs/sha256/${b}")
    endif()
  endforeach()
endforeach()
file(REMOVE_RECURSE "${OCI_WORK_DIR}")

list(JOIN descs ", " manifests)
set(image_index "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": [${manifests}]}")
file(MAKE_DIRECTORY "${OCI_WORK_DIR}")
file(WRITE "${OCI_WORK_DIR}/index.blob" "${image_index}")
_oci_blob(idx "${OCI_WORK_DIR}/index.blob" application/vnd.oci.image.index.v1+json)
string(REPLACE ":" "/" idx_path "${idx_DIGEST}")
file(RENAME "${OCI_WORK_DIR}/blobs/${idx_path}" "${layout}/blobs/${idx_path}")
file(REMOVE_RECURSE "${OCI_WORK_DIR}")

_release_json_string(qtag "${TAG}")
string(JSON top SET "${idx_DESC}" annotations "{\"org.opencontainers.image.ref.name\": ${qtag}}")
file(WRITE "${layout}/oci-layout" "{\"imageLayoutVersion\": \"1.0.0\"}")
file(WRITE "${layout}/index.json"
  "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": [${top}]}")
_oci_tar("${OUTPUT}.tmp" "${layout}" blobs index.json oci-layout)
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
list(JOIN platforms ", " platform_text)
message(STATUS "oci-index: ${TAG} ${idx_DIGEST} (${platform_text}) in ${OUTPUT}")
