// SPDX-License-Identifier: GPL-2.0
/*
 * The atomic-IST contract (--contract=aist): aist-save-first, aist-reenable, aist-gs,
 * aist-memory, aist-commit on the paths of aIST entries, aist-foreign-sp over the whole file.
 *
 * An aIST entry is "before the commit" from the hardware delivery until the model's commit
 * instruction, its one RSP load onto the IST main stack.  Everything before it must be
 * abortable and replicable: a nested entry throws it away and redoes it.  A kernel without a
 * commit point (mainline) is judged the same way up to where it leaves the IST stack, which is
 * then reported as the non-atomic switch it is.  In the model's boot-time-switch variant
 * without atomic IST ("aist": {"feature"}) none of this applies: the linux rules judge it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

#define ALL_SAVED	(0xffffu & ~(1u << GPR_RSP))

/*
 * The family's per-path bits in astate.family, fixed in checks.h (.bits_at), so that a run
 * without the aist family carries none of them: the GPRs saved so far (one bit per register),
 * and where the path is in the protocol.
 */
enum { bits_at = AIST_BITS_AT };
#define SAVED_SHIFT	(bits_at)
#define PRECOMMIT	(1ull << (bits_at + 16))	/* an atomic-IST entry that has not committed */
#define COMMITTED	(1ull << (bits_at + 17))	/* ... that has: the IST stack is off limits */
#define REPORTED	(1ull << (bits_at + 18))	/* one post-commit IST read per path */

static unsigned saved(const struct actx *c)
{
	return (unsigned)(c->st->family >> SAVED_SHIFT) & 0xffff;
}

static void add_saved(const struct actx *c, unsigned gprs)
{
	c->st->family |= (uint64_t)(gprs & 0xffff) << SAVED_SHIFT;
}

static bool precommit(const struct actx *c)
{
	const struct model_aist *a = &c->model->aist;
	bool on;

	if (!(c->st->family & PRECOMMIT))
		return false;
	return !a->has_feature || !feature_assumed(c->st, a->feature, &on) || on;
}


/* ---- aist-save-first ---- */

static void mark_saved(const struct actx *c, const struct insn *insn)
{
	const struct operand *src = &insn->ops[0];
	int g = src->kind == OPND_REG ? gpr_index(src->reg) : -1;

	if (g < 0)
		return;
	if (insn->type == INSN_PUSH ||
	    (insn->op == OP_MOV && insn->nr_ops == 2 && insn->ops[1].kind == OPND_MEM &&
	     gpr_index(insn->ops[1].mem.base) == GPR_RSP && src->size == 8))
		add_saved(c, 1u << g);
}

/* The GPRs insn writes: explicit operands, and the implicit ones of the instructions that
 * matter here. */
static unsigned written_gprs(const struct insn *insn)
{
	unsigned mask = 0;

	for (unsigned i = 0; i < insn->nr_ops; i++)
		if (insn->ops[i].kind == OPND_REG && (insn->ops[i].access & OPND_WRITE) &&
		    gpr_index(insn->ops[i].reg) >= 0)
			mask |= 1u << gpr_index(insn->ops[i].reg);
	if (insn->type == INSN_RDMSR)
		mask |= 1u << GPR_RAX | 1u << GPR_RDX;
	if (insn->type == INSN_CPUID)
		mask |= 1u << GPR_RAX | 1u << GPR_RBX | 1u << GPR_RCX | 1u << GPR_RDX;
	return mask & ALL_SAVED;
}

static void check_save(struct actx *c, const struct insn *insn)
{
	unsigned lost;

	if ((saved(c) & ALL_SAVED) != ALL_SAVED && insn->nr_ops)
		mark_saved(c, insn);
	lost = written_gprs(insn) & ~saved(c);
	if (!lost)
		return;
	report_contract(c, RULE_aist_save_first, insn, "%s changes %%%s before it is saved: a nested "
			"entry cannot replicate this one", insn->mnemonic, gpr_name(__builtin_ctz(lost)));
	add_saved(c, lost);		/* one finding per register */
}

/* ---- aist-reenable, aist-gs ---- */

