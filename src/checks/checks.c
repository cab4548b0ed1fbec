// SPDX-License-Identifier: GPL-2.0
/* The passes in the order they run, the entry walk's families, what they covered (file->stats). */
#include <stdlib.h>
#include <string.h>

#include <istcheck/checks.h>
#include <istcheck/analysis.h>
#include <istcheck/istcheck.h>
#include <istcheck/model.h>
#include <istcheck/util.h>

/*
 * The noinstr functions validate_noinstr() walks and the ones it leaves alone: without
 * instrumentation regions (markers or source) it skips C code (noinstr and cpuidle text), keep
 * the two in step.  With source regions, it moves the functions it cannot place itself.
 */
static void count_functions(struct ist_file *file, struct check_stats *st)
{
	bool markers = noinstr_regions(file) != REGIONS_NONE;

	for (size_t i = 0; i < file->nr_funcs; i++) {
		enum code_class cls = file->funcs[i].cls;

		if (!class_is_noinstr(cls))
			continue;
		if (!markers && (cls == CODE_NOINSTR || cls == CODE_CPUIDLE))
			st->functions_skipped++;
		else
			st->functions++;
	}
}

/*
 * A file with neither entry points nor noinstr code (a user-space object, a driver, istcheck
 * itself) would otherwise pass as clean: say that nothing was checked, and why.
 */
static void note_nothing_checked(struct ist_file *file, const struct check_stats *st)
{
	const char *model = st->model ? st->model : "none";

	/* Noinstr C code left alone for want of markers has its own note, which says why. */
	if (st->entry_points || st->functions || st->functions_skipped)
		return;
	if (opts.contract->walk)
		report_note(file, 0, "nothing checked: no entry point of the model %s is in this file, "
			    "and it has no noinstr code (.noinstr.text, .entry.text, .cpuidle.text, "
			    ".text..__x86.*): it holds no kernel entry code", model);
	else
		report_note(file, 0, "nothing checked: no noinstr code (.noinstr.text, .entry.text, "
			    ".cpuidle.text, .text..__x86.*): it holds no kernel entry code");
}

/* The families of the entry walk, in the order their hooks run. */
static const struct contract_check *const families[] = {
	&stack_checks, &gs_checks, &cr3_checks, &spec_checks, &exit_checks, &regs_checks, &aist_checks,
};

int validate_entries(struct ist_file *file)
{
	struct check_stats *st = &file->stats;
	struct analysis_stats walk = { 0 };

	st->model = file->model->name;
	st->variants = 1u << file->model->nr_variant_features;
	if (analyse_entries(file, file->model, families, ARRAY_SIZE(families), &walk) < 0)
		return -1;
	st->entry_points = walk.entries;
	st->states = walk.states;
	st->runs = walk.runs;
	st->nr_families = walk.nr_families < ARRAY_SIZE(st->families) ? walk.nr_families :
			  ARRAY_SIZE(st->families);
	memcpy(st->families, walk.families, st->nr_families * sizeof(*st->families));
	return 0;
}

/*
 * The passes, in the order they run (objtool's check()): the noinstr function walk, the entry
 * walk with the families above, and the passes judged over the whole file.  A pass marked walk
 * runs only when the contract walks (and so has the entry model).
 */
static const struct pass {
	int (*run)(struct ist_file *file);
	bool walk;
} passes[] = {
	{ validate_noinstr, false },
	{ validate_entries, true },
	{ validate_aist_foreign, true },
};

int run_checks(struct ist_file *file)
{
	struct check_stats *st = &file->stats;

	st->ran = true;
	count_functions(file, st);
	for (size_t i = 0; i < ARRAY_SIZE(passes); i++) {
		if (passes[i].walk && !opts.contract->walk)
			continue;
		if (passes[i].run(file) < 0)
			return -1;
	}
	note_nothing_checked(file, st);
	return 0;
}

/* --stats: what the contract walk of run_checks() did on the file. */
void show_stats(FILE *out, const struct ist_file *file)
{
	const struct check_stats *st = &file->stats;

	fprintf(out, "istcheck: %s: %zu states walked from %zu entry points in %zu runs; families:",
		file->elf.path, st->states, st->entry_points, st->runs);
	for (size_t i = 0; i < st->nr_families; i++)
		fprintf(out, " %s", st->families[i]);
	fprintf(out, "%s\n", st->nr_families ? "" : " none");
}
