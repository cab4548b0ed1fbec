// SPDX-License-Identifier: GPL-2.0
/*
 * DWARF source lines as diag.c asks for them: read_elf(), then lookup_line() for the start,
 * middle and end of the first functions and sections (in objects this relocates .debug_line and
 * indexes its units; in a final link it goes through .debug_aranges), then close_lines().
 */
#include <string.h>

#include <istcheck/istcheck.h>
#include "report.h"
#include "fuzz.h"

#define MAX_LOOKUPS 48

static void lookup(struct ist_file *file, uint64_t addr, unsigned *n)
{
	const char *src;
	int line, col;

	if (*n >= MAX_LOOKUPS)
		return;
	(*n)++;
	if (lookup_line(file, addr, &src, &line, &col) && strlen(src) > (size_t)1 << 20)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_path(data, size);
	struct ist_file *file;
	unsigned n = 0;

	if (!path)
		return 0;
	file = calloc(1, sizeof(*file));
	if (!file)
		abort();
	/* --srcroot changes which prefix is stripped: exercise both. */
	opts.srcroot = size & 1 ? "/work" : NULL;
	if (read_elf(&file->elf, path) < 0)
		goto out;
	for (size_t i = 0; i < file->elf.nr_by_addr; i++) {
		const struct symbol *s = file->elf.by_addr[i];

		lookup(file, s->addr, &n);
		if (s->size) {
			lookup(file, s->addr + s->size / 2, &n);
			lookup(file, s->addr + s->size - 1, &n);
		}
	}
	for (size_t i = 0; i < file->elf.nr_secs_by_addr; i++) {
		const struct section *sec = file->elf.secs_by_addr[i];

		if (sec->flags & SHF_EXECINSTR) {
			lookup(file, sec->addr, &n);
			lookup(file, sec->addr + sec->size / 2, &n);
		}
	}
	lookup(file, 0, &n);
	lookup(file, UINT64_MAX, &n);
out:
	/* Sessions are keyed by the ist_file pointer, which the next input may reuse. */
	close_lines();
	close_elf(&file->elf);
	free(file);
	return 0;
}
