// SPDX-License-Identifier: GPL-2.0
/*
 * pv_ops slot targets, as objtool collects them (check.c init_pv_ops, arch/x86/decode.c): the
 * static initialisers of pv_ops and of the Xen tables copied into it, plus every
 * "movq $func, pv_ops+N(%rip)" store in init code.  A call through slot N is noinstr-clean when every
 * target of N is noinstr.  Only objects carry the relocations this needs; in a final link the
 * slots are unknown and calls through them are reported as unverifiable.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/elf.h>
#include <istcheck/error.h>
#include <istcheck/util.h>
#include "elf_internal.h"

/* Tables whose entries land in pv_ops slots; index i of each maps to slot i, as in objtool. */
static const char *const pv_tables[] = { "pv_ops", "xen_cpu_ops", "xen_irq_ops", "xen_mmu_ops" };

struct pv_slot {
	const struct symbol **targets;
	size_t nr;
};

struct pv_slots {
	const struct symbol *pv_ops;
	struct pv_slot *slot;
	size_t nr;
};

/* objtool ignores these defaults (objtool.c objtool_pv_add). */
static bool ignored_target(const struct symbol *sym)
{
	return !strcmp(sym->name, "_paravirt_nop") || !strcmp(sym->name, "_paravirt_ident_64");
}

static void add_target(struct pv_slots *pv, size_t idx, const struct elf_file *ef, const struct symbol *sym,
		       int64_t addend)
{
	struct pv_slot *s;
	const struct symbol **t;

	if (sym->type == STT_SECTION || addend) {
		sym = find_symbol_at(ef, sym->addr + addend);
		if (!sym)
			return;
	}
	if (idx >= pv->nr || ignored_target(sym))
		return;
	s = &pv->slot[idx];
	for (size_t i = 0; i < s->nr; i++)
		if (s->targets[i] == sym)
			return;
	t = realloc(s->targets, (s->nr + 1) * sizeof(*t));
	if (!t)
		out_of_memory(ef->path);
	s->targets = t;
	s->targets[s->nr++] = sym;
}

static void add_table(struct pv_slots *pv, const struct elf_file *ef, const struct symbol *table)
{
	const struct section *sec = table->sec;
	uint64_t start = table->addr - sec->addr;

	for (const struct reloc *r = find_reloc(sec, start, table->size); r && r < sec->relocs + sec->nr_relocs &&
	     r->offset < start + table->size; r++)
		if (r->type == R_X86_64_64)
			add_target(pv, (r->offset - start) / 8, ef, r->sym, r->addend);
}

/* movq $func, pv_ops+N(%rip): 48 c7 05 <disp32: PC32 pv_ops+N-8> <imm32: 32S func>. */
static void add_stores(struct pv_slots *pv, const struct elf_file *ef, const struct section *sec)
{
	for (size_t i = 0; i + 1 < sec->nr_relocs; i++) {
		const struct reloc *d = &sec->relocs[i], *v = &sec->relocs[i + 1];
		int64_t off = (int64_t)((uint64_t)d->addend + 8);	/* from the file: wrap, never overflow */

		if (d->sym != pv->pv_ops || d->type != R_X86_64_PC32 || d->offset < 3 ||
		    memcmp(sec->data + d->offset - 3, "\x48\xc7\x05", 3) ||
		    v->offset != d->offset + 4 || v->type != R_X86_64_32S || off < 0)
			continue;
		add_target(pv, off / 8, ef, v->sym, v->addend);
	}
}

void read_pv_slots(struct elf_file *ef)
{
	const struct symbol *pv_ops = find_symbol(ef, "pv_ops");
	struct pv_slots *pv;

	if (!pv_ops || !pv_ops->sec || !pv_ops->size || !ef->rel)
		return;
	pv = calloc(1, sizeof(*pv));
	if (!pv || !(pv->slot = calloc(pv_ops->size / 8 + 1, sizeof(*pv->slot))))
		out_of_memory(ef->path);
	pv->pv_ops = pv_ops;
	pv->nr = pv_ops->size / 8;
	ef->pv = pv;
	for (size_t i = 0; i < ARRAY_SIZE(pv_tables); i++) {
		const struct symbol *t = find_symbol(ef, pv_tables[i]);

		if (t && t->sec && t->size)
			add_table(pv, ef, t);
	}
	/* Boot code installs the slots (objtool looks in .init.text too). */
	for (size_t i = 1; i < ef->nr_secs; i++)
		if (ef->secs[i].cls == CODE_INIT && ef->secs[i].data)
			add_stores(pv, ef, &ef->secs[i]);
}

void free_pv_slots(struct elf_file *ef)
{
	struct pv_slots *pv = ef->pv;

	if (!pv)
		return;
	for (size_t i = 0; i < pv->nr; i++)
		free(pv->slot[i].targets);
	free(pv->slot);
	free(pv);
	ef->pv = NULL;
}

size_t pv_slot_targets(const struct elf_file *ef, long idx, const struct symbol *const **targets)
{
	const struct pv_slots *pv = ef->pv;

	if (!pv || idx < 0 || (size_t)idx >= pv->nr) {
		*targets = NULL;
		return 0;
	}
	*targets = pv->slot[idx].targets;
	return pv->slot[idx].nr;
}

bool pv_slots_known(const struct elf_file *ef)
{
	return ef->pv != NULL;
}
