// SPDX-License-Identifier: GPL-2.0
/*
 * The walk: every entry point, in every variant, block by block with the abstract state.
 *
 * Walked code is the asm of entry text and typeless (SYM_CODE) asm elsewhere; calls into it are
 * followed with a return stack, so error_entry and paranoid_entry are analysed in the context of
 * each stub.  Calls to C are summarised: the C ABI clobbers, the model's stack switchers return
 * the new stack in RAX, the sysret vetters return their verdict, untrain and BHB-clearing calls
 * do their job.  A (block, state) pair is walked once per run, which bounds the walk; a call or
 * jump into another walked function that an earlier walk entered with the same state is
 * replayed from its summary (summary.c) instead of walked again.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>
#include "analysis_internal.h"

/* ---- the running families ---- */

static bool family_runs(const struct contract_check *f, const struct model *m)
{
	for (size_t i = 0; i < f->nr_rules; i++)
		if (opts.rule_on[f->rules[i]])
			return true;
	return f->wanted && f->wanted(m);
}

/* A mask of n bits from at (n <= 64). */
static uint64_t bit_range(unsigned at, unsigned n)
{
	return n ? (n == 64 ? ~0ull : ((1ull << n) - 1)) << at : 0;
}

int add_families(struct analysis *an, const struct contract_check *const *families, size_t nr,
		 enum walk_kind kind)
{
	uint64_t used_bits = 0, used_words = 0;

	for (size_t i = 0; i < nr; i++) {
		const struct contract_check *f = families[i];
		uint64_t bits = bit_range(f->bits_at, f->bits), words = bit_range(f->words_at, f->words);

		if (f->walk != kind || !family_runs(f, an->m))
			continue;
		if (an->nr_families == ARRAY_SIZE(an->families) || f->bits_at + f->bits > 64 ||
		    f->words_at + f->words > FAMILY_WORDS || (used_bits & bits) || (used_words & words))
			return input_error(NULL, "internal error: the %s family's state does not fit",
					   f->name);
		used_bits |= bits;
		used_words |= words;
		an->families[an->nr_families++] = f;
		/* Every instruction calls these: only the families that have them. */
		if (f->insn)
			an->insn_hooks[an->nr_insn_hooks++] = f->insn;
		if (f->after)
			an->after_hooks[an->nr_after_hooks++] = f->after;
		an->needs |= f->needs;
	}
	return 0;
}

bool untrain_deferred(struct actx *c, const struct insn *insn, const char *what)
{
	for (size_t i = 0; i < c->an->nr_families; i++)
		if (c->an->families[i]->defer_untrain && c->an->families[i]->defer_untrain(c, insn, what))
			return true;
	return false;
}

bool span_governed(const struct actx *c)
{
	for (size_t i = 0; i < c->an->nr_families; i++)
		if (c->an->families[i]->governs && c->an->families[i]->governs(c))
			return true;
	return false;
}

bool ist_area_ptr(const struct actx *c, const struct rval *v)
{
	switch (v->kind) {
	case RV_IST_AREA:
		return true;
	case RV_STACK:
		return v->v == STK_IST || v->v == STK_MAIN;
	case RV_ADDR:
		return model_in_ist_area(c->model, &c->file->elf, (uint64_t)v->v);
	default:
		return false;
	}
}

#define for_each_family(an, f) \
	for (const struct contract_check *const *f = (an)->families; f < (an)->families + (an)->nr_families; f++)

/* ---- feature assumptions ---- */

bool feature_assumed(const struct astate *st, uint16_t feature, bool *on)
{
	for (size_t i = 0; i < st->nr_lits; i++)
		if (st->lits[i].feature == feature) {
			*on = !st->lits[i].neg;
			return true;
		}
	return false;
}

static bool is_tracked(const struct analysis *an, uint16_t feature)
{
	for (size_t i = 0; i < an->nr_tracked; i++)
		if (an->tracked[i] == feature)
			return true;
	return false;
}

