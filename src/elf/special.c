// SPDX-License-Identifier: GPL-2.0
/*
 * Readers for the patching tables (.altinstructions, __jump_table, __ex_table) and for the
 * address lists the kernel leaves for its checkers (.discard.*, .return_sites, .retpoline_sites).
 * Every entry is checked against the sections it points into: a table that points outside code
 * is corrupt input, not something to guess around.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/features.h>
#include <istcheck/special.h>
#include <istcheck/util.h>
#include "elf_internal.h"

#define JUMP_ENTRY_SIZE		16
#define EX_ENTRY_SIZE		12
#define MAX_FEATURE		1024	/* NCAPINTS + NBUGINTS words stay far below this */

/* A table is a section in objects; in a final vmlinux some live inside .data between symbols. */
struct table {
	const struct section *sec;
	uint64_t off, size;
};

static bool find_table(const struct elf_file *ef, const char *name, const char *start,
		       const char *stop, struct table *t)
{
	const struct symbol *s, *e;

	t->sec = find_section(ef, name);
	if (t->sec) {
		t->off = 0;
		t->size = t->sec->size;
		return t->sec->data != NULL;
	}
	if (!start)
		return false;
	s = find_symbol(ef, start);
	e = find_symbol(ef, stop);
	if (!s || !e || !s->sec || e->addr < s->addr)
		return false;
	t->sec = s->sec;
	t->off = s->addr - s->sec->addr;
	t->size = e->addr - s->addr;
	return t->sec->data && t->off + t->size <= t->sec->size;
}

static bool is_code(const struct elf_file *ef, uint64_t addr)
{
	const struct section *sec = find_section_by_addr(ef, addr);

	return sec && (sec->flags & SHF_EXECINSTR);
}

static int read_alt(const struct elf_file *ef, const struct table *t, size_t i, size_t size,
		    struct alt_record *a)
{
	uint64_t off = t->off + i * size;
	const uint8_t *p = t->sec->data + off;
	uint32_t ft;
	uint16_t cpuid;

	if (!read_pcrel32(ef, t->sec, off, &a->orig) || !read_pcrel32(ef, t->sec, off + 4, &a->repl))
		return elf_error(ef, "corrupt .altinstructions record %zu: unresolvable offset", i);
	if (size == ALT_RECORD_SIZE) {
		memcpy(&ft, p + 8, 4);
		a->feature = ft & 0xffff;
		a->flags = ft >> 16;
	} else {
		memcpy(&cpuid, p + 8, 2);
		a->feature = cpuid & 0x7fff;
		a->flags = cpuid & 0x8000 ? ALT_FLAG_NOT : 0;	/* ALTINSTR_FLAG_INV */
	}
	a->orig_len = p[size - 2];
	a->repl_len = p[size - 1];
	a->index = i;
	if (a->feature >= MAX_FEATURE)
		return elf_error(ef, "corrupt .altinstructions record %zu: feature bit %u", i, a->feature);
	if (!is_code(ef, a->orig) || (a->orig_len && !is_code(ef, a->orig + a->orig_len - 1)))
		return elf_error(ef, "corrupt .altinstructions record %zu: original is not in code", i);
	if (a->repl_len && (!is_code(ef, a->repl) || !is_code(ef, a->repl + a->repl_len - 1)))
		return elf_error(ef, "corrupt .altinstructions record %zu: replacement is not in code", i);
	return 0;
}

/* Do the relocations (offsets 0 and 4 of each record) fit records of this size? */
static bool relocs_fit(const struct table *t, size_t size)
{
	for (size_t i = 0; i < t->sec->nr_relocs; i++) {
		uint64_t o;

		if (t->sec->relocs[i].offset < t->off || t->sec->relocs[i].offset >= t->off + t->size)
			continue;
		o = (t->sec->relocs[i].offset - t->off) % size;
		if (o != 0 && o != 4)
			return false;
	}
	return true;
}

/* Do all records of this size point into code (the layout test when nothing else tells)? */
static bool records_fit(const struct elf_file *ef, const struct table *t, size_t size)
{
	for (size_t i = 0; i < t->size / size; i++) {
		uint64_t orig, repl;
		const uint8_t *p = t->sec->data + t->off + i * size;

		if (!read_pcrel32(ef, t->sec, t->off + i * size, &orig) ||
		    !read_pcrel32(ef, t->sec, t->off + i * size + 4, &repl) ||
		    !is_code(ef, orig) || (p[size - 1] && !is_code(ef, repl)))
			return false;
	}
	return true;
}

