/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Capstone wrapper: one instruction at a time into struct insn.  Classification is by
 * Capstone id, with the few cases the id does not settle (indirect branches, control and debug
 * register moves, segment loads, thunks) fixed up from the operands.  What the instruction
 * refers to (destinations, relocated immediates and displacements, thunks) is refs.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>
#include <istcheck/decode.h>
#include <istcheck/error.h>
#include <istcheck/util.h>
#include "icache.h"
#include "refs.h"

/* Capstone's id is the operation whatever the AT&T size suffix (movq, movl: X86_INS_MOV). */
static uint8_t insn_op_of(unsigned id)
{
	switch (id) {
	case X86_INS_MOV: return OP_MOV;
	case X86_INS_MOVABS: return OP_MOVABS;
	case X86_INS_LEA: return OP_LEA;
	case X86_INS_ADD: return OP_ADD;
	case X86_INS_SUB: return OP_SUB;
	case X86_INS_AND: return OP_AND;
	case X86_INS_OR: return OP_OR;
	case X86_INS_XOR: return OP_XOR;
	case X86_INS_TEST: return OP_TEST;
	case X86_INS_BT: return OP_BT;
	case X86_INS_BTS: return OP_BTS;
	case X86_INS_BTR: return OP_BTR;
	case X86_INS_CMP: return OP_CMP;
	case X86_INS_JE: return OP_JE;
	case X86_INS_JNE: return OP_JNE;
	case X86_INS_JS: return OP_JS;
	case X86_INS_JNS: return OP_JNS;
	case X86_INS_JB: return OP_JB;
	case X86_INS_JAE: return OP_JAE;
	default: return OP_OTHER;
	}
}

/* Interned strings: mnemonics and operand strings repeat a lot, and must outlive the cs_insn. */
struct strpool {
	char **slots;
	size_t nr_slots, nr_used;
};

struct decoder {
	csh handle;
	cs_insn *ci;
	struct strpool pool;
	struct icache *cache;
};

static uint64_t hash_str(const char *s)
{
	return fnv1a(FNV_OFFSET, s, strlen(s));
}

static void grow_pool(struct strpool *pool)
{
	size_t nr = pool->nr_slots ? pool->nr_slots * 2 : 1024;
	char **slots = xcalloc(nr, sizeof(*slots));

	for (size_t i = 0; i < pool->nr_slots; i++) {
		char *s = pool->slots[i];
		size_t j;

		if (!s)
			continue;
		for (j = hash_str(s) & (nr - 1); slots[j]; j = (j + 1) & (nr - 1))
			;
		slots[j] = s;
	}
	free(pool->slots);
	pool->slots = slots;
	pool->nr_slots = nr;
}

static const char *intern(struct strpool *pool, const char *s)
{
	size_t mask, i;

	if (pool->nr_used * 2 >= pool->nr_slots)
		grow_pool(pool);
	mask = pool->nr_slots - 1;
	for (i = hash_str(s) & mask; pool->slots[i]; i = (i + 1) & mask)
		if (!strcmp(pool->slots[i], s))
			return pool->slots[i];
	pool->slots[i] = xstrdup(s);
	pool->nr_used++;
	return pool->slots[i];
}

static void free_pool(struct strpool *pool)
{
	for (size_t i = 0; i < pool->nr_slots; i++)
		free(pool->slots[i]);
	free(pool->slots);
	memset(pool, 0, sizeof(*pool));
}

struct decoder *decoder_new(void)
{
	struct decoder *d = xcalloc(1, sizeof(*d));

	if (cs_open(CS_ARCH_X86, CS_MODE_64, &d->handle) != CS_ERR_OK) {
		free(d);
		return NULL;
	}
	if (cs_option(d->handle, CS_OPT_DETAIL, CS_OPT_ON) != CS_ERR_OK ||
	    cs_option(d->handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT) != CS_ERR_OK ||
	    !(d->ci = cs_malloc(d->handle)) || !(d->cache = icache_new(d->handle))) {
		decoder_free(d);
		return NULL;
	}
	grow_pool(&d->pool);
	return d;
}

void decoder_free(struct decoder *d)
{
	if (!d)
		return;
	icache_free(d->cache);
	if (d->ci)
		cs_free(d->ci, 1);
	cs_close(&d->handle);
	free_pool(&d->pool);
	free(d);
}

