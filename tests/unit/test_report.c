/* SPDX-License-Identifier: GPL-2.0 */
/* The diagnostics store and the three report writers, on a hand-built file model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <cmocka.h>
#include <jansson.h>
#include <istcheck/istcheck.h>
#include "../../src/report/report.h"	/* merge_variants(), variants_text() */
#include "fake_elf.h"

static struct fake_elf fe;
static struct section *noinstr;		/* .noinstr.text */
static struct symbol *exc_nmi, *do_idle;
static struct ist_file file;
static struct ist_file *files[] = { &file };
static const uint8_t call_bytes[] = { 0xe8, 0x00, 0x00, 0x00, 0x00 };

/* An object with no DWARF (sym+off locations): exc_nmi and do_idle in .noinstr.text. */
static void setup_file(void)
{
	memset(&file, 0, sizeof(file));
	fake_elf_init(&fe, "/nonexistent/entry.o", true);
	noinstr = fake_section(&fe, ".noinstr.text", SHF_ALLOC | SHF_EXECINSTR, 0x100000, 0x100, NULL,
			       CODE_NOINSTR);
	exc_nmi = fake_symbol(&fe, "exc_nmi", noinstr, 0x100000, 0x80, STT_FUNC, STB_GLOBAL);
	do_idle = fake_symbol(&fe, "do_idle", noinstr, 0x100080, 0x80, STT_FUNC, STB_GLOBAL);
	fake_elf_done(&fe);
	file.elf = fe.ef;
}

static int setup(void **state)
{
	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.contract = find_contract("noinstr");
	for (int i = 0; i < NR_RULES; i++)
		opts.rule_on[i] = true;
	opts.fail_on = SEV_WARNING;
	setup_file();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	reset_diag();
	return 0;
}

static struct insn make_insn(uint64_t addr)
{
	struct insn insn = { .addr = addr, .bytes = call_bytes, .len = sizeof(call_bytes) };

	return insn;
}

/* Write the report in the current format to a string; *fails gets write_report()'s result. */
static char *render(enum out_format fmt, int *fails)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	opts.format = fmt;
	*fails = write_report(f, files, 1);
	fclose(f);
	return buf;
}

static struct finding *add_call(void)
{
	struct insn insn = make_insn(0x10003f);

	return report_finding(&file, RULE_noinstr_call, &insn, NULL,
			      "call to %s() leaves .noinstr.text section", "trace_hardirqs_on");
}

static void test_dedup(void **state)
{
	struct insn insn = make_insn(0x100050);
	struct finding *f;

	(void)state;
	assert_non_null(add_call());
	assert_null(add_call());
	/* Another variant of the same rule and instruction joins the finding: one per instruction. */
	f = report_finding(&file, RULE_stack_gap, &insn, "from user mode, with PTI", "x");
	assert_non_null(f);
	assert_ptr_equal(report_finding(&file, RULE_stack_gap, &insn, "from user mode, without PTI",
					"x"), f);
	assert_int_equal(f->nr_variants, 2);
	/* The same variant again is a duplicate; another rule is another finding. */
	assert_null(report_finding(&file, RULE_stack_gap, &insn, "from user mode, with PTI", "y"));
	assert_ptr_not_equal(report_finding(&file, RULE_stack_ist, &insn, "from user mode, with PTI",
					    "x"), f);
}

