/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rule table.  Everything public about a rule (its ID, default severity, summary and help)
 * comes from rules.def, so the text, JSON and SARIF writers, the -W flags and the man page agree.
 */
#include <string.h>
#include <istcheck/diag.h>

const struct rule rule_table[NR_RULES] = {
#define RULE(sym, id_, sev_, summary_, help_) \
	[RULE_##sym] = { .id = id_, .sev = sev_, .summary = summary_, .help = help_ },
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

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (!strcmp(s, severity_name(all[i]))) {
			*sev = all[i];
			return true;
		}
	}
	return false;
}

void list_rules(FILE *out)
{
	int w = 0;

	for (int i = 0; i < NR_RULES; i++) {
		int len = strlen(rule_table[i].id);

		if (len > w)
			w = len;
	}
	for (int i = 0; i < NR_RULES; i++)
		fprintf(out, "%-*s  %-7s  %s\n", w, rule_table[i].id,
			severity_name(rule_table[i].sev), rule_table[i].summary);
}
