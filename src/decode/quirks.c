/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instructions Capstone 4.0.2 gets wrong.  Debian and Ubuntu still ship 4.0.2, which predates
 * FRED, TDX, SEV-ES and a few older opcodes.  Each entry is a form entry code really uses; where
 * Capstone decodes the bytes as something else, silently taking its answer would be worse than
 * failing (ERETU would become a clac, a UBSAN ud1 would swallow the next instruction's bytes).
 * decode_insn() tries this table before Capstone.
 */
#include <string.h>

#include <capstone/capstone.h>
#include <istcheck/decode.h>
#include <istcheck/util.h>

enum modrm_form {
	MODRM_NONE,			/* the opcode is the whole instruction */
	MODRM_ANY,			/* 0f xx /r */
	MODRM_DIGIT,			/* 0f xx /digit, register or memory */
	MODRM_DIGIT_REG,		/* 0f xx /digit, register form (mod == 3) only */
};

enum quirk_ops {
	QOPS_NONE,
	QOPS_RM16,			/* lkgs r/m16 */
	QOPS_RM_REG,			/* ud1 r/m, reg: AT&T order */
	QOPS_RM64_OUT,			/* rdpid r64 */
};

#define PFX_ANY		0xff		/* the mandatory-prefix column does not matter */

struct quirk {
	uint8_t prefix;			/* mandatory: 0, 0x66, 0xf2, 0xf3 or PFX_ANY */
	uint8_t opcode[3];
	uint8_t nr_opcode;
	uint8_t modrm;			/* enum modrm_form */
	uint8_t digit;			/* ModRM.reg for MODRM_DIGIT* */
	uint8_t type;			/* enum insn_type */
	uint32_t flags;
	uint8_t ops;			/* enum quirk_ops */
	const char *mnemonic;
};

static const struct quirk quirks[] = {
	/* FRED ERETU: 4.0.2 ignores the f3 and says clac, which would hide a return to user. */
	{ 0xf3, { 0x0f, 0x01, 0xca }, 3, MODRM_NONE, 0, INSN_ERET, INSN_F_USER, QOPS_NONE,
	  "eretu" },
	/* FRED ERETS: likewise decoded as clac. */
	{ 0xf2, { 0x0f, 0x01, 0xca }, 3, MODRM_NONE, 0, INSN_ERET, 0, QOPS_NONE, "erets" },
	/* SERIALIZE: not in 4.0.2's tables, so not decoded at all. */
	{ 0, { 0x0f, 0x01, 0xe8 }, 3, MODRM_NONE, 0, INSN_SERIALIZE, 0, QOPS_NONE, "serialize" },
	/* TDX TDCALL: not decoded. */
	{ 0x66, { 0x0f, 0x01, 0xcc }, 3, MODRM_NONE, 0, INSN_TDCALL, 0, QOPS_NONE, "tdcall" },
	/* LKGS (FRED's load_gs_index): not decoded; the kernel pads it with a 3e prefix. */
	{ 0xf2, { 0x0f, 0x00 }, 2, MODRM_DIGIT, 6, INSN_LKGS, 0, QOPS_RM16, "lkgs" },
	/* WRMSRNS: not decoded. */
	{ 0, { 0x0f, 0x01, 0xc6 }, 3, MODRM_NONE, 0, INSN_WRMSR, 0, QOPS_NONE, "wrmsrns" },
	/* SEV-ES VMGEXIT (rep vmmcall): 4.0.2 drops the f3 and says vmmcall. */
	{ 0xf3, { 0x0f, 0x01, 0xd9 }, 3, MODRM_NONE, 0, INSN_VMGEXIT, 0, QOPS_NONE, "vmgexit" },
	/* UD1: 4.0.2 says "ud2b" and stops before the ModRM, so a UBSAN trap (67 0f b9 40 xx)
	 * comes out 2 bytes short and its type byte is decoded as the next instruction. */
	{ PFX_ANY, { 0x0f, 0xb9 }, 2, MODRM_ANY, 0, INSN_BUG, 0, QOPS_RM_REG, "ud1" },
	/* RDPID (paranoid entry's GET_PERCPU_BASE): 4.0.2 says "rdseed %eax", a 32-bit write. */
	{ 0xf3, { 0x0f, 0xc7 }, 2, MODRM_DIGIT_REG, 7, INSN_OTHER, 0, QOPS_RM64_OUT, "rdpid" },
};

/* What the prefix bytes in front of the opcode tell the quirk decoder. */
struct prefixes {
	unsigned len;			/* legacy prefixes and REX */
	uint8_t mandatory;		/* 0, 0x66, 0xf2 or 0xf3 */
	uint8_t rex;
	uint16_t seg;			/* X86_REG_* of a segment override */
	bool opsize, addrsize;
};

static uint16_t seg_reg(uint8_t b)
{
	switch (b) {
	case 0x26: return X86_REG_ES;
	case 0x2e: return X86_REG_CS;
	case 0x36: return X86_REG_SS;
	case 0x3e: return X86_REG_DS;
	case 0x64: return X86_REG_FS;
	case 0x65: return X86_REG_GS;
	default:   return X86_REG_INVALID;
	}
}

static void scan_prefixes(const uint8_t *buf, size_t len, struct prefixes *p)
{
	uint8_t rep = 0;

	memset(p, 0, sizeof(*p));
	/* An instruction is at most 15 bytes; leave room for an opcode. */
	while (p->len < len && p->len < 14) {
		uint8_t b = buf[p->len];

		if (b == 0x66)
			p->opsize = true;
		else if (b == 0x67)
			p->addrsize = true;
		else if (b == 0xf2 || b == 0xf3)
			rep = b;
		else if (seg_reg(b))
			p->seg = seg_reg(b);
		else if (b != 0xf0)
			break;
		p->len++;
	}
	/* REX only counts right before the opcode. */
	if (p->len < len && (buf[p->len] & 0xf0) == 0x40)
		p->rex = buf[p->len++];
	/* SDM: a repeat prefix selects the opcode table over 66, and the last one wins. */
	p->mandatory = rep ? rep : p->opsize ? 0x66 : 0;
}

/* The ModRM byte and what follows it (SIB, displacement); 0 if buf is too short. */
static unsigned modrm_len(const uint8_t *buf, size_t len)
{
	unsigned mod, rm, n = 1;

	if (!len)
		return 0;
	mod = buf[0] >> 6;
	rm = buf[0] & 7;
	if (mod != 3 && rm == 4) {
		if (len < 2)
			return 0;
		n++;
		if (mod == 0 && (buf[1] & 7) == 5)
			n += 4;			/* no base: disp32 */
	}
	if (mod == 0 && rm == 5)
		n += 4;				/* RIP-relative disp32 */
	else if (mod == 1)
		n += 1;
	else if (mod == 2)
		n += 4;
	return n <= len ? n : 0;
}

static const uint16_t gpr64[16] = {
	X86_REG_RAX, X86_REG_RCX, X86_REG_RDX, X86_REG_RBX, X86_REG_RSP, X86_REG_RBP, X86_REG_RSI,
	X86_REG_RDI, X86_REG_R8, X86_REG_R9, X86_REG_R10, X86_REG_R11, X86_REG_R12, X86_REG_R13,
	X86_REG_R14, X86_REG_R15,
};
static const uint16_t gpr32[16] = {
	X86_REG_EAX, X86_REG_ECX, X86_REG_EDX, X86_REG_EBX, X86_REG_ESP, X86_REG_EBP, X86_REG_ESI,
	X86_REG_EDI, X86_REG_R8D, X86_REG_R9D, X86_REG_R10D, X86_REG_R11D, X86_REG_R12D,
	X86_REG_R13D, X86_REG_R14D, X86_REG_R15D,
};
static const uint16_t gpr16[16] = {
	X86_REG_AX, X86_REG_CX, X86_REG_DX, X86_REG_BX, X86_REG_SP, X86_REG_BP, X86_REG_SI,
	X86_REG_DI, X86_REG_R8W, X86_REG_R9W, X86_REG_R10W, X86_REG_R11W, X86_REG_R12W,
	X86_REG_R13W, X86_REG_R14W, X86_REG_R15W,
};

static uint16_t gpr(unsigned num, unsigned size)
{
	return size == 8 ? gpr64[num] : size == 4 ? gpr32[num] : gpr16[num];
}

static int32_t read_disp(const uint8_t *p, unsigned size)
{
	int32_t d;

	if (size == 1)
		return (int8_t)p[0];
	memcpy(&d, p, 4);
	return d;
}

/* The r/m half of a ModRM byte (already known to fit in buf) as an operand. */
static void decode_rm(const uint8_t *m, const struct prefixes *p, unsigned size, struct operand *op)
{
	unsigned mod = m[0] >> 6, rm = m[0] & 7, asize = p->addrsize ? 4 : 8;
	const uint8_t *disp = m + 1;
	unsigned dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;

	op->size = size;
	if (mod == 3) {
		op->kind = OPND_REG;
		op->reg = gpr(rm | (p->rex & 1) << 3, size);
		return;
	}
	op->kind = OPND_MEM;
	op->mem.seg = p->seg;
	op->mem.scale = 1;
	if (rm == 4) {
		uint8_t sib = m[1];
		unsigned base = sib & 7, index = (sib >> 3 & 7) | (p->rex & 2) << 2;

		disp++;
		if (index != 4)
			op->mem.index = gpr(index, asize);
		op->mem.scale = 1 << (sib >> 6);
		if (mod == 0 && base == 5)
			dsize = 4;
		else
			op->mem.base = gpr(base | (p->rex & 1) << 3, asize);
	} else if (mod == 0 && rm == 5) {
		op->mem.base = p->addrsize ? X86_REG_EIP : X86_REG_RIP;
		dsize = 4;
	} else {
		op->mem.base = gpr(rm | (p->rex & 1) << 3, asize);
	}
	if (dsize)
		op->mem.disp = read_disp(disp, dsize);
}

static void decode_ops(const struct quirk *q, const uint8_t *m, const struct prefixes *p,
		       struct insn *insn)
{
	unsigned size = p->rex & 8 ? 8 : p->opsize ? 2 : 4;

	switch (q->ops) {
	case QOPS_RM16:
		decode_rm(m, p, 2, &insn->ops[0]);
		insn->ops[0].access = OPND_READ;
		insn->nr_ops = 1;
		break;
	case QOPS_RM_REG:
		decode_rm(m, p, size, &insn->ops[0]);
		insn->ops[0].access = OPND_READ;
		insn->ops[1].kind = OPND_REG;
		insn->ops[1].size = size;
		insn->ops[1].reg = gpr((m[0] >> 3 & 7) | (p->rex & 4) << 1, size);
		insn->ops[1].access = OPND_READ;
		insn->nr_ops = 2;
		break;
	case QOPS_RM64_OUT:
		decode_rm(m, p, 8, &insn->ops[0]);
		insn->ops[0].access = OPND_WRITE;
		insn->nr_ops = 1;
		break;
	}
}

static bool match_quirk(const struct quirk *q, const uint8_t *op, size_t len,
			const struct prefixes *p)
{
	if (q->prefix != PFX_ANY && q->prefix != p->mandatory)
		return false;
	if (len < q->nr_opcode || memcmp(op, q->opcode, q->nr_opcode))
		return false;
	if (q->modrm == MODRM_NONE || q->modrm == MODRM_ANY)
		return true;
	if (len == q->nr_opcode || (op[q->nr_opcode] >> 3 & 7) != q->digit)
		return false;
	return q->modrm != MODRM_DIGIT_REG || op[q->nr_opcode] >> 6 == 3;
}

unsigned decode_quirk(const uint8_t *buf, size_t len, struct insn *insn)
{
	struct prefixes p;
	const uint8_t *op;
	size_t left;

	scan_prefixes(buf, len, &p);
	op = buf + p.len;
	left = len - p.len;
	/* Every quirk is a two-byte-map (0f xx) opcode; cheap reject for the common case. */
	if (left < 2 || op[0] != 0x0f)
		return 0;

	for (size_t i = 0; i < ARRAY_SIZE(quirks); i++) {
		const struct quirk *q = &quirks[i];
		unsigned n = p.len + q->nr_opcode, m = 0;

		if (!match_quirk(q, op, left, &p))
			continue;
		if (q->modrm != MODRM_NONE) {
			m = modrm_len(buf + n, len - n);
			if (!m)
				return 0;		/* truncated: let Capstone fail on it */
		}
		memset(insn->ops, 0, sizeof(insn->ops));
		insn->len = n + m;
		insn->type = q->type;
		insn->flags = q->flags | INSN_F_QUIRK;
		insn->id = 0;
		insn->op = OP_OTHER;
		insn->nr_ops = 0;
		insn->mnemonic = q->mnemonic;
		insn->op_str = "";
		if (q->modrm != MODRM_NONE)
			decode_ops(q, buf + n, &p, insn);
		return insn->len;
	}
	return 0;
}
