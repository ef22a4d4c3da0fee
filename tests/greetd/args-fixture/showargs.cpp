// Prints each argument as "<length>:<argument>" on a line of its own, so
// empty arguments and newlines inside one are told apart; with SHOWARGS_DATA
// set, then "data:<RELEASE_DATA>" ("data:-" when unset). With SHOWARGS_WAIT
// set, it then waits for a signal (for the daemon tests).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) std::printf("%zu:%s\n", std::strlen(argv[i]), argv[i]);
  if (std::getenv("SHOWARGS_DATA")) {
    const char *data = std::getenv("RELEASE_DATA");
    std::printf("data:%s\n", data ? data : "-");
  }
  std::fflush(stdout);
  if (std::getenv("SHOWARGS_WAIT")) pause();
  return 0;
}