/* Add a literal; false if it contradicts the path or the model's exclusions. */
static bool assume(const struct analysis *an, struct astate *st, struct feat_lit l)
{
	bool on;
	size_t i;

	if (feature_assumed(st, l.feature, &on))
		return on == !l.neg;
	if (!l.neg)
		for (size_t k = 0; k < an->m->nr_exclusions; k++) {
			const struct model_exclusion *x = &an->m->exclusions[k];
			uint16_t other = x->a == l.feature ? x->b : x->b == l.feature ? x->a : 0xffff;

			if (other != 0xffff && feature_assumed(st, other, &on) && on)
				return false;
		}
	if (!is_tracked(an, l.feature))
		return true;
	if (st->nr_lits == MAX_LITS)
		return true;		/* forget it: less precise, still sound for the checks */
	for (i = st->nr_lits; i && st->lits[i - 1].feature > l.feature; i--)
		st->lits[i] = st->lits[i - 1];
	st->lits[i] = l;
	st->nr_lits++;
	return true;
}

bool assumed_on(const struct astate *st, uint16_t feature)
{
	bool on;

	return feature_assumed(st, feature, &on) && on;
}

bool under_pti(const struct actx *c)
{
	return assumed_on(c->st, X86_FEATURE_PTI);
}

/* ---- helpers for checks ---- */

bool is_user_mapped_text(const struct actx *c, uint64_t addr)
{
	const struct symbol *s;

	if (addr_class(&c->file->elf, addr) == CODE_ENTRY)
		return true;
	s = find_symbol_containing(&c->file->elf, addr);
	return s && (s->roles & ROLE_USER_TEXT);
}

/* Does any replacement of the site hold an instruction that match() accepts? */
static bool site_any(const struct block *choice, bool (*match)(const struct insn *, const void *),
		     const void *arg)
{
	for (size_t i = 0; i < choice->nr_succ; i++) {
		const struct block *b = choice->succ[i].to;

		for (size_t k = 0; b && choice->succ[i].alt && k < b->nr_insns; k++)
			if (match(&b->insns[k], arg))
				return true;
	}
	return false;
}

static bool calls_one_of(const struct insn *insn, const void *arg)
{
	return (insn->type == INSN_CALL || insn->type == INSN_JUMP) && insn->dest.sym &&
	       (insn->dest.sym->roles & *(const uint16_t *)arg);
}

static bool has_type(const struct insn *insn, const void *arg)
{
	return insn->type == *(const enum insn_type *)arg;
}

bool site_replacement_calls(const struct block *choice, uint16_t roles)
{
	return site_any(choice, calls_one_of, &roles);
}

bool site_replacement_has(const struct block *choice, enum insn_type type)
{
	return site_any(choice, has_type, &type);
}

bool site_guarded_by(const struct block *choice, uint16_t feature)
{
	for (size_t i = 0; i < choice->nr_succ; i++)
		for (size_t k = 0; k < choice->succ[i].nr_lits; k++)
			if (choice->succ[i].lits[k].feature == feature)
				return true;
	return false;
}

/* ---- the walk ---- */

static void run_hooks_insn(struct actx *c, const struct insn *insn)
{
	for (size_t i = 0; i < c->an->nr_insn_hooks; i++)
		c->an->insn_hooks[i](c, insn);
}

static void run_hooks_after(struct actx *c, const struct insn *insn)
{
	for (size_t i = 0; i < c->an->nr_after_hooks; i++)
		c->an->after_hooks[i](c, insn);
}

static void run_hooks_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	for_each_family(c->an, f)
		if ((*f)->call)
			(*f)->call(c, insn, callee);
}

static void run_hooks_exit(struct actx *c, const struct insn *insn, enum exit_kind kind)
{
	for_each_family(c->an, f)
		if ((*f)->exit)
			(*f)->exit(c, insn, kind);
}

static void run_hooks_init(struct actx *c)
{
	for_each_family(c->an, f)
		if ((*f)->init)
			(*f)->init(c);
}

/* Does the model say what a call to s does (so it need not be in this object)? */
static bool model_summarises(const struct symbol *s)
{
	return s->roles & (ROLE_SWITCHER | ROLE_UNTRAIN | ROLE_BHB_CLEAR | ROLE_SYSRET_VETTER | ROLE_XEN_EXIT);
}

