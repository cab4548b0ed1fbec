// SPDX-License-Identifier: GPL-2.0
/*
 * spec-untrain, spec-verw, spec-bhb: speculation mitigations on entry and exit.
 *
 * A mitigation is a patch site whose replacement does the work (call entry_untrain_ret, verw,
 * call clear_bhb_loop); passing the site is what the contract asks for, whichever variant the
 * CPU gets, because the kernel enables the feature where the hardware needs it.
 */
#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* This family's per-path bits in astate.family, fixed in checks.h (.bits_at). */
enum { bits_at = SPEC_BITS_AT };
#define UNTRAIN_NEEDED	(1ull << (bits_at + 0))	/* a user or IST entry: untrain before RET */
#define UNTRAINED	(1ull << (bits_at + 1))	/* UNTRAIN_RET done */
#define IBRS		(1ull << (bits_at + 2))	/* an IBRS_ENTER site was passed */
#define VERW		(1ull << (bits_at + 3))	/* a VERW site since the last swapgs / CR3 write */
#define BHB		(1ull << (bits_at + 4))	/* a CLEAR_BHB site was passed */

static bool needs_untrain(const struct astate *st)
{
	return (st->family & UNTRAIN_NEEDED) && !(st->family & UNTRAINED);
}

static void untrain_needed(struct actx *c, const struct insn *insn, const char *what)
{
	if (!needs_untrain(c->st) || untrain_deferred(c, insn, what))
		return;
	report_contract(c, RULE_spec_untrain, insn, "%s before UNTRAIN_RET", what);
	c->st->family |= UNTRAINED;
}

/* The untraining point (an UNTRAIN_RET site, or its VALIDATE_UNRET_END marker in objects):
 * IBRS_ENTER must come first, except under Xen PV, which has no IBRS_ENTER. */
static void untrained_at(struct actx *c, const struct insn *at)
{
	struct astate *st = c->st;

	if (needs_untrain(st) && !(st->family & IBRS) && !assumed_on(st, X86_FEATURE_XENPV) && at)
		report_contract(c, RULE_spec_untrain, at, "UNTRAIN_RET without IBRS_ENTER before it");
	st->family |= UNTRAINED;
}

static void spec_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	switch (insn->type) {
	case INSN_RET:
		untrain_needed(c, insn, "return");
		break;
	case INSN_JUMP_DYNAMIC:
		untrain_needed(c, insn, "indirect jump");
		break;
	case INSN_NOP:
		/* VALIDATE_UNRET_END: a path that needs no untraining says so (error_entry, kernel). */
		if (annot_has(&c->file->special, ANN_RETPOLINE_SAFE, insn->addr))
			untrained_at(c, insn);
		break;
	case INSN_VERW:
		st->family |= VERW;
		break;
	case INSN_SWAPGS:
	case INSN_CR3_WRITE:
		st->family &= ~VERW;
		break;
	default:
		break;
	}
}

static void spec_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	struct astate *st = c->st;
	enum entry_kind k = c->ep->me->kind;
	char what[160];

	if (callee && (callee->roles & ROLE_UNTRAIN)) {
		st->family |= UNTRAINED;
		return;
	}
	if (needs_untrain(st)) {
		snprintf(what, sizeof(what), "call to %s", callee ? callee->name : "an indirect target");
		untrain_needed(c, insn, what);
	}
	if ((k == ENTRY_SYSCALL64 || k == ENTRY_SYSCALL_COMPAT || k == ENTRY_SYSENTER) &&
	    !(st->family & BHB) && callee && !(callee->roles & ROLE_BHB_CLEAR) &&
	    (callee->roles & ROLE_SYSRET_VETTER)) {
		report_contract(c, RULE_spec_bhb, insn, "call to the syscall handler %s without CLEAR_BHB",
				callee->name);
		st->family |= BHB;
	}
	if (callee && (callee->roles & ROLE_BHB_CLEAR))
		st->family |= BHB;
}

static void spec_site(struct actx *c, const struct block *choice)
{
	const struct model *m = c->model;
	struct astate *st = c->st;

	if (site_guarded_by(choice, m->ibrs_feature))
		st->family |= IBRS;
	if (site_replacement_calls(choice, ROLE_UNTRAIN))
		untrained_at(c, choice->nr_succ && choice->succ[0].to && choice->succ[0].to->nr_insns ?
				choice->succ[0].to->insns : NULL);
	if (site_replacement_calls(choice, ROLE_BHB_CLEAR))
		st->family |= BHB;
	if (site_guarded_by(choice, m->verw_feature) && site_replacement_has(choice, INSN_VERW))
		st->family |= VERW;
}

static void spec_exit(struct actx *c, const struct insn *insn, enum exit_kind kind)
{
	if (kind == EXIT_IRET_KERNEL || kind == EXIT_ERETS)
		return;
	if (!(c->st->family & VERW))
		report_contract(c, RULE_spec_verw, insn,
				"returns to user mode without CLEAR_CPU_BUFFERS after the last swapgs or CR3 switch");
}

/* User entries and IST entries (which may interrupt the kernel anywhere, with user-trained
 * predictors) must untrain; objtool's VALIDATE_UNRET_BEGIN list, where present, says which. */
static void spec_init(struct actx *c)
{
	const struct special *sp = &c->file->special;
	enum entry_kind k = c->ep->me->kind;

	if (c->st->origin == V_USER || k == ENTRY_IDT_IST)
		c->st->family |= UNTRAIN_NEEDED;
	if ((sp->annots[ANN_VALIDATE_UNRET].n && !annot_has(sp, ANN_VALIDATE_UNRET, c->ep->addr)) ||
	    c->ep->me->no_untrain)
		c->st->family &= ~UNTRAIN_NEEDED;
}

static const enum rule_id spec_rules[] = { RULE_spec_untrain, RULE_spec_verw, RULE_spec_bhb };

const struct contract_check spec_checks = {
	.bits = SPEC_BITS,
	.bits_at = SPEC_BITS_AT,
	.name = "spec",
	.rules = spec_rules,
	.nr_rules = ARRAY_SIZE(spec_rules),
	.init = spec_init,
	.insn = spec_insn,
	.call = spec_call,
	.exit = spec_exit,
	.site = spec_site,
};
