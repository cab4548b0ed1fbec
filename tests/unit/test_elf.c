/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The readers on the assembled fixtures: sections and their classes, symbols at and around
 * addresses, relocations, the patching tables and the annotations, in an object and in a final
 * link.  The fixture sources (tests/fixtures/NAME.S) say what each table must hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <istcheck/features.h>
#include <istcheck/model.h>
#include <istcheck/special.h>

struct loaded {
	struct elf_file ef;
	struct special sp;
};

static int load(void **state, const char *name)
{
	const char *dir = getenv("FIXTURES");
	struct loaded *l = calloc(1, sizeof(*l));
	static char path[4][512];
	static int n;
	char *p = path[n++ % 4];

	if (!dir || !l)
		return -1;
	snprintf(p, 512, "%s/%s", dir, name);
	if (read_elf(&l->ef, p) < 0 || read_special(&l->ef, &l->sp) < 0)
		return -1;
	*state = l;
	return 0;
}

static int load_object(void **state) { return load(state, "mini_entry.o"); }
static int load_final(void **state) { return load(state, "mini_vmlinux"); }
static int load_newer(void **state) { return load(state, "annotate_insn.o"); }
static int load_dup(void **state) { return load(state, "dup_local_r.o"); }

static int unload(void **state)
{
	struct loaded *l = *state;

	free_special(&l->sp);
	close_elf(&l->ef);
	free(l);
	return 0;
}

static uint64_t sym(const struct loaded *l, const char *name)
{
	const struct symbol *s = find_symbol(&l->ef, name);

	assert_non_null(s);
	return s->addr;
}

static void test_object_sections(void **state)
{
	const struct loaded *l = *state;

	assert_true(l->ef.rel);
	assert_int_equal(find_section(&l->ef, ".entry.text")->cls, CODE_ENTRY);
	assert_int_equal(find_section(&l->ef, ".noinstr.text")->cls, CODE_NOINSTR);
	assert_int_equal(find_section(&l->ef, ".text")->cls, CODE_TEXT);
	assert_int_equal(find_section(&l->ef, ".text..__x86.return_thunk")->cls, CODE_THUNK);
	assert_int_equal(find_section(&l->ef, ".altinstr_replacement")->cls, CODE_ALTREPL);
	assert_int_equal(find_section(&l->ef, ".data")->cls, CODE_NONE);
	assert_int_equal(addr_class(&l->ef, sym(l, "mini_syscall") + 4), CODE_ENTRY);
	assert_true(class_is_noinstr(addr_class(&l->ef, sym(l, "do_mini_syscall"))));
	assert_false(class_is_noinstr(addr_class(&l->ef, sym(l, "instrumented_helper"))));
	/* Synthetic bases keep sections apart, so an address names one section. */
	assert_ptr_equal(find_section_by_addr(&l->ef, sym(l, "mini_syscall")),
			 find_section(&l->ef, ".entry.text"));
}

static void test_symbols(void **state)
{
	const struct loaded *l = *state;
	const struct symbol *s = find_symbol(&l->ef, "mini_syscall"), *inner;

	assert_non_null(s);
	assert_int_equal(s->type, STT_NOTYPE);
	assert_int_equal(s->bind, STB_GLOBAL);
	assert_int_equal(s->size, 0x72);
	inner = find_symbol(&l->ef, "mini_syscall_safe_stack");
	assert_non_null(inner);
	assert_int_equal(inner->size, 0);
	/* At the inner label, the label is the symbol there, but the sized one contains it. */
	assert_ptr_equal(find_symbol_at(&l->ef, inner->addr), inner);
	assert_ptr_equal(find_symbol_containing(&l->ef, inner->addr), s);
	assert_ptr_equal(find_symbol_containing(&l->ef, s->addr + s->size - 1), s);
	assert_ptr_not_equal(find_symbol_containing(&l->ef, s->addr + s->size), s);
	assert_null(find_symbol(&l->ef, "no_such_symbol"));
	/* Section symbols are named after their section but are not found by name. */
	assert_null(find_symbol(&l->ef, ".entry.text"));
}

