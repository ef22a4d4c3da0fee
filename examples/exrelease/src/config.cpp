#include "config.hpp"

#include <cstdlib>
#include <optional>

namespace exrelease {
namespace {

constexpr std::size_t min_secret_length = 32;

std::optional<std::string> env(const char *name) {
  const char *value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string required_env(const char *name) {
  auto value = env(name);
  if (!value)
    throw ConfigError(std::string("environment variable ") + name +
                      " is missing (it is required at run time)");
  return *value;
}

bool starts_with(const std::string &s, const std::string &prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes, so that a path with a space can be written as %20.
std::string percent_decode(const std::string &s, const std::string &what) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) throw ConfigError(what + ": bad %-escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// The default SQLite file: $EXRELEASE_DATA_DIR/exrelease.db, else the user's
// XDG data directory. Not inside the release: a release directory is replaced
// on every assembly and may be read-only in a container.
DatabaseTarget default_sqlite() {
  std::string dir;
  if (auto data_dir = env("EXRELEASE_DATA_DIR")) {
    dir = *data_dir;
    if (dir[0] != '/') throw ConfigError("EXRELEASE_DATA_DIR must be an absolute path, got '" + dir + "'");
  } else if (auto xdg = env("XDG_DATA_HOME"); xdg && (*xdg)[0] == '/') {
    dir = *xdg + "/exrelease";
  } else if (auto home = env("HOME"); home && (*home)[0] == '/') {
    dir = *home + "/.local/share/exrelease";
  } else {
    throw ConfigError(
        "no place for the default SQLite database (HOME is not set): set DATABASE_URL "
        "(sqlite:///absolute/path.db or postgres://...) or EXRELEASE_DATA_DIR");
  }
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  DatabaseTarget t;
  t.kind = DbKind::sqlite;
  t.sqlite_path = dir + "/exrelease.db";
  t.create_directory = true;
  t.display = "SQLite file " + t.sqlite_path + " (the default location)";
  return t;
}

}  // namespace

std::string redact_url(const std::string &url) {
  // scheme://user:password@host/... -> scheme://user:***@host/...
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  auto authority_start = scheme_end + 3;
  auto authority_end = url.find_first_of("/?#", authority_start);
  auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  std::string out = url;
  if (at != std::string::npos && at >= authority_start) {
    auto colon = url.find(':', authority_start);
    if (colon != std::string::npos && colon < at)
      out = url.substr(0, colon + 1) + "***" + url.substr(at);
  }
  // ...?password=secret&... in the query string
  auto pw = out.find("password=");
  if (pw != std::string::npos && pw > 0 && (out[pw - 1] == '?' || out[pw - 1] == '&')) {
    auto end = out.find('&', pw);
    out = out.substr(0, pw + 9) + "***" + (end == std::string::npos ? "" : out.substr(end));
  }
  return out;
}

DatabaseTarget parse_database_url(const std::string &url) {
  DatabaseTarget t;
  if (starts_with(url, "postgres://") || starts_with(url, "postgresql://")) {
    t.kind = DbKind::postgres;
    t.pg_conninfo = url;
    t.display = redact_url(url);
    return t;
  }
  if (starts_with(url, "sqlite://")) {
    std::string rest = url.substr(9);
    if (rest.empty() || rest[0] != '/')
      throw ConfigError("DATABASE_URL: a SQLite URL needs an absolute path, sqlite:///path/to/file.db (got '" +
                        url + "')");
    if (rest.find_first_of("?#") != std::string::npos)
      throw ConfigError("DATABASE_URL: a SQLite URL takes no query or fragment (got '" + url + "')");
    t.kind = DbKind::sqlite;
    t.sqlite_path = percent_decode(rest, "DATABASE_URL");
    if (t.sqlite_path.back() == '/') throw ConfigError("DATABASE_URL: the SQLite path names a directory");
    t.display = url;
    return t;
  }
  throw ConfigError("DATABASE_URL must start with sqlite:///, postgres:// or postgresql:// (got '" +
                    redact_url(url) + "')");
}

DatabaseTarget database_from_env() {
  if (auto url = env("DATABASE_URL")) return parse_database_url(*url);
  return default_sqlite();
}

ServerConfig server_config_from_env() {
  ServerConfig c;
  std::string port = required_env("APP_PORT");
  bool digits = port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
  c.port = digits ? std::stoi(port) : 0;
  if (c.port < 1 || c.port > 65535)
    throw ConfigError("APP_PORT must be a TCP port number from 1 to 65535, got '" + port + "'");

  c.secret_key_base = required_env("SECRET_KEY_BASE");
  if (c.secret_key_base.size() < min_secret_length)
    throw ConfigError("SECRET_KEY_BASE is too short (" + std::to_string(c.secret_key_base.size()) +
                      " characters): use at least " + std::to_string(min_secret_length) +
                      " random characters, e.g. from `openssl rand -base64 48`");

  c.host = env("APP_HOST").value_or("0.0.0.0");
  c.database = database_from_env();
  return c;
}

}  // namespace exrelease
