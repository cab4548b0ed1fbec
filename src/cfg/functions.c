// SPDX-License-Identifier: GPL-2.0
/*
 * Which code is a function: FUNC symbols, and the sized typeless symbols that SYM_CODE_START
 * gives asm entry code.  One function per start address; aliases collapse onto the best name.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* Names of functions that never return (the list objtool keeps in noreturns.h, 6.12). */
static const char *const noreturns[] = {
	"__fortify_panic", "__ia32_sys_exit", "__ia32_sys_exit_group", "__kunit_abort",
	"__module_put_and_kthread_exit", "__reiserfs_panic", "__stack_chk_fail",
	"__tdx_hypercall_failed", "__ubsan_handle_builtin_unreachable", "__x64_sys_exit",
	"__x64_sys_exit_group", "arch_cpu_idle_dead", "bch2_trans_in_restart_error",
	"bch2_trans_restart_error", "bch2_trans_unlocked_error", "cpu_bringup_and_idle",
	"cpu_startup_entry", "do_exit", "do_group_exit", "do_task_dead", "ex_handler_msr_mce",
	"hlt_play_dead", "hv_ghcb_terminate", "kthread_complete_and_exit", "kthread_exit",
	"kunit_try_catch_throw", "machine_real_restart", "make_task_dead", "mpt_halt_firmware",
	"nmi_panic_self_stop", "panic", "panic_smp_self_stop", "rest_init",
	"rewind_stack_and_make_dead", "rust_begin_unwind", "rust_helper_BUG", "sev_es_terminate",
	"snp_abort", "start_kernel", "stop_this_cpu", "usercopy_abort", "x86_64_start_kernel",
	"x86_64_start_reservations", "xen_cpu_bringup_again", "xen_start_kernel",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool is_noreturn(const char *name)
{
	return bsearch(&name, noreturns, ARRAY_SIZE(noreturns), sizeof(noreturns[0]),
		       cmp_str) != NULL;
}

static bool is_function_symbol(const struct symbol *s)
{
	if (!s->size || !(s->sec->flags & SHF_EXECINSTR) || s->sec->cls == CODE_ALTREPL)
		return false;
	if (s->type != STT_FUNC && s->type != STT_NOTYPE)
		return false;
	/* Call-thunk and CFI padding in front of functions is not a function of its own. */
	return strncmp(s->name, "__pfx_", 6) && strncmp(s->name, "__cfi_", 6);
}

void add_functions(struct ist_file *file)
{
	const struct elf_file *ef = &file->elf;
	uint64_t last = 0;
	bool any = false;

	size_t n = 0;

	for (size_t i = 0; i < ef->nr_by_addr; i++)
		n += is_function_symbol(ef->by_addr[i]);
	file->funcs = calloc(n + 1, sizeof(*file->funcs));
	if (!file->funcs)
		out_of_memory(ef->path);
	for (size_t i = 0; i < ef->nr_by_addr; i++) {
		struct symbol *s = ef->by_addr[i];
		struct function *f;

		if (!is_function_symbol(s) || (any && s->addr == last))
			continue;
		f = &file->funcs[file->nr_funcs++];
		f->sym = s;
		f->start = s->addr;
		f->end = s->addr + s->size;
		f->cls = addr_class(ef, s->addr);
		f->ignored = annot_has(&file->special, ANN_NONSTANDARD, s->addr);
		last = s->addr;
		any = true;
	}
}

static struct function *find_function_at(const struct ist_file *file, uint64_t addr)
{
	size_t lo = PARTITION_POINT(file->nr_funcs, i, file->funcs[i].start < addr);

	return lo < file->nr_funcs && file->funcs[lo].start == addr ? &file->funcs[lo] : NULL;
}

struct function *find_function(const struct ist_file *file, const char *name)
{
	const struct symbol *s = find_symbol(&file->elf, name);

	return s && !s->undef ? find_function_at(file, s->addr) : NULL;
}

struct function *find_function_containing(const struct ist_file *file, uint64_t addr)
{
	size_t lo = PARTITION_POINT(file->nr_funcs, i, file->funcs[i].start <= addr);

	/* Functions do not nest; the one starting last at or before addr is the candidate. */
	if (lo && addr < file->funcs[lo - 1].end)
		return &file->funcs[lo - 1];
	return NULL;
}

/* objtool looks 5 sibling calls deep for dead ends; so does this. */
#define MAX_RETURNS_DEPTH 5

static bool tail_call_returns(struct ist_file *file, const struct function *func, const struct insn *insn)
{
	struct function *callee;

	if (insn->type == INSN_JUMP_DYNAMIC || !insn->dest.known)
		return !(insn->dest.sym && is_noreturn(insn->dest.sym->name));
	if (insn->dest.addr >= func->start && insn->dest.addr < func->end)
		return false;			/* a jump inside the function */
	callee = find_function_containing(file, insn->dest.addr);
	return !callee || function_returns(file, callee);
}

/*
 * Rethunk kernels return through `jmp __x86_return_thunk`: a final link lists those in
 * .return_sites, an object has a relocation on each.  Either settles most functions without
 * decoding them.
 */
static bool has_return_thunk_jump(const struct ist_file *file, const struct section *sec,
				  const struct function *func)
{
	uint64_t off = func->start - sec->addr, end = func->end - sec->addr;
	const struct reloc *r;

	if (annot_in_range(&file->special, ANN_RETURN_SITE, func->start, func->end))
		return true;
	for (r = find_reloc(sec, off, end - off); r && r < sec->relocs + sec->nr_relocs &&
	     r->offset < end; r++) {
		if (r->offset < off + 1 || strcmp(r->sym->name, "__x86_return_thunk"))
			continue;
		/* jmp rel32, or jcc rel32 */
		if (sec->data[r->offset - 1] == 0xe9 ||
		    (r->offset >= off + 2 && sec->data[r->offset - 2] == 0x0f &&
		     (sec->data[r->offset - 1] & 0xf0) == 0x80))
			return true;
	}
	return false;
}

/*
 * objtool's rule (__dead_end_function): a function returns if any of its instructions is a
 * return, or a tail call to a function that returns.  Deliberately not path-based, so the answer
 * does not depend on which callees were already known not to return.
 */
static bool any_insn_returns(struct ist_file *file, const struct function *func)
{
	const struct section *sec = func->sym->sec;

	if (!sec || !sec->data || func->end - sec->addr > sec->size)
		return true;
	if (has_return_thunk_jump(file, sec, func))
		return true;
	for (uint64_t addr = func->start; addr < func->end;) {
		struct insn insn;

		addr += decode_insn(file->dec, &file->elf, sec, addr, sec->data + (addr - sec->addr),
				    func->end - addr, &insn);
		switch (insn.type) {
		case INSN_RET:
		case INSN_IRET:
		case INSN_SYSRET:
		case INSN_ERET:
		case INSN_SYSEXIT:
			return true;
		case INSN_JUMP:
		case INSN_JUMP_COND:
		case INSN_JUMP_DYNAMIC:
			if (tail_call_returns(file, func, &insn))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

bool function_returns(struct ist_file *file, struct function *func)
{
	bool ret;

	if (is_noreturn(func->sym->name))
		return false;
	if (func->returns == RETURNS_YES || func->returns == RETURNS_COMPUTING)
		return true;
	if (func->returns == RETURNS_NO)
		return false;
	if (file->returns_depth >= MAX_RETURNS_DEPTH)
		return true;
	func->returns = RETURNS_COMPUTING;
	file->returns_depth++;
	ret = any_insn_returns(file, func);
	file->returns_depth--;
	func->returns = ret ? RETURNS_YES : RETURNS_NO;
	return ret;
}

bool function_is_walked(const struct function *f)
{
	uint16_t roles = f->sym->roles;

	if (roles & ROLE_WALK)
		return true;
	if (roles & (ROLE_UNTRAIN | ROLE_BHB_CLEAR | ROLE_XEN_EXIT | ROLE_SWITCHER))
		return false;
	return f->cls == CODE_ENTRY || f->sym->type == STT_NOTYPE;
}

/* A queue of functions whose CFGs are built. */
struct cfg_queue {
	struct function **v;
	size_t n, max;
};

static void queue_function(struct cfg_queue *q, struct function *f)
{
	if (q->n == q->max) {
		q->max = q->max ? 2 * q->max : 64;
		q->v = xrealloc(q->v, q->max * sizeof(*q->v));
	}
	q->v[q->n++] = f;
}

/*
 * What a walk of f's CFG reaches outside it: the functions its edges continue in, queued, and its
 * direct callees, whose return the walk asks for where it summarises the call.
 */
static void add_reached(struct ist_file *file, const struct function *f, struct cfg_queue *q)
{
	for (size_t b = 0; b < f->nr_blocks; b++)
		for (size_t e = 0; e < f->blocks[b].nr_succ; e++) {
			const struct edge *ed = &f->blocks[b].succ[e];
			struct function *to = ed->to ? NULL : find_function_containing(file, ed->addr);

			if (to && !to->built)
				queue_function(q, to);
		}
	for (size_t i = 0; i < f->nr_insns; i++) {
		const struct insn *insn = &f->insns[i];
		struct function *callee = insn->type == INSN_CALL && insn->dest.known ?
			find_function_containing(file, insn->dest.addr) : NULL;

		if (callee)
			function_returns(file, callee);
	}
}

static int build_queued(struct ist_file *file, struct cfg_queue *q, size_t from)
{
	for (size_t i = from; i < q->n; i++)
		if (build_cfg(file, q->v[i]) < 0)
			return -1;
	return 0;
}

int build_cfgs(struct ist_file *file, bool walk)
{
	struct cfg_queue q = { 0 };
	size_t nr_noinstr;
	int ret;

	for (size_t i = 0; i < file->nr_funcs; i++)
		if (class_is_noinstr(file->funcs[i].cls))
			queue_function(&q, &file->funcs[i]);
	nr_noinstr = q.n;
	ret = build_queued(file, &q, 0);
	if (!walk || ret < 0)
		goto out;
	for (size_t i = 0; i < file->nr_funcs; i++)
		if (!class_is_noinstr(file->funcs[i].cls) && function_is_walked(&file->funcs[i]))
			queue_function(&q, &file->funcs[i]);
	ret = build_queued(file, &q, nr_noinstr);
	/* Then what the walk can reach from them, until nothing new is reached. */
	for (size_t i = 0; ret >= 0 && i < q.n; i++) {
		size_t was = q.n;

		add_reached(file, q.v[i], &q);
		ret = build_queued(file, &q, was);
	}
out:
	free(q.v);
	return ret;
}

struct function *function_cfg(struct ist_file *file, struct function *func)
{
	return build_cfg(file, func) < 0 ? NULL : func;
}
