/* SPDX-License-Identifier: GPL-2.0 */
/* X86_FEATURE_* bits as the alternatives tables name them (cpufeatures.h, 6.12). */
#ifndef _ISTCHECK_FEATURES_H
#define _ISTCHECK_FEATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FEAT(word, bit)		((word) * 32 + (bit))
#define X86_FEATURE_ALWAYS	FEAT(3, 21)
/* The bits the contract engine itself reasons about (entry kinds imply them). */
#define X86_FEATURE_PTI		FEAT(7, 11)
#define X86_FEATURE_XENPV	FEAT(8, 16)
#define X86_FEATURE_FRED	FEAT(12, 17)

/* "PTI", "FRED", ...; NULL when the bit has no name here. */
const char *feature_name(uint16_t bit);
/* Writes "PTI" or "feature 12*32+17" into buf. */
const char *feature_str(uint16_t bit, char *buf, size_t len);
/* Parses a name or a number; returns false if unknown. */
bool parse_feature(const char *s, uint16_t *bit);

#endif
