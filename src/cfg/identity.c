/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an instruction means, for fingerprints that survive a relink: its mnemonic and operands,
 * with every branch destination, call target and relocated or RIP-relative reference named by
 * symbol(+offset) instead of by the displacement the layout gave it.
 *
 * A final link moves code: a call's rel32, a RIP-relative displacement and an absolute address
 * change with every unrelated change elsewhere in the kernel, so the instruction's bytes do too
 * (the fingerprint of report version 2).  What does not move is what they refer to.  So:
 *   - a destination inside the instruction's own function counts as "a label of its own": its
 *     offset changes whenever the function's code does, and the occurrence count (diag.c) tells
 *     instructions of one function apart;
 *   - a symbol's numbered compiler suffixes (".constprop.0", ".isra.1", ".llvm.123") are dropped:
 *     the numbers are handed out per build;
 *   - an address that no symbol names counts by its section alone;
 *   - in a final link, an indexed displacement that is a kernel address (__per_cpu_offset(,%rax,8))
 *     is named like a reference, though the decoder does not resolve it.
 * Register numbers and mnemonics are Capstone's: a different Capstone may name an instruction
 * differently, which the byte fingerprint (kept beside, report.h) does not care about.
 */
#include <string.h>

#include <istcheck/istcheck.h>
#include <istcheck/decode.h>
#include <istcheck/util.h>


/* The name without its ".<digits>" components: "foo.constprop.0" hashes as "foo.constprop". */
uint64_t hash_stable_name(uint64_t h, const char *name)
{
	const char *p = name;

	while (*p) {
		const char *end = strchr(p + 1, '.');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (!(p[0] == '.' && n > 1 && strspn(p + 1, "0123456789") == n - 1) || p == name)
			h = fnv1a(h, p, n);
		p += n;
	}
	return fnv1a(h, "", 1);
}

static bool ref_set(const struct ref *ref)
{
	return ref->sym || ref->known;
}

static uint64_t hash_ref(uint64_t h, const struct elf_file *ef, const struct ref *ref,
			 const struct symbol *home)
{
	const struct section *sec;

	if (ref->sym && ref->sym->type != STT_SECTION) {
		if (home && ref->sym == home)
			return fnv1a_str(h, ".");
		h = hash_stable_name(h, ref->sym->name);
		return fnv1a_u64(h, (uint64_t)ref->off);
	}
	sec = ref->known ? find_section_by_addr(ef, ref->addr) : NULL;
	return fnv1a_str(h, sec ? sec->name : "?");
}

/*
 * In a final link, a displacement that is a kernel address with an index register
 * (__per_cpu_offset(,%rax,8)) is an address the layout gave, which the decoder leaves alone (it
 * resolves only what the checks read: RIP-relative and absolute operands).  Name it here.
 */
static bool link_address(const struct elf_file *ef, const struct operand *op)
{
	return !ef->rel && op->kind == OPND_MEM && (uint64_t)op->mem.disp >= 0xffff800000000000ull &&
	       find_section_by_addr(ef, (uint64_t)op->mem.disp);
}

static uint64_t hash_link_address(uint64_t h, const struct elf_file *ef, uint64_t addr)
{
	struct ref ref = { .addr = addr, .known = true };

	ref.sym = find_symbol_at(ef, addr);
	if (!ref.sym)
		ref.sym = find_symbol_containing(ef, addr);
	ref.off = ref.sym ? (int64_t)(addr - ref.sym->addr) : 0;
	return hash_ref(fnv1a_str(h, "addr"), ef, &ref, NULL);
}

static uint64_t hash_operand(uint64_t h, const struct operand *op, bool skip_imm, bool skip_disp)
{
	h = fnv1a_u64(h, op->kind | (uint64_t)op->size << 8);
	switch (op->kind) {
	case OPND_REG:
		h = fnv1a_u64(h, op->reg);
		break;
	case OPND_IMM:
		if (!skip_imm)
			h = fnv1a_u64(h, (uint64_t)op->imm);
		break;
	case OPND_MEM:
		h = fnv1a_u64(h, op->mem.seg | (uint64_t)op->mem.base << 16 |
			      (uint64_t)op->mem.index << 32 | (uint64_t)op->mem.scale << 48);
		if (!skip_disp)
			h = fnv1a_u64(h, (uint64_t)op->mem.disp);
		break;
	}
	return h;
}

/*
 * The identity of insn in the function whose symbol is home (NULL: none).  Immediates that are
 * a destination or a relocated value, and displacements that are relocated or RIP-relative (the
 * decoder resolves every RIP-relative operand: mref), enter as what they name.
 */
uint64_t insn_identity(const struct elf_file *ef, const struct insn *insn, const struct symbol *home)
{
	bool dest = ref_set(&insn->dest), iref = ref_set(&insn->iref);
	bool mref = ref_set(&insn->mref);
	uint64_t h = FNV_OFFSET;

	h = fnv1a_str(h, insn->mnemonic ? insn->mnemonic : insn_type_name(insn->type));
	h = fnv1a_u64(h, insn->nr_ops);
	for (unsigned i = 0; i < insn->nr_ops && i < INSN_MAX_OPS; i++) {
		const struct operand *op = &insn->ops[i];
		bool addr = !mref && link_address(ef, op);

		h = hash_operand(h, op, dest || iref, mref || addr);
		if (addr)
			h = hash_link_address(h, ef, (uint64_t)op->mem.disp);
	}
	if (dest)
		h = hash_ref(fnv1a_str(h, "dest"), ef, &insn->dest, home);
	if (mref)
		h = hash_ref(fnv1a_str(h, "mem"), ef, &insn->mref, home);
	if (iref)
		h = hash_ref(fnv1a_str(h, "imm"), ef, &insn->iref, home);
	return h;
}
