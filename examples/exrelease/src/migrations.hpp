// Versioned schema migrations, shared by SQLite and PostgreSQL.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "database.hpp"

namespace exrelease {

struct Migration {
  long version;
  std::string name;
  std::string sqlite_sql;
  std::string postgres_sql;
};

// The migrations this build knows, in version order.
const std::vector<Migration> &known_migrations();

// Test hook: EXRELEASE_FAIL_MIGRATION=1 appends a migration that creates a
// table and then fails, so tests can see a failed migration roll back and
// stop the release's start. It never runs unless that variable is set.
bool failing_migration_requested();

// Applies every pending migration, each in its own transaction together with
// its schema_migrations row. Reports to out/err; returns false on failure.
bool migrate(Connection &conn, std::ostream &out, std::ostream &err);

// True when every known migration has been applied (no table: false).
bool schema_is_current(Connection &conn);

}  // namespace exrelease
