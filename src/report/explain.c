// SPDX-License-Identifier: GPL-2.0
/* --list-rules and --explain: the rule table (cfg/rules.c) printed for a reader. */
#include <stdio.h>
#include <string.h>
#include <istcheck/diag.h>

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
