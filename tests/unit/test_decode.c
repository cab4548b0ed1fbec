/* SPDX-License-Identifier: GPL-2.0 */
/* The decode phase on raw bytes: the quirk layer, classification, flags and references. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <capstone/capstone.h>
#include <istcheck/decode.h>
#include <istcheck/features.h>
#include "fake_elf.h"

static struct decoder *dec;
static struct fake_elf fe;		/* a final link with one text section and no symbols */
static struct elf_file *ef = &fe.ef;
static struct section *text;

static int setup(void **state)
{
	(void)state;
	dec = decoder_new();
	if (!dec)
		return -1;
	fake_elf_init(&fe, "test", false);
	text = fake_section(&fe, ".text", SHF_ALLOC | SHF_EXECINSTR, 0x1000, 0x1000, NULL, CODE_TEXT);
	fake_elf_done(&fe);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	decoder_free(dec);
	return 0;
}

static unsigned decode_at(uint64_t addr, const uint8_t *bytes, size_t len, struct insn *insn)
{
	unsigned n = decode_insn(dec, ef, text, addr, bytes, len, insn);

	assert_int_equal(n, insn->len);
	assert_ptr_equal(insn->bytes, bytes);
	assert_int_equal(insn->addr, addr);
	assert_non_null(insn->mnemonic);
	assert_non_null(insn->op_str);
	return n;
}

/* Decode the bytes at 0x1000 and check they form exactly one instruction. */
#define DECODE(insn, ...) do {							\
	static const uint8_t b_[] = { __VA_ARGS__ };				\
	assert_int_equal(decode_at(0x1000, b_, sizeof(b_), (insn)), sizeof(b_));	\
} while (0)

#define QUIRK(insn, ...) do {							\
	static const uint8_t q_[] = { __VA_ARGS__ };				\
	memset((insn), 0, sizeof(*(insn)));					\
	assert_int_equal(decode_quirk(q_, sizeof(q_), (insn)), sizeof(q_));	\
} while (0)

/* --- the quirk layer --- */

static void test_quirk_eretu(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0xf3, 0x0f, 0x01, 0xca);
	assert_int_equal(insn.type, INSN_ERET);
	assert_int_equal(insn.flags, INSN_F_QUIRK | INSN_F_USER);
	assert_int_equal(insn.id, 0);
	assert_string_equal(insn.mnemonic, "eretu");

	/* And through decode_insn, where Capstone alone would have said clac. */
	DECODE(&insn, 0xf3, 0x0f, 0x01, 0xca);
	assert_int_equal(insn.type, INSN_ERET);
	assert_true(insn_ends_flow(&insn));
}

static void test_quirk_erets(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0xf2, 0x0f, 0x01, 0xca);
	assert_int_equal(insn.type, INSN_ERET);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "erets");

	/* The unprefixed bytes are a real clac and stay Capstone's. */
	DECODE(&insn, 0x0f, 0x01, 0xca);
	assert_int_equal(insn.type, INSN_CLAC);
	assert_false(insn.flags & INSN_F_QUIRK);
}

static void test_quirk_serialize(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0x0f, 0x01, 0xe8);
	assert_int_equal(insn.type, INSN_SERIALIZE);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "serialize");
}

static void test_quirk_tdcall(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0x66, 0x0f, 0x01, 0xcc);
	assert_int_equal(insn.type, INSN_TDCALL);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "tdcall");
}

