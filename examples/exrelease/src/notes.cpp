#include "notes.hpp"

#include "migrations.hpp"

namespace exrelease {
namespace {

Note note_from_row(const Row &row) {
  Note n;
  n.id = std::stoll(row.at(0).value_or("0"));
  n.body = row.at(1).value_or("");
  n.created_at = row.at(2).value_or("");
  return n;
}

}  // namespace

NoteStore::NoteStore(DatabaseTarget target) : target_(std::move(target)) {}

template <typename F>
auto NoteStore::with_connection(F &&f) -> decltype(f(std::declval<Connection &>())) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!conn_) conn_ = connect(target_);
  try {
    return f(*conn_);
  } catch (const DbError &) {
    if (!conn_->alive()) conn_.reset();  // reconnect on the next call
    throw;
  }
}

std::string NoteStore::created_at_column() const {
  return target_.kind == DbKind::sqlite
             ? "created_at"
             : "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

Note NoteStore::create(const std::string &body) {
  return with_connection([&](Connection &c) {
    auto rows = c.query("INSERT INTO notes (body) VALUES (" + c.param(1) + ") RETURNING id, body, " +
                            created_at_column(),
                        {body});
    return note_from_row(rows.at(0));
  });
}

std::vector<Note> NoteStore::list(int limit) {
  return with_connection([&](Connection &c) {
    std::vector<Note> notes;
    for (const auto &row : c.query("SELECT id, body, " + created_at_column() +
                                       " FROM notes ORDER BY id DESC LIMIT " + c.param(1),
                                   {std::to_string(limit)}))
      notes.push_back(note_from_row(row));
    return notes;
  });
}

std::optional<Note> NoteStore::find(long long id) {
  return with_connection([&](Connection &c) -> std::optional<Note> {
    auto rows = c.query("SELECT id, body, " + created_at_column() + " FROM notes WHERE id = " + c.param(1),
                        {std::to_string(id)});
    if (rows.empty()) return std::nullopt;
    return note_from_row(rows[0]);
  });
}

bool NoteStore::remove(long long id) {
  return with_connection([&](Connection &c) {
    return !c.query("DELETE FROM notes WHERE id = " + c.param(1) + " RETURNING id", {std::to_string(id)}).empty();
  });
}

Health NoteStore::health() {
  try {
    return with_connection([](Connection &c) {
      c.query("SELECT 1");
      if (!schema_is_current(c)) return Health{false, "migrations are pending: run `exrelease migrate`"};
      return Health{true, ""};
    });
  } catch (const DbError &e) {
    return Health{false, e.what()};
  }
}

}  // namespace exrelease
