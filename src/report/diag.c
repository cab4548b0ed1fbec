/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The report of the one diagnostics module: what the findings store (cfg/findings.c) holds,
 * ordered, placed (symbol, section, source line) and given its fingerprints once, for every
 * output format; and what fails the run.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <istcheck/istcheck.h>
#include <istcheck/decode.h>
#include <istcheck/cfg.h>
#include <istcheck/util.h>
#include "report.h"

/*
 * The report reads the store (cfg/findings.c) and orders, places and formats it: nothing here
 * records a finding.
 */
/* How many findings the baseline knew: about the run, not the input, so it never fails a run. */
static void note_suppressed(struct ist_file *file, size_t n)
{
	report_run_note(file, "%zu finding%s suppressed by the baseline %s", n, n == 1 ? "" : "s",
			opts.baseline);
}

/* What --fail-on fails the run on: findings at or above it, and under "note" the notes too. */
static bool finding_fails(const struct finding *f)
{
	return f->sev >= opts.fail_on && opts.fail_on != SEV_NEVER && !f->suppressed;
}

static bool note_fails(const struct note *n)
{
	return opts.fail_on == SEV_NOTE && !n->about_run;
}

const char *location_str(const struct location *loc, uint64_t addr, char *buf, size_t len)
{
	if (loc->sym)
		snprintf(buf, len, "%s+0x%" PRIx64, loc->sym->name, loc->sym_off);
	else if (loc->sec)
		snprintf(buf, len, "%s+0x%" PRIx64, loc->sec->name, loc->sec_off);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
	return buf;
}

/*
 * Where addr is: symbol, section and source line.  Code an alternative patches in has the
 * site's symbol (find_code_symbol); when the replacement has no line of its own (C's inline asm
 * puts its replacements in no line table, the assembler does), it has the site's line too.
 */
static void locate(struct ist_file *file, uint64_t addr, bool want_line, struct location *loc)
{
	const struct alt_record *alt;
	const char *src;

	memset(loc, 0, sizeof(*loc));
	if (!file)
		return;
	loc->sym = find_code_symbol(&file->elf, &file->special, addr, &loc->sym_off);
	loc->sec = addr_section(&file->elf, addr, &loc->sec_off);
	if (!want_line)
		return;
	if (lookup_line(file, addr, &src, &loc->line, &loc->col) ||
	    ((alt = find_alt_replacing(&file->special, addr)) &&
	     lookup_line(file, alt->orig, &src, &loc->line, &loc->col)))
		loc->src = xstrdup(src);
}

/*
 * A stable identity for baselines, diffs and SARIF (docs/report-format.md): rule, symbol, what
 * the instruction means (identity.c) and which occurrence of that in the symbol it is; nothing
 * that moves when other code changes or the kernel is linked again, so no address, offset or
 * displacement.  Without a symbol the section name and offset stand in.  One finding per
 * instruction, so the variants do not enter it.
 *
 * The fingerprints of older reports are kept beside it so that their baselines still match:
 * version 2 hashed the instruction's bytes instead (byte_fingerprint), version 1 also hashed the
 * variant, one finding per variant (legacy[]).
 */
static void fingerprint(struct report_item *it)
{
	const struct finding *f = it->f;
	const struct location *loc = &it->loc;
	const char *id = rule_table[f->rule].id, *name = "";
	uint64_t where = f->addr, byte_where = f->addr, h = FNV_OFFSET;

	if (loc->sym) {
		name = loc->sym->name;
		where = f->occurrence;
		byte_where = f->byte_occurrence;
	} else if (loc->sec) {
		name = loc->sec->name;
		where = byte_where = loc->sec_off;
	}
	h = fnv1a_str(fnv1a_str(h, "istcheck/3"), id);
	h = hash_stable_name(h, name);
	h = fnv1a_u64(fnv1a_u64(h, where), f->identity);
	it->fingerprint = h;

	h = fnv1a_str(fnv1a_str(FNV_OFFSET, id), name);
	h = fnv1a(fnv1a_u64(h, byte_where), f->bytes, f->len);
	it->byte_fingerprint = h;
	for (size_t i = 0; i < f->nr_variants; i++) {
		const char *v = f->variants[i].name;

		it->legacy[i] = v ? fnv1a(h, v, strlen(v) + 1) : 0;
	}
}

