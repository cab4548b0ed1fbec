/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON format, version 2 (docs/report-format.md, docs/schemas/istcheck-report.schema.json).
 * Addresses and offsets are hex strings: 64-bit kernel addresses do not survive JSON numbers in
 * most readers.  Additive changes keep the version; anything else bumps it (2: one result per
 * rule and instruction, its variants listed inside it).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "report.h"

/* json_string() refuses invalid UTF-8; a path or symbol name must not vanish for that. */
json_t *json_str(const char *s)
{
	json_t *j;
	char *copy;

	if (!s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	copy = strdup(s);
	if (!copy)
		return json_null();
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j ? j : json_null();
}

static json_t *jhex(uint64_t v)
{
	return json_sprintf("0x%" PRIx64, v);
}

static const char *input_path(const struct ist_file *file)
{
	return file ? file->elf.path : NULL;
}

/* What was checked in one input and what came of it: the text format's summary line. */
json_t *json_input_summary(const struct ist_file *file, const struct file_summary *s)
{
	const struct check_stats *st = &file->stats;
	json_t *o = json_object();

	json_object_set_new(o, "contract", json_string(contract_name()));
	json_object_set_new(o, "model", json_str(opts.contract->walk ? st->model : NULL));
	json_object_set_new(o, "variants", json_integer(st->variants));
	json_object_set_new(o, "entry_points", json_integer((json_int_t)st->entry_points));
	json_object_set_new(o, "entry_points_cut", json_integer((json_int_t)st->entries_cut));
	json_object_set_new(o, "functions", json_integer((json_int_t)st->functions));
	json_object_set_new(o, "functions_skipped", json_integer((json_int_t)st->functions_skipped));
	json_object_set_new(o, "result", json_string(s->nothing_checked ? "nothing checked" :
						      opts.write_baseline ? "recorded in the baseline" :
						      s->failed ? "failed" : "passed"));
	json_object_set_new(o, "errors", json_integer((json_int_t)s->errors));
	json_object_set_new(o, "warnings", json_integer((json_int_t)s->warnings));
	json_object_set_new(o, "suppressed", json_integer((json_int_t)s->suppressed));
	json_object_set_new(o, "notes", json_integer((json_int_t)s->notes));
	return o;
}

static json_t *json_inputs(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nr_files; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "path", json_str(r->files[i]->elf.path));
		json_object_set_new(o, "kind",
				    json_string(r->files[i]->elf.rel ? "object" : "final-link"));
		json_object_set_new(o, "summary", json_input_summary(r->files[i], &r->sums[i]));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *json_location(const struct location *loc)
{
	json_t *o;

	if (!loc->src)
		return json_null();
	o = json_object();
	json_object_set_new(o, "file", json_str(loc->src));
	json_object_set_new(o, "line", json_integer(loc->line));
	json_object_set_new(o, "column", loc->col ? json_integer(loc->col) : json_null());
	return o;
}

/* symbol, offset, section, section_offset, address: the keys every located thing has. */
static void set_place(json_t *o, const struct ist_file *file, const struct location *loc,
		      uint64_t addr)
{
	json_object_set_new(o, "symbol", loc->sym ? json_str(loc->sym->name) : json_null());
	json_object_set_new(o, "offset", loc->sym ? jhex(loc->sym_off) : json_null());
	/* Without a symbol a place says why it has none. */
	if (!loc->sym)
		json_object_set_new(o, "no_symbol", json_string(!loc->sec ? "outside every section" :
			(loc->sec->flags & SHF_EXECINSTR) ? "no symbol or label covers this code" :
			"no symbol covers this data"));
	json_object_set_new(o, "section", loc->sec ? json_str(loc->sec->name) : json_null());
	json_object_set_new(o, "section_offset", loc->sec ? jhex(loc->sec_off) : json_null());
	json_object_set_new(o, "address",
			    file && addr_meaningful(file) ? jhex(addr) : json_null());
}

/* The witness of variant v: entry point, branch decisions, the instruction. */
static json_t *json_path(const struct report_item *it, size_t v)
{
	const struct finding_variant *var = &it->f->variants[v];
	json_t *a = json_array();

	for (size_t i = 0; i < var->nr_path; i++) {
		json_t *o = json_object();

		set_place(o, it->f->file, &it->steps[v][i], var->path[i].addr);
		json_object_set_new(o, "location", json_location(&it->steps[v][i]));
		json_object_set_new(o, "note", json_str(var->path[i].note));
		json_array_append_new(a, o);
	}
	return a;
}

/* Each variant the finding holds in, with its message, witness and version 1 fingerprint. */
static json_t *json_variants(const struct report_item *it)
{
	const struct finding *f = it->f;
	json_t *a = json_array();

	for (size_t v = 0; v < f->nr_variants && f->variants[v].name; v++) {
		json_t *o = json_object();

		json_object_set_new(o, "variant", json_str(f->variants[v].name));
		json_object_set_new(o, "message", json_str(f->variants[v].msg));
		json_object_set_new(o, "legacy_fingerprint", json_sprintf("%016" PRIx64, it->legacy[v]));
		json_object_set_new(o, "path", json_path(it, v));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *json_result(const struct report_item *it)
{
	const struct finding *f = it->f;
	json_t *o = json_object();

	json_object_set_new(o, "rule", json_string(rule_table[f->rule].id));
	json_object_set_new(o, "severity", json_string(severity_name(f->sev)));
	json_object_set_new(o, "message", json_str(f->variants[0].msg));
	json_object_set_new(o, "variant", json_str(it->variant));
	json_object_set_new(o, "variants", json_variants(it));
	json_object_set_new(o, "callee", json_str(f->callee));
	json_object_set_new(o, "input", json_str(input_path(f->file)));
	set_place(o, f->file, &it->loc, f->addr);
	json_object_set_new(o, "location", json_location(&it->loc));
	json_object_set_new(o, "fingerprint", json_sprintf("%016" PRIx64, it->fingerprint));
	json_object_set_new(o, "byte_fingerprint", json_sprintf("%016" PRIx64, it->byte_fingerprint));
	json_object_set_new(o, "path", json_path(it, 0));
	return o;
}

static json_t *json_note(const struct report_note *n)
{
	json_t *o = json_object();
	bool sym = n->addr && n->loc.sym;

	json_object_set_new(o, "input", json_str(input_path(n->file)));
	json_object_set_new(o, "symbol", sym ? json_str(n->loc.sym->name) : json_null());
	json_object_set_new(o, "offset", sym ? jhex(n->loc.sym_off) : json_null());
	json_object_set_new(o, "location", json_location(&n->loc));
	json_object_set_new(o, "message", json_str(n->msg));
	return o;
}

int write_json(FILE *out, const struct report *r)
{
	json_t *root = json_object(), *tool = json_object(), *results = json_array();
	json_t *notes = json_array(), *summary = json_object();
	size_t errors = 0, warnings = 0, suppressed = 0;
	int ret;

	for (size_t i = 0; i < r->nr_files; i++) {
		errors += r->sums[i].errors;
		warnings += r->sums[i].warnings;
		suppressed += r->sums[i].suppressed;
	}
	json_object_set_new(tool, "name", json_string("istcheck"));
	json_object_set_new(tool, "version", json_string(ISTCHECK_VERSION));
	for (size_t i = 0; i < r->nr_items; i++)
		json_array_append_new(results, json_result(&r->items[i]));
	for (size_t i = 0; i < r->nr_notes; i++)
		json_array_append_new(notes, json_note(&r->notes[i]));
	json_object_set_new(summary, "findings", json_integer(r->nr_items));
	json_object_set_new(summary, "notes", json_integer(r->nr_notes));
	json_object_set_new(summary, "errors", json_integer((json_int_t)errors));
	json_object_set_new(summary, "warnings", json_integer((json_int_t)warnings));
	json_object_set_new(summary, "suppressed", json_integer((json_int_t)suppressed));

	json_object_set_new(root, "version", json_integer(REPORT_VERSION));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(root, "inputs", json_inputs(r));
	json_object_set_new(root, "results", results);
	json_object_set_new(root, "notes", notes);
	json_object_set_new(root, "summary", summary);

	ret = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	if (ret < 0 || fputc('\n', out) == EOF)
		return -1;
	return 0;
}
