// SPDX-License-Identifier: GPL-2.0
/*
 * An input's life: opened only once it is known to be a regular file, and at the end everything
 * the phases hung on struct ist_file, in reverse.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <istcheck/checks.h>
#include <istcheck/istcheck.h>

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

void close_file(struct ist_file *file)
{
	free_pv_slots(file);
	free_functions(file);
	decoder_free(file->dec);
	free_special(&file->special);
	close_elf(&file->elf);
}
