# Package-time step of add_release(): CPACK_PRE_BUILD_SCRIPTS for DEB and RPM,
# set by ReleaseCPack.cmake. CPack runs it after installing every component
# into its staging directory (<CPACK_TEMPORARY_DIRECTORY>/<component>, the
# release under CPACK_PACKAGING_INSTALL_PREFIX), so after the build: the
# release's manifest exists now, and not when ReleaseCPack.cmake is read.
#
# In:  CPACK_RELEASE_PACKAGED (release names), CPACK_RELEASE_<NAME>_ARGS (the
#      arguments of _release_cpack_release), the staged components.
# Out: per release, in its staging directory: the systemd unit
#      (lib/systemd/system/<name>.service for DEB, usr/lib/systemd/system for
#      RPM) and etc/<name>/env (mode 0600); the <name>-debug component's tree
#      moved to usr/lib/debug/.build-id; and the dependency on the glibc the
#      manifest records (CPACK_DEBIAN_<NAME>_PACKAGE_DEPENDS,
#      CPACK_RPM_<NAME>_PACKAGE_REQUIRES), none for a release that bundles its
#      own libc (hermetic).
#
# Variables set here stay set for the generator, which reads them next.

# _release_package_fail(<name> <message>...)
function(_release_package_fail name)
  string(JOIN "" msg ${ARGN})
  message(FATAL_ERROR "add_release(${name}) packaging (${CPACK_GENERATOR}): ${msg}")
endfunction()

# _release_package_requires(<var> <fallback-var> <separator> <item> <skip-regex>)
# Adds <item> to the dependency list <var> (which CPack takes from
# <fallback-var> when unset) unless the list already matches <skip-regex>.
function(_release_package_requires var fallback separator item skip)
  if(DEFINED ${var})
    set(list "${${var}}")
  else()
    set(list "${${fallback}}")
  endif()
  if(list MATCHES "${skip}")
    return()
  endif()
  if(list STREQUAL "")
    set(list "${item}")
  else()
    string(APPEND list "${separator}${item}")
  endif()
  set(${var} "${list}" PARENT_SCOPE)
endfunction()

# _release_package_one(NAME <name> VSN <vsn> PREFIX <dir> SERVICE_DIR <dir>
#                      DEBUG_SYMBOLS <mode> ...)
function(_release_package_one)
  cmake_parse_arguments(PARSE_ARGV 0 arg ""
    "NAME;VSN;RELEASE_DIR;PREFIX;SERVICE_DIR;DEBUG_SYMBOLS;DEBIAN_ARCH" "")
  string(TOUPPER "${arg_NAME}" c)
  set(root "${CPACK_TEMPORARY_DIRECTORY}/${arg_NAME}")
  if(NOT IS_DIRECTORY "${root}")
    return() # not among the packaged components
  endif()
  string(REGEX REPLACE "(.)/$" "\\1" prefix "${CPACK_PACKAGING_INSTALL_PREFIX}")
  set(installed "${root}${prefix}")
  set(manifest "${installed}/releases/${arg_VSN}/manifest.txt")
  if(NOT EXISTS "${manifest}")
    _release_package_fail("${arg_NAME}" "the staged release has no ${manifest}. Fix: build "
      "the target release-${arg_NAME}, then package again.")
  endif()

  # glibc: what the release needs of the target's, unless it carries its own.
  file(STRINGS "${manifest}" glibc REGEX "^glibc=")
  string(REGEX REPLACE "^glibc=" "" glibc "${glibc}")
  if(glibc AND NOT EXISTS "${installed}/lib/libc.so.6")
    if(CPACK_GENERATOR STREQUAL "DEB")
      _release_package_requires(CPACK_DEBIAN_${c}_PACKAGE_DEPENDS CPACK_DEBIAN_PACKAGE_DEPENDS
        ", " "libc6 (>= ${glibc})" "(^|[ ,])libc6([ ,(]|$)")
      set(CPACK_DEBIAN_${c}_PACKAGE_DEPENDS "${CPACK_DEBIAN_${c}_PACKAGE_DEPENDS}" PARENT_SCOPE)
    else()
      _release_package_requires(CPACK_RPM_${c}_PACKAGE_REQUIRES CPACK_RPM_PACKAGE_REQUIRES
        ", " "glibc >= ${glibc}" "(^|[ ,])glibc([ ,>=]|$)")
      set(CPACK_RPM_${c}_PACKAGE_REQUIRES "${CPACK_RPM_${c}_PACKAGE_REQUIRES}" PARENT_SCOPE)
    endif()
  endif()

  if(arg_SERVICE_DIR)
    if(NOT prefix STREQUAL arg_PREFIX)
      _release_package_fail("${arg_NAME}" "the package installs the release in '${prefix}' "
        "(CPACK_PACKAGING_INSTALL_PREFIX), but its systemd unit starts '${arg_PREFIX}/bin/"
        "${arg_NAME}'. Fix: CPack gives all releases of a build one prefix: package each "
        "service release from a build of its own, give the others NO_SYSTEMD, or set "
        "CPACK_PACKAGING_INSTALL_PREFIX before add_release() (the unit is rendered for it).")
    endif()
    set(unit_dir "${root}/lib/systemd/system")
    if(CPACK_GENERATOR STREQUAL "RPM")
      set(unit_dir "${root}/usr/lib/systemd/system")
    endif()
    file(MAKE_DIRECTORY "${unit_dir}" "${root}/etc/${arg_NAME}")
    file(COPY_FILE "${arg_SERVICE_DIR}/${arg_NAME}.service" "${unit_dir}/${arg_NAME}.service")
    file(CHMOD "${unit_dir}/${arg_NAME}.service" PERMISSIONS OWNER_READ OWNER_WRITE
      GROUP_READ WORLD_READ)
    file(COPY_FILE "${arg_SERVICE_DIR}/env" "${root}/etc/${arg_NAME}/env")
    file(CHMOD "${root}/etc/${arg_NAME}/env" PERMISSIONS OWNER_READ OWNER_WRITE)
  endif()

  # The debug tree goes where gdb and debuginfod look by default.
  set(debug_root "${CPACK_TEMPORARY_DIRECTORY}/${arg_NAME}-debug")
  if(arg_DEBUG_SYMBOLS STREQUAL "SPLIT" AND IS_DIRECTORY "${debug_root}${prefix}/.build-id")
    file(MAKE_DIRECTORY "${debug_root}/usr/lib/debug")
    file(RENAME "${debug_root}${prefix}/.build-id" "${debug_root}/usr/lib/debug/.build-id")
    string(REGEX MATCH "^/[^/]+" top "${prefix}")
    if(NOT top STREQUAL "/usr")
      file(REMOVE_RECURSE "${debug_root}${top}")
    endif()
  endif()
endfunction()

foreach(_rel_name IN LISTS CPACK_RELEASE_PACKAGED)
  string(TOUPPER "${_rel_name}" _rel_c)
  _release_package_one(${CPACK_RELEASE_${_rel_c}_ARGS})
endforeach()
