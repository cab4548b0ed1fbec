/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out of memory is handled one way (error.h): one line, the report's temporary removed, exit 2.
 * A real allocation failure cannot be made to land reliably, so the child processes here call
 * out_of_memory() where an allocation would fail, with a report and a baseline half written.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <istcheck/error.h>
#include <istcheck/output.h>

static char dir[] = "/tmp/test_output.XXXXXX";

static size_t count_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* Run fn in a child with stderr in a pipe: its exit status, and the first line it printed. */
static int run_child(void (*fn)(void), char *line, size_t len)
{
	int pipefd[2], status;
	pid_t pid;
	FILE *f;

	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		fn();
		_exit(0);
	}
	close(pipefd[1]);
	f = fdopen(pipefd[0], "r");
	line[0] = 0;
	if (!fgets(line, (int)len, f))
		line[0] = 0;
	fclose(f);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void oom_while_writing(void)
{
	static struct output report, baseline;
	char path[64];

	snprintf(path, sizeof(path), "%s/report.json", dir);
	if (open_output(&report, path) < 0)
		_exit(10);
	fputs("{ \"half\": ", report.fp);
	fflush(report.fp);
	snprintf(path, sizeof(path), "%s/base.json", dir);
	if (open_output(&baseline, path) < 0)
		_exit(11);
	fputs("{", baseline.fp);
	fflush(baseline.fp);
	out_of_memory("vmlinux.o");
}

static void test_oom_removes_temporaries(void **state)
{
	char line[256];

	(void)state;
	assert_int_equal(run_child(oom_while_writing, line, sizeof(line)), 2);
	assert_string_equal(line, "istcheck: vmlinux.o: out of memory\n");
	assert_int_equal(count_files(), 0);
}

static void oom_after_commit(void)
{
	static struct output report;
	char path[64];

	snprintf(path, sizeof(path), "%s/report.json", dir);
	if (open_output(&report, path) < 0)
		_exit(10);
	fputs("{}\n", report.fp);
	if (commit_output(&report) < 0)
		_exit(11);
	out_of_memory(NULL);
}

/* A report already in place is the user's: out of memory later does not touch it. */
static void test_oom_keeps_committed(void **state)
{
	char line[256], path[64];

	(void)state;
	assert_int_equal(run_child(oom_after_commit, line, sizeof(line)), 2);
	assert_string_equal(line, "istcheck: out of memory\n");
	assert_int_equal(count_files(), 1);
	snprintf(path, sizeof(path), "%s/report.json", dir);
	assert_int_equal(unlink(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom_removes_temporaries),
		cmocka_unit_test(test_oom_keeps_committed),
	};
	int ret;

	if (!mkdtemp(dir))
		return 1;
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return ret;
}