static void test_quirk_lkgs(void **state)
{
	struct insn insn;

	(void)state;
	/* native_load_gs_index(): ds-padded "lkgs %di". */
	DECODE(&insn, 0x3e, 0xf2, 0x0f, 0x00, 0xf7);
	assert_int_equal(insn.type, INSN_LKGS);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "lkgs");
	assert_string_equal(insn.op_str, "%di");
	assert_int_equal(insn.nr_ops, 1);
	assert_int_equal(insn.ops[0].kind, OPND_REG);
	assert_int_equal(insn.ops[0].reg, X86_REG_DI);

	/* REX.B register form. */
	QUIRK(&insn, 0xf2, 0x41, 0x0f, 0x00, 0xf0);
	assert_int_equal(insn.ops[0].reg, X86_REG_R8W);

	/* Memory forms: ModRM, SIB, disp8, disp32 and RIP-relative lengths. */
	QUIRK(&insn, 0xf2, 0x0f, 0x00, 0x37);				/* (%rdi) */
	QUIRK(&insn, 0xf2, 0x0f, 0x00, 0x74, 0x24, 0x08);		/* 8(%rsp) */
	QUIRK(&insn, 0xf2, 0x0f, 0x00, 0xb0, 0x00, 0x01, 0x00, 0x00);	/* 0x100(%rax) */
	QUIRK(&insn, 0xf2, 0x0f, 0x00, 0x34, 0x25, 0x10, 0, 0, 0);	/* 0x10, absolute */
	DECODE(&insn, 0xf2, 0x0f, 0x00, 0x35, 0x10, 0, 0, 0);		/* 0x10(%rip) */
	assert_int_equal(insn.ops[0].mem.base, X86_REG_RIP);
	assert_true(insn.flags & INSN_F_MEM);
	assert_true(insn.mref.known);
	assert_int_equal(insn.mref.addr, 0x1000 + 8 + 0x10);
	DECODE(&insn, 0x65, 0xf2, 0x0f, 0x00, 0x74, 0x24, 0xf8);	/* %gs:-8(%rsp) */
	assert_int_equal(insn.flags, INSN_F_QUIRK | INSN_F_MEM | INSN_F_GS | INSN_F_STACK_MEM);
	assert_string_equal(insn.op_str, "%gs:-0x8(%rsp)");

	/* Not /6: lldt and friends are Capstone's, and a truncated ModRM is nobody's. */
	memset(&insn, 0, sizeof(insn));
	assert_int_equal(decode_quirk((const uint8_t[]){ 0xf2, 0x0f, 0x00, 0xd0 }, 4, &insn), 0);
	assert_int_equal(decode_quirk((const uint8_t[]){ 0xf2, 0x0f, 0x00, 0x74, 0x24 }, 5,
				      &insn), 0);
}

static void test_quirk_wrmsrns(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0x0f, 0x01, 0xc6);
	assert_int_equal(insn.type, INSN_WRMSR);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "wrmsrns");
}

static void test_quirk_vmgexit(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0xf3, 0x0f, 0x01, 0xd9);
	assert_int_equal(insn.type, INSN_VMGEXIT);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "vmgexit");

	/* Plain vmmcall is Capstone's. */
	DECODE(&insn, 0x0f, 0x01, 0xd9);
	assert_int_equal(insn.type, INSN_VMCALL);
	assert_string_equal(insn.mnemonic, "vmmcall");
}

static void test_quirk_ud1(void **state)
{
	struct insn insn;

	(void)state;
	QUIRK(&insn, 0x0f, 0xb9, 0xc8);					/* ud1 %eax, %ecx */
	assert_int_equal(insn.type, INSN_BUG);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "ud1");

	/* A UBSAN trap: Capstone would make this 3 bytes. */
	DECODE(&insn, 0x67, 0x0f, 0xb9, 0x40, 0x17);
	assert_int_equal(insn.type, INSN_BUG);
	assert_string_equal(insn.mnemonic, "ud1");
	assert_string_equal(insn.op_str, "0x17(%eax), %eax");
	assert_int_equal(insn.ops[0].mem.disp, 0x17);
	assert_false(insn_ends_flow(&insn));
}

static void test_quirk_rdpid(void **state)
{
	struct insn insn;

	(void)state;
	/* GET_PERCPU_BASE's "rdpid %rax", which Capstone calls "rdseed %eax". */
	DECODE(&insn, 0xf3, 0x0f, 0xc7, 0xf8);
	assert_int_equal(insn.type, INSN_OTHER);
	assert_int_equal(insn.flags, INSN_F_QUIRK);
	assert_string_equal(insn.mnemonic, "rdpid");
	assert_string_equal(insn.op_str, "%rax");
	assert_int_equal(insn.ops[0].access, OPND_WRITE);

	DECODE(&insn, 0x0f, 0xc7, 0xf8);				/* rdseed */
	assert_false(insn.flags & INSN_F_QUIRK);
}

