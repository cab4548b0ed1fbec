/* SPDX-License-Identifier: GPL-2.0 */
/* The checks: the validate_* passes run_checks() runs over the CFGs of one file, and the rule
 * families of the engine's walks (analysis.h). */
#ifndef _ISTCHECK_CHECKS_H
#define _ISTCHECK_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ist_file;

/* Runs the passes the contract asks for on file (checks.c lists them); < 0 on an internal error.
 * What they find is in the findings store. */
int run_checks(struct ist_file *file);

/* The passes. */
int validate_noinstr(struct ist_file *file);
int validate_entries(struct ist_file *file);
int validate_aist_foreign(struct ist_file *file);
/* Where validate_noinstr() takes the regions of noinstr C code from (--regions, the file). */
enum region_source { REGIONS_NONE, REGIONS_FROM_MARKERS, REGIONS_FROM_SOURCE };
enum region_source noinstr_regions(const struct ist_file *file);
/* --dump=regions: each call of noinstr C code, inside or outside a region, as the walk saw it. */
void show_call_regions(FILE *out, struct ist_file *file);
/* --stats: one line on what the last run_checks() walked. */
void show_stats(FILE *out, const struct ist_file *file);

/*
 * Where each family of a walk keeps its per-path state: its bits in astate.family
 * and its words in astate.words, fixed here, so that a family reads its own constants and no
 * one writes them (the engine checks that the running families' ranges fit and do not overlap).
 * A family that does not run leaves its bits 0.
 */
enum family_state {
	STACK_BITS = 3, GS_BITS = 2, CR3_BITS = 1, SPEC_BITS = 5, REGS_BITS = 9, AIST_BITS = 19,
	NOINSTR_BITS = 25,
	STACK_BITS_AT = 0,
	GS_BITS_AT = STACK_BITS_AT + STACK_BITS,
	CR3_BITS_AT = GS_BITS_AT + GS_BITS,
	SPEC_BITS_AT = CR3_BITS_AT + CR3_BITS,
	REGS_BITS_AT = SPEC_BITS_AT + SPEC_BITS,
	AIST_BITS_AT = REGS_BITS_AT + REGS_BITS,
	NOINSTR_BITS_AT = AIST_BITS_AT + AIST_BITS,	/* the function walk's: runs alone */
	CR3_WORDS = 2, CR3_WORDS_AT = 0,
};

/* The families (one file each): the entry walk's, and noinstr, the function walk's. */
extern const struct contract_check stack_checks, gs_checks, cr3_checks, spec_checks, exit_checks,
	regs_checks, aist_checks, noinstr_checks;

struct insn;
struct ref;
/*
 * What a direct call or tail call from noinstr code goes to, as far as this file can tell.  Every
 * profile judges a callee with this one predicate (noinstr-call, aist-reenable), so a call that is
 * unverifiable in one is unverifiable in all.
 */
enum callee_kind {
	CALLEE_NOINSTR,		/* noinstr text: .noinstr.text, .entry.text, .cpuidle.text, thunks */
	CALLEE_EXEMPT,		/* objtool's noinstr exemptions (static calls, UBSAN, KCOV/TSAN) */
	CALLEE_INSTR,		/* instrumentable code that this file shows is the callee */
	CALLEE_ELSEWHERE,	/* undefined here: another object defines it */
	CALLEE_WEAK,		/* a weak definition that another object may override at link time */
};
enum callee_kind judge_callee(const struct ist_file *file, const struct ref *dest);
/* The note for a callee judged CALLEE_ELSEWHERE or CALLEE_WEAK: unverifiable here. */
void note_unverifiable_call(struct ist_file *file, const struct insn *insn, enum callee_kind kind);


#endif
