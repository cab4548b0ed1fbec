/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an instruction refers to: branch destinations, relocated immediates and displacements
 * (through the relocations of an object, through the link address in a final vmlinux), and the
 * retpoline and return thunks a branch goes through.  Also the SYM+0xOFF names of addresses.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <istcheck/decode.h>
#include "refs.h"

const struct operand *mem_operand(const struct insn *insn)
{
	for (unsigned i = 0; i < insn->nr_ops; i++)
		if (insn->ops[i].kind == OPND_MEM)
			return &insn->ops[i];
	return NULL;
}

static bool is_pcrel(uint32_t type)
{
	switch (type) {
	case R_X86_64_PC8:
	case R_X86_64_PC16:
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_PC64:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		return true;
	default:
		return false;
	}
}

/* Name a known address: the symbol at it, else the one covering it. */
static void name_addr(const struct elf_file *ef, struct ref *ref)
{
	const struct symbol *sym = find_symbol_at(ef, ref->addr);

	if (!sym)
		sym = find_symbol_containing(ef, ref->addr);
	ref->sym = sym;
	ref->off = sym ? (int64_t)(ref->addr - sym->addr) : 0;
}

static void set_known(const struct elf_file *ef, uint64_t addr, struct ref *ref)
{
	ref->addr = addr;
	ref->known = true;
	name_addr(ef, ref);
}

/* The first relocation in [field, field + size) of the instruction, if any. */
static const struct reloc *field_reloc(const struct elf_file *ef, const struct section *sec,
				       const struct insn *insn, unsigned field, unsigned size)
{
	if (!ef->rel || !sec || !field || !size || !sec->nr_relocs || insn->addr < sec->addr)
		return NULL;
	return find_reloc(sec, insn->addr - sec->addr + field, size);
}

/*
 * S + A of a relocated field.  A PC-relative relocation is relative to the field, while the CPU
 * adds it to the end of the instruction: the difference belongs to the target.  exact: name the
 * target by the best symbol at it (branches) rather than keeping the relocation's symbol.
 */
static void resolve_reloc(const struct elf_file *ef, const struct section *sec,
			  const struct reloc *r, const struct insn *insn, bool exact,
			  struct ref *ref)
{
	const struct symbol *sym = r->sym;
	uint64_t field = r->offset - (insn->addr - sec->addr);
	/* The addend comes from the file: wrap around rather than overflow. */
	int64_t off = (int64_t)((uint64_t)r->addend + (is_pcrel(r->type) ? insn->len - field : 0));

	ref->sym = sym;
	ref->off = off;
	if (!sym || sym->undef)
		return;
	ref->addr = sym->addr + off;
	ref->known = true;
	/* Data keeps the relocation's symbol unless that is only a section: "pcpu_hot+0x18",
	 * not ".data..percpu+0x218". */
	if (exact || sym->type == STT_SECTION) {
		struct ref named = *ref;

		name_addr(ef, &named);
		if (named.sym)
			*ref = named;
	}
}

/*
 * Direct branches: the destination from the relocation in an object, else from Capstone, which
 * computed it from the instruction's address.  Returns the relocation's symbol.
 */
const struct symbol *resolve_dest(const struct elf_file *ef, const struct section *sec,
				  const cs_insn *ci, struct insn *insn)
{
	const cs_x86_encoding *enc = &ci->detail->x86.encoding;
	const struct reloc *r;

	if (insn->nr_ops != 1 || insn->ops[0].kind != OPND_IMM)
		return NULL;
	r = field_reloc(ef, sec, insn, enc->imm_offset, insn->len - enc->imm_offset);
	if (!r) {
		set_known(ef, insn->ops[0].imm, &insn->dest);
		return NULL;
	}
	resolve_reloc(ef, sec, r, insn, true, &insn->dest);
	return r->sym;
}

static bool is_kernel_addr(uint64_t addr)
{
	return addr >= 0xffff800000000000ull;
}

/*
 * The memory operand's target.  A RIP-relative displacement without a relocation was resolved
 * by the assembler or the linker, so it is right in objects too.  In a final link an absolute
 * displacement is an address as well: a %gs: offset names a per-CPU symbol.
 */