static void test_quirk_none(void **state)
{
	struct insn insn;

	(void)state;
	memset(&insn, 0, sizeof(insn));
	assert_int_equal(decode_quirk((const uint8_t[]){ 0x90 }, 1, &insn), 0);
	assert_int_equal(decode_quirk((const uint8_t[]){ 0x0f, 0x01, 0xf8 }, 3, &insn), 0);
	assert_int_equal(decode_quirk((const uint8_t[]){ 0xf3, 0x0f, 0x01 }, 3, &insn), 0);
	assert_int_equal(decode_quirk((const uint8_t[]){ 0x0f }, 1, &insn), 0);
	assert_int_equal(decode_quirk(NULL, 0, &insn), 0);
}

/* --- classification --- */

static void test_sysret(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x48, 0x0f, 0x07);
	assert_int_equal(insn.type, INSN_SYSRET);
	assert_true(insn.flags & INSN_F_Q);
	assert_true(insn_ends_flow(&insn));
	DECODE(&insn, 0x0f, 0x07);
	assert_int_equal(insn.type, INSN_SYSRET);
	assert_false(insn.flags & INSN_F_Q);
}

static void test_iret(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x48, 0xcf);
	assert_int_equal(insn.type, INSN_IRET);
	assert_true(insn.flags & INSN_F_Q);
	assert_true(insn_ends_flow(&insn));
	DECODE(&insn, 0xcf);
	assert_int_equal(insn.type, INSN_IRET);
	assert_false(insn.flags & INSN_F_Q);
}

static void test_system(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x0f, 0x01, 0xf8);
	assert_int_equal(insn.type, INSN_SWAPGS);
	DECODE(&insn, 0x0f, 0x32);
	assert_int_equal(insn.type, INSN_RDMSR);
	DECODE(&insn, 0x0f, 0x30);
	assert_int_equal(insn.type, INSN_WRMSR);
	assert_string_equal(insn.mnemonic, "wrmsr");
	DECODE(&insn, 0xf3, 0x48, 0x0f, 0xae, 0xdb);
	assert_int_equal(insn.type, INSN_WRGSBASE);
	assert_int_equal(insn.ops[0].reg, X86_REG_RBX);
	DECODE(&insn, 0xf3, 0x48, 0x0f, 0xae, 0xcb);
	assert_int_equal(insn.type, INSN_RDGSBASE);
	DECODE(&insn, 0xf3, 0x0f, 0x1e, 0xfa);
	assert_int_equal(insn.type, INSN_ENDBR);
	assert_false(insn.flags & INSN_F_REP);
	DECODE(&insn, 0x0f, 0xae, 0xe8);
	assert_int_equal(insn.type, INSN_LFENCE);
	DECODE(&insn, 0x0f, 0xae, 0xf0);
	assert_int_equal(insn.type, INSN_MFENCE);
	DECODE(&insn, 0x0f, 0x05);
	assert_int_equal(insn.type, INSN_SYSCALL);
	DECODE(&insn, 0x0f, 0xa2);
	assert_int_equal(insn.type, INSN_CPUID);
	DECODE(&insn, 0x0f, 0x01, 0xcb);
	assert_int_equal(insn.type, INSN_STAC);
	DECODE(&insn, 0xfa);
	assert_int_equal(insn.type, INSN_CLI);
	DECODE(&insn, 0xec);
	assert_int_equal(insn.type, INSN_IO);
	DECODE(&insn, 0x9c);
	assert_int_equal(insn.type, INSN_PUSHF);
	DECODE(&insn, 0x9d);
	assert_int_equal(insn.type, INSN_POPF);
	DECODE(&insn, 0x8e, 0xe8);					/* mov %eax, %gs */
	assert_int_equal(insn.type, INSN_MOV_SEG);
	DECODE(&insn, 0x0f, 0x23, 0xf8);				/* mov %rax, %db7 */
	assert_int_equal(insn.type, INSN_DR_WRITE);
	DECODE(&insn, 0x0f, 0x21, 0xf8);
	assert_int_equal(insn.type, INSN_DR_READ);
	DECODE(&insn, 0x0f, 0x22, 0xe0);				/* mov %rax, %cr4 */
	assert_int_equal(insn.type, INSN_CR_OTHER);
}