const char *contract_name(void)
{
	return opts.contract->name;
}

static int cmp_variants(const void *a, const void *b)
{
	const struct finding_variant *x = a, *y = b;

	if (!x->name || !y->name)
		return !!x->name - !!y->name;
	return strcmp(x->name, y->name);
}

static size_t file_index(struct ist_file **files, size_t nr_files, const struct ist_file *file)
{
	for (size_t i = 0; i < nr_files; i++)
		if (files[i] == file)
			return i;
	return nr_files;
}

static int cmp_items(const void *a, const void *b)
{
	const struct report_item *x = a, *y = b;
	const struct finding *fx = x->f, *fy = y->f;

	if (x->file_idx != y->file_idx)
		return x->file_idx < y->file_idx ? -1 : 1;
	/* Where the code runs first, so that a replacement's findings sit with its site's, in
	 * source order, not after all the rest (.altinstr_replacement is linked last). */
	if (x->run_addr != y->run_addr)
		return x->run_addr < y->run_addr ? -1 : 1;
	if (fx->addr != fy->addr)
		return fx->addr < fy->addr ? -1 : 1;
	/* (file, address, rule) is unique, so this order is total. */
	return fx->rule < fy->rule ? -1 : fx->rule > fy->rule;
}

static int cmp_notes(const void *a, const void *b)
{
	const struct report_note *x = a, *y = b;

	if (x->file_idx != y->file_idx)
		return x->file_idx < y->file_idx ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void free_item(struct report_item *it)
{
	free(it->loc.src);
	for (size_t j = 0; it->steps && j < it->f->nr_variants; j++) {
		for (size_t k = 0; it->steps[j] && k < it->f->variants[j].nr_path; k++)
			free(it->steps[j][k].src);
		free(it->steps[j]);
	}
	free(it->steps);
	free(it->legacy);
	free(it->variant);
	free(it->text);
	memset(it, 0, sizeof(*it));
}

static void free_report(struct report *r)
{
	for (size_t i = 0; i < r->nr_items; i++)
		free_item(&r->items[i]);
	free(r->items);
	free(r->sums);
	for (size_t i = 0; i < r->nr_notes; i++)
		free(r->notes[i].loc.src);
	free(r->notes);
	close_lines();
}

static void build_item(struct report_item *it, struct finding *f, struct ist_file **files,
		       size_t nr_files)
{
	const struct alt_record *alt = f->file ? find_alt_replacing(&f->file->special, f->addr) : NULL;
	const char **names, **msgs;

	it->f = f;
	it->file_idx = file_index(files, nr_files, f->file);
	it->run_addr = alt ? alt->orig : f->addr;
	qsort(f->variants, f->nr_variants, sizeof(*f->variants), cmp_variants);
	locate(f->file, f->addr, true, &it->loc);
	it->legacy = xcalloc(f->nr_variants, sizeof(*it->legacy));
	fingerprint(it);
	names = xcalloc(f->nr_variants, sizeof(*names));
	msgs = xcalloc(f->nr_variants, sizeof(*msgs));
	for (size_t i = 0; i < f->nr_variants; i++) {
		names[i] = f->variants[i].name;
		msgs[i] = f->variants[i].msg;
	}
	it->variant = merge_variants(names, f->nr_variants);
	it->text = variants_text(names, msgs, f->nr_variants);
	free(names);
	free(msgs);
	it->steps = xcalloc(f->nr_variants, sizeof(*it->steps));
	for (size_t i = 0; i < f->nr_variants; i++) {
		const struct finding_variant *v = &f->variants[i];

		if (!v->nr_path)
			continue;
		it->steps[i] = xcalloc(v->nr_path, sizeof(**it->steps));
		for (size_t j = 0; j < v->nr_path; j++)
			locate(f->file, v->path[j].addr, true, &it->steps[i][j]);
	}
}

/* Per input: findings by severity, suppressed ones, notes, and whether it fails the run. */
static void summarise(struct report *r)
{
	size_t nr_findings, nr_notes;
	struct finding *const *findings = stored_findings(&nr_findings);
	const struct note *notes = stored_notes(&nr_notes);

	r->sums = xcalloc(r->nr_files, sizeof(*r->sums));
	for (size_t i = 0; i < nr_findings; i++) {
		const struct finding *f = findings[i];
		size_t k = file_index(r->files, r->nr_files, f->file);
		struct file_summary *s;

		if (k == r->nr_files)
			continue;
		s = &r->sums[k];
		if (f->suppressed) {
			s->suppressed++;
			continue;
		}
		if (f->sev == SEV_ERROR)
			s->errors++;
		else if (f->sev == SEV_WARNING)
			s->warnings++;
		if (finding_fails(f))
			s->failed = true;
	}
	for (size_t i = 0; i < nr_notes; i++) {
		size_t k = notes[i].file ? file_index(r->files, r->nr_files, notes[i].file) : 0;

		if (k == r->nr_files)
			continue;
		r->sums[k].notes++;
		if (note_fails(&notes[i]))
			r->sums[k].failed = true;
	}
	for (size_t k = 0; k < r->nr_files; k++) {
		const struct check_stats *st = &r->files[k]->stats;

		r->sums[k].nothing_checked = st->ran && !st->entry_points && !st->functions;
	}
}

static int build_report(struct report *r, struct ist_file **files, size_t nr_files)
{
	size_t nr_findings, nr_notes;
	struct finding *const *findings = stored_findings(&nr_findings);
	const struct note *notes;

	r->files = files;
	r->nr_files = nr_files;
	r->items = xcalloc(nr_findings, sizeof(*r->items));
	for (size_t i = 0; i < nr_findings; i++)
		build_item(&r->items[r->nr_items++], findings[i], files, nr_files);
	if (r->nr_items)
		qsort(r->items, r->nr_items, sizeof(*r->items), cmp_items);
	for (size_t i = 0; i < nr_files; i++)
		if (line_error(files[i]))
			report_note(files[i], 0, "source lines missing, places given as symbol+offset: %s",
				    line_error(files[i]));
	if (opts.write_baseline && write_baseline(opts.write_baseline, r) < 0)
		return -1;
	if (opts.baseline) {
		size_t n = apply_baseline(r), kept = 0;

		for (size_t i = 0; i < r->nr_items; i++) {
			if (r->items[i].f->suppressed)
				free_item(&r->items[i]);
			else
				r->items[kept++] = r->items[i];
		}
		r->nr_items = kept;
		if (nr_files)
			note_suppressed(files[0], n);
	}

	/* The notes last: the baseline and unreadable lines above add theirs. */
	notes = stored_notes(&nr_notes);
	r->notes = xcalloc(nr_notes + 1, sizeof(*r->notes));
	for (size_t i = 0; i < nr_notes; i++) {
		struct report_note *n = &r->notes[r->nr_notes++];

		*n = (struct report_note){ .file = notes[i].file, .addr = notes[i].addr,
					   .msg = notes[i].msg, .seq = notes[i].seq,
					   .about_run = notes[i].about_run };
		n->file_idx = file_index(files, nr_files, n->file);
		if (n->addr)
			locate(n->file, n->addr, true, &n->loc);
	}
	if (r->nr_notes)
		qsort(r->notes, r->nr_notes, sizeof(*r->notes), cmp_notes);
	summarise(r);
	return 0;
}

int write_report(FILE *out, struct ist_file **files, size_t nr_files)
{
	struct finding *const *findings;
	const struct note *notes;
	size_t nr_findings, nr_notes;
	struct report r = { 0 };
	int ret, fails = 0;

	if (build_report(&r, files, nr_files) < 0) {
		free_report(&r);
		return -1;
	}
	switch (opts.format) {
	case FMT_JSON:
		ret = write_json(out, &r);
		break;
	case FMT_SARIF:
		ret = write_sarif(out, &r);
		break;
	default:
		ret = write_text(out, &r);
		break;
	}
	free_report(&r);
	if (ret < 0 || fflush(out) || ferror(out))
		return -1;

	findings = stored_findings(&nr_findings);
	notes = stored_notes(&nr_notes);
	for (size_t i = 0; i < nr_findings; i++)
		fails += finding_fails(findings[i]);
	for (size_t i = 0; i < nr_notes; i++)
		fails += note_fails(&notes[i]);
	return fails;
}
