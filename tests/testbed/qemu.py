#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""QEMU for the istcheck testbed: the command line, a QMP client and a gdb remote-protocol client.

Python 3 standard library only.  Used by inject.py (the injector) and by the plain boot test.

    q = Qemu(image, append="features=atomic_ist iters=4", gdb=True)   # starts stopped (-S)
    q.gdb.set_bp(addr); q.gdb.cont(); stop = q.gdb.wait_stop(5.0)
    q.qmp.inject_nmi(); q.qmp.hmp("mce 0 1 0xb000000000000000 5 0 0")
    regs = q.gdb.regs(); q.gdb.read(addr, 8)
    q.finish(timeout) -> (exit status or None, serial text)

Facts this relies on (measured, see inject.py's docstring): a breakpoint at X stops before X; an
NMI or #MC injected while stopped there is taken at the next instruction boundary once continued,
with X as its saved RIP, provided the breakpoint at X was removed first (QEMU re-hits a gdb
breakpoint at the current PC).  Single-stepping ('s') masks interrupts (qqemu.sstep default 0x7).
"""

import json
import os
import select
import shutil
import socket
import subprocess
import tempfile
import time

# isa-debug-exit: the guest writes V to port 0xf4, QEMU exits with (V << 1) | 1.
EXIT_OK = (0x10 << 1) | 1        # 33
EXIT_FAIL = (0x11 << 1) | 1      # 35

# gdb 'g' packet order for x86-64 (QEMU's i386-64bit.xml): 16 GPRs, rip (8 bytes each), then
# eflags, cs, ss, ds, es, fs, gs (4 bytes each), then fs_base, gs_base, k_gs_base, cr0, cr2,
# cr3, cr4, cr8, efer (8 bytes each).
GPR_NAMES = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
             "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
REG_LAYOUT = ([(n, 8) for n in GPR_NAMES] + [("rip", 8), ("eflags", 4)] +
              [(n, 4) for n in ("cs", "ss", "ds", "es", "fs", "gs")] +
              [(n, 8) for n in ("fs_base", "gs_base", "k_gs_base", "cr0", "cr2", "cr3", "cr4",
                                "cr8", "efer")])
REG_INDEX = {name: i for i, (name, _) in enumerate(REG_LAYOUT)}


class QemuError(Exception):
    pass


class GuestGone(QemuError):
    """QEMU exited (or the connection closed) while the injector waited for it."""


def qemu_binary():
    return shutil.which("qemu-system-x86_64")


def command_line(image, append="", serial="stdio", gdb_sock=None, qmp_sock=None, stopped=False,
                 kvm=False, int_log=None, icount=False, extra=(), cpu="max", memory="64M",
                 initrd=None):
    """The QEMU command line of the testbed (and, with cpu, memory and initrd, of the booted
    entry-boot kernel): one place for it."""
    cmd = [qemu_binary() or "qemu-system-x86_64", "-machine", "pc", "-cpu", cpu, "-m", memory,
           "-display", "none", "-no-reboot", "-nodefaults", "-kernel", image]
    if initrd:
        cmd += ["-initrd", initrd]
    if append:
        cmd += ["-append", append]
    cmd += ["-serial", serial, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if kvm:
        cmd += ["-accel", "kvm"]
    if icount:
        cmd += ["-icount", "shift=0"]
    if gdb_sock:
        cmd += ["-gdb", "unix:%s,server=on,wait=off" % gdb_sock]
    if qmp_sock:
        cmd += ["-qmp", "unix:%s,server=on,wait=off" % qmp_sock]
    if stopped:
        cmd += ["-S"]
    if int_log:
        cmd += ["-d", "int,cpu_reset", "-D", int_log]
    return cmd + list(extra)


def _connect_unix(path, proc, timeout=10.0):
    end = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise GuestGone("qemu exited with %d before %s appeared" % (proc.returncode, path))
        if os.path.exists(path):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(path)
                return s
            except OSError:
                s.close()
        if time.monotonic() > end:
            raise QemuError("timed out waiting for %s" % path)
        time.sleep(0.005)


class QMP:
    """QMP over a unix socket: greeting, qmp_capabilities, then one command at a time."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.events = []
        greeting = self._read_msg(10.0)
        if "QMP" not in greeting:
            raise QemuError("no QMP greeting: %r" % greeting)
        self.execute("qmp_capabilities")

    def _read_msg(self, timeout):
        end = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = end - time.monotonic()
            if left <= 0:
                raise QemuError("QMP timeout")
            try:
                r, _, _ = select.select([self.sock], [], [], left)
                if not r:
                    continue
                data = self.sock.recv(65536)
            except OSError as e:
                raise GuestGone("QMP connection lost: %s" % e)
            if not data:
                raise GuestGone("QMP connection closed")
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def execute(self, cmd, args=None, timeout=10.0):
        msg = {"execute": cmd}
        if args is not None:
            msg["arguments"] = args
        try:
            self.sock.sendall(json.dumps(msg).encode() + b"\n")
        except OSError as e:
            raise GuestGone("QMP connection lost: %s" % e)
        while True:
            reply = self._read_msg(timeout)
            if "event" in reply:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise QemuError("QMP %s: %s" % (cmd, reply["error"]))
            return reply.get("return")

    def inject_nmi(self):
        self.execute("inject-nmi")

    def hmp(self, line):
        return self.execute("human-monitor-command", {"command-line": line})

    def mce(self, bank=1, status=0xb000000000000000, mcg_status=5, addr=0, misc=0, cpu=0):
        """Inject a machine check (HMP `mce`).  Returns HMP's output (empty when it worked;
        QEMU prints a reason when it dropped the event or turned it into a triple fault)."""
        return self.hmp("mce %d %d 0x%x %d 0x%x 0x%x" % (cpu, bank, status, mcg_status, addr, misc))

    def read_phys(self, addr, count):
        """count quadwords of guest physical memory (HMP `xp`)."""
        out = self.hmp("xp /%dgx 0x%x" % (count, addr))
        vals = []
        for line in out.splitlines():
            if ":" not in line:
                continue
            vals += [int(w, 16) for w in line.split(":", 1)[1].split()]
        if len(vals) != count:
            raise QemuError("xp: %r" % out)
        return vals


class StopReply:
    def __init__(self, packet):
        self.packet = packet
        self.kind = packet[:1]                       # 'T'/'S' stopped, 'W' exited, 'X' killed
        self.signal = int(packet[1:3], 16) if len(packet) >= 3 and self.kind in "TSWX" else None

    @property
    def exited(self):
        return self.kind in ("W", "X")

    def __repr__(self):
        return "StopReply(%r)" % self.packet


class GDB:
    """The gdb remote serial protocol, as far as the injector needs it."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.ack = True
        self.bps = set()
        self.running = False
        if self.command("QStartNoAckMode") == "OK":
            self.ack = False

    # --- packets ---
    def _sendall(self, data):
        # QEMU gone (a triple fault ends it) shows as a broken pipe or a reset: the guest is
        # gone, which the injector judges, not a crash of the injector.
        try:
            self.sock.sendall(data)
        except OSError as e:
            raise GuestGone("gdbstub connection lost: %s" % e)

    def _recv(self, timeout):
        try:
            r, _, _ = select.select([self.sock], [], [], timeout)
            if not r:
                return False
            data = self.sock.recv(65536)
        except OSError as e:
            raise GuestGone("gdbstub connection lost: %s" % e)
        if not data:
            raise GuestGone("gdbstub connection closed")
        self.buf += data
        return True

    def send(self, data):
        payload = data.encode("latin-1")
        pkt = b"$" + payload + b"#%02x" % (sum(payload) & 0xff)
        for _ in range(5):
            self._sendall(pkt)
            if not self.ack:
                return
            end = time.monotonic() + 5.0
            while not self.buf:
                if time.monotonic() > end:
                    raise QemuError("gdbstub: no ack")
                self._recv(0.5)
            c, self.buf = self.buf[:1], self.buf[1:]
            if c == b"+":
                return
            if c != b"-":
                self.buf = c + self.buf
                return
        raise QemuError("gdbstub: packet refused")

    def recv_packet(self, timeout=10.0):
        end = time.monotonic() + timeout
        while True:
            i = self.buf.find(b"$")
            if i >= 0:
                j = self.buf.find(b"#", i)
                if j >= 0 and len(self.buf) >= j + 3:
                    body = self.buf[i + 1:j]
                    csum = int(self.buf[j + 1:j + 3], 16)
                    self.buf = self.buf[j + 3:]
                    if (sum(body) & 0xff) != csum:
                        if self.ack:
                            self._sendall(b"-")
                        continue
                    if self.ack:
                        self._sendall(b"+")
                    return self._decode_rle(body).decode("latin-1")
            left = end - time.monotonic()
            if left <= 0:
                return None
            self._recv(left)

    @staticmethod
    def _decode_rle(body):
        if b"*" not in body:
            return body
        out = bytearray()
        i = 0
        while i < len(body):
            c = body[i]
            if c == ord("*") and out and i + 1 < len(body):
                out += bytes([out[-1]]) * (body[i + 1] - 29)
                i += 2
            else:
                out.append(c)
                i += 1
        return bytes(out)

    def command(self, data, timeout=10.0):
        if self.running:
            raise QemuError("gdb command %r while the guest runs" % data)
        self.send(data)
        reply = self.recv_packet(timeout)
        if reply is None:
            raise QemuError("gdbstub: no reply to %r" % data)
        return reply

    def _ok(self, data):
        r = self.command(data)
        if r != "OK":
            raise QemuError("gdb %r -> %r" % (data, r))

    # --- execution ---
    def cont(self):
        self.send("c")
        self.running = True

    def step(self, timeout=10.0):
        self.send("s")
        self.running = True
        return self.wait_stop(timeout)

    def step_off(self, rip, tries=5):
        """Step until RIP leaves rip (a breakpoint there is cleared by the caller).  Under load
        QEMU 7.2's gdbstub now and then answers a step without executing anything (seen twice in
        ~3000 points): one step is not always one instruction."""
        for _ in range(tries):
            self.step()
            if self.regs()["rip"] != rip:
                return

    def wait_stop(self, timeout=10.0):
        """The next stop reply, or None on timeout (the guest still runs then)."""
        reply = self.recv_packet(timeout)
        if reply is None:
            return None
        self.running = False
        return StopReply(reply)

    def interrupt(self, timeout=10.0):
        self._sendall(b"\x03")
        return self.wait_stop(timeout)

    def halt_reason(self):
        return StopReply(self.command("?"))

    def kill(self):
        try:
            self.send("k")
        except OSError:
            pass

    def set_sstep_flags(self, flags):
        """QEMU's single-step flags: 1 ENABLE, 2 NOIRQ, 4 NOTIMER (default 7)."""
        self._ok("qqemu.sstep=0x%x" % flags)

    # --- state ---
    def regs(self):
        data = bytes.fromhex(self.command("g"))
        out, off = {}, 0
        for name, size in REG_LAYOUT:
            if off + size > len(data):
                break
            out[name] = int.from_bytes(data[off:off + size], "little")
            off += size
        return out

    def reg(self, name):
        r = self.command("p%x" % REG_INDEX[name])
        if r.startswith("E"):
            raise QemuError("p %s: %s" % (name, r))
        return int.from_bytes(bytes.fromhex(r), "little")

    def set_reg(self, name, value):
        size = REG_LAYOUT[REG_INDEX[name]][1]
        self._ok("P%x=%s" % (REG_INDEX[name], value.to_bytes(size, "little").hex()))

    def read(self, addr, length):
        r = self.command("m%x,%x" % (addr, length))
        if r.startswith("E") and len(r) == 3:
            raise QemuError("cannot read %d bytes at %#x (%s)" % (length, addr, r))
        return bytes.fromhex(r)

    def write(self, addr, data, chunk=1536):
        """Write bytes at a guest virtual address (the current page tables), chunk by chunk:
        QEMU 7.2's gdbstub takes packets of at most 4096 characters, two per byte written."""
        for off in range(0, len(data), chunk):
            part = data[off:off + chunk]
            self._ok("M%x,%x:%s" % (addr + off, len(part), part.hex()))

    def read_u64(self, addr, count=1):
        data = self.read(addr, 8 * count)
        vals = [int.from_bytes(data[8 * i:8 * i + 8], "little") for i in range(count)]
        return vals if count > 1 else vals[0]

    def set_bp(self, addr):
        if addr not in self.bps:
            self._ok("Z0,%x,1" % addr)
            self.bps.add(addr)

    def clear_bp(self, addr):
        if addr in self.bps:
            self._ok("z0,%x,1" % addr)
            self.bps.discard(addr)

    def clear_all_bps(self):
        for a in list(self.bps):
            self.clear_bp(a)


