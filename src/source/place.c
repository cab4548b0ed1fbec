// SPDX-License-Identifier: GPL-2.0
/*
 * Instructions placed in the source, with libdw.  An instruction of a noinstr function F sits in
 * a chain of inlining steps: F called H1 at (file, line, column), H1 called H2 there, ..., and the
 * line table places it in the innermost.  Its instrumentation depth is the sum, over the chain,
 * of the depth each function's own body has at the next step's call position: a region written
 * in F around the call of H1 counts, and so does one written inside H1 (irqentry_nmi_enter()'s
 * helpers, __enter_from_user_mode()).  A function whose body has no region statement adds 0.
 *
 * A final vmlinux's DWARF is read as it is.  A relocatable object's is relocated by libdwfl, with
 * its own section layout, which dwarf_pc() maps istcheck's addresses to.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <istcheck/error.h>
#include "source_internal.h"

#define MAX_CHAIN 32

/* A function's scanned body, by the DIE offset of its abstract origin (or its own). */
struct body_entry {
	Dwarf_Off die;
	struct src_body body;
	bool ok;
	bool helper;			/* an inline helper meant to change its caller's depth */
	char *path;
	struct body_entry *next;
};

struct src_regions {
	const struct elf_file *ef;
	Dwfl *dwfl;
	Dwarf *dw;
	Dwarf_Addr bias;
	Dwarf_Addr *dw_base;		/* ET_REL: libdwfl's base of each section, by index */
	struct src_tree *tree;
	char *root;
	struct body_entry *bodies[1024];
	Dwarf_Off *cus;			/* CUs whose headers' macros were read */
	size_t nr_cus;
};

struct src_func {
	struct src_regions *r;
	Dwarf_Die cu, sub;
	struct body_entry *own;
	unsigned problems;
	const char *problem_file;
	int problem_line;
};

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/*
 * ET_REL: libdwfl lays the sections out itself (it writes sh_addr in its own copy of the headers
 * and relocates the DWARF against that); keep its base of each section to map addresses.
 */
static void read_layout(struct src_regions *r, Dwfl_Module *mod)
{
	Dwarf_Addr bias;
	Elf *e = dwfl_module_getelf(mod, &bias);

	r->dw_base = calloc(r->ef->nr_secs, sizeof(*r->dw_base));
	if (!r->dw_base)
		out_of_memory(NULL);
	for (size_t i = 1; e && i < r->ef->nr_secs; i++) {
		GElf_Shdr sh;

		if (gelf_getshdr(elf_getscn(e, i), &sh))
			r->dw_base[i] = sh.sh_addr + bias;
	}
}

/* istcheck's address -> the DWARF's. */
static Dwarf_Addr dwarf_pc(const struct src_regions *r, uint64_t addr)
{
	const struct section *sec;

	if (!r->dw_base)
		return addr - r->bias;
	sec = find_section_by_addr(r->ef, addr);
	return sec ? addr - sec->addr + r->dw_base[sec->idx] : 0;
}

static bool open_dwarf(struct src_regions *r, const char *path)
{
	Dwfl_Module *mod;

	if (!r->ef->rel) {
		r->dw = dwarf_begin_elf(r->ef->elf, DWARF_C_READ, NULL);
		return r->dw != NULL;
	}
	r->dwfl = dwfl_begin(&offline_callbacks);
	if (!r->dwfl)
		return false;
	mod = dwfl_report_offline(r->dwfl, "object", path, -1);
	dwfl_report_end(r->dwfl, NULL, NULL);
	r->dw = mod ? dwfl_module_getdwarf(mod, &r->bias) : NULL;
	if (r->dw)
		read_layout(r, mod);
	return r->dw != NULL;
}