/*
 * The record is 14 bytes since 6.3 and 12 before.  The relocations (objects, and a vmlinux
 * linked with --emit-relocs) tell them apart; without them, the layout whose records all point
 * into code.
 */
static int alt_layout(const struct elf_file *ef, const struct table *t, size_t *size)
{
	static const size_t sizes[] = { ALT_RECORD_SIZE, ALT_RECORD_SIZE_OLD };
	bool has_relocs = false;

	for (size_t i = 0; i < t->sec->nr_relocs && !has_relocs; i++)
		has_relocs = t->sec->relocs[i].offset >= t->off &&
			     t->sec->relocs[i].offset < t->off + t->size;
	for (size_t k = 0; k < 2; k++) {
		*size = sizes[k];
		if (t->size % *size)
			continue;
		if (has_relocs ? relocs_fit(t, *size) : records_fit(ef, t, *size))
			return 0;
	}
	if (t->size % ALT_RECORD_SIZE && t->size % ALT_RECORD_SIZE_OLD)
		return elf_error(ef, ".altinstructions size %lu is not a multiple of a record (14 or 12 bytes)",
				 (unsigned long)t->size);
	return elf_error(ef, ".altinstructions records match neither the 14- nor the 12-byte layout");
}

static int cmp_alt(const void *a, const void *b)
{
	const struct alt_record *x = a, *y = b;

	if (x->orig != y->orig)
		return x->orig < y->orig ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int read_alternatives(const struct elf_file *ef, struct special *sp)
{
	struct table t;
	size_t nr, size;

	if (!find_table(ef, ".altinstructions", "__alt_instructions", "__alt_instructions_end", &t))
		return 0;
	if (alt_layout(ef, &t, &size) < 0)
		return -1;
	nr = t.size / size;
	sp->alts = calloc(nr + 1, sizeof(*sp->alts));
	if (!sp->alts)
		out_of_memory(ef->path);
	for (size_t i = 0; i < nr; i++)
		if (read_alt(ef, &t, i, size, &sp->alts[i]) < 0)
			return -1;
	sp->nr_alts = nr;
	qsort(sp->alts, nr, sizeof(*sp->alts), cmp_alt);
	return 0;
}

static int read_jump(const struct elf_file *ef, const struct table *t, size_t i, struct jump_entry *j)
{
	uint64_t off = t->off + i * JUMP_ENTRY_SIZE;
	const struct reloc *r;
	int64_t key;

	if (!read_pcrel32(ef, t->sec, off, &j->code) || !read_pcrel32(ef, t->sec, off + 4, &j->target))
		return elf_error(ef, "corrupt __jump_table entry %zu: unresolvable offset", i);
	if (!is_code(ef, j->code) || !is_code(ef, j->target))
		return elf_error(ef, "corrupt __jump_table entry %zu: code or target is not in code", i);
	r = find_reloc(t->sec, off + 8, 1);
	if (r) {
		j->key = r->sym;
		j->key_flags = r->addend & 3;
	} else {
		memcpy(&key, t->sec->data + off + 8, 8);
		j->key_flags = (t->sec->addr + off + 8 + key) & 3;
	}
	return 0;
}

static int cmp_jump_code(const void *a, const void *b)
{
	const struct jump_entry *x = a, *y = b;

	return x->code < y->code ? -1 : x->code > y->code;
}

static int read_jump_table(const struct elf_file *ef, struct special *sp)
{
	struct table t;
	size_t nr;

	if (!find_table(ef, "__jump_table", "__start___jump_table", "__stop___jump_table", &t))
		return 0;
	if (t.size % JUMP_ENTRY_SIZE)
		return elf_error(ef, "__jump_table size %lu is not a multiple of %d",
				 (unsigned long)t.size, JUMP_ENTRY_SIZE);
	nr = t.size / JUMP_ENTRY_SIZE;
	sp->jumps = calloc(nr + 1, sizeof(*sp->jumps));
	if (!sp->jumps)
		out_of_memory(ef->path);
	for (size_t i = 0; i < nr; i++)
		if (read_jump(ef, &t, i, &sp->jumps[i]) < 0)
			return -1;
	sp->nr_jumps = nr;
	qsort(sp->jumps, nr, sizeof(*sp->jumps), cmp_jump_code);
	return 0;
}

static int cmp_ex_insn(const void *a, const void *b)
{
	const struct ex_entry *x = a, *y = b;

	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

static int read_extable(const struct elf_file *ef, struct special *sp)
{
	struct table t;
	size_t nr;

	if (!find_table(ef, "__ex_table", "__start___ex_table", "__stop___ex_table", &t))
		return 0;
	if (t.size % EX_ENTRY_SIZE)
		return elf_error(ef, "__ex_table size %lu is not a multiple of %d",
				 (unsigned long)t.size, EX_ENTRY_SIZE);
	nr = t.size / EX_ENTRY_SIZE;
	sp->extable = calloc(nr + 1, sizeof(*sp->extable));
	if (!sp->extable)
		out_of_memory(ef->path);
	for (size_t i = 0; i < nr; i++) {
		struct ex_entry *e = &sp->extable[i];
		uint64_t off = t.off + i * EX_ENTRY_SIZE;

		if (!read_pcrel32(ef, t.sec, off, &e->insn) || !is_code(ef, e->insn))
			return elf_error(ef, "corrupt __ex_table entry %zu: faulting address is not in code", i);
		if (!read_pcrel32(ef, t.sec, off + 4, &e->fixup) || !is_code(ef, e->fixup))
			e->fixup = 0;	/* handler-only entries */
		memcpy(&e->data, t.sec->data + off + 8, 4);
	}
	sp->nr_extable = nr;
	qsort(sp->extable, nr, sizeof(*sp->extable), cmp_ex_insn);
	return 0;
}

const struct alt_record *find_alts(const struct special *sp, uint64_t addr, size_t *nr)
{
	size_t lo = PARTITION_POINT(sp->nr_alts, i, sp->alts[i].orig < addr), end;

	for (end = lo; end < sp->nr_alts && sp->alts[end].orig == addr; end++)
		;
	*nr = end - lo;
	return *nr ? &sp->alts[lo] : NULL;
}

const struct jump_entry *find_jump(const struct special *sp, uint64_t code)
{
	const struct jump_entry key = { .code = code };

	return sp->nr_jumps ? bsearch(&key, sp->jumps, sp->nr_jumps, sizeof(key), cmp_jump_code) : NULL;
}

const struct ex_entry *find_extable(const struct special *sp, uint64_t insn)
{
	const struct ex_entry key = { .insn = insn };

	return sp->nr_extable ? bsearch(&key, sp->extable, sp->nr_extable, sizeof(key), cmp_ex_insn) : NULL;
}

int read_special(const struct elf_file *ef, struct special *sp)
{
	memset(sp, 0, sizeof(*sp));
	if (read_alternatives(ef, sp) < 0 || read_jump_table(ef, sp) < 0 || read_extable(ef, sp) < 0 ||
	    read_annotations(ef, sp) < 0)
		return -1;
	return 0;
}

void free_special(struct special *sp)
{
	free(sp->alts);
	free(sp->jumps);
	free(sp->extable);
	for (int k = 0; k < NR_ANNOTS; k++)
		free(sp->annots[k].v);
	memset(sp, 0, sizeof(*sp));
}

const struct alt_record *find_alt_replacing(const struct special *sp, uint64_t addr)
{
	/* Only locations ask, and only for replacement code: a scan is cheap enough. */
	for (size_t i = 0; i < sp->nr_alts; i++) {
		const struct alt_record *a = &sp->alts[i];

		if (addr >= a->repl && addr - a->repl < a->repl_len)
			return a;
	}
	return NULL;
}

struct symbol *find_code_symbol(const struct elf_file *ef, const struct special *sp, uint64_t addr,
				uint64_t *off)
{
	struct symbol *sym;

	/* A replacement holding a site of its own is followed a few levels, never in a loop. */
	for (int depth = 0; depth < 4 && addr_class(ef, addr) == CODE_ALTREPL; depth++) {
		const struct alt_record *a = find_alt_replacing(sp, addr);

		if (!a)
			break;
		addr = a->orig + (addr - a->repl);
	}
	sym = find_symbol_containing(ef, addr);
	if (sym)
		*off = addr - sym->addr;
	return sym;
}
