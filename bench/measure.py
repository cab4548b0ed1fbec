#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""istcheck side by side with objtool on the same inputs (bench/bench.sh runs this).

  bench/measure.py [--runs N] [--rows REGEX] [--list] [--builds N] [--markdown[=FILE]] [ISTCHECK]

For each row, istcheck (A) and objtool (B) run alternately, A B A B ..., RUNS pairs (default 21,
env RUNS or --runs) after one warm-up run of each.  The time ratio is the median of the per-pair
ratios A/B, printed with its min and max and its p25-p75 spread, so a comparison holds when the
machine's speed drifts during the row.  Wall time is taken around posix_spawn() and wait4() only
(no shell, no /usr/bin/time between: a fork and exec cost milliseconds, a sixth of a small run);
user+sys time comes from the same wait4().  Peak RSS comes from three more runs of each, alternated,
under GNU time (%M, median): a direct child of this process would report Python's own RSS, which
Linux carries over exec into ru_maxrss.  A row without objtool (a final vmlinux, a floor) times
istcheck alone.  Output of the commands is thrown away; their exit status is printed.

Every row prints the exact command lines and where objtool came from (the file, and the kernel tree
and .config it was built from).  --list prints the rows and commands without running anything.
--markdown=FILE replaces the block between <!-- bench --> and <!-- /bench --> in FILE (--markdown
alone: the README.md next to bench/; --markdown=- prints the block only) with the date, the machine
line and the table.
Inputs come from the kernel corpus ($ISTCHECK_CACHE, default /var/cache/istcheck; see
tests/kernel/build-corpus.sh).  Standard library only."""
import argparse
import datetime
import filecmp
import hashlib
import os
import re
import shlex
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CACHE = os.environ.get("ISTCHECK_CACHE", "/var/cache/istcheck")
GNU_TIME = "/usr/bin/time"
RSS_RUNS = 3
BEGIN, END = "<!-- bench -->", "<!-- /bench -->"
BUILD_TREE = None                             # the copy the build rows build in, while they run


class Row:
    def __init__(self, name, ist, obj=None, objtool_from=None, note=None, prepare=None, runs=None):
        self.name, self.ist, self.obj = name, ist, obj
        self.objtool_from, self.note = objtool_from, note
        # prepare: a command run before every timed run, untimed (make clean, touch); runs: the
        # pairs of this row when not RUNS (a kernel build takes minutes), without the warm-up.
        self.prepare, self.runs = prepare, runs


# --- where objtool and its arguments come from -------------------------------------------------

def kernel_release(tree):
    try:
        with open(os.path.join(tree, "include/config/kernel.release")) as f:
            return f.read().strip()
    except OSError:
        return "unknown release"


def objtool_provenance(objtool, tree, label):
    """One line: the objtool file, whether it is the tree's own build, and the tree and config."""
    parts = [objtool]
    try:
        with open(objtool, "rb") as f:
            parts.append("sha256 " + hashlib.sha256(f.read()).hexdigest()[:12])
    except OSError:
        pass
    own = os.path.join(tree, "tools/objtool/objtool")
    if os.path.exists(own):
        same = filecmp.cmp(objtool, own, shallow=False)
        parts.append(("identical to " if same else "DIFFERS from ") + own)
    parts.append(f"built from the {label} tree {tree} (Linux {kernel_release(tree)}, "
                 f"config {os.path.join(tree, '.config')})")
    return ", ".join(parts)


def recorded_objtool_args(cmd_file, target):
    """The objtool arguments Kbuild recorded in a .cmd file for TARGET, or None."""
    try:
        with open(cmd_file) as f:
            for line in f:
                if line.startswith("savedcmd_"):
                    m = re.search(r"tools/objtool/objtool\s+(.*?)\s+" + re.escape(target) + r"\s*$",
                                  line)
                    return shlex.split(m.group(1)) if m else None
    except OSError:
        pass
    return None


