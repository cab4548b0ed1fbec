// SPDX-License-Identifier: GPL-2.0
/*
 * A toy fourth contract, to show that a contract is one row: "gs", the GSBASE rules of the
 * entry-contract walk, failing only on errors.  Linked into istcheck_toy (the istcheck driver
 * unchanged, plus this file); tests/toy-contract.sh runs it.
 */
#include <istcheck/diag.h>

static const int gs_rules[] = { RULE_gs_user_access, RULE_gs_balance, RULE_gs_fence };

static const struct contract gs_contract = {
	.name = "gs",
	.rules = gs_rules,
	.nr_rules = sizeof(gs_rules) / sizeof(gs_rules[0]),
	.walk = true,
	.fail_on = SEV_ERROR,
};

__attribute__((constructor)) static void add_gs_contract(void)
{
	add_contract(&gs_contract);
}
