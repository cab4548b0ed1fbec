// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time patching with the semantics of the kernel's apply_alternatives(), over the image's
 * .altinstructions (the 6.12 record layout of tests/fixtures/kasm.h): records in order, each
 * whose feature test holds copies its replacement over the site and pads the rest with NOPs, so
 * a later record on the same site wins.  Relative operands in a replacement are re-aimed from
 * where it was assembled to the site.  A replacement this decoder does not know is fatal: a
 * guessed length could silently run a different variant than the one under test.
 */
#include "testbed.h"

#define ALT_NOT		(1u << 16)

struct alt_instr {
	int orig;		/* site, relative to this field */
	int repl;		/* replacement, relative to this field */
	u32 feature;		/* bit 16 (ALT_NOT): patch when the feature is absent */
	u8 orig_len;
	u8 repl_len;
} __attribute__((packed));
_Static_assert(sizeof(struct alt_instr) == 14, "6.12 .altinstructions record");

extern struct alt_instr __alt_start[], __alt_end[];

static int rd32(const u8 *p)
{
	return (int)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24);
}

static void wr32(u8 *p, int v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)((u32)v >> (8 * i));
}

/*
 * The length of the instruction at p, and where its 32-bit PC-relative field is (-1: none).
 * Only what replacements in an entry are made of: call/jmp rel32, VERW/LFENCE/NOP forms.
 */
static int insn_len(const u8 *p, int *rel_at)
{
	*rel_at = -1;
	if (p[0] == 0xe8 || p[0] == 0xe9) {
		*rel_at = 1;
		return 5;
	}
	if (p[0] == 0x90 || p[0] == 0xcc)
		return 1;
	if (p[0] == 0x0f && p[1] == 0xae && p[2] == 0xe8)	/* lfence */
		return 3;
	if (p[0] == 0x0f && p[1] == 0x00 && (p[2] & 0xc7) == 0x05) {	/* verw etc. (%rip) */
		*rel_at = 3;
		return 7;
	}
	if (p[0] == 0x0f && p[1] == 0x1f && p[2] == 0x00)	/* nopl (%rax) */
		return 3;
	if (p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xf8)	/* swapgs */
		return 3;
	return 0;
}

static void patch_site(const struct alt_instr *a, u8 *site, const u8 *repl)
{
	u8 buf[256];
	int i = 0;

	if (a->repl_len > a->orig_len) {
		tb_printf("FATAL alternatives: replacement of %u bytes for a %u-byte site at %lx\n",
			  a->repl_len, a->orig_len, (u64)site);
		tb_exit(EXIT_FAIL);
	}
	while (i < a->repl_len) {
		int rel, len = insn_len(repl + i, &rel);

		if (!len || i + len > a->repl_len) {
			tb_printf("FATAL alternatives: cannot decode replacement at %lx (byte %x)\n",
				  (u64)(repl + i), repl[i]);
			tb_exit(EXIT_FAIL);
		}
		for (int j = 0; j < len; j++)
			buf[i + j] = repl[i + j];
		if (rel >= 0)
			wr32(buf + i + rel, rd32(repl + i + rel) + (int)(repl - site));
		i += len;
	}
	for (; i < a->orig_len; i++)
		buf[i] = 0x90;
	for (i = 0; i < a->orig_len; i++)
		site[i] = buf[i];
}

void tb_apply_alternatives(void)
{
	for (struct alt_instr *a = __alt_start; a < __alt_end; a++) {
		u32 f = a->feature & ~ALT_NOT;
		int want = !(a->feature & ALT_NOT);

		if (tb_has(f) != want)
			continue;
		patch_site(a, (u8 *)&a->orig + a->orig, (const u8 *)&a->repl + a->repl);
	}
}
