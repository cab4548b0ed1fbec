// SPDX-License-Identifier: GPL-2.0
/*
 * The testbed's setup, in the order a kernel does it before its first user entry: console,
 * command line, alternatives, page tables, descriptor tables, MSRs; then the user program runs
 * and ends at the exit gate, which reports the fixture's own counters.  Written for istcheck;
 * no kernel code.
 */
#include <stdarg.h>
#include "ref_entry/ref_entry.h"
#include "testbed.h"

#define PTE_P		0x1ul
#define PTE_RW		0x2ul
#define PTE_US		0x4ul

#define MSR_EFER	0xc0000080
#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_SFMASK	0xc0000084
#define MSR_FS_BASE	0xc0000100
#define MSR_KERNEL_GS	0xc0000102
#define MSR_MCG_CAP	0x179
#define MSR_MCG_CTL	0x17b
#define MSR_MC0_CTL	0x400

#define COM1		0x3f8
#define DEBUG_EXIT	0xf4

struct tss {
	u32 reserved0;
	u64 sp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 0x68, "hardware TSS");

struct gate {
	u16 off0, sel;
	u8 ist, type;
	u16 off1;
	u32 off2, zero;
};

/* What a testbed stub leaves on the stack. */
struct vframe {
	u64 vector, error, ip, cs, flags, sp, ss;
};

struct pt_regs {
	u64 r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di;
	u64 orig_ax, ip, cs, flags, sp, ss;
};

/* The fixture's. */
extern char ref_cea[], ref_cpu_tss_rw[], ref_pcpu_top_of_stack[];
extern char ref_entry_SYSCALL_64[], ref_asm_exc_nmi[], ref_asm_exc_debug[];
extern char ref_asm_exc_machine_check[], ref_asm_exc_vmm_communication[];
extern char ref_asm_exc_double_fault[], ref_asm_exc_general_protection[];
extern unsigned long ref_nr_syscalls, ref_nr_events[32], ref_user_gp_fixup;

/* The linker script's and boot.S's. */
extern char _kstart[], _kend[], __entry_text_start[], __entry_text_end[], __per_cpu_load[];
extern char __umap_start[], __umap_end[], __user_start[], __user_end[], __user_phys[];
extern u64 tb_gdt[GDT_ENTRIES];
extern char tb_vectors[];
__attribute__((noreturn)) void tb_enter_user(struct pt_regs *regs);

/* The user program's (user.S). */
extern char user_start[], user_stack_top[], user_gp_resume[];
extern u64 user_report[REP_SIZE / 8];

/* User memory is out of RIP-relative reach of kernel text: take its address absolutely. */
static u64 *report(void)
{
	u64 *p;

	__asm__("movq $user_report, %0" : "=r"(p));
	return p;
}

u32 tb_features[NR_FEATURE_WORDS];

static struct gate tb_idt[256] __attribute__((section(".testbed.umap"), aligned(4096)));
static u64 pt_pool[24][512] __attribute__((aligned(8192)));
static unsigned int pt_used = 2;	/* [0] the kernel PML4, [1] the user one: CR3 bit 12 */
static u8 task_stack[16384] __attribute__((aligned(16)));
static char cmdline[256];
static unsigned long iters = 1;
static int fixture_df;

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

/* ---- console and exit ---- */

static void putch(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (u8)c);
}

static void putnum(u64 v, unsigned int base)
{
	char buf[24];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		putch(buf[--n]);
}

/* %s, %lu/%u, %lx/%x: all the reports need. */
void tb_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		int is_long = 0;

		if (*fmt != '%') {
			putch(*fmt);
			continue;
		}
		if (*++fmt == 'l') {
			is_long = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			for (const char *s = va_arg(ap, const char *); *s; s++)
				putch(*s);
			break;
		case 'u':
		case 'x':
			putnum(is_long ? va_arg(ap, u64) : va_arg(ap, u32), *fmt == 'x' ? 16 : 10);
			break;
		default:
			putch('%');
			putch(*fmt);
		}
	}
	va_end(ap);
}

