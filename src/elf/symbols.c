// SPDX-License-Identifier: GPL-2.0
/* The symbol table: every symbol, plus two sorted views (by address, by name). */
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/elf.h>
#include <istcheck/util.h>
#include "elf_internal.h"

static struct section *find_symtab(const struct elf_file *ef)
{
	for (size_t i = 1; i < ef->nr_secs; i++)
		if (ef->secs[i].type == SHT_SYMTAB)
			return &ef->secs[i];
	return NULL;
}

static struct section *find_shndx(const struct elf_file *ef, unsigned symtab_idx)
{
	for (size_t i = 1; i < ef->nr_secs; i++) {
		GElf_Shdr sh;

		if (ef->secs[i].type != SHT_SYMTAB_SHNDX)
			continue;
		if (gelf_getshdr(elf_getscn(ef->elf, i), &sh) && sh.sh_link == symtab_idx)
			return &ef->secs[i];
	}
	return NULL;
}

static int read_symbol(struct elf_file *ef, const struct section *symtab, const struct section *strtab,
		       const struct section *shndx, size_t i)
{
	struct symbol *sym = &ef->syms[i];
	Elf64_Sym es;
	unsigned idx;

	memcpy(&es, symtab->data + i * sizeof(es), sizeof(es));
	if (es.st_name >= strtab->size)
		return elf_error(ef, "symbol %zu has a name past the end of %s", i, strtab->name);
	sym->name = (const char *)strtab->data + es.st_name;
	sym->idx = i;
	sym->type = GELF_ST_TYPE(es.st_info);
	sym->bind = GELF_ST_BIND(es.st_info);
	sym->size = es.st_size;

	idx = es.st_shndx;
	if (idx == SHN_XINDEX) {
		if (!shndx || (i + 1) * 4 > shndx->size)
			return elf_error(ef, "symbol %s has an extended section index but no table", sym->name);
		memcpy(&idx, shndx->data + i * 4, 4);
	} else if (idx >= SHN_LORESERVE) {
		sym->addr = es.st_value;	/* SHN_ABS, SHN_COMMON */
		return 0;
	}
	if (idx == SHN_UNDEF) {
		sym->undef = i != 0;
		return 0;
	}
	if (idx >= ef->nr_secs)
		return elf_error(ef, "symbol %s refers to section %u of %zu", sym->name, idx, ef->nr_secs);
	sym->sec = &ef->secs[idx];
	if (sym->type == STT_SECTION)
		sym->name = sym->sec->name;
	if (!ef->rel) {
		/* Linker-script symbols may sit just outside their section; treat them as absolute. */
		sym->addr = es.st_value;
		if (es.st_value < sym->sec->addr || es.st_value - sym->sec->addr > sym->sec->size)
			sym->sec = NULL;
		return 0;
	}
	if (es.st_value > sym->sec->size)
		return elf_error(ef, "symbol %s lies past the end of section %s", sym->name, sym->sec->name);
	sym->addr = sym->sec->addr + es.st_value;
	return 0;
}

/* Which of two symbols at one address names it: sized over labels, FUNC over NOTYPE over
 * OBJECT, global over weak over local, then the name, so the choice is deterministic. */
static int sym_rank(const struct symbol *s)
{
	int r = 0;

	if (!strncmp(s->name, "__pfx_", 6) || !strncmp(s->name, "__cfi_", 6) || s->name[0] == '.')
		r += 1000;
	if (!s->size)
		r += 100;
	r += s->type == STT_FUNC ? 0 : s->type == STT_NOTYPE ? 10 : 20;
	r += s->bind == STB_GLOBAL ? 0 : s->bind == STB_WEAK ? 1 : 2;
	return r;
}

/* The by-address sort works on compact keys: tens of thousands of symbols, and chasing a
 * pointer per comparison was most of reading vmlinux.o. */
struct addr_key {
	uint64_t addr;
	struct symbol *sym;
};

static int cmp_addr(const void *a, const void *b)
{
	const struct addr_key *p = a, *q = b;
	const struct symbol *x = p->sym, *y = q->sym;
	int d;

	if (p->addr != q->addr)
		return p->addr < q->addr ? -1 : 1;
	d = x->rank - y->rank;
	if (d)
		return d;
	d = strcmp(x->name, y->name);
	return d ? d : (int)x->idx - (int)y->idx;
}