static const char *reenables(const struct insn *insn)
{
	switch (insn->type) {
	case INSN_IRET:
		return "unblocks NMIs";
	case INSN_WRMSR:
		return "writes an MSR (MCG_STATUS re-enables #MC; under SEV-ES it raises #VC)";
	case INSN_RDMSR:
		return "reads an MSR (under SEV-ES it raises #VC)";
	case INSN_INT3:
	case INSN_INT:
		return "raises an exception";
	case INSN_DR_WRITE:
		return "writes a debug register (arms #DB)";
	case INSN_CPUID:
	case INSN_IO:
	case INSN_VMCALL:
	case INSN_VMGEXIT:
	case INSN_TDCALL:
		return "raises #VC or #VE, or calls the hypervisor";
	default:
		return NULL;
	}
}

static void check_reenable_gs(struct actx *c, const struct insn *insn)
{
	const char *why = reenables(insn);

	if (why)
		report_contract(c, RULE_aist_reenable, insn, "%s before the commit %s", insn->mnemonic, why);
	if (insn->flags & INSN_F_GS)
		report_contract(c, RULE_aist_gs, insn, "%s uses %%gs before the commit: GSBASE may be the "
				"user's", insn->mnemonic);
	else if (insn->type == INSN_SWAPGS || insn->type == INSN_RDGSBASE ||
		 insn->type == INSN_WRGSBASE || insn->type == INSN_LKGS)
		report_contract(c, RULE_aist_gs, insn, "%s before the commit: a replay after a nested "
				"entry would repeat it", insn->mnemonic);
}

/* ---- aist-memory ---- */

static bool operand_placed(const struct actx *c, const struct insn *insn, const struct mem_operand *m)
{
	int b = gpr_index(m->base), i = gpr_index(m->index);

	if (b == GPR_RSP)
		return c->st->stack == STK_IST || c->st->stack == STK_MAIN;
	if (b >= 0 && ist_area_ptr(c, &c->st->regs[b]))
		return true;
	if (i >= 0 && m->scale == 1 && ist_area_ptr(c, &c->st->regs[i]))
		return true;
	return b < 0 && insn->mref.known && model_in_ist_area(c->model, &c->file->elf, insn->mref.addr);
}

static void check_memory(struct actx *c, const struct insn *insn)
{
	char what[64];

	if (!(insn->flags & (INSN_F_MEM | INSN_F_STACK_MEM)) || (insn->flags & INSN_F_GS) ||
	    insn->type == INSN_NOP || insn->op == OP_LEA)
		return;
	for (unsigned k = 0; k < insn->nr_ops; k++) {
		const struct mem_operand *m = &insn->ops[k].mem;
		int b = gpr_index(m->base);

		if (insn->ops[k].kind != OPND_MEM || operand_placed(c, insn, m))
			continue;
		if (b >= 0)
			snprintf(what, sizeof(what), "through %%%s", gpr_name(b));
		else
			snprintf(what, sizeof(what), "at %s", insn->mref.sym ? insn->mref.sym->name : "an address");
		report_contract(c, RULE_aist_memory, insn, "%s touches memory %s, not known to be in the IST "
				"stacks, the IST main stack or cpu_entry_area, before the commit",
				insn->mnemonic, what);
		return;
	}
}

/* ---- aist-commit ---- */

static bool adjusts_rsp(const struct insn *insn)
{
	return (insn->op == OP_ADD || insn->op == OP_SUB || insn->op == OP_AND) && insn->nr_ops == 2 &&
	       insn->ops[0].kind == OPND_IMM;
}

/* Is insn the model's commit, the one RSP load onto the main stack? */
static bool is_commit(const struct actx *c, const struct insn *insn)
{
	return (insn->flags & INSN_F_WRITES_RSP) && model_is_commit(c->model, &c->file->elf, insn->addr);
}

static void check_rsp_load(struct actx *c, const struct insn *insn)
{
	if (!(insn->flags & INSN_F_WRITES_RSP) || adjusts_rsp(insn))
		return;
	if (is_commit(c, insn)) {
		const struct operand *src = &insn->ops[0];
		int g = insn->nr_ops == 2 && src->kind == OPND_REG ? gpr_index(src->reg) : -1;

		/* The frames were copied to the main stack: committing to an IST address is not
		 * leaving the IST stack. */
		if (g >= 0 && c->st->regs[g].kind == RV_STACK && c->st->regs[g].v == STK_IST)
			report_contract(c, RULE_aist_commit, insn, "the commit loads RSP with an address on "
					"the IST stack (%%%s): the main stack is never reached", gpr_name(g));
		return;
	}
	report_contract(c, RULE_aist_commit, insn, "%s loads RSP before the commit%s: the switch off "
			"the IST stack is not the one atomic commit", insn->mnemonic,
			c->model->aist.commit ? "" : " (the model has no commit point)");
}

