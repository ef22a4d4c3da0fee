# Build-time step of add_release(): the SBOM and the license notices.
#
#   cmake -P <work>/steps/sbom.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# In:  <work>/closure.cmake (where each bundled library came from), the staged
#      files <work>/stage/{libexec,lib}/… (their sha256 is the release's), dpkg's
#      database (/var/lib/dpkg), /etc/os-release and
#      /usr/share/doc/<package>/copyright, all but the hashes read by
#      `release-loader sbom` (loader/sbom.cpp).
# Out: <work>/sbom/releases/<vsn>/sbom.cdx.json (CycloneDX 1.5),
#      <work>/sbom/share/licenses/<package>/copyright (both copied into the
#      release by swap.cmake), <work>/sbom-status.d/<package> (dpkg status
#      stanzas, for images), the caches <work>/sbom-hashes.txt (hashes) and
#      <work>/sbom-dpkg.txt (dpkg's answers), <work>/sbom.stamp and depfile
#      <work>/sbom.d.
#
# The SBOM names files by their path in the release and packages by purl;
# it holds no path of the build machine. A library no Debian package owns
# (the project's own, LIBRARY_DIRS) is listed as a file of no package.
# Files are rewritten only when their content changes: the image's library
# layer is reused as long as its files keep their times (steps/oci-image.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/plugins.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/file-cache.cmake")

# _sbom_hashes()
# The sha256 of every staged program and library: `hashed` (the files) and
# `hashes`, in the same order. Kept in <work>/sbom-hashes.txt by the file's
# identity (steps/file-cache.cmake), so that a run after one program was
# staged again hashes that program only.
set(_SBOM_HASHES_FORMAT "cmake-release sbom-hashes 2: sha256")
function(_sbom_hashes)
  list(TRANSFORM RELEASE_PROGRAMS PREPEND "${RELEASE_WORK_DIR}/stage/libexec/" OUTPUT_VARIABLE hashed)
  list(TRANSFORM RELEASE_CLOSURE_NAMES PREPEND "${RELEASE_WORK_DIR}/stage/lib/" OUTPUT_VARIABLE libs)
  list(APPEND hashed ${libs})
  set(cache "${RELEASE_WORK_DIR}/sbom-hashes.txt")
  _release_file_cache_read(FILE "${cache}" FORMAT "${_SBOM_HASHES_FORMAT}" READER _sbom_sha256
    KEYS keys VALUES hashes CHANGED changed FILES ${hashed})
  if(changed)
    _release_file_cache_write("${cache}" "${_SBOM_HASHES_FORMAT}" hashed keys hashes)
  endif()
  return(PROPAGATE hashed hashes)
endfunction()

# _sbom_sha256(<out-var> <file>...): the sha256 of each <file>.
function(_sbom_sha256 out)
  set(hashes "")
  foreach(file IN LISTS ARGN)
    file(SHA256 "${file}" hash)
    list(APPEND hashes "${hash}")
  endforeach()
  set(${out} "${hashes}" PARENT_SCOPE)
endfunction()

# _release_sbom_impl(NAME <release> VSN <vsn> WORK_DIR <dir> LOADER <helper> PROGRAMS <name>...)
function(_release_sbom_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;WORK_DIR;LOADER" "PROGRAMS")
  # Concurrent builds of one tree take turns (see _release_step_lock).
  _release_step_lock()
  include("${RELEASE_WORK_DIR}/closure.cmake")
  _sbom_hashes()
  # The release's own files: its programs (`hashes` holds theirs first, then
  # the libraries') and plugins (steps/plugins.cmake; _sbom_hashes() leaves
  # them out, the SBOM lists them with no hash).
  list(LENGTH RELEASE_PROGRAMS n)
  list(SUBLIST hashes 0 ${n} program_hashes)
  list(SUBLIST hashes ${n} -1 lib_hashes)
  set(args "")
  foreach(program hash IN ZIP_LISTS RELEASE_PROGRAMS program_hashes)
    list(APPEND args --file "libexec/${program}" "${hash}")
  endforeach()
  _release_plugins_read(plugin_files plugin_rels plugin_config)
  foreach(rel IN LISTS plugin_rels)
    _release_lookup(hash "${RELEASE_WORK_DIR}/stage/${rel}" hashed hashes)
    if(hash STREQUAL "")
      list(APPEND args --unhashed-file "${rel}")
    else()
      list(APPEND args --file "${rel}" "${hash}")
    endif()
  endforeach()
  foreach(name source hash IN ZIP_LISTS RELEASE_CLOSURE_NAMES RELEASE_CLOSURE_SOURCES lib_hashes)
    list(APPEND args --library "${name}" "${source}" "${hash}")
  endforeach()
  _release_loader_run(depends "writing the SBOM" sbom --admindir /var/lib/dpkg
    --docdir /usr/share/doc --os-release /etc/os-release --out "${RELEASE_WORK_DIR}/sbom"
    --status-out "${RELEASE_WORK_DIR}/sbom-status.d" --name "${RELEASE_NAME}"
    --vsn "${RELEASE_VSN}" --cache "${RELEASE_WORK_DIR}/sbom-dpkg.txt" ${args})
  _release_lines(depends "${depends}")
  _release_write_depfile("${RELEASE_WORK_DIR}/sbom.d" "${RELEASE_WORK_DIR}/sbom.stamp"
    "${RELEASE_WORK_DIR}/closure.cmake" ${depends})
  file(TOUCH "${RELEASE_WORK_DIR}/sbom.stamp")
endfunction()
