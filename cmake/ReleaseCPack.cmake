# CPack project configuration file of cmake-release (CPACK_PROJECT_CONFIG_FILE,
# set by add_release() unless the project set one): CPack includes it once per
# generator, with CPACK_GENERATOR naming that generator. Internal.
#
# - Archives (TGZ, TXZ, ZIP, ...) get one top directory, named
#   CPACK_PACKAGE_FILE_NAME, that is the release root.
# - Packages that install into the file system (DEB, RPM) get no top
#   directory, and install the release under /opt/<name> rather than /usr,
#   whose lib/ and bin/ belong to the system.
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
