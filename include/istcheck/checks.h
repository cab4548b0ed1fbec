/* SPDX-License-Identifier: GPL-2.0 */
/* The checks: one validate_* pass per rule family, run over the CFGs of one file. */
#ifndef _ISTCHECK_CHECKS_H
#define _ISTCHECK_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

struct ist_file;

/* Runs every enabled check on file; < 0 on an internal error, else the number of findings. */
int run_checks(struct ist_file *file);

int validate_noinstr(struct ist_file *file);

struct ref;
struct symbol;
/* pv_ops slots (pv_ops.c): read once per file, before the checks. */
int read_pv_slots(struct ist_file *file);
void free_pv_slots(struct ist_file *file);
bool pv_slots_known(const struct ist_file *file);
/* Is ref a pv_ops slot (pv_ops+8*idx)? */
bool is_pv_slot(const struct ist_file *file, const struct ref *ref, long *idx);
/* The targets installed in slot idx (none when unknown). */
size_t pv_slot_targets(const struct ist_file *file, long idx, const struct symbol *const **targets);

#endif
