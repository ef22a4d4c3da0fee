// The notes resource, kept in whichever database DATABASE_URL names.
// One connection, shared by the server's worker threads under a mutex, opened
// lazily and opened again after it broke: the server runs (and says 503 on
// /health) while the database is away, and recovers when it is back.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"
#include "database.hpp"

namespace exrelease {

struct Note {
  long long id = 0;
  std::string body;
  std::string created_at;  // ISO 8601, UTC
};

struct Health {
  bool ok = false;
  std::string detail;  // why not, when not ok
};

class NoteStore {
 public:
  explicit NoteStore(DatabaseTarget target);

  Note create(const std::string &body);
  std::vector<Note> list(int limit);
  std::optional<Note> find(long long id);
  bool remove(long long id);
  Health health();

  const DatabaseTarget &target() const { return target_; }

 private:
  template <typename F>
  auto with_connection(F &&f) -> decltype(f(std::declval<Connection &>()));
  std::string created_at_column() const;

  DatabaseTarget target_;
  std::mutex mutex_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace exrelease
