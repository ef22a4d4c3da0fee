// The release's root and variables, ENV defaults, the env hook and
// REQUIRED_ENV: what every command of the native launcher sets up first, as
// the sh control script does (docs/control-script.md).
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher.hpp"

extern char **environ;

namespace launcher {

namespace {

// The variables the sh script reads as shell variables after the hook: a
// hook may set them without exporting them.
const char *const kSettings[] = {"RELEASE_TMP", "RELEASE_DATA", "RELEASE_STOP_TIMEOUT",
                                 "RELEASE_DAEMON_GRACE", "RELEASE_DEFAULT_ARGS",
                                 "RELEASE_DRY_RUN", nullptr};

// What the hook left in its shell variables (set or not, and the value);
// empty when no hook ran.
struct Value {
  bool set;
  std::string value;
};
std::map<std::string, Value> hook_values;

std::string cwd() {
  char buf[PATH_MAX];
  return getcwd(buf, sizeof buf) ? buf : "";
}

std::string physical(const std::string &path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? buf : "";
}

std::string dirname(const std::string &path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The names whose values the hook's shell hands back besides its environment.
std::vector<std::string> hook_value_names() {
  std::vector<std::string> names;
  for (const char *const *v = kSettings; *v; ++v) names.emplace_back(*v);
  for (const char *const *v = kConfig.required_env; *v; ++v) names.emplace_back(*v);
  return names;
}

std::string sh_quote(const std::string &s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void write_all(int fd, const std::string &data) {
  for (size_t done = 0; done < data.size();) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::exit(1);
    done += static_cast<size_t>(n);
  }
}

// Replaces the environment with the hook's: NUL-separated records, "E" for
// an exported NAME=value, "V" for a shell variable of hook_value_names() in
// order ("" unset, "=" value set), "Z" at the end (missing: the hook ended
// its shell, with `exit 0`, before handing anything back).
bool take_hook_output(const std::string &data) {
  std::vector<std::string> records;
  for (size_t at = 0; at < data.size();) {
    const size_t end = data.find('\0', at);
    if (end == std::string::npos) break;
    records.push_back(data.substr(at, end - at));
    at = end + 1;
  }
  if (records.empty() || records.back() != "Z") return false;
  clearenv();
  const std::vector<std::string> names = hook_value_names();
  size_t v = 0;
  for (const std::string &r : records) {
    if (r[0] == 'E') {
      const size_t eq = r.find('=');
      if (eq != std::string::npos) setenv(r.substr(1, eq - 1).c_str(), r.c_str() + eq + 1, 1);
    } else if (r[0] == 'V' && v < names.size()) {
      hook_values[names[v++]] = {r.size() > 1, r.size() > 1 ? r.substr(2) : ""};
    }
  }
  return true;
}

// False when <hook> holds only comments and blank lines (the hook
// release-init writes): then no shell needs to start.
bool has_commands(const std::string &hook) {
  for (const std::string &line : lines_of(read_text(hook))) {
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#') return true;
  }
  return false;
}

}  // namespace

std::string env(const char *name) {
  const char *v = std::getenv(name);
  return v ? v : "";
}

bool env_set(const char *name) { return std::getenv(name) != nullptr; }

void set_env(const std::string &name, const std::string &value) {
  setenv(name.c_str(), value.c_str(), 1);
}

std::string setting(const char *name) {
  const auto it = hook_values.find(name);
  return it != hook_values.end() ? it->second.value : env(name);
}

bool setting_set(const char *name) {
  const auto it = hook_values.find(name);
  return it != hook_values.end() ? it->second.set : env_set(name);
}

// RELEASE_ROOT is the physical parent of the directory of this launcher's
// file: /proc/self/exe names it with every symbolic link resolved; without
// /proc, argv[0] (searched on PATH when it has no '/') does.
void find_root(const char *argv0) {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    run.self.assign(buf, static_cast<size_t>(n));
  } else {
    std::string path = argv0;
    if (path.find('/') == std::string::npos) {
      std::string rest = env("PATH") + ":";
      for (size_t at = 0, colon; (colon = rest.find(':', at)) != std::string::npos; at = colon + 1) {
        std::string dir = rest.substr(at, colon - at);
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + path;
        if (access(candidate.c_str(), X_OK) == 0) {
          path = candidate;
          break;
        }
      }
    }
    run.self = physical(path);
  }
  if (run.self.empty()) die(1, std::string("cannot find the release directory from ") + argv0);
  run.root = dirname(dirname(run.self));
  set_env("RELEASE_ROOT", run.root);
  set_env("RELEASE_NAME", kConfig.name);
  set_env("RELEASE_VSN", kConfig.vsn);
  set_env("RELEASE_PROG", run.prog);
  set_tmp(env("RELEASE_TMP"));
  set_data(env("RELEASE_DATA"));
}

void set_tmp(const std::string &value) {
  run.tmp = value.empty() ? run.root + "/tmp" : value;
  if (run.tmp[0] != '/') run.tmp = cwd() + "/" + run.tmp;
  set_env("RELEASE_TMP", run.tmp);
  run.pidfile = run.tmp + "/" + kConfig.name + ".pid";
  run.logfile = run.tmp + "/" + kConfig.name + ".log";
}

// RELEASE_DATA: absolute, outside the release, never created here; empty
// when there is neither an absolute XDG_STATE_HOME nor HOME.
void set_data(const std::string &value) {
  std::string data = value;
  if (data.empty()) {
    const std::string xdg = env("XDG_STATE_HOME"), home = env("HOME");
    if (!xdg.empty() && xdg[0] == '/') {
      data = xdg + "/" + kConfig.name;
    } else if (!home.empty() && home[0] == '/') {
      std::string h = home;
      if (h.back() == '/') h.pop_back();
      data = h + "/.local/state/" + kConfig.name;
    }
  }
  if (!data.empty() && data[0] != '/') data = cwd() + "/" + data;
  set_env("RELEASE_DATA", data);
}

// Defaults from add_release(ENV ...): only where the caller set nothing.
void apply_env_defaults() {
  for (const char *const *item = kConfig.env_defaults; *item; ++item) {
    const std::string s = *item;
    const size_t eq = s.find('=');
    if (!env_set(s.substr(0, eq).c_str())) set_env(s.substr(0, eq), s.substr(eq + 1));
  }
}

// The env hook, sourced by /bin/sh with "set -e" and the command's arguments
// as its positional parameters; the shell then runs this launcher again
// (hook_env_dump) to hand back the environment the hook left. Its failure
// ("exit N" included) ends the command with that status; "exit 0" ends it
// with 0, as in the sh script. Only a release with a hook runs one, and
// only when it holds a command.
void source_hook(const Args &args) {
  if (!kConfig.has_hook) return;
  const std::string hook = run.root + "/releases/" + kConfig.vsn + "/env.sh";
  if (access(hook.c_str(), F_OK) != 0)
    die(1, "the env hook " + hook + " is missing: the release is incomplete");
  if (!has_commands(hook)) return;
  if (access("/bin/sh", X_OK) != 0)
    die(1, "the env hook " + hook + " needs /bin/sh, which this system does not have. Fix: "
           "run the release where /bin/sh exists, or build it without an env hook (ENV, "
           "REQUIRED_ENV and BEFORE_START need no shell)");
  // The pipe's end is fd 9 in the shell, closed while the hook runs (a
  // background process started by the hook must not hold it open).
  std::string script = "_rel_hook=$1; shift; set -e; . \"$_rel_hook\" 9>&-; set +e; "
                       "_RELEASE_HOOK_ENV_FD=9; export _RELEASE_HOOK_ENV_FD; exec " +
                       sh_quote(run.self);
  for (const std::string &name : hook_value_names())
    script += " \"${" + name + "+=}${" + name + "-}\"";
  int fds[2];
  if (pipe(fds) != 0) die(1, std::string("cannot run the env hook: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) die(1, std::string("cannot run the env hook: ") + std::strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    if (fds[1] != 9) {
      dup2(fds[1], 9);
      close(fds[1]);
    }
    std::vector<const char *> argv = {"sh", "-c", script.c_str(), "sh", hook.c_str()};
    for (const std::string &a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    execv("/bin/sh", const_cast<char *const *>(argv.data()));
    _exit(127);
  }
  close(fds[1]);
  std::string data;
  char buf[65536];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
  }
  const int status = status_of(ws);
  if (status != 0)
    die(status, "the env hook " + hook + " stopped " + run.command + " with status " +
                    std::to_string(status));
  if (!take_hook_output(data)) std::exit(0);
}

// Run by the hook's shell (exec, _RELEASE_HOOK_ENV_FD set): writes this
// process's environment and its arguments to the pipe (take_hook_output).
int hook_env_dump(const char *fd_text, int argc, char **argv) {
  const int fd = std::atoi(fd_text);
  std::string out;
  for (char **e = environ; *e; ++e) {
    if (std::strncmp(*e, "_RELEASE_HOOK_ENV_FD=", 21) == 0) continue;
    out += "E" + std::string(*e) + '\0';
  }
  for (int i = 1; i < argc; ++i) out += "V" + std::string(argv[i]) + '\0';
  out += std::string("Z") + '\0';
  write_all(fd, out);
  return 0;
}

void check_required() {
  std::string missing;
  for (const char *const *var = kConfig.required_env; *var; ++var) {
    const std::string value = setting(*var);
    if (value.empty()) {
      missing += (missing.empty() ? "" : " ") + std::string(*var);
    } else {
      // A hook may set a required variable without exporting it.
      set_env(*var, value);
    }
  }
  if (!missing.empty()) die(1, "required environment variable(s) not set: " + missing);
}

}  // namespace launcher
