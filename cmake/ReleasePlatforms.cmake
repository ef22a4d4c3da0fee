# Internal: the GNU/Linux targets cmake-release knows, one table for the
# toolchain files (toolchains/linux-gnu.cmake) and add_container_image().
# It only sets a variable, so it may be included from anywhere, any number of
# times (toolchain files are read again for every try_compile()).
#
# target triple | CMAKE_SYSTEM_PROCESSOR | container platform | Debian architecture | largest page size
set(_RELEASE_PLATFORMS
  "x86_64-linux-gnu|x86_64|linux/amd64|amd64|4096"
  "aarch64-linux-gnu|aarch64|linux/arm64|arm64|65536"
  "arm-linux-gnueabihf|armv7l|linux/arm/v7|armhf|4096"
  "riscv64-linux-gnu|riscv64|linux/riscv64|riscv64|4096"
  "powerpc64le-linux-gnu|ppc64le|linux/ppc64le|ppc64el|65536"
  "s390x-linux-gnu|s390x|linux/s390x|s390x|4096"
  "i686-linux-gnu|i686|linux/386|i386|4096")
