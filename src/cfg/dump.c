// SPDX-License-Identifier: GPL-2.0
/* Printers for the structures the phases build: --dump=sections and --dump=cfg:SYMBOL. */
#include <inttypes.h>
#include <string.h>

#include <istcheck/features.h>
#include <istcheck/istcheck.h>

static const char *const edge_names[NR_EDGE_KINDS] = {
	[EDGE_FALLTHROUGH] = "fallthrough",
	[EDGE_JUMP] = "jump",
	[EDGE_TAKEN] = "taken",
	[EDGE_NOT_TAKEN] = "not-taken",
	[EDGE_ALT] = "alt",
	[EDGE_KEY_ON] = "static-key-on",
	[EDGE_KEY_OFF] = "static-key-off",
	[EDGE_EXCEPTION] = "exception",
	[EDGE_INTRA_CALL] = "intra-call",
	[EDGE_IRET] = "iret",
};

const char *edge_kind_name(enum edge_kind kind)
{
	return kind < NR_EDGE_KINDS ? edge_names[kind] : "?";
}

/* The words of the witness steps, one vocabulary for every walk (an alternative adds its
 * condition: "alternative with PTI"). */
static const char *const step_names[NR_EDGE_KINDS] = {
	[EDGE_JUMP] = "jump",
	[EDGE_TAKEN] = "taken",
	[EDGE_NOT_TAKEN] = "not taken",
	[EDGE_ALT] = "alternative",
	[EDGE_KEY_ON] = "static key on",
	[EDGE_KEY_OFF] = "static key off",
	[EDGE_INTRA_CALL] = "jump",
	[EDGE_IRET] = "iret",
};

const char *edge_step_name(enum edge_kind kind)
{
	return kind < NR_EDGE_KINDS ? step_names[kind] : NULL;
}

const char *lits_str(const struct feat_lit *lits, size_t n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	for (size_t i = 0; i < n && used < len; i++) {
		char name[32];

		used += snprintf(buf + used, len - used, "%s%s %s", i ? ", " : "",
				 lits[i].neg ? "without" : "with", feature_str(lits[i].feature, name, sizeof(name)));
	}
	if (!n)
		snprintf(buf, len, "always");
	return buf;
}