struct src_regions *open_src_regions(const struct elf_file *ef, const char *path, const char *root,
				     char *why, size_t why_len, bool *wrong_tree)
{
	enum src_version v = check_src_version(ef, root, why, why_len);
	struct src_regions *r;

	*wrong_tree = v == SRC_VERSION_WRONG;
	if (v != SRC_VERSION_OK)
		return NULL;
	if (ef->compression) {
		snprintf(why, why_len, "source regions are not read from compressed files");
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (!r || !(r->root = realpath(root, NULL)))
		out_of_memory(NULL);
	r->ef = ef;
	if (!open_dwarf(r, path)) {
		snprintf(why, why_len, "no usable DWARF in the file");
		close_src_regions(r);
		return NULL;
	}
	r->tree = src_tree_new(r->root);
	return r;
}

void close_src_regions(struct src_regions *r)
{
	if (!r)
		return;
	for (size_t h = 0; h < 1024; h++)
		for (struct body_entry *e = r->bodies[h], *next; e; e = next) {
			next = e->next;
			src_body_free(&e->body);
			free(e->path), free(e);
		}
	if (r->dwfl)
		dwfl_end(r->dwfl);
	else if (r->dw)
		dwarf_end(r->dw);
	src_tree_free(r->tree);
	free(r->cus), free(r->dw_base), free(r->root), free(r);
}

/* A DWARF file name -> the file under the tree (malloc'd), or NULL. */
static char *resolve(struct src_regions *r, Dwarf_Die *cu, const char *name)
{
	Dwarf_Attribute attr;
	const char *comp = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &attr)), *rel = name;
	size_t n = comp ? strlen(comp) : 0, rn = strlen(r->root);
	char *path;

	if (n && !strncmp(rel, comp, n) && rel[n] == '/')
		rel += n + 1;
	else if (!strncmp(rel, r->root, rn) && rel[rn] == '/')
		rel += rn + 1;
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	if (rel[0] != '/') {
		if (asprintf(&path, "%s/%s", r->root, rel) < 0)
			out_of_memory(NULL);
		if (!access(path, R_OK))
			return path;
		free(path);
		return NULL;
	}
	/* An absolute name outside the tree: a file compiled from elsewhere, read as it is. */
	return access(rel, R_OK) ? NULL : xstrdup(rel);
}

/*
 * Before any body of a CU is scanned: its source file read as the compiler did (includes
 * followed, so #ifdef __WARN_FLAGS sees the arch header first), and its noreturn functions.
 */
static void read_cu(struct src_regions *r, Dwarf_Die *cu)
{
	Dwarf_Off off = dwarf_dieoffset(cu);
	const char *name = dwarf_diename(cu);
	Dwarf_Attribute attr;
	Dwarf_Die child;
	char *path;

	for (size_t i = 0; i < r->nr_cus; i++)
		if (r->cus[i] == off)
			return;
	r->cus = realloc(r->cus, (r->nr_cus + 1) * sizeof(*r->cus));
	if (!r->cus)
		out_of_memory(NULL);
	r->cus[r->nr_cus++] = off;
	path = name ? resolve(r, cu, name) : NULL;
	if (path)
		src_add_macros(r->tree, path);
	free(path);
	if (dwarf_child(cu, &child))
		return;
	do {
		bool flag = false;

		if (dwarf_tag(&child) == DW_TAG_subprogram &&
		    !dwarf_formflag(dwarf_attr(&child, DW_AT_noreturn, &attr), &flag) && flag && dwarf_diename(&child))
			src_add_noreturn(r->tree, dwarf_diename(&child));
	} while (!dwarf_siblingof(&child, &child));
}

/* The body of the function die (a subprogram or an inlined subroutine's origin), scanned once. */
static struct body_entry *get_body(struct src_regions *r, Dwarf_Die *cu, Dwarf_Die *die, const char **why)
{
	Dwarf_Attribute attr;
	Dwarf_Die origin, *fn = die;
	struct body_entry *e;
	const char *file, *name;
	Dwarf_Off off;
	int line = 0;

