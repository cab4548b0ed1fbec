/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a finding is, and whether a weak definition decides a call, on the assembled fixtures:
 * code in an alternative's replacement is named by the site it is patched into (alt_call.S), a
 * place without a symbol says why in JSON, and a weak definition is final only after a link
 * (weak_call.S and its links, tests/fixtures/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include <istcheck/istcheck.h>

static struct ist_file file;

static int load(const char *name)
{
	const char *dir = getenv("FIXTURES");
	static char path[512];

	memset(&file, 0, sizeof(file));
	if (!dir)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (read_elf(&file.elf, path) < 0 || read_special(&file.elf, &file.special) < 0)
		return -1;
	return 0;
}

static int load_alt(void **state)
{
	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.contract = find_contract("noinstr");
	for (int i = 0; i < NR_RULES; i++)
		opts.rule_on[i] = true;
	opts.fail_on = SEV_WARNING;
	opts.format = FMT_JSON;
	return load("alt_call.o");
}

static int unload(void **state)
{
	(void)state;
	reset_diag();
	close_file(&file);
	return 0;
}

static uint64_t sym(const char *name)
{
	const struct symbol *s = find_symbol(&file.elf, name);

	assert_non_null(s);
	return s->addr;
}

/* The call in the replacement, "xorl %eax, %eax; call text_helper": 2 bytes in. */
static uint64_t repl_call(void)
{
	const struct section *repl = find_section(&file.elf, ".altinstr_replacement");

	assert_non_null(repl);
	return repl->addr + 2;
}

static void test_replacement_named_by_site(void **state)
{
	uint64_t off = 0;
	const struct symbol *s;

	(void)state;
	/* No symbol covers the replacement bytes themselves. */
	assert_null(find_symbol_containing(&file.elf, repl_call()));
	/* Patched in at alt_site+1 (after the nop), the call runs at alt_site+1+2. */
	s = find_code_symbol(&file.elf, &file.special, repl_call(), &off);
	assert_non_null(s);
	assert_string_equal(s->name, "alt_site");
	assert_int_equal(off, 3);
	/* Ordinary code keeps its covering symbol. */
	s = find_code_symbol(&file.elf, &file.special, sym("alt_site") + 8, &off);
	assert_non_null(s);
	assert_string_equal(s->name, "alt_site");
	assert_int_equal(off, 8);
}

static json_t *report_at(uint64_t addr)
{
	static const uint8_t nop = 0x90;
	struct insn insn = { .addr = addr, .bytes = &nop, .len = 1 };
	json_error_t err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ist_file *files[] = { &file };
	json_t *root;

	assert_non_null(f);
	assert_non_null(report_finding(&file, RULE_noinstr_call, &insn, NULL, "here"));
	write_report(f, files, 1);
	fclose(f);
	root = json_loads(buf, 0, &err);
	if (!root)
		fail_msg("bad JSON: %s", err.text);
	free(buf);
	return root;
}

static json_t *first_result(json_t *root)
{
	json_t *res = json_array_get(json_object_get(root, "results"), 0);

	assert_non_null(res);
	return res;
}

static void test_json_names_replacement(void **state)
{
	json_t *root = report_at(repl_call()), *res = first_result(root);

	(void)state;
	assert_string_equal(json_string_value(json_object_get(res, "symbol")), "alt_site");
	assert_string_equal(json_string_value(json_object_get(res, "offset")), "0x3");
	assert_string_equal(json_string_value(json_object_get(res, "section")), ".altinstr_replacement");
	assert_string_equal(json_string_value(json_object_get(res, "section_offset")), "0x2");
	assert_null(json_object_get(res, "no_symbol"));
	json_decref(root);
}

/* Without the alternatives table nothing names the replacement: the result says why. */
static void test_json_says_why_no_symbol(void **state)
{
	json_t *root, *res;

	(void)state;
	free_special(&file.special);
	memset(&file.special, 0, sizeof(file.special));
	root = report_at(repl_call());
	res = first_result(root);
	assert_true(json_is_null(json_object_get(res, "symbol")));
	assert_true(json_is_null(json_object_get(res, "offset")));
	assert_string_equal(json_string_value(json_object_get(res, "no_symbol")),
			    "no symbol or label covers this code");
	json_decref(root);
}

static void test_json_outside_sections(void **state)
{
	json_t *root, *res;

	(void)state;
	root = report_at(0xfffffffffffff000ull);
	res = first_result(root);
	assert_true(json_is_null(json_object_get(res, "symbol")));
	assert_true(json_is_null(json_object_get(res, "section")));
	assert_string_equal(json_string_value(json_object_get(res, "no_symbol")), "outside every section");
	json_decref(root);
}

/* A weak definition decides a call only once a link has chosen between definitions. */
static void test_weak_final(void **state)
{
	static const struct { const char *name; bool rel, final; } cases[] = {
		{ "weak_call.o", true, false },		/* one compilation unit */
		{ "weak_only_r.o", true, true },	/* ld -r of two units, like vmlinux.o */
		{ "weak_only_vmlinux", false, true },	/* a final link */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct symbol *s;

		assert_int_equal(load(cases[i].name), 0);
		s = find_symbol(&file.elf, "idle_hook");
		assert_non_null(s);
		assert_int_equal(s->bind, STB_WEAK);
		assert_int_equal(file.elf.rel, cases[i].rel);
		if (weak_is_final(&file.elf) != cases[i].final)
			fail_msg("%s: weak_is_final() is %d", cases[i].name, !cases[i].final);
		close_file(&file);
	}
	memset(&file, 0, sizeof(file));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replacement_named_by_site, load_alt, unload),
		cmocka_unit_test_setup_teardown(test_json_names_replacement, load_alt, unload),
		cmocka_unit_test_setup_teardown(test_json_says_why_no_symbol, load_alt, unload),
		cmocka_unit_test_setup_teardown(test_json_outside_sections, load_alt, unload),
		cmocka_unit_test(test_weak_final),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
