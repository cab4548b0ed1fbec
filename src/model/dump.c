// SPDX-License-Identifier: GPL-2.0
/*
 * --dump=model: the model as bound to the input, one fact a line, for a person checking that
 * a model says what they meant (and for the goldens).  Apart from reading and binding, which
 * every run needs and which never print: the dump binds through resolve_entries() like the
 * checks, so it shows the entry points they walk.
 */
#include <stdlib.h>
#include <string.h>

#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/model.h>

static void show_list(FILE *out, const char *what, const char *const *l, size_t n)
{
	fprintf(out, "%s:", what);
	for (size_t i = 0; i < n; i++)
		fprintf(out, " %s", l[i]);
	fputc('\n', out);
}

static void show_frame(FILE *out, const struct model_frame *f)
{
	static const char *const src[] = { "any", "user:", "imm", "mem", "flags" };

	fprintf(out, "frame %s:", f->entry);
	for (size_t i = 0; i < f->nr_slots; i++) {
		const struct model_slot *s = &f->slots[i];

		fprintf(out, " %s=%s", s->name, src[s->src]);
		if (s->src == SLOT_USER)
			fputs(gpr_name(s->reg), out);
		else if (s->src == SLOT_MEM && s->reg >= 0)
			fprintf(out, ":%s%+d", gpr_name(s->reg), s->disp);
	}
	fprintf(out, "\n  (%s)\n", f->why);
}

static void show_aist(FILE *out, const struct model *m, char *buf, size_t len)
{
	const struct model_aist *a = &m->aist;

	if (a->nr_entries)
		show_list(out, "aist entries", a->entries, a->nr_entries);
	else
		fputs("aist entries: every idt-ist entry but #DF\n", out);
	show_list(out, "aist code", a->code, a->nr_code);
	show_list(out, "aist memory", a->memory, a->nr_memory);
	fprintf(out, "aist commit: %s\n", a->commit ? a->commit : "none (leaving the IST stack counts)");
	if (a->has_feature)
		fprintf(out, "aist feature: %s\n", feature_str(a->feature, buf, len));
}

void show_model(FILE *out, struct ist_file *file, const struct model *m)
{
	struct entry_point *eps = NULL;
	size_t nr = 0, unret = file->special.annots[ANN_VALIDATE_UNRET].n;
	const char *src = strrchr(m->source, '/');
	char buf[64];

	fprintf(out, "model %s (%s)\n", m->name, src ? src + 1 : m->source);
	fputs("variants:", out);
	for (size_t i = 0; i < m->nr_variant_features; i++)
		fprintf(out, " %s", feature_str(m->variant_features[i], buf, sizeof(buf)));
	fputs("\nconsistent:", out);
	for (size_t i = 0; i < m->nr_consistent; i++)
		fprintf(out, " %s", feature_str(m->consistent[i], buf, sizeof(buf)));
	fprintf(out, "\nibrs: %s", feature_str(m->ibrs_feature, buf, sizeof(buf)));
	fprintf(out, "\nverw: %s\n", feature_str(m->verw_feature, buf, sizeof(buf)));
	for (size_t i = 0; i < m->nr_exclusions; i++) {
		fprintf(out, "exclusive: %s", feature_str(m->exclusions[i].a, buf, sizeof(buf)));
		fprintf(out, " / %s (%s)\n", feature_str(m->exclusions[i].b, buf, sizeof(buf)),
			m->exclusions[i].why);
	}
	resolve_entries(file, m, &eps, &nr);
	fprintf(out, "entry points: %zu\n", nr);
	for (size_t i = 0; i < nr; i++) {
		const struct model_entry *me = eps[i].me;

		fprintf(out, "  %-16s %-44s", entry_kind_name(me->kind), eps[i].name);
		if (eps[i].vector >= 0)
			fprintf(out, " vector %d", eps[i].vector);
		if (eps[i].from_idt)
			fputs(" (idt_data)", out);
		if (me->ist)
			fprintf(out, " ist %s", me->ist);
		for (size_t k = 0; k < me->nr_requires; k++)
			fprintf(out, " requires %s", feature_str(me->requires[k], buf, sizeof(buf)));
		if (me->no_untrain)
			fputs(" no-untrain", out);
		if (unret)
			fputs(annot_has(&file->special, ANN_VALIDATE_UNRET, eps[i].addr) ?
			      " [validate_unret]" : "", out);
		fputc('\n', out);
	}
	free(eps);
	if (unret)
		fprintf(out, "validate_unret sites: %zu\n", unret);
	for (size_t i = 0; i < m->nr_stack_loads; i++)
		fprintf(out, "stack load: %%gs:%s%s -> %s\n", m->stack_loads[i].symbol,
			m->stack_loads[i].offset >= 0 ? "+offset" : "",
			stack_kind_name(m->stack_loads[i].stack));
	for (size_t i = 0; i < m->nr_switchers; i++)
		fprintf(out, "stack switcher: %s%s%s\n", m->switchers[i].symbol,
			find_symbol(&file->elf, m->switchers[i].symbol) ? "" : " (absent)",
			m->switchers[i].to_user_frame ? " (rewrites the frame as from user)" : "");
	for (size_t i = 0; i < m->nr_user_rips; i++)
		fprintf(out, "user GSBASE at: %s%s%s\n", m->user_rips[i].symbol,
			m->user_rips[i].inside ? " (anywhere inside)" : "",
			m->user_rips[i].user_cr3 ? ", user CR3" : "");
	for (size_t i = 0; i < m->nr_gaps; i++)
		fprintf(out, "syscall gap: [%s, %s)\n", m->gaps[i].start, m->gaps[i].end);
	for (int l = 0; l < NR_MODEL_LISTS; l++) {
		if (model_lists[l].label && (m->lists[l].nr || model_lists[l].show_empty))
			show_list(out, model_lists[l].label, m->lists[l].names, m->lists[l].nr);
		if (l == ML_WALK && m->ret_no_gs)
			fputs("returns do not use %gs (no call-depth return thunk)\n", out);
	}
	show_aist(out, m, buf, sizeof(buf));
	for (size_t i = 0; i < m->nr_frames; i++)
		show_frame(out, &m->frames[i]);
	for (size_t i = 0; i < m->nr_exemptions; i++)
		fprintf(out, "exempt: %s in %s: %s\n", m->exemptions[i].rule, m->exemptions[i].symbol,
			m->exemptions[i].reason);
}
