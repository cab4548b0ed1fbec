/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text format, one finding per line in the forms compilers and objtool use, so editors,
 * build-log scrapers and 0-day style bots need nothing new:
 *   FILE:LINE:COL: warning: istcheck: SYM+0xOFF: MSG (VARIANTS) [RULE]
 *   OBJ: warning: istcheck: SYM+0xOFF: MSG (VARIANTS) [RULE]
 * (SYM+0xOFF (FEATURE replacement) for code an alternative patches in: two replacements of one
 * site have the same SYM+0xOFF, the site's),
 * then, with -v, the notes, and last one summary line per input:
 *   istcheck: OBJ: linux contract, model M, 4 variants, 12 entry points, 80 noinstr functions: passed, ...
 */
#include <stdarg.h>
#include <string.h>

#include <istcheck/features.h>

#include "report.h"

#define LOC_LEN 512

/*
 * GCC's colours (GCC_COLORS' defaults): the place bold, "error:" bold red, "warning:" bold
 * magenta, "note:" bold cyan; and the verdict, red when it failed, green when it passed.  Only
 * when opts.use_color (the driver decides: --color, a terminal, NO_COLOR, TERM).
 */
#define SGR_BOLD	"01"
#define SGR_ERROR	"01;31"
#define SGR_WARNING	"01;35"
#define SGR_NOTE	"01;36"
#define SGR_PASSED	"01;32"

static void put_sgr(FILE *out, const char *sgr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void put_sgr(FILE *out, const char *sgr, const char *fmt, ...)
{
	va_list ap;

	if (opts.use_color)
		fprintf(out, "\033[%sm", sgr);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	if (opts.use_color)
		fputs("\033[m", out);
}

static const char *sev_sgr(const char *sev)
{
	return !strcmp(sev, "error") ? SGR_ERROR : !strcmp(sev, "warning") ? SGR_WARNING : SGR_NOTE;
}

/* " SEV: istcheck: " with SEV in its colour. */
static void put_severity(FILE *out, const char *sev)
{
	fputc(' ', out);
	put_sgr(out, sev_sgr(sev), "%s:", sev);
	fputs(" istcheck: ", out);
}

/* Which replacement the instruction is in, when it is in one (JSON has its section offset). */
static void name_replacement(const struct finding *f, char *buf, size_t len)
{
	const struct alt_record *a = f->file ? find_alt_replacing(&f->file->special, f->addr) : NULL;
	size_t n = strlen(buf);

	if (a && n < len)
		snprintf(buf + n, len - n, " (%s replacement)", feature_name(a->feature));
}

/* "SRC:LINE[:COL]" when the place has a source line, else the object: where a line starts. */
static void write_where(FILE *out, const char *obj, const struct location *loc)
{
	if (!loc->src)
		put_sgr(out, SGR_BOLD, "%s:", obj);
	else if (loc->col)
		put_sgr(out, SGR_BOLD, "%s:%d:%d:", loc->src, loc->line, loc->col);
	else
		put_sgr(out, SGR_BOLD, "%s:%d:", loc->src, loc->line);
}

static void write_finding(FILE *out, const struct report_item *it)
{
	const struct finding *f = it->f;
	const struct finding_variant *v = &f->variants[0];
	const char *obj = f->file ? f->file->elf.path : "?";
	const char *sev = severity_name(f->sev);
	char buf[LOC_LEN];

	/* symbol+offset on both forms: kernel developers search by it. */
	location_str(&it->loc, f->addr, buf, sizeof(buf));
	name_replacement(f, buf, sizeof(buf));
	write_where(out, obj, &it->loc);
	put_severity(out, sev);
	fprintf(out, "%s: %s [", buf, it->text);
	put_sgr(out, sev_sgr(sev), "%s", rule_table[f->rule].id);
	fputs("]\n", out);

	if (opts.verbose <= 0)
		return;
	/* The first variant's witness, each step at its source line; the JSON report has one
	 * witness per variant. */
	if (v->name && v->nr_path) {
		fputs("  ", out);
		write_where(out, obj, &it->loc);
		put_severity(out, "note");
		fprintf(out, "%s: witness %s%s:\n", buf, v->name,
			f->nr_variants > 1 ? " (first of the variants)" : "");
	}
	for (size_t i = 0; i < v->nr_path; i++) {
		fputs("  ", out);
		write_where(out, obj, &it->steps[0][i]);
		put_severity(out, "note");
		fprintf(out, "%s: %s\n", location_str(&it->steps[0][i], v->path[i].addr, buf, sizeof(buf)),
			v->path[i].note);
	}
}

static void write_note(FILE *out, const struct report_note *n)
{
	char buf[LOC_LEN];

	if (!n->file) {
		fputs("istcheck: ", out);
		put_sgr(out, SGR_NOTE, "note:");
		fprintf(out, " %s\n", n->msg);
		return;
	}
	write_where(out, n->file->elf.path, &n->loc);
	put_severity(out, "note");
	if (n->addr)
		fprintf(out, "%s: ", location_str(&n->loc, n->addr, buf, sizeof(buf)));
	fprintf(out, "%s\n", n->msg);
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* What ran on the file: "linux contract, model M, 4 variants, 12 entry points, 80 noinstr functions". */
static void write_scope(FILE *out, const struct check_stats *st)
{
	fprintf(out, "%s contract", contract_name());
	if (st->model && opts.contract->walk)
		fprintf(out, ", model %s, %u variant%s", st->model, st->variants, plural(st->variants));
	if (st->entry_points) {
		fprintf(out, ", %zu entry point%s", st->entry_points, plural(st->entry_points));
		if (st->entries_cut)
			fprintf(out, " (%zu cut short by the walk bounds)", st->entries_cut);
	}
	if (st->functions)
		fprintf(out, ", %zu noinstr function%s", st->functions, plural(st->functions));
	if (st->functions_skipped)
		fprintf(out, " (%zu more not checked: %s)", st->functions_skipped,
			st->skipped_unplaced ? "no source line places them" : "no instrumentation markers");
}

/*
 * One line per input, after everything else: what was checked, the verdict (as the exit status
 * sees it), and how many findings and notes; notes are only counted unless -v.
 */
static void write_summary(FILE *out, const struct ist_file *file, const struct file_summary *s)
{
	const struct check_stats *st = &file->stats;
	const char *verdict;

	if (opts.quiet && !s->errors && !s->warnings && !st->entry_points)
		return;
	fprintf(out, "istcheck: %s: ", file->elf.path);
	write_scope(out, st);
	if (s->nothing_checked)
		verdict = !opts.contract->walk ? "nothing checked (no noinstr code)" :
			  st->functions_skipped ? "nothing checked (no entry point of the model, and "
						  "no instrumentation markers for the noinstr C code)" :
			  "nothing checked (no entry point of the model, no noinstr code)";
	else if (opts.write_baseline)
		verdict = "recorded in the baseline";
	else if (s->failed)
		verdict = "failed";
	else if (st->entries_cut)
		verdict = "passed what was checked";
	else
		verdict = "passed";
	fputs(": ", out);
	put_sgr(out, s->failed ? SGR_ERROR : s->nothing_checked ? SGR_WARNING : SGR_PASSED, "%s", verdict);
	fprintf(out, ", %zu error%s, %zu warning%s", s->errors, plural(s->errors), s->warnings,
		plural(s->warnings));
	if (s->suppressed)
		fprintf(out, ", %zu suppressed by the baseline", s->suppressed);
	fprintf(out, ", %zu note%s", s->notes, plural(s->notes));
	if (s->notes && opts.verbose <= 0)
		fprintf(out, " (-v lists %s)", s->notes == 1 ? "it" : "them");
	fputc('\n', out);
}

int write_text(FILE *out, const struct report *r)
{
	for (size_t i = 0; i < r->nr_items; i++)
		write_finding(out, &r->items[i]);
	for (size_t i = 0; opts.verbose > 0 && i < r->nr_notes; i++)
		write_note(out, &r->notes[i]);
	for (size_t i = 0; i < r->nr_files; i++)
		write_summary(out, r->files[i], &r->sums[i]);
	return ferror(out) ? -1 : 0;
}
