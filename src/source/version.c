// SPDX-License-Identifier: GPL-2.0
/*
 * The version guard: regions are judged from the source only when the tree is the binary's own.
 * The binary names itself in linux_banner ("Linux version 6.12.118+deb12-amd64 (...) #1 SMP
 * PREEMPT_DYNAMIC Debian 6.12.118-1~deb12u1 (date)"); the tree in its Makefile (VERSION,
 * PATCHLEVEL, SUBLEVEL, EXTRAVERSION), in include/config/kernel.release once built, and in
 * debian/changelog when it is a Debian source.  A Debian kernel needs the changelog: the
 * upstream version alone does not tell one Debian revision's patches from another's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/source.h>

/* The NUL-terminated string a data symbol holds, or NULL. */
static const char *symbol_string(const struct elf_file *ef, const char *name)
{
	const struct symbol *s = find_symbol(ef, name);
	const struct section *sec = s ? s->sec : NULL;
	uint64_t off;

	if (!sec || !sec->data || s->addr < sec->addr || s->addr - sec->addr >= sec->size)
		return NULL;
	off = s->addr - sec->addr;
	if (!memchr(sec->data + off, 0, sec->size - off))
		return NULL;
	return (const char *)sec->data + off;
}

/* The word after the last occurrence of key in s (up to a blank or ')'), into buf. */
static bool word_after(const char *s, const char *key, char *buf, size_t len)
{
	const char *p = NULL, *q;
	size_t n;

	for (q = strstr(s, key); q; q = strstr(q + 1, key))
		p = q;
	if (!p)
		return false;
	p += strlen(key);
	for (n = 0; p[n] && !isspace((unsigned char)p[n]) && p[n] != ')'; n++)
		;
	if (!n || n >= len)
		return false;
	memcpy(buf, p, n);
	buf[n] = 0;
	return true;
}

static bool read_line(const char *root, const char *rel, char *buf, size_t len)
{
	char path[4096];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "r");
	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return ok;
}

/* VERSION.PATCHLEVEL.SUBLEVEL plus EXTRAVERSION from the top Makefile. */
static bool makefile_version(const char *root, char *buf, size_t len)
{
	const char *keys[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL", "EXTRAVERSION" };
	char vals[4][64] = { "", "", "", "" }, path[4096], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/Makefile", root);
	f = fopen(path, "r");
	if (!f)
		return false;
	for (int n = 0; n < 40 && fgets(line, sizeof(line), f); n++)
		for (int k = 0; k < 4; k++) {
			size_t kl = strlen(keys[k]);
			char *p = line + kl;

			if (strncmp(line, keys[k], kl) || (*p != ' ' && *p != '='))
				continue;
			p += strspn(p, " =");
			p[strcspn(p, " \n")] = 0;
			snprintf(vals[k], sizeof(vals[k]), "%s", p);
		}
	fclose(f);
	if (!*vals[0] || !*vals[1])
		return false;
	snprintf(buf, len, "%s.%s.%s%s", vals[0], vals[1], *vals[2] ? vals[2] : "0", vals[3]);
	return true;
}

/* "linux-6.12 (6.12.118-1~deb12u1) bookworm-security; ..." -> 6.12.118-1~deb12u1 */
static bool changelog_version(const char *root, char *buf, size_t len)
{
	char line[512], *open, *close;

	if (!read_line(root, "debian/changelog", line, sizeof(line)))
		return false;
	open = strchr(line, '(');
	close = open ? strchr(open, ')') : NULL;
	if (!close || (size_t)(close - open) >= len)
		return false;
	*close = 0;
	snprintf(buf, len, "%s", open + 1);
	return true;
}

static bool starts_release(const char *release, const char *version)
{
	size_t n = strlen(version);

	return !strncmp(release, version, n) && !isdigit((unsigned char)release[n]);
}

enum src_version check_src_version(const struct elf_file *ef, const char *root, char *why,
				   size_t why_len)
{
	const char *banner = symbol_string(ef, "linux_banner");
	char rel[128], deb[128], mk[128], built[128], chl[128];

	if (!banner || !word_after(banner, "Linux version ", rel, sizeof(rel))) {
		snprintf(why, why_len, "the file has no linux_banner to check the source tree against");
		return SRC_VERSION_UNKNOWN;
	}
	if (!makefile_version(root, mk, sizeof(mk))) {
		snprintf(why, why_len, "%s is not a kernel source tree (no VERSION in its Makefile)", root);
		return SRC_VERSION_WRONG;
	}
	if (word_after(banner, " Debian ", deb, sizeof(deb))) {
		size_t up = strcspn(deb, "-");

		if (!changelog_version(root, chl, sizeof(chl))) {
			snprintf(why, why_len, "the binary is Debian %s (linux %s) and %s has no debian/changelog "
				 "to prove it is that source", deb, rel, root);
			return SRC_VERSION_WRONG;
		}
		if (strcmp(chl, deb) || strlen(mk) != up || strncmp(mk, deb, up)) {
			snprintf(why, why_len, "the source tree is Debian %s (Makefile %s), the binary Debian %s "
				 "(linux %s)", chl, mk, deb, rel);
			return SRC_VERSION_WRONG;
		}
		return SRC_VERSION_OK;
	}
	if (read_line(root, "include/config/kernel.release", built, sizeof(built))) {
		if (strcmp(built, rel)) {
			snprintf(why, why_len, "the source tree was built as linux %s, the binary is %s", built, rel);
			return SRC_VERSION_WRONG;
		}
		return SRC_VERSION_OK;
	}
	if (!starts_release(rel, mk)) {
		snprintf(why, why_len, "the source tree is linux %s, the binary %s", mk, rel);
		return SRC_VERSION_WRONG;
	}
	return SRC_VERSION_OK;
}
