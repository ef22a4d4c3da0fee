// The native launcher as PID 1 (a container's entrypoint): the kernel gives
// PID 1 no default signal actions and makes it the parent of every orphan.
// Exec'ing the program would hand both duties to a program that seldom
// takes them (SIGTERM from `docker stop` would be ignored, zombies would
// pile up), so the launcher stays, as tini does: it runs the program as its
// child, forwards the signals it gets to it, reaps every child that exits,
// and exits with the program's status when the program exits.
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher.hpp"

namespace launcher {

namespace {

// Signals that concern the process itself, never forwarded.
bool own_signal(int sig) {
  switch (sig) {
    case SIGCHLD: case SIGFPE: case SIGILL: case SIGSEGV: case SIGBUS:
    case SIGABRT: case SIGTRAP: case SIGSYS: case SIGTTIN: case SIGTTOU:
      return true;
    default:
      return false;
  }
}

}  // namespace

void supervise(const Args &command) {
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  const pid_t child = fork();
  if (child < 0) die(1, std::string("cannot start ") + command[0] + ": " + std::strerror(errno));
  if (child == 0) {
    sigprocmask(SIG_SETMASK, &old, nullptr);
    exec_command(command);
  }
  for (;;) {
    siginfo_t info;
    const int sig = sigwaitinfo(&all, &info);
    if (sig < 0) continue;
    if (sig != SIGCHLD) {
      if (!own_signal(sig)) kill(child, sig);
      continue;
    }
    int ws = 0;
    for (pid_t pid; (pid = waitpid(-1, &ws, WNOHANG)) > 0;) {
      if (pid == child) std::exit(status_of(ws));
    }
  }
}

}  // namespace launcher
