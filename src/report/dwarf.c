/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Source lines from DWARF, with libdw, only when a finding needs one.
 *
 * A final link's DWARF holds link addresses: libdw finds the CU through .debug_aranges and the
 * line in its table.  A relocatable object's DWARF is unrelocated, and letting libdwfl relocate
 * all of it costs more than the whole analysis of vmlinux.o.  Only .debug_line is needed, so
 * only its relocations are applied, in the file's private mapping, with istcheck's own
 * synthetic section bases: line addresses then are istcheck addresses.  Each line unit is
 * indexed by the sequence starts its relocations set, and only the unit covering a finding is
 * decoded (dwarf_next_lines).  No DWARF or no line: callers fall back to sym+off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>
#include "report.h"

struct seq_start {
	uint64_t addr;			/* istcheck address a DW_LNE_set_address sets */
	uint64_t unit;			/* offset of its line unit in .debug_line */
};

struct line_ctx {
	struct ist_file *file;
	Dwarf *dw;			/* NULL: no usable DWARF, don't retry */
	struct seq_start *starts;	/* ET_REL: sorted by addr */
	size_t nr_starts;
	char *path;			/* last result, after prefix stripping */
	char *error;			/* the first DWARF that could not be read, for a note */
};

/* A handful of inputs per run: linear search is fine. */
static struct line_ctx *ctxs;
static size_t nr_ctxs;

static const struct section *find_rela_for(const struct elf_file *ef, const struct section *target)
{
	for (size_t i = 1; i < ef->nr_secs; i++) {
		GElf_Shdr sh;

		if (ef->secs[i].type == SHT_RELA && gelf_getshdr(elf_getscn(ef->elf, i), &sh) &&
		    sh.sh_info == target->idx)
			return &ef->secs[i];
	}
	return NULL;
}

/* Offset of the line unit holding off: units are self-delimiting (unit_length first). */
static uint64_t unit_of(const struct section *line, uint64_t off, uint64_t *unit, uint64_t *unit_end)
{
	while (*unit_end <= off && *unit_end + 4 <= line->size) {
		uint32_t len32;
		uint64_t len;

		*unit = *unit_end;
		memcpy(&len32, line->data + *unit, 4);
		if (len32 == 0xffffffff && *unit + 12 <= line->size) {
			memcpy(&len, line->data + *unit + 4, 8);
			len += 12;
		} else {
			len = (uint64_t)len32 + 4;
		}
		if (!len || len > line->size - *unit)
			return UINT64_MAX;
		*unit_end = *unit + len;
	}
	return *unit_end > off ? *unit : UINT64_MAX;
}

