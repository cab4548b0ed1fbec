/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the engine and the transfer functions. */
#ifndef _ISTCHECK_ANALYSIS_INTERNAL_H
#define _ISTCHECK_ANALYSIS_INTERNAL_H

#include <istcheck/analysis.h>

void transfer_insn(struct actx *c, const struct insn *insn);
bool refine_branch(struct actx *c, const struct insn *insn, bool taken);
void clobber_caller_saved(struct astate *st);

#endif
