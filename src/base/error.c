// SPDX-License-Identifier: GPL-2.0
/*
 * Errors every layer reports the same way (error.h), and inputs opened without blocking: the
 * bottom of the pipeline, below the ELF reader.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <istcheck/error.h>

static void (*fatal_cleanup)(void);

int input_error(const char *path, const char *fmt, ...)
{
	va_list ap;

	fputs("istcheck: ", stderr);
	if (path)
		fprintf(stderr, "%s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

void set_fatal_cleanup(void (*fn)(void))
{
	fatal_cleanup = fn;
}

void out_of_memory(const char *path)
{
	input_error(path, "out of memory");
	if (fatal_cleanup)
		fatal_cleanup();
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(NULL);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		out_of_memory(NULL);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		out_of_memory(NULL);
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		out_of_memory(NULL);
	return d;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (!d)
		out_of_memory(NULL);
	return d;
}

static const char *file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "an unknown kind of file";
}

static int check_mode(const char *path, const char *prefix, mode_t mode)
{
	if (S_ISREG(mode))
		return 0;
	if (S_ISDIR(mode))
		return input_error(path, "%sis a directory", prefix);
	return input_error(path, "%snot a regular file (%s)", prefix, file_kind(mode));
}

/*
 * open() of a FIFO blocks until a writer comes, and a device (/dev/zero, a tty) is endless or
 * has side effects on open: stat() refuses both before anything is opened.  The path may change
 * between the stat() and the open(), so the open does not block (O_NONBLOCK) and fstat() checks
 * what was really opened.  Regular files ignore O_NONBLOCK; it is cleared all the same.
 */
int open_input(const char *path, const char *prefix, struct stat *st)
{
	struct stat sb;
	int fd, flags;

	if (!st)
		st = &sb;
	/*
	 * "-" is refused, as objdump and readelf refuse it, rather than read as standard input: the
	 * ELF reader maps its input, which a pipe cannot be, and every input follows one rule.
	 */
	if (!strcmp(path, "-"))
		return input_error(path, "%sstandard input cannot be read; name the file (./- for a "
				   "file named -)", prefix);
	if (stat(path, st) < 0)
		return input_error(path, "%scannot open: %s", prefix, strerror(errno));
	if (check_mode(path, prefix, st->st_mode) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return input_error(path, "%scannot open: %s", prefix, strerror(errno));
	if (fstat(fd, st) < 0) {
		input_error(path, "%scannot stat: %s", prefix, strerror(errno));
		goto fail;
	}
	if (check_mode(path, prefix, st->st_mode) < 0)
		goto fail;
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		input_error(path, "%scannot open: %s", prefix, strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}
