#include <libpq-fe.h>

#include "database.hpp"

namespace exrelease {
namespace {

// A fixed key for pg_advisory_xact_lock: serialises concurrent migrations.
constexpr const char *migration_lock_key = "7412356001";

// libpq's messages span lines (hints, a caret under the error); make them one.
std::string trim_message(const char *msg) {
  std::string s;
  for (const char *p = msg ? msg : "unknown error"; *p; ++p) {
    bool space = *p == '\n' || *p == '\t' || *p == ' ';
    if (!space)
      s += *p;
    else if (!s.empty() && s.back() != ' ')
      s += ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const DatabaseTarget &target) : display_(target.display) {
    conn_ = PQconnectdb(target.pg_conninfo.c_str());
    if (conn_ == nullptr) throw DbError("PostgreSQL: out of memory");
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = trim_message(PQerrorMessage(conn_));
      PQfinish(conn_);
      throw DbError("cannot connect to PostgreSQL at " + display_ + ": " + msg);
    }
    // Notices (e.g. "relation already exists, skipping") are not for the operator.
    PQsetNoticeProcessor(conn_, [](void *, const char *) {}, nullptr);
  }
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection &) = delete;
  PgConnection &operator=(const PgConnection &) = delete;

  DbKind kind() const override { return DbKind::postgres; }

  void exec(const std::string &sql) override {
    Result r(PQexec(conn_, sql.c_str()), PQclear);
    check(r.get());
  }

  std::vector<Row> query(const std::string &sql, const std::vector<std::string> &params) override {
    std::vector<const char *> values;
    for (const auto &p : params) values.push_back(p.c_str());
    Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                          nullptr, 0),
             PQclear);
    check(r.get());
    std::vector<Row> rows;
    int nrows = PQntuples(r.get()), ncols = PQnfields(r.get());
    for (int i = 0; i < nrows; ++i) {
      Row row;
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(r.get(), i, c))
          row.emplace_back(std::nullopt);
        else
          row.emplace_back(std::string(PQgetvalue(r.get(), i, c), static_cast<std::size_t>(PQgetlength(r.get(), i, c))));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void begin_exclusive() override {
    exec("BEGIN");
    exec(std::string("SELECT pg_advisory_xact_lock(") + migration_lock_key + ")");
  }

  bool alive() override { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  using Result = std::unique_ptr<PGresult, void (*)(PGresult *)>;

  void check(PGresult *r) {
    auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string msg = r ? trim_message(PQresultErrorMessage(r)) : trim_message(PQerrorMessage(conn_));
    if (msg.empty()) msg = trim_message(PQerrorMessage(conn_));
    throw DbError("PostgreSQL: " + msg);
  }

  std::string display_;
  PGconn *conn_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> open_postgres(const DatabaseTarget &target) {
  return std::make_unique<PgConnection>(target);
}

}  // namespace exrelease
