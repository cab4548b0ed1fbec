// SPDX-License-Identifier: GPL-2.0
/*
 * Code classes.  Objects keep .noinstr.text, .entry.text, ... as sections; a final vmlinux merges
 * them into .text and only boundary symbols (and the names of the thunks, which have none) say
 * where they are.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/elf.h>
#include <istcheck/util.h>
#include "elf_internal.h"

static const char *const class_names[NR_CODE_CLASSES] = {
	[CODE_NONE] = "data",
	[CODE_TEXT] = "text",
	[CODE_NOINSTR] = "noinstr",
	[CODE_ENTRY] = "entry",
	[CODE_CPUIDLE] = "cpuidle",
	[CODE_THUNK] = "thunk",
	[CODE_ALTREPL] = "altinstr",
	[CODE_INIT] = "init",
};

const char *code_class_name(enum code_class cls)
{
	return cls < NR_CODE_CLASSES ? class_names[cls] : "?";
}

static const struct {
	const char *start, *end;
	enum code_class cls;
} boundaries[] = {
	{ "__noinstr_text_start", "__noinstr_text_end", CODE_NOINSTR },
	{ "__cpuidle_text_start", "__cpuidle_text_end", CODE_CPUIDLE },
	{ "__entry_text_start", "__entry_text_end", CODE_ENTRY },
	{ "__indirect_thunk_start", "__indirect_thunk_end", CODE_THUNK },
};

/*
 * .text..__x86.* code by name: retpolines, return thunks and the untraining sequences around
 * entry text (arch/x86/lib/retpoline.S), which have no boundary symbols of their own.  The list
 * is what those sections hold in a 6.12 vmlinux.o; prefixes end in '_' only for families.
 */
static bool is_thunk_name(const char *name)
{
	static const char *const prefixes[] = {
		"__x86_indirect_thunk_", "__x86_indirect_call_thunk_", "__x86_indirect_jump_thunk_",
		"__x86_indirect_its_thunk_",
	};
	static const char *const names[] = {
		"__x86_return_thunk", "call_depth_return_thunk", "entry_untrain_ret", "its_return_thunk",
		"retbleed_return_thunk", "retbleed_untrain_ret", "srso_alias_return_thunk",
		"srso_alias_safe_ret", "srso_alias_untrain_ret", "srso_return_thunk", "srso_safe_ret",
		"srso_untrain_ret",
	};

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

static void add_region(struct elf_file *ef, size_t *cap, uint64_t start, uint64_t end,
		       enum code_class cls, const char *why)
{
	if (end <= start)
		return;
	if (ef->nr_regions == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct region *r = realloc(ef->regions, ncap * sizeof(*r));

		if (!r)
			out_of_memory(ef->path);
		ef->regions = r;
		*cap = ncap;
	}
	ef->regions[ef->nr_regions++] = (struct region){ start, end, cls, why };
}

static int cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* Wider first, so the narrower (more specific) one is found last when scanning. */
	return x->end > y->end ? -1 : x->end < y->end;
}

void read_regions(struct elf_file *ef)
{
	size_t cap = 0;

	if (ef->rel)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(boundaries); i++) {
		struct symbol *s = find_symbol(ef, boundaries[i].start);
		struct symbol *e = find_symbol(ef, boundaries[i].end);

		if (s && e)
			add_region(ef, &cap, s->addr, e->addr, boundaries[i].cls, boundaries[i].start);
	}
	for (size_t i = 0; i < ef->nr_by_addr; i++) {
		const struct symbol *s = ef->by_addr[i];

		if (s->size && (s->sec->flags & SHF_EXECINSTR) && is_thunk_name(s->name))
			add_region(ef, &cap, s->addr, s->addr + s->size, CODE_THUNK, s->name);
	}
	if (ef->nr_regions)
		qsort(ef->regions, ef->nr_regions, sizeof(*ef->regions), cmp_region);
}

enum code_class addr_class(const struct elf_file *ef, uint64_t addr)
{
	const struct section *sec = find_section_by_addr(ef, addr);
	enum code_class cls;

	if (!sec)
		return CODE_NONE;
	cls = sec->cls;
	if (ef->rel || cls != CODE_TEXT)
		return cls;
	/* The innermost region wins: .cpuidle.text lies inside the noinstr boundaries. */
	for (size_t i = 0; i < ef->nr_regions && ef->regions[i].start <= addr; i++) {
		const struct region *r = &ef->regions[i];

		if (addr < r->end)
			cls = r->cls;
	}
	return cls;
}