def tree_rows(ist, tree_dir, label, objects):
    """Rows for one kernel tree's vmlinux.o (and single objects), with its own objtool."""
    vmo, objtool, tree = (os.path.join(tree_dir, "vmlinux.o"), os.path.join(tree_dir, "objtool"),
                          os.path.join(tree_dir, "linux"))
    rows = []
    if not (os.path.isfile(vmo) and os.access(objtool, os.X_OK)):
        return rows
    src = objtool_provenance(objtool, tree, label)
    kbuild = recorded_objtool_args(os.path.join(tree, ".vmlinux.o.cmd"), "vmlinux.o")
    noinstr = ["--noinstr", "--link", "--dry-run"]
    rows.append(Row(f"{label} vmlinux.o, all linux rules (objtool --noinstr --link)",
                    [ist, vmo], [objtool] + noinstr + [vmo], src))
    if kbuild:
        rows.append(Row(f"{label} vmlinux.o, all linux rules (objtool, Kbuild arguments)",
                        [ist, vmo], [objtool] + kbuild + ["--dry-run", vmo], src))
    for rel in objects:
        path = os.path.join(tree, rel)
        if not os.path.isfile(path):
            continue
        base = os.path.basename(rel)
        rows.append(Row(f"{label} {base}, all linux rules (objtool --noinstr --link)",
                        [ist, path], [objtool] + noinstr + [path], src))
        if base == "entry_64.o":
            rows.append(Row(f"{label} {base}, --contract=noinstr (objtool --noinstr --link)",
                            [ist, "--contract=noinstr", path], [objtool] + noinstr + [path], src))
        cmd_file = os.path.join(os.path.dirname(path), "." + base + ".cmd")
        own = recorded_objtool_args(cmd_file, rel)
        if own:
            rows.append(Row(f"{label} {base}, all linux rules (objtool, Kbuild arguments)",
                            [ist, path], [objtool] + own + ["--dry-run", path], src,
                            f"objtool arguments recorded in {cmd_file}"))
        elif kbuild:
            # CONFIG_X86_KERNEL_IBT (or Clang LTO) sets delay-objtool in scripts/Makefile.lib:
            # Kbuild then runs objtool on vmlinux.o only, and a built-in object's .cmd records
            # none.  Its closest Kbuild command is vmlinux.o's (--noinstr needs --link).
            rows.append(Row(f"{label} {base}, all linux rules (objtool, vmlinux.o's Kbuild arguments)",
                            [ist, path], [objtool] + kbuild + ["--dry-run", path], src,
                            f"{cmd_file} records no objtool command (objtool is delayed to "
                            "vmlinux.o in this tree): vmlinux.o's recorded arguments"))
    return rows


def build_rows(ist, tree, runs):
    """What the build hook costs a kernel build: the entry-tiny tree (a copy: the tests use the
    corpus's own) from clean and rebuilt after touching entry_64.S, with the hook (A) and without
    (B), as the README writes the hook: make objtool=scripts/istcheck-objtool, ISTCHECK set."""
    hook = os.path.join(REPO, "scripts", "istcheck-objtool")
    make = ["/usr/bin/make", "-C", tree, "-s", f"-j{os.cpu_count()}"]
    with_hook = make + ["objtool=" + hook, "vmlinux"]
    plain = make + ["vmlinux"]
    entry = os.path.join(tree, "arch/x86/entry/entry_64.S")
    note = (f"the corpus's entry-tiny tree copied to {tree}; ISTCHECK={ist} for the hook; "
            "each run after the untimed preparation")
    return [Row("build hook: entry-tiny vmlinux from clean (with the hook vs without)",
                with_hook, plain, "the kernel's own, through Kbuild (both sides)",
                note + " `make clean`", make + ["clean"], runs),
            Row("build hook: entry-tiny rebuild after touching entry_64.S (with the hook vs without)",
                with_hook, plain, "the kernel's own, through Kbuild (both sides)",
                note + " `touch entry_64.S`", ["/usr/bin/touch", entry], runs)]


def all_rows(ist):
    tiny = os.path.join(CACHE, "entry-tiny")
    singles = ["arch/x86/entry/entry_64.o", "arch/x86/entry/entry_64_compat.o",
               "arch/x86/kernel/traps.o"]
    rows = tree_rows(ist, tiny, "entry-tiny", singles)
    entry64 = os.path.join(tiny, "linux", singles[0])
    if os.path.isfile(entry64):
        rows.append(Row("floor: istcheck --version", [ist, "--version"]))
        rows.append(Row("floor: entry_64.o read + index only (--dump=sections)",
                        [ist, "--dump=sections", entry64]))
    if os.path.isfile(os.path.join(tiny, "vmlinux.o")):
        rows.append(Row("floor: entry-tiny vmlinux.o read + index only (--dump=sections)",
                        [ist, "--dump=sections", os.path.join(tiny, "vmlinux.o")]))
    rows += tree_rows(ist, os.path.join(CACHE, "defconfig"), "defconfig", [])
    for ver, size in (("6.12", "355 MB"), ("6.1", "633 MB")):
        vml = os.path.join(CACHE, "debian", "vmlinux-" + ver)
        if os.path.isfile(vml):
            rows.append(Row(f"Debian {ver} vmlinux ({size}), all linux rules, istcheck only",
                            [ist, vml]))
    return rows