static void show_insn(FILE *out, const struct ist_file *file, const struct function *f,
		      const struct insn *insn, bool last_of_dead_block)
{
	const struct elf_file *ef = &file->elf;
	char where[128], ref[128];

	if (insn->flags & INSN_F_REPLACEMENT)
		addr_str(ef, insn->addr, where, sizeof(where));
	else
		snprintf(where, sizeof(where), "+0x%" PRIx64, insn->addr - f->start);
	/* Objects have synthetic addresses: a direct branch shows only where it goes. */
	if ((insn->dest.sym || insn->dest.known) && ef->rel)
		fprintf(out, "\t%-28s %s %s", where, insn->mnemonic, ref_str(ef, &insn->dest, ref, sizeof(ref)));
	else if (insn->dest.sym || insn->dest.known)
		fprintf(out, "\t%-28s %s %s <%s>", where, insn->mnemonic, insn->op_str,
			ref_str(ef, &insn->dest, ref, sizeof(ref)));
	else
		fprintf(out, "\t%-28s %s%s%s", where, insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
	if (insn->mref.sym)
		fprintf(out, "  # %s", ref_str(ef, &insn->mref, ref, sizeof(ref)));
	if (insn->iref.sym)
		fprintf(out, "  # $%s", ref_str(ef, &insn->iref, ref, sizeof(ref)));
	if (insn->type == INSN_RET && (insn->flags & INSN_F_THUNK))
		fprintf(out, "  [return]");
	else if (insn->flags & INSN_F_THUNK)
		fprintf(out, "  [indirect]");
	if (insn->flags & INSN_F_TAIL)
		fprintf(out, "  [tail-call]");
	if (insn->type == INSN_CALL && last_of_dead_block && !(insn->flags & INSN_F_INTRA_CALL))
		fprintf(out, "  [noreturn]");
	if (insn->flags & INSN_F_PV_DIRECT)
		fprintf(out, "  [pv-direct-call]");
	if (insn->flags & INSN_F_QUIRK)
		fprintf(out, "  [quirk]");
	for (int k = 0; k < NR_ANNOTS; k++)
		if (k != ANN_RETURN_SITE && k != ANN_RETPOLINE_SITE && annot_has(&file->special, k, insn->addr))
			fprintf(out, "  [%s]", annot_name(k));
	fputc('\n', out);
}

static void show_edge(FILE *out, const struct ist_file *file, const struct edge *e)
{
	char buf[256], where[128];

	if (e->to)
		fprintf(out, "\t-> B%u %s", e->to->id, edge_kind_name(e->kind));
	else
		fprintf(out, "\t-> %s %s (leaves the function)", addr_str(&file->elf, e->addr, where, sizeof(where)),
			edge_kind_name(e->kind));
	if (e->kind == EDGE_ALT)
		fprintf(out, " %s [%s]", e->alt ? "replacement" : "original",
			lits_str(e->lits, e->nr_lits, buf, sizeof(buf)));
	fputc('\n', out);
}

void show_cfg(FILE *out, const struct ist_file *file, const struct function *f)
{
	char where[128];

	fprintf(out, "function %s [%s] %s, 0x%" PRIx64 " bytes, %zu blocks%s\n", f->sym->name,
		code_class_name(f->cls), addr_str(&file->elf, f->start, where, sizeof(where)),
		f->end - f->start, f->nr_blocks, f->ignored ? ", STACK_FRAME_NON_STANDARD" : "");
	for (size_t i = 0; i < f->nr_blocks; i++) {
		const struct block *blk = &f->blocks[i];

		if (blk->choice)
			fprintf(out, "B%u +0x%" PRIx64 ": alternative site\n", blk->id, blk->start - f->start);
		else if (blk->replacement)
			fprintf(out, "B%u %s: replacement\n", blk->id,
				addr_str(&file->elf, blk->start, where, sizeof(where)));
		else
			fprintf(out, "B%u +0x%" PRIx64 ":\n", blk->id, blk->start - f->start);
		for (size_t k = 0; k < blk->nr_insns; k++)
			show_insn(out, file, f, &blk->insns[k], k + 1 == blk->nr_insns && !blk->nr_succ);
		for (size_t k = 0; k < blk->nr_succ; k++)
			show_edge(out, file, &blk->succ[k]);
	}
}

/* Adjacent regions of one class (the thunks, one symbol each) print as one range. */
static void show_regions(FILE *out, const struct elf_file *ef)
{
	for (size_t i = 0; i < ef->nr_regions;) {
		const struct region *r = &ef->regions[i];
		uint64_t end = r->end;
		size_t n = 1;

		while (i + n < ef->nr_regions && ef->regions[i + n].cls == r->cls &&
		       ef->regions[i + n].start <= end + 64) {
			if (ef->regions[i + n].end > end)
				end = ef->regions[i + n].end;
			n++;
		}
		fprintf(out, "  %-8s %016" PRIx64 "-%016" PRIx64 " 0x%08" PRIx64 "  %s%s\n",
			code_class_name(r->cls), r->start, end, end - r->start, r->why,
			n > 1 ? " ..." : "");
		i += n;
	}
}

static void show_code_sections(FILE *out, const struct elf_file *ef)
{
	for (size_t i = 1; i < ef->nr_secs; i++) {
		const struct section *sec = &ef->secs[i];

		if (sec->cls == CODE_NONE || !sec->size)
			continue;
		if (ef->rel)
			fprintf(out, "  %-8s %-32s 0x%08" PRIx64 "\n", code_class_name(sec->cls), sec->name,
				sec->size);
		else
			fprintf(out, "  %-8s %-32s 0x%08" PRIx64 " at %016" PRIx64 "\n",
				code_class_name(sec->cls), sec->name, sec->size, sec->addr);
	}
}

void show_sections(FILE *out, const struct ist_file *file)
{
	const struct elf_file *ef = &file->elf;
	const struct special *sp = &file->special;

	fprintf(out, "%s: %s, %zu sections, %zu symbols, %zu functions\n", ef->path,
		ef->rel ? "relocatable object (ET_REL)" : "final link (ET_EXEC)", ef->nr_secs,
		ef->nr_syms, file->nr_funcs);
	fprintf(out, "code sections:\n");
	show_code_sections(out, ef);
	if (!ef->rel) {
		fprintf(out, "code regions:\n");
		show_regions(out, ef);
	}
	fprintf(out, "tables: altinstructions %zu, jump_table %zu, ex_table %zu\n", sp->nr_alts,
		sp->nr_jumps, sp->nr_extable);
	fprintf(out, "annotations:");
	for (int k = 0; k < NR_ANNOTS; k++)
		fprintf(out, " %s %zu", annot_name(k), sp->annots[k].n);
	fprintf(out, "\ninstrumentation markers: %s\n", sp->have_instr_markers ? "present" : "absent");
}
