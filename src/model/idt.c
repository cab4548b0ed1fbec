// SPDX-License-Identifier: GPL-2.0
/*
 * Entry points from the kernel's own IDT tables (arch/x86/kernel/idt.c: def_idts, apic_idts...):
 * struct idt_data { u32 vector; u32 segment; struct idt_bits bits; const void *addr; }, 24
 * bytes, the IST index in the low three bits of bits.  The model names most entry points; the
 * tables add what the names miss and the vectors the patterns cannot know.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/istcheck.h>
#include <istcheck/model.h>

#include <istcheck/util.h>
#include "model_internal.h"

#define IDT_DATA_SIZE	24

static const char *const idt_tables[] = {
	"early_idts", "def_idts", "ia32_idt", "apic_idts", "early_pf_idts",
};

/* A pointer field: its relocation in an object, the linked value in a final image. */
static bool read_pointer(const struct elf_file *ef, const struct section *sec, uint64_t off,
			 uint64_t *addr)
{
	const struct reloc *r = find_reloc(sec, off, 8);

	if (r) {
		if (r->sym->undef || !r->sym->sec)
			return false;
		*addr = r->sym->addr + r->addend;
		return true;
	}
	if (ef->rel)
		return false;
	memcpy(addr, sec->data + off, 8);
	return true;
}

static struct entry_point *find_entry(struct entry_point *eps, size_t nr, const struct function *f)
{
	for (size_t i = 0; i < nr; i++)
		if (eps[i].func == f)
			return &eps[i];
	return NULL;
}

static const char *const ist_names[8] = {
	NULL, "IST1", "IST2", "IST3", "IST4", "IST5", "IST6", "IST7",
};

/* One idt_data record: a vector for a named entry point, or a new one. */
static void add_idt_record(struct ist_file *file, const struct model *m, const struct section *sec,
			  uint64_t off, struct entry_point **epsp, size_t *nr, size_t *cap)
{
	struct entry_point *eps = *epsp;
	uint32_t vector;
	uint16_t bits;
	uint64_t addr;
	struct function *f;
	struct entry_point *ep;

	memcpy(&vector, sec->data + off, 4);
	memcpy(&bits, sec->data + off + 8, 2);
	if (!read_pointer(&file->elf, sec, off + 16, &addr) || vector > 255)
		return;
	f = find_function_containing(file, addr);
	if (!f || f->start != addr || model_lists_name(m, ML_NOT_ENTRIES, f->sym->name))
		return;
	ep = find_entry(eps, *nr, f);
	if (ep) {
		if (ep->vector < 0)
			ep->vector = (int)vector;
		return;
	}
	/* Not named by the model: an interrupt gate entry, on its IST stack if it has one. */
	grow_entries(epsp, *nr, cap);
	ep = &(*epsp)[(*nr)++];
	*ep = (struct entry_point){ .func = f, .addr = addr, .name = f->sym->name, .vector = (int)vector,
				    .from_idt = true };
	ep->own.name = f->sym->name;
	ep->own.vector = (int)vector;
	ep->own.kind = bits & 7 ? ENTRY_IDT_IST : ENTRY_IDT;
	ep->own.ist = bits & 7 ? ist_names[bits & 7] : NULL;
}

void add_idt_entries(struct ist_file *file, const struct model *m, struct entry_point **eps, size_t *nr,
		    size_t *cap)
{
	const struct elf_file *ef = &file->elf;

	for (size_t t = 0; t < ARRAY_SIZE(idt_tables); t++) {
		const struct symbol *s = find_symbol(ef, idt_tables[t]);
		const struct section *sec = s ? s->sec : NULL;
		uint64_t base;

		if (!sec || !sec->data || s->size % IDT_DATA_SIZE || s->addr < sec->addr ||
		    s->addr - sec->addr > sec->size || sec->size - (s->addr - sec->addr) < s->size)
			continue;
		base = s->addr - sec->addr;
		for (uint64_t off = 0; off < s->size; off += IDT_DATA_SIZE)
			add_idt_record(file, m, sec, base + off, eps, nr, cap);
	}
}
