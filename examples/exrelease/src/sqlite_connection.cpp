#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "database.hpp"

namespace exrelease {
namespace {

// mkdir -p for the default data directory.
void make_directories(const std::string &dir) {
  std::string path;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    path = dir.substr(0, pos);
    if (path.empty()) continue;
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
      throw DbError("cannot create directory " + path + ": " + std::strerror(errno));
  }
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const DatabaseTarget &target) : path_(target.sqlite_path) {
    if (target.create_directory) make_directories(path_.substr(0, path_.rfind('/')));
    int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw DbError("cannot open SQLite database " + path_ + ": " + msg +
                    " (does its directory exist, and may this user write there?)");
    }
    sqlite3_extended_result_codes(db_, 1);
    // Another process (a `migrate` run, say) may hold a write lock briefly.
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA foreign_keys = ON");
  }
  ~SqliteConnection() override { sqlite3_close(db_); }
  SqliteConnection(const SqliteConnection &) = delete;
  SqliteConnection &operator=(const SqliteConnection &) = delete;

  DbKind kind() const override { return DbKind::sqlite; }

  void exec(const std::string &sql) override {
    char *err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      throw DbError("SQLite: " + msg);
    }
  }

  std::vector<Row> query(const std::string &sql, const std::vector<std::string> &params) override {
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
      throw DbError(std::string("SQLite: ") + sqlite3_errmsg(db_));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> guard(stmt, sqlite3_finalize);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                            SQLITE_TRANSIENT) != SQLITE_OK)
        throw DbError(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
    std::vector<Row> rows;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw DbError(std::string("SQLite: ") + sqlite3_errmsg(db_));
      Row row;
      int n = sqlite3_column_count(stmt);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          auto text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, c));
          row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // IMMEDIATE takes the write lock now, not at the first write.
  void begin_exclusive() override { exec("BEGIN IMMEDIATE"); }

  bool alive() override { return true; }

 private:
  std::string path_;
  sqlite3 *db_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const DatabaseTarget &target) {
  return std::make_unique<SqliteConnection>(target);
}

}  // namespace exrelease