# --- measuring ---------------------------------------------------------------------------------

class Runner:
    def __init__(self):
        self.null = os.open(os.devnull, os.O_RDWR)
        self.quiet = [(os.POSIX_SPAWN_DUP2, self.null, 0), (os.POSIX_SPAWN_DUP2, self.null, 1),
                      (os.POSIX_SPAWN_DUP2, self.null, 2)]

    def run(self, cmd):
        """(wall seconds, user+sys seconds, exit status) of one run of CMD."""
        start = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=self.quiet)
        _, status, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        return wall, ru.ru_utime + ru.ru_stime, os.waitstatus_to_exitcode(status)

    def peak_kb(self, cmd):
        """Peak RSS in KiB of one run of CMD under GNU time."""
        with tempfile.NamedTemporaryFile("r") as out:
            pid = os.posix_spawn(GNU_TIME, [GNU_TIME, "-q", "-f", "%M", "-o", out.name] + cmd,
                                 os.environ, file_actions=self.quiet)
            os.waitpid(pid, 0)
            out.seek(0)
            return int(out.read().split()[-1])


def spread(xs):
    """(median, min, max, p25, p75) of XS."""
    q = statistics.quantiles(xs, n=4, method="inclusive") if len(xs) > 1 else [xs[0]] * 3
    return statistics.median(xs), min(xs), max(xs), q[0], q[2]


def measure(runner, row, runs):
    res = {"exit": {}}
    cmds = {"A": row.ist} if row.obj is None else {"A": row.ist, "B": row.obj}
    if row.runs:
        runs = row.runs
    else:
        for k, cmd in cmds.items():           # one warm-up of each
            res["exit"][k] = runner.run(cmd)[2]
    wall = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    for _ in range(runs):                     # A B A B ...
        for k, cmd in cmds.items():
            if row.prepare:
                runner.run(row.prepare)
            w, c, status = runner.run(cmd)
            res["exit"].setdefault(k, status)
            wall[k].append(w)
            cpu[k].append(c)
    res["wall"] = {k: spread(v) for k, v in wall.items()}
    res["cpu"] = {k: spread(v) for k, v in cpu.items()}
    if "B" in cmds:
        res["ratio"] = spread([a / b for a, b in zip(wall["A"], wall["B"])])
        res["cpu_ratio"] = spread([a / b if b > 0 else float("nan")
                                   for a, b in zip(cpu["A"], cpu["B"])])
    if os.access(GNU_TIME, os.X_OK) and not row.prepare:
        peaks = {k: [] for k in cmds}
        for _ in range(RSS_RUNS):
            for k, cmd in cmds.items():
                peaks[k].append(runner.peak_kb(cmd))
        res["rss"] = {k: statistics.median_low(v) for k, v in peaks.items()}
    return res


# --- reporting ---------------------------------------------------------------------------------

def secs(x):
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def machine_line():
    mem, model = "?", "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            mem = f"{kb / 1048576:.0f} GiB"
        with open("/proc/cpuinfo") as f:
            model = re.search(r"model name\s*:\s*(.*)", f.read()).group(1).strip()
    except (OSError, AttributeError):
        pass
    u = os.uname()
    return f"{os.cpu_count()} CPUs, {mem} RAM, {model}, Linux {u.release} {u.machine}"