static void test_cr3(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x0f, 0x20, 0xd8);
	assert_int_equal(insn.type, INSN_CR3_READ);
	assert_int_equal(insn.nr_ops, 2);
	assert_int_equal(insn.ops[0].reg, X86_REG_CR3);		/* AT&T: source first */
	assert_int_equal(insn.ops[1].reg, X86_REG_RAX);
	DECODE(&insn, 0x0f, 0x22, 0xd8);
	assert_int_equal(insn.type, INSN_CR3_WRITE);
	assert_string_equal(insn.op_str, "%rax, %cr3");
}

static void test_verw(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x0f, 0x00, 0x2d, 0x00, 0x00, 0x00, 0x00);
	assert_int_equal(insn.type, INSN_VERW);
	assert_true(insn.flags & INSN_F_MEM);
	/* Final link, no symbols: the RIP-relative operand is still an address. */
	assert_true(insn.mref.known);
	assert_int_equal(insn.mref.addr, 0x1007);
	assert_null(insn.mref.sym);
}

static void test_gs(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x65, 0x48, 0x8b, 0x04, 0x25, 0x14, 0x00, 0x00, 0x00);
	assert_int_equal(insn.type, INSN_OTHER);
	assert_int_equal(insn.flags, INSN_F_GS | INSN_F_MEM);
	assert_int_equal(insn.ops[0].mem.seg, X86_REG_GS);
	assert_int_equal(insn.ops[0].mem.disp, 0x14);
}

static void test_stack(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x50);
	assert_int_equal(insn.type, INSN_PUSH);
	assert_int_equal(insn.flags, 0);
	DECODE(&insn, 0x5c);						/* pop %rsp */
	assert_int_equal(insn.type, INSN_POP);
	assert_true(insn.flags & INSN_F_WRITES_RSP);
	DECODE(&insn, 0x54);						/* push %rsp */
	assert_false(insn.flags & INSN_F_WRITES_RSP);
	DECODE(&insn, 0x48, 0x89, 0xc4);				/* mov %rax, %rsp */
	assert_int_equal(insn.flags, INSN_F_WRITES_RSP);
	DECODE(&insn, 0x48, 0x89, 0xe0);				/* mov %rsp, %rax */
	assert_int_equal(insn.flags, 0);
	DECODE(&insn, 0x48, 0x83, 0xe4, 0xf0);				/* and $-16, %rsp */
	assert_int_equal(insn.flags, INSN_F_WRITES_RSP);
	DECODE(&insn, 0x89, 0xc4);					/* mov %eax, %esp */
	assert_int_equal(insn.flags, INSN_F_WRITES_RSP);
	DECODE(&insn, 0x48, 0x8d, 0x64, 0x24, 0x08);			/* lea 8(%rsp), %rsp */
	assert_int_equal(insn.flags, INSN_F_WRITES_RSP | INSN_F_STACK_MEM);
	DECODE(&insn, 0x48, 0x8b, 0x44, 0x24, 0x10);		/* mov 0x10(%rsp),%rax */
	assert_int_equal(insn.flags, INSN_F_STACK_MEM | INSN_F_MEM);
	DECODE(&insn, 0xc9);
	assert_int_equal(insn.type, INSN_LEAVE);
}

static void test_traps(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0xcc);
	assert_int_equal(insn.type, INSN_INT3);
	assert_false(insn_ends_flow(&insn));
	DECODE(&insn, 0x0f, 0x0b);
	assert_int_equal(insn.type, INSN_BUG);
	assert_false(insn_ends_flow(&insn));
	DECODE(&insn, 0xcd, 0x80);
	assert_int_equal(insn.type, INSN_INT);
	DECODE(&insn, 0xf1);
	assert_int_equal(insn.type, INSN_INT);
	DECODE(&insn, 0xf4);
	assert_int_equal(insn.type, INSN_HLT);
}

