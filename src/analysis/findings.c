// SPDX-License-Identifier: GPL-2.0
/*
 * A family's finding: filtered by the rule switches and the model's exemptions, named with the
 * variant the path assumed ("from user mode, with PTI, without XENPV"), and given the witness:
 * the steps from the entry point down the walk (or a summary's replayed steps) to it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include "analysis_internal.h"

const char *val3_name(enum val3 v)
{
	return v == V_USER ? "user" : v == V_KERNEL ? "kernel" : "unknown";
}

/* "from user mode, with PTI, without XENPV": origin plus the model's variant features. */
static void variant_str(const struct actx *c, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "from %s mode", val3_name(c->st->origin));
	char fb[48];

	for (size_t i = 0; i < c->model->nr_variant_features && n < len; i++) {
		uint16_t f = c->model->variant_features[i];
		bool on;

		if (feature_assumed(c->st, f, &on))
			n += (size_t)snprintf(buf + n, len - n, ", %s %s", on ? "with" : "without",
					      feature_str(f, fb, sizeof(fb)));
	}
}

/*
 * The witness: the steps from the root (an entry point, or in a function walk the function) down
 * to the node.  A chain longer than the buffer keeps its root and the steps nearest the node.
 */
void add_witness(const struct actx *c, struct finding *f)
{
	const struct wstep *chain[256], *p;
	size_t n = 0;
	char buf[256];

	for (p = &c->node->w; p && n < 255; p = p->parent)
		chain[n++] = p;
	for (; p; p = p->parent)
		if (!p->parent)
			chain[n++] = p;
	while (n--) {
		p = chain[n];
		if (!p->step)
			continue;
		if (p->alt)
			finding_add_step(f, p->at, "%s %s", p->step,
					 lits_str(p->lits, p->nr_lits, buf, sizeof(buf)));
		else if (strcmp(p->step, "entry"))
			finding_add_step(f, p->at, "%s", p->step);
		else if (c->ep)
			finding_add_step(f, p->at, "entry %s (%s)", c->ep->name,
					 entry_kind_name(c->ep->me->kind));
		else
			finding_add_step(f, p->at, "entry %s", c->an->root->sym->name);
	}
}

struct finding *report_contract(struct actx *c, enum rule_id rule, const struct insn *insn,
				const char *fmt, ...)
{
	const struct symbol *label;
	const char *fsym;
	struct function *fn;
	struct finding *f;
	char variant[160], msg[512];
	va_list ap;

	if (!opts.rule_on[rule])
		return NULL;		/* the checks run whole: the rules they serve may be off */
	fn = find_function_containing(c->file, insn->addr);
	label = find_label_before(&c->file->elf, insn->addr);
	/* An exemption names the function, the label the code is under, the entry point, or the
	 * model exit the instruction jumps to (jmp xen_iret). */
	fsym = fn ? fn->sym->name : NULL;
	if (model_exempt(c->model, rule_table[rule].id, fsym) ||
	    model_exempt(c->model, rule_table[rule].id, label ? label->name : NULL) ||
	    model_exempt(c->model, rule_table[rule].id, c->ep->name) ||
	    (is_model_exit(&insn->dest) &&
	     model_exempt(c->model, rule_table[rule].id, insn->dest.sym->name)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	variant_str(c, variant, sizeof(variant));
	f = report_finding(c->file, rule, insn, variant, "%s", msg);
	if (f)
		add_witness(c, f);
	return f;
}
