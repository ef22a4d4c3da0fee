# Toolchain file for a Debian/Ubuntu GNU/Linux target triple, using Debian's
# cross compilers (g++-<triple>) and multiarch library locations.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<cmake-release>/toolchains/aarch64-linux-gnu.cmake ...
#   cmake -DCMAKE_TOOLCHAIN_FILE=<cmake-release>/toolchains/linux-gnu.cmake \
#         -DRELEASE_TARGET_TRIPLE=<triple> ...
#
# The per-triple files set RELEASE_TARGET_TRIPLE and include this one. It
# records, for the other modules:
#   RELEASE_TARGET_TRIPLE        e.g. aarch64-linux-gnu
#   RELEASE_CONTAINER_PLATFORM   e.g. linux/arm64 (add_container_image)
#   RELEASE_DEBIAN_ARCH          e.g. arm64 (dpkg architecture, for :<arch> packages)
#   RELEASE_PAGE_SIZE            largest page size of the target's kernels (patchelf)
# Optional: CMAKE_SYSROOT to take the target's libraries from a sysroot
# instead of the multiarch directories.

# The table of known triples lives with the modules (installed beside this
# folder, as in the repository).
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/ReleasePlatforms.cmake")

if(NOT RELEASE_TARGET_TRIPLE AND DEFINED ENV{RELEASE_TARGET_TRIPLE})
  # try_compile() projects see the triple through the environment.
  set(RELEASE_TARGET_TRIPLE "$ENV{RELEASE_TARGET_TRIPLE}")
endif()
set(_release_row "")
set(_release_triples "")
foreach(_release_entry IN LISTS _RELEASE_PLATFORMS)
  string(REPLACE "|" ";" _release_fields "${_release_entry}")
  list(GET _release_fields 0 _release_t)
  list(APPEND _release_triples "${_release_t}")
  if(_release_t STREQUAL "${RELEASE_TARGET_TRIPLE}")
    set(_release_row "${_release_fields}")
  endif()
endforeach()
if(NOT _release_row)
  string(REPLACE ";" ", " _release_triples "${_release_triples}")
  message(FATAL_ERROR "cmake-release toolchain: unknown target triple "
    "'${RELEASE_TARGET_TRIPLE}'. Fix: set RELEASE_TARGET_TRIPLE to one of: "
    "${_release_triples}.")
endif()
set(ENV{RELEASE_TARGET_TRIPLE} "${RELEASE_TARGET_TRIPLE}")
list(GET _release_row 1 CMAKE_SYSTEM_PROCESSOR)
list(GET _release_row 2 RELEASE_CONTAINER_PLATFORM)
list(GET _release_row 3 RELEASE_DEBIAN_ARCH)
list(GET _release_row 4 RELEASE_PAGE_SIZE)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_LIBRARY_ARCHITECTURE "${RELEASE_TARGET_TRIPLE}")

# Debian names its cross compilers <triple>-g++ (package g++-<triple>); the
# build machine's own triple has them too.
foreach(_release_lang C CXX)
  if(_release_lang STREQUAL "C")
    set(_release_tool gcc)
  else()
    set(_release_tool g++)
  endif()
  if(NOT CMAKE_${_release_lang}_COMPILER)
    find_program(_release_compiler_${_release_lang} NAMES "${RELEASE_TARGET_TRIPLE}-${_release_tool}"
      NO_CACHE)
    if(NOT _release_compiler_${_release_lang})
      message(FATAL_ERROR "cmake-release toolchain ${RELEASE_TARGET_TRIPLE}: the compiler "
        "'${RELEASE_TARGET_TRIPLE}-${_release_tool}' was not found. Fix: install it "
        "(Debian/Ubuntu: apt-get install ${_release_tool}-${RELEASE_TARGET_TRIPLE}), or set "
        "CMAKE_${_release_lang}_COMPILER.")
    endif()
    set(CMAKE_${_release_lang}_COMPILER "${_release_compiler_${_release_lang}}")
  endif()
endforeach()

# Target libraries and headers come from the sysroot, or else from the
# multiarch directories (found through CMAKE_LIBRARY_ARCHITECTURE) and the
# cross toolchain's own tree; programs always from the build machine.
if(CMAKE_SYSROOT)
  set(CMAKE_FIND_ROOT_PATH "${CMAKE_SYSROOT}")
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
else()
  list(APPEND CMAKE_FIND_ROOT_PATH "/usr/${RELEASE_TARGET_TRIPLE}")
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
  set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

# pkg-config must report the target's .pc files, not the build machine's.
find_program(_release_pkg_config NAMES "${RELEASE_TARGET_TRIPLE}-pkg-config" NO_CACHE)
if(_release_pkg_config)
  set(PKG_CONFIG_EXECUTABLE "${_release_pkg_config}" CACHE FILEPATH "pkg-config for the target")
else()
  set(ENV{PKG_CONFIG_LIBDIR}
    "${CMAKE_SYSROOT}/usr/lib/${RELEASE_TARGET_TRIPLE}/pkgconfig:${CMAKE_SYSROOT}/usr/share/pkgconfig")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "${CMAKE_SYSROOT}")
endif()

# Lets CMake (try_run, tests) run target programs under qemu when it is there.
find_program(_release_qemu NAMES "qemu-${CMAKE_SYSTEM_PROCESSOR}-static" "qemu-${CMAKE_SYSTEM_PROCESSOR}"
  NO_CACHE)
if(CMAKE_SYSTEM_PROCESSOR STREQUAL "armv7l")
  find_program(_release_qemu NAMES qemu-arm-static qemu-arm NO_CACHE)
elseif(CMAKE_SYSTEM_PROCESSOR STREQUAL "ppc64le")
  find_program(_release_qemu NAMES qemu-ppc64le-static qemu-ppc64le NO_CACHE)
elseif(CMAKE_SYSTEM_PROCESSOR STREQUAL "i686")
  find_program(_release_qemu NAMES qemu-i386-static qemu-i386 NO_CACHE)
endif()
if(_release_qemu AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${_release_qemu};-L;${CMAKE_SYSROOT}/usr/${RELEASE_TARGET_TRIPLE}")
  if(CMAKE_SYSROOT)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${_release_qemu};-L;${CMAKE_SYSROOT}")
  endif()
endif()