/* A call to C (or to anything not walked): the checks, then the summary. */
static void summarise_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	const struct model *m = c->model;
	struct astate *st = c->st;

	run_hooks_call(c, insn, callee);
	clobber_caller_saved(st);
	if (!callee)
		return;
	if (callee->roles & ROLE_SYSRET_VETTER)
		st->regs[GPR_RAX].kind = RV_VERDICT;
	for (size_t i = 0; (callee->roles & ROLE_SWITCHER) && i < m->nr_switchers; i++)
		if (!strcmp(m->switchers[i].symbol, callee->name)) {
			st->regs[GPR_RAX].kind = RV_NEWSTACK;
			if (m->switchers[i].to_user_frame)
				st->origin = V_USER;
		}
}

static uint64_t fallthrough_addr(const struct block *blk)
{
	for (size_t i = 0; i < blk->nr_succ; i++)
		if (blk->succ[i].kind == EDGE_FALLTHROUGH)
			return blk->succ[i].addr;
	return 0;
}

/* The block and index addr is at in func; false if it is no instruction's start. */
bool find_target(struct analysis *an, struct function *func, uint64_t addr,
		 const struct block **blk, unsigned *idx)
{
	const struct block *b;

	if (!func || !function_cfg(an->file, func))
		return false;
	b = block_at(func, addr);
	*blk = b;
	*idx = 0;
	if (b)
		return true;
	b = block_containing(func, addr);
	for (unsigned i = 0; b && i < b->nr_insns; i++)
		if (b->insns[i].addr == addr) {
			*blk = b;
			*idx = i;
			return true;
		}
	return false;
}

/* Continue at addr in func (a jump or a return into walked code). */
void goto_addr(struct analysis *an, const struct wstep *parent, uint32_t sum, struct function *func,
	       uint64_t addr, const struct astate *st, uint64_t at, const char *step)
{
	const struct block *blk;
	unsigned idx;

	if (find_target(an, func, addr, &blk, &idx))
		push_node(an, parent, sum, func, blk, idx, st, at, step, NULL);
}

/* RET: back to the caller on the return stack; an entry's own RET ends the path. */
static void do_return(struct analysis *an, const struct node *n, struct astate *st, uint64_t at)
{
	struct call_frame fr;

	if (!st->depth)
		return;
	fr = st->calls[--st->depth];
	memset(&st->calls[st->depth], 0, sizeof(st->calls[0]));
	note_exit(an, n, st, at);
	goto_addr(an, &n->w, 0, fr.func, fr.ret, st, at, "return");
}


/* A direct call or jump to code outside the current function. */
static void transfer_control(struct analysis *an, struct actx *c, const struct insn *insn,
			     const struct block *blk, bool is_call)
{
	struct astate *st = c->st;
	struct function *callee = insn->dest.known ? find_function_containing(an->file, insn->dest.addr) : NULL;

	if (is_model_exit(&insn->dest)) {
		run_hooks_exit(c, insn, EXIT_XEN);
		return;
	}
	if (!callee && insn->dest.sym && !is_call && !model_summarises(insn->dest.sym)) {
		/* Asm elsewhere (xen_asm_* -> asm_exc_*): nothing here says what it does. */
		taint_summary(an, c->node->sum);	/* the note names the entry point */
		report_note(an->file, insn->addr, "%s: the path continues in %s, not in this object: "
			    "unverifiable here", an->ep->name, insn->dest.sym->name);
		return;
	}
	if (callee && function_is_walked(callee)) {
		if (is_call) {
			if (st->depth == MAX_CALLS)
				return;
			st->calls[st->depth++] = (struct call_frame){ c->node->func, fallthrough_addr(blk) };
		}
		enter_walked(an, c->node, callee, insn->dest.addr, st, insn->addr, is_call ? "call" : "jump");
		return;
	}
	summarise_call(c, insn, insn->dest.sym);
	if (is_call) {
		if (!callee || function_returns(an->file, callee))
			goto_addr(an, &c->node->w, c->node->sum, c->node->func, fallthrough_addr(blk), st,
				  insn->addr, NULL);
		return;
	}
	do_return(an, c->node, st, insn->addr);	/* a tail call returns for us */
}

