// SPDX-License-Identifier: GPL-2.0
/*
 * The function walk: the engine's nodes, visited set and witness steps, over one function at a
 * time instead of from an entry point (analysis.h says what it follows).  A family that judges
 * code by itself, wherever it is called from, walks here: the noinstr rules, with the
 * instrumentation depth as the state.  A block is walked again only with a state it was not
 * walked with, and with MAX_FUNC_STATES at most: only a loop that changes the state on every turn
 * wants more, and the family hears of it (cut) where the walk leaves the path.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/error.h>
#include <istcheck/istcheck.h>
#include "analysis_internal.h"

static void run_hooks_cut(struct actx *c, const struct block *from)
{
	for (size_t i = 0; i < c->an->nr_families; i++)
		if (c->an->families[i]->cut)
			c->an->families[i]->cut(c, from);
}

/* Walk e->to next with *c->st, unless that was walked or the block has had its states. */
static void push_edge(struct actx *c, const struct block *from, const struct edge *e)
{
	struct analysis *an = c->an;
	const struct insn *last = from->nr_insns ? &from->insns[from->nr_insns - 1] : NULL;

	if (node_walked(an, e->to, 0, c->st))
		return;
	if (an->visits[e->to->id] == MAX_FUNC_STATES) {
		run_hooks_cut(c, from);
		return;
	}
	if (push_node(an, &c->node->w, 0, an->root, e->to, 0, c->st, last ? last->addr : from->start,
		      edge_step_name(e->kind), e->kind == EDGE_ALT ? e : NULL))
		an->visits[e->to->id]++;
}

static void walk_fnode(struct analysis *an, const struct node *n, void *ctx)
{
	const struct block *blk = n->blk;
	struct astate st = n->st;
	struct actx c = { an, an->file, an->m, NULL, n, &st, ctx };

	for (unsigned i = n->idx; i < blk->nr_insns; i++)
		for (size_t k = 0; k < an->nr_insn_hooks; k++)
			an->insn_hooks[k](&c, &blk->insns[i]);
	for (size_t k = 0; k < blk->nr_succ; k++)
		if (blk->succ[k].to)
			push_edge(&c, blk, &blk->succ[k]);
}

static void walk_function(struct analysis *an, struct function *func, void *ctx)
{
	struct astate st;

	if (func->nr_blocks > an->max_visits) {
		free(an->visits);
		an->visits = xmalloc(func->nr_blocks);
		an->max_visits = func->nr_blocks;
	}
	memset(an->visits, 0, func->nr_blocks);
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < an->nr_families; i++)
		if (an->families[i]->init)
			an->families[i]->init(&(struct actx){ an, an->file, an->m, NULL, NULL, &st, ctx });
	reset_run(an);
	an->root = func;
	push_node(an, NULL, 0, func, &func->blocks[0], 0, &st, func->start, "entry", NULL);
	an->visits[0] = 1;
	while (an->nr_work)
		walk_fnode(an, an->work[--an->nr_work], ctx);
	if (an->overflow)
		report_note(an->file, func->start, "%s: the function walk stopped after %u states",
			    func->sym->name, MAX_NODES);
	an->overflow = false;
}

int analyse_functions(struct ist_file *file, const struct contract_check *family, void *ctx)
{
	struct analysis an = { .file = file, .m = file->model };
	struct actx c = { &an, file, file->model, NULL, NULL, NULL, ctx };

	if (add_families(&an, &family, 1, WALK_FUNCTIONS) < 0)
		return -1;
	if (!an.nr_families)
		return 0;
	grow_seen(&an);
	for (size_t i = 0; i < file->nr_funcs; i++) {
		struct function *func = &file->funcs[i];

		if (!family->root(&c, func))
			continue;
		if (func->nr_blocks)
			walk_function(&an, func, ctx);
		if (family->done)
			family->done(&c, func);
	}
	free_nodes(&an);
	free(an.seen);
	free(an.work);
	free(an.visits);
	return 0;
}