static void test_branches(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0xff, 0xe0);					/* jmp *%rax */
	assert_int_equal(insn.type, INSN_JUMP_DYNAMIC);
	assert_true(insn_is_branch(&insn));
	assert_true(insn_ends_flow(&insn));
	assert_false(insn.dest.known);
	DECODE(&insn, 0xff, 0xd0);					/* call *%rax */
	assert_int_equal(insn.type, INSN_CALL_DYNAMIC);
	assert_false(insn_ends_flow(&insn));
	DECODE(&insn, 0xff, 0x25, 0, 0, 0, 0);				/* jmp *0(%rip) */
	assert_int_equal(insn.type, INSN_JUMP_DYNAMIC);
	assert_int_equal(insn.mref.addr, 0x1006);

	DECODE(&insn, 0x74, 0x05);					/* je .+7 */
	assert_int_equal(insn.type, INSN_JUMP_COND);
	assert_true(insn_is_branch(&insn));
	assert_false(insn_ends_flow(&insn));
	assert_true(insn.dest.known);
	assert_int_equal(insn.dest.addr, 0x1007);

	DECODE(&insn, 0xe2, 0xfe);					/* loop . */
	assert_int_equal(insn.type, INSN_JUMP_COND);
	assert_int_equal(insn.dest.addr, 0x1000);

	DECODE(&insn, 0xe9, 0x00, 0x01, 0x00, 0x00);
	assert_int_equal(insn.type, INSN_JUMP);
	assert_int_equal(insn.dest.addr, 0x1105);

	DECODE(&insn, 0xc3);
	assert_int_equal(insn.type, INSN_RET);
	assert_true(insn_ends_flow(&insn));
	DECODE(&insn, 0x48, 0xcb);					/* lretq */
	assert_int_equal(insn.type, INSN_OTHER);
}

static void test_call_rel32(void **state)
{
	static const uint8_t call[] = { 0xe8, 0x10, 0x00, 0x00, 0x00 };
	struct insn insn;
	char buf[64];

	(void)state;
	decode_at(0x1234, call, sizeof(call), &insn);
	assert_int_equal(insn.len, 5);
	assert_int_equal(insn.type, INSN_CALL);
	assert_true(insn.dest.known);
	assert_int_equal(insn.dest.addr, 0x1234 + 5 + 0x10);
	assert_null(insn.dest.sym);
	assert_string_equal(ref_str(ef, &insn.dest, buf, sizeof(buf)), ".text+0x249");
	assert_false(insn.flags & INSN_F_THUNK);
}

static void test_nops(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0x0f, 0x1f, 0x44, 0x00, 0x00);
	assert_int_equal(insn.type, INSN_NOP);
	assert_false(insn.flags & INSN_F_MEM);
	DECODE(&insn, 0x66, 0x90);
	assert_int_equal(insn.type, INSN_NOP);
	DECODE(&insn, 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00);
	assert_int_equal(insn.type, INSN_NOP);
}

static void test_prefixes(void **state)
{
	struct insn insn;

	(void)state;
	DECODE(&insn, 0xf0, 0x48, 0xff, 0x00);				/* lock incq (%rax) */
	assert_int_equal(insn.flags, INSN_F_LOCK | INSN_F_MEM);
	DECODE(&insn, 0xf3, 0xa4);					/* rep movsb */
	assert_true(insn.flags & INSN_F_REP);
	DECODE(&insn, 0xf2, 0xe9, 0, 0, 0, 0);				/* bnd jmp */
	assert_int_equal(insn.type, INSN_JUMP);
	assert_false(insn.flags & INSN_F_REP);
}

static void test_invalid(void **state)
{
	static const uint8_t bad[] = { 0xce, 0x90 };	/* into: not in 64-bit mode */
	struct insn insn;

	(void)state;
	assert_int_equal(decode_at(0x1000, bad, sizeof(bad), &insn), 1);
	assert_int_equal(insn.type, INSN_INVALID);
	assert_string_equal(insn.mnemonic, "(bad)");
	assert_int_equal(decode_at(0x1000, bad, 0, &insn), 1);
	assert_int_equal(insn.type, INSN_INVALID);
}

