// SPDX-License-Identifier: GPL-2.0
/*
 * noinstr-call, noinstr-indirect, noinstr-balance: a family of the engine's function walk
 * (analysis.h), over every noinstr function, with the instrumentation depth as the path's state.
 * Unlike objtool, whose visited mark ignores the depth (the first path to reach an instruction
 * fixes it), a block reached again with a different depth is walked again with that depth, and an
 * instrumentation_end() without a begin is a finding.
 *
 * The depth comes from objtool's markers, or with --regions=source from the source (src/source/):
 * each instruction's source position gives the depth there, and the walk keeps the path's depth
 * inside the interval the source allows (where paths join with different depths, the path tells
 * which).  Calls are judged from that depth exactly as from the markers' depth.  A distribution
 * kernel has no instruction where a region statement was written, so a path's depth at a return
 * says nothing by itself there: returns and tail calls are judged only in a function whose source
 * the lexical scan found unbalanced.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/source.h>
#include <istcheck/util.h>

/* The depth, biased, in the family's bits; beyond them it saturates (and the walk still ends). */
#define DEPTH_BIAS	(1 << (NOINSTR_BITS - 1))
#define DEPTH_MASK	((1ull << NOINSTR_BITS) - 1)

static int32_t get_depth(const struct astate *st)
{
	return (int32_t)((st->family >> NOINSTR_BITS_AT) & DEPTH_MASK) - DEPTH_BIAS;
}

static void set_depth(struct astate *st, int32_t depth)
{
	uint64_t v = depth < -DEPTH_BIAS ? 0 : depth >= DEPTH_BIAS ? DEPTH_MASK :
		     (uint64_t)(depth + DEPTH_BIAS);

	st->family = (st->family & ~(DEPTH_MASK << NOINSTR_BITS_AT)) | v << NOINSTR_BITS_AT;
}

/* --dump=regions: what depths each call is reached with, as the walk records it. */
struct call_seen {
	uint64_t addr;
	uint8_t how;			/* 1: outside a region, 2: inside; both can be set */
	const struct insn *insn;
	const struct function *func;
};

struct call_log {
	struct call_seen *v;
	size_t n, cap;
};

/* The functions no source line places, with why, in one note (the summary counts them). */
struct unplaced {
	char *text;
	size_t len, n;
};

/* The family's context (actx.ctx): the run over the file, and the function being walked. */
struct noinstr_run {
	enum region_source from;
	struct call_log *log;		/* --dump=regions: where reach goes; NULL: a check */
	struct unplaced unplaced;
	size_t skipped;
	bool markers;			/* depth from the markers; else from src (NULL: asm, none) */
	struct src_func *src;
	struct src_depth *at;		/* src: per instruction of the function: the source's depth */
	bool judge_exits;		/* src: the source is unbalanced, returns are judged */
	uint8_t *reach;			/* log: per instruction: 1 reached outside a region, 2 inside */
};

enum callee_kind judge_callee(const struct ist_file *file, const struct ref *dest)
{
	const struct symbol *sym = dest->sym;
	const char *name = sym ? sym->name : "";

	/* objtool's exemptions: static-call trampolines ("we can't tell"), UBSAN (like WARN), and
	 * the KCOV/TSAN calls it rewrites into NOPs with --hacks=noinstr. */
	/* warn_thunk_thunk is the WARN path of an unpatched return thunk: __x86_return_thunk jumps
	 * there only if boot-time patching failed to retarget a return site. */
	if (!strcmp(name, "warn_thunk_thunk"))
		return CALLEE_EXEMPT;
	if (!strncmp(name, "__SCT__", 7) || !strncmp(name, "__ubsan_handle_", 15) ||
	    !strncmp(name, "__sanitizer_cov_", 16) || !strncmp(name, "__tsan_func_", 12) ||
	    !strcmp(name, "__tsan_atomic_signal_fence"))
		return CALLEE_EXEMPT;
	if (!dest->known && sym && sym->undef)
		return CALLEE_ELSEWHERE;
	/* The call binds to the symbol, not to these bytes: the link may pick another object's
	 * definition (x86's __cpuidle arch_cpu_idle() over the weak .text one in sched/idle.c). */
	if (sym && sym->bind == STB_WEAK && !weak_is_final(&file->elf))
		return CALLEE_WEAK;
	return dest->known && class_is_noinstr(addr_class(&file->elf, dest->addr)) ? CALLEE_NOINSTR :
		CALLEE_INSTR;
}

