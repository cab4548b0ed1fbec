// SPDX-License-Identifier: GPL-2.0
/*
 * Baselines and report diffs: what a CI gate needs so that only new findings fail.
 *
 * A finding's identity is its fingerprint (diag.c): rule, symbol, what the instruction means
 * with its references named by symbol (identity.c) and which occurrence of that in the symbol it
 * is; never an address or a displacement, so unrelated code motion and a new link keep it.  A
 * baseline is a JSON list of fingerprints with what they stood for, for the reviewer; `istcheck
 * diff` compares two such files the same way.  Either side of both may be a baseline or a JSON
 * report, of any version.
 *
 * Older files hold older fingerprints, and each finding carries those too:
 *   version 2 hashed the instruction's bytes: every finding's byte_fingerprint;
 *   version 1 also hashed the variant, one finding per variant: each variant's legacy_fingerprint.
 * A finding is known to a file if the file lists its fingerprint or its byte fingerprint, or the
 * version 1 fingerprint of every variant it holds in (so a version 1 baseline still suppresses
 * it, unless it now holds in a variant the baseline never saw).  Old files match as well as they
 * did: a version 2 baseline still cries wolf after a relink; writing it again makes it version 3.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <istcheck/output.h>

#include "report.h"

#define BASELINE_VERSION 3	/* 2: byte fingerprints; 1: one finding per variant, variant hashed */

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

/* Is the finding known to s: its fingerprint or byte fingerprint, or every variant's version 1
 * fingerprint? */
static bool fp_known(const struct fp_set *s, uint64_t fp, uint64_t byte_fp, const uint64_t *legacy,
		     size_t n)
{
	if (fp_has(s, fp) || (byte_fp && fp_has(s, byte_fp)))
		return true;
	for (size_t i = 0; i < n; i++)
		if (!fp_has(s, legacy[i]))
			return false;
	return n > 0;
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

/* A baseline or a JSON report: its list of findings and every fingerprint in it. */
struct known {
	json_t *root;
	json_t *list;			/* baseline "findings" or report "results" */
	bool report;
	json_int_t version;
	struct fp_set fps;		/* fingerprints, and the version 1 ones of report variants */
};

/* The version 1 fingerprints of a version 2 result's or baseline entry's variants (none in
 * version 1 files, nor for findings without variants). */
static size_t legacy_fps(json_t *entry, uint64_t **out)
{
	json_t *vars = json_object_get(entry, "variants"), *v;
	size_t i, n = 0;

	*out = NULL;
	if (!json_array_size(vars) || !(*out = calloc(json_array_size(vars), sizeof(**out))))
		return 0;
	json_array_foreach(vars, i, v)
		if (parse_fp(json_object_get(v, "legacy_fingerprint"), &(*out)[n]))
			n++;
	return n;
}

static int read_fps(const char *path, struct known *k)
{
	size_t i, n = 0;
	json_t *v, *byte_fp;

	json_array_foreach(k->list, i, v)
		n += 2 + json_array_size(json_object_get(v, "variants"));
	k->fps.v = calloc(n + 1, sizeof(*k->fps.v));
	if (!k->fps.v)
		out_of_memory(path);
	json_array_foreach(k->list, i, v) {
		uint64_t *legacy;
		size_t nl;

		if (!parse_fp(json_object_get(v, "fingerprint"), &k->fps.v[k->fps.n++]))
			return input_error(path, "entry %zu has no valid fingerprint", i);
		if ((byte_fp = json_object_get(v, "byte_fingerprint")) &&
		    !parse_fp(byte_fp, &k->fps.v[k->fps.n++]))
			return input_error(path, "entry %zu has an invalid byte_fingerprint", i);
		nl = legacy_fps(v, &legacy);
		if (nl)		/* legacy is NULL when there are none: memcpy wants a pointer */
			memcpy(&k->fps.v[k->fps.n], legacy, nl * sizeof(*legacy));
		k->fps.n += nl;
		free(legacy);
	}
	qsort(k->fps.v, k->fps.n, sizeof(*k->fps.v), cmp_u64);
	return 0;
}

/* Is the entry of a report or baseline (read_fps() checked it) known to s? */
static bool entry_known(const struct fp_set *s, json_t *entry)
{
	uint64_t fp = 0, byte_fp = 0, *legacy;
	size_t nl = legacy_fps(entry, &legacy);
	bool known;

	parse_fp(json_object_get(entry, "fingerprint"), &fp);
	parse_fp(json_object_get(entry, "byte_fingerprint"), &byte_fp);
	known = fp_known(s, fp, byte_fp, legacy, nl);
	free(legacy);
	return known;
}

static void free_known(struct known *k)
{
	json_decref(k->root);
	free(k->fps.v);
	memset(k, 0, sizeof(*k));
}

/*
 * Read a baseline or a JSON report; < 0 (one line given) if it is neither.  what prefixes the
 * open errors ("baseline: "), as open_input() words them: "PATH: baseline: cannot open: ENOENT".
 */
static int load_known(const char *path, const char *what, struct known *k)
{
	json_error_t err;
	json_t *version;
	int fd;
	FILE *f;

	memset(k, 0, sizeof(*k));
	fd = open_input(path, what, NULL);	/* a FIFO is refused, not waited on */
	if (fd < 0)
		return -1;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return input_error(path, "%scannot open: %s", what, strerror(errno));
	}
	k->root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
	fclose(f);
	if (!k->root)
		return input_error(path, "not valid JSON: line %d: %s", err.line, err.text);
	if ((version = json_object_get(k->root, "baseline"))) {
		json_int_t v = k->version = json_integer_value(version);

		if (!json_is_integer(version) || v < 1 || v > BASELINE_VERSION)
			return input_error(path, "not an istcheck baseline of version 1 to %d", BASELINE_VERSION);
		k->list = json_object_get(k->root, "findings");
	} else if ((version = json_object_get(k->root, "version")) &&
		   json_object_get(k->root, "results")) {
		json_int_t v = k->version = json_integer_value(version);

		if (!json_is_integer(version) || v < 1 || v > REPORT_VERSION)
			return input_error(path, "not an istcheck JSON report of version 1 to %d", REPORT_VERSION);
		k->list = json_object_get(k->root, "results");
		k->report = true;
	} else {
		return input_error(path, "not an istcheck baseline or JSON report");
	}
	if (!json_is_array(k->list))
		return input_error(path, "not an istcheck baseline or JSON report (no list of findings)");
	return read_fps(path, k);
}

