/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text format, one finding per line in the forms compilers and objtool use, so editors,
 * build-log scrapers and 0-day style bots need nothing new:
 *   FILE:LINE:COL: warning: istcheck: MSG [RULE]
 *   OBJ: warning: istcheck: SYM+0xOFF: MSG [RULE]
 */
#include "report.h"

#define LOC_LEN 512

static void write_finding(FILE *out, const struct report_item *it)
{
	const struct finding *f = it->f;
	const char *obj = f->file ? f->file->elf.path : "?";
	const char *sev = severity_name(f->sev);
	char buf[LOC_LEN];

	if (it->loc.src) {
		fprintf(out, "%s:%d", it->loc.src, it->loc.line);
		if (it->loc.col)
			fprintf(out, ":%d", it->loc.col);
		fprintf(out, ": %s: istcheck: %s", sev, f->msg);
	} else {
		fprintf(out, "%s: %s: istcheck: %s: %s", obj, sev,
			location_str(&it->loc, f->addr, buf, sizeof(buf)), f->msg);
	}
	if (f->variant)
		fprintf(out, " (%s)", f->variant);
	fprintf(out, " [%s]\n", rule_table[f->rule].id);

	if (opts.verbose <= 0)
		return;
	for (size_t i = 0; i < f->nr_path; i++)
		fprintf(out, "  %s: note: istcheck: %s: %s\n", obj,
			location_str(&it->steps[i], f->path[i].addr, buf, sizeof(buf)),
			f->path[i].note);
}

static void write_note(FILE *out, const struct report_note *n)
{
	char buf[LOC_LEN];

	if (!n->file) {
		fprintf(out, "istcheck: note: %s\n", n->msg);
		return;
	}
	fprintf(out, "%s: note: istcheck: ", n->file->elf.path);
	if (n->addr)
		fprintf(out, "%s: ", location_str(&n->loc, n->addr, buf, sizeof(buf)));
	fprintf(out, "%s\n", n->msg);
}

int write_text(FILE *out, const struct report *r)
{
	for (size_t i = 0; i < r->nr_items; i++)
		write_finding(out, &r->items[i]);
	for (size_t i = 0; i < r->nr_notes; i++)
		write_note(out, &r->notes[i]);
	return ferror(out) ? -1 : 0;
}
