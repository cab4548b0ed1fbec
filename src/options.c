// SPDX-License-Identifier: GPL-2.0
/* Command line: every option is validated here, before any input is opened. */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/istcheck.h>
#include "options.h"


static void usage(FILE *out)
{
	fprintf(out,
		"usage: istcheck [OPTION]... [FILE]...\n"
		"       istcheck diff OLD NEW\n"
		"Check x86-64 kernel entry code (vmlinux, vmlinux.o, .o, .ko) against the entry contract.\n"
		"Without FILE, check the reference atomic-IST entry built into istcheck (model ref-entry).\n"
		"Findings, then one summary line per input; notes are counted there (-v lists them).\n"
		"diff prints the findings NEW has and OLD lacks (exit 1 if any); each is a JSON report or\n"
		"a baseline.\n\n"
		"  --format=text|json|sarif  report format (default text)\n"
		"  -o, --output=FILE         write the report, dump or rule list to FILE ('-': stdout)\n"
		"  --fail-on=SEVERITY        exit 1 on findings at or above note|warning|error|none\n"
		"                            (default warning); note also fails on notes\n"
		"  -W<rule>, -Wno-<rule>     enable or disable a rule (see --list-rules), wherever it\n"
		"                            stands against --contract\n"
		"  --list-rules              list the rules, their profiles and defaults, and exit\n"
		"  --explain=RULE            what the rule checks, an example that breaks it and the fix\n"
		"  --color=WHEN              colour the text report: auto (on a terminal, unless NO_COLOR\n"
		"                            is set; the default), always or never\n"
		"  --dump=sections           print code sections, classes and tables\n"
		"  --dump=cfg:SYMBOL         print the control-flow graph of SYMBOL\n"
		"  --dump=model              print the entry model as resolved against the input\n"
		"  --dump=regions            print each call of noinstr C code, inside or outside an\n"
		"                            instrumentation region, as the noinstr walk reaches it\n"
		"  --model=FILE|NAME         the entry model: a JSON file (istcheck-model(5)), or the built-in\n"
		"                            linux-6.12, linux-6.1 or ref-entry (default: the built-in one\n"
		"                            matching each input)\n"
		"  --contract=linux|aist|noinstr  the rules of the linux contract (default), of the\n"
		"                            atomic-IST contract, or the noinstr rules only (-W adjusts them)\n"
		"  --baseline=FILE           do not report (or fail on) the findings FILE lists (a baseline\n"
		"                            or a JSON report)\n"
		"  --write-baseline=FILE     write the findings of this run to FILE as a baseline; the\n"
		"                            report is printed as usual, and the run exits 0 once the\n"
		"                            baseline is written\n"
		"  --srcroot=DIR             the kernel source tree the input was built from: source paths\n"
		"                            are printed relative to it, and --regions=source reads it\n"
		"  --regions=markers|source|auto  where the instrumentation_begin()/end() regions of\n"
		"                            noinstr C code come from: objtool's markers (vmlinux.o, .o\n"
		"                            built with CONFIG_DEBUG_ENTRY), the source under --srcroot\n"
		"                            (checked to be the input's own version), or auto (default):\n"
		"                            markers when the input has them, else the source if given\n"
		"  --stats                   print what the contract walk did (stderr)\n"
		"  -q, --quiet               no summary line for an input with no finding and no entry point\n"
		"  -v, --verbose             list the notes and print witness paths\n"
		"  -h, --help                this text\n"
		"  --version                 print the version\n");
}

/*
 * The -W switches, applied once every option is read: --contract sets the defaults and an
 * explicit switch wins wherever it stands (the last one for a rule, as with gcc's -W).
 */
enum { RULE_DEFAULT, RULE_ON, RULE_OFF };
static unsigned char rule_switch[NR_RULES];

static int set_rule(const char *arg)
{
	bool on = strncmp(arg, "no-", 3) != 0;
	int rule = find_rule(on ? arg : arg + 3);

	if (rule < 0)
		return input_error(NULL, "unknown rule '%s' in -W%s (see --list-rules)", on ? arg : arg + 3, arg);
	rule_switch[rule] = on ? RULE_ON : RULE_OFF;
	return 0;
}

static void apply_rule_switches(void)
{
	for (int r = 0; r < NR_RULES; r++)
		if (rule_switch[r] != RULE_DEFAULT)
			opts.rule_on[r] = rule_switch[r] == RULE_ON;
}

static bool fail_on_given;

static int set_fail_on(const char *arg)
{
	fail_on_given = true;
	if (!parse_severity(arg, &opts.fail_on))
		return input_error(NULL, "unknown severity '%s' in --fail-on (note, warning, error or none)",
				   arg);
	return 0;
}

static const char *format_arg;		/* --format as given, for messages */

