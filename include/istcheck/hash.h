/* SPDX-License-Identifier: GPL-2.0 */
/* FNV-1a 64: the one hash of identities and hash tables (not for anything adversarial). */
#ifndef _ISTCHECK_HASH_H
#define _ISTCHECK_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL

static inline uint64_t fnv1a(uint64_t h, const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static inline uint64_t fnv1a_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
	return (h ^ 0) * 0x100000001b3ULL;	/* the NUL: "ab","c" differs from "a","bc" */
}

static inline uint64_t fnv1a_u64(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		h = (h ^ (uint8_t)(v >> (8 * i))) * 0x100000001b3ULL;
	return h;
}

#endif