/* The variants' short form: complementary features go, origins merge, the rest is listed. */
static void test_merge_variants(void **state)
{
	static const struct {
		const char *in[4];
		const char *want;		/* NULL: every variant */
	} cases[] = {
		{ { "from user mode, with PTI", "from user mode, without PTI" }, "from user mode" },
		{ { "from user mode, with PTI" }, "from user mode, with PTI" },
		{ { "from kernel mode, with PTI", "from user mode, with PTI" },
		  "from user or kernel mode, with PTI" },
		{ { "from user mode, with PTI", "from kernel mode, without PTI" },
		  "from user mode, with PTI; from kernel mode, without PTI" },
		{ { "from kernel mode, with PTI, without XENPV", "from kernel mode, without PTI, without XENPV",
		    "from user mode, with PTI, without XENPV", "from user mode, without PTI, without XENPV" },
		  "from user or kernel mode, without XENPV" },
		/* Three of four: two merge, the third stays as it is. */
		{ { "from kernel mode, with PTI", "from kernel mode, without PTI", "from user mode, with PTI" },
		  "from kernel mode; from user mode, with PTI" },
		{ { NULL }, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = 0;
		char *got;

		while (n < 4 && cases[i].in[n])
			n++;
		got = merge_variants(cases[i].in, n ? n : 1);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Different messages in different variants: each once, with its own variants. */
static void test_variants_text(void **state)
{
	const char *names[] = { "from kernel mode, with PTI", "from kernel mode, without PTI",
				"from user mode, with PTI" };
	const char *msgs[] = { "with unknown GSBASE", "with unknown GSBASE", "with user GSBASE" };
	char *got;

	(void)state;
	got = variants_text(names, msgs, 3);
	assert_string_equal(got, "with unknown GSBASE (from kernel mode); with user GSBASE "
				 "(from user mode, with PTI)");
	free(got);
}

static void test_text(void **state)
{
	struct insn insn = make_insn(0x100090);
	struct finding *f;
	char *out;
	int fails;

	(void)state;
	opts.contract = find_contract("linux");
	file.stats = (struct check_stats){ .ran = true, .model = "m", .variants = 2,
					   .entry_points = 1, .functions = 2 };
	f = report_finding(&file, RULE_noinstr_indirect, &insn, "from user mode, with PTI",
			   "indirect call");
	finding_add_step(f, 0x100080, "entry");
	f = report_finding(&file, RULE_noinstr_indirect, &insn, "from user mode, without PTI",
			   "indirect call");
	finding_add_step(f, 0x100084, "entry 2");
	add_call();
	report_note(&file, 0, "no instrumentation markers");
	report_note(&file, 0x100081, "unverifiable here");

	/* One line per finding, its variants merged; notes only counted; the summary last. */
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 2);
	assert_string_equal(out,
		"/nonexistent/entry.o: warning: istcheck: exc_nmi+0x3f: "
		"call to trace_hardirqs_on() leaves .noinstr.text section [noinstr-call]\n"
		"/nonexistent/entry.o: warning: istcheck: do_idle+0x10: indirect call (from user mode) "
		"[noinstr-indirect]\n"
		"istcheck: /nonexistent/entry.o: linux contract, model m, 2 variants, 1 entry point, "
		"2 noinstr functions: failed, 0 errors, 2 warnings, 2 notes (-v lists them)\n");
	free(out);

	/* -v: the notes, and the first variant's witness under its name. */
	opts.verbose = 1;
	out = render(FMT_TEXT, &fails);
	assert_non_null(strstr(out, "[noinstr-indirect]\n"
				"  /nonexistent/entry.o: note: istcheck: do_idle+0x10: witness from user "
				"mode, with PTI (first of the variants):\n"
				"  /nonexistent/entry.o: note: istcheck: do_idle+0x0: entry\n"
				"/nonexistent/entry.o: note: istcheck: no instrumentation markers\n"));
	assert_null(strstr(out, "entry 2"));
	assert_non_null(strstr(out, "2 warnings, 2 notes\n"));
	free(out);

	/* -q: no summary line for a clean input without entry points. */
	reset_diag();
	opts.verbose = 0;
	opts.quiet = true;
	file.stats.entry_points = 0;
	out = render(FMT_TEXT, &fails);
	assert_string_equal(out, "");
	free(out);
}

/* A file with nothing to check says so, in the summary, and never fails. */
static void test_nothing_checked(void **state)
{
	char *out;
	int fails;

	(void)state;
	opts.contract = find_contract("linux");
	file.stats = (struct check_stats){ .ran = true, .model = "m", .variants = 4 };
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 0);
	assert_string_equal(out, "istcheck: /nonexistent/entry.o: linux contract, model m, 4 variants: "
			    "nothing checked (no entry point of the model, no noinstr code), 0 errors, "
			    "0 warnings, 0 notes\n");
	free(out);
}

static json_t *parse(const char *s)
{
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);

	if (!j)
		fail_msg("bad JSON: %s at line %d", err.text, err.line);
	return j;
}

static void test_json(void **state)
{
	json_t *root, *res, *again;
	char *out, *out2;
	int fails;

	(void)state;
	add_call();
	out = render(FMT_JSON, &fails);
	assert_int_equal(fails, 1);
	root = parse(out);
	assert_int_equal(json_integer_value(json_object_get(root, "version")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(root, "inputs"), 0), "kind")), "object");
	res = json_array_get(json_object_get(root, "results"), 0);
	assert_non_null(res);
	assert_string_equal(json_string_value(json_object_get(res, "rule")), "noinstr-call");
	assert_string_equal(json_string_value(json_object_get(res, "symbol")), "exc_nmi");
	assert_string_equal(json_string_value(json_object_get(res, "offset")), "0x3f");
	assert_string_equal(json_string_value(json_object_get(res, "section_offset")), "0x3f");
	assert_true(json_is_null(json_object_get(res, "address")));
	assert_true(json_is_null(json_object_get(res, "location")));
	assert_int_equal(strlen(json_string_value(json_object_get(res, "fingerprint"))), 16);
	assert_int_equal(json_array_size(json_object_get(res, "variants")), 0);

	/* Same finding, different synthetic address: the fingerprint must not move. */
	reset_diag();
	noinstr->addr += 0x1000;
	exc_nmi->addr += 0x1000;
	do_idle->addr += 0x1000;
	{
		struct insn insn = make_insn(0x10103f);

		report_finding(&file, RULE_noinstr_call, &insn, NULL,
			       "call to trace_hardirqs_on() leaves .noinstr.text section");
	}
	out2 = render(FMT_JSON, &fails);
	again = parse(out2);
	assert_string_equal(json_string_value(json_object_get(res, "fingerprint")),
			    json_string_value(json_object_get(json_array_get(
				    json_object_get(again, "results"), 0), "fingerprint")));
	assert_string_equal(out, out2);
	json_decref(root);
	json_decref(again);
	free(out);
	free(out2);
}

