// SPDX-License-Identifier: GPL-2.0
/*
 * Capstone's output per distinct instruction, decoded once.
 *
 * Capstone formats AT&T text and looks up implicit registers for every instruction (about 3,700
 * instructions of work per instruction), and kernel code repeats its instructions: of the 15,000
 * that the entry-tiny vmlinux.o decodes, 12,000 are not relative branches and only 2,200 of those
 * are distinct.  An instruction's decoding depends on its bytes (the decoder reads no further
 * than the instruction) and, for a relative branch, on its address.  So an instruction whose
 * decoding is the same at another address is kept under its bytes, and bytes that begin with a
 * kept instruction decode as it: the shortest match is the one the decoder would stop at.
 * Whether the decoding depends on the address is not assumed from Capstone's groups alone: the
 * first time, the instruction is decoded again at the complement of its address and kept only if
 * everything is the same.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/util.h>
#include "icache.h"

/* What of cs_detail an x86 decoding fills; the rest belongs to other architectures. */
#define DETAIL_SIZE	(offsetof(cs_detail, x86) + sizeof(cs_x86))
#define MAX_LEN		15

struct icache_entry {
	uint8_t len;
	uint8_t bytes[MAX_LEN];
	unsigned id;
	const char *strs[2];		/* the caller's interned mnemonic and operands */
	unsigned char detail[DETAIL_SIZE];
};

struct icache {
	csh handle;
	cs_insn *probe;			/* the second decoding, at another address */
	struct icache_entry **slots;
	size_t mask, nr;
	uint16_t lens;			/* bit L: some kept instruction is L bytes long */
};

struct icache *icache_new(csh handle)
{
	struct icache *c = xcalloc(1, sizeof(*c));

	c->handle = handle;
	c->probe = cs_malloc(handle);
	if (!c->probe) {
		free(c);
		return NULL;
	}
	c->mask = 1023;
	c->slots = xcalloc(c->mask + 1, sizeof(*c->slots));
	return c;
}

void icache_free(struct icache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i <= c->mask; i++)
		free(c->slots[i]);
	free(c->slots);
	cs_free(c->probe, 1);
	free(c);
}

/* FNV-1a a byte at a time: lookup() extends the hash of each prefix length by one byte. */
static uint64_t step_hash(uint64_t h, uint8_t b)
{
	return fnv1a(h, &b, 1);
}

static uint64_t hash_bytes(const uint8_t *p, size_t len)
{
	return fnv1a(FNV_OFFSET, p, len);
}

static void grow(struct icache *c)
{
	size_t size = 2 * (c->mask + 1);
	struct icache_entry **slots = xcalloc(size, sizeof(*slots));

	for (size_t i = 0; i <= c->mask; i++) {
		struct icache_entry *e = c->slots[i];
		size_t j;

		if (!e)
			continue;
		for (j = hash_bytes(e->bytes, e->len) & (size - 1); slots[j]; j = (j + 1) & (size - 1))
			;
		slots[j] = e;
	}
	free(c->slots);
	c->slots = slots;
	c->mask = size - 1;
}

static struct icache_entry *lookup(const struct icache *c, const uint8_t *buf, size_t len)
{
	uint64_t h = FNV_OFFSET;

	for (size_t l = 1; l <= len && l <= MAX_LEN; l++) {
		h = step_hash(h, buf[l - 1]);
		if (!(c->lens & (1u << l)))
			continue;
		for (size_t i = h & c->mask; c->slots[i]; i = (i + 1) & c->mask) {
			const struct icache_entry *e = c->slots[i];

			if (e->len == l && !memcmp(e->bytes, buf, l))
				return c->slots[i];
		}
	}
	return NULL;
}

/* Is ci's decoding the same at another address?  Relative branches are not, by design. */
static bool address_free(struct icache *c, const cs_insn *ci, const uint8_t *buf)
{
	const uint8_t *code = buf;
	size_t left = ci->size;
	uint64_t pc = ~ci->address;

	if (cs_insn_group(c->handle, ci, CS_GRP_BRANCH_RELATIVE))
		return false;
	if (!cs_disasm_iter(c->handle, &code, &left, &pc, c->probe))
		return false;
	return c->probe->id == ci->id && c->probe->size == ci->size &&
	       !strcmp(c->probe->mnemonic, ci->mnemonic) && !strcmp(c->probe->op_str, ci->op_str) &&
	       !memcmp(c->probe->detail, ci->detail, DETAIL_SIZE);
}

static struct icache_entry *keep(struct icache *c, const cs_insn *ci, const uint8_t *buf)
{
	struct icache_entry *e;
	size_t i;

	if (ci->size == 0 || ci->size > MAX_LEN || !address_free(c, ci, buf))
		return NULL;
	if (2 * (c->nr + 1) > c->mask)
		grow(c);
	e = xcalloc(1, sizeof(*e));
	e->len = (uint8_t)ci->size;
	memcpy(e->bytes, buf, e->len);
	e->id = ci->id;
	memcpy(e->detail, ci->detail, DETAIL_SIZE);
	for (i = hash_bytes(buf, e->len) & c->mask; c->slots[i]; i = (i + 1) & c->mask)
		;
	c->slots[i] = e;
	c->nr++;
	c->lens |= (uint16_t)(1u << e->len);
	return e;
}

int icache_decode(struct icache *c, cs_insn *ci, const uint8_t *buf, size_t len, uint64_t addr,
		  const char ***strs)
{
	struct icache_entry *e = lookup(c, buf, len);
	const uint8_t *code = buf;
	uint64_t pc = addr;
	size_t left = len;

	if (e) {
		/* What the rest of the decoder reads of a cs_insn; the strings are the caller's. */
		ci->id = e->id;
		ci->address = addr;
		ci->size = e->len;
		memcpy(ci->bytes, buf, e->len);
		memcpy(ci->detail, e->detail, DETAIL_SIZE);
		*strs = e->strs;
		return 1;
	}
	*strs = NULL;
	if (!cs_disasm_iter(c->handle, &code, &left, &pc, ci))
		return 0;
	e = keep(c, ci, buf);
	if (e)
		*strs = e->strs;
	return 1;
}
