// Plugin: asks SQLite for its version and 6*7.
#include <cstdio>

#include "query.hpp"

namespace {
char answer[128];
}

extern "C" const char *plugtest_run() {
  std::snprintf(answer, sizeof answer, "sqlite %s says 6*7=%d", sqlite3_libversion(), plugtest_query("select 6*7"));
  return answer;
}
