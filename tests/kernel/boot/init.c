// SPDX-License-Identifier: GPL-2.0
/*
 * The whole user space of the entry-boot kernel (issue 17): a static, -nostdlib init that runs the
 * testbed's register-checking workload against the real 6.12 entry code, then powers off.
 *
 * Each iteration (workload.S) sets, before each event, every GPR but RSP, RFLAGS, the FS base and
 * the GS base to patterns new to that iteration and event (arm()), and checks all 16 GPRs, RFLAGS
 * and both bases after it (check()): a SYSCALL (getppid: RAX 0, RCX and R11 as SYSCALL/SYSRET
 * define them), an int3 from user mode (SIGTRAP, handler returns through rt_sigreturn), a user
 * single-step #DB (TF over three NOPs: three SIGTRAPs, the last handler clears TF), a #GP (hlt at
 * CPL 3: SIGSEGV, the handler resumes after it), and two spots of NOPs where the injector lands
 * an NMI and a #MC in user mode.  The bases are written and read with WRFSBASE/RDGSBASE and the
 * like where the kernel allows them (AT_HWCAP2's FSGSBASE), else with arch_prctl.  RSP moves with
 * the iteration.  After each iteration it reads the kernel's own NMI and MCE counts from
 * /proc/interrupts.  Everything the injector needs is in `init_state` (read through the gdbstub
 * at user_iter_start); FAIL lines go to the console, one per register (GPR, rflags, fsbase,
 * gsbase) that came back wrong: "FAIL iter=N event=E reg=R got=V want=W".
 *
 * Environment (unknown kernel command-line parameters): iters=N (default 3).
 * Last line on the console: "init: result ok" or "init: result FAIL", then power off.
 */
#define SYS_read 0
#define SYS_write 1
#define SYS_open 2
#define SYS_close 3
#define SYS_rt_sigaction 13
#define SYS_rt_sigreturn 15
#define SYS_getppid 110
#define SYS_arch_prctl 158
#define SYS_mount 165
#define SYS_reboot 169
#define SYS_exit 60

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define AT_HWCAP2 26
#define HWCAP2_FSGSBASE 2

typedef unsigned long u64;

static long sys3(long n, long a, long b, long c)
{
	long r;
	asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return r;
}

static long sys5(long n, long a, long b, long c, long d, long e)
{
	long r;
	register long r10 asm("r10") = d;
	register long r8 asm("r8") = e;
	asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
		     : "rcx", "r11", "memory");
	return r;
}

/* Read by the injector (tests/kernel/inject-mainline.py) at each user_iter_start. */
struct init_state {
	u64 iter;		/* iterations completed */
	u64 nmi, mce;		/* /proc/interrupts NMI and MCE counts after the last iteration */
	u64 syscalls, int3s, dbs, gps;	/* events this init saw complete (cumulative) */
	u64 fails;		/* register or count check failures (cumulative) */
	u64 proc_ok;		/* 1 when /proc/interrupts had both lines */
	u64 fsgsbase;		/* 1 when the bases go through WRFSBASE etc., 0: arch_prctl */
} init_state;

/* workload.S */
extern void run_iteration(u64 pad);
extern char user_int3_ret[], user_tf_end[], user_gp_insn[], user_gp_resume[], user_syscall_ret[];
extern void restorer(void);
u64 got[16], want[16], got_flags, want_flags, frame_pad;
static u64 want_fs, want_gs;
u64 int3_hits, db_hits, gp_hits;

static const char *const regname[16] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"
};

