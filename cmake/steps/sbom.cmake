# Build-time step of add_release(): the SBOM and the license notices.
#
#   cmake -P <work>/steps/sbom.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# In:  <work>/closure.cmake (where each bundled library came from), the staged
#      files <work>/stage/{libexec,lib}/… (their sha256 is the release's), dpkg's
#      database (/var/lib/dpkg, read by `release-loader dpkg`) and
#      /usr/share/doc/<package>/copyright.
# Out: <work>/sbom/releases/<vsn>/sbom.cdx.json (CycloneDX 1.5),
#      <work>/sbom/share/licenses/<package>/copyright (both copied into the
#      release by swap.cmake), <work>/sbom-status.d/<package> (dpkg status
#      stanzas, for images), <work>/sbom.stamp, depfile <work>/sbom.d, and the
#      cache of dpkg's answers <work>/sbom-dpkg.cmake (sbom-dpkg.cmake).
#
# The SBOM names files by their path in the release and packages by purl;
# it holds no path of the build machine. A library no Debian package owns
# (the project's own, LIBRARY_DIRS) is listed as a file of no package.
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/plugins.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/sbom-dpkg.cmake")
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

# _sbom_file(<out-var> <release-path>): a CycloneDX file component (its
# hash from `hashed` and `hashes`: _sbom_hashes).
function(_sbom_file out rel)
  _release_lookup(hash "${RELEASE_WORK_DIR}/stage/${rel}" hashed hashes)
  _release_json_string(q "${rel}")
  set(${out} "{\"type\": \"file\", \"bom-ref\": ${q}, \"name\": ${q}, \"hashes\": [{\"alg\": \"SHA-256\", \"content\": \"${hash}\"}]" PARENT_SCOPE)
endfunction()

# _sbom_license(<out-var> <copyright-file>): the license of "Files: *" of a
# machine-readable (DEP-5) copyright file, as a CycloneDX licenses array.
function(_sbom_license out copyright)
  set(${out} "" PARENT_SCOPE)
  file(READ "${copyright}" text LIMIT 1000000)
  if(NOT text MATCHES "^Format: [^\n]*copyright-format")
    return()
  endif()
  if(text MATCHES "\nFiles: *\\*[ \t]*\n([^\n]+\n)*License: *([^\n]+)")
    string(STRIP "${CMAKE_MATCH_2}" license)
    _release_json_string(q "${license}")
    set(${out} ", \"licenses\": [{\"license\": {\"name\": ${q}}}]" PARENT_SCOPE)
  endif()
endfunction()

# _sbom_os()
# os-release: the purl's namespace (`os_id`) and distro (`distro`).
function(_sbom_os)
  set(os_id debian)
  set(os_version "")
  if(EXISTS /etc/os-release)
    file(STRINGS /etc/os-release os_lines REGEX "^(ID|VERSION_ID)=")
    foreach(l IN LISTS os_lines)
      if(l MATCHES "^ID=\"?([a-z0-9._-]+)\"?$")
        set(os_id "${CMAKE_MATCH_1}")
      elseif(l MATCHES "^VERSION_ID=\"?([A-Za-z0-9._-]+)\"?$")
        set(os_version "${CMAKE_MATCH_1}")
      endif()
    endforeach()
  endif()
  set(distro "")
  if(os_version)
    set(distro "&distro=${os_id}-${os_version}")
  endif()
  return(PROPAGATE os_id distro)
endfunction()

# _sbom_components()
# The components of the bundled libraries, one per Debian package with its
# files (and a file component for each library of no package), into
# `components`; the license notices into <out>/share/licenses, their
# copyright files appended to `depends`.
function(_sbom_components)
  # Each owned library once, as "<owner> TAB <closure index>": sorted, the
  # libraries of a package are together, in closure order (one pass; the
  # packages in sorted order).
  set(owned "")
  set(loose "")
  set(index -1)
  foreach(name IN LISTS RELEASE_CLOSURE_NAMES)
    math(EXPR index "${index} + 1")
    list(FIND SBOM_OWNED_NAMES "${name}" at)
    if(at EQUAL -1)
      _sbom_file(fc "lib/${name}")
      list(APPEND loose "${fc}, \"properties\": [{\"name\": \"cmake-release:origin\", \"value\": \"not from a package\"}]}")
      continue()
    endif()
    list(GET SBOM_OWNERS ${at} owner)
    string(LENGTH "00000${index}" n)
    math(EXPR n "${n} - 6")
    string(SUBSTRING "00000${index}" ${n} 6 key)
    list(APPEND owned "${owner}\t${key}")
  endforeach()
  list(SORT owned)

  set(components "")
  set(license_dirs "")
  set(owner "")
  set(files "")
  foreach(entry IN LISTS owned ITEMS "")
    string(REGEX REPLACE "\t.*" "" next "${entry}")
    if(NOT next STREQUAL owner AND NOT owner STREQUAL "")
      list(JOIN files ", " files)
      _sbom_package(component "${owner}" "${files}")
      list(APPEND components "${component}")
      set(files "")
    endif()
    set(owner "${next}")
    if(entry MATCHES "\t0*([0-9]+)$")
      list(GET RELEASE_CLOSURE_NAMES ${CMAKE_MATCH_1} name)
      _sbom_file(fc "lib/${name}")
      list(APPEND files "${fc}}")
    endif()
  endforeach()
  list(APPEND components ${loose})
  # Notices of packages the release no longer bundles, and other releases' files.
  file(GLOB stale LIST_DIRECTORIES true RELATIVE "${out}/share/licenses" "${out}/share/licenses/*")
  foreach(dir IN LISTS stale)
    if(NOT dir IN_LIST license_dirs)
      file(REMOVE_RECURSE "${out}/share/licenses/${dir}")
    endif()
  endforeach()
  file(GLOB stale LIST_DIRECTORIES true RELATIVE "${out}/releases" "${out}/releases/*")
  list(REMOVE_ITEM stale "${RELEASE_VSN}")
  foreach(dir IN LISTS stale)
    file(REMOVE_RECURSE "${out}/releases/${dir}")
  endforeach()
  return(PROPAGATE components depends)
