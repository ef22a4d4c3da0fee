// Plugin: sums 1..10 in SQLite, labelled by the project's libplugtest_util.
#include <cstdio>
#include <sqlite3.h>

#include "util.hpp"

namespace {
char answer[128];
}

extern "C" const char *plugtest_run() {
  sqlite3 *db = nullptr;
  sqlite3_stmt *st = nullptr;
  int value = -1;
  const char *sql =
      "with recursive n(i) as (select 1 union all select i + 1 from n where i < 10) select sum(i) from n";
  if (sqlite3_open(":memory:", &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    value = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::snprintf(answer, sizeof answer, "%s 1..10=%d", plugtest_util_label(), value);
  return answer;
}
