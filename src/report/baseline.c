// SPDX-License-Identifier: GPL-2.0
/*
 * Baselines and report diffs: what a CI gate needs so that only new findings fail.
 *
 * A finding's identity is its fingerprint (diag.c): rule, symbol, offset in the symbol, the
 * instruction's bytes and the variant, never an absolute address, so unrelated code motion keeps
 * it.  A baseline is a JSON list of fingerprints with what they stood for, for the reviewer;
 * `istcheck diff` compares two JSON reports the same way.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <istcheck/output.h>

#include "report.h"

#define BASELINE_VERSION 1

struct fp_set {
	uint64_t *v;
	size_t n;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static bool fp_has(const struct fp_set *s, uint64_t fp)
{
	return s->n && bsearch(&fp, s->v, s->n, sizeof(*s->v), cmp_u64);
}

static bool parse_fp(json_t *v, uint64_t *fp)
{
	const char *s = json_string_value(v);
	char *end;

	if (!s || strlen(s) != 16)
		return false;
	*fp = strtoull(s, &end, 16);
	return !*end;
}

/* The fingerprints of arr[*].fingerprint; < 0 (message given) on a malformed file. */
static int read_fps(const char *path, json_t *arr, struct fp_set *s)
{
	json_t *v;
	size_t i;

	if (!json_is_array(arr))
		return input_error(path, "not an istcheck baseline or JSON report (no list of findings)");
	s->v = calloc(json_array_size(arr) + 1, sizeof(*s->v));
	if (!s->v)
		return input_error(path, "out of memory");
	json_array_foreach(arr, i, v)
		if (!parse_fp(json_object_get(v, "fingerprint"), &s->v[s->n++]))
			return input_error(path, "entry %zu has no valid fingerprint", i);
	qsort(s->v, s->n, sizeof(*s->v), cmp_u64);
	return 0;
}

static json_t *load(const char *path)
{
	json_error_t err;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);

	if (!root)
		input_error(path, "not valid JSON: line %d: %s", err.line, err.text);
	return root;
}

static struct fp_set baseline;
static size_t nr_suppressed;

int read_baseline(const char *path)
{
	json_t *root = load(path);
	int ret;

	if (!root)
		return -1;
	if (json_integer_value(json_object_get(root, "baseline")) != BASELINE_VERSION) {
		json_decref(root);
		return input_error(path, "not an istcheck baseline (version %d)", BASELINE_VERSION);
	}
	ret = read_fps(path, json_object_get(root, "findings"), &baseline);
	json_decref(root);
	return ret;
}

void free_baseline(void)
{
	free(baseline.v);
	baseline.v = NULL;
	baseline.n = 0;
}

/* Drop the report's items the baseline knows; how many went is reported in a note. */
size_t apply_baseline(struct report *r)
{
	size_t kept = 0;

	if (!baseline.v)
		return 0;
	for (size_t i = 0; i < r->nr_items; i++) {
		if (fp_has(&baseline, r->items[i].fingerprint)) {
			r->items[i].f->suppressed = true;
			nr_suppressed++;
			free(r->items[i].loc.src);
			free(r->items[i].steps);
			continue;
		}
		r->items[kept++] = r->items[i];
	}
	r->nr_items = kept;
	return nr_suppressed;
}

int write_baseline(const char *path, const struct report *r)
{
	json_t *root = json_object(), *arr = json_array();
	char where[256];
	struct output out;
	int ret;

	for (size_t i = 0; i < r->nr_items; i++) {
		const struct report_item *it = &r->items[i];
		json_t *o = json_object();

		json_object_set_new(o, "fingerprint", json_sprintf("%016" PRIx64, it->fingerprint));
		json_object_set_new(o, "rule", json_string(rule_table[it->f->rule].id));
		json_object_set_new(o, "where", json_str(location_str(&it->loc, it->f->addr, where,
								      sizeof(where))));
		json_object_set_new(o, "variant", json_str(it->f->variant));
		json_object_set_new(o, "message", json_str(it->f->msg));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "baseline", json_integer(BASELINE_VERSION));
	json_object_set_new(root, "tool", json_string("istcheck " ISTCHECK_VERSION));
	json_object_set_new(root, "findings", arr);
	if (open_output(&out, path) < 0) {
		json_decref(root);
		return -1;
	}
	ret = json_dumpf(root, out.fp, JSON_INDENT(2));
	json_decref(root);
	if (ret < 0 && !output_failed(&out)) {
		discard_output(&out);
		return input_error(path, "cannot encode the baseline");
	}
	fputc('\n', out.fp);
	return commit_output(&out);
}

static const char *get(json_t *o, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : dflt;
}

/* One result of a JSON report, as the text format prints it. */
static void print_result(json_t *o)
{
	const char *sym = get(o, "symbol", NULL), *variant = get(o, "variant", NULL);

	printf("%s: %s: istcheck: %s+%s: %s%s%s%s [%s]\n", get(o, "input", "?"),
	       get(o, "severity", "error"), sym ? sym : get(o, "section", "?"),
	       sym ? get(o, "offset", "0") : get(o, "section_offset", "0"), get(o, "message", ""),
	       variant ? " (" : "", variant ? variant : "", variant ? ")" : "", get(o, "rule", "?"));
}

/* istcheck diff OLD.json NEW.json: the findings NEW has and OLD lacks; 1 if any, 0 if none. */
int run_diff(const char *old_path, const char *new_path)
{
	json_t *old = load(old_path), *new = old ? load(new_path) : NULL, *results, *o;
	struct fp_set seen = { 0 }, cur = { 0 };
	size_t i, nr_new = 0;
	int ret = -1;

	if (!new)
		goto out;
	results = json_object_get(new, "results");
	if (read_fps(old_path, json_object_get(old, "results"), &seen) < 0 ||
	    read_fps(new_path, results, &cur) < 0)
		goto out;
	json_array_foreach(results, i, o) {
		uint64_t fp = 0;	/* set: read_fps() checked every entry (gcc -O3 cannot see it) */

		parse_fp(json_object_get(o, "fingerprint"), &fp);
		if (fp_has(&seen, fp))
			continue;
		print_result(o);
		nr_new++;
	}
	printf("istcheck diff: %zu new finding%s in %s\n", nr_new, nr_new == 1 ? "" : "s", new_path);
	ret = nr_new ? 1 : 0;
out:
	free(seen.v);
	free(cur.v);
	json_decref(old);
	json_decref(new);
	return ret;
}
