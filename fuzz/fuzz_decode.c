// SPDX-License-Identifier: GPL-2.0
/*
 * The decoder over raw bytes: the quirk layer, then Capstone and the classification, operand
 * and reference code above it, as a final link's code (no relocations, RIP-relative addresses
 * resolved) at a kernel text address.  Every instruction is formatted like the CFG printer does.
 */
#include <string.h>

#include <istcheck/decode.h>
#include "fuzz.h"

static struct decoder *dec;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct section sec = { .name = ".text", .idx = 1, .type = SHT_PROGBITS,
			       .flags = SHF_ALLOC | SHF_EXECINSTR, .addr = 0xffffffff81000000ULL,
			       .size = size, .data = data, .cls = CODE_TEXT };
	struct section *by_addr[] = { &sec };
	struct elf_file ef = { .path = "fuzz", .fd = -1, .secs = &sec, .nr_secs = 1,
			       .secs_by_addr = by_addr, .nr_secs_by_addr = 1 };
	char buf[256];

	/* The decoder interns mnemonics and operand strings: start afresh now and then. */
	static unsigned runs;
	if (!dec || ++runs % 4096 == 0) {
		decoder_free(dec);
		dec = decoder_new();
		if (!dec)
			abort();
	}
	/* The first byte chooses between object-like (relocatable) and final-link resolution. */
	if (size && (data[0] & 0x80)) {
		ef.rel = true;
		sec.addr = 0x100000;
	}
	for (size_t off = 0; off < size;) {
		struct insn insn;
		unsigned len = decode_insn(dec, &ef, &sec, sec.addr + off, data + off, size - off, &insn);

		/* Memory safety only: the quirk layer may accept more than 15 bytes (long prefix
		 * runs), which the CPU would not, but never more than it was given. */
		if (!len || len > size - off)
			abort();
		insn_type_name(insn.type);
		insn_is_branch(&insn);
		insn_ends_flow(&insn);
		for (unsigned i = 0; i < insn.nr_ops && i < INSN_MAX_OPS; i++)
			if (insn.ops[i].kind == OPND_REG)
				reg_name(dec, reg_full(insn.ops[i].reg));
		ref_str(&ef, &insn.dest, buf, sizeof(buf));
		ref_str(&ef, &insn.mref, buf, sizeof(buf));
		addr_str(&ef, insn.addr, buf, sizeof(buf));
		off += len;
	}
	/* The quirk layer alone, on every prefix of the input. */
	for (size_t off = 0; off < size && off < 64; off++) {
		struct insn insn;

		memset(&insn, 0, sizeof(insn));
		decode_quirk(data + off, size - off, &insn);
	}
	return 0;
}
