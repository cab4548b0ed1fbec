/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instrumentation regions recovered from the source (--regions=source): a distribution kernel
 * is built without CONFIG_NOINSTR_VALIDATION, so instrumentation_begin()/end() left no marker in
 * it, but the statements are still in its source and its DWARF maps every instruction back there.
 *
 *   scan.c, lex.c, expand.c  the lexical region scanner: one function body -> the instrumentation
 *                            depth at each source position (pure text work, unit-tested)
 *   dwarf.c                  instruction -> chain of inlining steps (libdw) -> depth
 *   version.c                the guard: the tree must be the binary's own source
 */
#ifndef _ISTCHECK_SOURCE_H
#define _ISTCHECK_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <istcheck/elf.h>

/* --- the lexical scanner ------------------------------------------------------------------ */

/* A depth the source gives at one position: [lo, hi] where paths join with different depths. */
struct src_depth {
	int lo, hi;
	bool known;			/* false: unreachable here, or outside the body */
};

/*
 * One place in a body: a statement's start, a call (name set), or a region statement (depth
 * after it).  Sites from a macro's expansion all sit at the invocation's position.
 */
struct src_site {
	int line, col;
	struct src_depth d;
	const char *name;		/* the called identifier, or NULL */
};

/* What the lexical scan found wrong in a body (each is a note; a walk judges the paths). */
enum src_problem {
	SRC_RETURN_IN_REGION = 1u << 0,	/* return (or goto out) with depth > 0 */
	SRC_END_UNDERFLOW = 1u << 1,	/* instrumentation_end() at depth 0 */
	SRC_JOIN_MISMATCH = 1u << 2,	/* paths join with different depths */
	SRC_UNBALANCED_END = 1u << 3,	/* the body ends with depth != 0 */
};

struct src_body {
	struct src_site *sites;		/* in source order (line, col), ties in scan order */
	size_t nr_sites;
	size_t nr_events;		/* instrumentation_begin()/end() seen, macros included */
	unsigned problems;		/* enum src_problem bits */
	int problem_line;		/* the first problem's line */
	int open_line, close_line;	/* the body's braces */
	struct src_depth final;		/* at the closing brace, falling through */
};

/* The macros, config and files of one source tree; one per run. */
struct src_tree;

/* root: the tree; config: CONFIG_* values (auto.conf or .config under root) are read if there. */
struct src_tree *src_tree_new(const char *root);
void src_tree_free(struct src_tree *t);
/* Whether the tree had a kernel config (#if CONFIG_* is evaluated; else the #if branch wins). */
bool src_tree_has_config(const struct src_tree *t);
/* Read the #defines of path (absolute) and its includes into the tree; false if unreadable. */
bool src_add_macros(struct src_tree *t, const char *path);
/* A function that does not return (DWARF's DW_AT_noreturn): a call to it ends the path. */
void src_add_noreturn(struct src_tree *t, const char *name);
/* An inline helper whose body changes its caller's depth (ct_cpuidle_enter(): -1), else 0. */
int src_helper_delta(const struct src_tree *t, const char *name);
/*
 * Scan the definition of function name declared at decl_line of path (absolute): its body, with
 * macros whose expansion holds a region statement expanded.  Returns false (and why in *why) if
 * the file cannot be read or no body is found there.
 */
bool src_scan_function(struct src_tree *t, const char *path, int decl_line, const char *name,
		       struct src_body *out, const char **why);
/* Same, on text in memory (unit tests): the whole text is the file. */
bool src_scan_text(struct src_tree *t, const char *text, size_t len, int decl_line, const char *name,
		   struct src_body *out, const char **why);
void src_body_free(struct src_body *b);
/*
 * The depth at (line, col) of a body (col 0: anywhere on the line).  Sites at one position that
 * disagree (a macro's expansion) are told apart by key, the called or inlined function's name.
 */
struct src_depth src_depth_at(const struct src_body *b, int line, int col, const char *key);
const char *src_problem_str(unsigned problems);

/* --- the binary side -------------------------------------------------------------------- */

/* The regions of one input, by instruction. */
struct src_regions;

/*
 * Open the DWARF of ef and check that root is its source (the version guard).  NULL with *why
 * set when source regions cannot be used for this file; *wrong_tree then says whether root is
 * shown not to be its source (another version, not a kernel tree: the user's --srcroot is
 * wrong, an error) rather than that nothing could be checked (no linux_banner: a note).
 */
struct src_regions *open_src_regions(const struct elf_file *ef, const char *path, const char *root,
				     char *why, size_t why_len, bool *wrong_tree);
void close_src_regions(struct src_regions *r);

/* One noinstr function's instructions placed in its source. */
struct src_func;
/*
 * Place the function sym; NULL (and why) if no source line can place it: no DWARF subprogram,
 * no decl_file/decl_line, the file is not under the tree, or no body there.  *is_asm: NULL because
 * the code is assembler (its own compilation unit), which has no regions.
 */
struct src_func *place_function(struct src_regions *r, const struct symbol *sym, bool *is_asm, char *why,
				size_t why_len);
/* The depth of the instruction at addr; key: the callee's name for a direct call, else NULL. */
struct src_depth src_insn_depth(struct src_func *f, uint64_t addr, const char *key);
/* The lexical problems of the function and of the inlined helpers placed so far, with a line. */
unsigned src_func_problems(const struct src_func *f, const char **file, int *line);
void free_src_func(struct src_func *f);

/* pv_names.c: the name of pv_ops slot idx in a final link's DWARF ("irq.save_fl"), into buf. */
bool pv_slot_name(const struct elf_file *ef, long idx, char *buf, size_t len);

/* version.c: the release the binary names (linux_banner) and whether root is its source. */
enum src_version { SRC_VERSION_OK, SRC_VERSION_UNKNOWN, SRC_VERSION_WRONG };
enum src_version check_src_version(const struct elf_file *ef, const char *root, char *why,
				   size_t why_len);

#endif
