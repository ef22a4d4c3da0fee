# What dpkg says of a release's bundled libraries, for steps/sbom.cmake.
#
# dpkg-query reads every package's file list for -S: seconds, much more on a
# busy machine. Its answers depend only on the closure (which files came from
# where) and on dpkg's database, so they are kept in <work>/sbom-dpkg.cmake
# under a key of both: a rebuild after an edit of the program asks nothing.
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
  find_program(dpkg_query dpkg-query)
  set(db_time "")
  set(db_size "")
  if(dpkg_query AND EXISTS /var/lib/dpkg/status)
    list(APPEND depends /var/lib/dpkg/status)
    file(TIMESTAMP /var/lib/dpkg/status db_time "%s")
    file(SIZE /var/lib/dpkg/status db_size)
  endif()
  file(SHA256 "${RELEASE_WORK_DIR}/closure.cmake" closure_hash)
  set(key "2|${dpkg_query}|${db_time}|${db_size}|${closure_hash}")
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

# _sbom_dpkg_spellings(<out-var> <source>)
# The paths dpkg may know <source> by. dpkg records the paths packages
# install (/lib/… or /usr/lib/… as each package has it); on a merged-/usr
# system the file may be found through the other one, and through its
# soname symlink or its real name.
function(_sbom_dpkg_spellings out source)
  file(REAL_PATH "${source}" real)
  set(spellings "")
  foreach(p "${source}" "${real}")
    list(APPEND spellings "${p}")
    if(p MATCHES "^/usr(/(lib|bin|sbin)[^/]*/.*)$")
      list(APPEND spellings "${CMAKE_MATCH_1}")
    elseif(p MATCHES "^/(lib|bin|sbin)[^/]*/")
      list(APPEND spellings "/usr${p}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES spellings)
  set(${out} "${spellings}" PARENT_SCOPE)
endfunction()

# _sbom_dpkg_ask(<key> <cache-file>): three dpkg-query calls for the whole
# closure; writes the cache file and the status stanzas.
function(_sbom_dpkg_ask key cache)
  file(REMOVE_RECURSE "${status_out}")
  file(MAKE_DIRECTORY "${status_out}")
  # Ask for every spelling of every library.
  set(candidates "")
  foreach(source IN LISTS RELEASE_CLOSURE_SOURCES)
    _sbom_dpkg_spellings(spellings "${source}")
    list(APPEND candidates ${spellings})
  endforeach()
  set(lines "")
  if(dpkg_query AND candidates)
    # Exit status 1 when some path has no package: expected.
    execute_process(COMMAND "${dpkg_query}" -S ${candidates} OUTPUT_VARIABLE lines ERROR_QUIET)
  endif()
  _release_lines(lines "${lines}")
  # Each path dpkg names, and its owner (the last line for a path wins).
  set(paths "")
  set(path_owners "")
  foreach(line IN LISTS lines)
    # "pkg[:arch][, pkg2…]: /path"; "diversion by …" lines are not owners.
    if(NOT line MATCHES "^diversion " AND line MATCHES "^([^ ,:]+(:[a-z0-9]+)?)(, [^:]+)*: (/.*)$")
      list(PREPEND paths "${CMAKE_MATCH_4}")
      list(PREPEND path_owners "${CMAKE_MATCH_1}")
    endif()
  endforeach()

  set(SBOM_OWNED_NAMES "")
  set(SBOM_OWNERS "")
  foreach(name source IN ZIP_LISTS RELEASE_CLOSURE_NAMES RELEASE_CLOSURE_SOURCES)
    _sbom_dpkg_spellings(spellings "${source}")
    foreach(p IN LISTS spellings)
      list(FIND paths "${p}" at)
      if(at GREATER -1)
        list(GET path_owners ${at} pkg)
        list(APPEND SBOM_OWNED_NAMES "${name}")
        list(APPEND SBOM_OWNERS "${pkg}")
        break()
      endif()
    endforeach()
  endforeach()
  set(owners ${SBOM_OWNERS})
  list(REMOVE_DUPLICATES owners)
  set(SBOM_PACKAGE_IDS "")
  set(SBOM_PACKAGES "")
  set(SBOM_VERSIONS "")
  set(SBOM_ARCHES "")
  if(owners)
    execute_process(COMMAND "${dpkg_query}" -W
        "-f=\${binary:Package}\t\${Package}\t\${Version}\t\${Architecture}\n" ${owners}
      OUTPUT_VARIABLE fields ERROR_QUIET)
    _release_lines(fields "${fields}")
    foreach(line IN LISTS fields)
      if(line MATCHES "^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
        list(APPEND SBOM_PACKAGE_IDS "${CMAKE_MATCH_1}")
        list(APPEND SBOM_PACKAGES "${CMAKE_MATCH_2}")
        list(APPEND SBOM_VERSIONS "${CMAKE_MATCH_3}")
        list(APPEND SBOM_ARCHES "${CMAKE_MATCH_4}")
      endif()
    endforeach()
    # The packages' status stanzas, for scanners of distroless-style images:
    # dpkg-query -s prints them separated by one empty line.
    execute_process(COMMAND "${dpkg_query}" -s ${owners} OUTPUT_VARIABLE stanzas ERROR_QUIET)
    string(REPLACE ";" "\\;" stanzas "${stanzas}")
    string(REGEX REPLACE "\n\n+" "\n;" stanzas "${stanzas}")
    foreach(stanza IN LISTS stanzas)
      if(stanza MATCHES "^Package: ([^\n]+)\n")
        file(WRITE "${status_out}/${CMAKE_MATCH_1}" "${stanza}")
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