/* After the commit nothing may read the IST stack, through a pointer saved before it. */
static void check_ist_read(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	if (!(insn->flags & INSN_F_MEM) || insn->type == INSN_NOP || insn->op == OP_LEA ||
	    (st->family & REPORTED))
		return;
	for (unsigned k = 0; k < insn->nr_ops; k++) {
		int b = insn->ops[k].kind == OPND_MEM ? gpr_index(insn->ops[k].mem.base) : -1;

		if (b >= 0 && b != GPR_RSP && st->regs[b].kind == RV_STACK && st->regs[b].v == STK_IST) {
			report_contract(c, RULE_aist_commit, insn, "%s reads the IST stack through %%%s after "
					"leaving it: a nested entry may have overwritten it", insn->mnemonic,
					gpr_name(b));
			st->family |= REPORTED;
			return;
		}
	}
}

/*
 * After the transfer of insn: once the path is off the IST stack (the commit's load of the main
 * stack, which the dataflow knows from the model, or a non-atomic switch) it has committed.
 */
static void aist_after(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	(void)insn;
	if (precommit(c) && st->stack != STK_IST)
		st->family = (st->family & ~PRECOMMIT) | COMMITTED;
}

/*
 * A mainline NMI from kernel mode never leaves its stack: the nested-NMI protocol protects its
 * frame from where the model says ("NMI executing" set, RIP past repeat_nmi's range).  Before
 * that a second NMI, unblocked by a nested #MC's or #VC's IRET, overwrites the frame: the
 * protocol is mainline's stand-in for a commit, and not an atomic one.
 */
static bool reaches_nmi_protection(struct actx *c, const struct insn *insn)
{
	if (!model_label_at(&c->file->elf, insn->addr, ROLE_NMI_PROTECTED))
		return false;
	report_contract(c, RULE_aist_commit, insn, "the nested-NMI protocol protects the NMI frame only "
			"from here: before it a second NMI, unblocked by a nested entry's IRET, overwrites "
			"the frame on the NMI stack or is dropped as a repeat (the model has no commit point)");
	c->st->family &= ~PRECOMMIT;	/* still on its stack: not COMMITTED, which forbids that */
	return true;
}

static void aist_insn(struct actx *c, const struct insn *insn)
{
	if (precommit(c) && reaches_nmi_protection(c, insn))
		return;
	if (precommit(c)) {
		check_save(c, insn);
		check_reenable_gs(c, insn);
		check_memory(c, insn);
		check_rsp_load(c, insn);
	} else if (c->st->family & COMMITTED) {
		check_ist_read(c, insn);
	}
}

/* A call the walk does not follow (C, or asm elsewhere), before the commit. */
static void aist_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	const char *name = callee ? callee->name : "an indirect target";
	enum callee_kind kind;

	if (!precommit(c))
		return;
	if (callee && (callee->roles & (ROLE_UNTRAIN | ROLE_BHB_CLEAR)))
		return;		/* thunks that only call and return: aist-ibrs judges their RET */
	if ((saved(c) & ALL_SAVED) != ALL_SAVED)
		report_contract(c, RULE_aist_save_first, insn, "call to %s before every register is "
				"saved: it clobbers the caller-saved ones", name);
	/* Whether the callee is noinstr is judged as noinstr-call judges it: a callee this object
	 * cannot show (another object's, or a weak default) is a note, but the call still runs on
	 * the IST stack. */
	kind = callee ? judge_callee(c->file, &insn->dest) : CALLEE_INSTR;
	if (kind == CALLEE_ELSEWHERE || kind == CALLEE_WEAK)
		note_unverifiable_call(c->file, insn, kind);
	if (kind == CALLEE_INSTR || kind == CALLEE_EXEMPT)
		report_contract(c, RULE_aist_reenable, insn, "call to %s before the commit: it is not "
				"noinstr, so a kprobe or breakpoint there raises #BP or #DB", name);
	else
		report_contract(c, RULE_aist_commit, insn, "call to %s runs C on the IST stack before the "
				"commit: a nested entry overwrites its frame", name);
}

/* An IST entry the model (or, for a mainline kernel, the aist contract) makes atomic. */
static void aist_init(struct actx *c)
{
	if (c->ep->me->kind == ENTRY_IDT_IST && model_aist_entry(c->model, c->ep))
		c->st->family |= PRECOMMIT;
}

