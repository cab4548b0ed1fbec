/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The instruction model.  Capstone stays behind this header: nothing above src/decode/ sees a
 * cs_insn.  Instructions are classified by what entry code cares about, and operands that carry
 * relocations (or RIP-relative addresses in a final link) are resolved to symbols.
 */
#ifndef _ISTCHECK_DECODE_H
#define _ISTCHECK_DECODE_H

#include <istcheck/elf.h>

enum insn_type {
	INSN_OTHER = 0,
	INSN_INVALID,			/* undecodable byte (length 1) */
	INSN_NOP,
	INSN_JUMP,			/* direct jmp */
	INSN_JUMP_COND,			/* jcc, jrcxz, loop */
	INSN_JUMP_DYNAMIC,		/* jmp *x, jmp __x86_indirect_thunk_* */
	INSN_CALL,			/* direct call */
	INSN_CALL_DYNAMIC,		/* call *x, call __x86_indirect_thunk_* */
	INSN_RET,			/* ret, jmp __x86_return_thunk */
	INSN_IRET,			/* iretq / iretl / iretw */
	INSN_SYSRET,			/* flags: INSN_F_Q for sysretq */
	INSN_ERET,			/* FRED: flags INSN_F_USER for ERETU */
	INSN_SYSCALL,
	INSN_SYSENTER,
	INSN_SYSEXIT,
	INSN_SWAPGS,
	INSN_RDMSR,
	INSN_WRMSR,			/* wrmsr and wrmsrns */
	INSN_RDGSBASE,
	INSN_WRGSBASE,
	INSN_CR3_READ,			/* mov %cr3, r */
	INSN_CR3_WRITE,			/* mov r, %cr3 */
	INSN_CR_OTHER,			/* other control register moves */
	INSN_DR_READ,
	INSN_DR_WRITE,
	INSN_PUSH,
	INSN_POP,
	INSN_PUSHF,
	INSN_POPF,
	INSN_LEAVE,
	INSN_LFENCE,
	INSN_MFENCE,
	INSN_VERW,
	INSN_INT3,
	INSN_INT,			/* int n, int1 (icebp), into */
	INSN_BUG,			/* ud2, ud1, ud0 */
	INSN_HLT,
	INSN_STI,
	INSN_CLI,
	INSN_STD,
	INSN_CLD,
	INSN_CLAC,
	INSN_STAC,
	INSN_ENDBR,
	INSN_CPUID,
	INSN_IO,			/* in, out, ins, outs */
	INSN_VMCALL,			/* vmcall, vmmcall */
	INSN_VMGEXIT,
	INSN_TDCALL,
	INSN_SERIALIZE,
	INSN_LKGS,
	INSN_MOV_SEG,			/* mov to a segment register (%gs, %fs, ...) */
	NR_INSN_TYPES
};

/* insn.flags */
#define INSN_F_Q		(1u << 0)	/* sysretq / iretq: 64-bit form */
#define INSN_F_USER		(1u << 1)	/* ERETU */
#define INSN_F_TAIL		(1u << 2)	/* jmp to another function: a tail call */
#define INSN_F_THUNK		(1u << 3)	/* through a retpoline / return thunk */
#define INSN_F_QUIRK		(1u << 4)	/* decoded by the quirk layer, not Capstone */
#define INSN_F_WRITES_RSP	(1u << 5)	/* explicit write of %rsp (mov/lea/add/sub/xchg/pop %rsp) */
#define INSN_F_STACK_MEM	(1u << 6)	/* a memory operand based on %rsp */
#define INSN_F_GS		(1u << 7)	/* a %gs-segment memory operand */
#define INSN_F_MEM		(1u << 8)	/* has a memory operand (other than lea) */
#define INSN_F_REPLACEMENT	(1u << 9)	/* decoded from .altinstr_replacement */
#define INSN_F_LOCK		(1u << 10)
#define INSN_F_REP		(1u << 11)
#define INSN_F_INTRA_CALL	(1u << 12)	/* set by the CFG: a call to a label of its own function */
#define INSN_F_PV_DIRECT	(1u << 13)	/* set by the CFG: a paravirt call patched direct at boot */

