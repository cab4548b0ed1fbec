// SPDX-License-Identifier: GPL-2.0
/*
 * Where reports and baselines go, so that a run never loses a file: no output may name an
 * input (`istcheck -o v.o v.o` used to truncate the object while it was mapped: SIGBUS and an
 * empty v.o), and a regular file is written to a temporary beside it, renamed over it only when
 * every byte is out.  A full disk leaves the old report as it was and says so in one line.
 *
 * The writers write to a stdio stream whose write function is ours (fopencookie), so the errno
 * of the first failed write is kept: glibc drops its buffer on a failed write, and a later
 * fflush() may then succeed and leave errno to whatever came last.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <istcheck/istcheck.h>
#include <istcheck/output.h>
#include <istcheck/util.h>

/* What names one file: an existing file by its inode, a new one by its directory and name. */
struct file_id {
	dev_t dev;
	ino_t ino;
	const char *name;	/* NULL: an existing file */
};

static bool identify(const char *path, struct file_id *id)
{
	const char *slash = strrchr(path, '/');
	struct stat st;
	char *dir;
	bool found;

	id->name = NULL;
	if (stat(path, &st)) {
		if (errno != ENOENT)
			return false;
		id->name = slash ? slash + 1 : path;
		if (slash)
			dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
		else
			dir = strdup(".");
		found = dir && !stat(dir, &st);
		free(dir);
		if (!found)
			return false;
	}
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	return true;
}

static bool same_file(const struct file_id *a, const struct file_id *b)
{
	if (a->dev != b->dev || a->ino != b->ino || !a->name != !b->name)
		return false;
	return !a->name || !strcmp(a->name, b->name);
}

/* Whether the output id is one of the inputs; *which is the input's name. */
static bool is_input(const struct file_id *id, char *const *inputs, int nr, const char **which)
{
	const char *extra[] = { opts.model, opts.baseline };
	struct file_id in;

	for (int i = 0; i < nr + 2; i++) {
		*which = i < nr ? inputs[i] : extra[i - nr];
		/* An input that is not there is reported when it is read; --model may be a name. */
		if (*which && identify(*which, &in) && !in.name && same_file(id, &in))
			return true;
	}
	return false;
}

/* "-" is standard output, as for most tools that write a file; no -o means the same. */
static bool is_stdout(const char *path)
{
	return path && !strcmp(path, "-");
}

int check_outputs(char *const *inputs, int nr)
{
	const char *outputs[] = { opts.output, opts.write_baseline };
	const char *flags[] = { "-o", "--write-baseline" };
	struct file_id id[2];
	const char *which;
	bool known[2];
	struct stat st;

	for (int i = 0; i < 2; i++) {
		known[i] = outputs[i] && !is_stdout(outputs[i]) && identify(outputs[i], &id[i]);
		if (!known[i] || !is_input(&id[i], inputs, nr, &which))
			continue;
		if (!strcmp(outputs[i], which))
			return input_error(outputs[i], "%s names an input file; refusing to overwrite it",
					   flags[i]);
		return input_error(outputs[i], "%s names an input file (%s); refusing to overwrite it",
				   flags[i], which);
	}
	if (known[0] && known[1] && same_file(&id[0], &id[1]))
		return input_error(opts.output, "-o and --write-baseline name the same file");
	if (is_stdout(opts.write_baseline) && (!opts.output || is_stdout(opts.output)))
		return input_error("stdout", "--write-baseline=- needs the report written elsewhere "
				   "(-o FILE)");
	/* `istcheck v.o >>v.o` would write into the mapped object as much as -o v.o would. */
	if ((!opts.output || is_stdout(opts.output) || is_stdout(opts.write_baseline)) &&
	    !fstat(STDOUT_FILENO, &st) && S_ISREG(st.st_mode)) {
		id[0] = (struct file_id){ .dev = st.st_dev, .ino = st.st_ino };
		if (is_input(&id[0], inputs, nr, &which))
			return input_error("stdout", "is the input %s; refusing to write over it",
					   which);
	}
	return 0;
}

/*
 * The temporaries being written (a report and a baseline at most): out_of_memory() removes them
 * before it exits, so that no half-written file is left beside the user's.
 */
static struct output *writing[2];