def print_row(row, res, runs):
    print(f"== {row.name}")
    print(f"   A istcheck: {shlex.join(row.ist)}    (exit {res['exit']['A']})")
    if row.obj:
        print(f"   B objtool:  {shlex.join(row.obj)}    (exit {res['exit']['B']})")
        print(f"   objtool from: {row.objtool_from}")
    if row.note:
        print(f"   note: {row.note}")
    for k, who in (("A", "istcheck"), ("B", "objtool")):
        if k in res["wall"]:
            m, lo, hi, p25, p75 = res["wall"][k]
            c = res["cpu"][k]
            print(f"   {who:9s} wall median {secs(m)} [{secs(lo)}-{secs(hi)}], p25-p75 "
                  f"{secs(p25)}-{secs(p75)}; user+sys median {secs(c[0])}")
    if "ratio" in res:
        m, lo, hi, p25, p75 = res["ratio"]
        runs = row.runs or runs
        print(f"   time ratio A/B, median of {runs} pairs: {m:.3f} [{lo:.3f}-{hi:.3f}], "
              f"p25-p75 {p25:.3f}-{p75:.3f}; user+sys ratio median {res['cpu_ratio'][0]:.3f}")
    if "rss" in res:
        r = res["rss"]
        line = f"   peak RSS (GNU time, median of {RSS_RUNS}): istcheck {r['A'] / 1024:.1f} MB"
        if "B" in r:
            line += f", objtool {r['B'] / 1024:.1f} MB, ratio {r['A'] / r['B']:.3f}"
        print(line)
    sys.stdout.flush()


def markdown(results, runs, ist, started, load0, load1):
    out = [BEGIN,
           f"Measured {started} by `bench/bench.sh` with RUNS={runs}: istcheck and objtool "
           "alternately, A B A B, after one warm-up each; the ratio is the median of the per-pair "
           "ratios [min-max].",
           f"Machine: {machine_line()}; load average {load0} at the start, {load1} at the end.",
           "",
           "| input | istcheck | objtool | time ratio, median [min-max] | p25-p75 "
           "| peak RSS istcheck / objtool | RSS ratio |",
           "|---|---|---|---|---|---|---|"]
    notes, sources = [], []

    def show(cmd):
        text = shlex.join(cmd).replace(ist, "istcheck").replace(CACHE, "$C")
        if BUILD_TREE:
            text = text.replace(BUILD_TREE, "$T")
        return "`" + text.replace(REPO + "/", "") + "`"

    for i, (row, res) in enumerate(results, 1):
        a = res["wall"]["A"][0]
        rss = res.get("rss", {})
        if row.obj:
            m, lo, hi, p25, p75 = res["ratio"]
            rss_cell = (f"{rss['A'] / 1024:.0f} / {rss['B'] / 1024:.0f} MB" if rss else "-")
            rr = f"{rss['A'] / rss['B']:.3f}" if rss else "-"
            out.append(f"| {i}. {row.name} | {secs(a)} | {secs(res['wall']['B'][0])} "
                       f"| {m:.3f} [{lo:.3f}-{hi:.3f}] | {p25:.3f}-{p75:.3f} | {rss_cell} | {rr} |")
            if row.objtool_from not in sources:
                sources.append(row.objtool_from)
            notes.append(f"{i}. {show(row.ist)} vs {show(row.obj)}")
        else:
            lo, hi = res["wall"]["A"][1:3]
            rss_cell = f"{rss['A'] / 1024:.0f} MB" if rss else "-"
            out.append(f"| {i}. {row.name} | {secs(a)} [{secs(lo)}-{secs(hi)}] | - | - | - "
                       f"| {rss_cell} | - |")
            notes.append(f"{i}. {show(row.ist)}")
        if row.note:
            note = row.note.replace(CACHE, "$C").replace(ist, "istcheck")
            notes[-1] += " (" + (note.replace(BUILD_TREE, "$T") if BUILD_TREE else note) + ")"
            if row.runs:
                notes[-1] += f", {row.runs} pairs, no warm-up"
    # The build measured, as the checkout names it: never a path outside the repository.
    rel = os.path.relpath(ist, REPO)
    where = f"`{rel}` of this checkout" if not rel.startswith("..") else "an istcheck outside this checkout"
    out += ["", f"Commands, with C={CACHE} (the kernel corpus)"
            + (", T a copy of $C/entry-tiny/linux" if BUILD_TREE else "")
            + f" and istcheck the build measured ({where}):", ""]
    out += notes
    if sources:
        out += ["", "objtool: " + "; ".join(s.replace(CACHE, "$C") for s in sources) + "."]
    out.append(END)
    return "\n".join(out) + "\n"


def write_block(path, block):
    with open(path) as f:
        text = f.read()
    b, e = text.find(BEGIN), text.find(END)
    if b < 0 or e < b:
        sys.exit(f"bench: {path} has no {BEGIN} ... {END} block")
    text = text[:b] + block.rstrip("\n") + text[e + len(END):]
    # The README is a user's file: a temporary beside it, renamed over it once complete.
    tmp = "%s.bench.%d" % (path, os.getpid())
    try:
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        sys.exit(f"bench: cannot write {path}: {err.strerror}")


