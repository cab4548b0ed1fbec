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

static const struct { const char *name; unsigned bit; } profile_names[] = {
	{ "linux", P_LINUX }, { "aist", P_AIST }, { "noinstr", P_NOINSTR },
};

unsigned find_profile(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(profile_names); i++)
		if (!strcmp(name, profile_names[i].name))
			return profile_names[i].bit;
	return 0;
}

const char *profiles_str(unsigned profiles, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	for (size_t i = 0; i < ARRAY_SIZE(profile_names) && n < len; i++)
		if (profiles & profile_names[i].bit)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "",
					      profile_names[i].name);
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
		int plen = (int)strlen(profiles_str(rule_table[i].profiles, buf, sizeof(buf)));

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
			profiles_str(rule_table[i].profiles, buf, sizeof(buf)),
			rule_table[i].profiles & P_LINUX ? "on" : "off", rule_table[i].summary);
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
	const struct rule *r = &rule_table[find_rule(id)];
	const char *ex = r->example;
	char buf[64];

	fprintf(out, "%s: %s\n", r->id, r->summary);
	fprintf(out, "severity %s; profiles %s (%s by default)\n\n", severity_name(r->sev),
		profiles_str(r->profiles, buf, sizeof(buf)), r->profiles & P_LINUX ? "on" : "off");
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
