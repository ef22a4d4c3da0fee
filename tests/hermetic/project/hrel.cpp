// The hermetic tests' main program. Without arguments: SQLite and OpenSSL
// answer. Subcommands exercise what glibc does at run time by name, and the
// ways a program starts programs:
//   user            getpwuid(getuid()) -> "user <name> <dir>"
//   resolve <host>  getaddrinfo(<host>) -> "resolve <host> <address>"
//   exec-tool       execv() of ../libexec/htool beside /proc/self/exe
//   exec-path <p>   execv(<p>, {"htool", "by-path"})
//   reexec          execv("/proc/self/exe", {argv[0], "child"})
//   iconv <charset> "iconv <charset> <hex>" of U+65E5 U+672C (Japan) in <charset>
//   child           "child argv0=<argv[0]>"
//   name            "name comm=<comm> argv0=<argv[0]> cmdline=<cmdline>" (/proc/self)
//   wait            sleeps 60 s (until a signal ends it)
//   plugin          dlopen("libhplugin.so") -> "plugin 42" (HREL_PLUGIN builds)
#include <dlfcn.h>
#include <iconv.h>
#include <netdb.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

int sql_and_hash() {
  sqlite3 *db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(db, "select 6*7", -1, &st, nullptr) != SQLITE_OK) return 1;
  if (sqlite3_step(st) != SQLITE_ROW) return 1;
  std::printf("sqlite %s says 6*7=%d\n", sqlite3_libversion(), sqlite3_column_int(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  const char text[] = "hermetic";
  if (EVP_Digest(text, sizeof text - 1, md, &n, EVP_sha256(), nullptr) != 1) return 1;
  std::printf("openssl sha256(hermetic)=");
  for (unsigned int i = 0; i < n; ++i) std::printf("%02x", md[i]);
  std::printf("\n");
  return 0;
}

int user() {
  errno = 0;
  const passwd *pw = getpwuid(getuid());
  if (!pw) {
    std::printf("user lookup of uid %u failed: %s\n", static_cast<unsigned>(getuid()),
                errno ? std::strerror(errno) : "no such user");
    return 1;
  }
  std::printf("user %s %s\n", pw->pw_name, pw->pw_dir);
  return 0;
}

int resolve(const char *host) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *res = nullptr;
  int rc = getaddrinfo(host, nullptr, &hints, &res);
  if (rc != 0) {
    std::printf("resolve %s failed: %s\n", host, gai_strerror(rc));
    return 1;
  }
  char buf[INET_ADDRSTRLEN] = "";
  inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(res->ai_addr)->sin_addr, buf, sizeof buf);
  std::printf("resolve %s %s\n", host, buf);
  freeaddrinfo(res);
  return 0;
}

int exec_path(const std::string &tool, const char *why) {
  std::fflush(stdout);
  std::string a0 = "htool";
  std::string a1 = why;
  char *args[] = {a0.data(), a1.data(), nullptr};
  execv(tool.c_str(), args);
  std::printf("exec %s failed: %s\n", tool.c_str(), std::strerror(errno));
  return 1;
}

int exec_tool() {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n < 0) return 1;
  self[n] = '\0';
  std::string tool(self);
  return exec_path(tool.substr(0, tool.rfind('/')) + "/htool", "from-hrel");
}

int reexec(char *argv0) {
  std::fflush(stdout);
  char a1[] = "child";
  char *args[] = {argv0, a1, nullptr};
  execv("/proc/self/exe", args);
  std::printf("reexec failed: %s\n", std::strerror(errno));
  return 1;
}

int convert(const char *charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    std::printf("iconv_open %s failed: %s\n", charset, std::strerror(errno));
    return 1;
  }
  char in[] = "\xe6\x97\xa5\xe6\x9c\xac";
  char out[16] = {};
  char *ip = in;
  char *op = out;
  size_t il = sizeof in - 1;
  size_t ol = sizeof out;
  if (iconv(cd, &ip, &il, &op, &ol) == static_cast<size_t>(-1)) return 1;
  iconv_close(cd);
  std::printf("iconv %s ", charset);
  for (char *p = out; p < op; ++p) std::printf("%02x", static_cast<unsigned char>(*p));
  std::printf("\n");
  return 0;
}

int plugin() {
#ifdef HREL_PLUGIN
  void *h = dlopen("libhplugin.so", RTLD_NOW);
  if (!h) {
    std::printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  auto answer = reinterpret_cast<int (*)()>(dlsym(h, "hplugin_answer"));
  if (!answer) return 1;
  std::printf("plugin %d\n", answer());
  return 0;
#else
  std::printf("built without HREL_PLUGIN\n");
  return 1;
#endif
}

// What the kernel calls this process: /proc/self/comm, and /proc/self/cmdline
// with its words joined by spaces.
int name(const char *argv0) {
  char comm[64] = "";
  std::FILE *f = std::fopen("/proc/self/comm", "r");
  if (!f || !std::fgets(comm, sizeof comm, f)) return 1;
  std::fclose(f);
  comm[std::strcspn(comm, "\n")] = '\0';
  std::string cmdline;
  f = std::fopen("/proc/self/cmdline", "r");
  if (!f) return 1;
  for (int c; (c = std::fgetc(f)) != EOF;) cmdline += c ? static_cast<char>(c) : ' ';
  std::fclose(f);
  if (!cmdline.empty()) cmdline.pop_back();
  std::printf("name comm=%s argv0=%s cmdline=%s\n", comm, argv0, cmdline.c_str());
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd.empty()) return sql_and_hash();
  if (cmd == "user") return user();
  if (cmd == "resolve" && argc > 2) return resolve(argv[2]);
  if (cmd == "exec-tool") return exec_tool();
  if (cmd == "exec-path" && argc > 2) return exec_path(argv[2], "by-path");
  if (cmd == "reexec") return reexec(argv[0]);
  if (cmd == "plugin") return plugin();
  if (cmd == "iconv" && argc > 2) return convert(argv[2]);
  if (cmd == "name") return name(argv[0]);
  if (cmd == "wait") return sleep(60) == 0 ? 0 : 1;
  if (cmd == "child") {
    std::printf("child argv0=%s\n", argv[0]);
    return 0;
  }
  std::fprintf(stderr, "hrel: unknown command '%s'\n", cmd.c_str());
  return 2;
}
