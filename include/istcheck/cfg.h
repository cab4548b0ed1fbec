/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-function control-flow graphs.
 *
 * A block is a run of instructions with one entry and one exit.  Boot-time patching becomes
 * explicit structure: an .altinstructions site is a CHOICE block (no instructions) whose edges
 * carry the feature condition under which each variant runs (original bytes, or a replacement
 * decoded at its own address); a __jump_table site is a two-way branch; an __ex_table entry adds
 * an exception edge from the faulting instruction to its fixup.
 */
#ifndef _ISTCHECK_CFG_H
#define _ISTCHECK_CFG_H

#include <stdio.h>
#include <istcheck/decode.h>
#include <istcheck/special.h>

enum edge_kind {
	EDGE_FALLTHROUGH,
	EDGE_JUMP,			/* unconditional jmp */
	EDGE_TAKEN,			/* jcc taken */
	EDGE_NOT_TAKEN,			/* jcc not taken */
	EDGE_ALT,			/* one variant of an alternative site */
	EDGE_KEY_ON,			/* jump label: static key flipped to the target */
	EDGE_KEY_OFF,			/* jump label: straight on */
	EDGE_EXCEPTION,			/* __ex_table fixup */
	EDGE_INTRA_CALL,		/* call to a label in the same function (push + jump) */
	EDGE_IRET,			/* iretq to the RIP the code pushed just before it */
	NR_EDGE_KINDS
};

/* One literal of a feature condition: the bit is set (or clear, with neg). */
struct feat_lit {
	uint16_t feature;
	bool neg;
	uint8_t pad;			/* explicit: states are hashed and compared as bytes */
};

struct block;

struct edge {
	struct block *to;		/* NULL: outside this function (see addr) */
	uint64_t addr;			/* destination address */
	uint8_t kind;			/* enum edge_kind */
	uint8_t nr_lits;
	const struct feat_lit *lits;	/* EDGE_ALT: the conjunction that selects this variant */
	const struct alt_record *alt;	/* EDGE_ALT to a replacement: its record (NULL: original) */
};

struct block {
	unsigned id;
	uint64_t start;			/* address of the first instruction (or of the site) */
	bool choice;			/* an alternative site: only edges */
	bool replacement;		/* decoded from replacement bytes */
	struct insn *insns;		/* into function.insns */
	size_t nr_insns;
	struct edge *succ;
	size_t nr_succ;
};

struct function {
	struct symbol *sym;
	uint64_t start, end;
	enum code_class cls;
	struct insn *insns;		/* original bytes first, then each replacement */
	size_t nr_insns;
	struct block *blocks;		/* blocks[0] is the entry */
	size_t nr_blocks;
	size_t nr_orig;			/* insns[0..nr_orig) are the function's own bytes */
	struct feat_lit *lits;		/* storage behind the EDGE_ALT conditions */
	bool ignored;			/* STACK_FRAME_NON_STANDARD */
	bool built;
	int8_t returns;			/* RETURNS_*: see function_returns() */
};

enum { RETURNS_UNKNOWN, RETURNS_YES, RETURNS_NO, RETURNS_COMPUTING };

struct ist_file;

/* The functions of the file (symbols only; CFGs are built on demand). */
void add_functions(struct ist_file *file);
struct function *find_function(const struct ist_file *file, const char *name);
struct function *find_function_containing(const struct ist_file *file, uint64_t addr);
/* Decode and build the CFG of func if not done yet. */
int build_cfg(struct ist_file *file, struct function *func);
void free_cfg(struct function *func);
void free_functions(struct ist_file *file);
/* The block that control reaches when it goes to addr (an alternative site's CHOICE block, if
 * one starts there); NULL if addr is not an instruction of func. */
struct block *block_at(const struct function *func, uint64_t addr);
/* The block holding the instruction at addr (never a CHOICE block). */
struct block *block_containing(const struct function *func, uint64_t addr);

/*
 * Build the CFGs a run walks, before it walks: every function in noinstr, entry, cpuidle and
 * thunk text (the function walk's), and with walk the functions the entry walk enters
 * (function_is_walked()) and, transitively, those their edges continue in; and settle whether
 * each direct callee returns.  The walk then reads them through function_cfg().
 */
int build_cfgs(struct ist_file *file, bool walk);
/* func's CFG (built by build_cfgs(), or now if it was not); NULL on an internal error. */
struct function *function_cfg(struct ist_file *file, struct function *func);
/* Is func code the entry walk follows (asm), rather than a call it summarises (C)?  Needs the
 * model's roles (mark_model_roles()). */
bool function_is_walked(const struct function *func);

bool is_noreturn(const char *name);
/*
 * Can a call to func return?  No for the known noreturn functions, and no when func has no
 * return instruction and no tail call to a function that returns (objtool's dead-end functions):
 * the compiler may know such a function (a static one that always ends in panic(), say) never
 * returns and put unrelated code after calls to it.
 */
bool function_returns(struct ist_file *file, struct function *func);
/* "with PTI, without FRED" ("always" for an empty condition). */
const char *lits_str(const struct feat_lit *lits, size_t n, char *buf, size_t len);
void show_cfg(FILE *out, const struct ist_file *file, const struct function *func);
void show_sections(FILE *out, const struct ist_file *file);
const char *edge_kind_name(enum edge_kind kind);
/* What a witness step through the edge is called ("not taken"); NULL: no step (fallthrough, a
 * fixup). */
const char *edge_step_name(enum edge_kind kind);

#endif
