// sqlver: prints the SQLite version and the answer of a query.
#include <sqlite3.h>

#include <cstdio>

int main() {
  sqlite3 *db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    return 1;
  }
  sqlite3_stmt *stmt = nullptr;
  int rc = 1;
  if (sqlite3_prepare_v2(db, "select 6 * 7", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    std::printf("sqlite %s: %d\n", sqlite3_libversion(), sqlite3_column_int(stmt, 0));
    rc = 0;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rc;
}