static int set_format(const char *arg)
{
	format_arg = arg;
	if (!strcmp(arg, "text"))
		opts.format = FMT_TEXT;
	else if (!strcmp(arg, "json"))
		opts.format = FMT_JSON;
	else if (!strcmp(arg, "sarif"))
		opts.format = FMT_SARIF;
	else
		return input_error(NULL, "unknown format '%s' (text, json or sarif)", arg);
	return 0;
}

static int set_dump(const char *arg)
{
	if (strcmp(arg, "sections") && strcmp(arg, "model") && strcmp(arg, "regions") &&
	    (strncmp(arg, "cfg:", 4) || !arg[4]))
		return input_error(NULL, "unknown dump '%s' (sections, model, regions or cfg:SYMBOL)", arg);
	opts.dump = arg;
	return 0;
}

static int set_regions(const char *arg)
{
	if (!strcmp(arg, "auto"))
		opts.regions = REGIONS_AUTO;
	else if (!strcmp(arg, "markers"))
		opts.regions = REGIONS_MARKERS;
	else if (!strcmp(arg, "source"))
		opts.regions = REGIONS_SOURCE;
	else
		return input_error(NULL, "unknown regions '%s' (markers, source or auto)", arg);
	return 0;
}

static int set_color(const char *arg)
{
	if (!strcmp(arg, "auto"))
		opts.color = COLOR_AUTO;
	else if (!strcmp(arg, "always"))
		opts.color = COLOR_ALWAYS;
	else if (!strcmp(arg, "never"))
		opts.color = COLOR_NEVER;
	else
		return input_error(NULL, "unknown --color '%s' (auto, always or never)", arg);
	return 0;
}

enum { OPT_FORMAT = 256, OPT_FAIL_ON, OPT_LIST_RULES, OPT_DUMP, OPT_SRCROOT, OPT_VERSION, OPT_MODEL,
       OPT_CONTRACT, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_STATS, OPT_REGIONS, OPT_EXPLAIN,
       OPT_COLOR };

static const struct option long_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "dump", required_argument, NULL, OPT_DUMP },
	{ "srcroot", required_argument, NULL, OPT_SRCROOT },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "contract", required_argument, NULL, OPT_CONTRACT },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* A contract picks the default rule set (its row says which rules it turns on); the -W
 * switches change it after every option is read. */
static void set_contract(const struct contract *c)
{
	opts.contract = c;
	for (int r = 0; r < NR_RULES; r++)
		opts.rule_on[r] = contract_has_rule(c, r);
}

/* "linux, aist or noinstr": the contracts, for a message. */
static const char *contract_names(char *buf, size_t len)
{
	size_t n = 0, nr = nr_contracts();

	buf[0] = 0;
	for (size_t i = 0; i < nr && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i == 0 ? "" : i + 1 == nr ? " or " : ", ",
				      contract_at(i)->name);
	return buf;
}

static int select_contract(const char *name)
{
	const struct contract *c = find_contract(name);
	char buf[256];

	if (!c)
		return input_error(NULL, "unknown contract '%s' (%s)", name,
				   contract_names(buf, sizeof(buf)));
	set_contract(c);
	return 0;
}

static int parse_one(int c, const char *arg)
{
	switch (c) {
	case OPT_FORMAT:
		return set_format(arg);
	case 'o':
		opts.output = arg;
		return 0;
	case OPT_FAIL_ON:
		return set_fail_on(arg);
	case OPT_LIST_RULES:
		opts.list_rules = true;
		return 0;
	case OPT_EXPLAIN:
		if (find_rule(arg) < 0)
			return input_error(NULL, "--explain=%s: no such rule (istcheck --list-rules lists them)",
					   arg);
		opts.explain = arg;
		return 0;
	case OPT_COLOR:
		return set_color(arg);
	case OPT_DUMP:
		return set_dump(arg);
	case OPT_SRCROOT:
		opts.srcroot = arg;
		return 0;
	case OPT_REGIONS:
		return set_regions(arg);
	case OPT_MODEL:
		opts.model = arg;
		return 0;
	case OPT_CONTRACT:
		return select_contract(arg);
	case OPT_BASELINE:
		opts.baseline = arg;
		return 0;
	case OPT_WRITE_BASELINE:
		opts.write_baseline = arg;
		return 0;
	case 'v':
		opts.verbose++;
		return 0;
	case 'q':
		opts.quiet = true;
		return 0;
	case OPT_STATS:
		opts.stats = true;
		return 0;
	case 'W':
		return set_rule(arg);
	default:
		return -1;	/* getopt_long() errors: bad_option() reported them */
	}
}

/*
 * getopt_long() returned '?' or ':' for argv[optind - 1] (or a short option in it): one line
 * naming what is wrong and pointing to --help, instead of the whole usage text.
 */
