// greetd plugin "formal": "Good day, Ada. Hello." style greetings.
#include <cstdio>

#include "greetd_plugin.h"

namespace {

size_t greet(const char *greeting, const char *who, char *out, size_t size) {
  int n = std::snprintf(out, size, "Good day to you, %s. %s.", who, greeting);
  return n < 0 ? 0 : static_cast<size_t>(n);
}

const greetd_plugin plugin{"formal", greet};

}  // namespace

extern "C" const greetd_plugin *greetd_plugin_v1(void) { return &plugin; }