/* --- relocations, in an object --- */

static void test_relocs(void **state)
{
	static const uint8_t code[] = {
		0xe8, 0, 0, 0, 0,			/* 0x00 call __x86_indirect_thunk_rax */
		0xe9, 0, 0, 0, 0,			/* 0x05 jmp __x86_return_thunk */
		0xe8, 0, 0, 0, 0,			/* 0x0a call helper */
		0x65, 0x48, 0x8b, 0x24, 0x25, 0, 0, 0, 0, /* 0x0f mov %gs:pcpu_hot+0x18,%rsp */
		0x48, 0x8d, 0x05, 0, 0, 0, 0,		/* 0x18 lea .rodata+0x20(%rip),%rax */
		0x48, 0xc7, 0xc0, 0, 0, 0, 0,		/* 0x1f mov $helper, %rax */
		0x0f, 0x84, 0, 0, 0, 0,			/* 0x26 je __x86_return_thunk */
	};
	static struct fake_elf o;
	struct section *otext, *percpu, *rodata_sec;
	struct symbol *thunk, *rethunk, *helper, *pcpu_hot, *rodata, *table;
	struct insn insn;
	char buf[64];

	(void)state;
	fake_elf_init(&o, "test.o", true);
	otext = fake_section(&o, ".otext", SHF_ALLOC | SHF_EXECINSTR, 0x10000, sizeof(code), code, CODE_NONE);
	percpu = fake_section(&o, ".data..percpu", SHF_ALLOC | SHF_WRITE, 0x20000, 0x1000, NULL, CODE_NONE);
	rodata_sec = fake_section(&o, ".rodata", SHF_ALLOC, 0x30000, 0x100, NULL, CODE_NONE);
	thunk = fake_symbol(&o, "__x86_indirect_thunk_rax", NULL, 0, 0, STT_NOTYPE, STB_GLOBAL);
	rethunk = fake_symbol(&o, "__x86_return_thunk", NULL, 0, 0, STT_NOTYPE, STB_GLOBAL);
	helper = fake_symbol(&o, "helper", otext, 0x10000, sizeof(code), STT_FUNC, STB_GLOBAL);
	pcpu_hot = fake_symbol(&o, "pcpu_hot", percpu, 0x20100, 0x40, STT_OBJECT, STB_GLOBAL);
	rodata = fake_symbol(&o, ".rodata", rodata_sec, 0x30000, 0, STT_SECTION, STB_LOCAL);
	table = fake_symbol(&o, "table", rodata_sec, 0x30010, 0x40, STT_OBJECT, STB_LOCAL);
	fake_elf_done(&o);

	struct reloc relocs[] = {
		{ 0x01, thunk, -4, R_X86_64_PLT32 },
		{ 0x06, rethunk, -4, R_X86_64_PLT32 },
		{ 0x0b, helper, -4, R_X86_64_PLT32 },
		{ 0x14, pcpu_hot, 0x18, R_X86_64_32S },
		{ 0x1b, rodata, 0x20 - 4, R_X86_64_PC32 },
		{ 0x22, helper, 0, R_X86_64_32S },
		{ 0x28, rethunk, -4, R_X86_64_PLT32 },
	};
	struct elf_file *obj = &o.ef;

	otext->relocs = relocs;
	otext->nr_relocs = sizeof(relocs) / sizeof(relocs[0]);

	decode_insn(dec, obj, otext, 0x10000, code, sizeof(code), &insn);
	assert_int_equal(insn.type, INSN_CALL_DYNAMIC);
	assert_true(insn.flags & INSN_F_THUNK);
	assert_ptr_equal(insn.dest.sym, thunk);
	assert_int_equal(insn.dest.off, 0);
	assert_false(insn.dest.known);
	assert_string_equal(ref_str(obj, &insn.dest, buf, sizeof(buf)),
			    "__x86_indirect_thunk_rax");

	decode_insn(dec, obj, otext, 0x10005, code + 5, sizeof(code) - 5, &insn);
	assert_int_equal(insn.type, INSN_RET);
	assert_true(insn.flags & INSN_F_THUNK);
	assert_true(insn_ends_flow(&insn));

	decode_insn(dec, obj, otext, 0x1000a, code + 0xa, sizeof(code) - 0xa, &insn);
	assert_int_equal(insn.type, INSN_CALL);
	assert_false(insn.flags & INSN_F_THUNK);
	assert_true(insn.dest.known);
	assert_int_equal(insn.dest.addr, 0x10000);
	assert_ptr_equal(insn.dest.sym, helper);
	assert_int_equal(insn.dest.off, 0);

	decode_insn(dec, obj, otext, 0x1000f, code + 0xf, sizeof(code) - 0xf, &insn);
	assert_int_equal(insn.len, 9);
	assert_int_equal(insn.flags, INSN_F_GS | INSN_F_MEM | INSN_F_WRITES_RSP);
	assert_ptr_equal(insn.mref.sym, pcpu_hot);
	assert_int_equal(insn.mref.off, 0x18);
	assert_int_equal(insn.mref.addr, 0x20118);
	assert_string_equal(ref_str(obj, &insn.mref, buf, sizeof(buf)), "pcpu_hot+0x18");

	/* PC32 from the disp field: + (len - disp_offset) turns -4 into 0; the section symbol
	 * gives way to the object covering the address. */
	decode_insn(dec, obj, otext, 0x10018, code + 0x18, sizeof(code) - 0x18, &insn);
	assert_int_equal(insn.flags, 0);				/* lea: no access */
	assert_int_equal(insn.mref.addr, 0x30020);
	assert_ptr_equal(insn.mref.sym, table);
	assert_int_equal(insn.mref.off, 0x10);

	decode_insn(dec, obj, otext, 0x1001f, code + 0x1f, sizeof(code) - 0x1f, &insn);
	assert_ptr_equal(insn.iref.sym, helper);
	assert_int_equal(insn.iref.addr, 0x10000);
	assert_null(insn.mref.sym);

	/* A conditional jump to the return thunk stays conditional but is marked. */
	decode_insn(dec, obj, otext, 0x10026, code + 0x26, sizeof(code) - 0x26, &insn);
	assert_int_equal(insn.type, INSN_JUMP_COND);
	assert_true(insn.flags & INSN_F_THUNK);
	assert_ptr_equal(insn.dest.sym, rethunk);

	/* Strings: symbol, symbol+off, section+off, bare address. */
	assert_string_equal(addr_str(obj, 0x10000, buf, sizeof(buf)), "helper");
	assert_string_equal(addr_str(obj, 0x10004, buf, sizeof(buf)), "helper+0x4");
	assert_string_equal(addr_str(obj, 0x20008, buf, sizeof(buf)), ".data..percpu+0x8");
	assert_string_equal(addr_str(obj, 0x90000, buf, sizeof(buf)), "0x90000");
}

