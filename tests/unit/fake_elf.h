/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unit tests' one way to make an ELF file in memory: sections and symbols added one at a
 * time, then fake_elf_done() indexes them the way read_elf() does (sections and defined
 * symbols by address), so the lookups under test (find_section_containing(), find_symbol_*())
 * see what they would see in a file.  No file, no libelf: a test states the few facts it needs.
 */
#ifndef _ISTCHECK_FAKE_ELF_H
#define _ISTCHECK_FAKE_ELF_H

#include <stdbool.h>
#include <stdint.h>
#include <istcheck/istcheck.h>

#define FAKE_SECS	8
#define FAKE_SYMS	16

struct fake_elf {
	struct elf_file ef;
	struct section secs[FAKE_SECS];		/* secs[0] is the null section, as in a file */
	struct symbol syms[FAKE_SYMS];		/* syms[0] is the null symbol */
	struct section *secs_by_addr[FAKE_SECS];
	struct symbol *by_addr[FAKE_SYMS];
};

/* An empty file: rel says whether it is an object (ET_REL) or a final link. */
void fake_elf_init(struct fake_elf *fe, const char *path, bool rel);
/* A section of size bytes at addr (data may be NULL: none), of code class cls. */
struct section *fake_section(struct fake_elf *fe, const char *name, uint64_t flags, uint64_t addr,
			     uint64_t size, const uint8_t *data, enum code_class cls);
/* A symbol defined in sec (type STT_*, bind STB_*), or with sec NULL an undefined one. */
struct symbol *fake_symbol(struct fake_elf *fe, const char *name, struct section *sec, uint64_t addr,
			   uint64_t size, uint8_t type, uint8_t bind);
/* Index what was added; call again after moving a section or a symbol. */
void fake_elf_done(struct fake_elf *fe);

#endif
