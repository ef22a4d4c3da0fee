// exrelease: a small notes service, the cmake-release example.
//
//   exrelease            serve HTTP (what the release's `start` and `daemon` run)
//   exrelease migrate    apply pending schema migrations, then exit
//   exrelease version    print the name and version
#include <cstdio>
#include <cstring>
#include <iostream>

#include "build_info.hpp"
#include "config.hpp"
#include "database.hpp"
#include "migrations.hpp"
#include "server.hpp"

namespace {

void usage(std::ostream &out) {
  out << "usage: " << exrelease::build::name << " [serve | migrate | version | help]\n"
      << "\n"
      << "  serve    serve HTTP (the default)\n"
      << "  migrate  apply pending database migrations\n"
      << "  version  print the version\n"
      << "\n"
      << "Configuration comes from the environment:\n"
      << "  APP_PORT         TCP port to listen on (required by serve)\n"
      << "  SECRET_KEY_BASE  at least 32 random characters; signs note ids (required by serve)\n"
      << "  APP_HOST         address to listen on (default 0.0.0.0)\n"
      << "  DATABASE_URL     sqlite:///absolute/path.db or postgres://user:pass@host:port/db\n"
      << "                   (default: SQLite at $EXRELEASE_DATA_DIR/exrelease.db, where\n"
      << "                   EXRELEASE_DATA_DIR defaults to ${XDG_DATA_HOME:-$HOME/.local/share}/exrelease)\n";
}

int run_migrate() {
  auto target = exrelease::database_from_env();
  std::cout << "exrelease migrate: database " << target.display << std::endl;
  auto conn = exrelease::connect(target);
  return exrelease::migrate(*conn, std::cout, std::cerr) ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  // Line-buffered, so a daemon's log file shows each line as it happens.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::string command = argc > 1 ? argv[1] : "serve";
  if (argc > 2) {
    std::cerr << "exrelease: unexpected argument '" << argv[2] << "'\n";
    usage(std::cerr);
    return 2;
  }
  try {
    if (command == "serve") return exrelease::serve(exrelease::server_config_from_env());
    if (command == "migrate") return run_migrate();
    if (command == "version" || command == "--version") {
      std::cout << exrelease::build::name << " " << exrelease::build::version << " ("
                << exrelease::build::build_type << ")\n";
      return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      usage(std::cout);
      return 0;
    }
    std::cerr << "exrelease: unknown command '" << command << "'\n";
    usage(std::cerr);
    return 2;
  } catch (const exrelease::ConfigError &e) {
    std::cerr << "exrelease: " << e.what() << std::endl;
    return 1;
  } catch (const exrelease::DbError &e) {
    std::cerr << "exrelease: " << e.what() << std::endl;
    return 1;
  }
}