/* --- helpers --- */

static void test_reg_full(void **state)
{
	(void)state;
	assert_int_equal(reg_full(X86_REG_AL), X86_REG_RAX);
	assert_int_equal(reg_full(X86_REG_AH), X86_REG_RAX);
	assert_int_equal(reg_full(X86_REG_AX), X86_REG_RAX);
	assert_int_equal(reg_full(X86_REG_EAX), X86_REG_RAX);
	assert_int_equal(reg_full(X86_REG_RAX), X86_REG_RAX);
	assert_int_equal(reg_full(X86_REG_SPL), X86_REG_RSP);
	assert_int_equal(reg_full(X86_REG_SP), X86_REG_RSP);
	assert_int_equal(reg_full(X86_REG_ESP), X86_REG_RSP);
	assert_int_equal(reg_full(X86_REG_DIL), X86_REG_RDI);
	assert_int_equal(reg_full(X86_REG_R8B), X86_REG_R8);
	assert_int_equal(reg_full(X86_REG_R8W), X86_REG_R8);
	assert_int_equal(reg_full(X86_REG_R8D), X86_REG_R8);
	assert_int_equal(reg_full(X86_REG_R15D), X86_REG_R15);
	assert_int_equal(reg_full(X86_REG_CR3), X86_REG_CR3);
	assert_int_equal(reg_full(X86_REG_GS), X86_REG_GS);
	assert_string_equal(reg_name(dec, X86_REG_R12), "r12");
	assert_string_equal(reg_name(dec, X86_REG_CR3), "cr3");
}