static void remove_temporaries(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(writing); i++)
		if (writing[i] && writing[i]->tmp)
			unlink(writing[i]->tmp);
}

static void track_output(struct output *o, bool on)
{
	for (size_t i = 0; i < ARRAY_SIZE(writing); i++)
		if (on ? !writing[i] : writing[i] == o) {
			writing[i] = on ? o : NULL;
			break;
		}
	set_fatal_cleanup(remove_temporaries);
}

static ssize_t write_cookie(void *cookie, const char *buf, size_t len)
{
	struct output *o = cookie;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(o->fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!o->err)
				o->err = n < 0 ? errno : EIO;
			return -1;
		}
		done += n;
	}
	return (ssize_t)done;
}

static int fail_output(struct output *o, int err)
{
	track_output(o, false);
	if (o->fd >= 0 && o->fd != STDOUT_FILENO)
		close(o->fd);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	o->fd = -1;
	o->tmp = o->target = NULL;
	return err ? input_error(o->path, "cannot write: %s", strerror(err)) : -1;
}

static int open_stream(struct output *o)
{
	static const cookie_io_functions_t io = { .write = write_cookie };

	o->fp = fopencookie(o, "w", io);
	return o->fp ? 0 : fail_output(o, errno);
}

int open_output(struct output *o, const char *path)
{
	const char *base, *slash;
	struct stat st;
	mode_t mode;

	if (is_stdout(path))
		path = NULL;
	*o = (struct output){ .path = path ? path : "stdout", .fd = STDOUT_FILENO };
	if (!path) {
		/* Stdout stays stdout, through a stream of ours so that its errors are kept. */
		fflush(stdout);
		return open_stream(o);
	}
	o->fd = -1;
	if (!stat(path, &st)) {
		if (S_ISDIR(st.st_mode))
			return fail_output(o, EISDIR);
		/*
		 * A device or a FIFO cannot be renamed over, and what reads it sees a stream, not
		 * a file that could be left half written: write to it directly, every write still
		 * checked (-o /dev/full fails with ENOSPC).
		 */
		if (!S_ISREG(st.st_mode)) {
			o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
			return o->fd < 0 ? fail_output(o, errno) : open_stream(o);
		}
		/* A report the user made read-only stays as it is, as fopen("w") would have it. */
		if (access(path, W_OK))
			return fail_output(o, errno);
		mode = st.st_mode & 07777;
		/* Through a symlink, the file it names is replaced, not the link. */
		o->target = realpath(path, NULL);
	} else if (errno == ENOENT) {
		mode = umask(0);
		umask(mode);
		mode = 0666 & ~mode;
		o->target = xstrdup(path);
	} else {
		return fail_output(o, errno);
	}
	if (!o->target)
		return fail_output(o, errno);
	slash = strrchr(o->target, '/');
	base = slash ? slash + 1 : o->target;
	if (asprintf(&o->tmp, "%.*s.%s.XXXXXX", (int)(base - o->target), o->target, base) < 0)
		out_of_memory(NULL);
	o->fd = mkostemp(o->tmp, O_CLOEXEC);
	if (o->fd < 0) {
		free(o->tmp);
		o->tmp = NULL;
		return fail_output(o, errno);
	}
	track_output(o, true);
	if (fchmod(o->fd, mode))
		return fail_output(o, errno);
	return open_stream(o);
}

bool output_failed(const struct output *o)
{
	return o->err || ferror(o->fp);
}

int commit_output(struct output *o)
{
	int err = 0;

	if (fflush(o->fp) || ferror(o->fp))
		err = o->err ? o->err : EIO;
	fclose(o->fp);
	o->fp = NULL;
	/* close() is where NFS and some FUSE file systems report what write() did not. */
	if (o->fd != STDOUT_FILENO && close(o->fd) && !err)
		err = errno;
	o->fd = -1;
	if (!err && o->tmp && rename(o->tmp, o->target))
		err = errno;
	if (err)
		return fail_output(o, err);
	track_output(o, false);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return 0;
}

void discard_output(struct output *o)
{
	fclose(o->fp);
	o->fp = NULL;
	fail_output(o, 0);
}

int close_stdout(void)
{
	errno = 0;
	if (!fflush(stdout) && !ferror(stdout))
		return 0;
	return input_error("stdout", "cannot write: %s", strerror(errno ? errno : EIO));
}
