/* SPDX-License-Identifier: GPL-2.0 */
/* Capstone's decoding per distinct instruction (icache.c), for decode.c. */
#ifndef _ISTCHECK_ICACHE_H
#define _ISTCHECK_ICACHE_H

#include <stdint.h>
#include <capstone/capstone.h>

struct icache;

struct icache *icache_new(csh handle);
void icache_free(struct icache *c);
/*
 * Decode the instruction at addr (buf, len bytes left) into ci, whose id, address, size, bytes
 * and detail are set; 0 if Capstone cannot.  *strs is the kept instruction's two string slots
 * (mnemonic, operands: the caller's, NULL until it sets them; ci's strings are stale when they
 * are set), or NULL when the instruction is not kept (ci's strings are its).
 */
int icache_decode(struct icache *c, cs_insn *ci, const uint8_t *buf, size_t len, uint64_t addr,
		  const char ***strs);

#endif
