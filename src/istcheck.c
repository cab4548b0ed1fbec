// SPDX-License-Identifier: GPL-2.0
/*
 * istcheck: the driver.  check_file() is the pipeline, one pass per line: elf -> model ->
 * decode -> source (instrumentation regions from the source tree, when asked) -> cfg ->
 * analysis and checks; the report is written once, after every input was read, so a bad input
 * never leaves a partial report behind.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/model.h>
#include <istcheck/output.h>
#include "options.h"

static struct model model;		/* --model */
#define NR_BUILTIN 3
static struct model builtin[NR_BUILTIN];	/* by name, read when a file needs one */
static const char *builtin_name[NR_BUILTIN];

/* The model a file is checked against: --model, else the built-in one for its kernel. */
static struct model *model_for(struct ist_file *file)
{
	const char *name;
	size_t i;

	if (opts.model)
		return &model;
	name = builtin_model_for(&file->elf);
	for (i = 0; i < NR_BUILTIN && builtin_name[i]; i++)
		if (!strcmp(builtin_name[i], name))
			return &builtin[i];
	if (i == NR_BUILTIN || read_model(&builtin[i], name) < 0)
		return NULL;
	builtin_name[i] = name;
	return &builtin[i];
}

static int dump_file(FILE *out, struct ist_file *file)
{
	struct function *func;

	if (!strcmp(opts.dump, "sections")) {
		show_sections(out, file);
		return 0;
	}
	if (!strcmp(opts.dump, "model")) {
		show_model(out, file, file->model);
		return 0;
	}
	if (!strcmp(opts.dump, "regions")) {
		if (build_cfgs(file, false) < 0)
			return -1;
		read_pv_slots(&file->elf);
		show_call_regions(out, file);
		return 0;
	}
	func = find_function(file, opts.dump + 4);
	if (!func)
		return input_error(file->elf.path, "no function named '%s'", opts.dump + 4);
	if (build_cfg(file, func) < 0)
		return -1;
	show_cfg(out, file, func);
	return 0;
}

/*
 * --regions=source, or auto on a file without markers: the source tree's regions, if the tree is
 * this file's own (open_src_regions() checks).  A tree shown to be another kernel's is an error:
 * the user asked for the source, and a run that quietly went on without it would blame the
 * missing markers.  A file that cannot say which kernel it is gets a note and the markers, if any.
 */
static int open_regions(struct ist_file *file, const char *path)
{
	bool wrong_tree;
	char why[512];

	if (!opts.srcroot || opts.regions == REGIONS_MARKERS ||
	    (opts.regions == REGIONS_AUTO && file->special.have_instr_markers))
		return 0;
	file->src = open_src_regions(&file->elf, path, opts.srcroot, why, sizeof(why), &wrong_tree);
	if (!file->src && wrong_tree)
		return input_error(file->elf.path, "--srcroot=%s is not its source: %s", opts.srcroot, why);
	if (!file->src)
		report_note(file, 0, "source regions not used: %s", why);
	return 0;
}

/* Everything up to the checks, which --dump shares. */
static int read_file(struct ist_file *file, const char *path, const char *shown)
{
	if (read_elf(&file->elf, path) < 0)
		return -1;
	if (shown)
		file->elf.path = shown;
	file->model = model_for(file);
	if (!file->model)
		return -1;
	if (read_special(&file->elf, &file->special) < 0)
		return -1;
	file->dec = decoder_new();
	if (!file->dec)
		return input_error(path, "cannot initialise the disassembler");
	add_functions(file);
	return open_regions(file, path);
}

/* dump: where --dump prints, NULL for a check. */
static int check_file(struct ist_file *file, const char *path, const char *shown, FILE *dump)
{
	int ret;

	if (read_file(file, path, shown) < 0)
		return -1;
	if (dump)
		return dump_file(dump, file);
	/* The checks only read these: the CFGs they walk (which the model's roles choose), and the
	 * pv_ops slots. */
	mark_model_roles(file->model, &file->elf);
	if (build_cfgs(file, opts.contract->walk) < 0)
		return -1;
	read_pv_slots(&file->elf);
	ret = run_checks(file);
	if (ret >= 0 && opts.stats)
		show_stats(stderr, file);
	return ret;
}

/* ret < 0: a failure already reported, and nothing of out is kept (a failed write is not). */
static int finish_output(struct output *out, int ret)
{
	/* A failed write is commit_output()'s to report; any other failure was reported. */
	if (ret < 0 && !output_failed(out)) {
		discard_output(out);
		return -1;
	}
	return commit_output(out) < 0 ? -1 : ret;
}

/*
 * Colour, as GCC decides it: --color=always, or auto and the text report goes to a terminal
 * whose TERM is not dumb, and NO_COLOR (no-color.org) is unset or empty.  Never in JSON or SARIF.
 */
static bool want_color(const struct output *out)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	if (opts.format != FMT_TEXT || opts.color == COLOR_NEVER)
		return false;
	if (opts.color == COLOR_ALWAYS)
		return true;
	return out->fd >= 0 && isatty(out->fd) && (!no_color || !*no_color) && term &&
	       strcmp(term, "dumb");
}

