/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lexical region scanner (src/source/): instrumentation_begin()/end() found in kernel-style C
 * text, with nesting, early returns, comments and strings, multi-line macros (definitions and
 * invocations), macro-defined functions (DEFINE_IDTENTRY), helpers that end their caller's region,
 * noreturn calls and #if.  Depths are asked for as --regions=source asks: by line (and column),
 * with the called function's name as the key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <istcheck/source.h>

static struct src_tree *tree;
static struct src_body body;

static int setup(void **state)
{
	(void)state;
	tree = src_tree_new(NULL);
	memset(&body, 0, sizeof(body));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	src_body_free(&body);
	src_tree_free(tree);
	return 0;
}

static void scan(const char *text, int decl_line, const char *name)
{
	const char *why = NULL;

	assert_true(src_scan_text(tree, text, strlen(text), decl_line, name, &body, &why));
}

/* The depth at line (any column) for key: lo..hi, or -99 when unknown. */
static void assert_depth(int line, const char *key, int lo, int hi)
{
	struct src_depth d = src_depth_at(&body, line, 0, key);

	if (lo == -99) {
		assert_false(d.known);
		return;
	}
	assert_true(d.known);
	assert_int_equal(d.lo, lo);
	assert_int_equal(d.hi, hi);
}

static void test_region(void **state)
{
	(void)state;
	scan("noinstr void f(struct pt_regs *regs)\n"	/* 1 */
	     "{\n"
	     "\ta(regs);\n"				/* 3 */
	     "\tinstrumentation_begin();\n"
	     "\tb(regs);\n"				/* 5 */
	     "\tinstrumentation_end();\n"
	     "\tc(regs);\n"				/* 7 */
	     "}\n", 1, "f");
	assert_int_equal(body.nr_events, 2);
	assert_int_equal(body.problems, 0);
	assert_depth(3, "a", 0, 0);
	assert_depth(4, NULL, 1, 1);		/* the begin's own nop is inside */
	assert_depth(5, "b", 1, 1);
	assert_depth(6, NULL, 0, 0);
	assert_depth(7, "c", 0, 0);
	assert_depth(8, NULL, -99, -99);	/* the epilogue: every return path's own depth */
}

static void test_nesting(void **state)
{
	(void)state;
	scan("void f(void)\n{\n"
	     "\tinstrumentation_begin();\n"		/* 3 */
	     "\tif (x) {\n"
	     "\t\tinstrumentation_begin();\n"	/* 5 */
	     "\t\tinner();\n"
	     "\t\tinstrumentation_end();\n"		/* 7 */
	     "\t}\n"
	     "\tbar();\n"				/* 9 */
	     "\tinstrumentation_end();\n"
	     "\tafter();\n"				/* 11 */
	     "}\n", 1, "f");
	assert_int_equal(body.problems, 0);
	assert_depth(6, "inner", 2, 2);
	assert_depth(9, "bar", 1, 1);
	assert_depth(11, "after", 0, 0);
}

static void test_early_return(void **state)
{
	(void)state;
	scan("void f(void)\n{\n"
	     "\tinstrumentation_begin();\n"		/* 3 */
	     "\tif (cond) {\n"
	     "\t\tinstrumentation_end();\n"		/* 5 */
	     "\t\treturn;\n"
	     "\t}\n"
	     "\tstill_inside();\n"			/* 8 */
	     "\tinstrumentation_end();\n"
	     "}\n", 1, "f");
	assert_int_equal(body.problems, 0);
	assert_depth(6, NULL, 0, 0);
	assert_depth(8, "still_inside", 1, 1);
}

static void test_comments_strings(void **state)
{
	(void)state;
	scan("void f(void)\n{\n"
	     "\t/* instrumentation_begin(); */\n"	/* 3 */
	     "\tprintk(\"instrumentation_begin();\");\n"
	     "\t// instrumentation_begin();\n"	/* 5 */
	     "\tc = 'x'; /* a\n"
	     "\t  instrumentation_begin(); b */\n"	/* 7 */
	     "\tcall();\n"
	     "}\n", 1, "f");
	assert_int_equal(body.nr_events, 0);
	assert_depth(8, "call", 0, 0);
}

static void test_macro_lines(void **state)
{
	(void)state;
	scan("#define REGION(stmt) do {\t\\\n"		/* 1 */
	     "\tinstrumentation_begin();\t\\\n"
	     "\tstmt;\t\t\t\t\\\n"			/* 3 */
	     "\tinstrumentation_end();\t\t\\\n"
	     "} while (0)\n"				/* 5 */
	     "void f(void)\n"
	     "{\n"					/* 7 */
	     "\tREGION(foo());\n"
	     "\tREGION(\n"				/* 9 */
	     "\t\tbar());\n"
	     "\tafter();\n"				/* 11 */
	     "}\n", 6, "f");
	assert_int_equal(body.nr_events, 4);
	assert_int_equal(body.problems, 0);
	/* The argument keeps its own place (foo sits after REGION's column on line 8). */
	assert_int_equal(src_depth_at(&body, 8, 9, "foo").lo, 1);
	assert_depth(10, "bar", 1, 1);
	/* On line 9 the macro's own statements disagree, and none calls bar: either depth. */
	assert_depth(9, "bar", 0, 1);
	assert_depth(11, "after", 0, 0);
}

