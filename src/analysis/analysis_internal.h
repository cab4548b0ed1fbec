/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the walk (engine.c), the visited set (nodes.c) and the transfer functions. */
#ifndef _ISTCHECK_ANALYSIS_INTERNAL_H
#define _ISTCHECK_ANALYSIS_INTERNAL_H

#include <istcheck/analysis.h>

#define CHUNK_NODES	1024
/* Bounds, not expectations: real kernels need at most about 1,400 states per entry and
 * variant, 50,000 in all; fuzzed inputs found loops that would take seconds to exhaust. */
#define MAX_NODES	(1u << 16)	/* per entry, origin and variant */
#define MAX_TOTAL_NODES	(1u << 19)	/* per file */

struct chunk {
	struct chunk *next;
	size_t used;
	struct node nodes[CHUNK_NODES];
};

struct analysis {
	struct ist_file *file;
	const struct model *m;
	const struct entry_point *ep;
	struct chunk *chunks, *cur;	/* node storage, kept across runs; cur: being filled */
	size_t nr_nodes;
	struct node **work;
	size_t nr_work, max_work;
	struct node **seen;		/* open-addressed set of walked (block, idx, state) */
	size_t seen_mask;
	uint16_t tracked[32];		/* features whose choices must stay consistent on a path */
	size_t nr_tracked;
	bool overflow;
	const struct contract_check *families[16];	/* the ones that run */
	size_t nr_families;
	unsigned needs;			/* NEED_* of every running family */
};

/* nodes.c: node storage and the set of walked (block, index, state). */
void grow_seen(struct analysis *an);
void reset_run(struct analysis *an);
void free_nodes(struct analysis *an);
void push_node(struct analysis *an, const struct node *parent, struct function *func,
	       const struct block *blk, unsigned idx, const struct astate *st, uint64_t at,
	       const char *step, const struct edge *e);

void transfer_insn(struct actx *c, const struct insn *insn);
bool refine_branch(struct actx *c, const struct insn *insn, bool taken);
void clobber_caller_saved(struct astate *st);

#endif
