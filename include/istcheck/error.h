/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The small error interface of every layer, the ELF reader and the decoder included: input,
 * usage and internal errors as one line on stderr, out of memory handled one way, and inputs
 * opened only once they are known to be regular files.  It knows nothing of rules or findings
 * (diag.h, above it, does).
 */
#ifndef _ISTCHECK_ERROR_H
#define _ISTCHECK_ERROR_H

#include <stddef.h>

/*
 * One line on stderr naming the file ("istcheck: PATH: msg"; no path: "istcheck: msg").
 * Always returns -1, so callers write `return input_error(...)`.
 */
int input_error(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Out of memory, the one way: "istcheck: PATH: out of memory" (PATH may be NULL), the fatal
 * cleanup (a report's temporary file is removed), exit status 2.  A run that cannot allocate
 * cannot vouch for what it did not check, so it stops rather than continue with less.
 */
__attribute__((noreturn)) void out_of_memory(const char *path);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);		/* n == 0 allocates one element's worth */
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* What out_of_memory() undoes before it exits (NULL: nothing). */
void set_fatal_cleanup(void (*fn)(void));

/*
 * Opens an input for reading only if it is a regular file: a FIFO, a device, a socket or a
 * directory is refused before any blocking open, and so is "-" (standard input is not read).
 * Returns the descriptor (O_CLOEXEC), with *st filled if st is not NULL; or prints one line
 * naming path, prefix first, and returns -1.
 */
struct stat;
int open_input(const char *path, const char *prefix, struct stat *st);

#endif
