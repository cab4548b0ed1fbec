// SPDX-License-Identifier: GPL-2.0
/*
 * Summaries: the walk of a call (or a jump) into another walked function, kept and replayed.
 *
 * Every idtentry stub calls error_entry and jumps to error_return; the paranoid ones call
 * paranoid_entry and jump to paranoid_exit.  The return stack makes each stub's walk of them
 * new to the visited set, so the same states were walked again from every entry point and
 * variant.  Nothing in the walk below the call reads the caller's frames except the RET that
 * pops them, so what such a walk does depends only on its entry state without those frames and
 * on what the checks read of the entry point (its class).  A summary keyed on that records the
 * walk's exits: each state that returned to the caller, with the steps that led to it.
 *
 * Where the same key comes again, the summary is replayed instead of walked: each exit resumes
 * the caller in the order the walk found it, each after the previous one's continuation was
 * walked, as the depth-first walk would.  Findings are unchanged: those below the call are
 * keyed on the rule, the instruction and the variant, which the state determines, so the walk
 * that made the summary reported every one of them (for an entry point of the same class);
 * those after the return see the same states with the same witnesses, whose steps below the
 * call are the summary's.  A summary is kept only if its walk saw all it leads to: not if it
 * met a node another walk had reached (it would miss what lies behind it), not if the walk was
 * cut short, and not if it printed a note that names the entry point.
 *
 * The one order a replay does not keep: should a caller's continuation loop back to the same
 * call while exits of a replay are still to come, the walk would have met the callee's pending
 * nodes and taken those exits later.  The findings are the same; a witness may be another path.
 * No entry code loops around its calls to error_entry or paranoid_entry.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/error.h>
#include <istcheck/istcheck.h>
#include "analysis_internal.h"

struct sum_exit {
	struct astate st;		/* after the return, the caller's frames cleared */
	uint64_t at;			/* the RET (or the tail call that returns) */
	size_t steps, nr_steps;		/* its path below the call, in the table's steps */
};

enum sum_status { SUM_BUILDING, SUM_DONE, SUM_TAINTED };

struct summary {
	struct function *func;
	const struct block *blk;
	unsigned idx;
	uint32_t cls;
	uint64_t hash;
	struct astate key;		/* the entry state, the caller's frames cleared */
	enum sum_status status;
	size_t nodes;			/* what its walk took, counted again where it is replayed */
	size_t pos;			/* building: its entry node's place on the work stack */
	const struct node *entry;	/* building: its entry node */
	struct sum_exit *exits;
	size_t nr_exits, max_exits;
};

struct sum_step {
	uint64_t at;
	const char *step;
	const struct feat_lit *lits;
	uint8_t nr_lits;
	bool alt;
};

/* What the checks read of an entry point after its first instruction: entries alike share. */
struct entry_class {
	enum entry_kind kind;
	const struct model_frame *frame;
	bool exempt[NR_RULES];
};

#define LINK_CHUNK	512

struct link_chunk {
	struct chunk_head head;
	struct wstep links[LINK_CHUNK];
};

struct sum_table {
	struct summary *sums;		/* [0] unused: sum 0 is no summary */
	size_t nr, max;
	uint32_t *index;		/* open-addressed, into sums */
	size_t mask;
	struct sum_step *steps;
	size_t nr_steps, max_steps;
	uint32_t *building;		/* the summaries being walked, innermost last */
	size_t nr_building, max_building;
	struct chunk_list links;	/* witness steps of replays, per run */
	struct entry_class *classes;
	size_t nr_classes;
};

/* Most summaries have one or two exits: arrays start at first (a full page each was most of
 * the memory summaries took). */
static void *grow_array(void *p, size_t *max, size_t size, size_t first)
{
	*max = *max ? 2 * *max : first;
	return xrealloc(p, *max * size);
}

static struct sum_table *table(struct analysis *an)
{
	if (!an->sums) {
		an->sums = xcalloc(1, sizeof(*an->sums));
		an->sums->nr = 1;
		an->sums->max = 64;
		an->sums->sums = xcalloc(an->sums->max, sizeof(*an->sums->sums));
		an->sums->mask = 255;
		an->sums->index = xcalloc(an->sums->mask + 1, sizeof(*an->sums->index));
	}
	return an->sums;
}

