// SPDX-License-Identifier: GPL-2.0
/*
 * Building one function's CFG: decode its bytes and every replacement patched into it, find the
 * block leaders, then connect the blocks.  See cfg.h for how patching appears in the graph.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

struct alt_group {
	uint64_t orig, orig_end;
	const struct alt_record *recs;
	size_t nr;
	size_t first_repl;		/* index of this group's first record in builder.repl_* */
};

struct insn_index {
	uint64_t addr;
	size_t idx;
};

struct builder {
	struct ist_file *file;
	struct function *func;
	struct insn *insns;
	size_t nr, cap;
	struct alt_group *groups;
	size_t nr_groups;
	size_t *repl_first, *repl_nr;	/* per record of every group */
	uint64_t *repl_end;		/* per record: where its replacement continues */
	size_t nr_repl;
	struct insn_index *index;	/* every insn, by address */
	bool *leader;
	long *block_of;			/* insn -> block starting there, or -1 */
	long *choice_of;		/* insn -> choice block in front of it, or -1 */
};

static void grow_insns(struct builder *b)
{
	size_t ncap = b->cap ? b->cap * 2 : 64;
	struct insn *n = realloc(b->insns, ncap * sizeof(*n));

	if (!n)
		out_of_memory(b->file->elf.path);
	b->insns = n;
	b->cap = ncap;
}

static int decode_range(struct builder *b, uint64_t start, uint64_t end, uint32_t flags)
{
	const struct elf_file *ef = &b->file->elf;
	const struct section *sec = find_section_by_addr(ef, start);

	if (!sec || !sec->data || end - sec->addr > sec->size)
		return elf_error(ef, "code at %s+0x%lx lies outside its section", b->func->sym->name,
				 (unsigned long)(start - b->func->start));
	for (uint64_t addr = start; addr < end;) {
		struct insn *insn;

		if (b->nr == b->cap)
			grow_insns(b);
		insn = &b->insns[b->nr++];
		addr += decode_insn(b->file->dec, ef, sec, addr, sec->data + (addr - sec->addr),
				    end - addr, insn);
		insn->flags |= flags;
	}
	return 0;
}

/*
 * ALT_FLAG_DIRECT_CALL (paravirt ALT_CALL_INSTR): at boot the replacement's call is aimed at the
 * function in the slot the original "call *pv_ops+N(%rip)" reads, so it calls what the original
 * would.  The replacement's placeholder target (BUG_func) is not what runs.
 */
static void make_direct_call(struct builder *b, uint64_t orig, size_t r)
{
	const struct insn *o = NULL;
	struct insn *call;

	for (size_t i = 0; i < b->func->nr_orig; i++)
		if (b->insns[i].addr == orig)
			o = &b->insns[i];
	if (!o || o->type != INSN_CALL_DYNAMIC || !o->mref.sym || !b->repl_nr[r])
		return;
	call = &b->insns[b->repl_first[r]];
	if (call->type != INSN_CALL)
		return;
	call->type = INSN_CALL_DYNAMIC;
	call->flags |= INSN_F_PV_DIRECT;
	call->mref = o->mref;
	call->op_str = o->op_str;
	memset(&call->dest, 0, sizeof(call->dest));
}

/* Alternative sites in the function, grouped by original address (nested sites share one). */
static int add_alt_groups(struct builder *b)
{
	const struct special *sp = &b->file->special;
	size_t i = 0, lo = PARTITION_POINT(sp->nr_alts, k, sp->alts[k].orig < b->func->start), hi;

	/* Sized for the function's own sites: sized to the end of the table, every CFG zeroed
	 * all the sites after it (a tenth of checking a distribution vmlinux). */
	for (hi = lo; hi < sp->nr_alts && sp->alts[hi].orig < b->func->end; hi++)
		;
	b->groups = calloc(hi - lo + 1, sizeof(*b->groups));
	b->repl_first = calloc(hi - lo + 1, sizeof(size_t));
	b->repl_nr = calloc(hi - lo + 1, sizeof(size_t));
	b->repl_end = calloc(hi - lo + 1, sizeof(uint64_t));
	if (!b->groups || !b->repl_first || !b->repl_nr || !b->repl_end)
		out_of_memory(b->file->elf.path);
	for (i = lo; i < sp->nr_alts && sp->alts[i].orig < b->func->end;) {
		struct alt_group *g = &b->groups[b->nr_groups++];

		g->orig = sp->alts[i].orig;
		g->recs = &sp->alts[i];
		g->first_repl = b->nr_repl;
		for (; i < sp->nr_alts && sp->alts[i].orig == g->orig; i++, g->nr++) {
			const struct alt_record *a = &sp->alts[i];

			if (g->orig + a->orig_len > g->orig_end)
				g->orig_end = g->orig + a->orig_len;
			size_t r = b->nr_repl++;

			b->repl_first[r] = b->nr;
			if (a->repl_len && decode_range(b, a->repl, a->repl + a->repl_len,
							INSN_F_REPLACEMENT) < 0)
				return -1;
			b->repl_nr[r] = b->nr - b->repl_first[r];
			if (a->flags & ALT_FLAG_DIRECT_CALL)
				make_direct_call(b, g->orig, r);
		}
		if (g->orig_end < g->orig)
			g->orig_end = g->orig;
		for (size_t k = 0; k < g->nr; k++)
			b->repl_end[g->first_repl + k] = g->orig_end;
		if (g->orig_end > b->func->end)
			return elf_error(&b->file->elf, "alternative at %s+0x%lx runs past the function",
					 b->func->sym->name, (unsigned long)(g->orig - b->func->start));
	}
	return 0;
}