/* What the Capstone id alone says; fixed up by classify() where operands matter. */
static const uint8_t type_by_id[X86_INS_ENDING] = {
	[X86_INS_JMP] = INSN_JUMP,
	[X86_INS_LJMP] = INSN_JUMP_DYNAMIC,
	[X86_INS_JAE] = INSN_JUMP_COND, [X86_INS_JA] = INSN_JUMP_COND,
	[X86_INS_JBE] = INSN_JUMP_COND, [X86_INS_JB] = INSN_JUMP_COND,
	[X86_INS_JCXZ] = INSN_JUMP_COND, [X86_INS_JECXZ] = INSN_JUMP_COND,
	[X86_INS_JRCXZ] = INSN_JUMP_COND, [X86_INS_JE] = INSN_JUMP_COND,
	[X86_INS_JGE] = INSN_JUMP_COND, [X86_INS_JG] = INSN_JUMP_COND,
	[X86_INS_JLE] = INSN_JUMP_COND, [X86_INS_JL] = INSN_JUMP_COND,
	[X86_INS_JNE] = INSN_JUMP_COND, [X86_INS_JNO] = INSN_JUMP_COND,
	[X86_INS_JNP] = INSN_JUMP_COND, [X86_INS_JNS] = INSN_JUMP_COND,
	[X86_INS_JO] = INSN_JUMP_COND, [X86_INS_JP] = INSN_JUMP_COND,
	[X86_INS_JS] = INSN_JUMP_COND,
	[X86_INS_LOOP] = INSN_JUMP_COND, [X86_INS_LOOPE] = INSN_JUMP_COND,
	[X86_INS_LOOPNE] = INSN_JUMP_COND,
	[X86_INS_CALL] = INSN_CALL,
	[X86_INS_LCALL] = INSN_CALL_DYNAMIC,
	/* lret is a far return to another code segment, never a function return in the kernel. */
	[X86_INS_RET] = INSN_RET,
	[X86_INS_IRET] = INSN_IRET, [X86_INS_IRETD] = INSN_IRET, [X86_INS_IRETQ] = INSN_IRET,
	[X86_INS_SYSRET] = INSN_SYSRET,
	[X86_INS_SYSCALL] = INSN_SYSCALL,
	[X86_INS_SYSENTER] = INSN_SYSENTER,
	[X86_INS_SYSEXIT] = INSN_SYSEXIT,
	[X86_INS_SWAPGS] = INSN_SWAPGS,
	[X86_INS_RDMSR] = INSN_RDMSR,
	[X86_INS_WRMSR] = INSN_WRMSR,
	[X86_INS_RDGSBASE] = INSN_RDGSBASE,
	[X86_INS_WRGSBASE] = INSN_WRGSBASE,
	[X86_INS_PUSH] = INSN_PUSH,
	[X86_INS_POP] = INSN_POP,
	[X86_INS_PUSHF] = INSN_PUSHF, [X86_INS_PUSHFD] = INSN_PUSHF, [X86_INS_PUSHFQ] = INSN_PUSHF,
	[X86_INS_POPF] = INSN_POPF, [X86_INS_POPFD] = INSN_POPF, [X86_INS_POPFQ] = INSN_POPF,
	[X86_INS_LEAVE] = INSN_LEAVE,
	[X86_INS_LFENCE] = INSN_LFENCE,
	[X86_INS_MFENCE] = INSN_MFENCE,
	[X86_INS_VERW] = INSN_VERW,
	[X86_INS_INT3] = INSN_INT3,
	[X86_INS_INT] = INSN_INT, [X86_INS_INT1] = INSN_INT, [X86_INS_INTO] = INSN_INT,
	[X86_INS_UD2] = INSN_BUG, [X86_INS_UD2B] = INSN_BUG, [X86_INS_UD0] = INSN_BUG,
	[X86_INS_HLT] = INSN_HLT,
	[X86_INS_STI] = INSN_STI,
	[X86_INS_CLI] = INSN_CLI,
	[X86_INS_STD] = INSN_STD,
	[X86_INS_CLD] = INSN_CLD,
	[X86_INS_CLAC] = INSN_CLAC,
	[X86_INS_STAC] = INSN_STAC,
	[X86_INS_ENDBR64] = INSN_ENDBR, [X86_INS_ENDBR32] = INSN_ENDBR,
	[X86_INS_CPUID] = INSN_CPUID,
	[X86_INS_IN] = INSN_IO, [X86_INS_OUT] = INSN_IO,
	[X86_INS_INSB] = INSN_IO, [X86_INS_INSW] = INSN_IO, [X86_INS_INSD] = INSN_IO,
	[X86_INS_OUTSB] = INSN_IO, [X86_INS_OUTSW] = INSN_IO, [X86_INS_OUTSD] = INSN_IO,
	[X86_INS_VMCALL] = INSN_VMCALL, [X86_INS_VMMCALL] = INSN_VMCALL,
	[X86_INS_NOP] = INSN_NOP,
};

