/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Source lines from DWARF, through libdwfl.  libdwfl lays out and relocates the DWARF of an
 * ET_REL object itself, so vmlinux.o and .ko need no relocation code here; we only translate
 * our address (section base + offset) into libdwfl's (the same section's sh_addr in the Elf it
 * relocated, plus the module bias).  No DWARF or no line: callers fall back to sym+off.
 */
#include <stdlib.h>
#include <string.h>
#include <elfutils/libdwfl.h>
#include <istcheck/istcheck.h>
#include "report.h"

struct line_ctx {
	struct ist_file *file;
	Dwfl *dwfl;			/* NULL: no usable DWARF, don't retry */
	Dwfl_Module *mod;
	Elf *elf;
	Dwarf_Addr bias;
	char *path;			/* last result, after prefix stripping */
};

/* A handful of inputs per run: linear search is fine. */
static struct line_ctx *ctxs;
static size_t nr_ctxs;

static const Dwfl_Callbacks offline_callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static void open_dwfl(struct line_ctx *c)
{
	c->dwfl = dwfl_begin(&offline_callbacks);
	if (!c->dwfl)
		return;
	dwfl_report_begin(c->dwfl);
	c->mod = dwfl_report_offline(c->dwfl, "", c->file->elf.path, -1);
	if (dwfl_report_end(c->dwfl, NULL, NULL) || !c->mod)
		goto fail;
	c->elf = dwfl_module_getelf(c->mod, &c->bias);
	if (c->elf)
		return;
fail:
	dwfl_end(c->dwfl);
	c->dwfl = NULL;
	c->mod = NULL;
}

static struct line_ctx *get_ctx(struct ist_file *file)
{
	struct line_ctx *c;

	for (size_t i = 0; i < nr_ctxs; i++)
		if (ctxs[i].file == file)
			return &ctxs[i];
	c = realloc(ctxs, (nr_ctxs + 1) * sizeof(*ctxs));
	if (!c)
		return NULL;
	ctxs = c;
	c = &ctxs[nr_ctxs++];
	memset(c, 0, sizeof(*c));
	c->file = file;
	open_dwfl(c);
	return c;
}

/* prefix/rest -> rest; NULL if path is not under prefix. */
static const char *strip_prefix(const char *path, const char *prefix)
{
	size_t len = strlen(prefix);

	while (len > 1 && prefix[len - 1] == '/')
		len--;
	if (!len || strncmp(path, prefix, len))
		return NULL;
	if (path[len] != '/')
		return NULL;
	while (path[len] == '/')
		len++;
	return path + len;
}

static const char *relative_path(const char *path, const char *comp_dir)
{
	const char *rel = NULL;

	if (opts.srcroot)
		rel = strip_prefix(path, opts.srcroot);
	if (!rel && path[0] == '/' && comp_dir)
		rel = strip_prefix(path, comp_dir);
	if (!rel)
		rel = path;
	/* Kbuild records headers as "./arch/x86/include/..."; tools want "arch/x86/...". */
	while (rel[0] == '.' && rel[1] == '/')
		for (rel += 2; *rel == '/'; rel++)
			;
	return rel;
}

bool lookup_line(struct ist_file *file, uint64_t addr, const char **path, int *line, int *col)
{
	struct line_ctx *c = get_ctx(file);
	const struct section *sec;
	const char *src;
	Dwfl_Line *dl;
	Elf_Scn *scn;
	GElf_Shdr sh;
	uint64_t off;
	int l = 0, cl = 0;

	if (!c || !c->dwfl)
		return false;
	sec = addr_section(&file->elf, addr, &off);
	if (!sec || !(scn = elf_getscn(c->elf, sec->idx)) || !gelf_getshdr(scn, &sh))
		return false;
	/* In ET_REL only allocated sections get an address from libdwfl. */
	if (!(sh.sh_flags & SHF_ALLOC))
		return false;
	dl = dwfl_module_getsrc(c->mod, sh.sh_addr + c->bias + off);
	if (!dl)
		return false;
	src = dwfl_lineinfo(dl, NULL, &l, &cl, NULL, NULL);
	if (!src || l <= 0)
		return false;
	free(c->path);
	c->path = strdup(relative_path(src, dwfl_line_comp_dir(dl)));
	if (!c->path)
		return false;
	*path = c->path;
	*line = l;
	*col = cl > 0 ? cl : 0;
	return true;
}

void close_lines(void)
{
	for (size_t i = 0; i < nr_ctxs; i++) {
		if (ctxs[i].dwfl)
			dwfl_end(ctxs[i].dwfl);
		free(ctxs[i].path);
	}
	free(ctxs);
	ctxs = NULL;
	nr_ctxs = 0;
}
