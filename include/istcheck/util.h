/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The small utilities every layer shares: the length of an array, and FNV-1a 64, the one hash of
 * identities and hash tables (not for anything adversarial).
 */
#ifndef _ISTCHECK_UTIL_H
#define _ISTCHECK_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The one binary search: the first index in [0, n) at which the condition `before`, an
 * expression of the index variable i, is false.  before must hold for a prefix of the indices
 * and not after it (the array is sorted by what it tests): "x[i].addr < addr" gives the first
 * entry at or above addr, "x[i].addr <= addr" the first above it.
 */
#define PARTITION_POINT(n, i, before) ({					\
	size_t lo_ = 0, hi_ = (n);						\
	while (lo_ < hi_) {							\
		size_t i = lo_ + (hi_ - lo_) / 2;				\
		if (before)							\
			lo_ = i + 1;						\
		else								\
			hi_ = i;						\
	}									\
	lo_;									\
})

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static inline uint64_t fnv1a(uint64_t h, const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= FNV_PRIME;
	}
	return h;
}

static inline uint64_t fnv1a_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * FNV_PRIME;
	return (h ^ 0) * FNV_PRIME;	/* the NUL: "ab","c" differs from "a","bc" */
}

static inline uint64_t fnv1a_u64(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		h = (h ^ (uint8_t)(v >> (8 * i))) * FNV_PRIME;
	return h;
}

#endif
