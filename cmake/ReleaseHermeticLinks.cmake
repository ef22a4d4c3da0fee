# The loader links of a hermetic release: libexec/.cmake-release/loader/<program>,
# one symbolic link per program, each to the bundled loader (../../../lib/<loader>).
# Included by ReleaseHermetic.cmake; defines functions only.
#
# Why: away from PREFIX the control program runs a program through the
# bundled loader (docs/hermetic.md). The kernel names a process after the
# last component of the path given to execve() (comm: what ps, pgrep, top and
# /proc/<pid>/comm show, 15 characters at most), and the loader run as a
# program ignores its own argv[0]. So the control program executes
# "<root>/libexec/.cmake-release/loader/<program> --argv0 <program>
# <root>/libexec/<program> ...": the process is named <program>, not
# ld-linux-x86-64.
#
# Why links, and not hard links or copies: a relative link inside the
# release survives what copies a release (tar and CPack's archives and
# packages, install(DIRECTORY), an image's COPY, cp -a and cp -R keep it);
# one that dereferences it (cp -rL) makes a copy of the loader, which works
# as well. A hard link would be the same file, but every copy that does not
# keep hard links (install(DIRECTORY), most image builders) stores the
# loader once more per program. They are the release's own links, made by the
# render step, proved by verify (each names exactly the staged loader:
# check_loader_links in loader/verify.cpp) and
# placed as links by the swap; OVERLAYS links are another matter
# (the swap step, loader/swap.cpp).

set(_RELEASE_LOADER_LINKS_DIR "libexec/.cmake-release/loader")

# _release_hermetic_loader_links(<rendered-dir>)
# Render step: the links, for a HERMETIC release (RELEASE_PROGRAMS, a list,
# and RELEASE_INTERPRETER, lib/<loader>).
function(_release_hermetic_loader_links rendered)
  if(NOT RELEASE_HERMETIC)
    return()
  endif()
  file(MAKE_DIRECTORY "${rendered}/${_RELEASE_LOADER_LINKS_DIR}")
  foreach(program IN LISTS RELEASE_PROGRAMS)
    file(CREATE_LINK "../../../${RELEASE_INTERPRETER}"
      "${rendered}/${_RELEASE_LOADER_LINKS_DIR}/${program}" SYMBOLIC)
  endforeach()
endfunction()
