# What dpkg says of a release's bundled libraries, for steps/sbom.cmake.
#
# dpkg-query reads every package's file list for -S: seconds, much more on a
# busy machine. Its answers depend only on the closure (which files came from
# where) and on dpkg's database, so they are kept in <work>/sbom-dpkg.cmake
# under a key of both: a rebuild after an edit of the program asks nothing.
include_guard(GLOBAL)

# _sbom_dpkg_facts()
# Sets, in the caller: SBOM_OWNER_<closure name> (the owning package as dpkg
# names it, e.g. libssl3:amd64; "" for none), SBOM_FIELDS_<owner> (package;
# version;architecture), and appends /var/lib/dpkg/status to `depends`.
# Writes one dpkg status stanza per package to ${status_out}/<package>.
macro(_sbom_dpkg_facts)
  find_program(dpkg_query dpkg-query)
  set(_status_db "")
  if(dpkg_query AND EXISTS /var/lib/dpkg/status)
    set(_status_db /var/lib/dpkg/status)
    list(APPEND depends /var/lib/dpkg/status)
    file(TIMESTAMP /var/lib/dpkg/status _db_time "%s")
    file(SIZE /var/lib/dpkg/status _db_size)
  endif()
  file(SHA256 "${RELEASE_WORK_DIR}/closure.cmake" _closure_hash)
  set(_key "1|${dpkg_query}|${_db_time}|${_db_size}|${_closure_hash}")
  set(_cache "${RELEASE_WORK_DIR}/sbom-dpkg.cmake")
  set(SBOM_KEY "")
  if(EXISTS "${_cache}" AND IS_DIRECTORY "${status_out}")
    include("${_cache}")
  endif()
  if(NOT SBOM_KEY STREQUAL _key)
    _sbom_dpkg_ask("${_key}" "${_cache}")
    include("${_cache}")
  endif()
endmacro()

# _sbom_dpkg_ask(<key> <cache-file>): three dpkg-query calls for the whole
# closure; writes the cache file and the status stanzas.
function(_sbom_dpkg_ask key cache)
  file(REMOVE_RECURSE "${status_out}")
  file(MAKE_DIRECTORY "${status_out}")
  # dpkg records the paths packages install (/lib/… or /usr/lib/… as each
  # package has it); on a merged-/usr system the file may be found through
  # the other one, and through its soname symlink or its real name: ask for
  # every spelling.
  set(candidates "")
  foreach(name source IN ZIP_LISTS RELEASE_CLOSURE_NAMES RELEASE_CLOSURE_SOURCES)
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
    set(spellings_${name} "${spellings}")
    list(APPEND candidates ${spellings})
  endforeach()
  set(lines "")
  if(dpkg_query AND candidates)
    # Exit status 1 when some path has no package: expected.
    execute_process(COMMAND "${dpkg_query}" -S ${candidates} OUTPUT_VARIABLE lines ERROR_QUIET)
  endif()
  string(REPLACE ";" "\\;" lines "${lines}")
  string(REPLACE "\n" ";" lines "${lines}")
  foreach(line IN LISTS lines)
    # "pkg[:arch][, pkg2…]: /path"; "diversion by …" lines are not owners.
    if(NOT line MATCHES "^diversion " AND line MATCHES "^([^ ,:]+(:[a-z0-9]+)?)(, [^:]+)*: (/.*)$")
      set(owner_${CMAKE_MATCH_4} "${CMAKE_MATCH_1}")
    endif()
  endforeach()

  set(content "set(SBOM_KEY [==[${key}]==])\n")
  set(owners "")
  foreach(name IN LISTS RELEASE_CLOSURE_NAMES)
    set(pkg "")
    foreach(p IN LISTS spellings_${name})
      if(DEFINED owner_${p})
        set(pkg "${owner_${p}}")
        break()
      endif()
    endforeach()
    list(APPEND owners ${pkg})
    string(APPEND content "set([==[SBOM_OWNER_${name}]==] [==[${pkg}]==])\n")
  endforeach()
  list(REMOVE_DUPLICATES owners)
  if(owners)
    execute_process(COMMAND "${dpkg_query}" -W
        "-f=\${binary:Package}\t\${Package}\t\${Version}\t\${Architecture}\n" ${owners}
      OUTPUT_VARIABLE fields ERROR_QUIET)
    string(REPLACE ";" "\\;" fields "${fields}")
    string(REPLACE "\n" ";" fields "${fields}")
    foreach(line IN LISTS fields)
      if(line MATCHES "^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
        string(APPEND content "set([==[SBOM_FIELDS_${CMAKE_MATCH_1}]==] "
          "[==[${CMAKE_MATCH_2};${CMAKE_MATCH_3};${CMAKE_MATCH_4}]==])\n")
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
  file(WRITE "${cache}" "${content}")
endfunction()
