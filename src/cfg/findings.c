/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The findings store: what every check records (findings with their variants and witnesses,
 * notes) and nothing else.  It sits below the checks and the analysis, which record into it,
 * and the report layer above reads it (stored_findings(), stored_notes()) to order, place and
 * write it.  One finding per (file, rule, instruction), with the identity its fingerprint needs
 * taken while the function's CFG is at hand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <istcheck/istcheck.h>
#include <istcheck/decode.h>
#include <istcheck/cfg.h>
#include <istcheck/util.h>

static struct finding **findings;
static size_t nr_findings, max_findings;

/* Open-addressing set of findings for the duplicate check; size is a power of two. */
static struct finding **seen;
static size_t seen_size;

static struct note *notes;
static size_t nr_notes, max_notes;

static void *grow(void *p, size_t *max, size_t size)
{
	size_t n = *max ? *max * 2 : 64;

	p = xrealloc(p, n * size);
	*max = n;
	return p;
}

__attribute__((format(printf, 1, 0)))
static char *xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory(NULL);
	return s;
}

/* The duplicate check's key: one finding per (file, rule, instruction). */
static uint64_t key_hash(const struct ist_file *file, enum rule_id rule, uint64_t addr)
{
	uint64_t h = FNV_OFFSET;
	uintptr_t fp = (uintptr_t)file;
	int r = rule;

	h = fnv1a(h, &fp, sizeof(fp));
	h = fnv1a(h, &r, sizeof(r));
	h = fnv1a(h, &addr, sizeof(addr));
	return h;
}

/* The slot holding the finding with this key, or the empty slot where it would go. */
static struct finding **seen_slot(const struct ist_file *file, enum rule_id rule, uint64_t addr)
{
	size_t i = key_hash(file, rule, addr) & (seen_size - 1);

	while (seen[i] && !(seen[i]->file == file && seen[i]->rule == rule && seen[i]->addr == addr))
		i = (i + 1) & (seen_size - 1);
	return &seen[i];
}

static void grow_seen(void)
{
	struct finding **old = seen;
	size_t old_size = seen_size;

	seen_size = seen_size ? seen_size * 2 : 256;
	seen = xcalloc(seen_size, sizeof(*seen));
	for (size_t i = 0; i < old_size; i++) {
		struct finding *f = old[i];

		if (f)
			*seen_slot(f->file, f->rule, f->addr) = f;
	}
	free(old);
}

