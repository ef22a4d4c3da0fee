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
#      release by the swap step, loader/swap.cpp), <work>/sbom-status.d/<package> (dpkg status
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
# The sha256 of every staged program, library and plugin (`plugin_rels`:
# steps/plugins.cmake): `hashed` (the files) and `hashes`, in the same order. Kept in <work>/sbom-hashes.txt by the file's
# identity (steps/file-cache.cmake), so that a run after one program was
# staged again hashes that program only.
set(_SBOM_HASHES_FORMAT "cmake-release sbom-hashes 2: sha256")
function(_sbom_hashes)
  list(TRANSFORM RELEASE_PROGRAMS PREPEND "${RELEASE_WORK_DIR}/stage/libexec/" OUTPUT_VARIABLE hashed)
  list(TRANSFORM RELEASE_CLOSURE_NAMES PREPEND "${RELEASE_WORK_DIR}/stage/lib/" OUTPUT_VARIABLE libs)
  list(TRANSFORM plugin_rels PREPEND "${RELEASE_WORK_DIR}/stage/" OUTPUT_VARIABLE plugins)
  list(APPEND hashed ${libs} ${plugins})
  set(cache "${RELEASE_WORK_DIR}/sbom-hashes.txt")
  _release_file_cache_read(FILE "${cache}" FORMAT "${_SBOM_HASHES_FORMAT}" READER _sbom_sha256
    KEYS keys VALUES hashes CHANGED changed FILES ${hashed})
  if(changed)
    _release_file_cache_write("${cache}" "${_SBOM_HASHES_FORMAT}" hashed keys hashes)
  endif()
  return(PROPAGATE hashed hashes)
endfunction()

# _sbom_sha256(<out-var> <file>...): the sha256 of each <file>, in order.
# One helper call (`release-loader sha256`, loader/sha256.cpp): it hashes
# several files at once with the CPU's SHA instructions, where file(SHA256)
# hashes one after the other (ffmpeg's 233 MB: 0.12 s against 0.30 s).
function(_sbom_sha256 out)
  set(hashes "")
  if(ARGN)
    _release_loader_run(lines "hashing the staged files" sha256 ${ARGN})
    _release_lines(hashes "${lines}")
  endif()
  set(${out} "${hashes}" PARENT_SCOPE)
endfunction()

# _release_sbom_impl(NAME <release> VSN <vsn> WORK_DIR <dir> LOADER <helper> PROGRAMS <name>...)
function(_release_sbom_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;WORK_DIR;DEPFILE_ROOT;LOADER" "PROGRAMS")
  # Concurrent builds of one tree take turns (see _release_step_lock).
  _release_step_lock()
  include("${RELEASE_WORK_DIR}/closure.cmake")
  _release_plugins_read(plugin_files plugin_rels plugin_config)   # steps/plugins.cmake
  _sbom_hashes()
  # The release's own files, its programs and plugins, and the libraries
  # (`hashes` holds the programs' first, then the libraries', the plugins').
  list(TRANSFORM RELEASE_PROGRAMS PREPEND "libexec/" OUTPUT_VARIABLE own_rels)
  list(APPEND own_rels ${plugin_rels})
  set(args "")
  foreach(rel IN LISTS own_rels)
    _release_lookup(hash "${RELEASE_WORK_DIR}/stage/${rel}" hashed hashes)
    list(APPEND args --file "${rel}" "${hash}")
  endforeach()
  list(LENGTH RELEASE_PROGRAMS n_programs)
  list(LENGTH RELEASE_CLOSURE_NAMES n_libs)
  if(n_libs GREATER 0)
    list(SUBLIST hashes ${n_programs} ${n_libs} lib_hashes)
  endif()
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
