// SPDX-License-Identifier: GPL-2.0
/*
 * Reading one kernel object: the file is mmap'd once and libelf only indexes it; sections,
 * symbols and the relocations of the sections the checks need are validated here, so nothing
 * above this layer has to distrust an offset or a count taken from the file.  A compressed
 * module (.ko.xz, .ko.gz, .ko.zst) is inflated into memory (decompress.c), which then stands
 * in for the mapping.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <istcheck/elf.h>
#include <istcheck/error.h>
#include <istcheck/util.h>
#include "elf_internal.h"

/* Synthetic section bases in relocatable objects start here and stay apart by a gap. */
#define REL_BASE	0x100000ULL
#define REL_GAP		0x1000ULL

int elf_error(const struct elf_file *ef, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return input_error(ef->path, "%s", msg);
}

/*
 * The image is malloc'd, so writable like the private mapping, which report/dwarf.c relocates
 * in place.  The compressed file is mapped only while it is read.
 */
static int decompress_file(struct elf_file *ef, const struct compression *c, off_t file_size)
{
	uint8_t *image;
	size_t size;
	void *map;
	int ret;

	map = mmap(NULL, file_size, PROT_READ, MAP_PRIVATE, ef->fd, 0);
	if (map == MAP_FAILED)
		return elf_error(ef, "cannot map: %s", strerror(errno));
	ret = decompress_image(ef->path, c, map, file_size, &image, &size);
	munmap(map, file_size);
	if (ret)
		return -1;
	ef->map = image;
	ef->size = size;
	ef->compression = c->name;
	if (!size)
		return elf_error(ef, "decompressed nothing from this %s file: the stream is empty",
				 c->name);
	if (size >= SELFMAG && !memcmp(image, ELFMAG, SELFMAG) && size < sizeof(Elf64_Ehdr))
		return elf_error(ef, "not an ELF file (only %zu bytes after %s decompression)",
				 size, c->name);
	if (size < SELFMAG || memcmp(image, ELFMAG, SELFMAG))
		return elf_error(ef, "not an ELF file (after %s decompression)", c->name);
	return 0;
}

static int map_file(struct elf_file *ef)
{
	const struct compression *c;
	uint8_t head[6];
	struct stat st;
	ssize_t len;
	void *map;

	ef->fd = open_input(ef->path, "", &st);
	if (ef->fd < 0)
		return -1;
	len = pread(ef->fd, head, sizeof(head), 0);
	if (len < 0)
		return elf_error(ef, "cannot read: %s", strerror(errno));
	c = find_compression(head, len);
	if (c)
		return decompress_file(ef, c, st.st_size);
	if (st.st_size < (off_t)sizeof(Elf64_Ehdr))
		return elf_error(ef, "not an ELF file (only %lld bytes)", (long long)st.st_size);
	/* Private and writable so libelf may touch its view without a fault; nothing is written back. */
	map = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, ef->fd, 0);
	if (map == MAP_FAILED)
		return elf_error(ef, "cannot map: %s", strerror(errno));
	ef->map = map;
	ef->size = st.st_size;
	return 0;
}

static int check_header(struct elf_file *ef)
{
	GElf_Ehdr eh;

	if (memcmp(ef->map, ELFMAG, SELFMAG))
		return elf_error(ef, "not an ELF file");
	if (!ef->elf)
		ef->elf = elf_memory((char *)ef->map, ef->size);
	if (!ef->elf || elf_kind(ef->elf) != ELF_K_ELF)
		return elf_error(ef, "not an ELF file");
	if (gelf_getclass(ef->elf) != ELFCLASS64)
		return elf_error(ef, "not a 64-bit ELF file");
	if (!gelf_getehdr(ef->elf, &eh))
		return elf_error(ef, "corrupt ELF header: %s", elf_errmsg(-1));
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return elf_error(ef, "not a little-endian ELF file");
	if (eh.e_machine != EM_X86_64)
		return elf_error(ef, "wrong machine %u, expected x86-64 (%u)", eh.e_machine, EM_X86_64);
	if (eh.e_type == ET_REL)
		ef->rel = true;
	else if (eh.e_type != ET_EXEC)
		return elf_error(ef, "unsupported ELF type %u (want a relocatable object or vmlinux)",
				 eh.e_type);
	if (eh.e_shoff > ef->size || eh.e_shnum * (uint64_t)sizeof(Elf64_Shdr) > ef->size - eh.e_shoff)
		return elf_error(ef, "section header table lies past the end of the file (truncated?)");
	return 0;
}

static enum code_class class_by_name(const char *name, uint64_t flags, bool rel)
{
	if (!(flags & SHF_EXECINSTR))
		return CODE_NONE;
	if (!strcmp(name, ".altinstr_replacement") || !strcmp(name, ".altinstr_aux"))
		return CODE_ALTREPL;
	if (!strncmp(name, ".init.text", 10) || !strcmp(name, ".exit.text"))
		return CODE_INIT;
	/* A final link merges these into .text; there the boundary symbols decide. */
	if (!rel)
		return CODE_TEXT;
	if (!strcmp(name, ".noinstr.text"))
		return CODE_NOINSTR;
	if (!strcmp(name, ".entry.text"))
		return CODE_ENTRY;
	if (!strcmp(name, ".cpuidle.text"))
		return CODE_CPUIDLE;
	if (!strncmp(name, ".text..__x86.", 13))
		return CODE_THUNK;
	return CODE_TEXT;
}