__attribute__((noreturn)) void tb_exit(int code)
{
	__asm__ volatile("outl %0, %1" : : "a"((u32)code), "Nd"((u16)DEBUG_EXIT));
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* ---- command line ---- */

static const struct {
	const char *name;
	unsigned int bit, bit2;
} feature_names[] = {
	{ "atomic_ist", F_ATOMIC_IST, F_ATOMIC_IST },
	{ "pti", FEAT(7, 11), FEAT(7, 11) },
	{ "ibrs", FEAT(7, 12), FEAT(7, 12) },
	{ "unret", FEAT(11, 15), FEAT(11, 15) },
	{ "clear_cpu_buf", FEAT(3, 18), FEAT(3, 18) },
	{ "clear_bhb", FEAT(21, 1), FEAT(21, 1) },
	{ "fence_swapgs", FEAT(11, 4), FEAT(11, 5) },	/* user and kernel */
};
#define NR_FEATURE_NAMES (sizeof(feature_names) / sizeof(feature_names[0]))
#define F_ALWAYS_BIT	FEAT(3, 21)
#define F_PTI_BIT	FEAT(7, 11)

static void set_feature(unsigned int f)
{
	tb_features[f / 32] |= 1u << (f % 32);
}

static int word_is(const char *s, const char *end, const char *w)
{
	while (s < end && *w && *s == *w)
		s++, w++;
	return s == end && !*w;
}

static const char *word_end(const char *s, char sep)
{
	while (*s && *s != ' ' && *s != sep)
		s++;
	return s;
}

static void parse_features(const char *s)
{
	while (*s && *s != ' ') {
		const char *end = word_end(s, ',');
		unsigned int i;

		for (i = 0; i < NR_FEATURE_NAMES; i++)
			if (word_is(s, end, feature_names[i].name))
				break;
		if (i == NR_FEATURE_NAMES && end > s) {
			tb_printf("FATAL unknown feature in: %s\n", cmdline);
			tb_exit(EXIT_FAIL);
		}
		if (i < NR_FEATURE_NAMES) {
			set_feature(feature_names[i].bit);
			set_feature(feature_names[i].bit2);
		}
		s = *end == ',' ? end + 1 : end;
	}
}

static void parse_cmdline(u32 start_info)
{
	/* hvm_start_info: magic at 0, cmdline_paddr at 24; still identity-mapped here. */
	const u32 *si = (const u32 *)(u64)start_info;
	const char *src = si && si[0] == 0x336ec578 ? (const char *)(u64)si[6] : 0;
	int explicit_features = 0;

	for (unsigned int i = 0; src && src[i] && i < sizeof(cmdline) - 1; i++)
		cmdline[i] = src[i];
	for (const char *s = cmdline; *s;) {
		const char *end = word_end(s, '=');

		if (word_is(s, end, "features") && *end == '=') {
			explicit_features = 1;
			parse_features(end + 1);
		} else if (word_is(s, end, "iters") && *end == '=') {
			iters = 0;
			for (end++; *end >= '0' && *end <= '9'; end++)
				iters = iters * 10 + (unsigned long)(*end - '0');
		} else if (word_is(s, end, "df") && *end == '=') {
			fixture_df = word_is(end + 1, word_end(end + 1, 0), "fixture");
		}
		s = word_end(s, 0);
		while (*s == ' ')
			s++;
	}
	if (!explicit_features)
		set_feature(F_ATOMIC_IST);
	set_feature(F_ALWAYS_BIT);
}

/* ---- page tables ---- */

static u64 *pt_alloc(void)
{
	if (pt_used == sizeof(pt_pool) / sizeof(pt_pool[0])) {
		tb_printf("FATAL page table pool exhausted\n");
		tb_exit(EXIT_FAIL);
	}
	return pt_pool[pt_used++];
}

static void map_range(u64 *pml4, const void *start, const void *end, u64 phys, u64 flags)
{
	for (u64 va = (u64)start & ~0xffful; va < (u64)end; va += 4096, phys += 4096) {
		u64 *t = pml4;

		for (int level = 3; level > 0; level--) {
			u64 *e = &t[(va >> (12 + 9 * level)) & 511];

			if (!(*e & PTE_P))
				*e = ((u64)pt_alloc() - KVBASE) | PTE_P | PTE_RW | PTE_US;
			t = (u64 *)((*e & ~0xffful) + KVBASE);
		}
		t[(va >> 12) & 511] = phys | flags;
	}
}

static u64 kphys(const void *p)
{
	return (u64)p - KVBASE;
}

/*
 * The kernel set maps the whole image and the user program.  The user set (CR3 bit 12) maps
 * what runs or is read under the user CR3: entry text and the testbed's gates, the per-CPU page
 * (TSS, and the SYSCALL path's RSP scratch before its CR3 switch), GDT and IDT, the cpu entry
 * area, the user program.  Without PTI the user set is never loaded.
 */
static u64 setup_page_tables(void)
{
	u64 *kpml4 = pt_pool[0], *upml4 = pt_pool[1];
	u64 user_phys = (u64)__user_phys, k = PTE_P | PTE_RW, u = PTE_P | PTE_RW | PTE_US;

	map_range(kpml4, _kstart, _kend, kphys(_kstart), k);
	map_range(kpml4, __user_start, __user_end, user_phys, u);

	map_range(upml4, __entry_text_start, __entry_text_end, kphys(__entry_text_start), k);
	map_range(upml4, __per_cpu_load, __per_cpu_load + 4096, kphys(__per_cpu_load), k);
	map_range(upml4, __umap_start, __umap_end, kphys(__umap_start), k);
	map_range(upml4, ref_cea, ref_cea + CEA_SIZE, kphys(ref_cea), k);
	map_range(upml4, __user_start, __user_end, user_phys, u);
	return kphys(kpml4);
}

/* ---- descriptor tables ---- */

static void set_gate(unsigned int vec, const void *handler, unsigned int ist, unsigned int dpl)
{
	u64 a = (u64)handler;

	tb_idt[vec] = (struct gate){
		.off0 = (u16)a, .sel = KERNEL_CS, .ist = (u8)ist, .type = (u8)(0x8e | dpl << 5),
		.off1 = (u16)(a >> 16), .off2 = (u32)(a >> 32),
	};
}

static void setup_descriptors(struct tss *tss)
{
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;
	u64 cea = (u64)ref_cea;
	struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) idtr = { sizeof(tb_idt) - 1, (u64)tb_idt };

	tss->sp[0] = cea + CEA_ENTRY_STACK + 0x1000;
	for (int n = 0; n < NR_IST; n++)
		tss->ist[n] = cea + IST_TOP(n);
	tss->iomap_base = sizeof(*tss);		/* no I/O bitmap: user port I/O faults */
	tb_gdt[TSS_SEL / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ul << 40 |
			      ((base >> 24) & 0xff) << 56;
	tb_gdt[TSS_SEL / 8 + 1] = base >> 32;
	__asm__ volatile("ltr %w0" : : "r"(TSS_SEL));

	for (unsigned int v = 0; v < 256; v++)
		set_gate(v, tb_vectors + 16 * v, 0, v == VEC_EXIT ? 3 : 0);
	/* IST slot n + 1 is the fixture's IST stack n. */
	set_gate(1, ref_asm_exc_debug, IST_DB + 1, 0);
	set_gate(2, ref_asm_exc_nmi, IST_NMI + 1, 0);
	set_gate(8, fixture_df ? ref_asm_exc_double_fault : tb_vectors + 16 * 8, IST_DF + 1, 0);
	set_gate(13, ref_asm_exc_general_protection, 0, 0);
	set_gate(18, ref_asm_exc_machine_check, IST_MC + 1, 0);
	set_gate(29, ref_asm_exc_vmm_communication, IST_VC + 1, 0);
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* ---- MSRs, machine checks ---- */

static void setup_cpu(void)
{
	u64 cr4, cap = rdmsr(MSR_MCG_CAP);

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | 1);		/* SCE */
	wrmsr(MSR_STAR, (u64)USER32_CS << 48 | (u64)KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (u64)ref_entry_SYSCALL_64);
	wrmsr(MSR_SFMASK, 0x47700);			/* TF, IF, DF, IOPL, NT, AC */
	wrmsr(MSR_GS_BASE, (u64)__per_cpu_load);	/* negative: the kernel's */
	/*
	 * The user's bases: non-zero user addresses nothing dereferences, so the injector's state
	 * judge sees a base an entry lost or swapped as a value, not as 0 standing for "unset".
	 */
	wrmsr(MSR_KERNEL_GS, 0x00005a9b00000000);
	wrmsr(MSR_FS_BASE, 0x00005af500000000);

	/* An injected uncorrected error is dropped unless every control bit is on. */
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | 0x40));	/* MCE */
	if (cap & 0x100)
		wrmsr(MSR_MCG_CTL, ~0ul);
	for (unsigned int i = 0; i < (cap & 0xff); i++)
		wrmsr(MSR_MC0_CTL + 4 * i, ~0ul);

	/* No interrupt source: the legacy PIC would deliver the timer on exception vectors. */
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

