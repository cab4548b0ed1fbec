// SPDX-License-Identifier: GPL-2.0
/*
 * Binding a model to one file: which of its functions are the model's entry points (by name
 * and pattern here, by the kernel's idt_data tables in idt.c), which symbols its name lists
 * mark (symbol.roles), and the questions the walk and the checks ask of the model about that
 * file.  Apart from reading (read.c): the model is read once, and bound to each file.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/istcheck.h>
#include <istcheck/model.h>

#include "model_internal.h"

/* The first model entry that names func (exact names win over patterns: they come first). */
static const struct model_entry *match_entry(const struct model *m, const char *name)
{
	const struct model_entry *hit = NULL;

	/* Every function of a vmlinux.o comes through here: reject on the first byte. */
	if (!m->entry_first[(unsigned char)name[0]])
		return NULL;
	for (size_t i = 0; i < m->nr_entries && !hit; i++)
		if (m->entries[i].name[0] == name[0] && !strchr(m->entries[i].name, '*') &&
		    !strcmp(m->entries[i].name, name))
			hit = &m->entries[i];
	for (size_t i = 0; i < m->nr_entries && !hit; i++)
		if (m->entries[i].name[0] == name[0] && strchr(m->entries[i].name, '*') &&
		    !fnmatch(m->entries[i].name, name, 0))
			hit = &m->entries[i];
	return hit && !model_lists_name(m, ML_NOT_ENTRIES, name) ? hit : NULL;
}

void grow_entries(struct entry_point **eps, size_t nr, size_t *cap)
{
	if (nr < *cap)
		return;
	*cap = *cap ? 2 * *cap : 64;
	*eps = xrealloc(*eps, *cap * sizeof(**eps));
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry_point *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void resolve_entries(struct ist_file *file, const struct model *m, struct entry_point **out, size_t *nr)
{
	struct entry_point *eps = NULL;
	size_t cap = 0;

	*nr = 0;
	for (size_t i = 0; i < file->nr_funcs; i++) {
		struct function *f = &file->funcs[i];
		const struct model_entry *me = match_entry(m, f->sym->name);

		if (!me)
			continue;
		grow_entries(&eps, *nr, &cap);
		eps[*nr] = (struct entry_point){ me, f, f->start, f->sym->name, me->vector, false, { 0 } };
		(*nr)++;
	}
	add_idt_entries(file, m, &eps, nr, &cap);
	if (*nr)
		qsort(eps, *nr, sizeof(*eps), cmp_entry);
	for (size_t i = 0; i < *nr; i++)
		if (eps[i].from_idt)
			eps[i].me = &eps[i].own;
	*out = eps;
}

static void mark_names(struct elf_file *ef, const char *const *list, size_t n, uint16_t role)
{
	for (size_t i = 0; i < n; i++)
		for (struct symbol *s = find_symbol(ef, list[i]); s; s = s->same_name)
			s->roles |= role;
}

void mark_model_roles(const struct model *m, struct elf_file *ef)
{
	for (size_t i = 0; i < ef->nr_syms; i++)
		ef->syms[i].roles = 0;
	for (int l = 0; l < NR_MODEL_LISTS; l++)
		if (model_lists[l].role)
			mark_names(ef, m->lists[l].names, m->lists[l].nr, model_lists[l].role);
	for (size_t i = 0; i < m->nr_switchers; i++)
		mark_names(ef, &m->switchers[i].symbol, 1, ROLE_SWITCHER);
}

/* The model's answers, asked during the walk and by the checks. */

bool model_has(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

bool model_lists_name(const struct model *m, enum model_list l, const char *name)
{
	return model_has(m->lists[l].names, m->lists[l].nr, name);
}

const struct model_exemption *model_exempt(const struct model *m, const char *rule, const char *sym)
{
	for (size_t i = 0; sym && i < m->nr_exemptions; i++)
		if (!strcmp(m->exemptions[i].rule, rule) && !strcmp(m->exemptions[i].symbol, sym))
			return &m->exemptions[i];
	return NULL;
}

const struct model_frame *model_frame(const struct model *m, const char *entry)
{
	for (size_t i = 0; i < m->nr_frames; i++)
		if (!strcmp(m->frames[i].entry, entry))
			return &m->frames[i];
	return NULL;
}

bool model_aist_entry(const struct model *m, const struct entry_point *ep)
{
	if (m->aist.nr_entries)
		return model_has(m->aist.entries, m->aist.nr_entries, ep->name);
	return ep->me->kind == ENTRY_IDT_IST && ep->vector != 8;	/* #DF keeps its stack */
}

bool model_is_commit(const struct model *m, const struct elf_file *ef, uint64_t addr)
{
	const struct symbol *s = m->aist.commit ? find_symbol(ef, m->aist.commit) : NULL;

	return s && s->sec && s->addr == addr;
}

bool model_label_at(const struct elf_file *ef, uint64_t addr, uint16_t role)
{
	const struct symbol *label = find_label_before(ef, addr);

	return label && label->addr == addr && (label->roles & role);
}

bool model_in_ist_area(const struct model *m, const struct elf_file *ef, uint64_t addr)
{
	for (size_t i = 0; i < m->aist.nr_memory; i++) {
		const struct symbol *s = find_symbol(ef, m->aist.memory[i]);

		if (s && s->sec && addr >= s->addr && addr < s->addr + (s->size ? s->size : 1))
			return true;
	}
	return false;
}
