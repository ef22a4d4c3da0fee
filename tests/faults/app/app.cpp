// Prints a greeting, then runs until SIGTERM (or APP_SECONDS).
#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>

std::string greeting(const std::string &who);
int run_seconds();

namespace {
volatile std::sig_atomic_t stop = 0;
void on_term(int) { stop = 1; }
}  // namespace

int main(int argc, char **argv) {
  std::signal(SIGTERM, on_term);
  std::printf("%s\n", greeting(argc > 1 ? argv[1] : "world").c_str());
  std::fflush(stdout);
  for (int i = 0; i < run_seconds() * 10 && !stop; ++i) {
    usleep(100000);
  }
  return 0;
}
