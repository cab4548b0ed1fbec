#!/usr/bin/env bash
# Build (or reuse) the real-kernel corpus istcheck is tested on.
#
# Everything lives outside the clone, in $ISTCHECK_CACHE (default /var/cache/istcheck):
#   entry-tiny/linux/            the 6.12 tree built with the entry-tiny config (kernel-corpus.md §1),
#                                prepared for out-of-tree modules
#   entry-tiny/vmlinux.o         vmlinux.o as ld made it, before objtool rewrote it
#   entry-tiny/vmlinux           the final link
#   entry-tiny/objtool           the matching objtool (parity reference)
#   entry-boot/linux/            entry-tiny plus what booting under QEMU needs (serial console,
#                                initrd, PVH, /proc, no KASLR), in its own tree: the injection
#                                tests' kernel (tests/testbed/kernel-*.py, kernel-corpus.md)
#   entry-boot/vmlinux, vmlinux.o  its final link (booted with -kernel) and ld's vmlinux.o
#   aist/linux/                  entry-boot plus the atomic-IST series (tests/kernel/aist/*.patch),
#                                in its own tree, built incrementally from a copy of entry-boot's
#   aist/vmlinux, vmlinux.o      its final link and ld's vmlinux.o
#   debian/vmlinux-6.12, -6.1    the Debian 6.12 and 6.1 -dbg vmlinux (final links, ET_EXEC)
#   debian/vmlinux-6.12-prev     the 6.12 -dbg vmlinux of the stable release before (relink test)
#   debian/linux-6.12/, -6.1/    their source: linux-source-6.12 and -6.1 unpacked, with the
#                                package's changelog as debian/changelog and the build's .config
#                                (from the matching linux-headers package): what
#                                `istcheck --srcroot=... vmlinux-6.12` reads its regions from
#   defconfig/vmlinux.o, objtool the large case (kernel-corpus.md §2): only on request
#                                (`build-corpus.sh defconfig`, about 35 minutes on 2 cores, 3 GB),
#                                for bench/bench.sh; no test needs it
# Whatever is missing is rebuilt; what exists is kept.  Kernel code never enters the repository,
# but as the atomic-IST series' patches (tests/kernel/aist/, GPL-2.0).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
what=${1:-all}
tiny=$cache/entry-tiny
src=$tiny/linux

log() { printf 'build-corpus: %s\n' "$*" >&2; }