static void test_relocs(void **state)
{
	const struct loaded *l = *state;
	const struct section *sec = find_section(&l->ef, ".noinstr.text");
	uint64_t call = sym(l, "do_mini_syscall") + 7 - sec->addr;	/* call instrumented_helper */
	const struct reloc *r = find_reloc(sec, call, 5);

	assert_non_null(r);
	assert_int_equal(r->offset, call + 1);
	assert_int_equal(r->type, R_X86_64_PLT32);
	assert_string_equal(r->sym->name, "instrumented_helper");
	assert_int_equal(r->addend, -4);
	assert_null(find_reloc(sec, call + 1 + 4, 1));
}

static void test_alternatives(void **state)
{
	const struct loaded *l = *state;
	uint64_t f = sym(l, "mini_syscall");
	const struct alt_record *a;
	size_t n;

	assert_int_equal(l->sp.nr_alts, 5);
	a = find_alts(&l->sp, f + 0x10, &n);		/* PTI: "jmp .Lcr3_done" over the CR3 switch */
	assert_int_equal(n, 1);
	assert_int_equal(a->feature, FEAT(7, 11));
	assert_int_equal(a->flags, 0);
	assert_int_equal(a->orig_len, 2);
	assert_int_equal(a->repl_len, 0);
	a = find_alts(&l->sp, f + 0x38, &n);		/* nested ALTERNATIVE_2: table order kept */
	assert_int_equal(n, 2);
	assert_int_equal(a[0].feature, FEAT(11, 15));
	assert_int_equal(a[1].feature, FEAT(11, 25));
	assert_true(a[0].index < a[1].index);
	assert_int_equal(a[0].orig_len, 8);
	assert_int_equal(a[0].repl_len, 5);
	assert_int_equal(a[1].repl, a[0].repl + 5);
	assert_int_equal(find_section_by_addr(&l->ef, a[0].repl)->cls, CODE_ALTREPL);
	assert_null(find_alts(&l->sp, f + 0x11, &n));
	assert_int_equal(n, 0);
}

static void test_jump_table(void **state)
{
	const struct loaded *l = *state;
	uint64_t f = sym(l, "do_mini_syscall");
	const struct jump_entry *j = find_jump(&l->sp, f + 1);

	assert_int_equal(l->sp.nr_jumps, 1);
	assert_non_null(j);
	assert_int_equal(j->target, f + 0x15);
	assert_int_equal(j->key_flags, 2);
	if (l->ef.rel) {
		assert_non_null(j->key);
		assert_string_equal(j->key->name, "mini_key");
	}
	assert_null(find_jump(&l->sp, f));
}

static void test_extable(void **state)
{
	const struct loaded *l = *state;
	uint64_t f = sym(l, "mini_load_gs");
	const struct ex_entry *e = find_extable(&l->sp, f + 3);

	assert_int_equal(l->sp.nr_extable, 1);
	assert_non_null(e);
	assert_int_equal(e->fixup, f + 0xd);
	assert_null(find_extable(&l->sp, f));
}

static void test_annotations(void **state)
{
	const struct loaded *l = *state;
	uint64_t f = sym(l, "do_mini_syscall");

	assert_true(l->sp.have_instr_markers);
	assert_true(l->sp.have_discard);
	assert_int_equal(annot_count(&l->sp, ANN_INSTR_BEGIN, f + 6), 1);
	assert_int_equal(annot_count(&l->sp, ANN_INSTR_END, f + 0xc), 1);
	assert_int_equal(annot_count(&l->sp, ANN_INSTR_BEGIN, f + 0xc), 0);
	assert_true(annot_has(&l->sp, ANN_INTRA_CALL, sym(l, "mini_fill_rsb")));
	assert_int_equal(l->sp.annots[ANN_REACHABLE].n, 0);
}