uint32_t entry_class(struct analysis *an, const struct entry_point *ep)
{
	struct sum_table *t = table(an);
	struct entry_class c;

	memset(&c, 0, sizeof(c));
	c.kind = ep->me->kind;
	c.frame = model_frame(an->m, ep->name);
	for (size_t r = 0; r < NR_RULES; r++)
		c.exempt[r] = model_exempt(an->m, rule_table[r].id, ep->name) != NULL;
	for (size_t i = 0; i < t->nr_classes; i++)
		if (!memcmp(&t->classes[i], &c, sizeof(c)))
			return (uint32_t)i;
	t->classes = xrealloc(t->classes, (t->nr_classes + 1) * sizeof(*t->classes));
	t->classes[t->nr_classes] = c;
	return (uint32_t)t->nr_classes++;
}

static uint64_t key_hash(const struct block *blk, unsigned idx, uint32_t cls, const struct astate *key)
{
	return hash_state(blk, idx, key) ^ ((uint64_t)cls * 0x9e3779b97f4a7c15ull);
}

static void grow_index(struct sum_table *t)
{
	size_t size = 2 * (t->mask + 1);
	uint32_t *index = xcalloc(size, sizeof(*index));

	for (size_t i = 1; i < t->nr; i++) {
		size_t j;

		for (j = t->sums[i].hash & (size - 1); index[j]; j = (j + 1) & (size - 1))
			;
		index[j] = (uint32_t)i;
	}
	free(t->index);
	t->index = index;
	t->mask = size - 1;
}

/* The summary of (blk, idx, key) for class cls, or a new one being built. */
static uint32_t find_summary(struct sum_table *t, struct function *func, const struct block *blk,
			     unsigned idx, uint32_t cls, const struct astate *key)
{
	uint64_t h = key_hash(blk, idx, cls, key);
	struct summary *s;
	size_t i;

	if (2 * t->nr >= t->mask)
		grow_index(t);
	for (i = h & t->mask; t->index[i]; i = (i + 1) & t->mask) {
		s = &t->sums[t->index[i]];
		if (s->hash == h && s->blk == blk && s->idx == idx && s->cls == cls &&
		    !memcmp(&s->key, key, sizeof(*key)))
			return t->index[i];
	}
	if (t->nr == t->max)
		t->sums = grow_array(t->sums, &t->max, sizeof(*t->sums), 64);
	s = &t->sums[t->nr];
	memset(s, 0, sizeof(*s));
	*s = (struct summary){ .func = func, .blk = blk, .idx = idx, .cls = cls, .hash = h, .key = *key,
			       .status = SUM_TAINTED };
	t->index[i] = (uint32_t)t->nr;
	return (uint32_t)t->nr++;
}

void taint_summary(struct analysis *an, uint32_t sum)
{
	if (sum)
		an->sums->sums[sum].status = SUM_TAINTED;
}

void count_summary_node(struct analysis *an, uint32_t sum)
{
	if (sum)
		an->sums->sums[sum].nodes++;
}

/*
 * A call or jump into walked code.  Below a summary's own walk, the code is walked as part of
 * it; elsewhere, a summary of the entry state is replayed, or made by walking.
 */
void enter_walked(struct analysis *an, const struct node *from, struct function *func, uint64_t addr,
		  const struct astate *st, uint64_t at, const char *step)
{
	struct sum_table *t = table(an);
	const struct block *blk;
	struct astate key;
	struct summary *s;
	struct node *n;
	unsigned idx;
	uint32_t id;

	if (from->sum || !find_target(an, func, addr, &blk, &idx)) {
		goto_addr(an, &from->w, from->sum, func, addr, st, at, step);
		return;
	}
	key = *st;
	memset(key.calls, 0, sizeof(key.calls));
	id = find_summary(t, func, blk, idx, an->cls, &key);
	s = &t->sums[id];
	if (s->status == SUM_DONE && an->nr_nodes + s->nodes < MAX_NODES) {
		n = push_node(an, &from->w, 0, func, blk, idx, st, at, step, NULL);
		if (n) {
			n->replay = id;
			an->nr_nodes += s->nodes - 1;
		}
		return;
	}
	if (s->status != SUM_TAINTED || s->entry) {
		/* Being walked further down this path (a loop), or too big for what is left. */
		push_node(an, &from->w, 0, func, blk, idx, st, at, step, NULL);
		return;
	}
	s->status = SUM_BUILDING;
	s->nodes = 0;
	s->nr_exits = 0;
	n = push_node(an, &from->w, id, func, blk, idx, st, at, step, NULL);
	s = &t->sums[id];
	if (!n) {
		s->status = SUM_TAINTED;
		return;
	}
	s->entry = n;
	s->pos = an->nr_work - 1;
	if (t->nr_building == t->max_building)
		t->building = grow_array(t->building, &t->max_building, sizeof(*t->building), 16);
	t->building[t->nr_building++] = id;
}

