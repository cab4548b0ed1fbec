/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ELF model: sections, symbols, relocations and code classes of one kernel object.
 *
 * Every byte of code has one 64-bit address.  In a final vmlinux (ET_EXEC) that is the link
 * address.  In a relocatable object (ET_REL, including vmlinux.o and .ko) every section sits at
 * address 0, so read_elf() lays the allocated sections out at synthetic, non-overlapping bases;
 * relocations then resolve to plain addresses and later phases never care which kind they have.
 * Output never shows a synthetic address: locations are printed as sym+off or sec+off.
 */
#ifndef _ISTCHECK_ELF_H
#define _ISTCHECK_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gelf.h>

struct section;

/*
 * What the model's name lists say of a symbol, as bits in symbol.roles, matched once per file by
 * mark_model_roles() (model.h): the walk asks at every call and memory access.
 */
enum model_role {
	ROLE_UNTRAIN		= 1u << 0,
	ROLE_BHB_CLEAR		= 1u << 1,
	ROLE_SYSRET_VETTER	= 1u << 2,
	ROLE_WALK		= 1u << 3,
	ROLE_XEN_EXIT		= 1u << 4,
	ROLE_USER_DATA		= 1u << 5,
	ROLE_USER_TEXT		= 1u << 6,
	ROLE_SWITCHER		= 1u << 7,	/* the model says how it switches stacks */
	ROLE_NMI_CHECKS_END	= 1u << 8,
	ROLE_NMI_PROTECTED	= 1u << 9,
};

struct symbol {
	const char *name;
	struct section *sec;		/* NULL: undefined or absolute */
	uint64_t addr;			/* absolute (synthetic base + st_value in ET_REL) */
	uint64_t size;
	unsigned idx;			/* index in .symtab */
	uint8_t type;			/* STT_* */
	uint8_t bind;			/* STB_* */
	bool undef;
	uint16_t rank;			/* which of several symbols at one address names it */
	uint16_t roles;			/* enum model_role: what the model's lists say of the name */
	struct symbol *same_name;	/* the next symbol of this name (find_symbol() starts) */
};

struct reloc {
	uint64_t offset;		/* within the section it applies to */
	struct symbol *sym;
	int64_t addend;
	uint32_t type;			/* R_X86_64_* */
};

/* What kind of code lives at an address: the section classes of docs/contract.md. */
enum code_class {
	CODE_NONE = 0,			/* not code */
	CODE_TEXT,			/* ordinary, instrumentable text */
	CODE_NOINSTR,			/* .noinstr.text */
	CODE_ENTRY,			/* .entry.text */
	CODE_CPUIDLE,			/* .cpuidle.text */
	CODE_THUNK,			/* .text..__x86.* (retpolines, return thunks) */
	CODE_ALTREPL,			/* .altinstr_replacement / .altinstr_aux */
	CODE_INIT,			/* .init.text and friends */
	NR_CODE_CLASSES
};

struct section {
	const char *name;
	unsigned idx;
	uint32_t type;			/* SHT_* */
	uint64_t flags;			/* SHF_* */
	uint64_t addr;			/* see the comment at the top */
	uint64_t size;
	uint64_t entsize;
	const uint8_t *data;		/* in the file's image (ef->map), NULL for SHT_NOBITS */
	enum code_class cls;		/* by name in objects; CODE_TEXT/NONE in vmlinux */
	struct reloc *relocs;		/* sorted by offset */
	size_t nr_relocs;
};

/* A code range of a final vmlinux, found through boundary or thunk symbols. */
struct region {
	uint64_t start, end;
	enum code_class cls;
	const char *why;		/* the symbols that define it, for --dump=sections */
};

struct elf_file {
	const char *path;
	int fd;
	const uint8_t *map;		/* the mapped file, or elfutils' decompressed image */
	size_t size;
	const char *compression;	/* "xz", "gzip", ...: map is decompressed; NULL: mmap'd */
	Elf *elf;
	bool rel;			/* ET_REL: .o, vmlinux.o, .ko */
	size_t nr_units;		/* STT_FILE symbols: more than one after a link (ld -r too) */