class Qemu:
    """One QEMU process, started stopped (-S) with the gdbstub and QMP on unix sockets."""

    def __init__(self, image, append="", gdb=True, qmp=True, kvm=False, int_log=None,
                 icount=False, workdir=None, extra=(), cpu="max", memory="64M", initrd=None):
        self.tmp = workdir or tempfile.mkdtemp(prefix="istcheck-qemu-")
        self.own_tmp = workdir is None
        self.serial_path = os.path.join(self.tmp, "serial.log")
        gdb_sock = os.path.join(self.tmp, "gdb.sock") if gdb else None
        qmp_sock = os.path.join(self.tmp, "qmp.sock") if qmp else None
        for p in (gdb_sock, qmp_sock):
            if p and os.path.exists(p):
                os.unlink(p)
        self.cmd = command_line(image, append, serial="file:" + self.serial_path,
                                gdb_sock=gdb_sock, qmp_sock=qmp_sock, stopped=gdb, kvm=kvm,
                                int_log=int_log, icount=icount, extra=extra, cpu=cpu,
                                memory=memory, initrd=initrd)
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.qmp = QMP(_connect_unix(qmp_sock, self.proc)) if qmp else None
        self.gdb = GDB(_connect_unix(gdb_sock, self.proc)) if gdb else None
        self.serial_pos = 0

    def serial(self):
        try:
            with open(self.serial_path, "rb") as f:
                return f.read().decode("latin-1")
        except FileNotFoundError:
            return ""

    def serial_new(self):
        """Serial output since the last call."""
        text = self.serial()
        new, self.serial_pos = text[self.serial_pos:], len(text)
        return new

    def alive(self):
        return self.proc.poll() is None

    def finish(self, timeout):
        """Let the guest run to its end: (exit status or None on timeout, serial text)."""
        if self.gdb and not self.gdb.running:
            try:
                self.gdb.clear_all_bps()
                self.gdb.cont()
            except (OSError, QemuError):
                pass
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            rc = None
        text = self.serial()
        self.close()
        return rc, text

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for c in (self.qmp, self.gdb):
            if c:
                try:
                    c.sock.close()
                except OSError:
                    pass
        self.stderr.close()
        if self.own_tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
