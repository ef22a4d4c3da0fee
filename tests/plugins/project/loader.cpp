#include "loader.hpp"

#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <dlfcn.h>
#include <vector>

int plugtest_load_all(const std::string &dir, const std::string &prefix) {
  std::vector<std::string> names;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d)) {
      std::string n = e->d_name;
      if (n.compare(0, prefix.size(), prefix) == 0 && n.size() > prefix.size() + 3 &&
          n.compare(n.size() - 3, 3, ".so") == 0)
        names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  for (const std::string &n : names) {
    const std::string path = dir + "/" + n;
    void *h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      std::fprintf(stderr, "cannot load %s: %s\n", n.c_str(), dlerror());
      return -1;
    }
    using run_fn = const char *(*)();
    auto run = reinterpret_cast<run_fn>(dlsym(h, "plugtest_run"));
    if (!run) {
      std::fprintf(stderr, "%s has no plugtest_run\n", n.c_str());
      return -1;
    }
    std::printf("%s: %s\n", n.c_str(), run());
  }
  return static_cast<int>(names.size());
}
