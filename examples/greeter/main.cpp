// greeter [--shout] [name]: greets through the greet library, or through the
// shout plugin, which it loads from the release with dlopen().
#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "greet.h"

namespace {

int shout(const char *who) {
  // A bare file name: the loader searches this program's RUNPATH, which in a
  // release is $ORIGIN/../lib.
  void *plugin = dlopen("libshout.so", RTLD_NOW);
  if (plugin == nullptr) {
    std::fprintf(stderr, "greeter: cannot load the shout plugin: %s\n", dlerror());
    return 1;
  }
  using shout_fn = void (*)(const char *, char *, unsigned long);
  auto fn = reinterpret_cast<shout_fn>(dlsym(plugin, "shout"));
  if (fn == nullptr) {
    std::fprintf(stderr, "greeter: the plugin has no shout(): %s\n", dlerror());
    return 1;
  }
  char text[256];
  fn(who, text, sizeof text);
  std::printf("%s\n", text);
  dlclose(plugin);
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  bool loud = argc > 1 && std::strcmp(argv[1], "--shout") == 0;
  const char *who = argc > (loud ? 2 : 1) ? argv[loud ? 2 : 1] : "world";
  if (loud) {
    return shout(who);
  }
  std::printf("%s\n", greeting(who).c_str());
  return 0;
}