/* A final link: same tables, found by boundary symbols and resolved by arithmetic. */
static void test_final_link(void **state)
{
	const struct loaded *l = *state;

	assert_false(l->ef.rel);
	assert_null(find_section(&l->ef, ".entry.text"));
	assert_null(find_section(&l->ef, "__jump_table"));	/* inside .data */
	assert_int_equal(addr_class(&l->ef, sym(l, "mini_syscall")), CODE_ENTRY);
	assert_int_equal(addr_class(&l->ef, sym(l, "do_mini_syscall")), CODE_NOINSTR);
	assert_int_equal(addr_class(&l->ef, sym(l, "instrumented_helper")), CODE_TEXT);
	assert_int_equal(addr_class(&l->ef, sym(l, "__x86_return_thunk")), CODE_THUNK);
	assert_int_equal(addr_class(&l->ef, sym(l, "entry_untrain_ret")), CODE_THUNK);
	assert_false(l->sp.have_instr_markers);
	assert_false(l->sp.have_discard);
	assert_int_equal(l->sp.nr_alts, 5);
	test_jump_table(state);
	test_extable(state);
}

static void test_annotate_insn(void **state)
{
	const struct loaded *l = *state;
	uint64_t f = sym(l, "newer_noinstr");

	assert_true(l->sp.have_instr_markers);
	assert_true(annot_has(&l->sp, ANN_INSTR_BEGIN, f));
	assert_true(annot_has(&l->sp, ANN_INSTR_END, f + 6));
	assert_true(annot_has(&l->sp, ANN_RETPOLINE_SAFE, f + 7));
	assert_int_equal(l->sp.annots[ANN_INSTR_BEGIN].n, 1);
	assert_int_equal(l->sp.annots[ANN_INSTR_END].n, 1);
}

static void test_pcrel32(void **state)
{
	const struct loaded *l = *state;
	const struct section *ex = l->ef.rel ? find_section(&l->ef, "__ex_table") : NULL;
	uint64_t addr;

	if (!ex)
		return;
	assert_true(read_pcrel32(&l->ef, ex, 0, &addr));
	assert_int_equal(addr, sym(l, "mini_load_gs") + 3);
	assert_false(read_pcrel32(&l->ef, ex, ex->size - 2, &addr));	/* runs past the end */
}

/* Two static functions of one name: both on find_symbol()'s chain, both marked by the model. */
static void test_same_name(void **state)
{
	struct loaded *l = *state;
	const char *untrain[] = { "dup_helper" };
	struct model m = { .lists[ML_UNTRAIN] = { untrain, 1 } };
	struct symbol *a = find_symbol(&l->ef, "dup_helper"), *b;

	assert_non_null(a);
	b = a->same_name;
	assert_non_null(b);
	assert_string_equal(b->name, "dup_helper");
	assert_true(a->addr != b->addr);
	assert_null(b->same_name);
	assert_null(find_symbol(&l->ef, "mini_syscall"));

	mark_model_roles(&m, &l->ef);
	assert_int_equal(a->roles, ROLE_UNTRAIN);
	assert_int_equal(b->roles, ROLE_UNTRAIN);
	/* A second model starts from nothing: marks do not carry over. */
	m = (struct model){ .lists[ML_WALK] = { untrain, 1 } };
	mark_model_roles(&m, &l->ef);
	assert_int_equal(a->roles, ROLE_WALK);
	assert_int_equal(b->roles, ROLE_WALK);
}

int main(void)
{
	const struct CMUnitTest object[] = {
		cmocka_unit_test_setup_teardown(test_object_sections, load_object, unload),
		cmocka_unit_test_setup_teardown(test_symbols, load_object, unload),
		cmocka_unit_test_setup_teardown(test_relocs, load_object, unload),
		cmocka_unit_test_setup_teardown(test_alternatives, load_object, unload),
		cmocka_unit_test_setup_teardown(test_jump_table, load_object, unload),
		cmocka_unit_test_setup_teardown(test_extable, load_object, unload),
		cmocka_unit_test_setup_teardown(test_annotations, load_object, unload),
		cmocka_unit_test_setup_teardown(test_pcrel32, load_object, unload),
		cmocka_unit_test_setup_teardown(test_final_link, load_final, unload),
		cmocka_unit_test_setup_teardown(test_alternatives, load_final, unload),
		cmocka_unit_test_setup_teardown(test_annotate_insn, load_newer, unload),
		cmocka_unit_test_setup_teardown(test_same_name, load_dup, unload),
	};

	return cmocka_run_group_tests(object, NULL, NULL);
}
