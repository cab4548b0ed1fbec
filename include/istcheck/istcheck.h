/* SPDX-License-Identifier: GPL-2.0 */
/* The context of one run over one input file, and the options of the whole run. */
#ifndef _ISTCHECK_ISTCHECK_H
#define _ISTCHECK_ISTCHECK_H

#include <stdio.h>
#include <istcheck/cfg.h>
#include <istcheck/diag.h>
#include <istcheck/source.h>

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF };

/* --regions: where the instrumentation regions of noinstr C code come from. */
enum regions_mode {
	REGIONS_AUTO,			/* markers if the file has them, else the source under --srcroot */
	REGIONS_MARKERS,		/* objtool's .discard.instr_* markers only */
	REGIONS_SOURCE,			/* the source under --srcroot (markers ignored) */
};

enum color_mode {
	COLOR_AUTO,			/* on a terminal, unless NO_COLOR is set or TERM is dumb */
	COLOR_ALWAYS,
	COLOR_NEVER,
};

struct ist_opts {
	/* actions */
	const char *dump;		/* --dump=sections | model | regions | cfg:SYMBOL */
	bool list_rules;
	const char *explain;		/* --explain=RULE */
	/* options */
	enum out_format format;
	const char *output;		/* NULL: stdout */
	enum color_mode color;		/* --color */
	bool use_color;			/* the text report is coloured (decided when it is opened) */
	enum severity fail_on;
	bool rule_on[NR_RULES];
	int verbose;
	bool quiet;			/* -q: no summary line for an input without findings or entry points */
	bool stats;			/* --stats: states walked, per file, on stderr */
	const char *srcroot;		/* the kernel source tree: paths shown relative to it, regions */
	enum regions_mode regions;
	const char *model;		/* --model FILE; NULL: the built-in Linux model */
	const struct contract *contract;	/* --contract: its row (diag.h) */
	const char *baseline;		/* --baseline FILE: known findings, not reported */
	const char *write_baseline;	/* --write-baseline FILE */
};

/* report/baseline.c: --baseline, and `istcheck diff OLD.json NEW.json` (0, 1, or < 0). */
int read_baseline(const char *path);
void free_baseline(void);
int run_diff(const char *old_path, const char *new_path);

extern struct ist_opts opts;

struct ist_file {
	struct elf_file elf;
	struct special special;
	struct decoder *dec;
	struct function *funcs;		/* sorted by start */
	size_t nr_funcs;
	int returns_depth;		/* nesting of function_returns(), bounded */
	const struct model *model;	/* the entry model of the run */
	struct check_stats stats;	/* what the checks covered, for the report's summary */
	struct src_regions *src;	/* --regions=source (or auto without markers): the tree's regions */
};

/* Frees what the phases attached to file (file.c); file itself stays the caller's. */
void close_file(struct ist_file *file);

#endif
