// greetd: a small greeting service, the second example of cmake-release.
//
//   greetd -c <file> [-c <file>...] [--plugin <file-name>]
//
// It reads its configuration from the file given with -c (the last one
// wins), loads the plugin the configuration names with dlopen() by bare file
// name, keeps the number of greetings it gave in $RELEASE_DATA/greetings,
// and answers HTTP on GREETD_HOST:GREETD_PORT until SIGTERM or SIGINT.
//
//   GET /health            200 "ok"
//   GET /greet?name=<who>  the plugin's greeting (counted)
//   GET /stats             the count, the plugin, the configuration file
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>

#include "greetd_plugin.h"

namespace {

// A reason to stop before serving, with the process exit status.
struct Fatal : std::runtime_error {
  int status;
  Fatal(int s, const std::string &what) : std::runtime_error(what), status(s) {}
};

const char usage[] = "usage: greetd -c <config-file> [--plugin <file-name>]";

struct Options {
  std::string config_file;
  std::optional<std::string> plugin;
};

Options parse_args(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-c" && i + 1 < argc) {
      o.config_file = argv[++i];
    } else if (arg == "--plugin" && i + 1 < argc) {
      o.plugin = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      std::cout << usage << std::endl;
      std::exit(0);
    } else {
      throw Fatal(2, "unexpected argument '" + arg + "'\n" + usage);
    }
  }
  if (o.config_file.empty()) throw Fatal(2, std::string("no configuration file given\n") + usage);
  return o;
}

struct Config {
  std::string greeting = "Hello";
  std::string plugin;
};

std::string trim(const std::string &s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

// "key = value" lines; blank lines and lines starting with '#' are ignored.
Config read_config(const std::string &file) {
  std::ifstream in(file);
  if (!in) throw Fatal(1, "cannot read the configuration file '" + file + "': " + std::strerror(errno));
  Config c;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto eq = line.find('=');
    std::string where = file + ":" + std::to_string(number) + ": ";
    if (eq == std::string::npos) throw Fatal(1, where + "expected 'key = value', got '" + line + "'");
    std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "greeting") {
      c.greeting = value;
    } else if (key == "plugin") {
      c.plugin = value;
    } else {
      throw Fatal(1, where + "unknown key '" + key + "' (known: greeting, plugin)");
    }
  }
  if (c.plugin.empty()) throw Fatal(1, file + ": no 'plugin = <file-name>' line");
  return c;
}

// Loads a plugin by the name given: a bare file name is searched for the way
// the dynamic loader searches libraries, so greetd's RUNPATH finds lib/.
const greetd_plugin &load_plugin(const std::string &name) {
  void *handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw Fatal(1, "cannot load the plugin '" + name + "': " + dlerror());
  auto entry = reinterpret_cast<const greetd_plugin *(*)()>(dlsym(handle, "greetd_plugin_v1"));
  if (!entry) throw Fatal(1, "'" + name + "' is not a greetd plugin (no greetd_plugin_v1)");
  return *entry();
}

// The number of greetings given, kept in a file and replaced atomically
// (written beside it, flushed, renamed over it) on every change.
class Counter {
 public:
  explicit Counter(std::filesystem::path file) : file_(std::move(file)) {
    std::ifstream in(file_);
    if (in && !(in >> count_)) throw Fatal(1, "the state file " + file_.string() + " is damaged");
  }
  unsigned long long bump() {
    std::lock_guard<std::mutex> lock(mutex_);
    save(count_ + 1);
    return ++count_;
  }
  unsigned long long value() {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  void save(unsigned long long n) const {
    std::string tmp = file_.string() + ".new", text = std::to_string(n) + "\n";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              ::fsync(fd) == 0;
    if (fd >= 0) ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), file_.c_str()) != 0)
      throw std::runtime_error("cannot write " + file_.string() + ": " + std::strerror(errno));
  }
  std::filesystem::path file_;
  std::mutex mutex_;
  unsigned long long count_ = 0;
};

