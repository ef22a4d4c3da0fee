# Build-time step 4 of add_release(): verify the staged release.
#
#   cmake -DRELEASE_CONFIG=<work>/config.cmake -P verify.cmake
#
# In:  <work>/stage (patched programs and libraries), <work>/rendered.
# Out: <work>/manifest.txt (what the release holds, without paths of the build
#      machine; copied to releases/<vsn>/manifest.txt) and <work>/verify.stamp.
#
# patchelf has corrupted files before, so every staged ELF file is read back
# (one readelf call for all of them; symbol versions only for files that
# changed since the last run) and checked: it parses; it is built for
# the release's machine; each RUNPATH/RPATH entry is $ORIGIN-relative and stays
# inside the release; every library it needs is bundled where its RUNPATH
# reaches, or is left to the target system. The highest GLIBC_x.y symbol
# version any file needs is recorded, for the glibc check of container images.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${RELEASE_CONFIG}")
include("${RELEASE_WORK_DIR}/closure.cmake")

set(stage "${RELEASE_WORK_DIR}/stage")
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${stage}/*")
list(SORT staged)
set(problems "")
set(glibc "")

# The GLIBC_ versions a file needs change only when the file does: they are
# kept per staged file (by modification time and size) from the last run,
# so that re-staging one program reads the versions of one file.
set(state_file "${RELEASE_WORK_DIR}/verify-state.cmake")
if(EXISTS "${state_file}")
  include("${state_file}")
endif()
_release_cache_changed(VERIFIED changed ${staged})
if(changed)
  _release_glibc_needs(ver "${RELEASE_OBJDUMP}" "${RELEASE_READELF}" ${changed})
  set(k 0)
  foreach(file IN LISTS changed)
    set(VERIFIED_GLIBC_${file} "${ver_${k}}")
    math(EXPR k "${k} + 1")
  endforeach()
endif()

if(staged)
  _release_readelf(elf "${RELEASE_READELF}" ${staged})
  list(LENGTH staged n)
  math(EXPR last "${n} - 1")
  foreach(k RANGE ${last})
    list(GET staged ${k} file)
    file(RELATIVE_PATH rel "${stage}" "${file}")
    if(NOT elf_${k}_ELF)
      string(APPEND problems "  ${rel}: readelf cannot read it after patching\n")
      continue()
    endif()
    if(NOT elf_${k}_MACHINE STREQUAL RELEASE_MACHINE)
      string(APPEND problems "  ${rel}: built for ${elf_${k}_MACHINE}, not ${RELEASE_MACHINE}\n")
    endif()
    get_filename_component(origin "${file}" DIRECTORY)
    set(reach "")
    foreach(entry IN LISTS elf_${k}_RUNPATH elf_${k}_RPATH)
      if(NOT entry MATCHES "^\\$(ORIGIN|{ORIGIN})(/|$)")
        string(APPEND problems "  ${rel}: RUNPATH/RPATH entry '${entry}' is not relative to $ORIGIN\n")
        continue()
      endif()
      _release_expand_origin(dir "${entry}" "${origin}")
      cmake_path(NORMAL_PATH dir)
      string(REGEX REPLACE "/$" "" dir "${dir}")
      cmake_path(IS_PREFIX stage "${dir}" NORMALIZE inside)
      if(NOT inside)
        string(APPEND problems "  ${rel}: RUNPATH/RPATH entry '${entry}' leads outside the release\n")
        continue()
      endif()
      list(APPEND reach "${dir}")
    endforeach()
    # A library without a DT_RUNPATH of its own is searched through the
    # DT_RPATH of the program that loads it, $ORIGIN/../lib (stage.cmake).
    if(NOT elf_${k}_RUNPATH AND rel MATCHES "^lib/")
      list(APPEND reach "${stage}/lib")
    endif()
    foreach(needed IN LISTS elf_${k}_NEEDED)
      set(left FALSE)
      if(needed MATCHES "${_RELEASE_GLIBC_REGEX}")
        set(left TRUE)
      endif()
      foreach(regex IN LISTS RELEASE_EXCLUDE)
        if(needed MATCHES "${regex}")
          set(left TRUE)
        endif()
      endforeach()
      if(left)
        continue()
      endif()
      set(found FALSE)
      foreach(dir IN LISTS reach)
        if(EXISTS "${dir}/${needed}")
          set(found TRUE)
          break()
        endif()
      endforeach()
      if(NOT found)
        string(APPEND problems "  ${rel}: needs '${needed}', which its RUNPATH does not reach in the release\n")
      endif()
    endforeach()
    set(file_glibc "${VERIFIED_GLIBC_${file}}")
    if(file_glibc AND (glibc STREQUAL "" OR file_glibc VERSION_GREATER glibc))
      set(glibc "${file_glibc}")
    endif()
  endforeach()
endif()

# The control script and the hook must at least parse.
foreach(script "bin/${RELEASE_NAME}" "releases/${RELEASE_VSN}/env.sh")
  execute_process(COMMAND sh -n "${RELEASE_WORK_DIR}/rendered/${script}"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(APPEND problems "  ${script}: not valid sh: ${err}\n")
  endif()
endforeach()

if(problems)
  _release_fail("the staged release failed verification:\n${problems}"
    "Fix: this is a bug of cmake-release or patchelf unless a file above comes from "
    "LIBRARIES or an IMPORTED program you can rebuild; please report it.")
endif()

_release_cache_write("${state_file}" VERIFIED GLIBC ${staged})

string(JOIN " " programs ${RELEASE_PROGRAMS})
string(JOIN " " libraries ${RELEASE_CLOSURE_NAMES})
string(CONCAT manifest
  "name=${RELEASE_NAME}\nversion=${RELEASE_VSN}\nmachine=${RELEASE_MACHINE}\n"
  "programs=${programs}\nlibraries=${libraries}\nglibc=${glibc}\n")
_release_write_if_different("${RELEASE_WORK_DIR}/manifest.txt" "${manifest}")
file(TOUCH "${RELEASE_WORK_DIR}/verify.stamp")