static void test_macro_function(void **state)
{
	(void)state;
	static const char text[] =
		"#define DEFINE_ENTRY(func)\t\t\t\\\n"		/* 1 */
		"static __always_inline void __##func(int x);\t\\\n"
		"noinstr void func(int x)\t\t\t\\\n"		/* 3 */
		"{\t\t\t\t\t\t\\\n"
		"\tint s = enter(x);\t\t\t\\\n"		/* 5 */
		"\tinstrumentation_begin();\t\t\\\n"
		"\t__##func(x);\t\t\t\t\\\n"		/* 7 */
		"\tinstrumentation_end();\t\t\t\\\n"
		"\texit_to(x, s);\t\t\t\t\\\n"		/* 9 */
		"}\t\t\t\t\t\t\\\n"
		"static __always_inline void __##func(int x)\n"	/* 11 */
		"\n"
		"DEFINE_ENTRY(exc_thing)\n"			/* 13 */
		"{\n"
		"\twork(x);\n"					/* 15 */
		"}\n";

	scan(text, 13, "exc_thing");
	assert_int_equal(body.nr_events, 2);
	/* Every statement sits at the invocation: the callee's name decides. */
	assert_depth(13, "enter", 0, 0);
	assert_depth(13, "__exc_thing", 1, 1);
	assert_depth(13, "exit_to", 0, 0);
	assert_depth(13, NULL, 0, 1);
	src_body_free(&body);
	scan(text, 13, "__exc_thing");
	assert_int_equal(body.nr_events, 0);
	assert_depth(15, "work", 0, 0);
}

static void test_problems(void **state)
{
	(void)state;
	scan("void f(void)\n{\n"
	     "\tinstrumentation_begin();\n"		/* 3 */
	     "\tif (x)\n"
	     "\t\treturn;\n"				/* 5 */
	     "\tinstrumentation_end();\n"
	     "}\n", 1, "f");
	assert_int_equal(body.problems, SRC_RETURN_IN_REGION);
	assert_int_equal(body.problem_line, 5);
	src_body_free(&body);
	scan("void f(void)\n{\n"
	     "\tif (x)\n"				/* 3 */
	     "\t\tinstrumentation_begin();\n"
	     "\ttail(x);\n"				/* 5 */
	     "}\n", 1, "f");
	assert_true(body.problems & SRC_JOIN_MISMATCH);
	assert_depth(5, "tail", 0, 1);
	src_body_free(&body);
	scan("void f(void)\n{\n"
	     "\tinstrumentation_end();\n"
	     "}\n", 1, "f");
	assert_true(body.problems & SRC_END_UNDERFLOW);
}

static void test_noreturn_goto(void **state)
{
	(void)state;
	scan("void f(void)\n{\n"
	     "\tif (bad) {\n"				/* 3 */
	     "\t\tinstrumentation_begin();\n"
	     "\t\tpanic(\"bad\");\n"			/* 5 */
	     "\t}\n"
	     "\tinstrumentation_begin();\n"		/* 7 */
	     "\tif (x)\n"
	     "\t\tgoto out;\n"			/* 9 */
	     "\tmiddle();\n"
	     "out:\n"					/* 11 */
	     "\tinstrumentation_end();\n"
	     "\tlast();\n"				/* 13 */
	     "}\n", 1, "f");
	assert_int_equal(body.problems, 0);
	assert_depth(10, "middle", 1, 1);
	assert_depth(13, "last", 0, 0);
}

static void test_helper_and_if(void **state)
{
	(void)state;
	scan("static __always_inline void leave_region(void)\n"	/* 1 */
	     "{\n"
	     "\tinstrumentation_end();\n"				/* 3 */
	     "}\n"
	     "void f(void)\n"						/* 5 */
	     "{\n"
	     "\tinstrumentation_begin();\n"				/* 7 */
	     "#ifdef CONFIG_SOMETHING\n"
	     "\tconfigured();\n"					/* 9 */
	     "#else\n"
	     "\tinstrumentation_begin();\n"				/* 11 */
	     "#endif\n"
	     "\tleave_region();\n"					/* 13 */
	     "\tafter();\n"
	     "}\n", 5, "f");
	assert_int_equal(src_helper_delta(tree, "leave_region"), -1);
	/* Without a config the #if branch is taken, never both. */
	assert_depth(9, "configured", 1, 1);
	assert_depth(11, NULL, 1, 1);
	assert_depth(14, "after", 0, 0);
	assert_int_equal(body.problems, 0);
}

static void test_no_body(void **state)
{
	const char *why = NULL;
	static const char text[] = "void f(void);\nint x;\n";

	(void)state;
	assert_false(src_scan_text(tree, text, strlen(text), 1, "f", &body, &why));
	assert_non_null(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_region, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nesting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_early_return, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comments_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_macro_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_macro_function, setup, teardown),
		cmocka_unit_test_setup_teardown(test_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_noreturn_goto, setup, teardown),
		cmocka_unit_test_setup_teardown(test_helper_and_if, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_body, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
