#include "migrations.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace exrelease {
namespace {

const Migration failing_migration{
    9999, "test_hook_always_fails",
    // The first statement succeeds, the second cannot: the rollback must undo both.
    "CREATE TABLE exrelease_failed_migration_probe (x INTEGER);"
    "INSERT INTO exrelease_no_such_table VALUES (1);",
    "CREATE TABLE exrelease_failed_migration_probe (x INTEGER);"
    "INSERT INTO exrelease_no_such_table VALUES (1);"};

std::string sql_for(const Migration &m, DbKind kind) {
  return kind == DbKind::sqlite ? m.sqlite_sql : m.postgres_sql;
}

bool migrations_table_exists(Connection &conn) {
  auto rows = conn.kind() == DbKind::sqlite
                  ? conn.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
                  : conn.query("SELECT count(*) FROM pg_catalog.pg_tables "
                               "WHERE schemaname = current_schema() AND tablename = 'schema_migrations'");
  return !rows.empty() && rows[0][0].value_or("0") != "0";
}

std::set<long> applied_versions(Connection &conn) {
  std::set<long> versions;
  for (const auto &row : conn.query("SELECT version FROM schema_migrations"))
    if (row[0]) versions.insert(std::stol(*row[0]));
  return versions;
}

void create_migrations_table(Connection &conn) {
  conn.begin_exclusive();
  try {
    conn.exec(conn.kind() == DbKind::sqlite
                  ? "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY,"
                    " name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
                  : "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version BIGINT PRIMARY KEY,"
                    " name TEXT NOT NULL,"
                    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    conn.commit();
  } catch (...) {
    conn.rollback();
    throw;
  }
}

}  // namespace

const std::vector<Migration> &known_migrations() {
  static const std::vector<Migration> list{
      {1, "create_notes",
       "CREATE TABLE notes ("
       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
       " body TEXT NOT NULL,"
       " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
       "CREATE TABLE notes ("
       " id BIGSERIAL PRIMARY KEY,"
       " body TEXT NOT NULL,"
       " created_at TIMESTAMPTZ NOT NULL DEFAULT now())"},
      {2, "index_notes_created_at",
       "CREATE INDEX notes_created_at_idx ON notes (created_at)",
       "CREATE INDEX notes_created_at_idx ON notes (created_at)"},
  };
  return list;
}

bool failing_migration_requested() {
  const char *v = std::getenv("EXRELEASE_FAIL_MIGRATION");
  return v != nullptr && std::string(v) == "1";
}

bool migrate(Connection &conn, std::ostream &out, std::ostream &err) {
  std::vector<Migration> list = known_migrations();
  if (failing_migration_requested()) {
    err << "exrelease migrate: EXRELEASE_FAIL_MIGRATION=1: adding migration " << failing_migration.version
        << " that always fails (a test hook)\n";
    list.push_back(failing_migration);
  }

  create_migrations_table(conn);
  int applied = 0;
  for (const auto &m : list) {
    // Each migration holds the schema lock from the check to its commit, so a
    // concurrent `migrate` waits and then finds it applied.
    conn.begin_exclusive();
    try {
      if (applied_versions(conn).count(m.version)) {
        conn.rollback();
        continue;
      }
      conn.exec(sql_for(m, conn.kind()));
      conn.query("INSERT INTO schema_migrations (version, name) VALUES (" + conn.param(1) + ", " + conn.param(2) +
                     ")",
                 {std::to_string(m.version), m.name});
      conn.commit();
    } catch (const DbError &e) {
      conn.rollback();
      err << "exrelease migrate: migration " << m.version << " " << m.name << " failed and was rolled back: "
          << e.what() << "\n";
      return false;
    }
    out << "exrelease migrate: applied " << m.version << " " << m.name << "\n";
    ++applied;
  }

  auto versions = applied_versions(conn);
  long current = versions.empty() ? 0 : *versions.rbegin();
  std::set<long> known;
  for (const auto &m : list) known.insert(m.version);
  for (long v : versions)
    if (!known.count(v))
      err << "exrelease migrate: warning: the database has migration " << v
          << ", which this release does not know (did a newer release run here?)\n";
  if (applied == 0)
    out << "exrelease migrate: already up to date at version " << current << ", nothing to do\n";
  else
    out << "exrelease migrate: " << applied << " migration(s) applied, now at version " << current << "\n";
  return true;
}

bool schema_is_current(Connection &conn) {
  if (!migrations_table_exists(conn)) return false;
  auto versions = applied_versions(conn);
  return std::all_of(known_migrations().begin(), known_migrations().end(),
                     [&](const Migration &m) { return versions.count(m.version) > 0; });
}

}  // namespace exrelease