static void walk_edges(struct analysis *an, struct actx *c, const struct block *blk)
{
	const struct insn *last = blk->nr_insns ? &blk->insns[blk->nr_insns - 1] : NULL;

	for (size_t i = 0; i < blk->nr_succ; i++) {
		const struct edge *e = &blk->succ[i];
		/* Only a branch's refinement and an alternative's assumptions change the state: the
		 * other edges pass it on uncopied (push_node() copies it anyway). */
		const struct astate *next = c->st;
		struct astate st;
		struct actx c2;
		const char *step = NULL;
		bool ok = true;

		switch (e->kind) {
		case EDGE_EXCEPTION:
			continue;	/* a fixup runs in another context */
		case EDGE_TAKEN:
		case EDGE_NOT_TAKEN:
			st = *c->st;
			c2 = *c;
			c2.st = &st;
			next = &st;
			ok = refine_branch(&c2, last, e->kind == EDGE_TAKEN);
			step = edge_step_name(e->kind);
			break;
		case EDGE_ALT:
			st = *c->st;
			next = &st;
			for (size_t k = 0; ok && k < e->nr_lits; k++)
				ok = assume(an, &st, e->lits[k]);
			step = edge_step_name(e->kind);
			break;
		default:
			step = edge_step_name(e->kind);
			break;
		}
		if (!ok)
			continue;
		if (e->to)
			push_node(an, &c->node->w, c->node->sum, c->node->func, e->to, 0, next,
				  last ? last->addr : blk->start, step, e->kind == EDGE_ALT ? e : NULL);
		else if (e->kind != EDGE_ALT)
			goto_addr(an, &c->node->w, c->node->sum, find_function_containing(an->file, e->addr),
				  e->addr, next, last ? last->addr : blk->start, step);
	}
}

/* A jump to another function, or to a symbol this object does not define (jmp sync_regs). */
static bool leaves_function(const struct function *f, const struct insn *insn)
{
	if (!insn->dest.known)
		return insn->dest.sym != NULL;
	return insn->dest.addr < f->start || insn->dest.addr >= f->end;
}

/* An IRET to the frame its own code built (cfg.c's EDGE_IRET) goes on like a jump. */
static bool iret_continues(const struct block *blk)
{
	for (size_t i = 0; i < blk->nr_succ; i++)
		if (blk->succ[i].kind == EDGE_IRET)
			return true;
	return false;
}

static void walk_node(struct analysis *an, struct node *n)
{
	const struct block *blk = n->blk;
	struct astate st = n->st;
	struct actx c = { an, an->file, an->m, an->ep, n, &st, NULL };

	if (n->replay) {
		replay_exit(an, n);
		return;
	}
	if (blk->choice) {
		for_each_family(an, f)
			if ((*f)->site)
				(*f)->site(&c, blk);
		walk_edges(an, &c, blk);
		return;
	}
	for (unsigned i = n->idx; i < blk->nr_insns; i++) {
		const struct insn *insn = &blk->insns[i];

		run_hooks_insn(&c, insn);
		switch (insn->type) {
		case INSN_CALL:
			if (insn->flags & INSN_F_INTRA_CALL)
				break;
			transfer_control(an, &c, insn, blk, true);
			return;
		case INSN_CALL_DYNAMIC:
			summarise_call(&c, insn, NULL);
			break;
		case INSN_JUMP:
			if (leaves_function(n->func, insn)) {
				transfer_control(an, &c, insn, blk, false);
				return;
			}
			break;
		case INSN_RET:
			do_return(an, n, &st, insn->addr);
			return;
		case INSN_SYSRET:
			run_hooks_exit(&c, insn, EXIT_SYSRET);
			return;
		case INSN_IRET:
			if (iret_continues(blk))
				break;	/* to its own label: not an exit */
			run_hooks_exit(&c, insn, st.origin == V_USER ? EXIT_IRET_USER : EXIT_IRET_KERNEL);
			return;
		case INSN_ERET:
			run_hooks_exit(&c, insn, insn->flags & INSN_F_USER ? EXIT_ERETU : EXIT_ERETS);
			return;
		case INSN_JUMP_DYNAMIC:
		case INSN_INT3:
		case INSN_BUG:
		case INSN_HLT:
		case INSN_INVALID:
			if (insn->type != INSN_BUG || blk->nr_succ == 0)
				return;
			break;
		default:
			break;
		}
		transfer_insn(&c, insn);
		run_hooks_after(&c, insn);
	}
	walk_edges(an, &c, blk);
}

/* ---- entry states ---- */