void note_unverifiable_call(struct ist_file *file, const struct insn *insn, enum callee_kind kind)
{
	const char *name = insn->dest.sym ? insn->dest.sym->name : "?";

	if (kind == CALLEE_WEAK)
		report_note(file, insn->addr, "call to %s() is unverifiable in this object: its definition "
			    "here is weak, and another object's may win at link time", name);
	else
		report_note(file, insn->addr, "call to %s() is unverifiable in this object", name);
}

/*
 * What the message says the call leaves: objtool's ".noinstr.text" for all noinstr code, but
 * the idle code's own section for idle code, which a final link merges into .text with the rest
 * (a reader looking for ".noinstr.text" around an idle driver would not find it).
 */
static const char *region_name(const struct function *func)
{
	return func->cls == CODE_CPUIDLE ? ".cpuidle.text" : ".noinstr.text";
}

static void report_call(struct actx *c, const struct insn *insn)
{
	const struct elf_file *ef = &c->file->elf;
	enum callee_kind kind = judge_callee(c->file, &insn->dest);
	struct finding *f;
	char name[160];

	if (kind == CALLEE_NOINSTR || kind == CALLEE_EXEMPT)
		return;
	if (kind != CALLEE_INSTR) {
		note_unverifiable_call(c->file, insn, kind);
		return;
	}
	ref_str(ef, &insn->dest, name, sizeof(name));
	f = report_finding(c->file, RULE_noinstr_call, insn, NULL, "call to %s() leaves %s section",
			   name, region_name(c->node->func));
	if (f) {
		finding_set_callee(f, insn->dest.sym ? insn->dest.sym->name : name);
		add_witness(c, f);
		finding_add_step(f, insn->addr, "%s %s", insn->type == INSN_CALL ? "call" : "tail call", name);
	}
}

/* Is ref a pv_ops slot (pv_ops+8*idx)? */
static bool is_pv_slot(const struct ref *ref, long *idx)
{
	if (!ref->sym || strcmp(ref->sym->name, "pv_ops") || ref->off < 0 || ref->off % 8)
		return false;
	*idx = ref->off / 8;
	return true;
}

/* A call through pv_ops slot idx: clean when every target installed in the slot is noinstr. */
static void report_pv_call(struct actx *c, const struct insn *insn, long idx)
{
	const struct elf_file *ef = &c->file->elf;
	const struct symbol *const *targets;
	size_t n = pv_slot_targets(ef, idx, &targets), bad = 0;
	struct finding *f;
	char callee[32], slot_name[128];

	if (!pv_slots_known(ef)) {
		/* Named as the source names it, where the kernel's DWARF tells the slot. */
		if (pv_slot_name(ef, idx, slot_name, sizeof(slot_name)))
			report_note(c->file, insn->addr, "call through pv_ops.%s (slot %ld) is unverifiable "
				    "without relocations", slot_name, idx);
		else
			report_note(c->file, insn->addr, "call through pv_ops[%ld] is unverifiable without "
				    "relocations", idx);
		return;
	}
	for (size_t i = 0; i < n; i++)
		bad += !class_is_noinstr(addr_class(ef, targets[i]->addr));
	if (!bad)
		return;
	f = report_finding(c->file, RULE_noinstr_call, insn, NULL, "call to pv_ops[%ld]() leaves %s section",
			   idx, region_name(c->node->func));
	if (!f)
		return;
	snprintf(callee, sizeof(callee), "pv_ops[%ld]", idx);
	finding_set_callee(f, callee);
	add_witness(c, f);
	for (size_t i = 0; i < n; i++)
		if (!class_is_noinstr(addr_class(ef, targets[i]->addr)))
			finding_add_step(f, insn->addr, "pv_ops[%ld]: %s", idx, targets[i]->name);
}

