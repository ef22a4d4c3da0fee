# Build-time step 1 of add_release(): resolve the shared-library closure.
#
#   cmake -DRELEASE_CONFIG=<work>/config.cmake -P resolve.cmake
#
# In:  the programs and LIBRARIES named in the configuration.
# Out: <work>/closure.cmake (touched on every run, its content rewritten only
#      when the closure changes) and the depfile <work>/resolve.d listing every
#      library read, so the step runs again when one of them changes.
#
# The search follows the dynamic loader: a file's DT_RPATH (when it has no
# DT_RUNPATH, together with the RPATH of the program loading it), its
# DT_RUNPATH, LIBRARY_DIRS, then the target's system directories. A candidate
# of the wrong ELF class or machine is skipped, as the loader skips it. The
# walk is breadth-first and reads each level of new files with one readelf
# call, which keeps a closure of hundreds of libraries to a few processes.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${RELEASE_CONFIG}")

# A needed name either is ours to bundle, or is left to the target system.
function(_release_left_to_target out needed)
  if(needed MATCHES "${_RELEASE_GLIBC_REGEX}")
    set(${out} TRUE PARENT_SCOPE)
    return()
  endif()
  foreach(regex IN LISTS RELEASE_EXCLUDE)
    if(needed MATCHES "${regex}")
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

# Files to read at the next level, with the name they are bundled under
# ("" for programs), the file that needed them, and the search state.
set(files_to_read "")
set(read_count 0)
set(depends "")
set(aw_count 0)
set(soname_files "")

# Programs and LIBRARIES are the roots of the walk.
foreach(file IN LISTS RELEASE_PROGRAM_FILES)
  if(NOT EXISTS "${file}")
    _release_fail("the program '${file}' does not exist. Fix: build it first (the "
      "release-${RELEASE_NAME} target depends on it; check its IMPORTED_LOCATION).")
  endif()
  list(APPEND files_to_read "${file}")
  set(role_${read_count} "program")
  math(EXPR read_count "${read_count} + 1")
endforeach()
set(extra_libraries "")
foreach(file IN LISTS RELEASE_LIBRARY_FILES)
  if(NOT EXISTS "${file}")
    _release_fail("the library '${file}' given in LIBRARIES does not exist. Fix: build it, "
      "or correct the path.")
  endif()
  get_filename_component(bundle_name "${file}" NAME)
  list(APPEND files_to_read "${file}")
  set(role_${read_count} "library")
  math(EXPR read_count "${read_count} + 1")
  list(APPEND extra_libraries "${bundle_name}")
  set(source_${bundle_name} "${file}")
  set(wanted_by_${bundle_name} "LIBRARIES")
endforeach()

# What readelf said of each file in the last run, kept by modification time
# and size: after a relink only the changed program is read again.
set(cache_file "${RELEASE_WORK_DIR}/resolve-cache.cmake")
if(EXISTS "${cache_file}")
  include("${cache_file}")
endif()
set(_release_fields ELF MACHINE CLASS NEEDED RUNPATH RPATH SONAME)

# _release_read_cached(<file>...): sets elf_<k>_<field> for each file k, from
# the cache where the file is unchanged, else from one readelf call.
macro(_release_read_cached)
  set(_rc_files ${ARGN})
  _release_cache_changed(RC _rc_read ${_rc_files})
  if(_rc_read)
    _release_readelf(_rc "${RELEASE_READELF}" ${_rc_read})
    set(_rc_k 0)
    foreach(_rc_file IN LISTS _rc_read)
      foreach(_rc_field IN LISTS _release_fields)
        set(RC_${_rc_field}_${_rc_file} "${_rc_${_rc_k}_${_rc_field}}")
      endforeach()
      math(EXPR _rc_k "${_rc_k} + 1")
    endforeach()
  endif()
  set(_rc_k 0)
  foreach(_rc_file IN LISTS _rc_files)
    foreach(_rc_field IN LISTS _release_fields)
      set(elf_${_rc_k}_${_rc_field} "${RC_${_rc_field}_${_rc_file}}")
    endforeach()
    math(EXPR _rc_k "${_rc_k} + 1")
  endforeach()
endmacro()

set(machine "")
set(elf_class "")
set(main_rpath "")
set(bundled "")          # names bundled so far, in the order found
set(index 0)             # files read so far
set(pending "${files_to_read}")
set(pending_first 0)

