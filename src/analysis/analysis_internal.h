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

/*
 * Storage handed out a slot at a time from chunks that are kept across runs (fresh memory costs
 * page faults): the nodes (nodes.c) and the replays' witness steps (summary.c).  A chunk type
 * starts with a struct chunk_head.
 */
struct chunk_head {
	struct chunk_head *next;
	size_t used;
};

struct chunk_list {
	struct chunk_head *first, *cur;	/* cur: being filled */
};

struct chunk {
	struct chunk_head head;
	struct node nodes[CHUNK_NODES];
};

struct analysis {
	struct ist_file *file;
	const struct model *m;
	const struct entry_point *ep;
	struct chunk_list nodes;	/* node storage, kept across runs */
	size_t nr_nodes;
	struct node **work;
	size_t nr_work, max_work;
	struct node **seen;		/* open-addressed set of walked (block, idx, state) */
	size_t seen_mask;
	uint16_t tracked[32];		/* features whose choices must stay consistent on a path */
	size_t nr_tracked;
	size_t nr_slots;		/* nodes in the seen set (nr_nodes also counts replayed ones) */
	bool overflow;
	/* Summaries of walked calls and jumps (summary.c), kept across runs and entry points. */
	uint32_t cls;			/* the entry point's class: entries of one class share them */
	struct sum_table *sums;
	const struct contract_check *families[16];	/* the ones that run */
	size_t nr_families;
	unsigned needs;			/* NEED_* of every running family */
	void (*insn_hooks[16])(struct actx *c, const struct insn *insn);	/* theirs, in order */
	void (*after_hooks[16])(struct actx *c, const struct insn *insn);
	size_t nr_insn_hooks, nr_after_hooks;
	/* The function walk (fwalk.c): the function walked, and per block how many states. */
	struct function *root;
	uint8_t *visits;
	size_t max_visits;
};

/* engine.c: pick the families of walk kind that run; < 0 if their state ranges do not fit. */
int add_families(struct analysis *an, const struct contract_check *const *families, size_t nr,
		 enum walk_kind kind);

/* nodes.c: node storage and the set of walked (block, index, state). */
void grow_seen(struct analysis *an);
void reset_run(struct analysis *an);
void free_nodes(struct analysis *an);
void *next_chunk(struct chunk_list *l, size_t size);
void rewind_chunks(struct chunk_list *l);
void free_chunks(struct chunk_list *l);
uint64_t hash_state(const struct block *blk, unsigned idx, const struct astate *st);
struct node *push_node(struct analysis *an, const struct wstep *parent, uint32_t sum,
		       struct function *func, const struct block *blk, unsigned idx,
		       const struct astate *st, uint64_t at, const char *step, const struct edge *e);
void queue_node(struct analysis *an, struct node *n);
bool node_walked(struct analysis *an, const struct block *blk, unsigned idx, const struct astate *st);

/* engine.c */
bool find_target(struct analysis *an, struct function *func, uint64_t addr,
		 const struct block **blk, unsigned *idx);
void goto_addr(struct analysis *an, const struct wstep *parent, uint32_t sum, struct function *func,
	       uint64_t addr, const struct astate *st, uint64_t at, const char *step);

/* summary.c: what a walk into a called or jumped-to function leads to, replayed where the same
 * state enters it again. */
void enter_walked(struct analysis *an, const struct node *from, struct function *func, uint64_t addr,
		  const struct astate *st, uint64_t at, const char *step);
void note_exit(struct analysis *an, const struct node *n, const struct astate *after, uint64_t at);
void replay_exit(struct analysis *an, struct node *n);
void close_summaries(struct analysis *an);
void taint_summary(struct analysis *an, uint32_t sum);
void count_summary_node(struct analysis *an, uint32_t sum);
void end_summaries_run(struct analysis *an);
uint32_t entry_class(struct analysis *an, const struct entry_point *ep);
void free_summaries(struct analysis *an);

void transfer_insn(struct actx *c, const struct insn *insn);
bool refine_branch(struct actx *c, const struct insn *insn, bool taken);
void clobber_caller_saved(struct astate *st);

/* Is dest an exit the model names (jmp xen_iret)?  The walk ends there; exemptions name it. */
static inline bool is_model_exit(const struct ref *dest)
{
	return dest->sym && (dest->sym->roles & ROLE_XEN_EXIT);
}

#endif