/*
 * By address first, least significant byte first (stable, skipping the bytes every address
 * shares), then each run of one address by cmp_addr.  cmp_addr is a total order (the index
 * breaks every tie), so this is the order qsort() gave, in a tenth of the time: qsort() was a
 * third of checking a distribution vmlinux with 200,000 symbols.
 */
static void sort_keys(struct addr_key *keys, size_t n)
{
	size_t (*count)[256] = xcalloc(8, sizeof(*count));
	struct addr_key *tmp = xmalloc(n * sizeof(*tmp)), *src = keys, *dst = tmp, *t;

	for (size_t i = 0; i < n; i++)
		for (unsigned b = 0; b < 8; b++)
			count[b][(keys[i].addr >> (8 * b)) & 0xff]++;
	for (unsigned b = 0; b < 8; b++) {
		size_t sum = 0;

		if (count[b][(keys[0].addr >> (8 * b)) & 0xff] == n)
			continue;
		for (unsigned v = 0; v < 256; v++) {
			size_t c = count[b][v];

			count[b][v] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[b][(src[i].addr >> (8 * b)) & 0xff]++] = src[i];
		t = src, src = dst, dst = t;
	}
	if (src != keys)
		memcpy(keys, src, n * sizeof(*keys));
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && keys[j].addr == keys[i].addr; j++)
			;
		if (j - i > 1)
			qsort(keys + i, j - i, sizeof(*keys), cmp_addr);
	}
	free(tmp);
	free(count);
}

static void sort_by_addr(struct elf_file *ef)
{
	struct addr_key *keys = malloc(ef->nr_by_addr * sizeof(*keys));

	if (!keys)
		out_of_memory(ef->path);
	for (size_t i = 0; i < ef->nr_by_addr; i++)
		keys[i] = (struct addr_key){ ef->by_addr[i]->addr, ef->by_addr[i] };
	sort_keys(keys, ef->nr_by_addr);
	for (size_t i = 0; i < ef->nr_by_addr; i++)
		ef->by_addr[i] = keys[i].sym;
	free(keys);
}

/* FNV-1a: names are short and the table is built once. */
static uint64_t hash_name(const char *name)
{
	return fnv1a(FNV_OFFSET, name, strlen(name));
}

/* Of two symbols with one name, find_symbol() returns a defined one, then a global, then the
 * first in the table. */
static bool better_named(const struct symbol *x, const struct symbol *y)
{
	int d = (x->undef - y->undef) * 4 + ((x->bind != STB_GLOBAL) - (y->bind != STB_GLOBAL));

	return d ? d < 0 : x->idx < y->idx;
}

static void add_name(struct elf_file *ef, struct symbol *s)
{
	size_t mask = ef->nr_by_name - 1, i = hash_name(s->name) & mask;

	for (; ef->by_name[i]; i = (i + 1) & mask) {
		struct symbol *o = ef->by_name[i];

		if (strcmp(o->name, s->name))
			continue;
		/* The slot holds the preferred one; the others hang off it. */
		if (better_named(s, o)) {
			s->same_name = o;
			ef->by_name[i] = s;
		} else {
			s->same_name = o->same_name;
			o->same_name = s;
		}
		return;
	}
	ef->by_name[i] = s;
}

static bool addr_indexed(const struct symbol *s)
{
	return s->sec && !s->undef && s->type != STT_SECTION && s->type != STT_FILE && s->name[0];
}

static int sort_symbols(struct elf_file *ef)
{
	/* by_name is an open-addressed hash table at most half full. */
	ef->nr_by_name = 16;
	while (ef->nr_by_name < 2 * ef->nr_syms)
		ef->nr_by_name *= 2;
	ef->by_addr = calloc(ef->nr_syms + 1, sizeof(*ef->by_addr));
	ef->by_name = calloc(ef->nr_by_name, sizeof(*ef->by_name));
	if (!ef->by_addr || !ef->by_name)
		out_of_memory(ef->path);
	for (size_t i = 1; i < ef->nr_syms; i++) {
		struct symbol *s = &ef->syms[i];

		if (addr_indexed(s)) {
			s->rank = sym_rank(s);
			ef->by_addr[ef->nr_by_addr++] = s;
		}
		if (s->name[0] && s->type != STT_SECTION && s->type != STT_FILE)
			add_name(ef, s);
	}
	if (ef->nr_by_addr)
		sort_by_addr(ef);
	return 0;
}

