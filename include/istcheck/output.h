/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Report and baseline files (src/report/output.c): never over an input, never left half
 * written.  A regular file is written to a temporary beside it and renamed over it when
 * complete; every write error is reported once, with the file's name and errno's text.
 */
#ifndef _ISTCHECK_OUTPUT_H
#define _ISTCHECK_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct output {
	FILE *fp;		/* what the writers write to */
	const char *path;	/* as given; "stdout" for stdout */
	char *target;		/* what tmp is renamed to (symlinks resolved) */
	char *tmp;		/* NULL: written directly (stdout, a device, a FIFO) */
	int fd;
	int err;		/* errno of the first failed write, 0 if none */
};

/*
 * Usage check, before any input is opened or output created: no output (-o, --write-baseline,
 * a regular stdout) may be the same file as an input (the nr files, --model, --baseline), nor
 * may the two outputs be the same file.  < 0 (message given) if one is.
 */
int check_outputs(char *const *inputs, int nr);

/* Start writing path (NULL or "-": stdout).  < 0 (message given) if it cannot be created. */
int open_output(struct output *o, const char *path);
/* Whether a write to o has failed: commit_output() will report it. */
bool output_failed(const struct output *o);
/*
 * Flush and close o and put it in place.  On a write error: one line naming the file and the
 * error, no partial file left (the temporary is removed, the old file kept), and < 0.
 */
int commit_output(struct output *o);
/* Drop what was written, quietly (the error was reported elsewhere). */
void discard_output(struct output *o);
/* The final check of stdout for what is printed to it directly (--dump, diff, ...). */
int close_stdout(void);

#endif
