/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-time patching tables and objtool annotations: what makes the bytes in the file differ
 * from the code that runs, and what the kernel tells its checkers about that code.
 */
#ifndef _ISTCHECK_SPECIAL_H
#define _ISTCHECK_SPECIAL_H

#include <istcheck/elf.h>

#define ALT_FLAG_NOT		(1 << 0)
#define ALT_FLAG_DIRECT_CALL	(1 << 1)
#define ALT_RECORD_SIZE		14	/* struct alt_instr since 6.3: u32 ft_flags */
#define ALT_RECORD_SIZE_OLD	12	/* before 6.3: u16 cpuid, bit 15 inverts */

/* One .altinstructions record. */
struct alt_record {
	uint64_t orig;			/* address of the original bytes */
	uint64_t repl;			/* address of the replacement, decoded there */
	uint16_t feature;		/* X86_FEATURE_* bit number */
	uint16_t flags;			/* ALT_FLAG_* */
	uint8_t orig_len;
	uint8_t repl_len;
	uint32_t index;			/* position in the table: later records win */
};

/* One __jump_table entry. */
struct jump_entry {
	uint64_t code;			/* the jmp or nop */
	uint64_t target;
	const struct symbol *key;	/* static key, NULL in a final link */
	uint8_t key_flags;		/* bit 0: branch default, bit 1: objtool NOPs it */
};

/* One __ex_table entry: a fault at insn continues at fixup. */
struct ex_entry {
	uint64_t insn;
	uint64_t fixup;
	int32_t data;
};

/* Address-keyed kernel annotations, from .discard.* (objects only) and *_sites (everywhere). */
enum annot_kind {
	ANN_INSTR_BEGIN,		/* instrumentation_begin() nop */
	ANN_INSTR_END,			/* instrumentation_end() nop */
	ANN_VALIDATE_UNRET,		/* entry points that must untrain before RET */
	ANN_RETPOLINE_SAFE,		/* ANNOTATE_RETPOLINE_SAFE / UNRET_SAFE / VALIDATE_UNRET_END */
	ANN_REACHABLE,			/* the ud2 before it is not a dead end (WARN) */
	ANN_INTRA_CALL,			/* ANNOTATE_INTRA_FUNCTION_CALL */
	ANN_NOENDBR,
	ANN_IGNORE_ALTS,
	ANN_RETURN_SITE,		/* .return_sites */
	ANN_RETPOLINE_SITE,		/* .retpoline_sites */
	ANN_NONSTANDARD,		/* STACK_FRAME_NON_STANDARD functions */
	NR_ANNOTS
};

struct addr_list {
	uint64_t *v;			/* sorted, duplicates kept (instr hints add up) */
	size_t n;
};

struct special {
	struct alt_record *alts;	/* sorted by (orig, index) */
	size_t nr_alts;
	struct jump_entry *jumps;	/* sorted by code */
	size_t nr_jumps;
	struct ex_entry *extable;	/* sorted by insn */
	size_t nr_extable;
	struct addr_list annots[NR_ANNOTS];
	bool have_instr_markers;	/* .discard.instr_* or INSTR annotate_insn entries exist */
	bool have_discard;		/* any .discard.* section: an object, not a final link */
};

/* Read every table that exists; a malformed one is an input error (< 0). */
int read_special(const struct elf_file *ef, struct special *sp);
void free_special(struct special *sp);

const char *annot_name(enum annot_kind kind);
size_t annot_count(const struct special *sp, enum annot_kind kind, uint64_t addr);
/* Whether any annotation of that kind lies in [start, end). */
bool annot_in_range(const struct special *sp, enum annot_kind kind, uint64_t start, uint64_t end);
static inline bool annot_has(const struct special *sp, enum annot_kind kind, uint64_t addr)
{
	return annot_count(sp, kind, addr) != 0;
}

/* Alternative records whose original starts at addr, in table order. */
const struct alt_record *find_alts(const struct special *sp, uint64_t addr, size_t *nr);
const struct jump_entry *find_jump(const struct special *sp, uint64_t code);
const struct ex_entry *find_extable(const struct special *sp, uint64_t insn);
/* The alternative whose replacement bytes hold addr; NULL if none. */
const struct alt_record *find_alt_replacing(const struct special *sp, uint64_t addr);
/*
 * The symbol that names the code at addr, and addr's offset from it (*off): the covering symbol,
 * or for an instruction of an alternative's replacement, which has no symbol of its own, the
 * site's symbol and the offset the instruction runs at there once patched in.  NULL if none.
 */
struct symbol *find_code_symbol(const struct elf_file *ef, const struct special *sp, uint64_t addr,
				uint64_t *off);

#endif
