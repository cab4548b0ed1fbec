// SPDX-License-Identifier: GPL-2.0
/*
 * The variants a finding holds in, in short: "from user mode, with PTI" and "from user mode,
 * without PTI" read "from user mode".  The text format prints it, JSON and SARIF carry it beside
 * the full list, and `istcheck diff` prints old reports' results the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include "report.h"

#define MAX_PARTS 8

/* A variant as its parts: "from user mode", "with PTI", "without XENPV". */
struct term {
	char *part[MAX_PARTS];
	size_t n;
};

static void split_term(struct term *t, const char *name)
{
	const char *p = name, *comma;

	t->n = 0;
	while (t->n < MAX_PARTS - 1 && (comma = strstr(p, ", "))) {
		t->part[t->n++] = xstrndup(p, (size_t)(comma - p));
		p = comma + 2;
	}
	t->part[t->n++] = xstrdup(p);
}

static void free_term(struct term *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->part[i]);
	t->n = 0;
}

/*
 * Parts that together hold whatever the choice: "with F" and "without F" (the part goes), or
 * "from user mode" and "from kernel mode" (*merged says "from user or kernel mode").
 */
static bool complementary(const char *a, const char *b, const char **merged)
{
	*merged = NULL;
	if (!strncmp(a, "with ", 5) && !strncmp(b, "without ", 8))
		return !strcmp(a + 5, b + 8);
	if (!strncmp(b, "with ", 5) && !strncmp(a, "without ", 8))
		return !strcmp(b + 5, a + 8);
	*merged = "from user or kernel mode";
	return (!strcmp(a, "from user mode") && !strcmp(b, "from kernel mode")) ||
	       (!strcmp(b, "from user mode") && !strcmp(a, "from kernel mode"));
}

/* Merge b into a if they differ in one complementary part (or not at all); b is freed. */
static bool merge_terms(struct term *a, struct term *b)
{
	size_t diff = MAX_PARTS, nr_diff = 0;
	const char *merged;

	if (a->n != b->n)
		return false;
	for (size_t k = 0; k < a->n; k++)
		if (strcmp(a->part[k], b->part[k])) {
			diff = k;
			nr_diff++;
		}
	if (nr_diff > 1 || (nr_diff == 1 && !complementary(a->part[diff], b->part[diff], &merged)))
		return false;
	if (nr_diff == 1) {
		free(a->part[diff]);
		if (merged) {
			a->part[diff] = xstrdup(merged);
		} else {
			memmove(&a->part[diff], &a->part[diff + 1], (a->n - diff - 1) * sizeof(char *));
			a->n--;
		}
	}
	free_term(b);
	return true;
}

/*
 * The variants a finding holds in, short: two variants that differ only in one feature become
 * one without it, and "from user mode" with "from kernel mode" becomes "from user or kernel
 * mode", until nothing merges; what is left is joined with "; ".  So "from user mode, with PTI"
 * and "from user mode, without PTI" read "from user mode".  NULL: every variant (a variant-less
 * finding, or every part merged away).
 */
char *merge_variants(const char *const *names, size_t n)
{
	struct term *t;
	size_t nt = 0, len = 1;
	bool changed = true, all = false;
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		if (!names[i])
			return NULL;
	if (!n)
		return NULL;
	t = xcalloc(n, sizeof(*t));
	for (size_t i = 0; i < n; i++)
		split_term(&t[nt++], names[i]);
	while (changed) {
		changed = false;
		for (size_t i = 0; i < nt && !changed; i++)
			for (size_t j = i + 1; j < nt && !changed; j++)
				if (merge_terms(&t[i], &t[j])) {
					memmove(&t[j], &t[j + 1], (nt - j - 1) * sizeof(*t));
					nt--;
					changed = true;
				}
	}
	for (size_t i = 0; i < nt; i++) {
		all |= !t[i].n;
		for (size_t k = 0; k < t[i].n; k++)
			len += strlen(t[i].part[k]) + 2;
		len += 2;
	}
	out = all ? NULL : xmalloc(len);
	p = out;
	for (size_t i = 0; i < nt; i++) {
		for (size_t k = 0; out && k < t[i].n; k++)
			p += sprintf(p, "%s%s", i && !k ? "; " : k ? ", " : "", t[i].part[k]);
		free_term(&t[i]);
	}
	free(t);
	return out;
}

/*
 * Variants with their messages as one line of text: each distinct message once, with the
 * variants it was said in merged ("MSG (VARIANTS)"), joined with "; ", in the order given.
 */
char *variants_text(const char *const *names, const char *const *msgs, size_t n)
{
	const char **group = xcalloc(n, sizeof(*group));
	bool *done = xcalloc(n, sizeof(*done));
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		out_of_memory(NULL);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		char *merged;

		if (done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!done[j] && !strcmp(msgs[j], msgs[i])) {
				group[k++] = names[j];
				done[j] = true;
			}
		merged = merge_variants(group, k);
		fprintf(m, "%s%s", i ? "; " : "", msgs[i]);
		if (merged)
			fprintf(m, " (%s)", merged);
		free(merged);
	}
	fclose(m);
	free(group);
	free(done);
	if (!text)
		out_of_memory(NULL);
	return text;
}
