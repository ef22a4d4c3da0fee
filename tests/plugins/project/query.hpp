// What both plugins ask SQLite: the integer the query's first row holds, or
// -1 when SQLite cannot answer.
#pragma once
#include <sqlite3.h>

inline int plugtest_query(const char *sql) {
  sqlite3 *db = nullptr;
  sqlite3_stmt *st = nullptr;
  int value = -1;
  if (sqlite3_open(":memory:", &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    value = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}
