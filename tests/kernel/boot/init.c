// SPDX-License-Identifier: GPL-2.0
/*
 * The whole user space of the entry-boot kernel (issue 17): a static, -nostdlib init that runs the
 * testbed's register-checking workload against the real 6.12 entry code, then powers off.
 *
 * Each iteration (workload.S) fills every GPR but RSP with a distinct pattern and checks all 16
 * after each event: a SYSCALL (getppid: RAX 0, RCX and R11 as SYSCALL/SYSRET define them), an
 * int3 from user mode (SIGTRAP, handler returns through rt_sigreturn), a user single-step #DB
 * (TF over three NOPs: three SIGTRAPs, the last handler clears TF), a #GP (hlt at CPL 3: SIGSEGV,
 * the handler resumes after it), and two spots of NOPs where the injector lands an NMI and a #MC
 * in user mode.  After each iteration it reads the kernel's own NMI and MCE counts from
 * /proc/interrupts.  Everything the injector needs is in `init_state` (read through the gdbstub
 * at user_iter_start); FAIL lines go to the console.
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
#define SYS_mount 165
#define SYS_reboot 169
#define SYS_exit 60

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
} init_state;

/* workload.S */
extern void run_iteration(void);
extern char user_int3_ret[], user_tf_end[], user_gp_insn[], user_gp_resume[], user_syscall_ret[];
extern void restorer(void);
u64 got[16], want[16], saved_flags;
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

/* Called from workload.S after each event with got[] holding all 16 GPRs as they came back. */
void check(long event)
{
	static const char *const names[] = { "syscall", "int3", "db", "gp", "nmi", "mc" };
	int i;
	for (i = 0; i < 16; i++) {
		u64 w = want[i];
		if (event == 0) {	/* SYSCALL: the ABI's three */
			if (i == 0) w = 0;			/* getppid() of init */
			if (i == 2) w = (u64)user_syscall_ret;	/* RCX = return RIP */
			if (i == 11) w = saved_flags;		/* R11 = RFLAGS */
		}
		if (got[i] != w) {
			char what[16], *p = cat(what, "reg=");
			p = cat(p, regname[i]); *p = 0;
			fail_line(names[event], what, got[i], w);
		}
	}
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
	u64 iters = 3;
	struct ksigaction sa = { 0 };

	for (i = 0; envp[i]; i++) {
		const char *e = envp[i];
		if (e[0] == 'i' && e[1] == 't' && e[2] == 'e' && e[3] == 'r' && e[4] == 's' && e[5] == '=') {
			iters = 0;
			for (e += 6; *e >= '0' && *e <= '9'; e++) iters = iters * 10 + *e - '0';
		}
	}
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
	while (init_state.iter < iters) {
		u64 i3 = int3_hits, db = db_hits, gp = gp_hits;
		run_iteration();
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
