// The native launcher of cmake-release: bin/<name> of a release built with
// add_release(... LAUNCHER native), a small static program compiled for the
// target in the user's build (cmake/ReleaseLauncher.cmake). It does what the
// sh control script (templates/control.sh.in) does — same commands, exit
// statuses, variables and messages — without needing a shell; see
// docs/launcher.md. This header is what the files of launcher/ share.
#pragma once

#include <string>
#include <vector>

namespace launcher {

// What add_release() recorded for this release: generated at configure time
// into the build tree (release_config.cpp). Lists end with nullptr.
struct ReleaseConfig {
  const char *name;
  const char *vsn;
  const char *main_program;
  const char *const *programs;
  const char *const *required_env;
  const char *const *env_defaults;  // "VAR=value"
  const char *const *args;          // the main program's default arguments
  const char *const *entry_points;
  // BEFORE_START: each task is its command line as written, then its words,
  // then nullptr; the list ends with a second nullptr.
  const char *const *before_start;
  bool has_hook;
  const char *prefix;       // RELEASE_PREFIX of a HERMETIC release, else ""
  const char *interpreter;  // RELEASE_INTERPRETER, relative to the root, else ""
};
extern const ReleaseConfig kConfig;

using Args = std::vector<std::string>;

// What the launcher found out about its run (environment.cpp).
struct Run {
  std::string prog;     // RELEASE_PROG: the name messages start with
  std::string command;  // RELEASE_COMMAND
  std::string root;     // RELEASE_ROOT (physical)
  std::string self;     // this launcher's file
  std::string tmp;      // RELEASE_TMP, absolute
  std::string pidfile;
  std::string logfile;
};
extern Run run;

// Messages and exits (main.cpp).
[[noreturn]] void die(int status, const std::string &message);
void say(const std::string &message);  // "<prog>: <message>" on stderr
std::string join(const char *const *list, const char *sep = " ");
bool in_list(const char *const *list, const std::string &item);
// The contents of a file from byte <from> on ("" when it cannot be read),
// and its lines. (Plain read(2): iostreams would double the static
// program's size.)
std::string read_text(const std::string &path, long from = 0);
std::vector<std::string> lines_of(const std::string &text);

// Environment (environment.cpp).
std::string env(const char *name);  // "" when unset
bool env_set(const char *name);
void set_env(const std::string &name, const std::string &value);
void find_root(const char *argv0);
void set_tmp(const std::string &value);
void set_data(const std::string &value);
void apply_env_defaults();
void source_hook(const Args &args);          // runs the env hook through /bin/sh
std::string setting(const char *name);       // a variable as the hook left it
bool setting_set(const char *name);
void check_required();
int hook_env_dump(const char *fd, int argc, char **argv);  // the hook's side of source_hook
bool dry_run();

// Running programs (main.cpp).
std::string program_path(const std::string &program);
Args program_command(const std::string &program, const Args &args);
void check_program(const std::string &program);
void print_command(const Args &command);
[[noreturn]] void exec_command(const Args &command);
[[noreturn]] void exec_program(const std::string &program, const Args &args);
void run_before_start();
int status_of(int wait_status);

// Daemon commands (daemon.cpp).
void check_settings();
int cmd_daemon(const Args &args, bool restart);
int cmd_stop();
int cmd_pid();

// PID 1 (supervise.cpp): runs the command as a child, forwarding signals and
// reaping orphans, and exits with the child's status.
[[noreturn]] void supervise(const Args &command);

// probe <url> (probe.cpp).
int cmd_probe(const Args &args);

}  // namespace launcher
