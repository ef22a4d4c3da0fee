// daemon, restart, stop and pid of the native launcher: the pid file (and the
// process's start time beside it) and log under RELEASE_TMP, flock(2) on
// <name>.lock against concurrent commands, the same checks and messages as
// the sh control script.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher.hpp"

namespace launcher {

namespace {

bool locked = false;
int stop_timeout = 30;
double daemon_grace = 0.5;

void sleep_seconds(double s) {
  timespec ts{static_cast<time_t>(s), static_cast<long>((s - static_cast<time_t>(s)) * 1e9)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

std::string read_line(const std::string &path) {
  const std::string text = read_text(path);
  return text.substr(0, text.find('\n'));
}

void write_file(const std::string &path, const std::string &text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return;
  if (write(fd, text.data(), text.size()) < 0) {
    // Left as it is: the next command treats a short pid file as stale.
  }
  close(fd);
}

// True when <pid> runs and is not a zombie and, when <want_start> is given,
// started then (a recycled pid is not ours); <started> gets its start time.
bool alive(pid_t pid, const std::string &want_start, std::string *started = nullptr) {
  if (access("/proc/self/stat", R_OK) != 0) return kill(pid, 0) == 0 || errno == EPERM;
  const std::string stat = read_line("/proc/" + std::to_string(pid) + "/stat");
  const size_t paren = stat.rfind(") ");
  if (paren == std::string::npos) return false;
  // Fields after "pid (comm) ": the state first, the start time 20th.
  std::vector<std::string> fields;
  for (size_t at = paren + 2; at < stat.size();) {
    size_t end = stat.find(' ', at);
    if (end == std::string::npos) end = stat.size();
    fields.push_back(stat.substr(at, end - at));
    at = end + 1;
  }
  if (fields.size() < 20 || fields[0] == "Z" || fields[0] == "X" || fields[0] == "x")
    return false;
  if (started) *started = fields[19];
  return want_start.empty() || want_start == fields[19];
}

// The pid file's process, when it runs and is this release's.
struct PidFile {
  pid_t pid = 0;  // 0: no usable pid in the file
  std::string start;
  bool running = false;
};

PidFile read_pid() {
  PidFile p;
  struct stat st;
  if (stat(run.pidfile.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return p;
  const std::string text = read_line(run.pidfile);
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return p;
  p.pid = static_cast<pid_t>(std::atol(text.c_str()));
  if (access((run.pidfile + ".start").c_str(), F_OK) == 0) p.start = read_line(run.pidfile + ".start");
  p.running = alive(p.pid, p.start);
  return p;
}

void remove_pidfile() {
  unlink(run.pidfile.c_str());
  unlink((run.pidfile + ".start").c_str());
}

bool pidfile_exists() {
  struct stat st;
  return stat(run.pidfile.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string mode_text(mode_t m) {
  std::string s = S_ISDIR(m) ? "d" : "-";
  const char *rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i) s += (m & (0400 >> i)) ? rwx[i] : '-';
  if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
  return s;
}

// An existing RELEASE_TMP must be a directory of the caller's that no one
// else can write: its pid file decides which process stop and restart signal.
void check_tmp() {
  struct stat st;
  if (lstat(run.tmp.c_str(), &st) != 0 && errno == ENOENT) return;
  const std::string c = run.command, t = run.tmp;
  if (stat(t.c_str(), &st) != 0)
    die(1, c + ": cannot read RELEASE_TMP (" + t + "). Fix: set RELEASE_TMP to a directory of your own");
  if (!S_ISDIR(st.st_mode))
    die(1, c + ": RELEASE_TMP (" + t + ") is not a directory. Fix: set RELEASE_TMP to a "
               "directory of your own, or leave it unset for <release>/tmp");
  if (st.st_uid != geteuid())
    die(1, c + ": RELEASE_TMP (" + t + ") belongs to uid " + std::to_string(st.st_uid) +
               ", not to you: its pid file could name any process. Fix: set RELEASE_TMP to a "
               "directory of your own (mkdir -m 700 <dir>), or leave it unset for <release>/tmp");
  if (st.st_mode & 022)
    die(1, c + ": RELEASE_TMP (" + t + ") is writable by others (mode " + mode_text(st.st_mode) +
               "): they could plant its pid file or log. Fix: chmod go-w '" + t +
               "', or set RELEASE_TMP to a directory of your own");
}

// Serialises daemon, stop and restart of this release (same RELEASE_TMP);
// the lock goes with the process (the descriptor is close-on-exec).
void lock() {
  const std::string path = run.tmp + "/" + kConfig.name + ".lock";
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd < 0) return;
  while (flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) die(1, "cannot lock " + path);
  }
  locked = true;
}

// Checks what daemon and restart need; under RELEASE_DRY_RUN prints the
// BEFORE_START tasks and the command and exits; makes RELEASE_TMP.
void prepare_daemon(const Args &args) {
  check_program(kConfig.main_program);
  if (dry_run()) {
    run_before_start();
    print_command(program_command(kConfig.main_program, args));
    std::exit(0);
  }
  // A new RELEASE_TMP is private (0700, whatever the umask).
  mkdir(run.tmp.c_str(), 0700);
  check_tmp();
  struct stat st;
  if (stat(run.tmp.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || access(run.tmp.c_str(), W_OK) != 0)
    die(1, "cannot write to RELEASE_TMP (" + run.tmp + "); set RELEASE_TMP to a writable directory");
}

// The last 20 lines of the log from byte <from> on, to stderr.
void show_log_tail(off_t from) {
  const std::vector<std::string> lines = lines_of(read_text(run.logfile, from));
  for (size_t i = lines.size() > 20 ? lines.size() - 20 : 0; i < lines.size(); ++i)
    std::fprintf(stderr, "%s\n", lines[i].c_str());
}

// Starts the main program in the background, detached (after
// prepare_daemon and lock; BEFORE_START runs once nothing else can fail).
int start_daemon(const Args &args) {
  PidFile p = read_pid();
  if (p.running)
    die(1, std::string(kConfig.name) + " is already running (pid " + std::to_string(p.pid) + ")");
  struct stat st;
  if (lstat(run.logfile.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    die(1, run.command + ": the log " + run.logfile + " is a symbolic link. Fix: remove it (the "
           "daemon appends its output to a regular file there)");
  run_before_start();
  if (p.pid != 0 || locked) remove_pidfile();
  const int pfd = open(run.pidfile.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (pfd < 0) {
    if (errno == EEXIST)
      die(1, std::string(kConfig.name) + " is being started by another command (" + run.pidfile + " exists)");
    die(1, "cannot create " + run.pidfile);
  }
  close(pfd);
  const off_t log_start = stat(run.logfile.c_str(), &st) == 0 ? st.st_size : 0;
  const Args command = program_command(kConfig.main_program, args);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) die(1, std::string("cannot start ") + kConfig.main_program + ": " + std::strerror(errno));
  if (pid == 0) {
    // Detached: a session of its own, no terminal, no inherited descriptors
    // beyond the log.
    setsid();
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(run.logfile.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0666);
    if (in < 0 || out < 0) _exit(1);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    for (int fd = 3; fd < 1024; ++fd) close(fd);
    std::vector<char *> argv;
    for (const std::string &a : command) argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    std::fprintf(stderr, "%s: cannot run %s: %s\n", run.prog.c_str(), argv[0], std::strerror(errno));
    _exit(126);
  }
  write_file(run.pidfile, std::to_string(pid) + "\n");
  std::string started;
  if (alive(pid, "", &started)) write_file(run.pidfile + ".start", started + "\n");
  // Watch the new process for a moment: a program that cannot load its
  // libraries or rejects its configuration exits at once.
  if (daemon_grace > 0) sleep_seconds(daemon_grace);
  int ws = 0;
  if (waitpid(pid, &ws, WNOHANG) == pid) {
    remove_pidfile();
    std::fprintf(stderr, "%s: %s exited with status %d right after starting; its output (end of %s):\n",
                 run.prog.c_str(), kConfig.main_program, status_of(ws), run.logfile.c_str());
    show_log_tail(log_start);
    return 1;
  }
  return 0;
}

// Stops the daemon; 3 when it was not running.
int stop() {
  PidFile p = read_pid();
  if (!p.running) {
    if (p.pid != 0) remove_pidfile();
    return 3;
  }
  if (kill(p.pid, SIGTERM) != 0) {
    if (!alive(p.pid, p.start)) {
      remove_pidfile();
      return 0;
    }
    die(1, "cannot send SIGTERM to pid " + std::to_string(p.pid));
  }
  for (long ticks = 0; alive(p.pid, p.start); ++ticks) {
    if (ticks >= stop_timeout * 10L) {
      say("pid " + std::to_string(p.pid) + " still running after " + std::to_string(stop_timeout) +
          " s; sending SIGKILL");
      kill(p.pid, SIGKILL);
      for (int t = 0; alive(p.pid, p.start); ++t) {
        if (t >= 100) die(1, "pid " + std::to_string(p.pid) + " survived SIGKILL for 10 s");
        sleep_seconds(0.1);
      }
      break;
    }
    sleep_seconds(0.1);
  }
  remove_pidfile();
  return 0;
}

}  // namespace

// RELEASE_STOP_TIMEOUT and RELEASE_DAEMON_GRACE, checked before anything is
// started or stopped (the hook may set them).
void check_settings() {
  const std::string &c = run.command;
  if (c == "stop" || c == "restart") {
    const std::string t = setting("RELEASE_STOP_TIMEOUT").empty() ? "30" : setting("RELEASE_STOP_TIMEOUT");
    if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 6)
      die(2, c + ": RELEASE_STOP_TIMEOUT must be a whole number of seconds from 0 to 999999, not '" +
                 t + "'. Fix: set it to e.g. 30, or unset it");
    stop_timeout = std::atoi(t.c_str());
  }
  if (c == "daemon" || c == "restart") {
    const std::string g = setting("RELEASE_DAEMON_GRACE").empty() ? "0.5" : setting("RELEASE_DAEMON_GRACE");
    const size_t dot = g.find('.');
    if (g.find_first_not_of("0123456789.") != std::string::npos || g == "." || g.size() > 8 ||
        (dot != std::string::npos && g.find('.', dot + 1) != std::string::npos))
      die(2, c + ": RELEASE_DAEMON_GRACE must be a number of seconds (at most 8 characters, e.g. "
                 "0.5), not '" + g + "'. Fix: set it to e.g. 0.5, or unset it");
    daemon_grace = std::atof(g.c_str());
  }
}

int cmd_daemon(const Args &args, bool restart) {
  prepare_daemon(args);
  lock();
  if (restart) {
    const int status = stop();
    if (status != 0 && status != 3) return status;
  }
  return start_daemon(args);
}

int cmd_stop() {
  int status = 3;
  if (pidfile_exists()) {
    check_tmp();
    lock();
    status = stop();
  }
  if (status == 3) die(3, std::string(kConfig.name) + " is not running");
  return status;
}

int cmd_pid() {
  if (pidfile_exists()) check_tmp();
  const PidFile p = read_pid();
  if (!p.running) die(3, std::string(kConfig.name) + " is not running");
  std::printf("%d\n", static_cast<int>(p.pid));
  return 0;
}

}  // namespace launcher