/* aist-ibrs: the identify-and-copy C runs before IBRS_ENTER by design; its returns are reported
 * under spec-untrain with the aIST path, and only when aist-ibrs is on. */
static bool aist_defer_untrain(struct actx *c, const struct insn *insn, const char *what)
{
	if (!precommit(c))
		return false;
	if (opts.rule_on[RULE_aist_ibrs])
		report_contract(c, RULE_spec_untrain, insn, "%s before IBRS_ENTER and UNTRAIN_RET, on the "
				"atomic-IST path before the commit (aist-ibrs)", what);
	return true;
}

static const enum rule_id aist_rules[] = {
	RULE_aist_save_first, RULE_aist_reenable, RULE_aist_gs, RULE_aist_memory, RULE_aist_commit,
	RULE_aist_ibrs,
};

/* A model that declares aIST entries gets the family in every profile: until the commit, those
 * paths are the aist contract's, whichever rules report. */
static bool aist_wanted(const struct model *m)
{
	return m->aist.nr_entries != 0;
}

const struct contract_check aist_checks = {
	.name = "aist",
	.rules = aist_rules,
	.nr_rules = ARRAY_SIZE(aist_rules),
	.wanted = aist_wanted,
	.bits = AIST_BITS,
	.bits_at = AIST_BITS_AT,
	.needs = NEED_IST_AREA,
	.init = aist_init,
	.insn = aist_insn,
	.after = aist_after,
	.call = aist_call,
	.defer_untrain = aist_defer_untrain,
	.governs = precommit,
};

/* ---- aist-foreign-sp ---- */

static bool name_matches(const char *const *pats, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(pats[i]);

		if (len && pats[i][len - 1] == '*' ? !strncmp(pats[i], name, len - 1) : !strcmp(pats[i], name))
			return true;
	}
	return false;
}

static bool is_aist_code(const struct model *m, const struct function *f, const struct entry_point *eps,
			 size_t nr)
{
	if (name_matches(m->aist.code, m->aist.nr_code, f->sym->name))
		return true;
	for (size_t i = 0; i < nr; i++)
		if (eps[i].func == f && eps[i].me->kind == ENTRY_IDT_IST && model_aist_entry(m, &eps[i]))
			return true;
	return false;
}

/* An RSP load of an address the model's aist memory holds: mov $sym, lea sym(%rip). */
static bool loads_aist_address(const struct ist_file *file, const struct model *m, const struct insn *insn)
{
	const struct ref *r = insn->op == OP_LEA ? &insn->mref : &insn->iref;

	return (insn->flags & INSN_F_WRITES_RSP) && (insn->op == OP_LEA || insn->op == OP_MOV ||
						     insn->op == OP_MOVABS) &&
	       r->known && model_in_ist_area(m, &file->elf, r->addr);
}

static void check_foreign_func(struct ist_file *file, const struct model *m, struct function *f,
			       const struct entry_point *eps, size_t nr)
{
	for (size_t i = 0; i < f->nr_insns; i++) {
		const struct insn *insn = &f->insns[i];
		struct function *to;

		if (loads_aist_address(file, m, insn))
			report_finding(file, RULE_aist_foreign_sp, insn, NULL, "%s loads RSP with an address "
				       "in the aIST area outside the aIST entry", insn->mnemonic);
		if ((insn->type != INSN_JUMP && insn->type != INSN_JUMP_COND && insn->type != INSN_CALL) ||
		    !insn->dest.known)
			continue;
		to = find_function_containing(file, insn->dest.addr);
		if (to && to != f && is_aist_code(m, to, eps, nr))
			report_finding(file, RULE_aist_foreign_sp, insn, NULL, "%s into the aIST entry code "
				       "(%s) from outside it", insn->mnemonic, to->sym->name);
	}
}

int validate_aist_foreign(struct ist_file *file)
{
	const struct model *m = file->model;
	struct entry_point *eps;
	size_t nr;

	if (!opts.rule_on[RULE_aist_foreign_sp])
		return 0;
	resolve_entries(file, m, &eps, &nr);
	for (size_t i = 0; i < file->nr_funcs; i++) {
		struct function *f = &file->funcs[i];

		if (!f->built || !class_is_noinstr(f->cls) || is_aist_code(m, f, eps, nr))
			continue;
		check_foreign_func(file, m, f, eps, nr);
	}
	free(eps);
	return 0;
}