def main():
    ap = argparse.ArgumentParser(description="istcheck side by side with objtool (A B A B).",
                                 allow_abbrev=False)
    ap.add_argument("istcheck", nargs="?", default=os.path.join(REPO, "build", "istcheck"))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "21")),
                    help="pairs per row (default 21, env RUNS)")
    ap.add_argument("--rows", default="", help="only the rows whose name matches this regex")
    ap.add_argument("--list", action="store_true", help="print the rows and commands, run nothing")
    ap.add_argument("--builds", type=int, default=0, metavar="N",
                    help="add the build-hook rows (whole kernel builds), N pairs each")
    ap.add_argument("--markdown", metavar="FILE",
                    help="rewrite the <!-- bench --> block of FILE (--markdown alone: README.md; "
                    "--markdown=- prints it)")
    # FILE only as --markdown=FILE: "--markdown build/istcheck" is README.md and that istcheck
    # (an optional argument would take the build for the file, and write the table into it).
    readme = os.path.join(REPO, "README.md")
    args = ap.parse_args(["--markdown=" + readme if a == "--markdown" else a for a in sys.argv[1:]])
    # Read the Markdown file before measuring: a wrong FILE is said in a second, not after all rows.
    if args.markdown and args.markdown != "-":
        try:
            with open(args.markdown, encoding="utf-8") as f:
                if BEGIN not in f.read():
                    sys.exit(f"bench: {args.markdown} has no {BEGIN} ... {END} block")
        except (OSError, UnicodeDecodeError) as err:
            sys.exit(f"bench: cannot use {args.markdown} for the table: {err}")
    ist = os.path.abspath(args.istcheck) if os.sep in args.istcheck else shutil.which(args.istcheck)
    if not ist or not os.access(ist, os.X_OK):
        sys.exit(f"bench: no istcheck at {args.istcheck} (build it, or pass its path)")
    global BUILD_TREE
    rows = all_rows(ist)
    tmp = None
    if args.builds and os.path.isfile(os.path.join(CACHE, "entry-tiny", "linux", ".config")):
        tmp = tempfile.mkdtemp(prefix="istcheck-bench.")
        BUILD_TREE = os.path.join(tmp, "linux")
        rows += build_rows(ist, BUILD_TREE, args.builds)
        os.environ["ISTCHECK"] = ist
    rows = [r for r in rows if re.search(args.rows, r.name)]
    try:
        run_rows(args, ist, rows)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run_rows(args, ist, rows):
    if not rows:
        sys.exit(f"bench: no row (is the kernel corpus in {CACHE}? tests/kernel/build-corpus.sh)")
    if args.list:
        for r in rows:
            print(f"== {r.name}\n   A {shlex.join(r.ist)}")
            if r.obj:
                print(f"   B {shlex.join(r.obj)}\n   objtool from: {r.objtool_from}")
            if r.note:
                print(f"   note: {r.note}")
        return
    if not os.access(GNU_TIME, os.X_OK):
        print(f"bench: no {GNU_TIME} (apt-get install time): no peak RSS", file=sys.stderr)
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load0 = loadavg()
    print(f"Date: {started}; machine: {machine_line()}; load average {load0}")
    print(f"RUNS={args.runs} pairs per row, A B A B after one warm-up each; istcheck {ist}")
    runner = Runner()
    if BUILD_TREE and any(r.prepare for r in rows):
        print(f"copying the entry-tiny tree to {BUILD_TREE} for the build rows")
        shutil.copytree(os.path.join(CACHE, "entry-tiny", "linux"), BUILD_TREE, symlinks=True)
    if os.access(GNU_TIME, os.X_OK):
        print(f"peak RSS floor (GNU time's own child, /bin/true): "
              f"{runner.peak_kb(['/bin/true']) / 1024:.1f} MB")
    print()
    results = []
    for row in rows:
        res = measure(runner, row, args.runs)
        results.append((row, res))
        print_row(row, res, args.runs)
    load1 = loadavg()
    print(f"\nload average at the end: {load1}")
    if args.markdown:
        block = markdown(results, args.runs, ist, started, load0, load1)
        if args.markdown == "-":
            print("\n" + block, end="")
        else:
            write_block(args.markdown, block)
            print(f"bench: wrote the table into {args.markdown}")


if __name__ == "__main__":
    main()