int read_symbols(struct elf_file *ef)
{
	struct section *symtab = find_symtab(ef), *strtab, *shndx;
	GElf_Shdr sh;

	if (!symtab)
		return elf_error(ef, "no symbol table (stripped?)");
	if (!symtab->data || symtab->entsize != sizeof(Elf64_Sym) || symtab->size % sizeof(Elf64_Sym))
		return elf_error(ef, "corrupt symbol table %s", symtab->name);
	if (!gelf_getshdr(elf_getscn(ef->elf, symtab->idx), &sh) || !sh.sh_link ||
	    sh.sh_link >= ef->nr_secs || ef->secs[sh.sh_link].type != SHT_STRTAB ||
	    !ef->secs[sh.sh_link].data)
		return elf_error(ef, "symbol table has no valid string table");
	strtab = &ef->secs[sh.sh_link];
	if (!strtab->size || strtab->data[strtab->size - 1])
		return elf_error(ef, "string table %s is not terminated", strtab->name);
	shndx = find_shndx(ef, symtab->idx);

	ef->nr_syms = symtab->size / sizeof(Elf64_Sym);
	ef->syms = calloc(ef->nr_syms + 1, sizeof(*ef->syms));
	if (!ef->syms)
		out_of_memory(ef->path);
	for (size_t i = 0; i < ef->nr_syms; i++) {
		if (read_symbol(ef, symtab, strtab, shndx, i) < 0)
			return -1;
		ef->nr_units += ef->syms[i].type == STT_FILE;
	}
	return sort_symbols(ef);
}

struct symbol *find_symbol(const struct elf_file *ef, const char *name)
{
	size_t mask = ef->nr_by_name - 1;

	if (!ef->nr_by_name)
		return NULL;
	for (size_t i = hash_name(name) & mask; ef->by_name[i]; i = (i + 1) & mask)
		if (!strcmp(ef->by_name[i]->name, name))
			return ef->by_name[i];
	return NULL;
}

/* Index of the first by_addr entry with address > addr. */
static size_t upper_bound(const struct elf_file *ef, uint64_t addr)
{
	return PARTITION_POINT(ef->nr_by_addr, i, ef->by_addr[i]->addr <= addr);
}

struct symbol *find_symbol_at(const struct elf_file *ef, uint64_t addr)
{
	size_t i = upper_bound(ef, addr);
	struct symbol *best = NULL;

	/* Entries at one address are sorted best first. */
	while (i > 0 && ef->by_addr[i - 1]->addr == addr)
		best = ef->by_addr[--i];
	return best;
}

/* How far back to look for a sized symbol that covers addr past labels in between. */
#define CONTAINING_LOOKBACK 256

struct symbol *find_label_before(const struct elf_file *ef, uint64_t addr)
{
	size_t i = upper_bound(ef, addr);

	return i ? ef->by_addr[i - 1] : NULL;
}

struct symbol *find_symbol_containing(const struct elf_file *ef, uint64_t addr)
{
	size_t i = upper_bound(ef, addr), n = 0;
	struct symbol *label = NULL;

	while (i > 0 && n++ < CONTAINING_LOOKBACK) {
		struct symbol *s = ef->by_addr[--i];

		if (s->size && addr - s->addr < s->size) {
			/* Prefer the best-ranked symbol among those at this same address. */
			while (i > 0 && ef->by_addr[i - 1]->addr == s->addr)
				if (ef->by_addr[--i]->size)
					s = ef->by_addr[i];
			return s;
		}
		if (!label && !s->size && s->sec && s->type != STT_OBJECT &&
		    (!ef->rel || addr - s->sec->addr < s->sec->size) && (s->sec->flags & SHF_EXECINSTR))
			label = s;
	}
	/* No sized symbol covers it: fall back to the nearest code label in the same section. */
	if (label && find_section_by_addr(ef, addr) == label->sec)
		return label;
	return NULL;
}
