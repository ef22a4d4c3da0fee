# CPack project configuration file of cmake-release (CPACK_PROJECT_CONFIG_FILE,
# set by add_release() unless the project set one): CPack includes it once per
# generator, with CPACK_GENERATOR naming that generator. Internal; the
# configure-time half is ReleasePackage.cmake.
#
# - Archives (TGZ, TXZ, ZIP, ...) get one top directory, named
#   CPACK_PACKAGE_FILE_NAME, that is the release root.
# - Packages that install into the file system (DEB, RPM) get no top
#   directory, and install the release under /opt/<name> rather than /usr,
#   whose lib/ and bin/ belong to the system. They install the release as a
#   systemd service (unless NO_SYSTEMD): the unit, /etc/<name>/env as a config
#   file, the scripts that create the service user and enable, stop and
#   remove the service; and a dependency on the glibc the release needs. The
#   debug tree of DEBUG_SYMBOLS SPLIT becomes <name>-dbgsym (DEB) and
#   <name>-debuginfo (RPM). Files outside the prefix are put in place by
#   steps/package-files.cmake, after the build (CPACK_PRE_BUILD_SCRIPTS):
#   the glibc version is known only then.
if(CPACK_RELEASE_ARCHIVE_TOPLEVEL)
  if(CPACK_GENERATOR MATCHES "^(7Z|TBZ2|TGZ|TXZ|TZ|TZST|ZIP)$")
    set(CPACK_COMPONENT_INCLUDE_TOPLEVEL_DIRECTORY ON)
  else()
    set(CPACK_COMPONENT_INCLUDE_TOPLEVEL_DIRECTORY OFF)
  endif()
endif()
if(CPACK_RELEASE_PACKAGING_PREFIX AND CPACK_GENERATOR MATCHES "^(DEB|RPM)$")
  set(CPACK_PACKAGING_INSTALL_PREFIX "${CPACK_RELEASE_PACKAGING_PREFIX}")
endif()
# Reproducible archives: CPack writes every entry's time (and a zero gzip
# time) from SOURCE_DATE_EPOCH; without one in the environment, 0 — so two
# build trees of the same sources give bit-identical packages (docs/sbom.md,
# "Reproducibility").
if(NOT "$ENV{SOURCE_DATE_EPOCH}" MATCHES "^[0-9]+$")
  set(ENV{SOURCE_DATE_EPOCH} 0)
endif()

# _release_set(<var> <value>...)
# In _release_cpack_release: sets <var> unless the project set it, and lists
# it in "vars" (the variables the function passes on).
macro(_release_set var)
  if(NOT DEFINED ${var})
    set(${var} ${ARGN})
    list(APPEND vars ${var})
  endif()
endmacro()