static int cmp_start(const void *a, const void *b)
{
	const struct seq_start *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Apply one relocation of .debug_line; returns false if the entry makes no sense. */
static bool apply_reloc(const struct elf_file *ef, uint8_t *data, uint64_t size, const Elf64_Rela *r,
			uint64_t *value)
{
	uint64_t sym = ELF64_R_SYM(r->r_info);
	const struct symbol *s;
	unsigned type = ELF64_R_TYPE(r->r_info);

	if (sym >= ef->nr_syms)
		return false;
	s = &ef->syms[sym];
	/* Debug sections are addressed by offset; code by istcheck's synthetic address. */
	*value = (s->sec && !(s->sec->flags & SHF_ALLOC) ? s->addr - s->sec->addr : s->addr) + r->r_addend;
	if (r->r_offset > size)
		return false;
	if (type == R_X86_64_64 && size - r->r_offset >= 8)
		memcpy(data + r->r_offset, value, 8);
	else if (type == R_X86_64_32 && size - r->r_offset >= 4)
		memcpy(data + r->r_offset, value, 4);
	else
		return false;
	return type == R_X86_64_64 && s->sec && (s->sec->flags & SHF_EXECINSTR);
}

static bool relocate_lines(struct line_ctx *c)
{
	const struct elf_file *ef = &c->file->elf;
	const struct section *line = find_section(ef, ".debug_line"), *rela;
	uint64_t unit = 0, unit_end = 0;
	size_t n;

	if (!line || !line->data || (line->flags & SHF_COMPRESSED))
		return false;
	rela = find_rela_for(ef, line);
	if (!rela || !rela->data || rela->entsize != sizeof(Elf64_Rela))
		return false;
	n = rela->size / sizeof(Elf64_Rela);
	c->starts = calloc(n + 1, sizeof(*c->starts));
	if (!c->starts)
		return false;
	for (size_t i = 0; i < n; i++) {
		Elf64_Rela r;
		uint64_t value;

		memcpy(&r, rela->data + i * sizeof(r), sizeof(r));
		/* The mapping is private and writable: this changes nothing on disk. */
		if (!apply_reloc(ef, (uint8_t *)line->data, line->size, &r, &value))
			continue;
		c->starts[c->nr_starts].addr = value;
		c->starts[c->nr_starts].unit = unit_of(line, r.r_offset, &unit, &unit_end);
		if (c->starts[c->nr_starts].unit != UINT64_MAX)
			c->nr_starts++;
	}
	if (c->nr_starts)
		qsort(c->starts, c->nr_starts, sizeof(*c->starts), cmp_start);
	return true;
}

/* Remember the first unreadable DWARF: lines then go missing, and a note says why. */
static void line_failed(struct line_ctx *c, const char *what)
{
	if (!c->error && asprintf(&c->error, "%s: %s", what, dwarf_errmsg(-1)) < 0)
		c->error = NULL;
}

static void open_dwarf(struct line_ctx *c)
{
	if (c->file->elf.rel && !relocate_lines(c))
		return;
	c->dw = dwarf_begin_elf(c->file->elf.elf, DWARF_C_READ, NULL);
	/* No DWARF at all is the common case, not an error. */
	if (!c->dw && find_section(&c->file->elf, ".debug_info"))
		line_failed(c, "the DWARF");
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
	open_dwarf(c);
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

/*
 * An absolute path under neither --srcroot nor the unit's directory: a distribution's build
 * tree, as the assembler records it (/build/reproducible-path/linux-6.1.192/arch/x86/entry/
 * entry_64.S, with the objects' directory, debian/build/..., as comp_dir).  The longest tail of
 * it that names a file under --srcroot is the path in the source the user gave.
 */
static const char *tail_under_srcroot(const char *path)
{
	char buf[4096];

	for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
		while (*p == '/')
			p++;
		if (!*p || snprintf(buf, sizeof(buf), "%s/%s", opts.srcroot, p) >= (int)sizeof(buf))
			break;
		if (!access(buf, F_OK))
			return p;
	}
	return NULL;
}

static const char *relative_path(const char *path, const char *comp_dir)
{
	const char *rel = NULL;

	if (opts.srcroot)
		rel = strip_prefix(path, opts.srcroot);
	if (!rel && path[0] == '/' && comp_dir)
		rel = strip_prefix(path, comp_dir);
	if (!rel && path[0] == '/' && opts.srcroot)
		rel = tail_under_srcroot(path);
	if (!rel)
		rel = path;
	/* Kbuild records headers as "./arch/x86/include/..."; tools want "arch/x86/...". */
	while (rel[0] == '.' && rel[1] == '/')
		for (rel += 2; *rel == '/'; rel++)
			;
	return rel;
}

/* The row of lines covering addr: the last one at or below it, if its sequence goes on. */
static Dwarf_Line *find_row(Dwarf_Lines *lines, size_t n, uint64_t addr)
{
	Dwarf_Line *best = NULL;
	Dwarf_Addr a, best_addr = 0;

	for (size_t i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		bool end = false;

		if (!l || dwarf_lineaddr(l, &a) || a > addr)
			continue;
		dwarf_lineendsequence(l, &end);
		if (!best || a >= best_addr) {
			best = end && a <= addr ? NULL : l;
			best_addr = a;
		}
	}
	return best;
}

/* ET_REL: decode the line unit whose sequence starts closest below addr. */
static Dwarf_Line *rel_line(struct line_ctx *c, uint64_t addr, const char **comp_dir)
{
	size_t lo = PARTITION_POINT(c->nr_starts, i, c->starts[i].addr <= addr);

	for (size_t tries = 0; lo > 0 && tries < 4; tries++, lo--) {
		Dwarf_Off next;
		Dwarf_CU *cu = NULL;	/* in: where libdw starts looking for the unit's CU */
		Dwarf_Files *files;
		Dwarf_Lines *lines;
		size_t nfiles, nlines, ndirs;
		const char *const *dirs;
		Dwarf_Line *l;

		if (dwarf_next_lines(c->dw, c->starts[lo - 1].unit, &next, &cu, &files, &nfiles, &lines,
				     &nlines)) {
			line_failed(c, ".debug_line");
			continue;
		}
		l = find_row(lines, nlines, addr);
		if (!l)
			continue;
		*comp_dir = !dwarf_getsrcdirs(files, &dirs, &ndirs) && ndirs ? dirs[0] : NULL;
		return l;
	}
	return NULL;
}

/* ET_EXEC: the CU from .debug_aranges, then its line table. */
static Dwarf_Line *exec_line(struct line_ctx *c, uint64_t addr, const char **comp_dir)
{
	Dwarf_Die cu;
	Dwarf_Attribute attr;

	Dwarf_Lines *lines;
	size_t n;

	if (!dwarf_addrdie(c->dw, addr, &cu))
		return NULL;
	*comp_dir = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &attr));
	if (dwarf_getsrclines(&cu, &lines, &n)) {
		line_failed(c, ".debug_line");
		return NULL;
	}
	return dwarf_getsrc_die(&cu, addr);
}

bool lookup_line(struct ist_file *file, uint64_t addr, const char **path, int *line, int *col)
{
	struct line_ctx *c = get_ctx(file);
	const char *src, *comp_dir = NULL;
	Dwarf_Line *dl;
	int l = 0, cl = 0;

	if (!c || !c->dw)
		return false;
	dl = file->elf.rel ? rel_line(c, addr, &comp_dir) : exec_line(c, addr, &comp_dir);
	if (!dl || dwarf_lineno(dl, &l) || l <= 0 || !(src = dwarf_linesrc(dl, NULL, NULL)))
		return false;
	dwarf_linecol(dl, &cl);
	free(c->path);
	c->path = strdup(relative_path(src, comp_dir));
	if (!c->path)
		return false;
	*path = c->path;
	*line = l;
	*col = cl > 0 ? cl : 0;
	return true;
}

const char *line_error(const struct ist_file *file)
{
	for (size_t i = 0; i < nr_ctxs; i++)
		if (ctxs[i].file == file)
			return ctxs[i].error;
	return NULL;
}

void close_lines(void)
{
	for (size_t i = 0; i < nr_ctxs; i++) {
		if (ctxs[i].dw)
			dwarf_end(ctxs[i].dw);
		free(ctxs[i].starts);
		free(ctxs[i].path);
		free(ctxs[i].error);
	}
	free(ctxs);
	ctxs = NULL;
	nr_ctxs = 0;
}
