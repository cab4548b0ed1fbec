// SPDX-License-Identifier: GPL-2.0
/*
 * noinstr-call, noinstr-indirect, noinstr-balance.
 *
 * Every noinstr function is walked path by path with the instrumentation depth as state.  Unlike
 * objtool, whose visited mark ignores the depth (the first path to reach an instruction fixes
 * it), a block reached again with a different depth is walked again with that depth, and an
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

#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/source.h>

#define DEPTH_UNSEEN	INT32_MIN
#define MAX_DEPTHS	4	/* distinct entry depths walked per block; more is already reported */

/* A block walked at one entry depth, and how the walk got there (for the witness). */
struct visit {
	int32_t depth;
	const struct edge *via;
	const struct block *from;
	int from_slot;
};

struct pending {
	const struct block *blk;
	int slot;
};

struct walk {
	struct ist_file *file;
	struct function *func;
	struct visit (*seen)[MAX_DEPTHS];	/* per block: the depths walked so far */
	struct pending *stack;
	size_t sp;
	int found;
	bool markers;			/* depth from the markers; else from src (NULL: asm, none) */
	struct src_func *src;
	struct src_depth **at;		/* src: per block, per instruction: the source's depth */
	bool judge_exits;		/* src: the source is unbalanced, returns are judged */
	uint8_t **reach;		/* --dump=regions: per block, per insn: 1 outside, 2 inside */
	struct call_log *log;		/* --dump=regions: where reach goes; NULL: a check */
};

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

/* Where a step happened: the branch that took the edge (a choice block has no instruction). */
static uint64_t step_addr(const struct block *from)
{
	return from->nr_insns ? from->insns[from->nr_insns - 1].addr : from->start;
}

static void add_witness(struct walk *w, struct finding *f, const struct block *blk, int slot)
{
	const struct visit *chain[64];
	size_t n = 0;
	char buf[192];

	for (const struct visit *v = &w->seen[blk->id][slot]; v->from && n < 64;
	     v = &w->seen[v->from->id][v->from_slot])
		chain[n++] = v;
	finding_add_step(f, w->func->start, "entry %s", w->func->sym->name);
	while (n--) {
		const struct edge *e = chain[n]->via;
		uint64_t at = step_addr(chain[n]->from);

		if (!edge_step_name(e->kind))
			continue;
		if (e->kind == EDGE_ALT)
			finding_add_step(f, at, "%s %s", edge_step_name(e->kind),
					 lits_str(e->lits, e->nr_lits, buf, sizeof(buf)));
		else
			finding_add_step(f, at, "%s", edge_step_name(e->kind));
	}
}

