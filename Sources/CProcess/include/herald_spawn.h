#ifndef HERALD_SPAWN_H
#define HERALD_SPAWN_H

#include <sys/types.h>

/// Starts `argv[0]` (searched on PATH when it has no slash) in its own process group, with
/// `cwd` as working directory (NULL keeps ours), stdin and stdout on /dev/null and stderr on
/// `stderr_fd`, and no other descriptor. No shell is involved. Returns 0 and sets `*pid`, or an
/// errno value.
int herald_spawn(const char *const argv[], const char *const envp[], const char *cwd, int stderr_fd,
                 pid_t *pid);

/// Starts `argv[0]`, a path (bare names are not searched on PATH), in its own process group with
/// `cwd` as working directory (NULL keeps ours), no shell, and stdin, stdout and stderr on the
/// given descriptors and no other: a child that is talked to over pipes. With `rlimit_as_bytes`
/// > 0 the child's address space is limited to that many bytes (RLIMIT_AS; this forks, the rest
/// uses posix_spawn). Returns 0 and sets `*pid`, or an errno value (ENOENT for a missing program
/// or working directory).
int herald_spawn_piped(const char *const argv[], const char *const envp[], const char *cwd, int stdin_fd,
                       int stdout_fd, int stderr_fd, unsigned long long rlimit_as_bytes, pid_t *pid);

/// A pipe whose both ends are close-on-exec from the start (pipe2), so a child spawned by another
/// thread at the same moment cannot inherit it. Returns 0 or an errno value.
int herald_pipe_cloexec(int fds[2]);

/// Keeps large buffers in the heap instead of fresh mmap'd pages, which every thread would
/// otherwise fault in and zero under the kernel's memory-map lock. Returns 1 on success.
int herald_tune_allocator(void);

/// Returns freed heap memory to the kernel (between phases with different working sets).
void herald_release_free_memory(void);
#endif