# _release_cpack_release(NAME <name> VSN <vsn> RELEASE_DIR <dir> PREFIX <dir>
#   SERVICE_DIR <dir> DEBUG_SYMBOLS <mode> DEBIAN_ARCH <arch>)
# One release of the build (ReleaseCPack-releases.cmake holds the calls):
# the DEB/RPM settings of its component <name> and of <name>-debug.
function(_release_cpack_release)
  cmake_parse_arguments(PARSE_ARGV 0 arg ""
    "NAME;VSN;RELEASE_DIR;PREFIX;SERVICE_DIR;DEBUG_SYMBOLS;DEBIAN_ARCH" "")
  string(TOUPPER "${arg_NAME}" c)
  # Debian package names: lower case, no '_'.
  string(TOLOWER "${arg_NAME}" package)
  string(REPLACE "_" "-" package "${package}")
  set(vars "")
  if(CPACK_GENERATOR STREQUAL "DEB")
    _release_set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    _release_set(CPACK_DEBIAN_${c}_PACKAGE_NAME "${package}")
    _release_set(CPACK_DEBIAN_PACKAGE_SECTION misc)
    if(arg_DEBIAN_ARCH)
      _release_set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${arg_DEBIAN_ARCH}")
    endif()
    if(arg_SERVICE_DIR)
      _release_set(CPACK_DEBIAN_${c}_PACKAGE_CONTROL_EXTRA "${arg_SERVICE_DIR}/deb/postinst"
        "${arg_SERVICE_DIR}/deb/prerm" "${arg_SERVICE_DIR}/deb/postrm"
        "${arg_SERVICE_DIR}/deb/conffiles")
      _release_set(CPACK_DEBIAN_${c}_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
      # useradd and groupadd.
      _release_set(CPACK_DEBIAN_${c}_PACKAGE_PREDEPENDS "passwd")
    endif()
    if(arg_DEBUG_SYMBOLS STREQUAL "SPLIT")
      _release_set(CPACK_DEBIAN_${c}-DEBUG_PACKAGE_NAME "${package}-dbgsym")
      _release_set(CPACK_DEBIAN_${c}-DEBUG_PACKAGE_SECTION debug)
      _release_set(CPACK_DEBIAN_${c}-DEBUG_PACKAGE_DEPENDS "${package} (= ${CPACK_PACKAGE_VERSION})")
      _release_set(CPACK_COMPONENT_${c}-DEBUG_DESCRIPTION
        "debug symbols for ${package}\nThe debug information of the ${arg_NAME} release, by build-id.")
    endif()
  elseif(CPACK_GENERATOR STREQUAL "RPM")
    _release_set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    _release_set(CPACK_RPM_${c}_PACKAGE_NAME "${arg_NAME}")
    if(arg_SERVICE_DIR)
      _release_set(CPACK_RPM_${c}_PRE_INSTALL_SCRIPT_FILE "${arg_SERVICE_DIR}/rpm/pre")
      _release_set(CPACK_RPM_${c}_POST_INSTALL_SCRIPT_FILE "${arg_SERVICE_DIR}/rpm/post")
      _release_set(CPACK_RPM_${c}_PRE_UNINSTALL_SCRIPT_FILE "${arg_SERVICE_DIR}/rpm/preun")
      _release_set(CPACK_RPM_${c}_POST_UNINSTALL_SCRIPT_FILE "${arg_SERVICE_DIR}/rpm/postun")
      _release_set(CPACK_RPM_${c}_USER_FILELIST
        "%attr(0600,root,root) %config(noreplace) /etc/${arg_NAME}/env")
      _release_set(CPACK_RPM_${c}_PACKAGE_REQUIRES_PRE "shadow-utils")
    endif()
    # The release's own libraries neither satisfy nor create dependencies of
    # the system (rpmbuild would list every bundled library as provided), and
    # the unit names absolute paths: not relocatable.
    _release_set(CPACK_RPM_${c}_PACKAGE_AUTOREQPROV "no")
    _release_set(CPACK_RPM_${c}-DEBUG_PACKAGE_AUTOREQPROV "no")
    # (CPack.cmake defaults CPACK_PACKAGE_RELOCATABLE to ON, which CPackRPM reads.)
    set(CPACK_PACKAGE_RELOCATABLE OFF)
    list(APPEND vars CPACK_PACKAGE_RELOCATABLE)
    # No /usr/lib/.build-id links: they would claim the build-ids of the
    # bundled system libraries, which the system's own packages own.
    if(NOT CPACK_RPM_SPEC_MORE_DEFINE MATCHES "_build_id_links")
      string(APPEND CPACK_RPM_SPEC_MORE_DEFINE "\n%define _build_id_links none\n")
      list(APPEND vars CPACK_RPM_SPEC_MORE_DEFINE)
    endif()
    # Directories of the system the package must not claim.
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /opt /usr/lib/systemd
      /usr/lib/systemd/system /usr/lib/debug /usr/lib/debug/.build-id)
    list(APPEND vars CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION)
    if(arg_DEBUG_SYMBOLS STREQUAL "SPLIT")
      _release_set(CPACK_RPM_${c}-DEBUG_PACKAGE_NAME "${arg_NAME}-debuginfo")
      _release_set(CPACK_RPM_${c}-DEBUG_PACKAGE_REQUIRES "${arg_NAME} = ${CPACK_PACKAGE_VERSION}")
    endif()
  endif()
  # For steps/package-files.cmake.
  list(APPEND CPACK_RELEASE_PACKAGED "${arg_NAME}")
  set(CPACK_RELEASE_${c}_ARGS "${ARGN}")
  list(APPEND vars CPACK_RELEASE_PACKAGED CPACK_RELEASE_${c}_ARGS)
  foreach(var IN LISTS vars)
    set(${var} "${${var}}" PARENT_SCOPE)
  endforeach()
endfunction()

if(CPACK_GENERATOR MATCHES "^(DEB|RPM)$" AND CPACK_RELEASE_RECORD)
  set(CPACK_RELEASE_PACKAGED "")
  include("${CPACK_RELEASE_RECORD}")
  list(APPEND CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/steps/package-files.cmake")
endif()