while(pending)
  list(LENGTH pending n)
  _release_read_cached(${pending})
  math(EXPR last "${n} - 1")
  set(next "")
  set(next_info "")
  foreach(k RANGE ${last})
    list(GET pending ${k} file)
    math(EXPR id "${pending_first} + ${k}")
    list(APPEND depends "${file}")
    if(NOT elf_${k}_ELF)
      _release_fail("'${file}' is not an ELF file that readelf understands. A release "
        "bundles ELF programs and shared libraries only.")
    endif()
    if(id EQUAL 0)
      # The main program fixes the machine every other file must match.
      set(machine "${elf_${k}_MACHINE}")
      set(elf_class "${elf_${k}_CLASS}")
      if(NOT elf_${k}_RUNPATH)
        set(main_rpath "${elf_${k}_RPATH}")
      endif()
    elseif(NOT elf_${k}_MACHINE STREQUAL machine OR NOT elf_${k}_CLASS STREQUAL elf_class)
      if(role_${id} STREQUAL "candidate")
        # The loader skips a library of another machine and searches on.
        list(APPEND skipped_${name_${id}} "${file}")
        list(APPEND next_info "${id}")
        continue()
      endif()
      _release_fail("'${file}' is built for ${elf_${k}_MACHINE} (${elf_${k}_CLASS}), but the "
        "main program is built for ${machine} (${elf_class}). Fix: build every program "
        "and library of a release for the same target.")
    endif()
    if(role_${id} STREQUAL "candidate")
      set(bundle_name "${name_${id}}")
      set(source_${bundle_name} "${file}")
      list(APPEND bundled "${bundle_name}")
    endif()
    if(role_${id} STREQUAL "candidate" OR role_${id} STREQUAL "library")
      list(APPEND soname_files "${file}")
      set(soname_of_${file} "${elf_${k}_SONAME}")
    endif()

    # Resolve what this file needs.
    get_filename_component(origin "${file}" DIRECTORY)
    set(search "")
    if(NOT elf_${k}_RUNPATH)
      foreach(entry IN LISTS elf_${k}_RPATH main_rpath)
        _release_expand_origin(entry "${entry}" "${origin}")
        list(APPEND search "${entry}")
      endforeach()
    endif()
    foreach(entry IN LISTS elf_${k}_RUNPATH)
      _release_expand_origin(entry "${entry}" "${origin}")
      list(APPEND search "${entry}")
    endforeach()
    list(APPEND search ${RELEASE_SEARCH_DIRS} ${RELEASE_SYSTEM_DIRS})
    foreach(needed IN LISTS elf_${k}_NEEDED)
      # Most names are needed by many files: decide each once.
      if(NOT DEFINED left_${needed})
        _release_left_to_target(left_${needed} "${needed}")
      endif()
      if(left_${needed})
        continue()
      endif()
      if(DEFINED wanted_by_${needed})
        # Already found (or being found) for another file; a file that would
        # find another copy under the same name is caught below.
        set(aw_${aw_count}_name "${needed}")
        set(aw_${aw_count}_file "${file}")
        set(aw_${aw_count}_search "${search}")
        math(EXPR aw_count "${aw_count} + 1")
        continue()
      endif()
      set(wanted_by_${needed} "${file}")
      set(search_${needed} "${search}")
      list(APPEND next_info "NEW:${needed}")
    endforeach()
  endforeach()

  # Pick the next candidate for each name still to find: new names start at
  # the first search directory, names whose candidate was skipped go on.
  set(pending "")
  math(EXPR index "${index} + ${n}")
  set(pending_first ${index})
  set(new_id ${index})
  foreach(info IN LISTS next_info)
    if(info MATCHES "^NEW:(.*)$")
      set(needed "${CMAKE_MATCH_1}")
      set(position_${needed} -1)
    else()
      set(needed "${name_${info}}")
    endif()
    set(found "")
    list(LENGTH search_${needed} dir_count)
    math(EXPR p "${position_${needed}} + 1")
    if(needed MATCHES "/")
      # A DT_NEEDED with a slash is a path, used as it is.
      if(position_${needed} EQUAL -1 AND EXISTS "${needed}")
        set(found "${needed}")
      endif()
      set(p ${dir_count})
    endif()
    while(p LESS dir_count AND NOT found)
      list(GET search_${needed} ${p} dir)
      if(EXISTS "${dir}/${needed}" AND NOT IS_DIRECTORY "${dir}/${needed}")
        set(found "${dir}/${needed}")
        set(position_${needed} ${p})
      endif()
      math(EXPR p "${p} + 1")
    endwhile()
    if(NOT found)
      set(hint "")
      if(skipped_${needed})
        string(REPLACE ";" "', '" skipped "${skipped_${needed}}")
        set(hint " Skipped because built for another machine: '${skipped}'.")
      endif()
      string(REPLACE ";" "\n    " dirs "${search_${needed}}")
      _release_fail("cannot find the library '${needed}' needed by '${wanted_by_${needed}}'."
        "${hint}\n  Searched:\n    ${dirs}\n  Fix: install the package that provides it "
        "(for the target architecture), add its directory with LIBRARY_DIRS, or leave it "
        "to the target system with EXCLUDE_LIBRARIES.")
    endif()
    list(APPEND pending "${found}")
    set(role_${new_id} "candidate")
    set(name_${new_id} "${needed}")
    math(EXPR new_id "${new_id} + 1")
  endforeach()
