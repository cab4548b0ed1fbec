/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rule table.  Everything public about a rule (its ID, default severity, profiles, summary
 * and help) comes from rules.def, so the text, JSON and SARIF writers, the -W flags, --contract,
 * --list-rules and the man page agree.
 */
#include <stdio.h>
#include <string.h>
#include <istcheck/diag.h>
#include <istcheck/util.h>

const struct rule rule_table[NR_RULES] = {
#define RULE(sym, id_, sev_, profiles_, summary_, help_, example_, fix_) \
	[RULE_##sym] = { .id = id_, .sev = sev_, .profiles = profiles_, .summary = summary_, \
			 .help = help_, .example = example_, .fix = fix_ },
#include <istcheck/rules.def>
#undef RULE
};

int find_rule(const char *id)
{
	for (int i = 0; i < NR_RULES; i++)
		if (!strcmp(rule_table[i].id, id))
			return i;
	return -1;
}

/* The contracts, one row each; the first is the default. */
static const struct contract builtin_contracts[] = {
	{ .name = "linux", .profile = P_LINUX, .walk = true, .fail_on = SEV_WARNING },
	{ .name = "aist", .profile = P_AIST, .walk = true, .fail_on = SEV_WARNING },
	{ .name = "noinstr", .profile = P_NOINSTR, .fail_on = SEV_WARNING },
};

static const struct contract *added_contracts[4];
static size_t nr_added;

size_t nr_contracts(void)
{
	return ARRAY_SIZE(builtin_contracts) + nr_added;
}

const struct contract *contract_at(size_t i)
{
	return i < ARRAY_SIZE(builtin_contracts) ? &builtin_contracts[i] :
	       added_contracts[i - ARRAY_SIZE(builtin_contracts)];
}

void add_contract(const struct contract *c)
{
	if (nr_added < ARRAY_SIZE(added_contracts))
		added_contracts[nr_added++] = c;
}

const struct contract *find_contract(const char *name)
{
	for (size_t i = 0; i < nr_contracts(); i++)
		if (!strcmp(contract_at(i)->name, name))
			return contract_at(i);
	return NULL;
}

bool contract_has_rule(const struct contract *c, int r)
{
	if (c->profile)
		return rule_table[r].profiles & c->profile;
	for (size_t i = 0; i < c->nr_rules; i++)
		if (c->rules[i] == r)
			return true;
	return false;
}

const char *rule_contracts_str(int r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	for (size_t i = 0; i < nr_contracts() && n < len; i++)
		if (contract_has_rule(contract_at(i), r))
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "", contract_at(i)->name);
	return buf;
}

const char *severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_NOTE:
		return "note";
	case SEV_WARNING:
		return "warning";
	case SEV_ERROR:
		return "error";
	case SEV_NEVER:
		return "none";
	}
	return "?";
}

/* "none" is only meaningful for --fail-on: no finding is ever that severe. */
bool parse_severity(const char *s, enum severity *sev)
{
	static const enum severity all[] = { SEV_NOTE, SEV_WARNING, SEV_ERROR, SEV_NEVER };

	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		if (!strcmp(s, severity_name(all[i]))) {
			*sev = all[i];
			return true;
		}
	}
	return false;
}

/*
 * One rule a line: ID, default severity, the --contract profiles that turn it on, "on" if the
 * default (linux) profile does, and the summary; a header names the columns.
 */
void list_rules(FILE *out)
{
	int w = (int)strlen("RULE"), pw = (int)strlen("PROFILES");
	char buf[64];

	for (int i = 0; i < NR_RULES; i++) {
		int len = (int)strlen(rule_table[i].id);
		int plen = (int)strlen(rule_contracts_str(i, buf, sizeof(buf)));

		if (len > w)
			w = len;
		if (plen > pw)
			pw = plen;
	}
	fprintf(out, "%-*s  %-8s  %-*s  %-7s  %s\n", w, "RULE", "SEVERITY", pw, "PROFILES",
		"DEFAULT", "SUMMARY");
	for (int i = 0; i < NR_RULES; i++)
		fprintf(out, "%-*s  %-8s  %-*s  %-7s  %s\n", w, rule_table[i].id,
			severity_name(rule_table[i].sev), pw,
			rule_contracts_str(i, buf, sizeof(buf)),
			contract_has_rule(contract_at(0), i) ? "on" : "off", rule_table[i].summary);
}

/* text, wrapped at 78 columns after indent spaces. */
static void print_wrapped(FILE *out, const char *text, int indent)
{
	int col = 0;

	while (*text) {
		size_t n = strcspn(text, " ");

		if (col && col + 1 + (int)n > 78) {
			fputc('\n', out);
			col = 0;
		}
		if (!col)
			col = fprintf(out, "%*s", indent, "");
		else
			col += fprintf(out, " ");
		col += fprintf(out, "%.*s", (int)n, text);
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

/*
 * --explain=RULE: the rule table's entry for a reader at a terminal: summary, severity and
 * profiles, what it checks, an example of code that breaks it with the finding it gets, the fix.
 */
void explain_rule(FILE *out, const char *id)
{
	int i = find_rule(id);
	const struct rule *r = &rule_table[i];
	const char *ex = r->example;
	char buf[64];

	fprintf(out, "%s: %s\n", r->id, r->summary);
	fprintf(out, "severity %s; profiles %s (%s by default)\n\n", severity_name(r->sev),
		rule_contracts_str(i, buf, sizeof(buf)), contract_has_rule(contract_at(0), i) ? "on" : "off");
	print_wrapped(out, r->help, 0);
	/* The example is code, then on its last line the finding it gets. */
	fprintf(out, "\nExample:\n");
	while (strchr(ex, '\n')) {
		size_t n = strcspn(ex, "\n");

		fprintf(out, "    %.*s\n", (int)n, ex);
		ex += n + 1;
	}
	fprintf(out, "\nwhich istcheck reports as\n    %s\n\nFix:\n", ex);
	print_wrapped(out, r->fix, 4);
}