static bool kind_is_native(enum entry_kind k)
{
	return k != ENTRY_XEN_PV;
}

/* The machine state an entry starts in: stack, GSBASE, registers.  What the rules expect of it
 * is the families' (their init hooks). */
static void init_state(struct astate *st, const struct entry_point *ep, uint8_t origin)
{
	enum entry_kind k = ep->me->kind;

	memset(st, 0, sizeof(*st));
	st->origin = origin;
	for (int g = 0; g < NR_GPRS; g++)
		st->regs[g].kind = RV_USER, st->regs[g].v = g;
	switch (k) {
	case ENTRY_SYSCALL64:
	case ENTRY_SYSCALL_COMPAT:
		st->stack = STK_USER;
		break;
	case ENTRY_SYSENTER:
		st->stack = STK_ENTRY;
		break;
	case ENTRY_IDT:
		st->stack = origin == V_USER ? STK_ENTRY : STK_KERNEL;
		break;
	case ENTRY_IDT_IST:
		st->stack = STK_IST;
		break;
	default:
		st->stack = STK_KERNEL;
		break;
	}
	/* The hardware's GSBASE: the user's from user mode, unless FRED or Xen swapped it. */
	if (k == ENTRY_FRED_USER || k == ENTRY_FRED_KERNEL || k == ENTRY_XEN_PV)
		st->gs = V_KERNEL;
	else if (origin == V_USER)
		st->gs = V_USER;
	else
		st->gs = k == ENTRY_IDT_IST ? V_UNKNOWN : V_KERNEL;
	st->gs_entry = st->gs;
	if (origin == V_KERNEL && k != ENTRY_XEN_PV)
		for (int g = 0; g < NR_GPRS; g++)
			st->regs[g].kind = RV_UNKNOWN, st->regs[g].v = 0;
	/* Only SYSCALL leaves the user's RSP in RSP; elsewhere it points to the stack entered on. */
	if (st->stack != STK_USER)
		st->regs[GPR_RSP].kind = RV_STACK, st->regs[GPR_RSP].v = st->stack;
}

/* CR3 depends on the PTI variant, decided after the literals are in. */
static void init_cr3(struct astate *st, const struct entry_point *ep, bool pti)
{
	if (!pti || ep->me->kind == ENTRY_XEN_PV || ep->me->kind == ENTRY_FRED_USER ||
	    ep->me->kind == ENTRY_FRED_KERNEL)
		st->cr3 = V_KERNEL;
	else if (st->origin == V_USER)
		st->cr3 = V_USER;
	else
		st->cr3 = ep->me->kind == ENTRY_IDT_IST ? V_UNKNOWN : V_KERNEL;
	st->cr3_entry = st->cr3;
}

static bool origin_possible(enum entry_kind k, uint8_t origin)
{
	switch (k) {
	case ENTRY_SYSCALL64: case ENTRY_SYSCALL_COMPAT: case ENTRY_SYSENTER: case ENTRY_FRED_USER:
		return origin == V_USER;
	case ENTRY_FRED_KERNEL:
		return origin == V_KERNEL;
	default:
		return true;
	}
}

static void run_one(struct analysis *an, const struct entry_point *ep, uint8_t origin, unsigned mask)
{
	const struct model *m = an->m;
	enum entry_kind k = ep->me->kind;
	struct astate st;
	const struct block *b0;

	an->nr_nodes = 0;	/* counted per run: an early return walks nothing */
	an->nr_slots = 0;
	init_state(&st, ep, origin);
	for (size_t i = 0; i < m->nr_variant_features; i++) {
		struct feat_lit l = { .feature = m->variant_features[i], .neg = !(mask & (1u << i)) };

		if (!assume(an, &st, l))
			return;
	}
	/* Native entries are not where a Xen PV guest enters, and the reverse. */
	if (!assume(an, &st, (struct feat_lit){ .feature = X86_FEATURE_XENPV, .neg = kind_is_native(k) }))
		return;
	if ((k == ENTRY_FRED_USER || k == ENTRY_FRED_KERNEL) &&
	    !assume(an, &st, (struct feat_lit){ .feature = X86_FEATURE_FRED, .neg = false }))
		return;
	for (size_t i = 0; i < ep->me->nr_requires; i++)
		if (!assume(an, &st, (struct feat_lit){ .feature = ep->me->requires[i], .neg = false }))
			return;
	init_cr3(&st, ep, under_pti(&(struct actx){ .st = &st }));
	run_hooks_init(&(struct actx){ an, an->file, m, ep, NULL, &st, NULL });
	if (!function_cfg(an->file, ep->func) || !ep->func->nr_blocks)
		return;
	b0 = block_at(ep->func, ep->addr);
	if (!b0)
		return;
	reset_run(an);
	push_node(an, NULL, 0, ep->func, b0, 0, &st, ep->addr, "entry", NULL);
	while (an->nr_work) {
		walk_node(an, an->work[--an->nr_work]);
		close_summaries(an);
	}
	end_summaries_run(an);
}