endwhile()

# One name, one file: a file that would find a name in another place than
# the file that first asked for it would run with a library it was not built
# against. The same file reached through two paths, or an identical copy, is
# fine.
if(aw_count GREATER 0)
  math(EXPR last "${aw_count} - 1")
  foreach(i RANGE ${last})
    set(name "${aw_${i}_name}")
    if(NOT DEFINED source_${name})
      continue()
    endif()
    foreach(dir IN LISTS aw_${i}_search)
      set(candidate "${dir}/${name}")
      if(name MATCHES "/")
        set(candidate "${name}")
      endif()
      if(NOT EXISTS "${candidate}" OR IS_DIRECTORY "${candidate}" OR candidate IN_LIST skipped_${name})
        continue()
      endif()
      file(REAL_PATH "${candidate}" mine)
      file(REAL_PATH "${source_${name}}" chosen)
      if(NOT mine STREQUAL chosen)
        file(SHA256 "${mine}" h1)
        file(SHA256 "${chosen}" h2)
        if(NOT h1 STREQUAL h2)
          _release_fail("two different files offer the library '${name}': '${chosen}' "
            "(needed by '${wanted_by_${name}}') and '${mine}' (needed by '${aw_${i}_file}'). "
            "Fix: make them use one copy (check their RUNPATHs and LIBRARY_DIRS), or leave "
            "the library to the target with EXCLUDE_LIBRARIES.")
        endif()
      endif()
      break()
    endforeach()
  endforeach()
endif()

# SONAME clashes: two different files that would both answer to one SONAME
# (their SONAMEs were read during the walk).
foreach(file IN LISTS soname_files)
  set(soname "${soname_of_${file}}")
  if(soname STREQUAL "")
    continue()
  endif()
  file(REAL_PATH "${file}" real)
  if(DEFINED soname_owner_${soname} AND NOT soname_owner_${soname} STREQUAL real)
    file(SHA256 "${real}" h1)
    file(SHA256 "${soname_owner_${soname}}" h2)
    if(NOT h1 STREQUAL h2)
      _release_fail("two different files offer the SONAME '${soname}': "
        "'${soname_owner_${soname}}' and '${real}'. Fix: make the programs and LIBRARIES "
        "use one copy (check RUNPATHs and LIBRARY_DIRS), or exclude one.")
    endif()
  endif()
  set(soname_owner_${soname} "${real}")
endforeach()

# The closure manifest: bundle name -> source file. Sorted, so that the same
# closure always gives the same bytes.
set(names ${bundled} ${extra_libraries})
list(REMOVE_DUPLICATES names)
list(SORT names)
set(content "# Generated by ${CMAKE_CURRENT_LIST_FILE}: the closure of release ${RELEASE_NAME}.\n")
string(APPEND content "set(RELEASE_MACHINE [==[${machine}]==])\n")
string(APPEND content "set(RELEASE_CLOSURE_NAMES [==[${names}]==])\n")
foreach(name IN LISTS names)
  string(APPEND content "set(RELEASE_CLOSURE_SOURCE_${name} [==[${source_${name}}]==])\n")
endforeach()
_release_write_if_different("${RELEASE_WORK_DIR}/closure.cmake" "${content}")
# The closure is this step's output: it must end newer than the inputs, or a
# build tool that does not re-check output times after a command (make; Ninja
# does, with restat) would run this step on every build from now on.
file(TOUCH_NOCREATE "${RELEASE_WORK_DIR}/closure.cmake")

# The depfile: the closure is out of date when any file read changes.
list(REMOVE_DUPLICATES depends)
_release_cache_write("${cache_file}" RC "${_release_fields}" ${depends})
_release_write_depfile("${RELEASE_WORK_DIR}/resolve.d" "${RELEASE_WORK_DIR}/closure.cmake" ${depends})