static bool is_cr(unsigned reg)
{
	return reg >= X86_REG_CR0 && reg <= X86_REG_CR15;
}

static bool is_dr(unsigned reg)
{
	return reg >= X86_REG_DR0 && reg <= X86_REG_DR15;
}

static bool is_seg(unsigned reg)
{
	return reg == X86_REG_CS || reg == X86_REG_DS || reg == X86_REG_ES ||
	       reg == X86_REG_FS || reg == X86_REG_GS || reg == X86_REG_SS;
}

/* mov: control, debug and segment registers get their own types. */
static enum insn_type classify_mov(const struct insn *insn)
{
	for (unsigned i = 0; i < insn->nr_ops; i++) {
		const struct operand *op = &insn->ops[i];
		bool write = op->access & OPND_WRITE;

		if (op->kind != OPND_REG)
			continue;
		if (op->reg == X86_REG_CR3)
			return write ? INSN_CR3_WRITE : INSN_CR3_READ;
		if (is_cr(op->reg))
			return INSN_CR_OTHER;
		if (is_dr(op->reg))
			return write ? INSN_DR_WRITE : INSN_DR_READ;
		if (is_seg(op->reg) && write)
			return INSN_MOV_SEG;
	}
	return INSN_OTHER;
}

static void classify(const cs_insn *ci, struct insn *insn)
{
	const cs_x86 *x = &ci->detail->x86;
	bool direct = insn->nr_ops == 1 && insn->ops[0].kind == OPND_IMM;

	insn->type = ci->id < X86_INS_ENDING ? type_by_id[ci->id] : INSN_OTHER;
	switch (ci->id) {
	case X86_INS_JMP:
		if (!direct)
			insn->type = INSN_JUMP_DYNAMIC;
		break;
	case X86_INS_CALL:
		if (!direct)
			insn->type = INSN_CALL_DYNAMIC;
		break;
	case X86_INS_MOV:
		insn->type = classify_mov(insn);
		break;
	case X86_INS_IRETQ:
		insn->flags |= INSN_F_Q;
		break;
	case X86_INS_SYSRET:
		/* sysretl (0f 07) returns to 32-bit compat mode; only REX.W makes it sysretq. */
		if (x->rex & 8)
			insn->flags |= INSN_F_Q;
		break;
	}
}

static void copy_operands(const cs_insn *ci, struct insn *insn)
{
	const cs_x86 *x = &ci->detail->x86;

	insn->nr_ops = x->op_count < INSN_MAX_OPS ? x->op_count : INSN_MAX_OPS;
	for (unsigned i = 0; i < insn->nr_ops; i++) {
		const cs_x86_op *src = &x->operands[i];
		struct operand *op = &insn->ops[i];

		op->size = src->size;
		op->access = (src->access & CS_AC_READ ? OPND_READ : 0) |
			     (src->access & CS_AC_WRITE ? OPND_WRITE : 0);
		switch (src->type) {
		case X86_OP_REG:
			op->kind = OPND_REG;
			op->reg = src->reg;
			break;
		case X86_OP_IMM:
			op->kind = OPND_IMM;
			op->imm = src->imm;
			break;
		case X86_OP_MEM:
			op->kind = OPND_MEM;
			op->mem.seg = src->mem.segment;
			op->mem.base = src->mem.base;
			op->mem.index = src->mem.index;
			op->mem.scale = src->mem.scale;
			op->mem.disp = src->mem.disp;
			break;
		default:
			break;
		}
	}
}

