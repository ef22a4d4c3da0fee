// hello: prints the versions of the two libraries it links, computes a
// SHA-256 with OpenSSL and runs a query with SQLite, so a release that lacks
// either library fails to start, and one with a broken copy fails to run.
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

#include <cstdio>
#include <string>

namespace {

std::string sha256_hex(const std::string &data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

int query(const char *sql, std::string &answer) {
  sqlite3 *db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    return 1;
  }
  sqlite3_stmt *stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    answer = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
  } else {
    rc = SQLITE_ERROR;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  std::string who = argc > 1 ? argv[1] : "world";
  std::string answer;
  if (query("select 6 * 7", answer) != 0) {
    std::fprintf(stderr, "hello: sqlite query failed\n");
    return 1;
  }
  std::printf("hello, %s\n", who.c_str());
  std::printf("sqlite %s says 6*7=%s\n", sqlite3_libversion(), answer.c_str());
  std::printf("%s: sha256(%s)=%s\n", OpenSSL_version(OPENSSL_VERSION), who.c_str(),
              sha256_hex(who).c_str());
  return 0;
}