static void report_indirect(struct actx *c, const struct insn *insn)
{
	const char *what = insn->type == INSN_CALL_DYNAMIC ? "call" : "jump";
	struct finding *f;
	long idx;

	if (insn->type == INSN_CALL_DYNAMIC && is_pv_slot(&insn->mref, &idx)) {
		report_pv_call(c, insn, idx);
		return;
	}
	f = report_finding(c->file, RULE_noinstr_indirect, insn, NULL, "indirect %s in noinstr code", what);
	if (f) {
		finding_set_callee(f, "{dynamic}");
		add_witness(c, f);
		finding_add_step(f, insn->addr, "indirect %s", what);
	}
}

static void report_balance(struct actx *c, const struct insn *insn, const char *msg, int depth)
{
	struct finding *f = report_finding(c->file, RULE_noinstr_balance, insn, NULL, "%s (depth %d)",
					   msg, depth);

	if (f) {
		add_witness(c, f);
		finding_add_step(f, insn->addr, "%s", msg);
	}
}

static bool leaves_function(const struct insn *insn)
{
	return insn->type == INSN_RET || (insn->flags & INSN_F_TAIL);
}

static bool is_call_like(const struct insn *insn)
{
	return insn->type == INSN_CALL || insn->type == INSN_CALL_DYNAMIC ||
	       insn->type == INSN_JUMP_DYNAMIC || (insn->flags & INSN_F_TAIL);
}

/* The depth after insn's own region statements: the markers', or the source's around depth. */
static int region_depth(struct actx *c, const struct insn *insn, int depth)
{
	const struct noinstr_run *r = c->ctx;
	const struct special *sp = &c->file->special;
	struct src_depth d;
	int was = depth;

	if (r->markers) {
		depth += annot_count(sp, ANN_INSTR_BEGIN, insn->addr);
		if (annot_has(sp, ANN_INSTR_END, insn->addr)) {
			depth -= annot_count(sp, ANN_INSTR_END, insn->addr);
			if (depth < 0)
				report_balance(c, insn, "instrumentation_end() without instrumentation_begin()",
					       depth);
		}
		return depth;
	}
	if (!r->src)
		return depth;
	d = r->at[insn - c->node->func->insns];
	if (!d.known)
		return depth;
	depth = depth < d.lo ? d.lo : depth > d.hi ? d.hi : depth;
	if (depth < was && depth < 0)
		report_balance(c, insn, "instrumentation_end() without instrumentation_begin()", depth);
	return depth;
}

/* The insn hook: the depth after insn's region statements, then what insn does there. */
static void check_insn(struct actx *c, const struct insn *insn)
{
	const struct noinstr_run *r = c->ctx;
	const struct function *func = c->node->func;
	int depth = region_depth(c, insn, get_depth(c->st));

	set_depth(c->st, depth);
	if (r->reach && is_call_like(insn))
		r->reach[insn - func->insns] |= depth > 0 ? 2 : 1;
	/* Source regions of a final link: inside one, exits are judged only where the source was
	 * found unbalanced (the file's header says why), and calls never. */
	if (depth > 0 && !r->markers && r->src && !r->judge_exits)
		return;
	if (depth > 0) {
		if (leaves_function(insn))
			report_balance(c, insn, insn->type == INSN_RET ? "return with instrumentation enabled" :
				       "tail call with instrumentation enabled", depth);
		return;
	}
	if (insn->flags & INSN_F_INTRA_CALL)
		return;
	/* A retpoline's own indirect jump is the one its callers were reported for. */
	if ((insn->type == INSN_CALL_DYNAMIC || insn->type == INSN_JUMP_DYNAMIC) &&
	    strncmp(func->sym->name, "__x86_indirect_", 15))
		report_indirect(c, insn);
	else if ((insn->type == INSN_CALL || (insn->flags & INSN_F_TAIL)) &&
		 (insn->dest.sym || insn->dest.known) && insn->dest.addr != func->start)
		report_call(c, insn);
}

/*
 * A block reached with another depth is walked again with it, so whatever that depth breaks
 * further on (a return inside a region, an end without a begin, a call outside a region) is
 * reported where it happens, with this path as its witness.  A join of two depths that breaks
 * nothing (GCC merges calls to a noreturn function from inside and outside a region) is not a
 * finding.  Only a loop that changes the depth on every turn is cut short.
 */