/* A return from n's walk, in state after: an exit of its summary if it pops the call's frame. */
void note_exit(struct analysis *an, const struct node *n, const struct astate *after, uint64_t at)
{
	struct sum_table *t = an->sums;
	struct summary *s;
	struct sum_exit *x;
	struct astate st;
	size_t nr = 0;

	if (!n->sum)
		return;
	s = &t->sums[n->sum];
	if (s->status != SUM_BUILDING || after->depth + 1 != s->key.depth)
		return;
	st = *after;
	memset(st.calls, 0, sizeof(st.calls));
	/* The same state returning again finds the caller's node walked: nothing to replay. */
	for (size_t i = 0; i < s->nr_exits; i++)
		if (!memcmp(&s->exits[i].st, &st, sizeof(st)))
			return;
	for (const struct wstep *p = &n->w; p != &s->entry->w; p = p->parent, nr++)
		if (!p) {
			s->status = SUM_TAINTED;
			return;
		}
	if (s->nr_exits == s->max_exits)
		s->exits = grow_array(s->exits, &s->max_exits, sizeof(*s->exits), 2);
	while (t->nr_steps + nr > t->max_steps)
		t->steps = grow_array(t->steps, &t->max_steps, sizeof(*t->steps), 256);
	x = &s->exits[s->nr_exits++];
	*x = (struct sum_exit){ st, at, t->nr_steps, nr };
	/* Root first: the walk from the call down to the RET. */
	for (const struct wstep *p = &n->w; p != &s->entry->w; p = p->parent)
		t->steps[x->steps + --nr] = (struct sum_step){ p->at, p->step, p->lits, p->nr_lits, p->alt };
	t->nr_steps += x->nr_steps;
}

static struct wstep *alloc_link(struct sum_table *t)
{
	struct link_chunk *c = (struct link_chunk *)t->links.cur;

	if (!c || c->head.used == LINK_CHUNK)
		c = next_chunk(&t->links, sizeof(*c));
	return &c->links[c->head.used++];
}

/*
 * n is a replayed summary's entry: resume the caller with its next exit, and come back for the
 * one after once that exit's continuation is walked.
 */
void replay_exit(struct analysis *an, struct node *n)
{
	struct sum_table *t = an->sums;
	const struct summary *s = &t->sums[n->replay];
	const struct sum_exit *x;
	const struct wstep *parent = &n->w;
	unsigned depth = n->st.depth;
	struct call_frame fr;
	struct astate st;

	if (n->next_exit >= s->nr_exits)
		return;
	x = &s->exits[n->next_exit++];
	if (n->next_exit < s->nr_exits)
		queue_node(an, n);
	for (size_t i = 0; i < x->nr_steps; i++) {
		const struct sum_step *p = &t->steps[x->steps + i];
		struct wstep *l = alloc_link(t);

		*l = (struct wstep){ parent, p->at, p->step, p->lits, p->nr_lits, p->alt };
		parent = l;
	}
	st = x->st;
	memcpy(st.calls, n->st.calls, (depth - 1) * sizeof(st.calls[0]));
	fr = n->st.calls[depth - 1];
	goto_addr(an, parent, 0, fr.func, fr.ret, &st, x->at, "return");
}

/* After each node: a summary whose entry node and all above it on the work stack are walked is
 * done (unless tainted); a cut-short walk taints those being built. */
void close_summaries(struct analysis *an)
{
	struct sum_table *t = an->sums;

	if (!t || !t->nr_building)
		return;
	for (size_t i = 0; an->overflow && i < t->nr_building; i++)
		t->sums[t->building[i]].status = SUM_TAINTED;
	while (t->nr_building && t->sums[t->building[t->nr_building - 1]].pos >= an->nr_work) {
		struct summary *s = &t->sums[t->building[--t->nr_building]];

		if (s->status == SUM_BUILDING)
			s->status = SUM_DONE;
		s->entry = NULL;
	}
}

/* The end of a run: the witness steps of its replays are no longer referenced. */
void end_summaries_run(struct analysis *an)
{
	struct sum_table *t = an->sums;

	if (!t)
		return;
	while (t->nr_building) {
		struct summary *s = &t->sums[t->building[--t->nr_building]];

		s->status = SUM_TAINTED;
		s->entry = NULL;
	}
	rewind_chunks(&t->links);
}

void free_summaries(struct analysis *an)
{
	struct sum_table *t = an->sums;

	if (!t)
		return;
	for (size_t i = 1; i < t->nr; i++)
		free(t->sums[i].exits);
	free_chunks(&t->links);
	free(t->sums);
	free(t->index);
	free(t->steps);
	free(t->building);
	free(t->classes);
	free(t);
	an->sums = NULL;
}
