/* SPDX-License-Identifier: GPL-2.0 */
/* The checks: one validate_* pass per rule family, run over the CFGs of one file. */
#ifndef _ISTCHECK_CHECKS_H
#define _ISTCHECK_CHECKS_H

struct ist_file;

/* Runs every enabled check on file; < 0 on an internal error, else the number of findings. */
int run_checks(struct ist_file *file);

int validate_noinstr(struct ist_file *file);

#endif