static int read_section(struct elf_file *ef, Elf_Scn *scn, size_t shstrndx, uint64_t *base)
{
	struct section *sec = &ef->secs[elf_ndxscn(scn)];
	GElf_Shdr sh;

	if (!gelf_getshdr(scn, &sh))
		return elf_error(ef, "corrupt section header %zu: %s", elf_ndxscn(scn), elf_errmsg(-1));
	sec->idx = elf_ndxscn(scn);
	sec->name = elf_strptr(ef->elf, shstrndx, sh.sh_name);
	if (!sec->name)
		return elf_error(ef, "section %u has a corrupt name", sec->idx);
	sec->type = sh.sh_type;
	sec->flags = sh.sh_flags;
	sec->size = sh.sh_size;
	sec->entsize = sh.sh_entsize;
	if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL) {
		if (sh.sh_offset > ef->size || sh.sh_size > ef->size - sh.sh_offset)
			return elf_error(ef, "section %s extends past the end of the file (truncated?)",
					 sec->name);
		sec->data = ef->map + sh.sh_offset;
	}
	if (ef->rel) {
		sec->addr = *base;
		*base += (sh.sh_size + 2 * REL_GAP - 1) & ~(REL_GAP - 1);
	} else {
		sec->addr = sh.sh_addr;
	}
	sec->cls = class_by_name(sec->name, sec->flags, ef->rel);
	return 0;
}

static int read_sections(struct elf_file *ef)
{
	size_t nr, shstrndx;
	uint64_t base = REL_BASE;
	Elf_Scn *scn = NULL;

	if (elf_getshdrnum(ef->elf, &nr) || elf_getshdrstrndx(ef->elf, &shstrndx))
		return elf_error(ef, "corrupt section header table: %s", elf_errmsg(-1));
	if (nr > ef->size / sizeof(Elf64_Shdr))
		return elf_error(ef, "absurd section count %zu", nr);
	ef->secs = calloc(nr ? nr : 1, sizeof(*ef->secs));
	if (!ef->secs)
		out_of_memory(ef->path);
	ef->nr_secs = nr;
	ef->secs[0].name = "";
	while ((scn = elf_nextscn(ef->elf, scn)))
		if (read_section(ef, scn, shstrndx, &base) < 0)
			return -1;
	return 0;
}

struct section *find_section(const struct elf_file *ef, const char *name)
{
	for (size_t i = 1; i < ef->nr_secs; i++)
		if (!strcmp(ef->secs[i].name, name))
			return &ef->secs[i];
	return NULL;
}

struct section *find_section_by_addr(const struct elf_file *ef, uint64_t addr)
{
	/* Sections do not overlap (synthetic bases in objects, the link layout otherwise). */
	size_t lo = PARTITION_POINT(ef->nr_secs_by_addr, i, ef->secs_by_addr[i]->addr <= addr);

	if (lo && addr - ef->secs_by_addr[lo - 1]->addr < ef->secs_by_addr[lo - 1]->size)
		return ef->secs_by_addr[lo - 1];
	return NULL;
}

static int cmp_sec_addr(const void *a, const void *b)
{
	const struct section *x = *(struct section * const *)a, *y = *(struct section * const *)b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->idx < y->idx ? -1 : 1;
}

/* Only allocated sections have addresses in a final link; in objects every section has one. */
static int index_sections(struct elf_file *ef)
{
	ef->secs_by_addr = calloc(ef->nr_secs + 1, sizeof(*ef->secs_by_addr));
	if (!ef->secs_by_addr)
		out_of_memory(ef->path);
	for (size_t i = 1; i < ef->nr_secs; i++) {
		struct section *sec = &ef->secs[i];

		if (sec->size && sec->type != SHT_NULL && (ef->rel || (sec->flags & SHF_ALLOC)))
			ef->secs_by_addr[ef->nr_secs_by_addr++] = sec;
	}
	qsort(ef->secs_by_addr, ef->nr_secs_by_addr, sizeof(*ef->secs_by_addr), cmp_sec_addr);
	for (size_t i = 1; i < ef->nr_secs_by_addr; i++) {
		const struct section *p = ef->secs_by_addr[i - 1], *c = ef->secs_by_addr[i];

		/* .tbss-like NOBITS sections may overlap what follows them; a final link's TLS
		 * and per-CPU sections at address 0 may too.  Code never does. */
		if (p->addr + p->size > c->addr && (p->flags & SHF_EXECINSTR) && (c->flags & SHF_EXECINSTR))
			return elf_error(ef, "code sections %s and %s overlap", p->name, c->name);
	}
	return 0;
}

const struct section *addr_section(const struct elf_file *ef, uint64_t addr, uint64_t *off)
{
	const struct section *sec = find_section_by_addr(ef, addr);

	if (sec && off)
		*off = addr - sec->addr;
	return sec;
}

int read_elf(struct elf_file *ef, const char *path)
{
	memset(ef, 0, sizeof(*ef));
	ef->path = path;
	ef->fd = -1;
	elf_version(EV_CURRENT);

	if (map_file(ef) || check_header(ef) || read_sections(ef) || index_sections(ef) || read_symbols(ef) ||
	    read_relocs(ef))
		return -1;
	read_regions(ef);
	return 0;
}

void close_elf(struct elf_file *ef)
{
	for (size_t i = 0; i < ef->nr_secs; i++)
		free(ef->secs[i].relocs);
	free(ef->secs);
	free(ef->syms);
	free(ef->by_addr);
	free(ef->by_name);
	free(ef->secs_by_addr);
	free(ef->regions);
	free_pv_slots(ef);
	if (ef->elf)
		elf_end(ef->elf);
	if (ef->compression)
		free((void *)ef->map);
	else if (ef->map)
		munmap((void *)ef->map, ef->size);
	if (ef->fd >= 0)
		close(ef->fd);
	memset(ef, 0, sizeof(*ef));
	ef->fd = -1;
}
