/* SPDX-License-Identifier: GPL-2.0 */
/* The scanner's private parts: tokens, macros, the tree (lex.c), expansion (expand.c). */
#ifndef _ISTCHECK_SOURCE_INTERNAL_H
#define _ISTCHECK_SOURCE_INTERNAL_H

#include <istcheck/source.h>

enum tok_kind { T_IDENT, T_NUM, T_STR, T_CHAR, T_PUNCT };

struct tok {
	const char *s;			/* not NUL-terminated: len bytes */
	uint32_t len;
	int line, col;			/* 1-based; col in bytes, as GCC's DWARF counts */
	uint8_t kind;
};

struct macro {
	char *name;
	bool func;			/* function-like */
	bool variadic;			/* the last parameter takes the rest (__VA_ARGS__ or "args...") */
	int nparams;
	char **params;
	struct tok *body;
	size_t nbody;
	int8_t event;			/* -1 not known yet, 0 no, 1 its expansion holds a region statement, 2 being computed */
	struct macro *next;		/* hash chain */
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

#define MACRO_BUCKETS 8192

struct src_file {
	char *path;
	char *text;			/* NULL: unreadable */
	size_t len;
	bool has_events;		/* its text names instrumentation_begin/end */
	bool tokenized;
	struct toks toks;		/* the active tokens (directives applied), once asked for */
	struct src_file *next;
};

/* An inline function whose body leaves the depth changed (ct_cpuidle_enter(): -1). */
struct helper {
	char *name;
	int delta;
	struct helper *next;
};

struct cfg_entry {
	char *name;			/* without CONFIG_ */
	char *value;			/* "y", "m", a number or a string */
	struct cfg_entry *next;
};

struct src_tree {
	char *root;
	struct macro *macros[MACRO_BUCKETS];
	struct cfg_entry *config[MACRO_BUCKETS];
	bool has_config;
	struct src_file *files;		/* read so far, newest first */
	struct helper *helpers;
	char **noreturn;		/* functions that do not return: a call ends the path */
	size_t nr_noreturn;
	int include_depth;
	char **strings;			/* pasted and joined text that tokens point into */
	size_t nr_strings;
};

bool tok_is(const struct tok *t, const char *s);
void push_tok(struct toks *v, const struct tok *t);
char *keep_string(struct src_tree *t, char *s);
struct macro *find_macro(const struct src_tree *t, const char *s, size_t len);
/*
 * Tokenize text (its directives applied: #define into the table, #if against the config,
 * #include read for its macros, once per tree); out NULL: only the directives.
 */
void lex_text(struct src_tree *t, const char *dir, const char *text, size_t len, struct toks *out);
/* The file, read (its macros, and its includes') once per tree; NULL if unreadable. */
struct src_file *get_file(struct src_tree *t, const char *path);
/* ... and its tokens. */
const struct toks *file_tokens(struct src_tree *t, struct src_file *f);
struct src_file *add_text(struct src_tree *t, const char *name, const char *text, size_t len);
bool src_is_noreturn(const struct src_tree *t, const struct tok *k);
int helper_delta(const struct src_tree *t, const struct tok *k);
/* scan.c: the inline functions of f whose bodies change the depth, into t->helpers. */
void index_helpers(struct src_tree *t, struct src_file *f);

/* expand.c: in[0..n) with the macros that can hold a region statement expanded. */
void expand_regions(struct src_tree *t, const struct tok *in, size_t n, bool all, struct toks *out);
bool is_region_ident(const struct tok *k);

#endif