	if (dwarf_formref_die(dwarf_attr(die, DW_AT_abstract_origin, &attr), &origin))
		fn = &origin;
	off = dwarf_dieoffset(fn);
	for (e = r->bodies[off % 1024]; e; e = e->next)
		if (e->die == off) {
			*why = e->ok ? NULL : "no body";
			return e;
		}
	e = calloc(1, sizeof(*e));
	if (!e)
		out_of_memory(NULL);
	e->die = off;
	e->next = r->bodies[off % 1024];
	r->bodies[off % 1024] = e;
	name = dwarf_diename(fn);
	file = dwarf_decl_file(fn);
	if (!name || !file || dwarf_decl_line(fn, &line) || line <= 0) {
		*why = "no DWARF declaration (decl_file/decl_line)";
		return e;
	}
	e->path = resolve(r, cu, file);
	if (!e->path) {
		*why = "its source file is not under the source tree";
		return e;
	}
	read_cu(r, cu);
	e->ok = src_scan_function(r->tree, e->path, line, name, &e->body, why);
	e->helper = src_helper_delta(r->tree, name) != 0;
	return e;
}

static bool find_subprogram(Dwarf_Die *parent, Dwarf_Addr pc, Dwarf_Die *out)
{
	Dwarf_Die child;

	if (dwarf_child(parent, &child))
		return false;
	do {
		if (dwarf_tag(&child) == DW_TAG_subprogram && dwarf_haspc(&child, pc) > 0) {
			*out = child;
			return true;
		}
	} while (!dwarf_siblingof(&child, &child));
	return false;
}

struct src_func *place_function(struct src_regions *r, const struct symbol *sym, bool *is_asm, char *why,
				size_t why_len)
{
	struct src_func *f = calloc(1, sizeof(*f));
	const char *reason = NULL;
	Dwarf_Word lang = 0;
	Dwarf_Attribute attr;

	if (!f)
		out_of_memory(NULL);
	f->r = r;
	*is_asm = false;
	if (dwarf_addrdie(r->dw, dwarf_pc(r, sym->addr), &f->cu) &&
	    !dwarf_formudata(dwarf_attr(&f->cu, DW_AT_language, &attr), &lang) && lang == DW_LANG_Mips_Assembler) {
		*is_asm = true;
		free(f);
		return NULL;
	}
	if (!dwarf_addrdie(r->dw, dwarf_pc(r, sym->addr), &f->cu)) {
		snprintf(why, why_len, "no DWARF compilation unit covers it");
		free(f);
		return NULL;
	}
	/* Top-level asm in a C file (DEFINE_PARAVIRT_ASM): no subprogram, no regions, like asm. */
	if (!find_subprogram(&f->cu, dwarf_pc(r, sym->addr), &f->sub)) {
		*is_asm = true;
		free(f);
		return NULL;
	}
	f->own = get_body(r, &f->cu, &f->sub, &reason);
	if (!f->own->ok) {
		snprintf(why, why_len, "%s%s%s", reason ? reason : "no body",
			 f->own->path ? " in " : "", f->own->path ? f->own->path + strlen(r->root) + 1 : "");
		free(f);
		return NULL;
	}
	return f;
}

void free_src_func(struct src_func *f)
{
	free(f);
}

/* The chain of inlined subroutines under die that covers pc, outermost first. */
static int inline_chain(Dwarf_Die *die, Dwarf_Addr pc, Dwarf_Die *chain, int n)
{
	Dwarf_Die child;

	if (dwarf_child(die, &child))
		return n;
	do {
		int tag = dwarf_tag(&child);

		if ((tag != DW_TAG_inlined_subroutine && tag != DW_TAG_lexical_block) ||
		    dwarf_haspc(&child, pc) <= 0)
			continue;
		if (tag == DW_TAG_lexical_block)
			return inline_chain(&child, pc, chain, n);
		if (n == MAX_CHAIN)
			return n;
		chain[n++] = child;
		return inline_chain(&chain[n - 1], pc, chain, n);
	} while (!dwarf_siblingof(&child, &child));
	return n;
}

struct step {
	const char *file;		/* the DWARF name, for the file check */
	int line, col;
	const char *key;
};

