/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SARIF 2.1.0, for code-scanning services and editors.  A finding with a source line gets a
 * physical region; one without (no DWARF, or a final vmlinux without it) names only the object
 * file and puts the function in logicalLocations, which is valid SARIF that such services list
 * but cannot place in a file.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <istcheck/util.h>
#include "report.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define LOC_LEN 512

static const char *sarif_level(enum severity sev)
{
	return sev == SEV_ERROR ? "error" : sev == SEV_NOTE ? "note" : "warning";
}

static json_t *jtext(const char *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", json_str(s));
	return o;
}

static bool uri_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-._~/!$&'()*+,;=@", c);
}

/*
 * A URI reference for a path: relative paths stay relative (to the source root, which is what
 * code-scanning services want), absolute ones become file:// URIs.  ':' is escaped so that a
 * relative path's first segment never reads as a scheme.
 */
static json_t *path_uri(const char *path)
{
	size_t len = strlen(path);
	char *buf = malloc(len * 3 + sizeof("file://")), *p = buf;
	json_t *j;

	if (!buf)
		return json_null();
	if (path[0] == '/')
		p = stpcpy(p, "file://");
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (*s && uri_safe(*s))
			*p++ = *s;
		else
			p += sprintf(p, "%%%02X", *s);
	}
	*p = 0;
	j = json_string(buf);
	free(buf);
	return j ? j : json_null();
}

static json_t *artifact(const char *path)
{
	json_t *o = json_object();

	json_object_set_new(o, "uri", path_uri(path ? path : ""));
	return o;
}

static json_t *logical_locations(const struct location *loc, uint64_t addr)
{
	json_t *a = json_array(), *o = json_object();
	char buf[LOC_LEN];

	location_str(loc, addr, buf, sizeof(buf));
	json_object_set_new(o, "fullyQualifiedName", json_str(buf));
	if (loc->sym)
		json_object_set_new(o, "kind", json_string("function"));
	json_array_append_new(a, o);
	return a;
}

static json_t *sarif_location(const struct ist_file *file, const struct location *loc,
			      uint64_t addr)
{
	json_t *o = json_object(), *phys = json_object();

	if (loc->src) {
		json_t *region = json_object();

		json_object_set_new(region, "startLine", json_integer(loc->line));
		if (loc->col)
			json_object_set_new(region, "startColumn", json_integer(loc->col));
		json_object_set_new(phys, "artifactLocation", artifact(loc->src));
		json_object_set_new(phys, "region", region);
	} else {
		json_object_set_new(phys, "artifactLocation",
				    artifact(file ? file->elf.path : NULL));
	}
	json_object_set_new(o, "physicalLocation", phys);
	json_object_set_new(o, "logicalLocations", logical_locations(loc, addr));
	return o;
}

static json_t *rule_properties(int r)
{
	json_t *o = json_object(), *a = json_array();

	for (size_t i = 0; i < nr_contracts(); i++)
		if (contract_has_rule(contract_at(i), r))
			json_array_append_new(a, json_string(contract_at(i)->name));
	json_object_set_new(o, "profiles", a);
	return o;
}

/* help: what the rule checks and the fix, as --explain gives them (the example stays there). */
static json_t *rule_help(const struct rule *rule)
{
	char *text;
	json_t *j;

	if (asprintf(&text, "%s  Fix: %s", rule->help, rule->fix) < 0)
		out_of_memory(NULL);
	j = jtext(text);
	free(text);
	return j;
}

static json_t *sarif_rules(void)
{
	json_t *a = json_array();

	for (int i = 0; i < NR_RULES; i++) {
		const struct rule *rule = &rule_table[i];
		json_t *o = json_object(), *conf = json_object();

		json_object_set_new(conf, "level", json_string(sarif_level(rule->sev)));
		/* On by default: in the default contract; the profiles say which --contract turns it on. */
		json_object_set_new(conf, "enabled", json_boolean(contract_has_rule(contract_at(0), i)));
		json_object_set_new(o, "id", json_string(rule->id));
		json_object_set_new(o, "shortDescription", jtext(rule->summary));
		json_object_set_new(o, "fullDescription", jtext(rule->help));
		json_object_set_new(o, "help", rule_help(rule));
		json_object_set_new(o, "defaultConfiguration", conf);
		json_object_set_new(o, "properties", rule_properties(i));
		json_array_append_new(a, o);
	}
	return a;
}

/* One code flow per variant with a witness, named by the variant. */
static json_t *code_flows(const struct report_item *it)
{
	json_t *flows = json_array();

	for (size_t v = 0; v < it->f->nr_variants; v++) {
		const struct finding_variant *var = &it->f->variants[v];
		json_t *flow, *threads, *thread, *locs;

		if (!var->nr_path)
			continue;
		flow = json_object();
		threads = json_array();
		thread = json_object();
		locs = json_array();
		for (size_t i = 0; i < var->nr_path; i++) {
			json_t *tfl = json_object();
			json_t *loc = sarif_location(it->f->file, &it->steps[v][i], var->path[i].addr);

			json_object_set_new(loc, "message", jtext(var->path[i].note));
			json_object_set_new(tfl, "location", loc);
			json_array_append_new(locs, tfl);
		}
		json_object_set_new(thread, "locations", locs);
		json_array_append_new(threads, thread);
		if (var->name)
			json_object_set_new(flow, "message", jtext(var->name));
		json_object_set_new(flow, "threadFlows", threads);
		json_array_append_new(flows, flow);
	}
	return flows;
}

