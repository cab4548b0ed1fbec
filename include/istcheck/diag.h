/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one diagnostics module.  Every finding and note goes through here; the report writers
 * (text, JSON, SARIF) read only what is recorded here, so all formats agree.  Input and usage
 * errors are not findings: they go through error.h's input_error(), one line on stderr.
 */
#ifndef _ISTCHECK_DIAG_H
#define _ISTCHECK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <istcheck/error.h>

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR, SEV_NEVER };

/* The --contract profiles, as bits of rule.profiles. */
enum profile { P_LINUX = 1u << 0, P_AIST = 1u << 1, P_NOINSTR = 1u << 2 };

enum rule_id {
#define RULE(sym, id, sev, profiles, summary, help, example, fix) RULE_##sym,
#include <istcheck/rules.def>
#undef RULE
	NR_RULES
};

struct rule {
	const char *id;
	enum severity sev;
	unsigned profiles;		/* enum profile bits: the profiles that turn it on */
	const char *summary;
	const char *help;
	const char *example;		/* code that breaks it, then the finding it gets */
	const char *fix;
};

extern const struct rule rule_table[NR_RULES];

/*
 * A --contract: one row says all of it.  Its rules are those whose profiles carry its bit (or,
 * for a contract added later, the rules it lists); walk: it runs the entry-contract walk, which
 * needs the entry model, and its file-wide passes (aist-foreign-sp); fail_on: its default
 * --fail-on.
 */
struct contract {
	const char *name;
	unsigned profile;		/* enum profile bit; 0: the rules are listed */
	const int *rules;		/* enum rule_id, when profile is 0 */
	size_t nr_rules;
	bool walk;
	enum severity fail_on;
};

/* The contracts: linux (the default), aist, noinstr, and any add_contract() added. */
const struct contract *find_contract(const char *name);
size_t nr_contracts(void);
const struct contract *contract_at(size_t i);
/* Add a row (a test's toy contract: the table takes it like the built-in ones). */
void add_contract(const struct contract *c);
/* Does contract c turn rule r on by default? */
bool contract_has_rule(const struct contract *c, int r);
/* "linux aist": the contracts that turn rule r on, into buf. */
const char *rule_contracts_str(int r, char *buf, size_t len);

/* -1 if no rule has that id. */
int find_rule(const char *id);
const char *severity_name(enum severity sev);
bool parse_severity(const char *s, enum severity *sev);

struct ist_file;
struct insn;

/* One step of a witness path: entry point -> branch decisions -> offending instruction. */
struct witness_step {
	uint64_t addr;
	const char *note;		/* "entry", "call", "taken", "alt: with PTI", ... (copied) */
};

/* One variant a finding holds in, with what was said there and how it was reached. */
struct finding_variant {
	char *name;			/* "from user mode, with PTI"; NULL: no variants (every one) */
	char *msg;
	struct witness_step *path;
	size_t nr_path;
};

/*
 * One finding per (rule, instruction): the variants it holds in are listed inside it, each with
 * its own message and witness.  variants[0] is the first (after build_report(): in name order).
 */
struct finding {
	enum rule_id rule;
	enum severity sev;
	struct ist_file *file;
	uint64_t addr;
	char *callee;			/* what a call finding calls ("pv_ops[3]", "{dynamic}"), or NULL */
	struct finding_variant *variants;	/* at least one */
	size_t nr_variants;
	uint64_t identity;		/* what the instruction means (fingerprints: identity.c) */
	uint64_t occurrence;		/* which occurrence of that identity in its symbol */
	uint8_t bytes[16];		/* the instruction, for the byte fingerprint (version 2) */
	uint8_t len;
	uint64_t byte_occurrence;	/* which occurrence of bytes in its symbol */
	bool suppressed;		/* known to the --baseline: not reported, never fails */
};

/*
 * Record a finding of rule at insn, or add the variant to the finding already there.  Returns
 * NULL when the rule is disabled (-Wno-...) or the same (rule, instruction, variant) was already
 * reported; callers just skip the extras then.  Steps added next go to this variant's witness.
 */
struct finding *report_finding(struct ist_file *file, enum rule_id rule, const struct insn *insn,
			       const char *variant, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void finding_add_step(struct finding *f, uint64_t addr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void finding_set_callee(struct finding *f, const char *callee);

/* A note as the store keeps it; the report places and orders them. */
struct note {
	struct ist_file *file;
	uint64_t addr;			/* 0: the whole file */
	char *msg;
	size_t seq;			/* the order it was made in */
	bool about_run;			/* says how the run went (the baseline's count): never fails it */
};

/* The store's contents (cfg/findings.c), for the report layer; valid until reset_diag(). */
struct finding *const *stored_findings(size_t *n);
const struct note *stored_notes(size_t *n);
/* A note about the run rather than the input (the baseline's count). */
void report_run_note(struct ist_file *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * What an instruction means, for fingerprints (cfg/identity.c): its identity in the function
 * whose symbol is home, and a symbol name hashed without its numbered compiler suffixes.
 */
struct elf_file;
struct symbol;
uint64_t insn_identity(const struct elf_file *ef, const struct insn *insn, const struct symbol *home);
uint64_t hash_stable_name(uint64_t h, const char *name);

/* A note that is not a finding: "unverifiable here", "no instrumentation markers", ...
 * addr 0 means the whole file. */
void report_note(struct ist_file *file, uint64_t addr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * What the checks covered in one file, for the summary that ends every report: run_checks()
 * fills it, the contract walk adds what its bounds cut short.
 */
struct check_stats {
	bool ran;			/* run_checks() saw the file */
	const char *model;		/* the entry model's name; NULL: none */
	unsigned variants;		/* feature variants each entry point is walked in (0: no walk) */
	size_t entry_points;		/* the model's entry points found in the file */
	size_t entries_cut;		/* of those, left unchecked or checked in part (walk bounds) */
	size_t functions;		/* noinstr functions walked by the noinstr rules */
	size_t functions_skipped;	/* noinstr C functions left alone: no regions known for them */
	bool skipped_unplaced;		/* ... because no source line places them (else: no markers) */
	size_t states;			/* states the contract walk visited (--stats) */
	size_t runs;			/* (entry point, origin, variant) walks that ran */
	const char *families[16];	/* the rule families the walk ran (--stats) */
	size_t nr_families;
};


/*
 * Write every recorded finding and note in the chosen format, in a deterministic order
 * (input order, then address, then rule).  Returns the number of findings at or above
 * opts.fail_on (and of notes, when that is SEV_NOTE), or < 0 on an output error.
 */
int write_report(FILE *out, struct ist_file **files, size_t nr_files);
/* Forget findings and notes (tests). */
void reset_diag(void);

/* The rules with severity, profiles and whether each is on by default. */
void list_rules(FILE *out);
/* --explain: the rule (an ID find_rule() knows) for a reader: help, example, fix. */
void explain_rule(FILE *out, const char *id);

#endif