static int cmp_index(const void *a, const void *b)
{
	const struct insn_index *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static long find_insn(const struct builder *b, uint64_t addr)
{
	struct insn_index key = { .addr = addr }, *hit;

	hit = bsearch(&key, b->index, b->nr, sizeof(key), cmp_index);
	return hit ? (long)hit->idx : -1;
}

static const struct alt_group *group_at(const struct builder *b, uint64_t addr)
{
	for (size_t i = 0; i < b->nr_groups; i++)
		if (b->groups[i].orig == addr)
			return &b->groups[i];
	return NULL;
}

/* A jump to the end of a replacement continues after the original (objtool does the same). */
static long find_insn(const struct builder *b, uint64_t addr);

static uint64_t effective_target(const struct builder *b, uint64_t addr)
{
	/* Replacements sit back to back: the end of one may be the start of the next. */
	if (find_insn(b, addr) >= 0)
		return addr;
	for (size_t g = 0; g < b->nr_groups; g++) {
		const struct alt_group *grp = &b->groups[g];

		for (size_t k = 0; k < grp->nr; k++)
			if (grp->recs[k].repl_len && addr == grp->recs[k].repl + grp->recs[k].repl_len)
				return grp->orig_end;
	}
	return addr;
}

static bool in_function(const struct builder *b, uint64_t addr)
{
	return find_insn(b, effective_target(b, addr)) >= 0;
}

/*
 * An IRET whose frame the code has just built, RIP pushed last (`pushq $1f; iretq`), returns to
 * that label in kernel mode: the NMI's unmasking IRET under CONFIG_DEBUG_ENTRY ("continues at
 * repeat_nmi below").  The walk follows it; every other IRET ends the path.
 */
static bool iret_target(const struct builder *b, size_t i, uint64_t *to)
{
	const struct insn *insn = &b->insns[i], *prev;

	if (insn->type != INSN_IRET || i == 0 || i >= b->func->nr_orig)
		return false;
	prev = &b->insns[i - 1];
	if (prev->type != INSN_PUSH || prev->addr + prev->len != insn->addr || !prev->iref.known ||
	    !in_function(b, prev->iref.addr))
		return false;
	*to = prev->iref.addr;
	return true;
}

static bool call_returns(const struct builder *b, const struct insn *insn)
{
	struct function *callee;

	if (insn->dest.sym && is_noreturn(insn->dest.sym->name))
		return false;
	if (!insn->dest.known || insn->flags & INSN_F_INTRA_CALL)
		return true;
	callee = find_function_containing(b->file, insn->dest.addr);
	return !callee || callee->start != insn->dest.addr || function_returns(b->file, callee);
}

static bool is_dead_end(const struct builder *b, const struct insn *insn)
{
	switch (insn->type) {
	case INSN_BUG:
		return !annot_has(&b->file->special, ANN_REACHABLE, insn->addr + insn->len);
	case INSN_INT3:
	case INSN_INVALID:
		return true;
	case INSN_CALL:
		return !call_returns(b, insn);
	default:
		return insn_ends_flow(insn);
	}
}

static bool is_intra_call(const struct builder *b, const struct insn *insn)
{
	if (insn->type != INSN_CALL || !insn->dest.known)
		return false;
	if (annot_has(&b->file->special, ANN_INTRA_CALL, insn->addr))
		return true;
	return insn->dest.addr != b->func->start && in_function(b, insn->dest.addr);
}

/* Is control leaving insn anything but a plain fall-through? */
static bool ends_block(const struct builder *b, const struct insn *insn)
{
	if (insn_is_branch(insn) || is_dead_end(b, insn) || is_intra_call(b, insn))
		return true;
	if (find_jump(&b->file->special, insn->addr) || find_extable(&b->file->special, insn->addr))
		return true;
	return false;
}

static void mark_leader(struct builder *b, uint64_t addr)
{
	long i = find_insn(b, effective_target(b, addr));

	if (i >= 0)
		b->leader[i] = true;
}

static void mark_leaders(struct builder *b)
{
	const struct special *sp = &b->file->special;
	uint64_t to;

	b->leader[0] = true;
	for (size_t i = 0; i < b->nr; i++) {
		const struct insn *insn = &b->insns[i];
		const struct jump_entry *j = find_jump(sp, insn->addr);
		const struct ex_entry *e = find_extable(sp, insn->addr);

		if (insn->dest.known && (insn_is_branch(insn) || insn->type == INSN_CALL))
			mark_leader(b, insn->dest.addr);
		if (j)
			mark_leader(b, j->target);
		if (e && e->fixup)
			mark_leader(b, e->fixup);
		if (iret_target(b, i, &to))
			mark_leader(b, to);
		if (ends_block(b, insn) && i + 1 < b->nr)
			b->leader[i + 1] = true;
	}
	for (size_t g = 0; g < b->nr_groups; g++) {
		mark_leader(b, b->groups[g].orig);
		mark_leader(b, b->groups[g].orig_end);
		for (size_t k = 0; k < b->groups[g].nr; k++) {
			size_t r = b->groups[g].first_repl + k;

			if (b->repl_nr[r])
				b->leader[b->repl_first[r]] = true;
		}
	}
	/* A block never spans from the function's own bytes into a replacement, or across two. */
	for (size_t r = 0; r < b->nr_repl; r++)
		if (b->repl_first[r] < b->nr)
			b->leader[b->repl_first[r]] = true;
}

static size_t count_blocks(const struct builder *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nr; i++)
		n += b->leader[i] + (i < b->func->nr_orig && group_at(b, b->insns[i].addr) != NULL);
	return n;
}

