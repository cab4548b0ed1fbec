/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the X86_FEATURE_* and X86_BUG_* bits that entry code patches on.  Only the bits the
 * alternatives of entry, noinstr and thunk text use are named; the rest print as numbers, which
 * is what the alternatives tables hold anyway.  Values are from 6.12's cpufeatures.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <istcheck/features.h>
#include <istcheck/util.h>

#define NCAPINTS	22
#define BUG(x)		(NCAPINTS * 32 + (x))

struct feature {
	uint16_t bit;
	const char *name;
};

static const struct feature features[] = {
	{ FEAT(3, 18),	"CLEAR_CPU_BUF" },
	{ FEAT(3, 21),	"ALWAYS" },
	{ FEAT(4, 17),	"PCID" },
	{ FEAT(7, 11),	"PTI" },
	{ FEAT(7, 12),	"KERNEL_IBRS" },
	{ FEAT(7, 19),	"RSB_CTXSW" },
	{ FEAT(8, 16),	"XENPV" },
	{ FEAT(9, 0),	"FSGSBASE" },
	{ FEAT(9, 20),	"SMAP" },
	{ FEAT(11, 4),	"FENCE_SWAPGS_USER" },
	{ FEAT(11, 5),	"FENCE_SWAPGS_KERNEL" },
	{ FEAT(11, 10),	"ENTRY_IBPB" },
	{ FEAT(11, 14),	"RETHUNK" },
	{ FEAT(11, 15),	"UNRET" },
	{ FEAT(11, 19),	"CALL_DEPTH" },
	{ FEAT(11, 24),	"SRSO" },
	{ FEAT(11, 25),	"SRSO_ALIAS" },
	{ FEAT(12, 17),	"FRED" },
	{ FEAT(12, 18),	"LKGS" },
	{ FEAT(12, 19),	"WRMSRNS" },
	{ FEAT(19, 3),	"SEV_ES" },
	{ FEAT(21, 1),	"CLEAR_BHB_LOOP" },
	{ FEAT(21, 13),	"CLEAR_CPU_BUF_VM" },
	{ FEAT(21, 14),	"IBPB_EXIT_TO_USER" },
	/* Not in mainline: the boot-time switch for atomic IST the reference entry uses. */
	{ FEAT(21, 31),	"ATOMIC_IST" },
	{ BUG(10),	"BUG_NULL_SEG" },
	{ BUG(11),	"BUG_SWAPGS_FENCE" },
	{ BUG(21),	"BUG_SWAPGS" },
	{ BUG(36),	"BUG_IBPB_NO_RET" },
};

const char *feature_name(uint16_t bit)
{
	for (size_t i = 0; i < ARRAY_SIZE(features); i++)
		if (features[i].bit == bit)
			return features[i].name;
	return NULL;
}

const char *feature_str(uint16_t bit, char *buf, size_t len)
{
	const char *name = feature_name(bit);

	if (name)
		snprintf(buf, len, "%s", name);
	else if (bit >= BUG(0))
		snprintf(buf, len, "bug %u", bit - BUG(0));
	else
		snprintf(buf, len, "feature %u*32+%u", bit / 32, bit % 32);
	return buf;
}

/* "12*32+17" as feature_str() prints unnamed bits, so its output always parses back. */
static bool parse_word_bit(const char *s, uint16_t *bit)
{
	unsigned word, b;
	int n = 0;

	if (sscanf(s, "%u*32+%u%n", &word, &b, &n) != 2 || s[n] || b >= 32 || word >= BUG(0) / 32)
		return false;
	*bit = word * 32 + b;
	return true;
}

static bool parse_number(const char *s, unsigned long max, uint16_t *bit)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*bit = v;
	return true;
}

bool parse_feature(const char *s, uint16_t *bit)
{
	if (!strncasecmp(s, "X86_FEATURE_", 12))
		s += 12;
	else if (!strncasecmp(s, "X86_", 4))
		s += 4;				/* X86_BUG_SWAPGS */

	for (size_t i = 0; i < ARRAY_SIZE(features); i++) {
		if (!strcasecmp(features[i].name, s)) {
			*bit = features[i].bit;
			return true;
		}
	}
	if (!strncasecmp(s, "feature ", 8))
		return parse_word_bit(s + 8, bit);
	if (!strncasecmp(s, "bug ", 4) && parse_number(s + 4, UINT16_MAX - BUG(0), bit)) {
		*bit += BUG(0);
		return true;
	}
	return parse_word_bit(s, bit) || parse_number(s, UINT16_MAX, bit);
}
