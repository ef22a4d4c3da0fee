// Plugin: asks SQLite for its version and 6*7.
#include <cstdio>
#include <sqlite3.h>

namespace {
char answer[128];
}

extern "C" const char *plugtest_run() {
  sqlite3 *db = nullptr;
  sqlite3_stmt *st = nullptr;
  int value = -1;
  if (sqlite3_open(":memory:", &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "select 6*7", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    value = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::snprintf(answer, sizeof answer, "sqlite %s says 6*7=%d", sqlite3_libversion(), value);
  return answer;
}
