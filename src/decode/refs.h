/* SPDX-License-Identifier: GPL-2.0 */
/* What an instruction refers to (refs.c), for decode.c. */
#ifndef _ISTCHECK_REFS_H
#define _ISTCHECK_REFS_H

#include <capstone/capstone.h>
#include <istcheck/decode.h>

const struct symbol *resolve_dest(const struct elf_file *ef, const struct section *sec,
				  const cs_insn *ci, struct insn *insn);
void resolve_iref(const struct elf_file *ef, const struct section *sec, const cs_insn *ci,
		  struct insn *insn);
void resolve_mref(const struct elf_file *ef, const struct section *sec, unsigned disp_off,
		  unsigned disp_size, struct insn *insn);
void mark_thunks(const struct symbol *rsym, struct insn *insn);
/* The instruction's memory operand, if it has one. */
const struct operand *mem_operand(const struct insn *insn);

#endif
