// greetd plugin "shout": the greeting and the name in capitals.
#include <cctype>
#include <cstdio>
#include <string>

#include "greetd_plugin.h"

namespace {

std::string upper(std::string s) {
  for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

size_t greet(const char *greeting, const char *who, char *out, size_t size) {
  int n = std::snprintf(out, size, "%s, %s!", upper(greeting).c_str(), upper(who).c_str());
  return n < 0 ? 0 : static_cast<size_t>(n);
}

const greetd_plugin plugin{"shout", greet};

}  // namespace

extern "C" const greetd_plugin *greetd_plugin_v1(void) { return &plugin; }
