// SPDX-License-Identifier: GPL-2.0
/*
 * Relocations, read only where a phase needs them: in relocatable objects, for code, the
 * patching tables, the annotations and the pv_ops tables.  DWARF relocations (the bulk of
 * vmlinux.o) are read by the line lookup itself, and only when a finding needs a line.
 * A final link has its values applied already, so its .rela.* (if --emit-relocs kept any) is
 * not needed: read_pcrel32() and the decoder do the arithmetic.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/elf.h>
#include <istcheck/util.h>
#include "elf_internal.h"

/* Data sections whose relocations a phase reads: the patching tables and annotation lists. */
static const char *const wanted_tables[] = {
	".altinstructions", "__jump_table", "__ex_table", ".return_sites", ".retpoline_sites",
};

/* Tables of function pointers the pv_ops slot analysis reads (checks/pv_ops.c), and the IDT
 * tables entry points come from (model/idt.c). */
static const char *const wanted_symbols[] = { "pv_ops", "xen_cpu_ops", "xen_irq_ops", "xen_mmu_ops",
					      "def_idts", "early_idts", "apic_idts", "ia32_idt", "early_pf_idts" };

static bool wanted(const struct elf_file *ef, const struct section *target)
{
	if (target->flags & SHF_EXECINSTR)
		return true;
	if (!strncmp(target->name, ".discard.", 9))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(wanted_tables); i++)
		if (!strcmp(target->name, wanted_tables[i]))
			return true;
	for (size_t i = 0; i < ARRAY_SIZE(wanted_symbols); i++) {
		const struct symbol *s = find_symbol(ef, wanted_symbols[i]);

		if (s && s->sec == target)
			return true;
	}
	return false;
}

static int cmp_reloc(const void *a, const void *b)
{
	const struct reloc *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return 0;
}

static int read_rela(struct elf_file *ef, const struct section *rsec, struct section *target)
{
	size_t nr = rsec->size / sizeof(Elf64_Rela);
	bool sorted = true;

	if (rsec->entsize != sizeof(Elf64_Rela) || rsec->size % sizeof(Elf64_Rela) || !rsec->data)
		return elf_error(ef, "corrupt relocation section %s", rsec->name);
	if (target->relocs)
		return elf_error(ef, "section %s has two relocation sections", target->name);
	target->relocs = calloc(nr + 1, sizeof(struct reloc));
	if (!target->relocs)
		out_of_memory(ef->path);
	for (size_t i = 0; i < nr; i++) {
		struct reloc *r = &target->relocs[i];
		Elf64_Rela er;

		memcpy(&er, rsec->data + i * sizeof(er), sizeof(er));
		if (ELF64_R_SYM(er.r_info) >= ef->nr_syms)
			return elf_error(ef, "relocation %zu in %s refers to symbol %lu of %zu", i,
					 rsec->name, (unsigned long)ELF64_R_SYM(er.r_info), ef->nr_syms);
		if (er.r_offset >= target->size)
			return elf_error(ef, "relocation %zu in %s lies past the end of %s", i, rsec->name,
					 target->name);
		r->offset = er.r_offset;
		r->sym = &ef->syms[ELF64_R_SYM(er.r_info)];
		r->addend = er.r_addend;
		r->type = ELF64_R_TYPE(er.r_info);
		if (i && r->offset < r[-1].offset)
			sorted = false;
	}
	if (!sorted)
		qsort(target->relocs, nr, sizeof(struct reloc), cmp_reloc);
	target->nr_relocs = nr;
	return 0;
}

int read_relocs(struct elf_file *ef)
{
	if (!ef->rel)
		return 0;
	for (size_t i = 1; i < ef->nr_secs; i++) {
		const struct section *rsec = &ef->secs[i];
		GElf_Shdr sh;

		if (rsec->type != SHT_RELA)
			continue;
		if (!gelf_getshdr(elf_getscn(ef->elf, i), &sh) || sh.sh_info == 0 || sh.sh_info >= ef->nr_secs)
			return elf_error(ef, "relocation section %s has no valid target", rsec->name);
		if (wanted(ef, &ef->secs[sh.sh_info]) && read_rela(ef, rsec, &ef->secs[sh.sh_info]) < 0)
			return -1;
	}
	return 0;
}

const struct reloc *find_reloc(const struct section *sec, uint64_t off, uint64_t len)
{
	size_t lo = PARTITION_POINT(sec->nr_relocs, i, sec->relocs[i].offset < off);

	if (lo < sec->nr_relocs && sec->relocs[lo].offset - off < len)
		return &sec->relocs[lo];
	return NULL;
}

bool read_pcrel32(const struct elf_file *ef, const struct section *sec, uint64_t off, uint64_t *addr)
{
	const struct reloc *r;
	int32_t val;

	if (!sec->data || off > sec->size || sec->size - off < 4)
		return false;
	r = find_reloc(sec, off, 1);
	if (r) {
		/* S + A - P is what ends up in the field; the place P cancels out. */
		if (r->sym->undef || (!r->sym->sec && r->sym->type != STT_NOTYPE))
			return false;
		*addr = r->sym->addr + r->addend;
		return true;
	}
	memcpy(&val, sec->data + off, 4);
	if (ef->rel && !val)
		return false;		/* an unrelocated zero in an object points nowhere */
	*addr = sec->addr + off + (int64_t)val;
	return true;
}
