/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to src/report/: what diag.c hands the writers.  Locations are resolved once, before
 * any writer runs, so every format names the same symbol, section and source line.
 */
#ifndef _ISTCHECK_REPORT_H
#define _ISTCHECK_REPORT_H

#include <istcheck/istcheck.h>

struct location {
	const struct symbol *sym;	/* NULL: no symbol covers the address */
	uint64_t sym_off;
	const struct section *sec;	/* NULL: outside every section */
	uint64_t sec_off;
	char *src;			/* source path, NULL without line info */
	int line, col;			/* col 0: unknown */
};

struct report_item {
	struct finding *f;
	size_t file_idx;
	uint64_t run_addr;		/* where the code runs: an alternative's site for its replacement */
	struct location loc;
	struct location **steps;	/* per variant, one per witness step */
	uint64_t fingerprint;		/* the finding's identity: rule and what the instruction means */
	uint64_t byte_fingerprint;	/* version 2's: rule and the instruction's bytes */
	uint64_t *legacy;		/* per named variant: the version 1 fingerprint, else 0 */
	char *variant;			/* the variants merged for reading; NULL: every variant */
	char *text;			/* the message as one line: "MSG (VARIANTS)[; MSG2 (...)]" */
};

/* A stored note (diag.h's struct note) as the report places it. */
struct report_note {
	struct ist_file *file;
	uint64_t addr;			/* 0: the whole file */
	const char *msg;		/* the store's */
	size_t seq;
	bool about_run;			/* says how the run went (the baseline's count): never fails it */
	size_t file_idx;
	struct location loc;
};

/* One input's line of the summary. */
struct file_summary {
	size_t errors, warnings;	/* findings reported (not suppressed), by severity */
	size_t suppressed;		/* findings the --baseline knew */
	size_t notes;
	bool failed;			/* a finding at or above --fail-on (a note, under "note") */
	bool nothing_checked;		/* no entry point and no noinstr function */
};

struct report {
	struct ist_file **files;
	size_t nr_files;
	struct file_summary *sums;	/* one per file */
	struct report_item *items;	/* sorted */
	size_t nr_items;
	struct report_note *notes;	/* sorted */
	size_t nr_notes;
};

/* The JSON report's version (json.c writes it, baseline.c reads 1 up to it). */
#define REPORT_VERSION 3

/* "linux", "aist" or "noinstr": the --contract of the run. */
const char *contract_name(void);
/* The variants merged into the short form of docs/report-format.md; NULL: every variant. */
char *merge_variants(const char *const *names, size_t n);
/* Each distinct message once, with its variants merged: "MSG (VARIANTS)[; MSG2 (VARIANTS2)]". */
char *variants_text(const char *const *names, const char *const *msgs, size_t n);

/* "sym+0xoff", else "sec+0xoff", else the plain address. */
const char *location_str(const struct location *loc, uint64_t addr, char *buf, size_t len);
/* Absolute addresses mean something only in a final link. */
static inline bool addr_meaningful(const struct ist_file *file)
{
	return !file->elf.rel;
}

/* A JSON string, NULL as null, invalid UTF-8 bytes as '?'. */
struct json_t *json_str(const char *s);
/* What was checked in one input and what came of it (the text format's summary line). */
struct json_t *json_input_summary(const struct ist_file *file, const struct file_summary *s);

/* baseline.c */
size_t apply_baseline(struct report *r);
int write_baseline(const char *path, const struct report *r);

int write_text(FILE *out, const struct report *r);
int write_json(FILE *out, const struct report *r);
int write_sarif(FILE *out, const struct report *r);

/*
 * dwarf.c: the source line of addr, the path relative to --srcroot or the CU's comp_dir.
 * *path is valid until the next call; close_lines() frees every libdwfl session.
 */
bool lookup_line(struct ist_file *file, uint64_t addr, const char **path, int *line, int *col);
void close_lines(void);
/* Why some lines of file could not be read (its DWARF is corrupt), or NULL. */
const char *line_error(const struct ist_file *file);

#endif
