// SPDX-License-Identifier: GPL-2.0
/* The end of one input's life: everything the phases hung on struct ist_file, in reverse. */
#include <istcheck/checks.h>
#include <istcheck/istcheck.h>

void close_file(struct ist_file *file)
{
	close_src_regions(file->src);
	free_functions(file);
	decoder_free(file->dec);
	free_special(&file->special);
	close_elf(&file->elf);
}