static bool has_path(const struct finding *f)
{
	for (size_t v = 0; v < f->nr_variants; v++)
		if (f->variants[v].nr_path)
			return true;
	return false;
}

static json_t *sarif_result(const struct report_item *it)
{
	const struct finding *f = it->f;
	json_t *o = json_object(), *locs = json_array(), *fp = json_object();
	json_t *props = json_object();

	json_object_set_new(o, "ruleId", json_string(rule_table[f->rule].id));
	json_object_set_new(o, "ruleIndex", json_integer(f->rule));
	json_object_set_new(o, "level", json_string(sarif_level(f->sev)));
	json_object_set_new(o, "message", jtext(it->text));
	json_array_append_new(locs, sarif_location(f->file, &it->loc, f->addr));
	json_object_set_new(o, "locations", locs);
	/* v2: the key changed with the algorithm (report version 3), as SARIF asks (3.27.17) */
	json_object_set_new(fp, "istcheckFingerprint/v2", json_sprintf("%016" PRIx64,
								       it->fingerprint));
	json_object_set_new(o, "partialFingerprints", fp);
	if (has_path(f))
		json_object_set_new(o, "codeFlows", code_flows(it));

	if (it->loc.sec) {
		json_object_set_new(props, "section", json_str(it->loc.sec->name));
		json_object_set_new(props, "sectionOffset", json_sprintf("0x%" PRIx64,
									 it->loc.sec_off));
	}
	if (f->file && addr_meaningful(f->file))
		json_object_set_new(props, "address", json_sprintf("0x%" PRIx64, f->addr));
	if (it->variant)
		json_object_set_new(props, "variant", json_str(it->variant));
	if (f->variants[0].name) {
		json_t *a = json_array();

		for (size_t v = 0; v < f->nr_variants; v++)
			json_array_append_new(a, json_str(f->variants[v].name));
		json_object_set_new(props, "variants", a);
	}
	if (f->callee)
		json_object_set_new(props, "callee", json_str(f->callee));
	json_object_set_new(o, "properties", props);
	return o;
}

static json_t *notification(const struct report_note *n)
{
	json_t *o = json_object(), *locs = json_array();

	json_object_set_new(o, "level", json_string("note"));
	json_object_set_new(o, "message", jtext(n->msg));
	if (n->file) {
		json_t *loc;

		if (n->addr) {
			loc = sarif_location(n->file, &n->loc, n->addr);
		} else {
			json_t *phys = json_object();

			loc = json_object();
			json_object_set_new(phys, "artifactLocation", artifact(n->file->elf.path));
			json_object_set_new(loc, "physicalLocation", phys);
		}
		json_array_append_new(locs, loc);
		json_object_set_new(o, "locations", locs);
	} else {
		json_decref(locs);
	}
	return o;
}

/* The text format's summary line, per input, as the JSON report's inputs[].summary. */
static json_t *summary(const struct report *r)
{
	json_t *o = json_object(), *a = json_array();

	for (size_t i = 0; i < r->nr_files; i++) {
		json_t *in = json_input_summary(r->files[i], &r->sums[i]);

		json_object_set_new(in, "path", json_str(r->files[i]->elf.path));
		json_array_append_new(a, in);
	}
	json_object_set_new(o, "inputs", a);
	return o;
}

static json_t *invocations(const struct report *r)
{
	json_t *a = json_array(), *inv = json_object(), *notes = json_array();
	json_t *props = json_object();

	for (size_t i = 0; i < r->nr_notes; i++)
		json_array_append_new(notes, notification(&r->notes[i]));
	json_object_set_new(inv, "executionSuccessful", json_true());
	json_object_set_new(inv, "toolExecutionNotifications", notes);
	json_object_set_new(props, "istcheckSummary", summary(r));
	json_object_set_new(inv, "properties", props);
	json_array_append_new(a, inv);
	return a;
}

int write_sarif(FILE *out, const struct report *r)
{
	json_t *root = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object(), *results = json_array();
	int ret;

	json_object_set_new(driver, "name", json_string("istcheck"));
	json_object_set_new(driver, "version", json_string(ISTCHECK_VERSION));
	json_object_set_new(driver, "rules", sarif_rules());
	json_object_set_new(tool, "driver", driver);
	for (size_t i = 0; i < r->nr_items; i++)
		json_array_append_new(results, sarif_result(&r->items[i]));

	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "invocations", invocations(r));
	json_object_set_new(run, "results", results);
	json_array_append_new(runs, run);
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(root, "runs", runs);

	ret = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	if (ret < 0 || fputc('\n', out) == EOF)
		return -1;
	return 0;
}
