// A spawn for interactive children (the Lean REPL): stdin, stdout and stderr on descriptors the
// caller made, an optional address-space limit, a process group of its own.
#define _GNU_SOURCE
#include "herald_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/// Puts `fd` on `target` in the child, clearing close-on-exec even when they are the same.
static int place(int fd, int target) {
  if (fd == target) return fcntl(fd, F_SETFD, 0) == 0 ? 0 : errno;
  return dup2(fd, target) < 0 ? errno : 0;
}

/// Reads the errno a failed child wrote to `report`; 0 when exec succeeded (the pipe closed).
static int exec_status(int report) {
  int code = 0;
  ssize_t got;
  do {
    got = read(report, &code, sizeof code);
  } while (got < 0 && errno == EINTR);
  return got == (ssize_t)sizeof code ? code : 0;
}

int herald_spawn_piped(const char *const argv[], const char *const envp[], const char *cwd, int stdin_fd,
                       int stdout_fd, int stderr_fd, unsigned long long rlimit_as_bytes, pid_t *pid) {
  // posix_spawn cannot set a resource limit, so this forks. Between fork and exec the child of
  // a multithreaded parent may only make async-signal-safe calls: no allocation, no PATH search
  // (the caller resolves the program), and an exec failure is reported through a pipe.
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
    // Defaults for the signals herald ignores or handles, so the REPL dies of them normally.
    int defaults[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof defaults / sizeof defaults[0]; i++) signal(defaults[i], SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    // A group of its own lets a timeout kill the REPL together with what it started (`lake exe
    // repl` runs the REPL as a child).
    if (setpgid(0, 0) != 0) code = errno;
    // Copies above 2 first, so that placing one descriptor cannot overwrite another.
    int in = code == 0 ? fcntl(stdin_fd, F_DUPFD_CLOEXEC, 3) : -1;
    int out = code == 0 ? fcntl(stdout_fd, F_DUPFD_CLOEXEC, 3) : -1;
    int err = code == 0 ? fcntl(stderr_fd, F_DUPFD_CLOEXEC, 3) : -1;
    if (code == 0 && (in < 0 || out < 0 || err < 0)) code = errno;
    if (code == 0) code = place(in, 0);
    if (code == 0) code = place(out, 1);
    if (code == 0) code = place(err, 2);
    if (code == 0 && cwd != NULL && chdir(cwd) != 0) code = errno;
    if (code == 0 && rlimit_as_bytes > 0) {
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