static void cut_loop(struct actx *c, const struct block *from)
{
	if (from->nr_insns)
		report_balance(c, &from->insns[from->nr_insns - 1],
			       "instrumentation depth changes on every turn of a loop", get_depth(c->st));
}

static void init_depth(struct actx *c)
{
	set_depth(c->st, 0);
}

/* The source's depth at every instruction, asked once (the walk may pass one many times). */
static void place_insns(struct noinstr_run *r, struct ist_file *file, const struct function *func)
{
	const char *path;
	int line;

	r->at = xcalloc(func->nr_insns, sizeof(*r->at));
	for (size_t i = 0; i < func->nr_insns; i++) {
		const struct insn *insn = &func->insns[i];
		const char *key = (insn->type == INSN_CALL || (insn->flags & INSN_F_TAIL)) && insn->dest.sym ?
				  insn->dest.sym->name : NULL;
		/* An alternative's replacement runs at its site: the source position is the site's. */
		uint64_t addr = insn->addr;

		if (addr < func->start || addr >= func->end) {
			const struct alt_record *alt = find_alt_replacing(&file->special, addr);

			if (!alt)
				continue;
			addr = alt->orig;
		}
		r->at[i] = src_insn_depth(r->src, addr, key);
	}
	r->judge_exits = src_func_problems(r->src, &path, &line) &
			 (SRC_RETURN_IN_REGION | SRC_UNBALANCED_END | SRC_JOIN_MISMATCH | SRC_END_UNDERFLOW);
}

static void record_calls(struct noinstr_run *r, const struct function *func)
{
	struct call_log *log = r->log;

	for (size_t i = 0; i < func->nr_insns; i++) {
		if (!r->reach[i])
			continue;
		if (log->n == log->cap) {
			log->cap = log->cap ? 2 * log->cap : 256;
			log->v = xrealloc(log->v, log->cap * sizeof(*log->v));
		}
		log->v[log->n++] = (struct call_seen){ func->insns[i].addr, r->reach[i], &func->insns[i], func };
	}
}

enum region_source noinstr_regions(const struct ist_file *file)
{
	bool markers = file->special.have_instr_markers;

	if (opts.regions == REGIONS_SOURCE || (opts.regions == REGIONS_AUTO && !markers))
		if (file->src)
			return REGIONS_FROM_SOURCE;
	/* --regions=source refused by the version guard: today's behaviour, which the note says. */
	return markers ? REGIONS_FROM_MARKERS : REGIONS_NONE;
}

static void add_unplaced(struct unplaced *u, const char *name, const char *why)
{
	char *t;

	if (asprintf(&t, "%s%s%s (%s)", u->text ? u->text : "", u->text ? ", " : "", name, why) < 0)
		out_of_memory(NULL);
	free(u->text);
	u->text = t;
	u->n++;
}

static void note_lexical(struct ist_file *file, struct function *f, struct src_func *src)
{
	const char *path;
	int line;
	unsigned p = src_func_problems(src, &path, &line);

	if (p)
		report_note(file, f->start, "source of %s(): %s:%d: %s", f->sym->name, path, line,
			    src_problem_str(p));
}

/*
 * The root hook: is f walked, with the regions this file has?  Without regions every
 * instrumentation region looks like a violation: C code, which has regions, is left alone; asm
 * entry code never uses them.
 */
static bool take_function(struct actx *c, struct function *f)
{
	struct noinstr_run *r = c->ctx;
	bool c_code = f->cls == CODE_NOINSTR || f->cls == CODE_CPUIDLE;
	char why[256];
	bool is_asm = false;

	if (!class_is_noinstr(f->cls))
		return false;
	if (c_code && r->from == REGIONS_NONE) {
		r->skipped++;
		return false;
	}
	r->markers = r->from == REGIONS_FROM_MARKERS;
	r->src = NULL;
	if (c_code && r->from == REGIONS_FROM_SOURCE) {
		r->src = place_function(c->file->src, f->sym, &is_asm, why, sizeof(why));
		if (!r->src && !is_asm) {
			add_unplaced(&r->unplaced, f->sym->name, why);
			return false;
		}
		if (r->src)
			place_insns(r, c->file, f);
	}
	if (r->log)
		r->reach = xcalloc(f->nr_insns, 1);
	return true;
}

