/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one diagnostics module: the store of findings and notes, and the ordering and location
 * work shared by every output format.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <istcheck/istcheck.h>
#include <istcheck/decode.h>
#include <istcheck/cfg.h>
#include "report.h"

static struct finding **findings;
static size_t nr_findings, max_findings;

/* Open-addressing set of findings for the duplicate check; size is a power of two. */
static struct finding **seen;
static size_t seen_size;

static struct report_note *notes;
static size_t nr_notes, max_notes;

static void *grow(void *p, size_t *max, size_t size)
{
	size_t n = *max ? *max * 2 : 64;

	p = realloc(p, n * size);
	if (!p) {
		fprintf(stderr, "istcheck: out of memory\n");
		exit(2);
	}
	*max = n;
	return p;
}

__attribute__((format(printf, 1, 0)))
static char *xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0) {
		fprintf(stderr, "istcheck: out of memory\n");
		exit(2);
	}
	return s;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		fprintf(stderr, "istcheck: out of memory\n");
		exit(2);
	}
	return d;
}

static uint64_t fnv1a(uint64_t h, const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_OFFSET 0xcbf29ce484222325ULL

static uint64_t key_hash(const struct ist_file *file, enum rule_id rule, uint64_t addr,
			 const char *variant)
{
	uint64_t h = FNV_OFFSET;
	uintptr_t fp = (uintptr_t)file;
	int r = rule;

	h = fnv1a(h, &fp, sizeof(fp));
	h = fnv1a(h, &r, sizeof(r));
	h = fnv1a(h, &addr, sizeof(addr));
	if (variant)
		h = fnv1a(h, variant, strlen(variant) + 1);
	return h;
}

static bool same_key(const struct finding *f, const struct ist_file *file, enum rule_id rule,
		     uint64_t addr, const char *variant)
{
	if (f->file != file || f->rule != rule || f->addr != addr)
		return false;
	if (!f->variant || !variant)
		return !f->variant && !variant;
	return !strcmp(f->variant, variant);
}

/* The slot holding the finding with this key, or the empty slot where it would go. */
static struct finding **seen_slot(const struct ist_file *file, enum rule_id rule, uint64_t addr,
				  const char *variant)
{
	size_t i = key_hash(file, rule, addr, variant) & (seen_size - 1);

	while (seen[i] && !same_key(seen[i], file, rule, addr, variant))
		i = (i + 1) & (seen_size - 1);
	return &seen[i];
}

static void grow_seen(void)
{
	struct finding **old = seen;
	size_t old_size = seen_size;

	seen_size = seen_size ? seen_size * 2 : 256;
	seen = calloc(seen_size, sizeof(*seen));
	if (!seen) {
		fprintf(stderr, "istcheck: out of memory\n");
		exit(2);
	}
	for (size_t i = 0; i < old_size; i++) {
		struct finding *f = old[i];

		if (f)
			*seen_slot(f->file, f->rule, f->addr, f->variant) = f;
	}
	free(old);
}

struct finding *report_finding(struct ist_file *file, enum rule_id rule, const struct insn *insn,
			       const char *variant, const char *fmt, ...)
{
	struct finding **slot, *f;
	va_list ap;

	if (!opts.rule_on[rule])
		return NULL;
	if ((nr_findings + 1) * 2 > seen_size)
		grow_seen();
	slot = seen_slot(file, rule, insn->addr, variant);
	if (*slot)
		return NULL;

	f = calloc(1, sizeof(*f));
	if (!f) {
		fprintf(stderr, "istcheck: out of memory\n");
		exit(2);
	}
	f->rule = rule;
	f->sev = rule_table[rule].sev;
	f->file = file;
	f->addr = insn->addr;
	f->variant = variant ? xstrdup(variant) : NULL;
	if (insn->bytes) {
		f->len = insn->len < sizeof(f->bytes) ? insn->len : sizeof(f->bytes);
		memcpy(f->bytes, insn->bytes, f->len);
	}
	va_start(ap, fmt);
	f->msg = xvasprintf(fmt, ap);
	va_end(ap);

	if (nr_findings == max_findings)
		findings = grow(findings, &max_findings, sizeof(*findings));
	findings[nr_findings++] = f;
	*slot = f;
	return f;
}

void finding_add_step(struct finding *f, uint64_t addr, const char *fmt, ...)
{
	struct witness_step *path;
	va_list ap;

	if (!f)
		return;
	path = realloc(f->path, (f->nr_path + 1) * sizeof(*path));
	if (!path) {
		fprintf(stderr, "istcheck: out of memory\n");
		exit(2);
	}
	f->path = path;
	va_start(ap, fmt);
	path[f->nr_path].addr = addr;
	path[f->nr_path].note = xvasprintf(fmt, ap);
	va_end(ap);
	f->nr_path++;
}

void finding_set_callee(struct finding *f, const char *callee)
{
	free(f->callee);
	f->callee = callee ? xstrdup(callee) : NULL;
}

void report_note(struct ist_file *file, uint64_t addr, const char *fmt, ...)
{
	struct report_note *n;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* The same note from several paths or variants is one note. */
	for (size_t i = 0; i < nr_notes; i++)
		if (notes[i].file == file && notes[i].addr == addr && !strcmp(notes[i].msg, msg)) {
			free(msg);
			return;
		}
	if (nr_notes == max_notes)
		notes = grow(notes, &max_notes, sizeof(*notes));
	n = &notes[nr_notes];
	memset(n, 0, sizeof(*n));
	n->file = file;
	n->addr = addr;
	n->seq = nr_notes++;
	n->msg = msg;
}

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

static void free_finding(struct finding *f)
{
	for (size_t i = 0; i < f->nr_path; i++)
		free((char *)f->path[i].note);
	free(f->path);
	free(f->variant);
	free(f->callee);
	free(f->msg);
	free(f);
}

void reset_diag(void)
{
	for (size_t i = 0; i < nr_findings; i++)
		free_finding(findings[i]);
	free(findings);
	findings = NULL;
	nr_findings = max_findings = 0;
	free(seen);
	seen = NULL;
	seen_size = 0;
	for (size_t i = 0; i < nr_notes; i++)
		free(notes[i].msg);
	free(notes);
	notes = NULL;
	nr_notes = max_notes = 0;
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

static void locate(struct ist_file *file, uint64_t addr, bool want_line, struct location *loc)
{
	const char *src;

	memset(loc, 0, sizeof(*loc));
	if (!file)
		return;
	loc->sym = find_code_symbol(&file->elf, &file->special, addr, &loc->sym_off);
	loc->sec = addr_section(&file->elf, addr, &loc->sec_off);
	if (want_line && lookup_line(file, addr, &src, &loc->line, &loc->col))
		loc->src = xstrdup(src);
}

/*
 * Which occurrence of its own bytes the instruction is within the function: unlike the offset,
 * this survives instructions added or removed elsewhere in the same function.
 */
static uint64_t occurrence(const struct finding *f, const struct location *loc)
{
	struct function *fn = find_function_containing(f->file, f->addr);
	uint64_t n = 0;

	if (!fn || fn->sym != loc->sym || build_cfg(f->file, fn) < 0)
		return loc->sym_off;
	for (size_t i = 0; i < fn->nr_orig && fn->insns[i].addr < f->addr; i++)
		if (fn->insns[i].len == f->len && !memcmp(fn->insns[i].bytes, f->bytes, f->len))
			n++;
	return n;
}

/*
 * A stable identity for baselines, diffs and SARIF: rule, symbol, the instruction's bytes and
 * which occurrence of them in the symbol it is, and the variant; nothing that moves when other
 * code changes, so no address or offset.  Without a symbol the section name and offset stand in.
 */
static uint64_t fingerprint(const struct finding *f, const struct location *loc)
{
	const char *id = rule_table[f->rule].id, *name = "";
	uint64_t where = f->addr, h = FNV_OFFSET;
	uint8_t le[8];

	if (loc->sym) {
		name = loc->sym->name;
		where = occurrence(f, loc);
	} else if (loc->sec) {
		name = loc->sec->name;
		where = loc->sec_off;
	}
	for (int i = 0; i < 8; i++)
		le[i] = where >> (8 * i);
	h = fnv1a(h, id, strlen(id) + 1);
	h = fnv1a(h, name, strlen(name) + 1);
	h = fnv1a(h, le, sizeof(le));
	h = fnv1a(h, f->bytes, f->len);
	/* Each variant is its own finding (and its own code-scanning alert). */
	if (f->variant)
		h = fnv1a(h, f->variant, strlen(f->variant) + 1);
	return h;
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
	if (fx->addr != fy->addr)
		return fx->addr < fy->addr ? -1 : 1;
	if (fx->rule != fy->rule)
		return fx->rule < fy->rule ? -1 : 1;
	if (!fx->variant || !fy->variant)
		return !!fx->variant - !!fy->variant;
	/* (file, address, rule, variant) is unique, so this order is total. */
	return strcmp(fx->variant, fy->variant);
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

static void free_report(struct report *r)
{
	for (size_t i = 0; i < r->nr_items; i++) {
		free(r->items[i].loc.src);
		free(r->items[i].steps);
	}
	free(r->items);
	for (size_t i = 0; i < r->nr_notes; i++) {
		free(r->notes[i].loc.src);
		r->notes[i].loc.src = NULL;
	}
	close_lines();
}

static int build_report(struct report *r, struct ist_file **files, size_t nr_files)
{
	r->files = files;
	r->nr_files = nr_files;
	r->items = calloc(nr_findings ? nr_findings : 1, sizeof(*r->items));
	if (!r->items)
		return input_error(NULL, "out of memory");
	for (size_t i = 0; i < nr_findings; i++) {
		struct report_item *it = &r->items[r->nr_items++];
		struct finding *f = findings[i];

		it->f = f;
		it->file_idx = file_index(files, nr_files, f->file);
		locate(f->file, f->addr, true, &it->loc);
		it->fingerprint = fingerprint(f, &it->loc);
		if (!f->nr_path)
			continue;
		it->steps = calloc(f->nr_path, sizeof(*it->steps));
		if (!it->steps)
			return input_error(NULL, "out of memory");
		for (size_t j = 0; j < f->nr_path; j++)
			locate(f->file, f->path[j].addr, false, &it->steps[j]);
	}
	if (r->nr_items)
		qsort(r->items, r->nr_items, sizeof(*r->items), cmp_items);
	if (opts.write_baseline && write_baseline(opts.write_baseline, r) < 0)
		return -1;
	if (opts.baseline) {
		size_t n = apply_baseline(r);

		if (nr_files)
			report_note(files[0], 0, "%zu finding%s suppressed by the baseline %s", n,
				    n == 1 ? "" : "s", opts.baseline);
	}

	for (size_t i = 0; i < nr_notes; i++) {
		struct report_note *n = &notes[i];

		n->file_idx = file_index(files, nr_files, n->file);
		if (n->addr)
			locate(n->file, n->addr, false, &n->loc);
		else
			memset(&n->loc, 0, sizeof(n->loc));
	}
	if (nr_notes)
		qsort(notes, nr_notes, sizeof(*notes), cmp_notes);
	r->notes = notes;
	r->nr_notes = nr_notes;
	return 0;
}

int write_report(FILE *out, struct ist_file **files, size_t nr_files)
{
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

	/* Notes never fail a run; SEV_NEVER is above every finding's severity. */
	for (size_t i = 0; i < nr_findings; i++)
		if (findings[i]->sev >= opts.fail_on && opts.fail_on != SEV_NEVER && !findings[i]->suppressed)
			fails++;
	return fails;
}
