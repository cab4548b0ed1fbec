// SPDX-License-Identifier: GPL-2.0
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "fake_elf.h"

void fake_elf_init(struct fake_elf *fe, const char *path, bool rel)
{
	memset(fe, 0, sizeof(*fe));
	fe->ef.path = path;
	fe->ef.rel = rel;
	fe->ef.secs = fe->secs;
	fe->ef.syms = fe->syms;
	fe->secs[0].name = "";
	fe->syms[0].name = "";
	fe->ef.nr_secs = 1;
	fe->ef.nr_syms = 1;
}

struct section *fake_section(struct fake_elf *fe, const char *name, uint64_t flags, uint64_t addr,
			     uint64_t size, const uint8_t *data, enum code_class cls)
{
	struct section *s;

	assert(fe->ef.nr_secs < FAKE_SECS);
	s = &fe->secs[fe->ef.nr_secs];
	*s = (struct section){ .name = name, .idx = (unsigned)fe->ef.nr_secs, .type = SHT_PROGBITS,
			       .flags = flags, .addr = addr, .size = size, .data = data, .cls = cls };
	fe->ef.nr_secs++;
	return s;
}

struct symbol *fake_symbol(struct fake_elf *fe, const char *name, struct section *sec, uint64_t addr,
			   uint64_t size, uint8_t type, uint8_t bind)
{
	struct symbol *s;

	assert(fe->ef.nr_syms < FAKE_SYMS);
	s = &fe->syms[fe->ef.nr_syms];
	*s = (struct symbol){ .name = name, .sec = sec, .addr = addr, .size = size,
			      .idx = (unsigned)fe->ef.nr_syms, .type = type, .bind = bind,
			      .undef = !sec };
	fe->ef.nr_syms++;
	return s;
}

static int cmp_sec(const void *a, const void *b)
{
	const struct section *x = *(const struct section *const *)a, *y = *(const struct section *const *)b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct symbol *x = *(const struct symbol *const *)a, *y = *(const struct symbol *const *)b;

	return x->addr < y->addr ? -1 : x->addr > y->addr ? 1 : x->idx < y->idx ? -1 : x->idx > y->idx;
}

void fake_elf_done(struct fake_elf *fe)
{
	struct elf_file *ef = &fe->ef;

	ef->nr_secs_by_addr = ef->nr_by_addr = 0;
	for (size_t i = 1; i < ef->nr_secs; i++)
		if (fe->secs[i].flags & SHF_ALLOC)
			fe->secs_by_addr[ef->nr_secs_by_addr++] = &fe->secs[i];
	for (size_t i = 1; i < ef->nr_syms; i++)
		if (fe->syms[i].sec)
			fe->by_addr[ef->nr_by_addr++] = &fe->syms[i];
	qsort(fe->secs_by_addr, ef->nr_secs_by_addr, sizeof(*fe->secs_by_addr), cmp_sec);
	qsort(fe->by_addr, ef->nr_by_addr, sizeof(*fe->by_addr), cmp_sym);
	ef->secs_by_addr = fe->secs_by_addr;
	ef->by_addr = fe->by_addr;
}