/* The features whose choice a path must keep: the model's variants and its consistent list. */
static void find_tracked(struct analysis *an)
{
	const struct model *m = an->m;
	const uint16_t *lists[] = { m->variant_features, m->consistent };
	size_t sizes[] = { m->nr_variant_features, m->nr_consistent };

	an->tracked[an->nr_tracked++] = X86_FEATURE_XENPV;
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < sizes[l]; i++)
			if (!is_tracked(an, lists[l][i]))
				an->tracked[an->nr_tracked++] = lists[l][i];
}

/* objtool's VALIDATE_UNRET_BEGIN marks entries: one the model does not know is not checked. */
static void note_unmodelled(struct ist_file *file, const struct model *m, const struct entry_point *eps,
			    size_t nr)
{
	const struct addr_list *l = &file->special.annots[ANN_VALIDATE_UNRET];

	for (size_t i = 0; i < l->n; i++) {
		const struct function *f = find_function_containing(file, l->v[i]);
		size_t k = 0;

		while (k < nr && eps[k].addr != l->v[i])
			k++;
		if (k == nr && !(f && model_lists_name(m, ML_NOT_ENTRIES, f->sym->name)))
			report_note(file, l->v[i], "entry marked VALIDATE_UNRET_BEGIN is not in the "
				    "model: its entry contract is not checked");
	}
}

int analyse_entries(struct ist_file *file, const struct model *m,
		    const struct contract_check *const *families, size_t nr_families,
		    struct analysis_stats *stats)
{
	struct analysis an = { .file = file, .m = m };
	struct entry_point *eps;
	size_t nr, total = 0, walked = 0, runs = 0;

	if (add_families(&an, families, nr_families, WALK_ENTRIES) < 0)
		return -1;
	resolve_entries(file, m, &eps, &nr);
	if (stats)
		stats->entries += nr;
	if (!an.nr_families) {
		free(eps);
		return 0;
	}
	find_tracked(&an);
	note_unmodelled(file, m, eps, nr);
	grow_seen(&an);
	for (size_t i = 0; i < nr; i++) {
		if (total >= MAX_TOTAL_NODES) {
			report_note(file, 0, "the contract walk stopped after %zu states in all: %zu entry "
				    "points from %s on are not checked", total, nr - i, eps[i].name);
			file->stats.entries_cut += nr - i;
			break;
		}
		an.ep = &eps[i];
		an.cls = entry_class(&an, &eps[i]);
		for (uint8_t origin = V_USER; origin <= V_KERNEL; origin++) {
			if (!origin_possible(eps[i].me->kind, origin))
				continue;
			for (unsigned mask = 0; mask < (1u << m->nr_variant_features); mask++) {
				run_one(&an, &eps[i], origin, mask);
				total += an.nr_nodes;	/* with the replayed summaries' nodes, as if walked */
				walked += an.nr_slots;
				runs += an.nr_nodes != 0;
			}
		}
		if (an.overflow) {
			report_note(file, eps[i].addr, "%s: the contract walk stopped after %u states",
				    eps[i].name, MAX_NODES);
			file->stats.entries_cut++;
		}
		an.overflow = false;
	}
	if (stats) {
		stats->states += walked;
		stats->runs += runs;
		for (size_t i = 0; i < an.nr_families && stats->nr_families < 16; i++)
			stats->families[stats->nr_families++] = an.families[i]->name;
	}
	free_nodes(&an);
	free_summaries(&an);
	free(an.seen);
	free(an.work);
	free(eps);
	return 0;
}