static struct fp_set baseline;

int read_baseline(const char *path)
{
	struct known k;

	if (load_known(path, "baseline: ", &k) < 0) {
		free_known(&k);
		return -1;
	}
	baseline = k.fps;
	k.fps.v = NULL;
	free_known(&k);
	return 0;
}

void free_baseline(void)
{
	free(baseline.v);
	baseline.v = NULL;
	baseline.n = 0;
}

/* Mark the findings the baseline knows as suppressed; returns how many. */
size_t apply_baseline(struct report *r)
{
	size_t n = 0;

	if (!baseline.v)
		return 0;
	for (size_t i = 0; i < r->nr_items; i++) {
		const struct report_item *it = &r->items[i];
		size_t nl = it->f->variants[0].name ? it->f->nr_variants : 0;

		if (fp_known(&baseline, it->fingerprint, it->byte_fingerprint, it->legacy, nl)) {
			it->f->suppressed = true;
			n++;
		}
	}
	return n;
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
		json_object_set_new(o, "byte_fingerprint", json_sprintf("%016" PRIx64,
									it->byte_fingerprint));
		json_object_set_new(o, "rule", json_string(rule_table[it->f->rule].id));
		json_object_set_new(o, "input", json_str(it->f->file ? it->f->file->elf.path : NULL));
		json_object_set_new(o, "where", json_str(location_str(&it->loc, it->f->addr, where,
								      sizeof(where))));
		json_object_set_new(o, "variant", json_str(it->variant));
		json_object_set_new(o, "message", json_str(it->text));
		/* the version 1 identities too, so that version 1 reports and baselines match it */
		if (it->f->variants[0].name) {
			json_t *vars = json_array();

			for (size_t v = 0; v < it->f->nr_variants; v++) {
				json_t *vo = json_object();

				json_object_set_new(vo, "variant", json_str(it->f->variants[v].name));
				json_object_set_new(vo, "legacy_fingerprint",
						    json_sprintf("%016" PRIx64, it->legacy[v]));
				json_array_append_new(vars, vo);
			}
			json_object_set_new(o, "variants", vars);
		}
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

/* The text of a version 2 or 3 result: each message once with its variants, as the text format. */
static char *result_text(json_t *o)
{
	json_t *vars = json_object_get(o, "variants"), *v;
	size_t i, n = json_array_size(vars);
	const char **names, **msgs;
	char *text = NULL;

	if (!n)
		return NULL;
	names = calloc(n, sizeof(*names));
	msgs = calloc(n, sizeof(*msgs));
	if (names && msgs) {
		json_array_foreach(vars, i, v) {
			names[i] = get(v, "variant", NULL);
			msgs[i] = get(v, "message", get(o, "message", ""));
		}
		text = variants_text(names, msgs, n);
	}
	free(names);
	free(msgs);
	return text;
}

/*
 * One finding of a report or baseline, as the text format prints it: at its source line when
 * the report has one (so that an editor's quickfix jumps there), else at the input.  A version 1
 * baseline does not name the input: the file that lists the finding stands in.
 */
static void print_entry(json_t *o, const struct known *k, const char *path)
{
	const char *sym = get(o, "symbol", NULL), *variant = get(o, "variant", NULL);
	const char *rule = get(o, "rule", "?"), *sev = get(o, "severity", NULL);
	json_t *loc = json_object_get(o, "location");
	const char *src = get(loc, "file", NULL);
	json_int_t line = json_integer_value(json_object_get(loc, "line"));
	json_int_t col = json_integer_value(json_object_get(loc, "column"));
	bool report = k->report;
	char *text = report ? result_text(o) : NULL;
	int r = find_rule(rule);

	if (!sev)
		sev = r >= 0 ? severity_name(rule_table[r].sev) : "error";
	if (report && src && line > 0) {
		printf("%s:%" JSON_INTEGER_FORMAT, src, line);
		if (col > 0)
			printf(":%" JSON_INTEGER_FORMAT, col);
	} else {
		printf("%s", get(o, "input", path));
	}
	printf(": %s: istcheck: ", sev);
	if (!report)
		printf("%s: ", get(o, "where", "?"));
	else if (sym)
		printf("%s+%s: ", sym, get(o, "offset", "0"));
	else
		printf("%s+%s: ", get(o, "section", "?"), get(o, "section_offset", "0"));
	if (text)
		printf("%s", text);
	else if (variant && (report || k->version < 2))
		printf("%s (%s)", get(o, "message", ""), variant);
	else
		printf("%s", get(o, "message", ""));	/* a later baseline's holds its variants */
	printf(" [%s]\n", rule);
	free(text);
}

/* How many entries of list s does not know. */
static size_t count_unknown(json_t *list, const struct fp_set *s)
{
	size_t i, n = 0;
	json_t *o;

	json_array_foreach(list, i, o)
		n += !entry_known(s, o);
	return n;
}

/*
 * istcheck diff OLD NEW: the findings NEW has and OLD lacks, and how many of OLD's NEW lacks
 * (gone); 1 if any is new, 0 if none.  Each may be a JSON report or a baseline, of any version.
 */
int run_diff(const char *old_path, const char *new_path)
{
	struct known old, new = { 0 };
	size_t i, nr_new = 0, nr_gone;
	int ret = -1;
	json_t *o;

	if (load_known(old_path, "", &old) < 0 || load_known(new_path, "", &new) < 0)
		goto out;
	json_array_foreach(new.list, i, o) {
		if (entry_known(&old.fps, o))
			continue;
		print_entry(o, &new, new_path);
		nr_new++;
	}
	nr_gone = count_unknown(old.list, &new.fps);
	printf("istcheck diff: %zu new finding%s in %s, %zu gone from %s\n", nr_new,
	       nr_new == 1 ? "" : "s", new_path, nr_gone, old_path);
	ret = nr_new ? 1 : 0;
out:
	free_known(&old);
	free_known(&new);
	return ret;
}
