# The prefix the project sets before add_release() is the unit's; SYSTEMD_OPTIONS
# for a key replace its lines (here the three Environment= lines).
set(CPACK_PACKAGING_INSTALL_PREFIX /srv/app/)
add_executable(prog main.cpp)
add_release(app TARGETS prog SYSTEMD_USER DYNAMIC
  SYSTEMD_OPTIONS Unit.Documentation=https://example.org/app Environment=RELEASE_TMP=/run/app
    Environment=TZ=UTC)