static void report_call(struct walk *w, const struct block *blk, int slot, const struct insn *insn)
{
	const struct elf_file *ef = &w->file->elf;
	enum callee_kind kind = judge_callee(w->file, &insn->dest);
	struct finding *f;
	char name[160];

	if (kind == CALLEE_NOINSTR || kind == CALLEE_EXEMPT)
		return;
	if (kind != CALLEE_INSTR) {
		note_unverifiable_call(w->file, insn, kind);
		return;
	}
	ref_str(ef, &insn->dest, name, sizeof(name));
	f = report_finding(w->file, RULE_noinstr_call, insn, NULL, "call to %s() leaves %s section",
			   name, region_name(w->func));
	if (f) {
		finding_set_callee(f, insn->dest.sym ? insn->dest.sym->name : name);
		add_witness(w, f, blk, slot);
		finding_add_step(f, insn->addr, "%s %s", insn->type == INSN_CALL ? "call" : "tail call", name);
		w->found++;
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
static void report_pv_call(struct walk *w, const struct block *blk, int slot, const struct insn *insn, long idx)
{
	const struct symbol *const *targets;
	size_t n = pv_slot_targets(&w->file->elf, idx, &targets), bad = 0;
	struct finding *f;
	char callee[32], slot_name[128];

	if (!pv_slots_known(&w->file->elf)) {
		/* Named as the source names it, where the kernel's DWARF tells the slot. */
		if (pv_slot_name(&w->file->elf, idx, slot_name, sizeof(slot_name)))
			report_note(w->file, insn->addr, "call through pv_ops.%s (slot %ld) is unverifiable "
				    "without relocations", slot_name, idx);
		else
			report_note(w->file, insn->addr, "call through pv_ops[%ld] is unverifiable without "
				    "relocations", idx);
		return;
	}
	for (size_t i = 0; i < n; i++)
		bad += !class_is_noinstr(addr_class(&w->file->elf, targets[i]->addr));
	if (!bad)
		return;
	f = report_finding(w->file, RULE_noinstr_call, insn, NULL, "call to pv_ops[%ld]() leaves %s section",
			   idx, region_name(w->func));
	if (!f)
		return;
	snprintf(callee, sizeof(callee), "pv_ops[%ld]", idx);
	finding_set_callee(f, callee);
	add_witness(w, f, blk, slot);
	for (size_t i = 0; i < n; i++)
		if (!class_is_noinstr(addr_class(&w->file->elf, targets[i]->addr)))
			finding_add_step(f, insn->addr, "pv_ops[%ld]: %s", idx, targets[i]->name);
	w->found++;
}

static void report_indirect(struct walk *w, const struct block *blk, int slot, const struct insn *insn)
{
	const char *what = insn->type == INSN_CALL_DYNAMIC ? "call" : "jump";
	struct finding *f;
	long idx;

	if (insn->type == INSN_CALL_DYNAMIC && is_pv_slot(&insn->mref, &idx)) {
		report_pv_call(w, blk, slot, insn, idx);
		return;
	}
	f = report_finding(w->file, RULE_noinstr_indirect, insn, NULL, "indirect %s in noinstr code", what);
	if (f) {
		finding_set_callee(f, "{dynamic}");
		add_witness(w, f, blk, slot);
		finding_add_step(f, insn->addr, "indirect %s", what);
		w->found++;
	}
}

static void report_balance(struct walk *w, const struct block *blk, int slot, const struct insn *insn,
			   const char *msg, int depth)
{
	struct finding *f = depth == INT32_MIN ?
		report_finding(w->file, RULE_noinstr_balance, insn, NULL, "%s", msg) :
		report_finding(w->file, RULE_noinstr_balance, insn, NULL, "%s (depth %d)", msg, depth);

	if (f) {
		add_witness(w, f, blk, slot);
		finding_add_step(f, insn->addr, "%s", msg);
		w->found++;
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
static int region_depth(struct walk *w, const struct block *blk, int slot, size_t i, int depth)
{
	const struct special *sp = &w->file->special;
	const struct insn *insn = &blk->insns[i];
	struct src_depth d;
	int was = depth;

	if (w->markers) {
		depth += annot_count(sp, ANN_INSTR_BEGIN, insn->addr);
		if (annot_has(sp, ANN_INSTR_END, insn->addr)) {
			depth -= annot_count(sp, ANN_INSTR_END, insn->addr);
			if (depth < 0)
				report_balance(w, blk, slot, insn, "instrumentation_end() without instrumentation_begin()",
					       depth);
		}
		return depth;
	}
	if (!w->src)
		return depth;
	d = w->at[blk->id][i];
	if (!d.known)
		return depth;
	depth = depth < d.lo ? d.lo : depth > d.hi ? d.hi : depth;
	if (depth < was && depth < 0)
		report_balance(w, blk, slot, insn, "instrumentation_end() without instrumentation_begin()", depth);
	return depth;
}

static int check_insn(struct walk *w, const struct block *blk, int slot, size_t i, int depth)
{
	const struct insn *insn = &blk->insns[i];

	depth = region_depth(w, blk, slot, i, depth);
	if (w->reach && is_call_like(insn))
		w->reach[blk->id][i] |= depth > 0 ? 2 : 1;
	/* Source regions of a final link: inside one, exits are judged only where the source was
	 * found unbalanced (the file's header says why), and calls never. */
	if (depth > 0 && !w->markers && w->src && !w->judge_exits)
		return depth;
	if (depth > 0) {
		if (leaves_function(insn))
			report_balance(w, blk, slot, insn, insn->type == INSN_RET ? "return with instrumentation enabled" :
				       "tail call with instrumentation enabled", depth);
		return depth;
	}
	if (insn->flags & INSN_F_INTRA_CALL)
		return depth;
	/* A retpoline's own indirect jump is the one its callers were reported for. */
	if ((insn->type == INSN_CALL_DYNAMIC || insn->type == INSN_JUMP_DYNAMIC) &&
	    strncmp(w->func->sym->name, "__x86_indirect_", 15))
		report_indirect(w, blk, slot, insn);
	else if ((insn->type == INSN_CALL || (insn->flags & INSN_F_TAIL)) &&
		 (insn->dest.sym || insn->dest.known) && insn->dest.addr != w->func->start)
		report_call(w, blk, slot, insn);
	return depth;
}

/* Queue blk at depth unless that depth was walked there; returns whether it was new. */
static bool push_block(struct walk *w, const struct block *blk, int32_t depth, const struct edge *via,
		       const struct block *from, int from_slot)
{
	struct visit *seen = w->seen[blk->id];

	for (int i = 0; i < MAX_DEPTHS; i++) {
		if (seen[i].depth == depth)
			return false;
		if (seen[i].depth == DEPTH_UNSEEN) {
			seen[i] = (struct visit){ depth, via, from, from_slot };
			w->stack[w->sp++] = (struct pending){ blk, i };
			return true;
		}
	}
	/* Only a loop that changes the depth on every turn gets here. */
	if (from && from->nr_insns)
		report_balance(w, from, from_slot, &from->insns[from->nr_insns - 1],
			       "instrumentation depth changes on every turn of a loop", depth);
	return false;
}

static void walk_block(struct walk *w, const struct block *blk, int slot)
{
	int depth = w->seen[blk->id][slot].depth;

	for (size_t i = 0; i < blk->nr_insns; i++)
		depth = check_insn(w, blk, slot, i, depth);
	/*
	 * A block reached with another depth is walked again with it, so whatever that depth breaks
	 * further on (a return inside a region, an end without a begin, a call outside a region)
	 * is reported where it happens, with this path as its witness.  A join of two depths that
	 * breaks nothing (GCC merges calls to a noreturn function from inside and outside a region)
	 * is not a finding.
	 */
	for (size_t k = 0; k < blk->nr_succ; k++) {
		const struct edge *e = &blk->succ[k];

		if (e->to)
			push_block(w, e->to, depth, e, blk, slot);
	}
}

/* Per block, per instruction: an array of arrays, freed with free_per_insn(). */
static void *alloc_per_insn(const struct function *func, size_t size)
{
	char **v = calloc(func->nr_blocks, sizeof(*v));

	for (size_t b = 0; v && b < func->nr_blocks; b++) {
		v[b] = calloc(func->blocks[b].nr_insns + 1, size);
		if (!v[b])
			out_of_memory(NULL);
	}
	if (!v)
		out_of_memory(NULL);
	return v;
}

static void free_per_insn(const struct function *func, void *p)
{
	char **v = p;

	for (size_t b = 0; v && b < func->nr_blocks; b++)
		free(v[b]);
	free(v);
}

/* The source's depth at every instruction, asked once (the walk may pass one many times). */
static void place_insns(struct walk *w)
{
	const struct function *func = w->func;
	const char *file;
	int line;

	w->at = alloc_per_insn(func, sizeof(struct src_depth));
	for (size_t b = 0; b < func->nr_blocks; b++)
		for (size_t i = 0; i < func->blocks[b].nr_insns; i++) {
			const struct insn *insn = &func->blocks[b].insns[i];
			const char *key = (insn->type == INSN_CALL || (insn->flags & INSN_F_TAIL)) && insn->dest.sym ?
					  insn->dest.sym->name : NULL;

			/* An alternative's replacement runs at its site: the source position is the site's. */
			uint64_t addr = insn->addr;

			if (addr < func->start || addr >= func->end) {
				const struct alt_record *alt = find_alt_replacing(&w->file->special, addr);

				if (!alt)
					continue;
				addr = alt->orig;
			}
			w->at[b][i] = src_insn_depth(w->src, addr, key);
		}
	w->judge_exits = src_func_problems(w->src, &file, &line) &
			 (SRC_RETURN_IN_REGION | SRC_UNBALANCED_END | SRC_JOIN_MISMATCH | SRC_END_UNDERFLOW);
}

static void record_calls(struct walk *w)
{
	const struct function *func = w->func;
	struct call_log *log = w->log;

	for (size_t b = 0; b < func->nr_blocks; b++)
		for (size_t i = 0; i < func->blocks[b].nr_insns; i++) {
			if (!w->reach[b][i])
				continue;
			if (log->n == log->cap) {
				log->cap = log->cap ? 2 * log->cap : 256;
				log->v = realloc(log->v, log->cap * sizeof(*log->v));
				if (!log->v)
					out_of_memory(NULL);
			}
			log->v[log->n++] = (struct call_seen){ func->blocks[b].insns[i].addr,
				w->reach[b][i], &func->blocks[b].insns[i], func };
		}
}

static int walk_function(struct ist_file *file, struct function *func, bool markers, struct src_func *src,
			 struct call_log *log)
{
	struct walk w = { .file = file, .func = func, .markers = markers, .src = src, .log = log };
	size_t n = func->nr_blocks;

	if (!n)
		return 0;
	w.seen = malloc(n * sizeof(*w.seen));
	w.stack = calloc(n * MAX_DEPTHS, sizeof(*w.stack));
	if (!w.seen || !w.stack) {
		free(w.seen), free(w.stack);
		out_of_memory(file->elf.path);
	}
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < MAX_DEPTHS; k++)
			w.seen[i][k] = (struct visit){ .depth = DEPTH_UNSEEN };
	if (src)
		place_insns(&w);
	if (log)
		w.reach = alloc_per_insn(func, 1);
	push_block(&w, &func->blocks[0], 0, NULL, NULL, 0);
	while (w.sp) {
		struct pending p = w.stack[--w.sp];

		walk_block(&w, p.blk, p.slot);
	}
	if (log)
		record_calls(&w);
	free_per_insn(func, w.at);
	free_per_insn(func, w.reach);
	free(w.seen), free(w.stack);
	return w.found;
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

/* The functions no source line places, with why, in one note (the summary counts them). */
struct unplaced {
	char *text;
	size_t len, n;
};

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

/* One noinstr function, with the regions this file has; < 0 on an internal error. */
static int check_function(struct ist_file *file, struct function *f, enum region_source from,
			  struct unplaced *unplaced, size_t *skipped, struct call_log *log)
{
	bool c_code = f->cls == CODE_NOINSTR || f->cls == CODE_CPUIDLE;
	struct src_func *src = NULL;
	char why[256];
	bool is_asm = false;
	int ret;

	/* Without regions every instrumentation region looks like a violation: C code, which has
	 * regions, is left alone; asm entry code never uses them. */
	if (c_code && from == REGIONS_NONE) {
		(*skipped)++;
		return 0;
	}
	if (c_code && from == REGIONS_FROM_SOURCE) {
		src = place_function(file->src, f->sym, &is_asm, why, sizeof(why));
		if (!src && !is_asm) {
			add_unplaced(unplaced, f->sym->name, why);
			return 0;
		}
	}
	ret = walk_function(file, f, from == REGIONS_FROM_MARKERS, src, log);
	if (src) {
		note_lexical(file, f, src);
		free_src_func(src);
	}
	return ret;
}

/* The noinstr rules over every noinstr function; with log, what --dump=regions shows too. */
static int walk_noinstr(struct ist_file *file, struct call_log *log)
{
	enum region_source from = noinstr_regions(file);
	struct unplaced unplaced = { 0 };
	size_t skipped = 0;
	int total = 0;

	for (size_t i = 0; i < file->nr_funcs; i++) {
		struct function *f = &file->funcs[i];
		int ret;

		if (!class_is_noinstr(f->cls))
			continue;
		ret = check_function(file, f, from, &unplaced, &skipped, log);
		if (ret < 0)
			return ret;
		total += ret;
	}
	if (skipped)
		report_note(file, 0, "no instrumentation markers: %zu noinstr C functions not checked; "
			    "region-precise checking needs vmlinux.o, objects built with CONFIG_DEBUG_ENTRY, "
			    "or the kernel's source (--srcroot)", skipped);
	if (unplaced.n) {
		report_note(file, 0, "source regions: %zu noinstr C functions not checked, no source line "
			    "places them: %s", unplaced.n, unplaced.text);
		file->stats.functions -= unplaced.n;
		file->stats.functions_skipped += unplaced.n;
		file->stats.skipped_unplaced = true;
	}
	free(unplaced.text);
	return total;
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