static void create_blocks(struct builder *b)
{
	struct function *f = b->func;
	struct block *blk = NULL;

	for (size_t i = 0; i < b->nr; i++) {
		b->block_of[i] = b->choice_of[i] = -1;
		if (!b->leader[i]) {
			blk->nr_insns++;
			continue;
		}
		if (i < f->nr_orig && group_at(b, b->insns[i].addr)) {
			blk = &f->blocks[f->nr_blocks];
			blk->id = f->nr_blocks;
			blk->start = b->insns[i].addr;
			blk->choice = true;
			b->choice_of[i] = f->nr_blocks++;
		}
		blk = &f->blocks[f->nr_blocks];
		blk->id = f->nr_blocks;
		blk->start = b->insns[i].addr;
		blk->insns = &f->insns[i];
		blk->nr_insns = 1;
		blk->replacement = i >= f->nr_orig;
		b->block_of[i] = f->nr_blocks++;
	}
}

/* Where control goes when it reaches addr: the choice block of a site, or the plain block. */
static struct block *target_block(const struct builder *b, uint64_t addr)
{
	long i = find_insn(b, effective_target(b, addr));

	if (i < 0)
		return NULL;
	if (b->choice_of[i] >= 0)
		return &b->func->blocks[b->choice_of[i]];
	return b->block_of[i] >= 0 ? &b->func->blocks[b->block_of[i]] : NULL;
}

static void add_edge(struct builder *b, struct block *from, uint64_t addr, enum edge_kind kind)
{
	struct edge *e = realloc(from->succ, (from->nr_succ + 1) * sizeof(*e));

	if (!e)
		out_of_memory(b->file->elf.path);
	from->succ = e;
	e = &from->succ[from->nr_succ++];
	memset(e, 0, sizeof(*e));
	e->addr = effective_target(b, addr);
	e->to = target_block(b, addr);
	e->kind = kind;
}

