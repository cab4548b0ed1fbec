#!/usr/bin/env bash
# On the real 6.12 entry_64.o: entry_SYSCALL_64's CFG shows the PTI CR3 switch as a feature-guarded
# choice (original "jmp" skipping it without PTI, the CR3 write with PTI) and return-thunk jumps
# as returns (in error_entry); the final links list their noinstr and entry ranges.
source "$(dirname "$0")/lib.sh"
obj=$cache/entry-tiny/linux/arch/x86/entry/entry_64.o
[ -f "$obj" ] || { echo "skip: no kernel corpus at $cache (tests/kernel/build-corpus.sh)"; exit 77; }
fail=0
check() { if grep -qE -- "$2" <<<"$1"; then echo "ok   $3"; else echo "FAIL $3: no /$2/"; fail=1; fi; }

cfg=$("$ISTCHECK" --dump=cfg:entry_SYSCALL_64 "$obj") || { echo "FAIL: dump exited $?"; exit 1; }
# The site right after the %rsp save: original jumps over the CR3 write, replacement falls into it.
site=$(awk '/alternative site/ {n=$1} /alt original \[without PTI\]/ {print n; exit}' <<<"$cfg")
check "$cfg" "^$site .*alternative site" "PTI site is a choice block"
check "$(sed -n "/^$site /,/^B[0-9]* [^a]/p" <<<"$cfg")" "alt replacement \[with PTI\]" "PTI replacement edge"
check "$cfg" "movq %rsp, %cr3" "CR3 write decoded"
check "$cfg" "sysretq" "sysretq decoded"

# entry_SYSCALL_64 leaves by sysret/iret; error_entry returns through the return thunk.
cfg=$("$ISTCHECK" --dump=cfg:error_entry "$obj") || { echo "FAIL: dump exited $?"; exit 1; }
check "$cfg" "jmp __x86_return_thunk  \[return\]" "return thunk as return (error_entry)"
check "$cfg" "jmp sync_regs  \[tail-call\]" "tail call to sync_regs (error_entry)"

vmo=$cache/entry-tiny/vmlinux.o
if [ -f "$vmo" ]; then
	secs=$("$ISTCHECK" --dump=sections "$vmo") || { echo "FAIL: sections exited $?"; exit 1; }
	check "$secs" "noinstr +\.noinstr\.text" "vmlinux.o noinstr section"
	check "$secs" "entry +\.entry\.text" "vmlinux.o entry section"
fi
deb=$cache/debian/vmlinux-6.12
if [ -f "$deb" ]; then
	secs=$("$ISTCHECK" --dump=sections "$deb") || { echo "FAIL: sections exited $?"; exit 1; }
	check "$secs" "noinstr +[0-9a-f]+-[0-9a-f]+ .*__noinstr_text_start" "Debian vmlinux noinstr range"
	check "$secs" "entry +[0-9a-f]+-[0-9a-f]+ .*__entry_text_start" "Debian vmlinux entry range"
fi
exit $fail
