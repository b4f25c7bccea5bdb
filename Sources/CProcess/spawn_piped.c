// A spawn for interactive children (the Lean REPL): stdin, stdout and stderr on descriptors the
// caller made, an optional address-space limit, a process group of its own.
#define _GNU_SOURCE
#include "herald_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/// Reads the errno a failed child wrote to `report`; 0 when exec succeeded (the pipe closed).
static int exec_status(int report) {
  int code = 0;
  ssize_t got;
  do {
    got = read(report, &code, sizeof code);
  } while (got < 0 && errno == EINTR);
  return got == (ssize_t)sizeof code ? code : 0;
}

/// Only async-signal-safe calls happen between fork and exec: the parent is multithreaded.
static int spawn_limited(const char *const argv[], const char *const envp[], const char *cwd, int stdin_fd,
                         int stdout_fd, int stderr_fd, unsigned long long rlimit_as_bytes, pid_t *pid) {
  // posix_spawn cannot set a resource limit, so this path forks. The program is looked up on
  // the PATH before the fork (execvpe may allocate, which a forked child of threads must not).
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return errno;
  pid_t child = fork();
  if (child < 0) {
    int code = errno;
    close(report[0]);
    close(report[1]);
    return code;
  }
  if (child == 0) {
    int code = 0;
    sigset_t none;
    sigemptyset(&none);
    // Defaults for the signals herald ignores or handles, so the REPL dies of them normally.
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (setpgid(0, 0) != 0) code = errno;
    if (code == 0 && dup2(stdin_fd, 0) < 0) code = errno;
    if (code == 0 && dup2(stdout_fd, 1) < 0) code = errno;
    if (code == 0 && dup2(stderr_fd, 2) < 0) code = errno;
    if (code == 0 && cwd != NULL && chdir(cwd) != 0) code = errno;
    if (code == 0) {
      struct rlimit limit = {(rlim_t)rlimit_as_bytes, (rlim_t)rlimit_as_bytes};
      if (setrlimit(RLIMIT_AS, &limit) != 0) code = errno;
    }
    if (code == 0) {
      execve(argv[0], (char *const *)argv, (char *const *)envp);
      code = errno;
    }
    ssize_t ignored = write(report[1], &code, sizeof code);
    (void)ignored;
    _exit(127);
  }
  close(report[1]);
  int code = exec_status(report[0]);
  close(report[0]);
  if (code != 0) {
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return code;
  }
  // Also from the parent, so a kill of the group right after this call cannot miss the child.
  setpgid(child, child);
  *pid = child;
  return 0;
}

int herald_spawn_piped(const char *const argv[], const char *const envp[], const char *cwd, int stdin_fd,
                       int stdout_fd, int stderr_fd, unsigned long long rlimit_as_bytes, pid_t *pid) {
  if (rlimit_as_bytes > 0) {
    return spawn_limited(argv, envp, cwd, stdin_fd, stdout_fd, stderr_fd, rlimit_as_bytes, pid);
  }
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  int status = posix_spawn_file_actions_init(&actions);
  if (status != 0) return status;
  status = posix_spawnattr_init(&attributes);
  if (status != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return status;
  }
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
  if (cwd != NULL) {
    posix_spawn_file_actions_addchdir_np(&actions, cwd);
  }
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGHUP);
  sigaddset(&defaults, SIGQUIT);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  status = posix_spawnp(pid, argv[0], &actions, &attributes, (char *const *)argv, (char *const *)envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return status;
}