/* The address after insn: the next instruction, or after the original once a replacement ends. */
static uint64_t next_addr(const struct builder *b, size_t i)
{
	const struct insn *insn = &b->insns[i];

	if (i >= b->func->nr_orig && (i + 1 == b->nr || b->leader[i + 1]))
		for (size_t r = 0; r < b->nr_repl; r++)
			if (b->repl_nr[r] && i == b->repl_first[r] + b->repl_nr[r] - 1)
				return b->repl_end[r];
	return insn->addr + insn->len;
}

static void add_flow_edges(struct builder *b, struct block *blk)
{
	size_t i = (blk->insns - b->func->insns) + blk->nr_insns - 1;
	const struct insn *insn = &b->insns[i];
	const struct special *sp = &b->file->special;
	const struct jump_entry *j = find_jump(sp, insn->addr);
	const struct ex_entry *e = find_extable(sp, insn->addr);
	uint64_t next = next_addr(b, i), to;

	if (j) {
		add_edge(b, blk, j->target, EDGE_KEY_ON);
		add_edge(b, blk, next, EDGE_KEY_OFF);
	} else if (is_intra_call(b, insn)) {
		add_edge(b, blk, insn->dest.addr, EDGE_INTRA_CALL);
	} else if (insn->type == INSN_JUMP_COND && insn->dest.known) {
		add_edge(b, blk, insn->dest.addr, EDGE_TAKEN);
		add_edge(b, blk, next, EDGE_NOT_TAKEN);
	} else if (insn->type == INSN_JUMP_COND) {
		add_edge(b, blk, next, EDGE_NOT_TAKEN);
	} else if (insn->type == INSN_JUMP && insn->dest.known && in_function(b, insn->dest.addr)) {
		add_edge(b, blk, insn->dest.addr, EDGE_JUMP);
	} else if (blk->nr_insns > 1 && iret_target(b, i, &to)) {
		add_edge(b, blk, to, EDGE_IRET);
	} else if (!is_dead_end(b, insn)) {
		add_edge(b, blk, next, EDGE_FALLTHROUGH);
	}
	if (e && e->fixup)
		add_edge(b, blk, e->fixup, EDGE_EXCEPTION);
}

/* The literal "record applies": its feature is set (clear, with ALT_FLAG_NOT). */
static struct feat_lit alt_lit(const struct alt_record *a, bool negate)
{
	return (struct feat_lit){ .feature = a->feature, .neg = !!(a->flags & ALT_FLAG_NOT) != negate };
}

/*
 * Variant k (k == nr: the original) runs when record k applies and no later record does: the
 * kernel applies records in order, so the last match wins.  X86_FEATURE_ALWAYS is always set,
 * so a condition that needs it clear is impossible and that variant gets no edge.
 */
static size_t variant_condition(const struct alt_group *g, size_t k, struct feat_lit *lits)
{
	size_t n = 0;

	for (size_t r = k < g->nr ? k : 0; r < g->nr; r++) {
		struct feat_lit l = alt_lit(&g->recs[r], r != k);

		if (l.feature == X86_FEATURE_ALWAYS) {
			if (l.neg)
				return SIZE_MAX;
			continue;
		}
		for (size_t m = 0; m < n; m++)
			if (lits[m].feature == l.feature && lits[m].neg != l.neg)
				return SIZE_MAX;
		lits[n++] = l;
	}
	return n;
}

static void add_choice_edges(struct builder *b, struct block *blk, struct feat_lit **pool)
{
	const struct alt_group *g = group_at(b, blk->start);

	/* The original first, then the records in table order. */
	for (size_t v = 0; v <= g->nr; v++) {
		size_t k = v == 0 ? g->nr : v - 1, n = variant_condition(g, k, *pool);
		size_t r = g->first_repl + k;
		struct edge *e;

		if (n == SIZE_MAX)
			continue;
		if (k == g->nr) {
			add_edge(b, blk, g->orig, EDGE_ALT);
			e = &blk->succ[blk->nr_succ - 1];
			e->to = &b->func->blocks[b->block_of[find_insn(b, g->orig)]];
		} else {
			uint64_t to = b->repl_nr[r] ? g->recs[k].repl : g->orig_end;

			add_edge(b, blk, to, EDGE_ALT);
			e = &blk->succ[blk->nr_succ - 1];
			e->alt = &g->recs[k];
		}
		e->lits = *pool;
		e->nr_lits = n;
		*pool += n;
	}
}