void resolve_mref(const struct elf_file *ef, const struct section *sec, unsigned disp_off,
		  unsigned disp_size, struct insn *insn)
{
	const struct operand *op = mem_operand(insn);
	const struct reloc *r;

	if (!op || insn->type == INSN_NOP)
		return;
	r = field_reloc(ef, sec, insn, disp_off, disp_size);
	if (r)
		resolve_reloc(ef, sec, r, insn, false, &insn->mref);
	else if (op->mem.base == X86_REG_RIP)
		set_known(ef, insn->addr + insn->len + op->mem.disp, &insn->mref);
	else if (!ef->rel && !op->mem.base && !op->mem.index)
		set_known(ef, op->mem.disp, &insn->mref);
}

/* A relocated immediate (mov $sym, cmpq $sym), or in a final link one that is a kernel address. */
void resolve_iref(const struct elf_file *ef, const struct section *sec, const cs_insn *ci,
		  struct insn *insn)
{
	const cs_x86_encoding *enc = &ci->detail->x86.encoding;
	const struct reloc *r;

	if (!enc->imm_offset || insn_is_branch(insn))
		return;
	r = field_reloc(ef, sec, insn, enc->imm_offset, enc->imm_size);
	if (r) {
		resolve_reloc(ef, sec, r, insn, false, &insn->iref);
		return;
	}
	for (unsigned i = 0; !ef->rel && i < insn->nr_ops; i++) {
		uint64_t imm = insn->ops[i].imm;

		if (insn->ops[i].kind == OPND_IMM && is_kernel_addr(imm) &&
		    find_section_by_addr(ef, imm)) {
			set_known(ef, imm, &insn->iref);
			return;
		}
	}
}

static bool thunk_name(const struct symbol *sym, const char *prefix)
{
	return sym && !strncmp(sym->name, prefix, strlen(prefix));
}

static bool is_thunk(const struct symbol *a, const struct symbol *b, const char *prefix)
{
	return thunk_name(a, prefix) || thunk_name(b, prefix);
}

/*
 * Retpolines and the return thunk look like direct branches but stand for indirect ones.  The
 * relocation's symbol counts as well as the destination's best name, since an alias may win
 * the name at the thunk's address.
 */
void mark_thunks(const struct symbol *rsym, struct insn *insn)
{
	const struct symbol *dsym = insn->dest.sym;

	if (is_thunk(rsym, dsym, "__x86_indirect_")) {
		insn->flags |= INSN_F_THUNK;
		if (insn->type == INSN_CALL)
			insn->type = INSN_CALL_DYNAMIC;
		else if (insn->type == INSN_JUMP)
			insn->type = INSN_JUMP_DYNAMIC;
	} else if (is_thunk(rsym, dsym, "__x86_return_thunk")) {
		insn->flags |= INSN_F_THUNK;
		if (insn->type == INSN_JUMP)
			insn->type = INSN_RET;
	}
}

static const char *format_sym(const struct symbol *sym, int64_t off, char *buf, size_t len)
{
	if (!off)
		snprintf(buf, len, "%s", sym->name);
	else if (off < 0)
		snprintf(buf, len, "%s-0x%" PRIx64, sym->name, -(uint64_t)off);
	else
		snprintf(buf, len, "%s+0x%" PRIx64, sym->name, (uint64_t)off);
	return buf;
}

const char *addr_str(const struct elf_file *ef, uint64_t addr, char *buf, size_t len)
{
	const struct symbol *sym = find_symbol_containing(ef, addr);
	const struct section *sec;
	uint64_t off;

	if (sym)
		return format_sym(sym, addr - sym->addr, buf, len);
	sec = addr_section(ef, addr, &off);
	if (sec)
		snprintf(buf, len, "%s+0x%" PRIx64, sec->name, off);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
	return buf;
}

const char *ref_str(const struct elf_file *ef, const struct ref *ref, char *buf, size_t len)
{
	if (ref->sym)
		return format_sym(ref->sym, ref->off, buf, len);
	if (ref->known)
		return addr_str(ef, ref->addr, buf, len);
	snprintf(buf, len, "?");
	return buf;
}
