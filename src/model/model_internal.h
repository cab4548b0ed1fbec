/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the two halves of binding only: bind.c resolves the entry points the model names,
 * idt.c adds those of the kernel's idt_data tables to the same array.  Not in model.h: nothing
 * outside src/model/ grows that array.
 */
#ifndef _ISTCHECK_MODEL_INTERNAL_H
#define _ISTCHECK_MODEL_INTERNAL_H

#include <istcheck/model.h>

/* Entry points of the kernel's idt_data tables: vectors for (*eps)[0..*nr), new ones appended
 * (the array grows: *cap). */
void add_idt_entries(struct ist_file *file, const struct model *m, struct entry_point **eps, size_t *nr,
		    size_t *cap);
/* Room for one more entry point in *eps (grown by doubling). */
void grow_entries(struct entry_point **eps, size_t nr, size_t *cap);

#endif