/* ---- the end ---- */

static const char *const reg_names[NR_REGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const event_names[] = { "none", "syscall", "db", "gp", "spot" };

static int check_count(const char *name, u64 got, u64 want)
{
	if (got == want)
		return 1;
	tb_printf("FAIL counts: %s=%lu want=%lu\n", name, got, want);
	return 0;
}

static __attribute__((noreturn)) void finish(int ok)
{
	u64 done = report()[REP_ITER / 8];

	tb_printf("counts: syscall=%lu nmi=%lu db=%lu mc=%lu gp=%lu\n", ref_nr_syscalls,
		  ref_nr_events[2], ref_nr_events[1], ref_nr_events[18], ref_nr_events[13]);
	if (ok) {
		ok &= check_count("iterations", done, iters);
		ok &= check_count("syscall", ref_nr_syscalls, done);
		ok &= check_count("db", ref_nr_events[1], done * DB_PER_ITER);
		ok &= check_count("gp", ref_nr_events[13], done);
	}
	tb_printf("result: %s\n", ok ? "ok" : "FAIL");
	tb_exit(ok ? EXIT_OK : EXIT_FAIL);
}

/* Every testbed vector: the exit gate from user mode, or something that should not happen. */
__attribute__((noreturn)) void tb_vector(struct vframe *f, u64 cr3);
__attribute__((noreturn)) void tb_vector(struct vframe *f, u64 cr3)
{
	if (f->vector == VEC_EXIT && (f->cs & 3)) {
		/* With PTI, user mode must have run on the user set, else PTI was not tested. */
		if (tb_has(F_PTI_BIT) != (int)((cr3 >> PTI_USER_BIT) & 1)) {
			tb_printf("FAIL pti=%u but user mode ran with CR3 %lx\n", tb_has(F_PTI_BIT), cr3);
			finish(0);
		}
		u64 ev = report()[REP_EVENT / 8], reg = report()[REP_REG / 8];

		if (!ev)
			finish(1);
		tb_printf("FAIL iter=%lu event=%s reg=%s got=%lx want=%lx\n", report()[REP_ITER / 8],
			  ev < 5 ? event_names[ev] : "?", reg < NR_REGS ? reg_names[reg] : "?",
			  report()[REP_GOT / 8], report()[REP_WANT / 8]);
		finish(0);
	}
	tb_printf("FATAL vector=%lu%s error=%lx rip=%lx cs=%lx rflags=%lx rsp=%lx\n", f->vector,
		  f->vector == 8 ? " (#DF)" : "", f->error, f->ip, f->cs, f->flags, f->sp);
	finish(0);
}

__attribute__((noreturn)) void tb_main(u32 start_info);
__attribute__((noreturn)) void tb_main(u32 start_info)
{
	struct tss *tss = (struct tss *)(__per_cpu_load + (u64)ref_cpu_tss_rw);
	u64 *top_of_stack = (u64 *)(__per_cpu_load + (u64)ref_pcpu_top_of_stack);
	struct pt_regs *regs = (struct pt_regs *)(task_stack + sizeof(task_stack)) - 1;
	u64 cr3;

	outb(COM1 + 1, 0);		/* no UART interrupts */
	parse_cmdline(start_info);
	tb_printf("testbed: features=");
	for (unsigned int i = 0, n = 0; i < NR_FEATURE_NAMES; i++)
		if (tb_has(feature_names[i].bit))
			tb_printf("%s%s", n++ ? "," : "", feature_names[i].name);
	tb_printf(" pti=%u atomic_ist=%u iters=%lu\n", tb_has(F_PTI_BIT), tb_has(F_ATOMIC_IST), iters);
	tb_apply_alternatives();
	cr3 = setup_page_tables();
	setup_descriptors(tss);
	setup_cpu();
	*top_of_stack = (u64)(task_stack + sizeof(task_stack));
	ref_user_gp_fixup = (u64)user_gp_resume;
	__asm__ volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
	/* Only these page tables map the user program where it was linked. */
	report()[REP_ITERS / 8] = iters;

	*regs = (struct pt_regs){
		.ip = (u64)user_start, .cs = USER_CS, .flags = 0x2, .sp = (u64)user_stack_top,
		.ss = USER_DS, .orig_ax = -1ul,
	};
	tb_enter_user(regs);
}