static int write_output(struct ist_file **files, size_t nr)
{
	struct output out;

	if (open_output(&out, opts.output) < 0)
		return -1;
	opts.use_color = want_color(&out);
	return finish_output(&out, write_report(out.fp, files, nr));
}

static int write_rules(void)
{
	struct output out;

	if (open_output(&out, opts.output) < 0)
		return -1;
	if (opts.explain)
		explain_rule(out.fp, opts.explain);
	else
		list_rules(out.fp);
	return finish_output(&out, 0);
}

/*
 * Page faults dominate a run on virtual machines (about 14 us each here, against 1 us of work
 * per page): keep allocations in one heap that grows in large steps, and ask for transparent
 * huge pages on it, so that the first tens of megabytes fault in 2 MB at a time.  A hint: where
 * THP is off, or under a sanitizer's allocator, nothing changes.
 */
/* volatile: a block nobody reads is otherwise an allocation the compiler may drop. */
static void *volatile heap_hole;

static void tune_memory(void)
{
	const uintptr_t huge = 2u << 20;
	uintptr_t lo, hi;
	void *p;

	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_TOP_PAD, 64 << 20);
	p = malloc(1);
	lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	hi = (uintptr_t)sbrk(0) & ~(huge - 1);
	if (p && hi > lo) {
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
		/*
		 * The heap's start up to the first 2 MB boundary cannot be a huge page, yet a small
		 * input lives there entirely: a block that is never touched moves the allocations
		 * that follow onto the huge pages.
		 */
		if (lo - (uintptr_t)p > 4096)
			heap_hole = malloc(lo - (uintptr_t)p - 4096);
	}
	free(p);
}

extern const char istcheck_ref_entry[], istcheck_ref_entry_end[];

/* The built-in reference entry as a file the ELF reader can map: an anonymous memfd. */
static int open_ref_entry(char *path, size_t len)
{
	size_t size = (size_t)(istcheck_ref_entry_end - istcheck_ref_entry);
	int fd = memfd_create("ref_entry.o", MFD_CLOEXEC);

	if (fd < 0 || write(fd, istcheck_ref_entry, size) != (ssize_t)size)
		return input_error("ref_entry.o", "cannot stage the built-in reference entry");
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return 0;
}

/*
 * Read and check (or dump, to dump) each of the nr inputs; *nr becomes how many were opened, for
 * close_file(), when one fails.  Without an argument: the built-in reference entry.
 */
static int check_files(struct ist_file **files, int *nr, char **paths, const char *ref, FILE *dump)
{
	for (int i = 0; i < *nr; i++) {
		files[i] = xcalloc(1, sizeof(**files));
		if (check_file(files[i], paths ? paths[i] : ref, paths ? NULL : "ref_entry.o", dump) < 0) {
			*nr = i + 1;
			return -1;
		}
	}
	return 0;
}

/* The report, or with --dump what was dumped: either is kept only if every input was read. */
static int check_and_report(struct ist_file **files, int *nr, char **paths, const char *ref)
{
	struct output dump;

	if (!opts.dump)
		return check_files(files, nr, paths, ref, NULL) < 0 ? -1 : write_output(files, *nr);
	if (open_output(&dump, opts.output) < 0)
		return -1;
	return finish_output(&dump, check_files(files, nr, paths, ref, dump.fp));
}

int main(int argc, char **argv)
{
	struct ist_file **files;
	int first, ret = 0, nr;
	char ref[64];

	tune_memory();
	if (argc > 1 && !strcmp(argv[1], "diff")) {
		if (argc != 4)
			return input_error(NULL, "usage: istcheck diff OLD.json NEW.json"), 2;
		ret = run_diff(argv[2], argv[3]);
		if (ret >= 0 && close_stdout() < 0)
			ret = -1;
		return ret < 0 ? 2 : ret;
	}
	ret = parse_options(argc, argv, &first);
	if (ret)
		return ret < 0 || close_stdout() < 0 ? 2 : 0;
	/* Before anything is opened: no report, baseline or listing may be written over an input. */
	if (check_outputs(argv + first, argc - first) < 0)
		return 2;
	if (opts.list_rules || opts.explain)
		return write_rules() < 0 ? 2 : 0;
	if (opts.model && read_model(&model, opts.model) < 0)
		return 2;
	if (opts.baseline && read_baseline(opts.baseline) < 0)
		return 2;
	nr = argc - first;
	if (!nr) {
		/* No file: the reference atomic-IST entry linked into this binary. */
		if (open_ref_entry(ref, sizeof(ref)) < 0)
			return 2;
		nr = 1;
	}
	files = xcalloc(nr, sizeof(*files));
	ret = check_and_report(files, &nr, argc > first ? argv + first : NULL, ref);
	if (ret >= 0 && close_stdout() < 0)
		ret = -1;
	for (int i = 0; i < nr; i++) {
		if (files[i])
			close_file(files[i]);
		free(files[i]);
	}
	free(files);
	if (opts.model)
		free_model(&model);
	free_baseline();
	for (int i = 0; i < NR_BUILTIN; i++)
		if (builtin_name[i])
			free_model(&builtin[i]);
	return ret < 0 ? 2 : ret > 0 ? 1 : 0;
}
