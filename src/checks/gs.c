// SPDX-License-Identifier: GPL-2.0
/*
 * gs-user-access, gs-balance, gs-fence: GSBASE across entry and exit.
 *
 * The state says whose GSBASE is live (user, kernel, unknown), whether it was overwritten since
 * entry, and the parity of swapgs since entry.  Per-CPU (%gs:) accesses, calls into C (call
 * thunks and C code use %gs) and returns (the call-depth return thunk uses %gs) need the
 * kernel's.  Exits need the user's on the way to user mode and the entry value on the way back
 * to the kernel (paranoid exits).  After a conditional swapgs both sides must pass an LFENCE
 * site (or a CR3 write) before the first %gs load.
 */
#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* A %gs use with a GSBASE that may not be the kernel's, not yet reported on this path? */
/* This family's per-path bits in astate.family, fixed in checks.h (.bits_at). */
enum { bits_at = GS_BITS_AT };
#define FENCE_PENDING	(1ull << (bits_at + 0))	/* a conditional swapgs path not fenced yet */
#define GS_REPORTED	(1ull << (bits_at + 1))	/* stop cascades: one gs-user-access per path */

static bool gs_use_unsafe(const struct astate *st)
{
	return st->gs != V_KERNEL && !(st->family & GS_REPORTED);
}

/* Would a %gs use report anything here? (Saves formatting messages on every call.) */
static bool gs_use_matters(const struct astate *st)
{
	return gs_use_unsafe(st) || (st->family & FENCE_PENDING);
}

static void gs_access(struct actx *c, const struct insn *insn, const char *what)
{
	struct astate *st = c->st;

	if (gs_use_unsafe(st)) {
		report_contract(c, RULE_gs_user_access, insn, "%s with %s GSBASE", what, val3_name(st->gs));
		st->family |= GS_REPORTED;
	}
	if (st->family & FENCE_PENDING) {
		report_contract(c, RULE_gs_fence, insn,
				"%s after a conditional swapgs with no LFENCE on this path (CVE-2019-1125)",
				what);
		st->family &= ~FENCE_PENDING;
	}
}

static void gs_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;
	bool fred;

	if (insn->flags & INSN_F_GS)
		gs_access(c, insn, "per-CPU access");
	if (insn->type == INSN_RET && !c->model->ret_no_gs)
		gs_access(c, insn, "return (the call-depth return thunk uses %gs)");
	if (insn->type == INSN_LFENCE || insn->type == INSN_WRGSBASE ||
	    (insn->type == INSN_CR3_WRITE && under_pti(c)))
		st->family &= ~FENCE_PENDING;
	if (insn->type != INSN_SWAPGS)
		return;
	fred = c->ep->me->kind == ENTRY_FRED_USER || c->ep->me->kind == ENTRY_FRED_KERNEL;
	if (assumed_on(st, X86_FEATURE_XENPV) || fred) {
		report_contract(c, RULE_gs_balance, insn, "swapgs on a %s path", fred ? "FRED" : "Xen PV");
		st->family |= GS_REPORTED;
	} else if (st->origin == V_KERNEL && !(st->flags & AF_FIXUP) && !st->gs_abs && !st->gs_par &&
		 st->gs != V_USER) {
		report_contract(c, RULE_gs_balance, insn,
				"swapgs on a path from kernel mode with %s GSBASE: no CS or GSBASE test guards it",
				val3_name(st->gs));
		st->family |= GS_REPORTED;	/* the %gs uses after it are its consequences */
	}
}

static void gs_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	char what[160];

	if (!gs_use_matters(c->st))
		return;
	snprintf(what, sizeof(what), "call to %s", callee ? callee->name : "an indirect target");
	gs_access(c, insn, what);
}

static void gs_site(struct actx *c, const struct block *choice)
{
	if (site_replacement_has(choice, INSN_LFENCE))
		c->st->family &= ~FENCE_PENDING;
}

static void gs_exit(struct actx *c, const struct insn *insn, enum exit_kind kind)
{
	struct astate *st = c->st;

	switch (kind) {
	case EXIT_SYSRET:
	case EXIT_IRET_USER:
		if (st->gs != V_USER)
			report_contract(c, RULE_gs_balance, insn, "returns to user mode with %s GSBASE",
					val3_name(st->gs));
		break;
	case EXIT_IRET_KERNEL:
		if (st->flags & AF_FIXUP)
			break;
		if ((st->gs_abs || st->gs_par) && !(st->gs != V_UNKNOWN && st->gs == st->gs_entry))
			report_contract(c, RULE_gs_balance, insn,
					"returns to kernel mode with %s GSBASE, not the %s one it entered with",
					val3_name(st->gs), val3_name(st->gs_entry));
		break;
	case EXIT_ERETU:
	case EXIT_ERETS:
		if (st->gs != V_KERNEL)
			report_contract(c, RULE_gs_balance, insn, "ERET with %s GSBASE (FRED swaps it itself)",
					val3_name(st->gs));
		break;
	default:
		break;
	}
}

/* An IDT entry may come from user mode after a conditional swapgs: fenced before GS use. */
static void gs_init(struct actx *c)
{
	enum entry_kind k = c->ep->me->kind;

	if (k == ENTRY_IDT || k == ENTRY_IDT_IST)
		c->st->family |= FENCE_PENDING;
}

static const enum rule_id gs_rules[] = { RULE_gs_user_access, RULE_gs_balance, RULE_gs_fence };

const struct contract_check gs_checks = {
	.bits = GS_BITS,
	.bits_at = GS_BITS_AT,
	.name = "gs",
	.rules = gs_rules,
	.nr_rules = ARRAY_SIZE(gs_rules),
	.init = gs_init,
	.insn = gs_insn,
	.call = gs_call,
	.exit = gs_exit,
	.site = gs_site,
};