static void set_prefix_flags(const cs_insn *ci, struct insn *insn)
{
	uint8_t p = ci->detail->x86.prefix[0];

	if (p == X86_PREFIX_LOCK)
		insn->flags |= INSN_F_LOCK;
	/* On a branch, f2 is the MPX bnd prefix, not a repeat. */
	else if ((p == X86_PREFIX_REP || p == X86_PREFIX_REPNE) && !insn_is_branch(insn) &&
		 insn->type != INSN_RET)
		insn->flags |= INSN_F_REP;
}

/* Flags that follow from the operands alone, for Capstone's and the quirks' instructions. */
static void set_operand_flags(struct insn *insn)
{
	bool mem = false;

	for (unsigned i = 0; i < insn->nr_ops; i++) {
		const struct operand *op = &insn->ops[i];

		if (op->kind == OPND_MEM) {
			mem = true;
			if (op->mem.seg == X86_REG_GS)
				insn->flags |= INSN_F_GS;
			if (reg_full(op->mem.base) == X86_REG_RSP)
				insn->flags |= INSN_F_STACK_MEM;
		} else if (op->kind == OPND_REG && (op->access & OPND_WRITE) &&
			   reg_full(op->reg) == X86_REG_RSP) {
			insn->flags |= INSN_F_WRITES_RSP;
		}
	}
	/* lea and nop only compute an address; nothing is accessed. */
	if (mem && insn->id != X86_INS_LEA && insn->type != INSN_NOP)
		insn->flags |= INSN_F_MEM;
}

/* AT&T text of a quirk's operands, in Capstone's spelling ("-0x10(%rbp, %rax, 4)"). */
static void format_ops(const struct decoder *d, const struct insn *insn, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < insn->nr_ops && n < len; i++) {
		const struct operand *op = &insn->ops[i];
		const struct mem_operand *m = &op->mem;

		if (i)
			n += snprintf(buf + n, len - n, ", ");
		if (n >= len)
			break;
		if (op->kind == OPND_REG) {
			n += snprintf(buf + n, len - n, "%%%s", reg_name(d, op->reg));
			continue;
		}
		if (m->seg)
			n += snprintf(buf + n, len - n, "%%%s:", reg_name(d, m->seg));
		if (n < len && (m->disp || (!m->base && !m->index)))
			n += snprintf(buf + n, len - n, "%s0x%" PRIx64, m->disp < 0 ? "-" : "",
				      m->disp < 0 ? -(uint64_t)m->disp : (uint64_t)m->disp);
		if (n < len && (m->base || m->index)) {
			n += snprintf(buf + n, len - n, "(");
			if (n < len && m->base)
				n += snprintf(buf + n, len - n, "%%%s", reg_name(d, m->base));
			if (n < len && m->index)
				n += snprintf(buf + n, len - n, ", %%%s, %u",
					      reg_name(d, m->index), m->scale);
			if (n < len)
				n += snprintf(buf + n, len - n, ")");
		}
	}
}

static void decode_invalid(struct insn *insn)
{
	insn->len = 1;
	insn->type = INSN_INVALID;
	insn->mnemonic = "(bad)";
	insn->op_str = "";
}

/* strs: the decoding cache's interned strings for this instruction (NULL: not kept). */
static void finish_capstone(struct decoder *d, const struct elf_file *ef, const struct section *sec,
			    struct insn *insn, const char **strs)
{
	const cs_insn *ci = d->ci;
	const cs_x86_encoding *enc = &ci->detail->x86.encoding;

	insn->len = ci->size;
	insn->id = ci->id;
	insn->op = insn_op_of(ci->id);
	if (strs && !strs[0]) {
		strs[0] = intern(&d->pool, ci->mnemonic);
		strs[1] = intern(&d->pool, ci->op_str);
	}
	insn->mnemonic = strs ? strs[0] : intern(&d->pool, ci->mnemonic);
	insn->op_str = strs ? strs[1] : intern(&d->pool, ci->op_str);
	copy_operands(ci, insn);
	classify(ci, insn);
	set_prefix_flags(ci, insn);
	set_operand_flags(insn);

