#include <cstdlib>

// How long the daemon runs (APP_SECONDS, default 600).
int run_seconds() {
  const char *s = std::getenv("APP_SECONDS");
  return s ? std::atoi(s) : 600;
}
