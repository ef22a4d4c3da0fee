// A small database layer: one interface, two drivers (SQLite, libpq).
// Statements are written per dialect where the SQL differs; parameters are
// always bound, never pasted into SQL text.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config.hpp"

namespace exrelease {

struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Row = std::vector<std::optional<std::string>>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual DbKind kind() const = 0;
  // Runs one or more statements without parameters.
  virtual void exec(const std::string &sql) = 0;
  // Runs one statement with text parameters (?1, ?2 for SQLite; $1, $2 for
  // PostgreSQL) and returns its rows as text.
  virtual std::vector<Row> query(const std::string &sql, const std::vector<std::string> &params = {}) = 0;
  // Starts a transaction that holds the schema lock until commit/rollback,
  // so that two `migrate` runs at once apply each migration once.
  virtual void begin_exclusive() = 0;
  // Whether the connection is still usable after an error.
  virtual bool alive() = 0;

  void commit() { exec("COMMIT"); }
  void rollback() noexcept;

  // "?1" or "$1": the dialect's placeholder for parameter n.
  std::string param(int n) const;
};

// Opens a connection; throws DbError with the reason (and the target, redacted).
std::unique_ptr<Connection> connect(const DatabaseTarget &target);

std::unique_ptr<Connection> open_sqlite(const DatabaseTarget &target);
std::unique_ptr<Connection> open_postgres(const DatabaseTarget &target);

}  // namespace exrelease