	if (insn->type == INSN_JUMP || insn->type == INSN_JUMP_COND || insn->type == INSN_CALL)
		mark_thunks(resolve_dest(ef, sec, ci, insn), insn);
	else
		resolve_iref(ef, sec, ci, insn);
	resolve_mref(ef, sec, enc->disp_offset, enc->disp_size, insn);
}

/* A quirk's operands have no Capstone encoding info: any relocation inside it is its disp. */
static void finish_quirk(struct decoder *d, const struct elf_file *ef, const struct section *sec,
			 struct insn *insn)
{
	char buf[128];
	const char *s;

	format_ops(d, insn, buf, sizeof(buf));
	s = intern(&d->pool, buf);
	insn->op_str = s ? s : "";
	set_operand_flags(insn);
	if (mem_operand(insn))
		resolve_mref(ef, sec, 1, insn->len - 1, insn);
}

unsigned decode_insn(struct decoder *d, const struct elf_file *ef, const struct section *sec,
		     uint64_t addr, const uint8_t *buf, size_t len, struct insn *insn)
{
	const char **strs;

	memset(insn, 0, sizeof(*insn));
	insn->addr = addr;
	insn->bytes = buf;

	if (decode_quirk(buf, len, insn))
		finish_quirk(d, ef, sec, insn);
	else if (icache_decode(d->cache, d->ci, buf, len, addr, &strs))
		finish_capstone(d, ef, sec, insn, strs);
	else
		decode_invalid(insn);	/* 1 even for len 0: callers stop at the end */
	return insn->len;
}

static const char *const type_names[NR_INSN_TYPES] = {
	[INSN_OTHER] = "other",
	[INSN_INVALID] = "invalid",
	[INSN_NOP] = "nop",
	[INSN_JUMP] = "jump",
	[INSN_JUMP_COND] = "jump_cond",
	[INSN_JUMP_DYNAMIC] = "jump_dynamic",
	[INSN_CALL] = "call",
	[INSN_CALL_DYNAMIC] = "call_dynamic",
	[INSN_RET] = "ret",
	[INSN_IRET] = "iret",
	[INSN_SYSRET] = "sysret",
	[INSN_ERET] = "eret",
	[INSN_SYSCALL] = "syscall",
	[INSN_SYSENTER] = "sysenter",
	[INSN_SYSEXIT] = "sysexit",
	[INSN_SWAPGS] = "swapgs",
	[INSN_RDMSR] = "rdmsr",
	[INSN_WRMSR] = "wrmsr",
	[INSN_RDGSBASE] = "rdgsbase",
	[INSN_WRGSBASE] = "wrgsbase",
	[INSN_CR3_READ] = "cr3_read",
	[INSN_CR3_WRITE] = "cr3_write",
	[INSN_CR_OTHER] = "cr_other",
	[INSN_DR_READ] = "dr_read",
	[INSN_DR_WRITE] = "dr_write",
	[INSN_PUSH] = "push",
	[INSN_POP] = "pop",
	[INSN_PUSHF] = "pushf",
	[INSN_POPF] = "popf",
	[INSN_LEAVE] = "leave",
	[INSN_LFENCE] = "lfence",
	[INSN_MFENCE] = "mfence",
	[INSN_VERW] = "verw",
	[INSN_INT3] = "int3",
	[INSN_INT] = "int",
	[INSN_BUG] = "bug",
	[INSN_HLT] = "hlt",
	[INSN_STI] = "sti",
	[INSN_CLI] = "cli",
	[INSN_STD] = "std",
	[INSN_CLD] = "cld",
	[INSN_CLAC] = "clac",
	[INSN_STAC] = "stac",
	[INSN_ENDBR] = "endbr",
	[INSN_CPUID] = "cpuid",
	[INSN_IO] = "io",
	[INSN_VMCALL] = "vmcall",
	[INSN_VMGEXIT] = "vmgexit",
	[INSN_TDCALL] = "tdcall",
	[INSN_SERIALIZE] = "serialize",
	[INSN_LKGS] = "lkgs",
	[INSN_MOV_SEG] = "mov_seg",
};

const char *insn_type_name(enum insn_type type)
{
	if ((unsigned)type >= NR_INSN_TYPES || !type_names[type])
		return "?";
	return type_names[type];
}

