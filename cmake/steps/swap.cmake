# Build-time step 5 of add_release(): put the new release in place.
#
#   cmake -P <work>/steps/swap.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
# In:  <work>/stage, <work>/rendered, <work>/manifest.txt, the OVERLAYS.
# Out: <OUTPUT_DIRECTORY>/<name>, <work>/assembled.stamp, depfile <work>/swap.d.
#
# The new release is built beside the old one (.<name>.new: hard links to the
# staged files, which are never modified once staged, copies of the rest,
# overlays normalised), then exchanged with the old one in one step
# (renameat2 RENAME_EXCHANGE, by `release-loader exchange`): the path of the
# release always names a whole release, the old or the new. Then the tmp/
# directory of the old release (a running daemon's pid file and log) moves
# into the new one, and the old one is removed. A swap interrupted at any
# point is finished by the next run before anything else (_release_swap_recover),
# so a daemon's tmp/ is never lost. Where the exchange is not possible (a
# kernel or file system without it) two renames do the same with a
# moment without a release; the recovery covers that order too.
# Concurrent builds of one tree take turns here (file(LOCK)).
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/overlay-links.cmake")

# _release_swap_recover(<release> <new> <old>)
# Finishes what an interrupted swap left: the old release back in place if
# it was renamed away (two-rename order), a tmp/ left in <new> or <old> moved
# to the release, then <new> and <old> removed.
function(_release_swap_recover release new old)
  if(IS_DIRECTORY "${old}" AND NOT EXISTS "${release}")
    file(RENAME "${old}" "${release}")
  endif()
  foreach(side IN ITEMS "${new}" "${old}")
    if(IS_DIRECTORY "${side}/tmp" AND IS_DIRECTORY "${release}" AND NOT EXISTS "${release}/tmp")
      file(RENAME "${side}/tmp" "${release}/tmp")
    endif()
  endforeach()
  file(REMOVE_RECURSE "${new}" "${old}")
endfunction()

# _release_swap_fail(<message>...)
# Stops, removing the half-made .<name>.new: the previous release stays.
function(_release_swap_fail)
  file(REMOVE_RECURSE "${new}")
  _release_fail(${ARGN})
endfunction()

# _release_swap_check(<what> <result> <path>)
# Stops when a write into the new release failed.
function(_release_swap_check what result path)
  if(NOT result STREQUAL "0")
    _release_swap_fail("cannot ${what} '${path}' (${result}): the previous release is left "
      "as it was. Fix: make sure the file system of OUTPUT_DIRECTORY ('${out_dir}') is "
      "writable and has free space, then build again.")
  endif()
endfunction()

