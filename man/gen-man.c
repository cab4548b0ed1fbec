/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generate istcheck.1 from istcheck.1.in: the RULES section comes from the rule table (severity,
 * profiles, default, summary, help, fix), so the man page cannot drift from the rules the binary
 * implements.
 *
 *   gen-man IN OUT	replaces the line ".\\" @RULES@" and every "@VERSION@"
 *
 * The marker is a troff comment, so that istcheck.1.in read as it is (man ./man/istcheck.1.in)
 * shows no stray placeholder, only the pointer to --list-rules and --explain before it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <istcheck/diag.h>

/* Text for troff: backslashes escaped, a leading '.' or '\'' defused, dashes as \- . */
static void put_troff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

static void put_rules(FILE *out)
{
	char buf[64];

	for (int i = 0; i < NR_RULES; i++) {
		const struct rule *r = &rule_table[i];

		fputs(".TP\n.B ", out);
		put_troff(out, r->id);
		rule_contracts_str(i, buf, sizeof(buf));
		fprintf(out, "\n(%s; profile%s ", severity_name(r->sev), strchr(buf, ' ') ? "s" : "");
		put_troff(out, buf);
		fprintf(out, "; %s by default) ", contract_has_rule(contract_at(0), i) ? "on" : "off");
		put_troff(out, r->summary);
		fputs("\n.IP\n", out);
		put_troff(out, r->help);
		fputs("\n.IP\nFix: ", out);
		put_troff(out, r->fix);
		fputc('\n', out);
	}
}

static void put_line(FILE *out, const char *line)
{
	const char *at;

	while ((at = strstr(line, "@VERSION@"))) {
		fwrite(line, 1, at - line, out);
		fputs(ISTCHECK_VERSION, out);
		line = at + strlen("@VERSION@");
	}
	fputs(line, out);
}

int main(int argc, char **argv)
{
	char *line = NULL;
	bool rules = false;
	size_t cap = 0;
	FILE *in, *out;

	if (argc != 3) {
		fprintf(stderr, "usage: gen-man IN OUT\n");
		return 2;
	}
	in = fopen(argv[1], "r");
	if (!in) {
		perror(argv[1]);
		return 2;
	}
	out = fopen(argv[2], "w");
	if (!out) {
		perror(argv[2]);
		return 2;
	}
	while (getline(&line, &cap, in) > 0) {
		if (!strcmp(line, ".\\\" @RULES@\n") || !strcmp(line, ".\\\" @RULES@")) {
			put_rules(out);
			rules = true;
		} else {
			put_line(out, line);
		}
	}
	free(line);
	fclose(in);
	if (!rules) {
		fprintf(stderr, "gen-man: %s has no line '.\\\" @RULES@' for the rules\n", argv[1]);
		fclose(out);
		return 2;
	}
	if (fclose(out)) {
		perror(argv[2]);
		remove(argv[2]);
		return 2;
	}
	return 0;
}