static void add_edges(struct builder *b)
{
	struct function *f = b->func;
	size_t nr_lits = 0;
	struct feat_lit *pool;

	for (size_t g = 0; g < b->nr_groups; g++)
		nr_lits += (b->groups[g].nr + 1) * b->groups[g].nr;
	f->lits = pool = calloc(nr_lits + 1, sizeof(*pool));
	if (!pool)
		out_of_memory(b->file->elf.path);
	for (size_t i = 0; i < f->nr_blocks; i++) {
		struct block *blk = &f->blocks[i];

		if (blk->choice)
			add_choice_edges(b, blk, &pool);
		else
			add_flow_edges(b, blk);
	}
}

static void mark_tail_calls(struct builder *b)
{
	for (size_t i = 0; i < b->nr; i++) {
		struct insn *insn = &b->insns[i];

		if ((insn->type == INSN_JUMP || insn->type == INSN_JUMP_COND) &&
		    (!insn->dest.known || !in_function(b, insn->dest.addr)))
			insn->flags |= INSN_F_TAIL;
		if (insn->type == INSN_JUMP_DYNAMIC)
			insn->flags |= INSN_F_TAIL;
		if (is_intra_call(b, insn))
			insn->flags |= INSN_F_INTRA_CALL;
	}
}

static void index_insns(struct builder *b)
{
	b->index = calloc(b->nr + 1, sizeof(*b->index));
	b->leader = calloc(b->nr + 1, sizeof(*b->leader));
	b->block_of = calloc(b->nr + 1, sizeof(*b->block_of));
	b->choice_of = calloc(b->nr + 1, sizeof(*b->choice_of));
	if (!b->index || !b->leader || !b->block_of || !b->choice_of)
		out_of_memory(b->file->elf.path);
	for (size_t i = 0; i < b->nr; i++)
		b->index[i] = (struct insn_index){ b->insns[i].addr, i };
	qsort(b->index, b->nr, sizeof(*b->index), cmp_index);
}

static void free_builder(struct builder *b)
{
	free(b->groups);
	free(b->repl_first);
	free(b->repl_nr);
	free(b->repl_end);
	free(b->index);
	free(b->leader);
	free(b->block_of);
	free(b->choice_of);
}

static int build(struct builder *b)
{
	struct function *f = b->func;

	if (decode_range(b, f->start, f->end, 0) < 0)
		return -1;
	f->nr_orig = b->nr;
	if (!b->nr || add_alt_groups(b) < 0)
		return b->nr ? -1 : 0;
	index_insns(b);
	f->insns = b->insns;
	f->nr_insns = b->nr;
	mark_leaders(b);
	mark_tail_calls(b);
	f->blocks = calloc(count_blocks(b) + 1, sizeof(*f->blocks));
	if (!f->blocks)
		out_of_memory(b->file->elf.path);
	create_blocks(b);
	add_edges(b);
	return 0;
}

int build_cfg(struct ist_file *file, struct function *func)
{
	struct builder b = { .file = file, .func = func };
	int ret;

	if (func->built)
		return 0;
	ret = build(&b);
	if (!func->insns)
		free(b.insns);
	free_builder(&b);
	func->built = true;
	return ret;
}

void free_cfg(struct function *func)
{
	for (size_t i = 0; i < func->nr_blocks; i++)
		free(func->blocks[i].succ);
	free(func->blocks);
	free(func->insns);
	free(func->lits);
	func->blocks = NULL;
	func->insns = NULL;
	func->lits = NULL;
	func->nr_blocks = func->nr_insns = 0;
	func->built = false;
}

void free_functions(struct ist_file *file)
{
	for (size_t i = 0; i < file->nr_funcs; i++)
		free_cfg(&file->funcs[i]);
	free(file->funcs);
	file->funcs = NULL;
	file->nr_funcs = 0;
}

struct block *block_containing(const struct function *func, uint64_t addr)
{
	for (size_t i = 0; i < func->nr_blocks; i++) {
		struct block *blk = &func->blocks[i];

		if (blk->choice || !blk->nr_insns)
			continue;
		if (addr >= blk->start && addr < blk->insns[blk->nr_insns - 1].addr +
						 blk->insns[blk->nr_insns - 1].len)
			return blk;
	}
	return NULL;
}

struct block *block_at(const struct function *func, uint64_t addr)
{
	for (size_t i = 0; i < func->nr_blocks; i++)
		if (func->blocks[i].start == addr && (func->blocks[i].choice || func->blocks[i].nr_insns))
			return &func->blocks[i];
	return NULL;
}