static void test_json_final_link(void **state)
{
	json_t *root, *res;
	char *out;
	int fails;

	(void)state;
	file.elf.rel = false;
	add_call();
	out = render(FMT_JSON, &fails);
	root = parse(out);
	res = json_array_get(json_object_get(root, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(res, "address")), "0x10003f");
	json_decref(root);
	free(out);
}

/*
 * A finding with variants: one result, the variants listed with their version 1 fingerprints,
 * which are the byte fingerprint (version 2's) with the variant text and its NUL hashed after it.
 */
static void test_json_variants(void **state)
{
	struct insn insn = make_insn(0x100050);
	json_t *root, *res, *vars;
	char *out;
	int fails;

	(void)state;
	report_finding(&file, RULE_stack_gap, &insn, "from user mode, without PTI", "push");
	report_finding(&file, RULE_stack_gap, &insn, "from user mode, with PTI", "push");
	out = render(FMT_JSON, &fails);
	root = parse(out);
	assert_int_equal(json_array_size(json_object_get(root, "results")), 1);
	res = json_array_get(json_object_get(root, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(res, "variant")), "from user mode");
	vars = json_object_get(res, "variants");
	assert_int_equal(json_array_size(vars), 2);
	/* in name order */
	assert_string_equal(json_string_value(json_object_get(json_array_get(vars, 0), "variant")),
			    "from user mode, with PTI");
	for (size_t i = 0; i < 2; i++) {
		const char *v = json_string_value(json_object_get(json_array_get(vars, i), "variant"));
		uint64_t h = strtoull(json_string_value(json_object_get(res, "byte_fingerprint")),
				      NULL, 16);
		char want[17];

		for (const char *p = v; ; p++) {
			h ^= (uint8_t)*p;
			h *= 0x100000001b3ULL;
			if (!*p)
				break;
		}
		snprintf(want, sizeof(want), "%016" PRIx64, h);
		assert_string_equal(json_string_value(json_object_get(json_array_get(vars, i),
								      "legacy_fingerprint")), want);
	}
	json_decref(root);
	free(out);
}

/* The fingerprint of one finding at insn (with the call's destination named dest). */
static char *fingerprint_of(struct insn *insn, const char *key)
{
	json_t *root;
	char *out, *fp;
	int fails;

	reset_diag();
	report_finding(&file, RULE_noinstr_call, insn, NULL, "call");
	out = render(FMT_JSON, &fails);
	root = parse(out);
	fp = strdup(json_string_value(json_object_get(json_array_get(json_object_get(root, "results"),
								     0), key)));
	json_decref(root);
	free(out);
	return fp;
}

/*
 * A relink moves a call's target: its rel32 changes, what it calls does not.  The fingerprint
 * follows what the instruction means (the destination's name), the byte fingerprint its bytes.
 */
static void test_fingerprint_relink(void **state)
{
	static const uint8_t moved[] = { 0xe8, 0x10, 0x20, 0x00, 0x00 };
	struct symbol *helper = fake_symbol(&fe, "instrumented_helper", NULL, 0, 0, STT_FUNC, STB_GLOBAL);
	struct symbol *other = fake_symbol(&fe, "other_helper", NULL, 0, 0, STT_FUNC, STB_GLOBAL);
	struct insn a = make_insn(0x10003f), b = a, c = a;
	char *fa, *fb, *fc, *ba, *bb;

	(void)state;
	fake_elf_done(&fe);
	file.elf = fe.ef;
	a.mnemonic = b.mnemonic = c.mnemonic = "call";
	a.nr_ops = b.nr_ops = c.nr_ops = 1;
	a.ops[0] = (struct operand){ .kind = OPND_IMM, .size = 8, .imm = 0x1000 };
	b.ops[0] = (struct operand){ .kind = OPND_IMM, .size = 8, .imm = 0x3050 };
	c.ops[0] = a.ops[0];
	a.dest = b.dest = (struct ref){ .sym = helper };
	c.dest = (struct ref){ .sym = other };
	b.bytes = moved;
	fa = fingerprint_of(&a, "fingerprint");
	fb = fingerprint_of(&b, "fingerprint");
	fc = fingerprint_of(&c, "fingerprint");
	ba = fingerprint_of(&a, "byte_fingerprint");
	bb = fingerprint_of(&b, "byte_fingerprint");
	assert_string_equal(fa, fb);
	assert_string_not_equal(fa, fc);
	assert_string_not_equal(ba, bb);
	free(fa);
	free(fb);
	free(fc);
	free(ba);
	free(bb);
}

