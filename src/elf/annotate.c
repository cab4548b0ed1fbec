// SPDX-License-Identifier: GPL-2.0
/*
 * Address lists: objtool's .discard.* annotations (6.12 per-kind sections and the newer single
 * .discard.annotate_insn), plus the *_sites lists that survive into a final link.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/special.h>
#include <istcheck/util.h>
#include "elf_internal.h"

static const char *const annot_names[NR_ANNOTS] = {
	[ANN_INSTR_BEGIN] = "instr_begin",
	[ANN_INSTR_END] = "instr_end",
	[ANN_VALIDATE_UNRET] = "validate_unret",
	[ANN_RETPOLINE_SAFE] = "retpoline_safe",
	[ANN_REACHABLE] = "reachable",
	[ANN_INTRA_CALL] = "intra_function_call",
	[ANN_NOENDBR] = "noendbr",
	[ANN_IGNORE_ALTS] = "ignore_alts",
	[ANN_RETURN_SITE] = "return_site",
	[ANN_RETPOLINE_SITE] = "retpoline_site",
	[ANN_NONSTANDARD] = "stack_frame_non_standard",
};

const char *annot_name(enum annot_kind kind)
{
	return kind < NR_ANNOTS ? annot_names[kind] : "?";
}

/* 6.12: one section per kind, one relocation per entry (PC32 or abs32, both give S + A). */
static const struct {
	const char *name;
	enum annot_kind kind;
} discard_sections[] = {
	{ ".discard.instr_begin", ANN_INSTR_BEGIN },
	{ ".discard.instr_end", ANN_INSTR_END },
	{ ".discard.validate_unret", ANN_VALIDATE_UNRET },
	{ ".discard.retpoline_safe", ANN_RETPOLINE_SAFE },
	{ ".discard.reachable", ANN_REACHABLE },
	{ ".discard.intra_function_calls", ANN_INTRA_CALL },
	{ ".discard.noendbr", ANN_NOENDBR },
	{ ".discard.ignore_alts", ANN_IGNORE_ALTS },
	{ ".discard.func_stack_frame_non_standard", ANN_NONSTANDARD },
};

/* ANNOTYPE_* numbers of .discard.annotate_insn (include/linux/objtool_types.h, 6.14+). */
static const enum annot_kind annotypes[] = {
	[1] = ANN_NOENDBR, [2] = ANN_RETPOLINE_SAFE, [3] = ANN_INSTR_BEGIN, [4] = ANN_INSTR_END,
	[5] = ANN_VALIDATE_UNRET, [6] = ANN_IGNORE_ALTS, [7] = ANN_INTRA_CALL, [8] = ANN_REACHABLE,
};

static void push_addr(const struct elf_file *ef, struct addr_list *l, size_t *cap, uint64_t addr)
{
	if (l->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		uint64_t *v = realloc(l->v, ncap * sizeof(*v));

		if (!v)
			out_of_memory(ef->path);
		l->v = v;
		*cap = ncap;
	}
	l->v[l->n++] = addr;
}

static int read_discard(const struct elf_file *ef, const struct section *sec, enum annot_kind kind,
			struct addr_list *l, size_t *cap)
{
	for (size_t i = 0; i < sec->nr_relocs; i++) {
		const struct reloc *r = &sec->relocs[i];

		if (r->sym->undef || !r->sym->sec)
			return elf_error(ef, "bad %s entry %zu: refers to %s", sec->name, i,
					 r->sym->name[0] ? r->sym->name : "nothing");
		push_addr(ef, l, cap, r->sym->addr + r->addend);
	}
	(void)kind;
	return 0;
}

static int read_annotate_insn(const struct elf_file *ef, const struct section *sec, struct special *sp,
			      size_t *caps)
{
	if (!sec->data)
		return elf_error(ef, "%s has no contents (SHT_NOBITS)", sec->name);
	if (sec->entsize != 8 || sec->size % 8)
		return elf_error(ef, "%s: entry size %lu, expected 8", sec->name, (unsigned long)sec->entsize);
	for (uint64_t off = 0; off < sec->size; off += 8) {
		uint32_t type;
		uint64_t addr;

		memcpy(&type, sec->data + off + 4, 4);
		if (!type || type >= ARRAY_SIZE(annotypes))
			continue;	/* newer kinds istcheck does not use */
		if (!read_pcrel32(ef, sec, off, &addr))
			return elf_error(ef, "bad %s entry at 0x%lx", sec->name, (unsigned long)off);
		push_addr(ef, &sp->annots[annotypes[type]], &caps[annotypes[type]], addr);
		if (annotypes[type] == ANN_INSTR_BEGIN || annotypes[type] == ANN_INSTR_END)
			sp->have_instr_markers = true;
	}
	return 0;
}

static int read_sites(const struct elf_file *ef, const char *name, struct addr_list *l, size_t *cap)
{
	const struct section *sec = find_section(ef, name);

	if (!sec || !sec->data)
		return 0;
	if (sec->size % 4)
		return elf_error(ef, "%s size %lu is not a multiple of 4", name, (unsigned long)sec->size);
	for (uint64_t off = 0; off < sec->size; off += 4) {
		uint64_t addr;

		if (read_pcrel32(ef, sec, off, &addr))
			push_addr(ef, l, cap, addr);
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int read_annotations(const struct elf_file *ef, struct special *sp)
{
	size_t caps[NR_ANNOTS] = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(discard_sections); i++) {
		const struct section *sec = find_section(ef, discard_sections[i].name);
		enum annot_kind kind = discard_sections[i].kind;

		if (!sec)
			continue;
		if (kind == ANN_INSTR_BEGIN || kind == ANN_INSTR_END)
			sp->have_instr_markers = true;
		if (read_discard(ef, sec, kind, &sp->annots[kind], &caps[kind]) < 0)
			return -1;
	}
	for (size_t i = 1; i < ef->nr_secs; i++) {
		const struct section *sec = &ef->secs[i];

		if (!strncmp(sec->name, ".discard.", 9))
			sp->have_discard = true;
		if (!strcmp(sec->name, ".discard.annotate_insn") && read_annotate_insn(ef, sec, sp, caps) < 0)
			return -1;
	}
	if (read_sites(ef, ".return_sites", &sp->annots[ANN_RETURN_SITE], &caps[ANN_RETURN_SITE]) < 0 ||
	    read_sites(ef, ".retpoline_sites", &sp->annots[ANN_RETPOLINE_SITE],
		       &caps[ANN_RETPOLINE_SITE]) < 0)
		return -1;
	for (int k = 0; k < NR_ANNOTS; k++)
		if (sp->annots[k].n)
			qsort(sp->annots[k].v, sp->annots[k].n, sizeof(uint64_t), cmp_u64);
	return 0;
}

/* Index of the first entry >= addr. */
static size_t lower_bound(const struct addr_list *l, uint64_t addr)
{
	return PARTITION_POINT(l->n, i, l->v[i] < addr);
}

size_t annot_count(const struct special *sp, enum annot_kind kind, uint64_t addr)
{
	const struct addr_list *l = &sp->annots[kind];
	size_t i = lower_bound(l, addr), n = 0;

	while (i < l->n && l->v[i++] == addr)
		n++;
	return n;
}

bool annot_in_range(const struct special *sp, enum annot_kind kind, uint64_t start, uint64_t end)
{
	const struct addr_list *l = &sp->annots[kind];
	size_t i = lower_bound(l, start);

	return i < l->n && l->v[i] < end;
}
