/* release-exchange <a> <b>: swaps two directory entries in one step
 * (renameat2 with RENAME_EXCHANGE, Linux 3.15+), so that the path of a
 * release always names a complete release, the old one or the new one.
 *
 * Built on the build host by add_release() (cmake/ReleaseSwap.cmake) and run
 * by the swap step (cmake/steps/swap.cmake); never part of a release. Written
 * in the common subset of C and C++, so that either compiler of a project
 * builds it. No tool on a Debian 12 host does this: `mv --exchange` comes
 * with coreutils 9.5 and `exch` with util-linux 2.40.
 *
 * Exit status: 0 swapped; 3 the file system or kernel cannot exchange (the
 * caller falls back to two renames); 1 any other error; 2 usage. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv) {
  int err = ENOSYS;
  if (argc != 3) {
    fputs("usage: release-exchange <path> <path>\n", stderr);
    return 2;
  }
#ifdef SYS_renameat2
  if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) == 0) {
    return 0;
  }
  err = errno;
#endif
  fprintf(stderr, "release-exchange: cannot exchange '%s' and '%s': %s\n", argv[1], argv[2],
          strerror(err));
  return (err == EINVAL || err == ENOSYS || err == ENOTSUP) ? 3 : 1;
}