/* The done hook: what the walk of f leaves to say and to free. */
static void finish_function(struct actx *c, struct function *f)
{
	struct noinstr_run *r = c->ctx;

	if (r->log)
		record_calls(r, f);
	if (r->src) {
		note_lexical(c->file, f, r->src);
		free_src_func(r->src);
	}
	free(r->at);
	free(r->reach);
	r->at = NULL;
	r->reach = NULL;
}

/* Runs with its rules off too: its notes and the summary's counts are every contract's. */
static bool always(const struct model *m)
{
	(void)m;
	return true;
}

static const enum rule_id noinstr_rules[] = { RULE_noinstr_call, RULE_noinstr_indirect,
					      RULE_noinstr_balance };

const struct contract_check noinstr_checks = {
	.name = "noinstr",
	.walk = WALK_FUNCTIONS,
	.rules = noinstr_rules,
	.nr_rules = ARRAY_SIZE(noinstr_rules),
	.wanted = always,
	.bits = NOINSTR_BITS,
	.bits_at = NOINSTR_BITS_AT,
	.init = init_depth,
	.insn = check_insn,
	.root = take_function,
	.done = finish_function,
	.cut = cut_loop,
};

/* The noinstr rules over every noinstr function; with log, what --dump=regions shows too. */
static int walk_noinstr(struct ist_file *file, struct call_log *log)
{
	struct noinstr_run r = { .from = noinstr_regions(file), .log = log };

	if (analyse_functions(file, &noinstr_checks, &r) < 0)
		return -1;
	if (r.skipped)
		report_note(file, 0, "no instrumentation markers: %zu noinstr C functions not checked; "
			    "region-precise checking needs vmlinux.o, objects built with CONFIG_DEBUG_ENTRY, "
			    "or the kernel's source (--srcroot)", r.skipped);
	if (r.unplaced.n) {
		report_note(file, 0, "source regions: %zu noinstr C functions not checked, no source line "
			    "places them: %s", r.unplaced.n, r.unplaced.text);
		file->stats.functions -= r.unplaced.n;
		file->stats.functions_skipped += r.unplaced.n;
		file->stats.skipped_unplaced = true;
	}
	free(r.unplaced.text);
	return 0;
}

int validate_noinstr(struct ist_file *file)
{
	return walk_noinstr(file, NULL);
}

static int cmp_seen(const void *a, const void *b)
{
	const struct call_seen *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void show_call_regions(FILE *out, struct ist_file *file)
{
	static const char *const how[] = { "", "outside", "inside", "both" };
	enum region_source from = noinstr_regions(file);
	struct call_log log = { 0 };

	walk_noinstr(file, &log);
	fprintf(out, "regions from %s\n", from == REGIONS_FROM_SOURCE ? "source" :
		from == REGIONS_FROM_MARKERS ? "markers" : "nowhere");
	if (log.n)
		qsort(log.v, log.n, sizeof(*log.v), cmp_seen);
	for (size_t i = 0; i < log.n; i++) {
		const struct call_seen *c = &log.v[i];
		char name[160] = "{dynamic}";
		uint64_t off;

		if (c->func->cls != CODE_NOINSTR && c->func->cls != CODE_CPUIDLE)
			continue;
		if (c->insn->type == INSN_CALL || (c->insn->flags & INSN_F_TAIL))
			ref_str(&file->elf, &c->insn->dest, name, sizeof(name));
		/* A replacement's instruction is shown where it runs once patched in. */
		if (!find_code_symbol(&file->elf, &file->special, c->addr, &off))
			off = c->addr - c->func->start;
		fprintf(out, "%s+0x%" PRIx64 "%s %s %s %s\n", c->func->sym->name, off,
			c->addr < c->func->start || c->addr >= c->func->end ? "(alt)" : "",
			c->insn->type == INSN_CALL ? "call" : c->insn->type == INSN_CALL_DYNAMIC ? "icall" :
			c->insn->type == INSN_JUMP_DYNAMIC ? "ijump" : "tail", name, how[c->how & 3]);
	}
	free(log.v);
}