/* Where step die was called from, in its caller's body. */
static bool call_site(struct src_func *f, Dwarf_Die *die, struct step *st)
{
	Dwarf_Attribute attr;
	Dwarf_Files *files;
	Dwarf_Word idx, line, col = 0;
	size_t n;

	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_file, &attr), &idx) ||
	    dwarf_formudata(dwarf_attr(die, DW_AT_call_line, &attr), &line) ||
	    dwarf_getsrcfiles(&f->cu, &files, &n) || idx >= n)
		return false;
	dwarf_formudata(dwarf_attr(die, DW_AT_call_column, &attr), &col);
	st->file = dwarf_filesrc(files, idx, NULL, NULL);
	st->line = (int)line;
	st->col = (int)col;
	st->key = dwarf_diename(die);
	return st->file != NULL;
}

static bool line_of(struct src_func *f, Dwarf_Addr pc, struct step *st)
{
	Dwarf_Line *l = dwarf_getsrc_die(&f->cu, pc);
	int line = 0, col = 0;

	if (!l || dwarf_lineno(l, &line) || line <= 0)
		return false;
	dwarf_linecol(l, &col);
	st->file = dwarf_linesrc(l, NULL, NULL);
	st->line = line;
	st->col = col > 0 ? col : 0;
	return st->file != NULL;
}

/* Does the step's file name the body's file? */
static bool same_file(struct src_func *f, const struct body_entry *e, const char *file)
{
	char *path = resolve(f->r, &f->cu, file);
	bool same = path && e->path && !strcmp(path, e->path);

	free(path);
	return same;
}

static void note_problems(struct src_func *f, const struct body_entry *e)
{
	if (!e->ok || e->helper || !e->body.problems || (f->problems & e->body.problems) == e->body.problems)
		return;
	if (!f->problems) {
		size_t n = strlen(f->r->root);

		f->problem_file = !strncmp(e->path, f->r->root, n) && e->path[n] == '/' ? e->path + n + 1 : e->path;
		f->problem_line = e->body.problem_line;
	}
	f->problems |= e->body.problems;
}

struct src_depth src_insn_depth(struct src_func *f, uint64_t addr, const char *key)
{
	Dwarf_Die chain[MAX_CHAIN];
	struct src_depth sum = { 0, 0, true }, unknown = { 0, 0, false };
	Dwarf_Addr pc = dwarf_pc(f->r, addr);
	int n = inline_chain(&f->sub, pc, chain, 0);
	char bare[128];

	/*
	 * The stack protector's check runs after the body, where the source's depth is the one the
	 * body ends with: its line is often a macro's (DEFINE_IDTENTRY_*), shared by both sides of the
	 * region statements.
	 */
	if (key && !strcmp(key, "__stack_chk_fail") && f->own->body.nr_events)
		return f->own->body.final;
	/* A clone's name (foo.constprop.0) calls foo in the source. */
	if (key) {
		snprintf(bare, sizeof(bare), "%.*s", (int)strcspn(key, "."), key);
		key = bare;
	}

	note_problems(f, f->own);
	for (int i = 0; i <= n; i++) {
		struct body_entry *e = i ? get_body(f->r, &f->cu, &chain[i - 1], &(const char *){ NULL }) : f->own;
		struct step st = { .key = key };
		struct src_depth d;

		if (!e->ok || !e->body.nr_events)
			continue;	/* no region statement (or no source): adds nothing */
		note_problems(f, e);
		if (i < n ? !call_site(f, &chain[i], &st) : !line_of(f, pc, &st))
			return unknown;
		if (i == n)
			st.key = key;
		if (!same_file(f, e, st.file))
			return unknown;
		d = src_depth_at(&e->body, st.line, st.col, st.key);
		if (!d.known)
			return unknown;
		sum.lo += d.lo;
		sum.hi += d.hi;
	}
	return sum;
}

unsigned src_func_problems(const struct src_func *f, const char **file, int *line)
{
	*file = f->problem_file;
	*line = f->problem_line;
	return f->problems;
}
