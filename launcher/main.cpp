// The native launcher's command line, and how it runs the release's programs
// (start, eval, entry points, BEFORE_START tasks). See launcher.hpp.
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher.hpp"

namespace launcher {

Run run;

void say(const std::string &message) {
  std::string line = run.prog + ": " + message + "\n";
  if (write(2, line.data(), line.size()) < 0) {
    // Nothing else to tell it with.
  }
}

void die(int status, const std::string &message) {
  say(message);
  std::exit(status);
}

std::string join(const char *const *list, const char *sep) {
  std::string out;
  for (; *list; ++list) out += (out.empty() ? "" : sep) + std::string(*list);
  return out;
}

bool in_list(const char *const *list, const std::string &item) {
  for (; *list; ++list)
    if (item == *list) return true;
  return false;
}

std::string read_text(const std::string &path, long from) {
  std::string out;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  if (from > 0) lseek(fd, from, SEEK_SET);
  char buf[8192];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

namespace {

void usage(FILE *to) {
  const std::string name = kConfig.name, p = run.prog, m = kConfig.main_program;
  std::fprintf(to,
      "Usage: %s COMMAND [ARGS...]\n\n"
      "Controls the %s release, version %s.\n\n"
      "Commands:\n"
      "  start [ARGS...]          run %s in the foreground with its default\n"
      "                           arguments (if any), then ARGS\n"
      "  daemon [ARGS...]         run %s in the background, detached; output goes\n"
      "                           to $RELEASE_TMP/%s.log, the pid to $RELEASE_TMP/%s.pid\n"
      "  stop                     send SIGTERM to the daemon and wait until it is gone;\n"
      "                           SIGKILL after $RELEASE_STOP_TIMEOUT seconds (default 30)\n"
      "  restart [ARGS...]        stop the daemon if it runs, then start it again\n"
      "  pid                      print the daemon's pid\n"
      "  eval PROGRAM [ARGS...]   run one of the release's programs with the environment\n"
      "                           start would give it; programs: %s\n"
      "  probe URL                health check: tcp://HOST:PORT accepts a connection, or\n"
      "                           http://HOST:PORT/PATH answers 2xx or 3xx (exit 0; 1 if\n"
      "                           not, within $RELEASE_PROBE_TIMEOUT seconds, default 1)\n"
      "  version                  print \"%s %s\"\n"
      "  help                     print this text\n\n"
      "Variables: RELEASE_TMP (default: <release>/tmp), RELEASE_DATA (where the program\n"
      "keeps state; default: ${XDG_STATE_HOME:-$HOME/.local/state}/%s),\n"
      "RELEASE_DEFAULT_ARGS=0 (start, daemon, restart: no default arguments), "
      "RELEASE_STOP_TIMEOUT,\n"
      "RELEASE_DAEMON_GRACE (seconds daemon watches the new process, default 0.5),\n"
      "RELEASE_DRY_RUN=1 (print the command instead of running it).\n"
      "Exit status: 0 success, 1 failure, 2 usage error, 3 not running (stop, pid);\n"
      "start and eval exit with the program's status.\n",
      p.c_str(), name.c_str(), kConfig.vsn, m.c_str(), m.c_str(), name.c_str(), name.c_str(),
      join(kConfig.programs).c_str(), name.c_str(), kConfig.vsn, name.c_str());
}

// <s> single-quoted for sh, as the sh script's _rel_quote does.
std::string quote(const std::string &s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// An argument of ARGS or BEFORE_START with $RELEASE_ROOT and $RELEASE_DATA
// expanded (not when the name goes on: $RELEASE_ROOTS is literal), as the sh
// script's rendered words are.
std::string expand(const std::string &word) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    bool done = false;
    for (const char *var : {"RELEASE_ROOT", "RELEASE_DATA"}) {
      const std::string token = std::string("$") + var;
      if (word.compare(i, token.size(), token) != 0) continue;
      const size_t end = i + token.size();
      const char next = end < word.size() ? word[end] : '\0';
      if (std::isalnum(static_cast<unsigned char>(next)) || next == '_') continue;
      out += env(var);
      i = end;
      done = true;
      break;
    }
    if (!done) out += word[i++];
  }
  return out;
}

void check_proc() {
  if (access("/proc/self/exe", F_OK) != 0)
    die(1, "/proc is not mounted, so the release's programs cannot find their libraries in " +
               run.root +
               "/lib (the dynamic loader resolves $ORIGIN through /proc/self/exe); mount /proc "
               "first (mount -t proc proc /proc; for a chroot: unshare --mount "
               "--mount-proc=<root>/proc chroot <root> ...)");
}

// The words of a command of the command line (argv after the command).
Args rest(int argc, char **argv, int from) {
  Args out;
  for (int i = from; i < argc; ++i) out.emplace_back(argv[i]);
  return out;
}

void no_arguments(const Args &args) {
  if (!args.empty())
    die(2, run.command + " takes no arguments (see '" + run.prog + " help')");
}

// The main program's default arguments, then the caller's.
Args with_default_args(const Args &args) {
  const std::string choice = setting_set("RELEASE_DEFAULT_ARGS") && !setting("RELEASE_DEFAULT_ARGS").empty()
                                 ? setting("RELEASE_DEFAULT_ARGS")
                                 : "1";
  if (choice == "0") return args;
  if (choice != "1")
    die(2, "RELEASE_DEFAULT_ARGS must be 1 (the default arguments, then the caller's) or 0 "
           "(the caller's only), not '" + choice + "'");
  Args out;
  for (const char *const *a = kConfig.args; *a; ++a) out.push_back(expand(*a));
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

}  // namespace

void exec_command(const Args &command) {
  std::vector<char *> argv;
  for (const std::string &a : command) argv.push_back(const_cast<char *>(a.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  die(126, "cannot run " + command[0] + ": " + std::strerror(errno));
}

std::string program_path(const std::string &program) {
  return run.root + "/libexec/" + program;
}

// The command line that runs <program>: the program itself, or, for a
// HERMETIC release away from its PREFIX, the bundled loader with --argv0,
// executed through its link libexec/.cmake-release/loader/<program>: the
// kernel names the process (comm: ps, pgrep, top) after the file executed,
// and the loader ignores its own argv[0] (docs/launcher.md, "Hermetic releases").
Args program_command(const std::string &program, const Args &args) {
  Args command;
  const std::string path = program_path(program);
  if (*kConfig.interpreter && run.root != kConfig.prefix) {
    // The directory is _RELEASE_LOADER_LINKS_DIR of cmake/ReleaseHermeticLinks.cmake.
    command = {run.root + "/libexec/.cmake-release/loader/" + program, "--argv0", program, path};
  } else {
    command = {path};
  }
  command.insert(command.end(), args.begin(), args.end());
  return command;
}

void check_program(const std::string &program) {
  const std::string path = program_path(program);
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || access(path.c_str(), X_OK) != 0)
    die(1, "the program " + path + " is missing or not executable");
  check_proc();
}

void print_command(const Args &command) {
  std::string line;
  for (const std::string &a : command) line += (line.empty() ? "" : " ") + quote(a);
  line += "\n";
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

bool dry_run() {
  const std::string v = setting("RELEASE_DRY_RUN");
  return !v.empty() && v != "0";
}

void exec_program(const std::string &program, const Args &args) {
  check_program(program);
  const Args command = program_command(program, args);
  if (dry_run()) {
    print_command(command);
    std::exit(0);
  }
  std::fflush(nullptr);
  if (getpid() == 1) supervise(command);
  exec_command(command);
}

int status_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 1;
}

// BEFORE_START: each task runs as `eval` would run it (RELEASE_COMMAND=eval),
// one after the other, before the main program; the first that fails stops
// the start with its status. Under RELEASE_DRY_RUN their commands are printed.
void run_before_start() {
  for (const char *const *t = kConfig.before_start; *t;) {
    const std::string line = *t++;
    const std::string program = *t++;
    Args args;
    for (; *t; ++t) args.push_back(expand(*t));
    ++t;
    check_program(program);
    const Args command = program_command(program, args);
    if (dry_run()) {
      print_command(command);
      continue;
    }
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) die(1, "cannot start the task '" + line + "': " + std::strerror(errno));
    if (pid == 0) {
      set_env("RELEASE_COMMAND", "eval");
      exec_command(command);
    }
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    const int status = status_of(ws);
    if (status != 0)
      die(status, run.command + ": the BEFORE_START task '" + line + "' failed with status " +
                      std::to_string(status) + "; " + kConfig.main_program +
                      " was not started");
  }
}

}  // namespace launcher

using namespace launcher;

int main(int argc, char **argv) {
  // The env hook's shell runs this program again to hand back what it exported.
  if (const char *fd = std::getenv("_RELEASE_HOOK_ENV_FD")) return hook_env_dump(fd, argc, argv);
  const char *base = argc > 0 ? std::strrchr(argv[0], '/') : nullptr;
  const std::string invoked = base ? base + 1 : (argc > 0 ? argv[0] : kConfig.name);
  run.prog = env_set("RELEASE_PROG") && !env("RELEASE_PROG").empty() ? env("RELEASE_PROG") : invoked;
  find_root(argc > 0 ? argv[0] : "");

  // An entry point, bin/<program>, is `eval <program>` under its own name.
  const std::string self_name = run.self.substr(run.self.rfind('/') + 1);
  const bool in_bin = run.self == run.root + "/bin/" + self_name;
  Args args;
  if (in_bin && self_name != kConfig.name && in_list(kConfig.entry_points, self_name)) {
    run.command = "eval";
    args = rest(argc, argv, 1);
    args.insert(args.begin(), self_name);
  } else {
    run.command = argc > 1 ? argv[1] : "";
    args = rest(argc, argv, 2);
  }
  const std::string &c = run.command;
  if (c.empty() || c == "help" || c == "-h" || c == "--help") {
    usage(stdout);
    return 0;
  }
  if (c == "probe") return cmd_probe(args);
  if (c == "stop" || c == "pid" || c == "version") {
    no_arguments(args);
  } else if (c == "eval") {
    if (args.empty()) die(2, "eval needs a program, one of: " + join(kConfig.programs));
    if (!in_list(kConfig.programs, args[0]))
      die(2, "unknown program '" + args[0] + "' for eval; the release's programs are: " +
                 join(kConfig.programs));
  } else if (c != "start" && c != "daemon" && c != "restart") {
    std::fprintf(stderr, "%s: unknown command '%s'\n\n", run.prog.c_str(), c.c_str());
    usage(stderr);
    return 2;
  }
  set_env("RELEASE_COMMAND", c);
  apply_env_defaults();
  source_hook(args);
  set_tmp(setting("RELEASE_TMP"));
  set_data(setting("RELEASE_DATA"));

  check_settings();
  if (c == "start" || c == "daemon" || c == "restart") args = with_default_args(args);
  if (c == "version") {
    std::printf("%s %s\n", kConfig.name, kConfig.vsn);
    return 0;
  }
  if (c == "stop") return cmd_stop();
  if (c == "pid") return cmd_pid();
  check_required();
  if (c == "eval") {
    const std::string program = args[0];
    exec_program(program, Args(args.begin() + 1, args.end()));
  }
  if (c == "start") {
    run_before_start();
    exec_program(kConfig.main_program, args);
  }
  return cmd_daemon(args, c == "restart");
}
