// A spawn for interactive children (the Lean REPL): stdin, stdout and stderr on descriptors the
// caller made, no other descriptor, an optional address-space limit, a process group of its own.
#define _GNU_SOURCE
#include "herald_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/// Puts `fd` on `target` in the child, clearing close-on-exec even when they are the same.
static int place(int fd, int target) {
  if (fd == target) return fcntl(fd, F_SETFD, 0) == 0 ? 0 : errno;
  return dup2(fd, target) < 0 ? errno : 0;
}

/// Marks every descriptor from 3 up close-on-exec, so the REPL gets only its three: herald's
/// sockets and files (an HTTP connection, a listening port) are not all opened close-on-exec, and
/// a long-lived child holding a copy would keep them open after herald closes them.
static void close_others_on_exec(void) {
  if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  // Kernels before 5.11: one call per possible descriptor, up to the limit.
  struct rlimit files;
  rlim_t last = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 65536 ? files.rlim_cur : 65536;
  for (rlim_t fd = 3; fd < last; fd++) fcntl((int)fd, F_SETFD, FD_CLOEXEC);
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

/// The signals herald ignores or handles, reset to their defaults in the child so the REPL dies
/// of them normally.
static const int default_signals[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const unsigned default_signal_count = sizeof default_signals / sizeof default_signals[0];

/// The spawn with an address-space limit, which posix_spawn cannot set: fork, limit, exec.
/// Between fork and exec the child of a multithreaded parent may only make async-signal-safe
/// calls: no allocation, no PATH search (the caller resolves the program), and an exec failure
/// is reported through a pipe. Forking copies the parent's page tables and holds its memory map
/// lock meanwhile, which is why the common case below uses posix_spawn.
static int spawn_limited(const char *const argv[], const char *const envp[], const char *cwd, int stdin_fd,
                         int stdout_fd, int stderr_fd, unsigned long long rlimit_as_bytes, pid_t *pid) {
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
    for (unsigned i = 0; i < default_signal_count; i++) signal(default_signals[i], SIG_DFL);
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
    if (code == 0) close_others_on_exec();
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
  if ((status = posix_spawnattr_init(&attributes)) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return status;
  }
  // The same child as spawn_limited makes: the three descriptors, nothing else (closefrom runs
  // after the dup2s), the working folder, default signals, an empty mask, a group of its own.
  int sources[] = {stdin_fd, stdout_fd, stderr_fd};
  for (int target = 0; target < 3; target++) posix_spawn_file_actions_adddup2(&actions, sources[target], target);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (cwd != NULL) posix_spawn_file_actions_addchdir_np(&actions, cwd);
  sigset_t set;
  sigemptyset(&set);
  for (unsigned i = 0; i < default_signal_count; i++) sigaddset(&set, default_signals[i]);
  posix_spawnattr_setsigdefault(&attributes, &set);
  sigemptyset(&set);
  posix_spawnattr_setsigmask(&attributes, &set);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  status = posix_spawn(pid, argv[0], &actions, &attributes, (char *const *)argv, (char *const *)envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return status;
}