enum opnd_kind { OPND_NONE = 0, OPND_REG, OPND_IMM, OPND_MEM };

#define OPND_READ	1
#define OPND_WRITE	2

/* Register numbers are Capstone's x86_reg values; reg_name() and reg_full() interpret them. */
struct mem_operand {
	uint16_t seg, base, index;
	uint8_t scale;
	int64_t disp;
};

struct operand {
	uint8_t kind;			/* OPND_* */
	uint8_t size;			/* bytes */
	uint8_t access;			/* OPND_READ | OPND_WRITE (Capstone's view) */
	uint16_t reg;
	int64_t imm;
	struct mem_operand mem;
};

/* A resolved reference: a symbol plus offset, and the address when it is known. */
struct ref {
	const struct symbol *sym;	/* NULL if nothing names it */
	int64_t off;
	uint64_t addr;
	bool known;			/* addr is valid (false for undefined symbols) */
};

#define INSN_MAX_OPS 4

/* The operations the contract engine's dataflow tells apart (any operand size). */
enum insn_op {
	OP_OTHER, OP_MOV, OP_MOVABS, OP_LEA, OP_ADD, OP_SUB, OP_AND, OP_OR, OP_XOR, OP_TEST, OP_BT,
	OP_BTS, OP_BTR, OP_CMP, OP_JE, OP_JNE, OP_JS, OP_JNS, OP_JB, OP_JAE,
};

struct insn {
	uint64_t addr;
	const uint8_t *bytes;		/* points into the mapped section */
	uint8_t len;
	uint8_t type;			/* enum insn_type */
	uint8_t nr_ops;
	uint16_t id;			/* Capstone instruction id (X86_INS_*), 0 for quirks */
	uint8_t op;			/* enum insn_op */
	uint32_t flags;			/* INSN_F_* */
	struct operand ops[INSN_MAX_OPS];	/* AT&T order: sources first */
	struct ref dest;		/* branch/call destination, if direct */
	struct ref mref;		/* memory operand: RIP-relative or relocated displacement */
	struct ref iref;		/* relocated immediate */
	const char *mnemonic;		/* interned */
	const char *op_str;		/* interned, AT&T syntax */
};

struct decoder;

struct decoder *decoder_new(void);
void decoder_free(struct decoder *d);

/*
 * Decode one instruction at addr from buf (at most len bytes) of section sec.  Relocations of
 * sec (ET_REL) or the link address (ET_EXEC) resolve branch targets and operands.  Always fills
 * *insn: undecodable bytes become a 1-byte INSN_INVALID.  Returns the length.
 */
unsigned decode_insn(struct decoder *d, const struct elf_file *ef, const struct section *sec,
		     uint64_t addr, const uint8_t *buf, size_t len, struct insn *insn);

/* The quirk layer alone: fills insn and returns its length if the bytes are a known Capstone
 * 4.0.2 gap, 0 otherwise.  Exposed for tests. */
unsigned decode_quirk(const uint8_t *buf, size_t len, struct insn *insn);

const char *insn_type_name(enum insn_type type);
const char *reg_name(const struct decoder *d, unsigned reg);
/* The 64-bit register containing reg (eax -> rax, r8d -> r8); reg itself otherwise. */
unsigned reg_full(unsigned reg);
/* General-purpose register number in encoding order (rax=0 ... r15=15), or -1. */
int gpr_index(unsigned reg);
enum { GPR_RAX, GPR_RCX, GPR_RDX, GPR_RBX, GPR_RSP, GPR_RBP, GPR_RSI, GPR_RDI, GPR_R8, GPR_R9,
       GPR_R10, GPR_R11, GPR_R12, GPR_R13, GPR_R14, GPR_R15, NR_GPRS };
bool insn_is_branch(const struct insn *insn);
/* Does the instruction end straight-line flow (no fall-through)? */
bool insn_ends_flow(const struct insn *insn);

/* Formats "sym+0xoff" (or "sec+0xoff", or a hex address) for an address. */
const char *addr_str(const struct elf_file *ef, uint64_t addr, char *buf, size_t len);
const char *ref_str(const struct elf_file *ef, const struct ref *ref, char *buf, size_t len);

#endif