need_pkgs() {
	local missing=()
	for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing ${missing[*]}"
	apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

# configure_tiny [TREE]: the entry-tiny config (kernel-corpus.md §1) in TREE (default $src).
configure_tiny() {
	local src=${1:-$src}
	make -C "$src" -s tinyconfig
	"$src"/scripts/config --file "$src/.config" \
	  -e 64BIT -e SMP -e PRINTK -e BUG -e DEBUG_KERNEL -e DEBUG_ENTRY \
	  -e X86_FRED -e CPU_MITIGATIONS -e MITIGATION_PAGE_TABLE_ISOLATION -e MITIGATION_RETPOLINE \
	  -e MITIGATION_RETHUNK -e MITIGATION_UNRET_ENTRY -e MITIGATION_IBRS_ENTRY -e MITIGATION_SRSO \
	  -e X86_KERNEL_IBT -e HYPERVISOR_GUEST -e PARAVIRT -e XEN -e XEN_PV -e X86_MCE -e X86_MCE_INTEL \
	  -e X86_MCE_AMD -e VIRTUALIZATION -e KVM -e KVM_INTEL -e KVM_AMD -e IA32_EMULATION \
	  -e PERF_EVENTS -e STACKPROTECTOR -e STACKPROTECTOR_STRONG -e MODULES -e CPU_SUP_AMD \
	  -e CPU_SUP_INTEL -e EFI -e X86_X2APIC -e ACPI -e PCI -e RELOCATABLE -e EFI_STUB \
	  -e AMD_MEM_ENCRYPT -e INTEL_TDX_GUEST \
	  -e DEBUG_INFO_DWARF5 -d DEBUG_INFO_NONE -e DEBUG_INFO_REDUCED
	make -C "$src" -s olddefconfig
	local opt
	for opt in X86_FRED XEN_PV KVM_INTEL KVM_AMD AMD_MEM_ENCRYPT INTEL_TDX_GUEST \
		   MITIGATION_PAGE_TABLE_ISOLATION X86_KERNEL_IBT NOINSTR_VALIDATION IA32_EMULATION; do
		grep -qx "CONFIG_$opt=y" "$src/.config" || { log "CONFIG_$opt is not y after olddefconfig"; exit 1; }
	done
}

# relink_pristine TREE OUTDIR: Kbuild runs objtool on vmlinux.o in place; re-running the
# recorded `ld -r` gives the object as the linker made it (what a pre-objtool hook sees).
relink_pristine() {
	local tree=$1 out=$2 cmd
	cmd=$(sed -n 's/^savedcmd_vmlinux.o := //p' "$tree/.vmlinux.o.cmd")
	cmd=${cmd%%;*}
	[ -n "$cmd" ] || { log "no link command in .vmlinux.o.cmd"; exit 1; }
	(cd "$tree" && eval "${cmd/-o vmlinux.o/-o $out/vmlinux.o.tmp}")
	mv "$out/vmlinux.o.tmp" "$out/vmlinux.o"
}

# unpack_source TREE: linux-source-6.12 unpacked at TREE (kept if there).
unpack_source() {
	local tree=$1 dir
	[ -f "$tree/Makefile" ] && return 0
	dir=$(dirname "$tree")
	log "unpacking linux-source-6.12 into $dir"
	rm -rf "$tree" "$dir/unpack"
	mkdir -p "$dir/unpack"
	tar -C "$dir/unpack" -xf /usr/src/linux-source-6.12.tar.xz
	mv "$dir/unpack/linux-source-6.12" "$tree"
	rmdir "$dir/unpack"
}

build_tiny() {
	if [ -f "$tiny/vmlinux.o" ] && [ -f "$tiny/vmlinux" ] && [ -x "$tiny/objtool" ] &&
	   [ -f "$src/scripts/module.lds" ]; then
		return 0
	fi
	need_pkgs linux-source-6.12 gcc make flex bison bc libssl-dev libelf-dev cpio xz-utils
	mkdir -p "$tiny"
	unpack_source "$src"
	[ -f "$src/.config" ] || configure_tiny
	log "building entry-tiny vmlinux (about 4 minutes on 2 cores)"
	make -C "$src" -s -j"$(nproc)" vmlinux >"$tiny/build.log" 2>&1 || { tail -20 "$tiny/build.log"; exit 1; }
	# Out-of-tree test modules (tests/kernel/test-module.sh) need the module linker script.
	make -C "$src" -s -j"$(nproc)" modules_prepare >>"$tiny/build.log" 2>&1 ||
		{ tail -20 "$tiny/build.log"; exit 1; }
	relink_pristine "$src" "$tiny"
	cp "$src/vmlinux" "$tiny/vmlinux"
	cp "$src/tools/objtool/objtool" "$tiny/objtool"
}

# The boot variant: entry-tiny's options and what it takes to boot under QEMU with -kernel
# (PVH), print on the serial port, run a static init from an initrd and read /proc/interrupts.
build_boot() {
	local dir=$cache/entry-boot tree=$cache/entry-boot/linux opt
	[ -f "$dir/vmlinux" ] && [ -f "$dir/vmlinux.o" ] && return 0
	need_pkgs linux-source-6.12 gcc make flex bison bc libssl-dev libelf-dev cpio xz-utils
	mkdir -p "$dir"
	unpack_source "$tree"
	if [ ! -f "$tree/.config" ]; then
		configure_tiny "$tree"
		"$tree"/scripts/config --file "$tree/.config" \
		  -e TTY -e SERIAL_8250 -e SERIAL_8250_CONSOLE -e BLK_DEV_INITRD -e PVH -e PROC_FS \
		  -e BINFMT_ELF -e PRINTK -e X86_MCE_INJECT -d RANDOMIZE_BASE -e MEMORY_FAILURE
		make -C "$tree" -s olddefconfig
		for opt in TTY SERIAL_8250_CONSOLE BLK_DEV_INITRD PVH PROC_FS BINFMT_ELF X86_MCE \
			   MITIGATION_PAGE_TABLE_ISOLATION NOINSTR_VALIDATION; do
			grep -qx "CONFIG_$opt=y" "$tree/.config" ||
				{ log "entry-boot: CONFIG_$opt is not y after olddefconfig"; exit 1; }
		done
	fi
	log "building entry-boot vmlinux (about 8 minutes on 2 cores: 950 s of CPU time)"
	make -C "$tree" -s -j"$(nproc)" vmlinux >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log"; exit 1; }
	relink_pristine "$tree" "$dir"
	cp "$tree/vmlinux" "$dir/vmlinux"
}

# The atomic-IST series on the entry-boot kernel (tests/kernel/aist/).  Its tree starts as a copy
# of entry-boot's built tree, so make rebuilds only what the series changes (all of it once: the
# first patch adds a CPU feature bit to cpufeatures.h).  A changed series is swapped in place:
# the old one reversed, the new one applied, and every file whose content came back the same
# gets its old time again, so the rebuild is what the change needs.
build_aist() {
	local dir=$cache/aist tree=$cache/aist/linux series=$here/aist stamp p f
	build_boot
	stamp=$(cat "$series"/*.patch | sha256sum | cut -c1-16)
	[ -f "$dir/vmlinux" ] && [ -f "$dir/vmlinux.o" ] && [ "$(cat "$dir/series" 2>/dev/null)" = "$stamp" ] &&
		return 0
	need_pkgs patch
	mkdir -p "$dir"
	if [ ! -f "$tree/vmlinux" ]; then
		rm -rf "$tree" "$dir/applied"
		log "copying the entry-boot tree into $tree"
		cp -a "$cache/entry-boot/linux" "$tree.tmp"
		mv "$tree.tmp" "$tree"
	fi
	rm -f "$dir/series"
	rm -rf "$dir/before"
	mkdir -p "$dir/before"
	if [ -d "$dir/applied" ]; then
		for p in $(ls "$dir/applied"/*.patch | sort -r); do
			for f in $(sed -n 's|^+++ b/||p' "$p"); do
				[ -f "$tree/$f" ] && [ ! -e "$dir/before/$f" ] &&
					mkdir -p "$dir/before/$(dirname "$f")" && cp -p "$tree/$f" "$dir/before/$f"
			done
			patch -d "$tree" -p1 -R -s -E <"$p"
		done
	fi
	rm -rf "$dir/applied"
	mkdir -p "$dir/applied"
	for p in "$series"/*.patch; do
		patch -d "$tree" -p1 -s -E --no-backup-if-mismatch <"$p"
		cp "$p" "$dir/applied/"
	done
	(cd "$dir/before" && find . -type f) | while read -r f; do
		if cmp -s "$dir/before/$f" "$tree/$f"; then touch -r "$dir/before/$f" "$tree/$f"; fi
	done
	rm -rf "$dir/before"
	log "building the atomic-IST series on entry-boot (about 8 minutes on 2 cores the first time)"
	make -C "$tree" -s -j"$(nproc)" vmlinux >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log"; exit 1; }
	relink_pristine "$tree" "$dir"
	cp "$tree/vmlinux" "$dir/vmlinux"
	echo "$stamp" >"$dir/series"
}

# The large case: defconfig plus the entry features, as kernel-corpus.md §2 gives it.
build_defconfig() {
	local dir=$cache/defconfig tree=$cache/defconfig/linux
	[ -f "$dir/vmlinux.o" ] && [ -x "$dir/objtool" ] && return 0
	need_pkgs linux-source-6.12 gcc make flex bison bc libssl-dev libelf-dev cpio xz-utils
	mkdir -p "$dir"
	unpack_source "$tree"
	if [ ! -f "$tree/.config" ]; then
		make -C "$tree" -s defconfig
		"$tree"/scripts/config --file "$tree/.config" \
		  -e DEBUG_INFO_DWARF5 -d DEBUG_INFO_NONE -e DEBUG_INFO_REDUCED -e DEBUG_ENTRY -e X86_FRED \
		  -e AMD_MEM_ENCRYPT -e HYPERVISOR_GUEST -e PARAVIRT -e XEN -e XEN_PV -e KVM -e KVM_INTEL \
		  -e KVM_AMD
		make -C "$tree" -s olddefconfig
	fi
	log "building defconfig vmlinux (about 35 minutes on 2 cores)"
	make -C "$tree" -s -j"$(nproc)" vmlinux >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log"; exit 1; }
	relink_pristine "$tree" "$dir"
	cp "$tree/tools/objtool/objtool" "$dir/objtool"
}

# fetch_debian VERSION META: the -dbg vmlinux of the kernel the metapackage META depends on.
fetch_debian() {
	local ver=$1 meta=$2 out=$cache/debian/vmlinux-$1
	[ -f "$out" ] && return 0
	mkdir -p "$cache/debian"
	need_pkgs dpkg
	local pkg
	pkg=$(apt-cache depends "$meta" 2>/dev/null | sed -n 's/ *Depends: //p' | head -1)
	[ -n "$pkg" ] || { apt-get update -q >/dev/null; pkg=$(apt-cache depends "$meta" | sed -n 's/ *Depends: //p' | head -1); }
	log "downloading $pkg (about 1 GB)"
	download_vmlinux "$pkg" "$out"
}

# download_vmlinux PKG OUT: the vmlinux of the -dbg package PKG, at OUT (whole or not at all).
download_vmlinux() {
	local tmp
	tmp=$(mktemp -d "$cache/debian/dl.XXXXXX")
	(cd "$tmp" && apt-get download -q "$1" >/dev/null)
	dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -C "$tmp" -x --wildcards './usr/lib/debug/boot/vmlinux-*'
	mv "$tmp"/usr/lib/debug/boot/vmlinux-* "$2.tmp"
	rm -rf "$tmp"
	mv "$2.tmp" "$2"
}

# fetch_debian_prev VERSION: the -dbg vmlinux of the stable release before debian/vmlinux-VERSION's
# (apt lists each 6.12.N+debXX-amd64-dbg it still serves), at debian/vmlinux-VERSION-prev: a
# final link of the same configuration and nearly the same code, laid out differently, which
# istcheck diff must call the same (tests/kernel/test-relink.sh).
fetch_debian_prev() {
	local ver=$1 out=$cache/debian/vmlinux-$1-prev cur prev
	[ -f "$out" ] && return 0
	cur=$(strings -n 20 "$cache/debian/vmlinux-$ver" |
	      awk '/^Linux version / && !b { b = $3 } END { print b }')
	prev=$(apt-cache search --names-only "^linux-image-$ver\.[0-9]+\+deb[0-9]+-amd64-dbg\$" |
	       awk '{ print $1 }' | sort -V | awk -v cur="linux-image-$cur-dbg" '$0 == cur { print p } { p = $0 }')
	[ -n "$prev" ] || { log "apt lists no release of $ver before $cur"; exit 1; }
	log "downloading $prev, the release before $cur (about 1 GB)"
	download_vmlinux "$prev" "$out"
}

# fetch_source VERSION: linux-source-VERSION unpacked at debian/linux-VERSION, with what
# --regions=source needs besides (README, "A distribution kernel"): the package's changelog as
# debian/changelog, which the version guard compares with the vmlinux's linux_banner, and the
# kernel's .config, which #if in the source is evaluated against.  A linux-source that is not the
# -dbg vmlinux's version is unpacked all the same, and said so: istcheck's guard refuses it.
fetch_source() {
	local ver=$1 tree=$cache/debian/linux-$1 vmlinux=$cache/debian/vmlinux-$1
	local banner srcver release tmp
	[ -f "$tree/Makefile" ] && [ -f "$tree/debian/changelog" ] && [ -f "$tree/.config" ] && return 0
	need_pkgs "linux-source-$ver" dpkg xz-utils
	# awk reads to the end: a reader that stops early fails the pipeline (pipefail, SIGPIPE).
	banner=$(strings -n 20 "$vmlinux" | awk '/^Linux version / && !b { b = $0 } END { print b }')
	release=$(sed -n 's/^Linux version \([^ ]*\) .*/\1/p' <<<"$banner")
	srcver=$(dpkg-query -W -f '${Version}' "linux-source-$ver")
	if ! grep -q " Debian $srcver " <<<"$banner"; then
		log "WARNING: linux-source-$ver is $srcver, but vmlinux-$ver is: $banner"
		log "WARNING: istcheck's version guard will refuse this tree (apt has no matching linux-source)"
	fi
	log "unpacking linux-source-$ver ($srcver) into $tree"
	rm -rf "$tree" "$tree.unpack"
	mkdir -p "$tree.unpack"
	tar -C "$tree.unpack" -xf "/usr/src/linux-source-$ver.tar.xz"
	mv "$tree.unpack/linux-source-$ver" "$tree"
	rmdir "$tree.unpack"
	mkdir -p "$tree/debian"
	zcat "/usr/share/doc/linux-source-$ver/changelog.Debian.gz" >"$tree/debian/changelog"
	tmp=$(mktemp -d "$cache/debian/hdr.XXXXXX")
	(cd "$tmp" && apt-get download -q "linux-headers-$release" >/dev/null)
	dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -C "$tmp" -x --wildcards "./usr/src/linux-headers-$release/.config"
	mv "$tmp/usr/src/linux-headers-$release/.config" "$tree/.config"
	rm -rf "$tmp"
}

fetch_debians() {
	fetch_debian 6.12 linux-image-6.12-amd64-dbg
	fetch_debian 6.1 linux-image-amd64-dbg		# bookworm's own kernel, 6.1 LTS
	fetch_debian_prev 6.12
	fetch_source 6.12
	fetch_source 6.1
}

case $what in
	all) build_tiny; build_boot; build_aist; fetch_debians ;;
	tiny) build_tiny ;;
	boot) build_boot ;;
	aist) build_aist ;;
	debian) fetch_debians ;;
	defconfig) build_defconfig ;;
	*) log "usage: $0 [all|tiny|boot|aist|debian|defconfig]"; exit 2 ;;
esac
