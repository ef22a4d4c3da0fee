// plugtest: loads the plugins next to its executable (as ggml loads its
// backends). plugtree (PLUGTEST_FROM_ENV): loads them from the directory in
// PLUGTEST_PLUGIN_DIR, taken relative to RELEASE_ROOT when relative.
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "loader.hpp"

namespace {

std::string plugin_dir() {
#ifdef PLUGTEST_FROM_ENV
  const char *dir = std::getenv("PLUGTEST_PLUGIN_DIR");
  if (!dir || !*dir) return "";
  const char *root = std::getenv("RELEASE_ROOT");
  if (dir[0] != '/' && root) return std::string(root) + "/" + dir;
  return dir;
#else
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return "";
  std::string path(exe, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
#endif
}

}  // namespace

int main() {
  const std::string dir = plugin_dir();
  if (dir.empty()) {
    std::fprintf(stderr, "no plugin directory\n");
    return 2;
  }
  int n = plugtest_load_all(dir, "libplugtest-");
  if (n < 0) return 1;
  std::printf("loaded %d plugins\n", n);
  return n > 0 ? 0 : 1;
}