static void test_type_names(void **state)
{
	(void)state;
	for (int t = 0; t < NR_INSN_TYPES; t++)
		assert_string_not_equal(insn_type_name(t), "?");
	assert_string_equal(insn_type_name(INSN_CR3_WRITE), "cr3_write");
	assert_string_equal(insn_type_name(NR_INSN_TYPES), "?");
}

static void test_features(void **state)
{
	static const char *const names[] = { "PTI", "FRED", "SMAP", "BUG_SWAPGS", "RETHUNK",
					     "CLEAR_CPU_BUF", "IBPB_EXIT_TO_USER" };
	char buf[64];
	uint16_t bit;

	(void)state;
	assert_string_equal(feature_str(FEAT(7, 11), buf, sizeof(buf)), "PTI");
	assert_string_equal(feature_str(X86_FEATURE_ALWAYS, buf, sizeof(buf)), "ALWAYS");
	assert_string_equal(feature_str(704 + 21, buf, sizeof(buf)), "BUG_SWAPGS");
	assert_string_equal(feature_str(FEAT(12, 30), buf, sizeof(buf)), "feature 12*32+30");
	assert_string_equal(feature_str(704 + 3, buf, sizeof(buf)), "bug 3");
	assert_null(feature_name(FEAT(1, 1)));

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_true(parse_feature(names[i], &bit));
		assert_string_equal(feature_str(bit, buf, sizeof(buf)), names[i]);
	}
	assert_true(parse_feature("X86_FEATURE_FRED", &bit));
	assert_int_equal(bit, FEAT(12, 17));
	assert_true(parse_feature("x86_feature_lkgs", &bit));
	assert_int_equal(bit, FEAT(12, 18));
	assert_true(parse_feature("X86_BUG_SWAPGS", &bit));
	assert_int_equal(bit, 704 + 21);
	assert_true(parse_feature("pti", &bit));
	assert_int_equal(bit, 7 * 32 + 11);
	assert_true(parse_feature("235", &bit));
	assert_int_equal(bit, 235);

	/* Unnamed bits print as something parse_feature reads back. */
	for (unsigned b = 0; b < 800; b++) {
		uint16_t back;

		feature_str(b, buf, sizeof(buf));
		assert_true(parse_feature(buf, &back));
		assert_int_equal(back, b);
	}
	assert_false(parse_feature("NO_SUCH_FEATURE", &bit));
	assert_false(parse_feature("", &bit));
	assert_false(parse_feature("12x", &bit));
	assert_false(parse_feature("99999999", &bit));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quirk_eretu),
		cmocka_unit_test(test_quirk_erets),
		cmocka_unit_test(test_quirk_serialize),
		cmocka_unit_test(test_quirk_tdcall),
		cmocka_unit_test(test_quirk_lkgs),
		cmocka_unit_test(test_quirk_wrmsrns),
		cmocka_unit_test(test_quirk_vmgexit),
		cmocka_unit_test(test_quirk_ud1),
		cmocka_unit_test(test_quirk_rdpid),
		cmocka_unit_test(test_quirk_none),
		cmocka_unit_test(test_sysret),
		cmocka_unit_test(test_iret),
		cmocka_unit_test(test_system),
		cmocka_unit_test(test_cr3),
		cmocka_unit_test(test_verw),
		cmocka_unit_test(test_gs),
		cmocka_unit_test(test_stack),
		cmocka_unit_test(test_traps),
		cmocka_unit_test(test_branches),
		cmocka_unit_test(test_call_rel32),
		cmocka_unit_test(test_nops),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_relocs),
		cmocka_unit_test(test_reg_full),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_features),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
