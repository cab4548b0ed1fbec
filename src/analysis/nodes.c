// SPDX-License-Identifier: GPL-2.0
/*
 * The walk's memory: nodes (a block, an index in it, a state, and the step that led there, so a
 * finding's witness is the parent chain) and the set of (block, index, state) already walked,
 * which is what makes the walk terminate.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/error.h>
#include "analysis_internal.h"

/* Two words at a time in two lanes, mixed at the end: every pushed state is hashed. */
uint64_t hash_state(const struct block *blk, unsigned idx, const struct astate *st)
{
	const uint8_t *p = (const uint8_t *)st;
	uint64_t a = 0xcbf29ce484222325ull ^ (uintptr_t)blk, b = 0x84222325cbf29ce4ull ^ idx, w0, w1, h;

	_Static_assert(sizeof(*st) % 32 == 0, "the state hashes in fours of words");
	/* Four words a turn: the loop's own instructions were a third of the hash. */
	for (size_t i = 0; i < sizeof(*st); i += 32) {
		memcpy(&w0, p + i, 8);
		memcpy(&w1, p + i + 8, 8);
		a = (a ^ w0) * 0x9e3779b97f4a7c15ull;
		b = (b ^ w1) * 0xc2b2ae3d27d4eb4full;
		memcpy(&w0, p + i + 16, 8);
		memcpy(&w1, p + i + 24, 8);
		a = (a ^ w0) * 0x9e3779b97f4a7c15ull;
		b = (b ^ w1) * 0xc2b2ae3d27d4eb4full;
	}
	h = a ^ (b >> 31) ^ (b << 33);
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 32);
}

static bool same_node(const struct node *a, uint64_t h, const struct block *blk, unsigned idx,
		      const struct astate *st)
{
	return a->hash == h && a->blk == blk && a->idx == idx && !memcmp(&a->st, st, sizeof(*st));
}

void grow_seen(struct analysis *an)
{
	size_t old = an->seen_mask + 1, size = old * 2;
	struct node **seen = xcalloc(size, sizeof(*seen));

	for (size_t i = 0; an->seen && i < old; i++) {
		size_t j;

		if (!an->seen[i])
			continue;
		for (j = an->seen[i]->hash & (size - 1); seen[j]; j = (j + 1) & (size - 1))
			;
		seen[j] = an->seen[i];
		seen[j]->slot = (uint32_t)j;
	}
	free(an->seen);
	an->seen = seen;
	an->seen_mask = size - 1;
}

/* The free slot for (blk, idx, st), or NULL if that was walked (*was: the node that was). */
static struct node **find_unseen(struct analysis *an, uint64_t h, const struct block *blk, unsigned idx,
				 const struct astate *st, const struct node **was)
{
	size_t i;

	if (2 * an->nr_slots >= an->seen_mask)
		grow_seen(an);
	for (i = h & an->seen_mask; an->seen[i]; i = (i + 1) & an->seen_mask)
		if (same_node(an->seen[i], h, blk, idx, st)) {
			*was = an->seen[i];
			return NULL;
		}
	return &an->seen[i];
}

/* Was blk walked from idx with st in this run? */
bool node_walked(struct analysis *an, const struct block *blk, unsigned idx, const struct astate *st)
{
	const struct node *was = NULL;

	return !find_unseen(an, hash_state(blk, idx, st), blk, idx, st, &was);
}

/* The chunk after l's current one, emptied: kept from an earlier run, or new (size bytes). */
void *next_chunk(struct chunk_list *l, size_t size)
{
	struct chunk_head *c = l->cur ? l->cur->next : l->first;

	if (!c) {
		c = xmalloc(size);
		c->next = NULL;
		if (l->cur)
			l->cur->next = c;
		else
			l->first = c;
	}
	c->used = 0;
	l->cur = c;
	return c;
}

/* A new run fills the chunks from the first again. */
void rewind_chunks(struct chunk_list *l)
{
	l->cur = l->first;
	if (l->cur)
		l->cur->used = 0;
}

void free_chunks(struct chunk_list *l)
{
	while (l->first) {
		struct chunk_head *c = l->first;

		l->first = c->next;
		free(c);
	}
	l->cur = NULL;
}

static struct node *alloc_node(struct analysis *an)
{
	struct chunk *c = (struct chunk *)an->nodes.cur;

	if (!c || c->head.used == CHUNK_NODES)
		c = next_chunk(&an->nodes, sizeof(*c));
	return &c->nodes[c->head.used++];
}

/* A new run: the node storage is kept (fresh memory costs page faults), the seen set emptied. */
void reset_run(struct analysis *an)
{
	/* Empty only the slots this run filled: the set is sized for the largest run. */
	for (struct chunk_head *h = an->nodes.first; h; h = h->next) {
		const struct chunk *c = (const struct chunk *)h;

		for (size_t i = 0; i < h->used; i++)
			an->seen[c->nodes[i].slot] = NULL;
		if (h == an->nodes.cur)
			break;
	}
	rewind_chunks(&an->nodes);
	an->nr_nodes = 0;
	an->nr_slots = 0;
	an->nr_work = 0;
}

void free_nodes(struct analysis *an)
{
	free_chunks(&an->nodes);
}

/*
 * Queue a walk of blk from idx with state st, as part of summary sum's walk (0: none), unless
 * that was walked already; returns the new node, or NULL.
 */
struct node *push_node(struct analysis *an, const struct wstep *parent, uint32_t sum,
		       struct function *func, const struct block *blk, unsigned idx,
		       const struct astate *st, uint64_t at, const char *step, const struct edge *e)
{
	uint64_t h = hash_state(blk, idx, st);
	const struct node *was = NULL;
	struct node **slot, *n;

	if (an->nr_nodes >= MAX_NODES) {
		an->overflow = true;
		return NULL;
	}
	slot = find_unseen(an, h, blk, idx, st, &was);
	if (!slot) {
		/* Another walk got there first: this summary's walk does not see all it leads to. */
		if (sum && was->sum != sum)
			taint_summary(an, sum);
		return NULL;
	}
	n = alloc_node(an);
	*n = (struct node){ { parent, at, step, e ? e->lits : NULL, e ? e->nr_lits : 0, e != NULL }, func, blk, idx,
			    0, sum, 0, 0, h, *st };
	*slot = n;
	n->slot = (uint32_t)(slot - an->seen);
	an->nr_nodes++;
	an->nr_slots++;
	count_summary_node(an, sum);
	queue_node(an, n);
	return n;
}

/* Put n on the work stack (push_node() does; a replayed summary's entry goes again). */
void queue_node(struct analysis *an, struct node *n)
{
	if (an->nr_work == an->max_work) {
		size_t max = an->max_work ? 2 * an->max_work : 256;
		an->work = xrealloc(an->work, max * sizeof(*an->work));
		an->max_work = max;
	}
	an->work[an->nr_work++] = n;
}