static unsigned long slen(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
static void puts_(const char *s) { sys3(SYS_write, 1, (long)s, slen(s)); }

static char *fmt_hex(char *p, u64 v)
{
	int i, started = 0;
	*p++ = '0'; *p++ = 'x';
	for (i = 60; i >= 0; i -= 4) {
		int d = (v >> i) & 15;
		if (d || started || i == 0) { *p++ = "0123456789abcdef"[d]; started = 1; }
	}
	return p;
}

static char *fmt_dec(char *p, u64 v)
{
	char t[24]; int n = 0;
	do { t[n++] = '0' + v % 10; v /= 10; } while (v);
	while (n) *p++ = t[--n];
	return p;
}

static char *cat(char *p, const char *s) { while (*s) *p++ = *s++; return p; }

static void fail_line(const char *event, const char *what, u64 g, u64 w)
{
	char buf[160], *p = buf;
	p = cat(p, "FAIL iter="); p = fmt_dec(p, init_state.iter);
	p = cat(p, " event="); p = cat(p, event);
	p = cat(p, " "); p = cat(p, what);
	p = cat(p, " got="); p = fmt_hex(p, g);
	p = cat(p, " want="); p = fmt_hex(p, w);
	*p++ = '\n';
	sys3(SYS_write, 1, (long)buf, p - buf);
	init_state.fails++;
}

#define X86_CF 0x0001
#define X86_PF 0x0004
#define X86_AF 0x0010
#define X86_ZF 0x0040
#define X86_SF 0x0080
#define X86_IF 0x0200
#define X86_DF 0x0400
#define X86_OF 0x0800
#define X86_AC 0x40000
#define X86_ID 0x200000
/*
 * RFLAGS at each event.  IF and bit 1 are always set at CPL 3.  DF and AC are set every time:
 * the entry code must clear both before it runs C, and at every point the injector tries they are
 * the user's.  The other flags user space can write come in two complementary halves that take
 * turns from one event and iteration to the next, so that each is seen both set and clear.
 * AC is safe here: between its POPF and the PUSHF after the event the workload makes only aligned
 * accesses, and so do the signal handlers, which run with it (the kernel clears DF, RF and TF
 * for them, not AC).
 */
#define FLAGS_ALWAYS (0x2 | X86_IF | X86_DF | X86_AC)
#define FLAGS_ODD (X86_CF | X86_AF | X86_SF | X86_ID)
#define FLAGS_EVEN (X86_PF | X86_ZF | X86_OF)

static void set_base(int arch_set, u64 v)
{
	if (!init_state.fsgsbase)
		sys3(SYS_arch_prctl, arch_set, v, 0);
	else if (arch_set == ARCH_SET_FS)
		asm volatile("wrfsbase %0" : : "r"(v));
	else
		asm volatile("wrgsbase %0" : : "r"(v));
}

static u64 get_base(int arch_get)
{
	u64 v = 0;
	if (!init_state.fsgsbase)
		sys3(SYS_arch_prctl, arch_get, (long)&v, 0);
	else if (arch_get == ARCH_GET_FS)
		asm volatile("rdfsbase %0" : "=r"(v));
	else
		asm volatile("rdgsbase %0" : "=r"(v));
	return v;
}

/*
 * Called from workload.S before each event: patterns distinct per register, iteration and event,
 * so that a value left over from an earlier event or iteration shows.  The bases are canonical
 * user addresses (arch_prctl takes no other), and nothing here uses FS or GS.
 */
void arm(long event)
{
	u64 it = init_state.iter & 0xffffff, e = event, i;
	for (i = 0; i < 16; i++)
		if (i != 7)	/* RSP: the workload's own, set in run_iteration */
			want[i] = 0x5a00000000000000ul | i << 48 | it << 24 | e << 16 | 0x1111 * i;
	want_flags = FLAGS_ALWAYS | ((it + e) & 1 ? FLAGS_ODD : FLAGS_EVEN);
	want_fs = 0x00005af500000000ul | it << 8 | e;
	want_gs = 0x00005a6500000000ul | it << 8 | e;
	set_base(ARCH_SET_FS, want_fs);
	set_base(ARCH_SET_GS, want_gs);
}

static void check_reg(const char *event, const char *reg, u64 g, u64 w)
{
	char what[16], *p;
	if (g == w)
		return;
	p = cat(what, "reg=");
	p = cat(p, reg); *p = 0;
	fail_line(event, what, g, w);
}

/*
 * Called from workload.S after each event with got[] holding all 16 GPRs and got_flags RFLAGS as
 * they came back; the bases are as they came back too, as nothing since touched them.
 *
 * RFLAGS is compared whole: no event may change a flag the workload can see.  SYSRET reloads
 * RFLAGS from R11, which SYSCALL set to RFLAGS (the kernel's IRET path returns pt_regs->flags,
 * the same R11).  The int3, #DB and #GP handlers return through rt_sigreturn, which restores the
 * arithmetic flags, DF, AC and TF from the frame the trap saved and takes the rest (IF, ID) from
 * the restorer's SYSCALL, which has them as the trap left them; for the #DB the workload set TF
 * on top of the pattern and on_trap cleared it in the last frame, so it is clear again.  The NMI
 * and the #MC return with IRET to the interrupted NOP.  RF (set in the #GP's fault frame and
 * returned by rt_sigreturn) and VM read as 0 through PUSHF; POPF at CPL 3 clears VIF and VIP.
 */
void check(long event)
{
	static const char *const names[] = { "syscall", "int3", "db", "gp", "nmi", "mc" };
	const char *ev = names[event];
	int i;
	for (i = 0; i < 16; i++) {
		u64 w = want[i];
		if (event == 0) {	/* SYSCALL: the ABI's three */
			if (i == 0) w = 0;			/* getppid() of init */
			if (i == 2) w = (u64)user_syscall_ret;	/* RCX = return RIP */
			if (i == 11) w = want_flags;		/* R11 = RFLAGS */
		}
		check_reg(ev, regname[i], got[i], w);
	}
	check_reg(ev, "rflags", got_flags, want_flags);
	check_reg(ev, "fsbase", get_base(ARCH_GET_FS), want_fs);
	check_reg(ev, "gsbase", get_base(ARCH_GET_GS), want_gs);
	if (event == 0)
		init_state.syscalls++;
}

struct ksigaction { void *handler; unsigned long flags; void *restorer; unsigned long mask; };
#define SA_SIGINFO 4
#define SA_RESTORER 0x04000000
#define UC_RIP(uc) (*(u64 *)((char *)(uc) + 40 + 16 * 8))
#define UC_EFLAGS(uc) (*(u64 *)((char *)(uc) + 40 + 17 * 8))

static void on_trap(int sig, void *info, void *uc)
{
	(void)sig; (void)info;
	if (UC_RIP(uc) == (u64)user_int3_ret) {
		int3_hits++;
		return;
	}
	db_hits++;
	if (UC_RIP(uc) == (u64)user_tf_end)
		UC_EFLAGS(uc) &= ~0x100ul;
}

static void on_segv(int sig, void *info, void *uc)
{
	(void)sig; (void)info;
	if (UC_RIP(uc) != (u64)user_gp_insn) {
		fail_line("gp", "unexpected SIGSEGV at", UC_RIP(uc), (u64)user_gp_insn);
		puts_("init: result FAIL\n");
		sys3(SYS_exit, 1, 0, 0);
	}
	gp_hits++;
	UC_RIP(uc) = (u64)user_gp_resume;
}

static u64 parse_count(const char *buf, long n, const char *tag, int *found)
{
	long i, k, tl = slen(tag);
	for (i = 0; i + tl < n; i++) {
		if ((i == 0 || buf[i - 1] == '\n' || buf[i - 1] == ' ') && buf[i] == tag[0]) {
			for (k = 0; k < tl && buf[i + k] == tag[k]; k++)
				;
			if (k == tl) {
				u64 v = 0;
				i += tl;
				while (i < n && buf[i] == ' ') i++;
				while (i < n && buf[i] >= '0' && buf[i] <= '9') v = v * 10 + buf[i++] - '0';
				*found += 1;
				return v;
			}
		}
	}
	return 0;
}

static char pbuf[8192];

static void read_counts(void)
{
	long fd = sys3(SYS_open, (long)"/proc/interrupts", 0, 0), n = 0, r;
	int found = 0;
	if (fd < 0) { init_state.proc_ok = 0; return; }
	while (n < (long)sizeof(pbuf) - 1 && (r = sys3(SYS_read, fd, (long)pbuf + n, sizeof(pbuf) - 1 - n)) > 0)
		n += r;
	sys3(SYS_close, fd, 0, 0);
	init_state.nmi = parse_count(pbuf, n, "NMI:", &found);
	init_state.mce = parse_count(pbuf, n, "MCE:", &found);
	init_state.proc_ok = found == 2;
}

static void report(const char *what)
{
	char buf[200], *p = buf;
	p = cat(p, what);
	p = cat(p, " iters="); p = fmt_dec(p, init_state.iter);
	p = cat(p, " syscall="); p = fmt_dec(p, init_state.syscalls);
	p = cat(p, " int3="); p = fmt_dec(p, init_state.int3s);
	p = cat(p, " db="); p = fmt_dec(p, init_state.dbs);
	p = cat(p, " gp="); p = fmt_dec(p, init_state.gps);
	p = cat(p, " nmi="); p = fmt_dec(p, init_state.nmi);
	p = cat(p, " mce="); p = fmt_dec(p, init_state.mce);
	*p++ = '\n';
	sys3(SYS_write, 1, (long)buf, p - buf);
}

static void power_off(void)
{
	sys5(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0, 0);	/* LINUX_REBOOT_CMD_POWER_OFF */
	sys3(SYS_exit, 0, 0, 0);
}

#define DB_PER_ITER 3	/* TF over popfq's next three instructions (workload.S) */

void start_c(long *sp)
{
	long argc = sp[0], i;
	char **envp = (char **)(sp + argc + 2);
	u64 iters = 3, *auxv;
	struct ksigaction sa = { 0 };

	for (i = 0; envp[i]; i++) {
		const char *e = envp[i];
		if (e[0] == 'i' && e[1] == 't' && e[2] == 'e' && e[3] == 'r' && e[4] == 's' && e[5] == '=') {
			iters = 0;
			for (e += 6; *e >= '0' && *e <= '9'; e++) iters = iters * 10 + *e - '0';
		}
	}
	for (auxv = (u64 *)(envp + i + 1); auxv[0]; auxv += 2)
		if (auxv[0] == AT_HWCAP2)
			init_state.fsgsbase = !!(auxv[1] & HWCAP2_FSGSBASE);
	sys5(SYS_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	/* No "traps: init[1] trap int3 ..." line per handled signal (init counts as unhandled). */
	i = sys3(SYS_open, (long)"/proc/sys/debug/exception-trace", 1, 0);
	if (i >= 0) {
		sys3(SYS_write, i, (long)"0\n", 2);
		sys3(SYS_close, i, 0, 0);
	}
	sa.flags = SA_SIGINFO | SA_RESTORER;
	sa.restorer = (void *)restorer;
	sa.handler = (void *)on_trap;
	sys5(SYS_rt_sigaction, 5, (long)&sa, 0, 8, 0);
	sa.handler = (void *)on_segv;
	sys5(SYS_rt_sigaction, 11, (long)&sa, 0, 8, 0);
	read_counts();
	if (!init_state.proc_ok)
		fail_line("setup", "no NMI/MCE line in /proc/interrupts", 0, 0);
	report("init: start");
	puts_(init_state.fsgsbase ? "init: FS/GS bases through WRFSBASE and the like\n"
				  : "init: FS/GS bases through arch_prctl\n");
	while (init_state.iter < iters) {
		u64 i3 = int3_hits, db = db_hits, gp = gp_hits;
		run_iteration((init_state.iter & 7) * 16);
		if (int3_hits - i3 != 1) fail_line("int3", "count", int3_hits - i3, 1);
		if (db_hits - db != DB_PER_ITER) fail_line("db", "count", db_hits - db, DB_PER_ITER);
		if (gp_hits - gp != 1) fail_line("gp", "count", gp_hits - gp, 1);
		init_state.int3s = int3_hits;
		init_state.dbs = db_hits;
		init_state.gps = gp_hits;
		init_state.iter++;
		read_counts();
	}
	report("init: counts");
	puts_(init_state.fails ? "init: result FAIL\n" : "init: result ok\n");
	power_off();
}