// RELEASE_DATA, set by the release's control script: where state belongs.
std::filesystem::path data_dir() {
  const char *dir = std::getenv("RELEASE_DATA");
  if (!dir || dir[0] != '/')
    throw Fatal(1, "RELEASE_DATA is not an absolute directory (start greetd with bin/greetd, which sets it, "
                   "or set RELEASE_DATA yourself)");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Fatal(1, std::string("cannot create RELEASE_DATA ") + dir + ": " + ec.message());
  return dir;
}

int port_from_env() {
  const char *text = std::getenv("GREETD_PORT");
  char *end = nullptr;
  long port = text ? std::strtol(text, &end, 10) : 0;
  if (!text || *text == '\0' || *end != '\0' || port < 1 || port > 65535)
    throw Fatal(1, std::string("GREETD_PORT must be a TCP port, 1-65535, not '") + (text ? text : "") + "'");
  return static_cast<int>(port);
}

std::string greeting_for(const greetd_plugin &plugin, const Config &config, const std::string &who) {
  std::string out(128, '\0');
  size_t n = plugin.greet(config.greeting.c_str(), who.c_str(), out.data(), out.size());
  if (n >= out.size()) {
    out.assign(n + 1, '\0');
    n = plugin.greet(config.greeting.c_str(), who.c_str(), out.data(), out.size());
  }
  out.resize(n);
  return out;
}

int serve(const Options &options) {
  // SIGTERM and SIGINT are blocked in every thread and taken by one watcher
  // with sigwait(): stopping the server is not async-signal-safe.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Config config = read_config(options.config_file);
  if (options.plugin) config.plugin = *options.plugin;
  const greetd_plugin &plugin = load_plugin(config.plugin);
  Counter counter(data_dir() / "greetings");
  int port = port_from_env();
  const char *host_env = std::getenv("GREETD_HOST");
  std::string host = host_env && *host_env ? host_env : "127.0.0.1";

  httplib::Server svr;
  svr.Get("/health", [](const httplib::Request &, httplib::Response &res) { res.set_content("ok\n", "text/plain"); });
  svr.Get("/greet", [&](const httplib::Request &req, httplib::Response &res) {
    std::string who = req.has_param("name") ? req.get_param_value("name") : "world";
    if (who.empty() || who.size() > 64) {
      res.status = 400;
      res.set_content("name: 1 to 64 bytes\n", "text/plain");
      return;
    }
    std::string text = greeting_for(plugin, config, who);
    counter.bump();
    res.set_content(text + "\n", "text/plain");
  });
  svr.Get("/stats", [&](const httplib::Request &, httplib::Response &res) {
    res.set_content("greetings " + std::to_string(counter.value()) + "\nplugin " + config.plugin + " (" +
                        plugin.style + ")\nconfig " + options.config_file + "\n",
                    "text/plain");
  });
  svr.set_keep_alive_timeout(1);
  if (!svr.bind_to_port(host, port)) throw Fatal(1, "cannot listen on " + host + ":" + std::to_string(port));

  std::atomic<bool> done{false};
  std::thread watcher([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    // The signal may come before listen_after_bind() runs: wait for it.
    while (!done && !svr.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    svr.stop();
  });
  std::cout << "greetd listening on http://" << host << ":" << port << " (plugin " << config.plugin << ", "
            << counter.value() << " greetings so far)" << std::endl;
  bool ok = svr.listen_after_bind();
  done = true;
  pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if it still waits
  watcher.join();
  std::cout << "greetd stopped after " << counter.value() << " greetings" << std::endl;
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  try {
    return serve(parse_args(argc, argv));
  } catch (const Fatal &e) {
    std::cerr << "greetd: " << e.what() << std::endl;
    return e.status;
  } catch (const std::exception &e) {
    std::cerr << "greetd: " << e.what() << std::endl;
    return 1;
  }
}
