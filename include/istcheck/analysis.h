/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract engine: a path-sensitive abstract interpretation of entry code.
 *
 * From every entry point of the model, in every variant (model variant features, and origin:
 * from user or from kernel mode), the engine follows the CFGs of the asm it walks (entry text
 * and typeless asm code), summarises calls to C, and carries the abstract state of
 * docs/contract.md (The contract engine):
 * stack, GSBASE, CR3, origin, mitigation progress, feature assumptions and a little register
 * dataflow (constants, addresses, CR3 and GSBASE values, the C handler's verdict).  A block is
 * walked again only with a state it has not been walked with, and every state component has
 * finitely many values, so the walk terminates.  Checks see every instruction and every event
 * with the state before it, and report through report_contract(), which attaches the witness.
 * The same machinery walks one function at a time for the families that judge code by itself
 * (the function walk, fwalk.c: the noinstr rules).
 */
#ifndef _ISTCHECK_ANALYSIS_H
#define _ISTCHECK_ANALYSIS_H

#include <istcheck/cfg.h>
#include <istcheck/diag.h>
#include <istcheck/model.h>

enum val3 { V_UNKNOWN, V_USER, V_KERNEL };

enum rval_kind {
	RV_UNKNOWN,
	RV_CONST,			/* v */
	RV_ADDR,			/* v: an address (lea sym(%rip), relocated immediate) */
	RV_CR3,				/* a CR3 value: val, abs (not the value at entry) */
	RV_GSBASE,			/* a GSBASE value (rdgsbase): val, abs, par */
	RV_GSBASE_HI,			/* edx after rdmsr(MSR_GS_BASE): its sign says kernel or user */
	RV_NEWSTACK,			/* RAX after a stack-switching call */
	RV_VERDICT,			/* RAX after a sysret-vetting C function */
	RV_USER,			/* the user's register value at entry (v: which register) */
	RV_STACK,			/* a pointer into a stack (v: enum stack_kind) */
	RV_IST_AREA,			/* a pointer into the IST area (IST stacks, the IST main stack,
					 * the model's IST-area memory) kept through arithmetic; tracked
					 * only for families that ask (NEED_IST_AREA) */
};

struct rval {
	int64_t v;
	uint8_t kind, val, abs, par;
	uint8_t pad[4];
};

#define MAX_LITS	12
#define MAX_CALLS	6

/* state.flags: facts of the dataflow that some rules read */
#define AF_VETTED		(1u << 0)	/* the C handler's verdict allows SYSRET */
#define AF_FIXUP		(1u << 1)	/* the frame or GSBASE is being fixed up (bad IRET...) */

struct call_frame {
	struct function *func;
	uint64_t ret;
};

#define FAMILY_WORDS	2

struct astate {
	uint8_t stack;			/* enum stack_kind */
	uint8_t origin;			/* V_USER / V_KERNEL */
	uint8_t gs, gs_abs, gs_par;	/* value; overwritten since entry; swapgs parity */
	uint8_t gs_entry;		/* the value at entry, refined by tests */
	uint8_t cr3, cr3_abs, cr3_entry;
	uint8_t fs_kind, fs_reg;	/* what the flags say (enum flag_src) */
	uint8_t nr_lits, depth;
	uint8_t pad;
	uint16_t flags;
	/* The bits the running families registered (contract_check.bits): zero where none runs,
	 * so a family that is not running cannot split states.  No implicit padding in the
	 * struct: the walk hashes states as bytes. */
	uint64_t family;
	int64_t fs_v;
	struct feat_lit lits[MAX_LITS];	/* tracked feature assumptions, sorted */
	struct call_frame calls[MAX_CALLS];
	struct rval regs[NR_GPRS];
	/* Words the running families registered (contract_check.words), as bits: zero where none
	 * runs. */
	uint64_t words[FAMILY_WORDS];
};

_Static_assert(__builtin_offsetof(struct astate, family) == 16 &&
	       __builtin_offsetof(struct astate, fs_v) == 24, "astate has implicit padding");

enum flag_src { FS_NONE, FS_ORIGIN, FS_GS_SIGN, FS_CR3_BIT12, FS_EQ_ADDR, FS_CONST, FS_VERDICT,
		FS_LDT_SS };

/* One step of a path: where it went and how.  A finding's witness is the chain of parents. */
struct wstep {
	const struct wstep *parent;
	uint64_t at;			/* where the step into this node happened */
	const char *step;		/* "taken", "alt", "call", "return", ... (static) */
	const struct feat_lit *lits;	/* an alternative's condition */
	uint8_t nr_lits;
	bool alt;			/* the step took an alternative (lits may be none: "always") */
};

/* One walked block (from instruction idx on) with one state. */
struct node {
	struct wstep w;
	struct function *func;
	const struct block *blk;
	unsigned idx;
	uint32_t slot;			/* its place in the visited set */
	uint32_t sum;			/* the summary whose walk it belongs to (0: none) */
	uint32_t replay;		/* a replayed summary's entry (0: a node to walk) */
	uint32_t next_exit;		/* replay: the summary's next exit to take */
	uint64_t hash;			/* of (blk, idx, st), for the visited set */
	struct astate st;
};

enum exit_kind { EXIT_SYSRET, EXIT_IRET_USER, EXIT_IRET_KERNEL, EXIT_ERETU, EXIT_ERETS, EXIT_XEN };

struct analysis;

/*
 * What the checks get: the run, the entry (NULL in a function walk), the node being walked and
 * its current state, and in a function walk the family's own context (analyse_functions()).
 */
struct actx {
	struct analysis *an;
	struct ist_file *file;
	const struct model *model;
	const struct entry_point *ep;
	const struct node *node;
	struct astate *st;
	void *ctx;
};

/*
 * The two walks of the engine.  The entry walk follows every entry point of the model into the
 * code it reaches, with the whole abstract state.  The function walk takes one function at a
 * time (those its family picks) and follows every path of its CFG alone: every edge, the
 * alternatives unassumed and exception fixups included, calls not followed, no dataflow; the
 * state is the family's own bits, and a block is walked with at most MAX_FUNC_STATES of them.
 */
enum walk_kind { WALK_ENTRIES, WALK_FUNCTIONS };

#define MAX_FUNC_STATES	4

/*
 * A family of rules.  The engine knows none of them: it runs the families whose rules are on
 * (or that want to run for the model), gives each the per-path state it registers, and calls
 * its hooks.  Any hook may be NULL.
 */
struct contract_check {
	const char *name;
	enum walk_kind walk;		/* which walk it joins */
	const enum rule_id *rules;	/* the rules it reports */
	size_t nr_rules;
	/* Runs even with its rules off, for what the model declares (NULL: never). */
	bool (*wanted)(const struct model *m);
	uint8_t bits;			/* bits of per-path state in astate.family it needs */
	uint8_t bits_at;		/* where they are (checks.h fixes it) */
	uint8_t words;			/* words of per-path state in astate.words it needs */
	uint8_t words_at;		/* where they are */
	unsigned needs;			/* NEED_* */
	void (*init)(struct actx *c);	/* the entry state, before the first instruction */
	void (*insn)(struct actx *c, const struct insn *insn);	/* before its transfer */
	void (*after)(struct actx *c, const struct insn *insn);	/* after its transfer */
	void (*call)(struct actx *c, const struct insn *insn, const struct symbol *callee);
	void (*exit)(struct actx *c, const struct insn *insn, enum exit_kind kind);
	void (*site)(struct actx *c, const struct block *choice);	/* an alternative site passed */
	/*
	 * This span of the path is another contract's: a return or indirect branch that needs
	 * untraining is the family's to judge (true: it was handled, the spec rules keep quiet).
	 */
	bool (*defer_untrain)(struct actx *c, const struct insn *insn, const char *what);
	/* Does the family govern this span, so that the linux stack protocol rules stand aside? */
	bool (*governs)(const struct actx *c);
	/* The function walk: walk func?  Then, after its walk, done(). */
	bool (*root)(struct actx *c, struct function *func);
	void (*done)(struct actx *c, struct function *func);
	/* The function walk leaves a path: its next block was walked with MAX_FUNC_STATES states
	 * already, and c->st is another one (a loop that changes the state on every turn). */
	void (*cut)(struct actx *c, const struct block *from);
};

/* contract_check.needs */
#define NEED_IST_AREA	(1u << 0)	/* track pointers into the IST area (RV_IST_AREA) */


/* What one run of the engine did (--stats). */
struct analysis_stats {
	size_t states;			/* nodes walked: (block, index, state) triples */
	size_t entries;			/* entry points walked */
	size_t runs;			/* (entry, origin, variant) combinations walked */
	const char *families[16];	/* the families that ran */
	size_t nr_families;
};

/*
 * Walk every entry point of the model with the given families (those whose rules are off and
 * that the model does not want are skipped); < 0 on internal error.  stats may be NULL.
 */
int analyse_entries(struct ist_file *file, const struct model *m,
		    const struct contract_check *const *families, size_t nr_families,
		    struct analysis_stats *stats);

/*
 * The function walk of one family over the file's functions, with ctx as its context (c->ctx);
 * it runs even when the family's rules are off if the family wants it (wanted(NULL)); < 0 on
 * internal error.
 */
int analyse_functions(struct ist_file *file, const struct contract_check *family, void *ctx);

/* Does a running family take over this untraining event, or govern this span? */
bool untrain_deferred(struct actx *c, const struct insn *insn, const char *what);
bool span_governed(const struct actx *c);
/* Is v a pointer into the IST area (IST stacks, main stack, the model's IST-area memory)? */
bool ist_area_ptr(const struct actx *c, const struct rval *v);

/* Add the path that led to the node being walked to f, from its entry step on. */
void add_witness(const struct actx *c, struct finding *f);

/* A finding at insn with the current variant and witness; NULL if disabled or a duplicate. */
struct finding *report_contract(struct actx *c, enum rule_id rule, const struct insn *insn,
				const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Helpers for checks. */
bool feature_assumed(const struct astate *st, uint16_t feature, bool *on);
bool assumed_on(const struct astate *st, uint16_t feature);
bool under_pti(const struct actx *c);
bool is_user_mapped_text(const struct actx *c, uint64_t addr);
/* Does a replacement of the alternative site call a symbol with one of roles / hold an insn of
 * that type? */
bool site_replacement_calls(const struct block *choice, uint16_t roles);
bool site_replacement_has(const struct block *choice, enum insn_type type);
bool site_guarded_by(const struct block *choice, uint16_t feature);
const char *val3_name(enum val3 v);

#endif
