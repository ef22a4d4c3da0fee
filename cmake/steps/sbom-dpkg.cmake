# What dpkg says of a release's bundled libraries, for steps/sbom.cmake.
#
# The native helper reads dpkg's database itself (`release-loader dpkg`,
# loader/dpkg.cpp: one pass over the packages' file lists, where
# `dpkg-query -S` took seconds for a large closure). Its answers depend only
# on the closure (which files came from where) and on dpkg's database, so they
# are kept in <work>/sbom-dpkg.cmake under a key of both: a rebuild after an
# edit of the program asks nothing.
include_guard(GLOBAL)

# _sbom_dpkg_facts()
# Sets, in the caller, parallel lists of the bundled libraries a package owns:
# SBOM_OWNED_NAMES (their closure names) and SBOM_OWNERS (the owning package
# as dpkg names it, e.g. libssl3:amd64); and of those packages:
# SBOM_PACKAGE_IDS (the same names), SBOM_PACKAGES, SBOM_VERSIONS and
# SBOM_ARCHES. Appends /var/lib/dpkg/status to `depends`. Writes one dpkg
# status stanza per package to ${status_out}/<package>.
set(_SBOM_DPKG_LISTS SBOM_OWNED_NAMES SBOM_OWNERS SBOM_PACKAGE_IDS SBOM_PACKAGES SBOM_VERSIONS
  SBOM_ARCHES)
function(_sbom_dpkg_facts)
  set(db_time "")
  set(db_size "")
  if(EXISTS /var/lib/dpkg/status)
    list(APPEND depends /var/lib/dpkg/status)
    file(TIMESTAMP /var/lib/dpkg/status db_time "%s")
    file(SIZE /var/lib/dpkg/status db_size)
  endif()
  file(SHA256 "${RELEASE_WORK_DIR}/closure.cmake" closure_hash)
  set(key "3|${db_time}|${db_size}|${closure_hash}")
  set(cache "${RELEASE_WORK_DIR}/sbom-dpkg.cmake")
  set(SBOM_KEY "")
  if(EXISTS "${cache}" AND IS_DIRECTORY "${status_out}")
    include("${cache}")
  endif()
  if(NOT SBOM_KEY STREQUAL key)
    _sbom_dpkg_ask("${key}" "${cache}")
    include("${cache}")
  endif()
  return(PROPAGATE depends ${_SBOM_DPKG_LISTS})
endfunction()

# _sbom_dpkg_ask(<key> <cache-file>): one helper call for the whole closure
# (each library looked up under every path dpkg may know it by: as given,
# real, either side of a merged /usr); writes the cache file, and the helper
# writes the status stanzas.
function(_sbom_dpkg_ask key cache)
  file(REMOVE_RECURSE "${status_out}")
  file(MAKE_DIRECTORY "${status_out}")
  foreach(var IN LISTS _SBOM_DPKG_LISTS)
    set(${var} "")
  endforeach()
  if(db_time AND RELEASE_CLOSURE_SOURCES)
    _release_loader_run(text "reading dpkg's database" dpkg /var/lib/dpkg "${status_out}"
      ${RELEASE_CLOSURE_SOURCES})
    _release_lines(records "${text}")
    # One record per library, in closure order: "owner TAB package TAB
    # version TAB architecture", or empty when no package owns it.
    foreach(name record IN ZIP_LISTS RELEASE_CLOSURE_NAMES records)
      if(NOT record MATCHES "^([^\t]+)\t([^\t]+)\t([^\t]*)\t([^\t]*)$")
        continue()
      endif()
      list(APPEND SBOM_OWNED_NAMES "${name}")
      list(APPEND SBOM_OWNERS "${CMAKE_MATCH_1}")
      if(NOT CMAKE_MATCH_1 IN_LIST SBOM_PACKAGE_IDS)
        list(APPEND SBOM_PACKAGE_IDS "${CMAKE_MATCH_1}")
        list(APPEND SBOM_PACKAGES "${CMAKE_MATCH_2}")
        list(APPEND SBOM_VERSIONS "${CMAKE_MATCH_3}")
        list(APPEND SBOM_ARCHES "${CMAKE_MATCH_4}")
      endif()
    endforeach()
  endif()
  set(content "")
  foreach(var IN LISTS _SBOM_DPKG_LISTS)
    _release_bracket(q "${${var}}")
    string(APPEND content "set(${var} ${q})\n")
  endforeach()
  _release_bracket(q "${key}")
  file(WRITE "${cache}" "${content}set(SBOM_KEY ${q})\n")
endfunction()