const char *reg_name(const struct decoder *d, unsigned reg)
{
	const char *name = reg ? cs_reg_name(d->handle, reg) : NULL;

	return name ? name : "?";
}

unsigned reg_full(unsigned reg)
{
	switch (reg) {
	case X86_REG_AL: case X86_REG_AH: case X86_REG_AX: case X86_REG_EAX:
		return X86_REG_RAX;
	case X86_REG_BL: case X86_REG_BH: case X86_REG_BX: case X86_REG_EBX:
		return X86_REG_RBX;
	case X86_REG_CL: case X86_REG_CH: case X86_REG_CX: case X86_REG_ECX:
		return X86_REG_RCX;
	case X86_REG_DL: case X86_REG_DH: case X86_REG_DX: case X86_REG_EDX:
		return X86_REG_RDX;
	case X86_REG_SIL: case X86_REG_SI: case X86_REG_ESI:
		return X86_REG_RSI;
	case X86_REG_DIL: case X86_REG_DI: case X86_REG_EDI:
		return X86_REG_RDI;
	case X86_REG_BPL: case X86_REG_BP: case X86_REG_EBP:
		return X86_REG_RBP;
	case X86_REG_SPL: case X86_REG_SP: case X86_REG_ESP:
		return X86_REG_RSP;
	case X86_REG_IP: case X86_REG_EIP:
		return X86_REG_RIP;
	case X86_REG_R8B: case X86_REG_R8W: case X86_REG_R8D:
		return X86_REG_R8;
	case X86_REG_R9B: case X86_REG_R9W: case X86_REG_R9D:
		return X86_REG_R9;
	case X86_REG_R10B: case X86_REG_R10W: case X86_REG_R10D:
		return X86_REG_R10;
	case X86_REG_R11B: case X86_REG_R11W: case X86_REG_R11D:
		return X86_REG_R11;
	case X86_REG_R12B: case X86_REG_R12W: case X86_REG_R12D:
		return X86_REG_R12;
	case X86_REG_R13B: case X86_REG_R13W: case X86_REG_R13D:
		return X86_REG_R13;
	case X86_REG_R14B: case X86_REG_R14W: case X86_REG_R14D:
		return X86_REG_R14;
	case X86_REG_R15B: case X86_REG_R15W: case X86_REG_R15D:
		return X86_REG_R15;
	default:
		return reg;
	}
}

/* General-purpose register number in encoding order (rax=0 ... r15=15), or -1. */
/* Called for every operand the contract walk looks at: a table, filled on first use. */
int gpr_index(unsigned reg)
{
	static const uint16_t gprs[16] = {
		X86_REG_RAX, X86_REG_RCX, X86_REG_RDX, X86_REG_RBX, X86_REG_RSP, X86_REG_RBP,
		X86_REG_RSI, X86_REG_RDI, X86_REG_R8, X86_REG_R9, X86_REG_R10, X86_REG_R11,
		X86_REG_R12, X86_REG_R13, X86_REG_R14, X86_REG_R15,
	};
	static int8_t index[X86_REG_ENDING];
	static bool filled;

	if (!filled) {
		for (unsigned r = 0; r < X86_REG_ENDING; r++) {
			unsigned full = reg_full(r);

			index[r] = -1;
			for (int i = 0; i < 16; i++)
				if (gprs[i] == full)
					index[r] = (int8_t)i;
		}
		filled = true;
	}
	return reg < X86_REG_ENDING ? index[reg] : -1;
}

bool insn_is_branch(const struct insn *insn)
{
	switch (insn->type) {
	case INSN_JUMP:
	case INSN_JUMP_COND:
	case INSN_JUMP_DYNAMIC:
	case INSN_CALL:
	case INSN_CALL_DYNAMIC:
		return true;
	default:
		return false;
	}
}

/* Only unconditional transfers: whether int3, ud2 or hlt end a path is the CFG's business. */
bool insn_ends_flow(const struct insn *insn)
{
	switch (insn->type) {
	case INSN_JUMP:
	case INSN_JUMP_DYNAMIC:
	case INSN_RET:
	case INSN_IRET:
	case INSN_SYSRET:
	case INSN_ERET:
	case INSN_SYSEXIT:
		return true;
	default:
		return false;
	}
}
