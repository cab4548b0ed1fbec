/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rule table and the contract table.  Everything public about a rule (its ID, default
 * severity, profiles, summary, help, example and fix) comes from rules.def, and everything about
 * a contract from its row here, so the checks, the -W flags, --contract, the text, JSON and SARIF
 * writers, --list-rules, --explain and the man page agree.  Below the checks, which ask which
 * rules are on; report/explain.c prints them.
 */
#include <stdio.h>
#include <string.h>
#include <istcheck/diag.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* The run's options: the driver sets them (src/options.c); every phase from cfg/ up reads them. */
struct ist_opts opts;

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