# _release_swap_mkdirs(<dir>...)
# Makes the directories with one mkdir, mode 0755 whatever the umask (each
# directory is listed after its parent, so none is made implicitly); its
# failure (read-only or full file system) becomes a message.
function(_release_swap_mkdirs)
  execute_process(COMMAND mkdir -p -m 0755 -- ${ARGN}
    RESULT_VARIABLE rc ERROR_VARIABLE err ERROR_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    _release_swap_check("create directories for the new release" "${err}" "${new}")
  endif()
endfunction()

# _release_overlay_entries(<out-deps> <out-dirs> <out-files> <overlay>)
# Lists an overlay and refuses what a release must not hold: a symbolic
# link leading outside the release (links inside are resolved at assembly,
# steps/overlay-links.cmake), anything but regular files and directories, a top-level
# tmp (the daemon's state lives there), a file that would replace one the
# release makes itself.
function(_release_overlay_entries deps_out dirs_out files_out overlay)
  string(REGEX REPLACE "(.)/+$" "\\1" overlay "${overlay}")
  # One find for what CMake cannot tell from a regular file.
  execute_process(COMMAND find "${overlay}" ! -type d ! -type f ! -type l
    OUTPUT_VARIABLE special OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT special STREQUAL "")
    string(REGEX REPLACE "\n.*" "" special "${special}")
    _release_swap_fail("the overlay entry '${special}' is not a regular file or directory "
      "(a device, socket or pipe). Fix: remove it from the overlay.")
  endif()
  file(GLOB_RECURSE entries LIST_DIRECTORIES true RELATIVE "${overlay}" "${overlay}/*")
  list(SORT entries)
  set(deps "${overlay}")
  set(dirs "")
  set(files "")
  foreach(rel IN LISTS entries)
    set(path "${overlay}/${rel}")
    if(rel MATCHES "^tmp(/|$)")
      _release_swap_fail("the overlay entry '${path}' is in tmp/, which the control script keeps "
        "for the running daemon's pid file and log (every assembly would replace it). "
        "Fix: move it elsewhere in the overlay, e.g. var/ or share/.")
    endif()
    if(EXISTS "${new}/${rel}" AND NOT (IS_DIRECTORY "${path}" AND IS_DIRECTORY "${new}/${rel}"))
      _release_swap_fail("the overlay file '${path}' would replace '${rel}', which "
        "the release makes itself. Fix: rename or remove it from the overlay.")
    endif()
    if(IS_SYMLINK "${path}")
      _release_overlay_link("${path}" "${rel}")   # steps/overlay-links.cmake
      continue()
    endif()
    list(APPEND deps "${path}")
    if(IS_DIRECTORY "${path}")
      list(APPEND dirs "${new}/${rel}")
      continue()
    endif()
    list(APPEND files "${rel}")
  endforeach()
  set(${deps_out} "${deps}" PARENT_SCOPE)
  set(${dirs_out} "${dirs}" PARENT_SCOPE)
  set(${files_out} "${files}" PARENT_SCOPE)
endfunction()

# _release_overlay_copy(<overlay> <rel>...)
# Copies overlay files into the new release with normalised modes: 0755 when
# the owner may execute it, else 0644; never setuid, setgid or writable by
# anyone but the owner, whatever the overlay's modes.
function(_release_overlay_copy overlay)
  string(REGEX REPLACE "(.)/+$" "\\1" overlay "${overlay}")
  # One find for the files whose owner may execute them.
  execute_process(COMMAND find "${overlay}" -type f -perm -u+x
    OUTPUT_VARIABLE executables OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REPLACE "\n" ";" executables "${executables}")
  foreach(rel IN LISTS ARGN)
    file(COPY_FILE "${overlay}/${rel}" "${new}/${rel}" RESULT result)
    _release_swap_check("copy the overlay file to" "${result}" "${new}/${rel}")
    if(NOT "${overlay}/${rel}" IN_LIST executables)
      file(CHMOD "${new}/${rel}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    else()
      file(CHMOD "${new}/${rel}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
        GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    endif()
  endforeach()
endfunction()

# _release_swap_sbom_list(<files-var> <dirs-var>)
# The files of the SBOM step's tree (releases/<vsn>/sbom.cdx.json,
# share/licenses/<package>/copyright: steps/sbom.cmake), relative, and the
# directories of the new release they need, parents first.
function(_release_swap_sbom_list files_var dirs_var)
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${RELEASE_WORK_DIR}/sbom"
    "${RELEASE_WORK_DIR}/sbom/*")
  set(dirs "")
  foreach(rel IN LISTS files)
    get_filename_component(dir "${rel}" DIRECTORY)
    while(NOT dir STREQUAL "")
      list(APPEND dirs "${new}/${dir}")
      get_filename_component(dir "${dir}" DIRECTORY)
    endwhile()
  endforeach()
  list(REMOVE_DUPLICATES dirs)
  list(SORT dirs)
  set(${files_var} "${files}" PARENT_SCOPE)
  set(${dirs_var} "${dirs}" PARENT_SCOPE)
endfunction()

# _release_swap_sbom(<rel>...)
# Copies the SBOM step's files (_release_swap_sbom_list) into the new
# release, mode 0644.
function(_release_swap_sbom)
  foreach(rel IN LISTS ARGN)
    file(COPY_FILE "${RELEASE_WORK_DIR}/sbom/${rel}" "${new}/${rel}" RESULT result)
    _release_swap_check("write" "${result}" "${new}/${rel}")
    file(CHMOD "${new}/${rel}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  endforeach()
endfunction()

# _release_swap_impl(NAME <release> VSN <vsn> DIR <release-dir> WORK_DIR <dir>
#   LOADER <helper> [OVERLAYS <dir>...])
function(_release_swap_impl)
  cmake_parse_arguments(PARSE_ARGV 0 RELEASE "" "NAME;VSN;DIR;WORK_DIR;DEPFILE_ROOT;LOADER;HERMETIC" "OVERLAYS;GCONV_FILES")
  get_filename_component(out_dir "${RELEASE_DIR}" DIRECTORY)
  set(new "${out_dir}/.${RELEASE_NAME}.new")
  set(old "${out_dir}/.${RELEASE_NAME}.old")
  _release_step_lock()
  _release_swap_recover("${RELEASE_DIR}" "${new}" "${old}")

  # Staged programs and libraries: hard links (copies across file systems).
  set(stage "${RELEASE_WORK_DIR}/stage")
  file(GLOB_RECURSE staged LIST_DIRECTORIES false RELATIVE "${stage}" "${stage}/*")
  set(dirs "${out_dir}" "${new}" "${new}/bin" "${new}/releases" "${new}/releases/${RELEASE_VSN}")
  foreach(rel IN LISTS staged)
    get_filename_component(dir "${new}/${rel}" DIRECTORY)
    list(APPEND dirs "${dir}")
  endforeach()
  # Every directory of the new release in one mkdir: the staged files',
  # the rendered files' (bin/ may hold entry points, libexec/.cmake-release/
  # the launcher: ReleaseLauncher.cmake; libexec/.cmake-release/loader/ a
  # HERMETIC release's symbolic links to its loader, which verify proved and
  # which stay links: ReleaseHermeticLinks.cmake), the SBOM's.
  foreach(sub IN ITEMS libexec libexec/.cmake-release libexec/.cmake-release/loader)
    if(IS_DIRECTORY "${RELEASE_WORK_DIR}/rendered/${sub}")
      list(APPEND dirs "${new}/${sub}")
    endif()
  endforeach()
  _release_swap_sbom_list(sbom_files sbom_dirs)
  list(APPEND dirs ${sbom_dirs})
  list(REMOVE_DUPLICATES dirs)
  _release_swap_mkdirs(${dirs})
  foreach(rel IN LISTS staged)
    file(CREATE_LINK "${stage}/${rel}" "${new}/${rel}" RESULT result COPY_ON_ERROR)
    _release_swap_check("link or copy the staged file to" "${result}" "${new}/${rel}")
  endforeach()

  # Control script, env hook and manifest (modes as rendered: 0755 and 0644;
  # lib/gconv the gconv configuration: ReleaseHermetic.cmake).
  file(GLOB_RECURSE rendered_files LIST_DIRECTORIES false RELATIVE "${RELEASE_WORK_DIR}/rendered"
    "${RELEASE_WORK_DIR}/rendered/*")
  foreach(rel IN LISTS rendered_files)
    if(IS_SYMLINK "${RELEASE_WORK_DIR}/rendered/${rel}")
      file(READ_SYMLINK "${RELEASE_WORK_DIR}/rendered/${rel}" to)
      file(CREATE_LINK "${to}" "${new}/${rel}" RESULT result SYMBOLIC)
    else()
      file(COPY_FILE "${RELEASE_WORK_DIR}/rendered/${rel}" "${new}/${rel}" RESULT result)
    endif()
    _release_swap_check("write" "${result}" "${new}/${rel}")
  endforeach()
  file(COPY_FILE "${RELEASE_WORK_DIR}/manifest.txt" "${new}/releases/${RELEASE_VSN}/manifest.txt"
    RESULT result)
  _release_swap_check("write" "${result}" "${new}/releases/${RELEASE_VSN}/manifest.txt")
  # (verify wrote it with the umask's mode; the rendered files have theirs.)
  file(CHMOD "${new}/releases/${RELEASE_VSN}/manifest.txt" PERMISSIONS OWNER_READ OWNER_WRITE
    GROUP_READ WORLD_READ)
  _release_swap_sbom(${sbom_files})

  # Overlays, normalised; they may add files but not replace the release's own.
  set(overlay_deps "")
  foreach(overlay IN LISTS RELEASE_OVERLAYS)
    _release_overlay_entries(deps overlay_dirs overlay_files "${overlay}")
    list(APPEND overlay_deps ${deps})
    if(overlay_dirs)
      _release_swap_mkdirs(${overlay_dirs})
    endif()
    _release_overlay_copy("${overlay}" ${overlay_files})
  endforeach()
  _release_overlay_links_resolve()   # steps/overlay-links.cmake
  # bin/<name> is a declared output of this step: the copy kept the rendered
  # file's older time, which would make the build tool run this step every time.
  file(TOUCH_NOCREATE "${new}/bin/${RELEASE_NAME}")

  # The swap. Each state between two of these lines is one that
  # _release_swap_recover finishes.
  set(exchanged FALSE)
  if(IS_DIRECTORY "${RELEASE_DIR}")
    execute_process(COMMAND "${RELEASE_LOADER}" exchange "${new}" "${RELEASE_DIR}"
      RESULT_VARIABLE rc ERROR_VARIABLE err ERROR_STRIP_TRAILING_WHITESPACE)
    if(rc EQUAL 0)
      set(exchanged TRUE)
    elseif(NOT rc EQUAL 3)
      _release_swap_check("put the new release in place" "${err}" "${RELEASE_DIR}")
    endif()
  endif()
  if(exchanged)
    # ${new} now holds the old release, with the daemon's tmp/.
    if(IS_DIRECTORY "${new}/tmp")
      file(RENAME "${new}/tmp" "${RELEASE_DIR}/tmp")
    endif()
  else()
    if(IS_DIRECTORY "${RELEASE_DIR}/tmp")
      file(RENAME "${RELEASE_DIR}/tmp" "${new}/tmp")
    endif()
    if(EXISTS "${RELEASE_DIR}")
      file(RENAME "${RELEASE_DIR}" "${old}")
    endif()
    file(RENAME "${new}" "${RELEASE_DIR}")
  endif()
  file(REMOVE_RECURSE "${new}" "${old}")

  # The manifest is always listed, so the depfile is never empty.
  _release_write_depfile("${RELEASE_WORK_DIR}/swap.d" "${RELEASE_WORK_DIR}/assembled.stamp"
    "${RELEASE_WORK_DIR}/manifest.txt" ${overlay_deps})
  file(TOUCH "${RELEASE_WORK_DIR}/assembled.stamp")
endfunction()