/* Numbered compiler suffixes are handed out per build: they do not enter the hash. */
static void test_stable_name(void **state)
{
	(void)state;
	assert_true(hash_stable_name(1, "foo.constprop.0") == hash_stable_name(1, "foo.constprop.1"));
	assert_true(hash_stable_name(1, "foo.isra.0.cold") == hash_stable_name(1, "foo.isra.3.cold"));
	assert_true(hash_stable_name(1, "foo.llvm.4711") == hash_stable_name(1, "foo.llvm.42"));
	assert_true(hash_stable_name(1, "foo") != hash_stable_name(1, "foo.constprop.0"));
	assert_true(hash_stable_name(1, "foo.cold") != hash_stable_name(1, "foo"));
	assert_true(hash_stable_name(1, "foo2") != hash_stable_name(1, "foo3"));
	assert_true(hash_stable_name(1, ".1") != hash_stable_name(1, ".2"));
}

static void test_sarif(void **state)
{
	json_t *root, *run, *res;
	char *out;
	int fails;

	(void)state;
	add_call();
	report_note(&file, 0, "no instrumentation markers");
	out = render(FMT_SARIF, &fails);
	root = parse(out);
	assert_string_equal(json_string_value(json_object_get(root, "version")), "2.1.0");
	run = json_array_get(json_object_get(root, "runs"), 0);
	res = json_array_get(json_object_get(run, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(res, "ruleId")), "noinstr-call");
	assert_int_equal(json_integer_value(json_object_get(res, "ruleIndex")), RULE_noinstr_call);
	assert_int_equal(json_array_size(json_object_get(json_object_get(json_object_get(run,
		"tool"), "driver"), "rules")), NR_RULES);
	assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(run,
		"invocations"), 0), "toolExecutionNotifications")), 1);
	json_decref(root);
	free(out);
}

static void test_disabled(void **state)
{
	char *out;
	int fails;

	(void)state;
	opts.rule_on[RULE_noinstr_call] = false;
	assert_null(add_call());
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 0);
	assert_null(strstr(out, "[noinstr-call]"));
	assert_non_null(strstr(out, ": passed, 0 errors, 0 warnings, 0 notes\n"));
	free(out);
}

static void test_fail_on(void **state)
{
	char *out;
	int fails;

	(void)state;
	add_call();
	report_note(&file, 0, "a note fails the run under --fail-on=note only");
	opts.fail_on = SEV_ERROR;
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 0);
	free(out);
	opts.fail_on = SEV_WARNING;
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 1);
	free(out);
	opts.fail_on = SEV_NOTE;
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 2);
	free(out);
	opts.fail_on = SEV_NEVER;
	out = render(FMT_TEXT, &fails);
	assert_int_equal(fails, 0);
	free(out);
}

static void test_rules(void **state)
{
	enum severity sev;

	(void)state;
	assert_int_equal(find_rule("noinstr-call"), RULE_noinstr_call);
	assert_int_equal(find_rule("no-such-rule"), -1);
	assert_true(parse_severity("none", &sev));
	assert_int_equal(sev, SEV_NEVER);
	assert_true(parse_severity("error", &sev));
	assert_int_equal(sev, SEV_ERROR);
	assert_false(parse_severity("fatal", &sev));
	assert_string_equal(severity_name(SEV_WARNING), "warning");
	/* Profiles: the linux one is the default, the aist rules only in theirs. */
	assert_true(rule_table[RULE_noinstr_call].profiles & P_NOINSTR);
	assert_true(rule_table[RULE_spec_untrain].profiles & P_AIST);
	assert_false(rule_table[RULE_aist_gs].profiles & P_LINUX);
	assert_string_equal(find_contract("aist")->name, "aist");
	assert_null(find_contract("none"));
	assert_string_equal(contract_at(0)->name, "linux");
	assert_true(contract_has_rule(find_contract("aist"), RULE_aist_gs));
	assert_false(contract_has_rule(find_contract("linux"), RULE_aist_gs));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dedup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_variants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_variants_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_variants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_final_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fingerprint_relink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stable_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sarif, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_on, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