endfunction()

# _sbom_package(<component-var> <owner> <file-components>)
# The component of the package <owner> (as dpkg names it: what
# _sbom_dpkg_facts says of it) holding <file-components>; its license notice
# copied to <out>/share/licenses/<package>/ (listed in the caller's
# `license_dirs`, its copyright file appended to `depends`).
function(_sbom_package component_var owner file_components)
  list(FIND SBOM_PACKAGE_IDS "${owner}" at)
  if(at EQUAL -1)   # the helper gives each owner's package with its owner
    message(FATAL_ERROR "_sbom_package: nothing is known of the package '${owner}'")
  endif()
  list(GET SBOM_PACKAGES ${at} package)
  list(GET SBOM_VERSIONS ${at} version)
  list(GET SBOM_ARCHES ${at} arch)
  # purl: the version's ':' (epoch) and '+' are percent-encoded.
  string(REPLACE "%" "%25" v "${version}")
  string(REPLACE ":" "%3A" v "${v}")
  string(REPLACE "+" "%2B" v "${v}")
  set(purl "pkg:deb/${os_id}/${package}@${v}?arch=${arch}${distro}")
  set(license "")
  set(copyright "/usr/share/doc/${package}/copyright")
  if(EXISTS "${copyright}")
    _sbom_license(license "${copyright}")
    file(MAKE_DIRECTORY "${out}/share/licenses/${package}")
    file(COPY_FILE "${copyright}" "${out}/share/licenses/${package}/copyright" ONLY_IF_DIFFERENT)
    list(APPEND license_dirs "${package}")
    list(APPEND depends "${copyright}")
  endif()
  _release_json_string(qname "${package}")
  _release_json_string(qversion "${version}")
  set(${component_var} "{\"type\": \"library\", \"bom-ref\": \"${purl}\", \"name\": ${qname}, \"version\": ${qversion}, \"purl\": \"${purl}\"${license}, \"components\": [${file_components}]}" PARENT_SCOPE)
  return(PROPAGATE license_dirs depends)
endfunction()

# _release_sbom_impl(NAME <release> VSN <vsn> WORK_DIR <dir> LOADER <helper> PROGRAMS <name>...)
function(_release_sbom_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;WORK_DIR;BUILD_DIR;LOADER" "PROGRAMS")
  # Concurrent builds of one tree take turns (see _release_step_lock).
  _release_step_lock()
  include("${RELEASE_WORK_DIR}/closure.cmake")
  set(out "${RELEASE_WORK_DIR}/sbom")
  set(status_out "${RELEASE_WORK_DIR}/sbom-status.d")
  # Files are rewritten only when their content changes: the image's library
  # layer is reused as long as its files keep their times (steps/oci-image.cmake).
  file(MAKE_DIRECTORY "${out}/releases/${RELEASE_VSN}")
  set(depends "")
  # Which package owns each bundled library (dpkg's database, cached).
  _sbom_dpkg_facts()
  _sbom_hashes()
  _sbom_os()
  _sbom_components()

  # The described component: the release, its programs (and plugins) as files.
  set(programs "")
  _release_plugins_read(plugin_files plugin_rels plugin_config)   # steps/plugins.cmake
  list(TRANSFORM RELEASE_PROGRAMS PREPEND "libexec/" OUTPUT_VARIABLE program_rels)
  foreach(rel IN LISTS program_rels plugin_rels)
    _sbom_file(fc "${rel}")
    list(APPEND programs "${fc}}")
  endforeach()
  list(JOIN programs ", " programs)
  list(JOIN components ",\n    " components)
  _release_json_string(qname "${RELEASE_NAME}")
  _release_json_string(qvsn "${RELEASE_VSN}")
  string(UUID serial NAMESPACE 6ba7b811-9dad-11d1-80b4-00c04fd430c8
    NAME "${RELEASE_NAME}@${RELEASE_VSN}:${programs}${components}" TYPE SHA1)
  string(CONCAT bom "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n"
    "  \"serialNumber\": \"urn:uuid:${serial}\",\n  \"version\": 1,\n"
    "  \"metadata\": {\"tools\": {\"components\": [{\"type\": \"application\", \"name\": \"cmake-release\"}]},\n"
    "    \"component\": {\"type\": \"application\", \"bom-ref\": ${qname}, \"name\": ${qname}, "
    "\"version\": ${qvsn}, \"components\": [${programs}]}},\n"
    "  \"components\": [\n    ${components}\n  ]\n}\n")
  _release_write_if_different("${out}/releases/${RELEASE_VSN}/sbom.cdx.json" "${bom}")

  _release_write_depfile("${RELEASE_WORK_DIR}/sbom.d" "${RELEASE_WORK_DIR}/sbom.stamp"
    "${RELEASE_WORK_DIR}/closure.cmake" ${depends})
  file(TOUCH "${RELEASE_WORK_DIR}/sbom.stamp")
endfunction()
