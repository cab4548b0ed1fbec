/* SPDX-License-Identifier: GPL-2.0 */
/* The steps of read_elf(), in the order it runs them. */
#ifndef _ISTCHECK_ELF_INTERNAL_H
#define _ISTCHECK_ELF_INTERNAL_H

#include <istcheck/elf.h>

int read_symbols(struct elf_file *ef);
int read_relocs(struct elf_file *ef);
int read_regions(struct elf_file *ef);

struct special;
int read_annotations(const struct elf_file *ef, struct special *sp);

#endif
