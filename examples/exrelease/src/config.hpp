// Runtime configuration: read from the environment only, validated once at
// startup, with one clear line for the operator when something is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace exrelease {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class DbKind { sqlite, postgres };

// Where the data lives, resolved from DATABASE_URL (or the default).
struct DatabaseTarget {
  DbKind kind = DbKind::sqlite;
  std::string sqlite_path;     // absolute path of the SQLite file
  bool create_directory = false;  // the default location: make its directory
  std::string pg_conninfo;     // libpq connection URI, as given
  std::string display;         // for logs: the URL without its password
};

struct ServerConfig {
  std::string host;  // APP_HOST, default 0.0.0.0
  int port = 0;      // APP_PORT, required
  std::string secret_key_base;  // SECRET_KEY_BASE, required
  DatabaseTarget database;
};

// Throws ConfigError naming the variable that is missing or wrong.
DatabaseTarget database_from_env();
ServerConfig server_config_from_env();

// Exposed for tests of the parsing rules.
DatabaseTarget parse_database_url(const std::string &url);
std::string redact_url(const std::string &url);

}  // namespace exrelease
