/* rusage.c: runs a command and prints its peak resident memory, for bench/run.
 *
 * Usage: bench-rusage COMMAND [ARG...]   prints "maxrss-kib <KiB>" on standard error at the end
 *
 * Linux counts the resident size a process had before execve() in its peak: a command started
 * straight from the benchmark's Python would report at least Python's own size. Started from
 * this small program, the peak is the command's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  struct rusage usage;
  int status;
  pid_t pid;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s COMMAND [ARG...]\n", argv[0]);
      return 2;
    }
  pid = fork ();
  if (pid < 0)
    return 2;
  if (pid == 0)
    {
      execvp (argv[1], argv + 1);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) < 0)
    return 2;
  fprintf (stderr, "maxrss-kib %ld\n", usage.ru_maxrss);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
