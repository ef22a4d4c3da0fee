#include "database.hpp"

namespace exrelease {

void Connection::rollback() noexcept {
  try {
    exec("ROLLBACK");
  } catch (const DbError &) {
    // Nothing was open, or the connection is gone: either way nothing to undo.
  }
}

std::string Connection::param(int n) const {
  return (kind() == DbKind::sqlite ? "?" : "$") + std::to_string(n);
}

std::unique_ptr<Connection> connect(const DatabaseTarget &target) {
  return target.kind == DbKind::sqlite ? open_sqlite(target) : open_postgres(target);
}

}  // namespace exrelease