	struct section *secs;
	size_t nr_secs;
	struct symbol *syms;
	size_t nr_syms;
	struct symbol **by_addr;	/* defined symbols with a section, by address */
	size_t nr_by_addr;
	struct symbol **by_name;	/* hash table of named symbols (nr_by_name slots, a power of 2) */
	size_t nr_by_name;
	struct section **secs_by_addr;	/* sections that have addresses, by address */
	size_t nr_secs_by_addr;

	struct region *regions;		/* final link only, sorted by start */
	size_t nr_regions;
	struct pv_slots *pv;		/* pv_ops slot targets (pv_ops.c); NULL: unknown */
};

/* read_elf() and everything below it report problems through elf_error() and return < 0. */
int read_elf(struct elf_file *ef, const char *path);
void close_elf(struct elf_file *ef);
int elf_error(const struct elf_file *ef, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * pv_ops slot targets (pv_ops.c), from the relocations of the tables and of the init-code stores
 * that fill pv_ops: only objects have them.  Read once per file, before the checks.
 */
void read_pv_slots(struct elf_file *ef);
void free_pv_slots(struct elf_file *ef);
bool pv_slots_known(const struct elf_file *ef);
/* The targets installed in slot idx (none when unknown). */
size_t pv_slot_targets(const struct elf_file *ef, long idx, const struct symbol *const **targets);

struct section *find_section(const struct elf_file *ef, const char *name);
struct section *find_section_by_addr(const struct elf_file *ef, uint64_t addr);
/* The preferred symbol named name (defined, then global); ->same_name chains the others. */
struct symbol *find_symbol(const struct elf_file *ef, const char *name);
/* The best symbol covering addr: sized FUNC/NOTYPE over labels, globals over locals. */
struct symbol *find_symbol_containing(const struct elf_file *ef, uint64_t addr);
/* The last symbol at or before addr (an inner label such as asm_fred_exit_user), or NULL. */
struct symbol *find_label_before(const struct elf_file *ef, uint64_t addr);
/* The symbol starting exactly at addr, same preference order; NULL if none. */
struct symbol *find_symbol_at(const struct elf_file *ef, uint64_t addr);

/* Relocations of sec whose offset lies in [off, off + len). */
const struct reloc *find_reloc(const struct section *sec, uint64_t off, uint64_t len);

/*
 * Read a 32-bit place-relative field (alternatives, jump and exception tables, annotations):
 * the relocation's S + A in an object, place + stored value in a final link.  Returns false if
 * the field lies outside the section or its relocation has no usable target.
 */
bool read_pcrel32(const struct elf_file *ef, const struct section *sec, uint64_t off, uint64_t *addr);

enum code_class addr_class(const struct elf_file *ef, uint64_t addr);
const char *code_class_name(enum code_class cls);
/* The classes objtool calls noinstr: noinstr, entry, cpuidle and thunk text. */
static inline bool class_is_noinstr(enum code_class cls)
{
	return cls == CODE_NOINSTR || cls == CODE_ENTRY || cls == CODE_CPUIDLE || cls == CODE_THUNK;
}

/*
 * Is a weak definition here the one the kernel runs?  A link keeps only the definition that won
 * (the strong one's symbol replaces the weak one's), so in a final link, in vmlinux.o and in a
 * module (ld -r of several compilation units) a weak definition still present is the winner.  In
 * a single compilation unit another object may override it at link time.
 */
static inline bool weak_is_final(const struct elf_file *ef)
{
	return !ef->rel || ef->nr_units > 1;
}

/* Section name of addr and the offset into it, for sec+off locations. */
const struct section *addr_section(const struct elf_file *ef, uint64_t addr, uint64_t *off);

#endif
