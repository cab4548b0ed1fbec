/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON format, version 1 (docs/report-format.md, docs/schemas/istcheck-report.schema.json).  Addresses and
 * offsets are hex strings: 64-bit kernel addresses do not survive JSON numbers in most readers.
 * Additive changes keep version 1; anything else bumps it.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "report.h"

#define JSON_VERSION 1

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

static json_t *json_inputs(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nr_files; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "path", json_str(r->files[i]->elf.path));
		json_object_set_new(o, "kind",
				    json_string(r->files[i]->elf.rel ? "object" : "final-link"));
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

static json_t *json_path(const struct report_item *it)
{
	json_t *a = json_array();

	for (size_t i = 0; i < it->f->nr_path; i++) {
		json_t *o = json_object();

		set_place(o, it->f->file, &it->steps[i], it->f->path[i].addr);
		json_object_set_new(o, "note", json_str(it->f->path[i].note));
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
	json_object_set_new(o, "message", json_str(f->msg));
	json_object_set_new(o, "variant", json_str(f->variant));
	json_object_set_new(o, "callee", json_str(f->callee));
	json_object_set_new(o, "input", json_str(input_path(f->file)));
	set_place(o, f->file, &it->loc, f->addr);
	json_object_set_new(o, "location", json_location(&it->loc));
	json_object_set_new(o, "fingerprint", json_sprintf("%016" PRIx64, it->fingerprint));
	json_object_set_new(o, "path", json_path(it));
	return o;
}

static json_t *json_note(const struct report_note *n)
{
	json_t *o = json_object();
	bool sym = n->addr && n->loc.sym;

	json_object_set_new(o, "input", json_str(input_path(n->file)));
	json_object_set_new(o, "symbol", sym ? json_str(n->loc.sym->name) : json_null());
	json_object_set_new(o, "offset", sym ? jhex(n->loc.sym_off) : json_null());
	json_object_set_new(o, "message", json_str(n->msg));
	return o;
}

int write_json(FILE *out, const struct report *r)
{
	json_t *root = json_object(), *tool = json_object(), *results = json_array();
	json_t *notes = json_array(), *summary = json_object();
	int ret;

	json_object_set_new(tool, "name", json_string("istcheck"));
	json_object_set_new(tool, "version", json_string(ISTCHECK_VERSION));
	for (size_t i = 0; i < r->nr_items; i++)
		json_array_append_new(results, json_result(&r->items[i]));
	for (size_t i = 0; i < r->nr_notes; i++)
		json_array_append_new(notes, json_note(&r->notes[i]));
	json_object_set_new(summary, "findings", json_integer(r->nr_items));
	json_object_set_new(summary, "notes", json_integer(r->nr_notes));

	json_object_set_new(root, "version", json_integer(JSON_VERSION));
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
