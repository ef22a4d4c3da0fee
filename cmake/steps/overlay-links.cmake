# Symbolic links in OVERLAYS, for the swap step (cmake/steps/swap.cmake);
# defines functions only.
#
# A link whose target, read relative to the link's place in the release,
# names a file inside the release is resolved at assembly: the release holds
# that file at the link's place (a hard link to it, a copy across file
# systems), never a symbolic link. Why resolved and not kept: a release holds
# only regular files and directories, so every consumer (install(DIRECTORY),
# CPack, image layers, `cp -r` without -a, the SBOM) sees one kind of entry,
# and no link can be re-pointed outside later. Why resolved and not refused:
# links into the release (an alias of a staged plugin, etc/current.conf ->
# default.conf) are how projects lay out files, and cost nothing.
# Refused: absolute targets and targets that leave the release (they point at
# the machine that runs the release, or at the build tree), targets the
# release does not hold, directories.
#
# Not a dependency of the swap: the link itself (its target may be missing
# from the overlay, and a missing dependency would make every build run the
# swap again). The directory holding it is one: adding, removing or
# re-pointing a link (ln -sfn renames) changes the directory.

# _release_overlay_link(<path> <rel>)
# Checks the overlay entry <path>, a symbolic link that becomes <rel> in the
# release, and records it for _release_overlay_links_resolve.
function(_release_overlay_link path rel)
  file(READ_SYMLINK "${path}" to)
  get_filename_component(dir "${rel}" DIRECTORY)
  set(target "${to}")
  if(NOT dir STREQUAL "")
    set(target "${dir}/${to}")
  endif()
  cmake_path(NORMAL_PATH target)
  if(IS_ABSOLUTE "${to}" OR target MATCHES "^\\.\\.(/|$)" OR target STREQUAL "." OR target STREQUAL "")
    _release_swap_fail("the overlay entry '${path}' is a symbolic link to '${to}', outside "
      "the release: a release holds only its own files. Fix: replace the link by a copy of "
      "what it points to (cp -L), or point it at a file of the release with a relative "
      "path (links inside the release are resolved at assembly).")
  endif()
  set_property(GLOBAL APPEND PROPERTY _RELEASE_OVERLAY_LINKS "${path}|${rel}|${target}")
endfunction()

# _release_overlay_links_resolve()
# Puts the file each recorded link names at the link's place in the new
# release (${new}), once every file of the release is there; a link to a link
# is resolved after the link it names.
function(_release_overlay_links_resolve)
  get_property(pending GLOBAL PROPERTY _RELEASE_OVERLAY_LINKS)
  while(pending)
    set(left "")
    foreach(link IN LISTS pending)
      string(REPLACE "|" ";" parts "${link}")
      list(GET parts 0 path)
      list(GET parts 1 rel)
      list(GET parts 2 target)
      if(IS_DIRECTORY "${new}/${target}")
        _release_swap_fail("the overlay entry '${path}' is a symbolic link to the directory "
          "'${target}' of the release. Fix: link the files one by one, or copy the directory "
          "into the overlay.")
      elseif(NOT EXISTS "${new}/${target}")
        list(APPEND left "${link}")
        continue()
      endif()
      if(EXISTS "${new}/${rel}")
        _release_swap_fail("the overlay file '${path}' would replace '${rel}', which "
          "the release makes itself. Fix: rename or remove it from the overlay.")
      endif()
      file(CREATE_LINK "${new}/${target}" "${new}/${rel}" RESULT result COPY_ON_ERROR)
      _release_swap_check("put the file a link of the overlay names at" "${result}" "${new}/${rel}")
    endforeach()
    if(left STREQUAL pending)
      list(GET left 0 link)
      string(REPLACE "|" ";" parts "${link}")
      list(GET parts 0 path)
      list(GET parts 2 target)
      _release_swap_fail("the overlay entry '${path}' is a symbolic link to '${target}', which "
        "the release does not hold (or a cycle of links). Fix: point it at a file of the "
        "release, or remove it.")
    endif()
    set(pending "${left}")
  endwhile()
endfunction()