static int bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1], *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg), nr_match = 0;
	bool exact = false, is_long = false;
	const char *name = NULL;

	/*
	 * A long option's error leaves optopt 0 (unknown, ambiguous) or that option's value; a
	 * short one's the letter, and argv[optind - 1] may then be an earlier argument.
	 */
	for (const struct option *o = long_opts; !strncmp(arg, "--", 2) && o->name; o++) {
		if (strncmp(o->name, arg + 2, len - 2))
			continue;
		nr_match++;
		if (strlen(o->name) == len - 2)
			exact = true, name = o->name;
		else if (!exact)
			name = o->name;
		is_long |= o->val == optopt;
	}
	if (!strncmp(arg, "--", 2) && (!optopt || is_long)) {
		if (c == ':')
			return input_error(NULL, "option '--%s' requires an argument (see istcheck --help)",
					   name ? name : arg + 2);
		if ((exact || nr_match == 1) && eq)
			return input_error(NULL, "option '--%s' takes no argument (see istcheck --help)",
					   name);
		if (nr_match > 1)
			return input_error(NULL, "option '%.*s' is ambiguous (see istcheck --help)", (int)len,
					   arg);
		return input_error(NULL, "unrecognized option '%.*s' (see istcheck --help)", (int)len, arg);
	}
	if (c == ':')
		return input_error(NULL, "option '-%c' requires an argument (see istcheck --help)", optopt);
	return input_error(NULL, "unrecognized option '-%c' (see istcheck --help)", optopt);
}

/*
 * --dump, --list-rules and --explain print text and judge nothing: a report format or a
 * baseline asked of them would be dropped without a word, and a script would not notice.  -o
 * they honour.
 */
static int check_action(void)
{
	const char *what = opts.list_rules ? "list-rules" : opts.explain ? "explain=" : "dump=";
	const char *arg = opts.list_rules ? "" : opts.explain ? opts.explain : opts.dump;

	if (!opts.list_rules && !opts.explain && !opts.dump)
		return 0;
	if (opts.format != FMT_TEXT)
		return input_error(NULL, "--format=%s does not apply to --%s%s, which prints text",
				   format_arg, what, arg);
	if (opts.write_baseline)
		return input_error(NULL, "--write-baseline does not apply to --%s%s, which reports no "
				   "findings", what, arg);
	return 0;
}

/* access() alone says "Permission denied" for a file that is not a directory. */
static int check_srcroot(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) || (S_ISDIR(st.st_mode) && access(dir, R_OK | X_OK)))
		return input_error(NULL, "--srcroot=%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return input_error(NULL, "--srcroot=%s: not a directory", dir);
	return 0;
}

/* After options, `diff` would be read as a file named diff: say what the user meant instead. */
static int check_operands(int argc, char **argv)
{
	if (optind < argc && !strcmp(argv[optind], "diff"))
		return input_error(NULL, "diff comes first and takes no options: istcheck diff OLD NEW "
				   "(a file named diff is ./diff)");
	return 0;
}

int parse_options(int argc, char **argv, int *first_file)
{
	int c;

	memset(rule_switch, 0, sizeof(rule_switch));
	opts.format = FMT_TEXT;
	set_contract(contract_at(0));
	fail_on_given = false;
	opterr = 0;		/* bad_option() says it in one line */
	while ((c = getopt_long(argc, argv, ":o:qvhW:", long_opts, NULL)) != -1) {
		if (c == '?' || c == ':')
			return bad_option(c, argv);
		if (c == 'h') {
			usage(stdout);
			return 1;
		}
		if (c == OPT_VERSION) {
			printf("istcheck %s\n", ISTCHECK_VERSION);
			return 1;
		}
		if (parse_one(c, optarg) < 0)
			return -1;
	}
	*first_file = optind;
	apply_rule_switches();
	if (!fail_on_given)
		opts.fail_on = opts.contract->fail_on;
	if (check_action() < 0)
		return -1;
	if (opts.list_rules || opts.explain)
		return 0;
	if (check_operands(argc, argv) < 0)
		return -1;
	/* A baseline run records the findings; the runs against that baseline judge them. */
	if (opts.write_baseline)
		opts.fail_on = SEV_NEVER;
	if (opts.regions == REGIONS_SOURCE && !opts.srcroot)
		return input_error(NULL, "--regions=source needs --srcroot=DIR, the kernel source tree");
	if (opts.srcroot && check_srcroot(opts.srcroot) < 0)
		return -1;
	if (opts.dump && !strncmp(opts.dump, "cfg:", 4) && argc - optind > 1)
		return input_error(NULL, "--dump=%s takes one input file", opts.dump);
	return 0;
}
