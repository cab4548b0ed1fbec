// SPDX-License-Identifier: GPL-2.0
/*
 * The readers: read_elf() (sections, symbols, relocations, regions), read_special()
 * (.altinstructions, __jump_table, __ex_table, .discard.* and *_sites annotations),
 * add_functions(), and the CFGs of the first functions (decoding, alternatives, jump labels,
 * exception edges), printed to /dev/null like --dump does.
 */
#include <string.h>

#include <istcheck/istcheck.h>
#include "fuzz.h"

#define MAX_CFGS 64

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_path(data, size);
	struct ist_file *file;

	if (!path)
		return 0;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	file = calloc(1, sizeof(*file));
	if (!file)
		abort();
	if (read_elf(&file->elf, path) < 0)
		goto out;
	if (read_special(&file->elf, &file->special) < 0)
		goto out;
	file->dec = decoder_new();
	if (!file->dec)
		abort();
	add_functions(file);
	show_sections(devnull, file);
	for (size_t i = 0; i < file->nr_funcs && i < MAX_CFGS; i++) {
		struct function *f = &file->funcs[i];

		if (build_cfg(file, f) < 0)
			break;
		show_cfg(devnull, file, f);
		function_returns(file, f);
		find_function_containing(file, f->start + (f->end - f->start) / 2);
	}
out:
	close_file(file);
	free(file);
	reset_diag();
	return 0;
}
