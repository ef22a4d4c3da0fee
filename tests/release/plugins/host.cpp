// host: runs a SQLite query, then dlopen()s the plugin libgreet.so by bare
// file name (found through the program's RUNPATH) and prints where the
// plugin was loaded from.
#include <dlfcn.h>
#include <link.h>
#include <sqlite3.h>

#include <cstdio>
#include <string>

int main(int argc, char **argv) {
  const char *who = argc > 1 ? argv[1] : "world";
  sqlite3 *db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    std::fprintf(stderr, "host: sqlite3_open failed\n");
    return 1;
  }
  sqlite3_close(db);
  std::printf("sqlite: %s\n", sqlite3_libversion());

  void *plugin = dlopen("libgreet.so", RTLD_NOW);
  if (plugin == nullptr) {
    std::fprintf(stderr, "host: cannot load the plugin: %s\n", dlerror());
    return 2;
  }
  using greet_fn = const char *(*)(const char *);
  auto greet = reinterpret_cast<greet_fn>(dlsym(plugin, "greet_plugin"));
  if (greet == nullptr) {
    std::fprintf(stderr, "host: no greet_plugin in the plugin: %s\n", dlerror());
    return 3;
  }
  struct link_map *map = nullptr;
  if (dlinfo(plugin, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr) {
    std::fprintf(stderr, "host: dlinfo failed: %s\n", dlerror());
    return 4;
  }
  std::printf("plugin: %s\n", greet(who));
  std::printf("plugin file: %s\n", map->l_name);
  dlclose(plugin);
  return 0;
}