static bool same_name(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/*
 * Which occurrence of its identity (and of its bytes) the instruction is within its symbol:
 * unlike the offset, this survives instructions added or removed elsewhere in the same
 * function.  Counted when the finding is made, in the function the check walked (its CFG is
 * built); where the symbol is not that function's (replacement code named by its site), the
 * offset stands in for both.
 */
static void set_identity(struct finding *f, const struct insn *insn)
{
	const struct elf_file *ef = &f->file->elf;
	const struct symbol *sym;
	struct function *fn;
	uint64_t off = 0;

	sym = find_code_symbol(ef, &f->file->special, f->addr, &off);
	fn = find_function_containing(f->file, f->addr);
	f->identity = insn_identity(ef, insn, fn ? fn->sym : sym);
	f->occurrence = f->byte_occurrence = off;
	if (!fn || !fn->built || fn->sym != sym)
		return;
	f->occurrence = f->byte_occurrence = 0;
	for (size_t i = 0; i < fn->nr_orig && fn->insns[i].addr < f->addr; i++) {
		const struct insn *in = &fn->insns[i];

		if (in->len == f->len && !memcmp(in->bytes, f->bytes, f->len))
			f->byte_occurrence++;
		if (insn_identity(ef, in, fn->sym) == f->identity)
			f->occurrence++;
	}
}

/* Append a variant to f (msg is taken over). */
static struct finding *add_variant(struct finding *f, const char *variant, char *msg)
{
	struct finding_variant *v = xrealloc(f->variants, (f->nr_variants + 1) * sizeof(*v));

	f->variants = v;
	v += f->nr_variants++;
	memset(v, 0, sizeof(*v));
	v->name = variant ? xstrdup(variant) : NULL;
	v->msg = msg;
	return f;
}

struct finding *report_finding(struct ist_file *file, enum rule_id rule, const struct insn *insn,
			       const char *variant, const char *fmt, ...)
{
	struct finding **slot, *f;
	va_list ap;
	char *msg;

	if (!opts.rule_on[rule])
		return NULL;
	if ((nr_findings + 1) * 2 > seen_size)
		grow_seen();
	slot = seen_slot(file, rule, insn->addr);
	if (*slot) {
		f = *slot;
		for (size_t i = 0; i < f->nr_variants; i++)
			if (same_name(f->variants[i].name, variant))
				return NULL;
	} else {
		f = xcalloc(1, sizeof(*f));
		f->rule = rule;
		f->sev = rule_table[rule].sev;
		f->file = file;
		f->addr = insn->addr;
		if (insn->bytes) {
			f->len = insn->len < sizeof(f->bytes) ? insn->len : sizeof(f->bytes);
			memcpy(f->bytes, insn->bytes, f->len);
		}
		set_identity(f, insn);
		if (nr_findings == max_findings)
			findings = grow(findings, &max_findings, sizeof(*findings));
		findings[nr_findings++] = f;
		*slot = f;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	return add_variant(f, variant, msg);
}

void finding_add_step(struct finding *f, uint64_t addr, const char *fmt, ...)
{
	struct finding_variant *v;
	struct witness_step *path;
	va_list ap;

	if (!f)
		return;
	v = &f->variants[f->nr_variants - 1];
	path = xrealloc(v->path, (v->nr_path + 1) * sizeof(*path));
	v->path = path;
	va_start(ap, fmt);
	path[v->nr_path].addr = addr;
	path[v->nr_path].note = xvasprintf(fmt, ap);
	va_end(ap);
	v->nr_path++;
}

void finding_set_callee(struct finding *f, const char *callee)
{
	free(f->callee);
	f->callee = callee ? xstrdup(callee) : NULL;
}

/* Takes msg over; NULL if the note was already there. */
static struct note *store_note(struct ist_file *file, uint64_t addr, char *msg)
{
	struct note *n;

	/* The same note from several paths or variants is one note. */
	for (size_t i = 0; i < nr_notes; i++)
		if (notes[i].file == file && notes[i].addr == addr && !strcmp(notes[i].msg, msg)) {
			free(msg);
			return NULL;
		}
	if (nr_notes == max_notes)
		notes = grow(notes, &max_notes, sizeof(*notes));
	n = &notes[nr_notes];
	memset(n, 0, sizeof(*n));
	n->file = file;
	n->addr = addr;
	n->seq = nr_notes++;
	n->msg = msg;
	return n;
}

void report_note(struct ist_file *file, uint64_t addr, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	store_note(file, addr, msg);
}

/* A note about the run, not the input (the baseline's count): it never fails a run. */
void report_run_note(struct ist_file *file, const char *fmt, ...)
{
	struct note *n;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	n = store_note(file, 0, msg);
	if (n)
		n->about_run = true;
}

struct finding *const *stored_findings(size_t *n)
{
	*n = nr_findings;
	return findings;
}

const struct note *stored_notes(size_t *n)
{
	*n = nr_notes;
	return notes;
}

static void free_finding(struct finding *f)
{
	for (size_t i = 0; i < f->nr_variants; i++) {
		struct finding_variant *v = &f->variants[i];

		for (size_t j = 0; j < v->nr_path; j++)
			free((char *)v->path[j].note);
		free(v->path);
		free(v->name);
		free(v->msg);
	}
	free(f->variants);
	free(f->callee);
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

