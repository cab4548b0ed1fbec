// SPDX-License-Identifier: GPL-2.0
/*
 * Tokens of kernel C, with the preprocessor's directives applied the cheap way: #define goes
 * into the tree's macro table, #if/#ifdef/#elif are evaluated against the tree's kernel config
 * (include/config/auto.conf or .config), #include reads the header once for its macros (as the
 * preprocessor would; its tokens are not spliced in: the caller scans the function bodies the
 * DWARF places, in whichever file).  Without a config a CONFIG_ test takes the #if branch.  Comments, strings and
 * character literals are skipped whole, so a region statement inside them is not one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <istcheck/error.h>
#include <istcheck/util.h>
#include "source_internal.h"

static unsigned hash(const char *s, size_t len)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h % MACRO_BUCKETS;
}

bool tok_is(const struct tok *t, const char *s)
{
	return strlen(s) == t->len && !memcmp(t->s, s, t->len);
}

void push_tok(struct toks *v, const struct tok *t)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 256;
		v->v = realloc(v->v, v->cap * sizeof(*v->v));
		if (!v->v)
			out_of_memory(NULL);
	}
	v->v[v->n++] = *t;
}

char *keep_string(struct src_tree *t, char *s)
{
	char **v = realloc(t->strings, (t->nr_strings + 1) * sizeof(*v));

	if (!v || !s)
		out_of_memory(NULL);
	t->strings = v;
	return v[t->nr_strings++] = s;
}

struct macro *find_macro(const struct src_tree *t, const char *s, size_t len)
{
	for (struct macro *m = t->macros[hash(s, len)]; m; m = m->next)
		if (strlen(m->name) == len && !memcmp(m->name, s, len))
			return m;
	return NULL;
}

static const char *find_config(const struct src_tree *t, const char *s, size_t len)
{
	for (struct cfg_entry *c = t->config[hash(s, len)]; c; c = c->next)
		if (strlen(c->name) == len && !memcmp(c->name, s, len))
			return c->value;
	return NULL;
}

/* --- tokens -------------------------------------------------------------------------------- */

struct lexer {
	const char *p, *end, *line_start;
	int line;
	bool bol;			/* only blanks since the line began: a '#' starts a directive */
};

static void newline(struct lexer *lx)
{
	lx->line++;
	lx->line_start = lx->p;
	lx->bol = true;
}

/* Skip blanks, comments and escaped newlines; stops at a real newline (returned true). */
static bool skip_space(struct lexer *lx, bool in_directive)
{
	while (lx->p < lx->end) {
		const char *p = lx->p;

		if (*p == '\\' && p + 1 < lx->end && p[1] == '\n') {
			lx->p += 2;
			newline(lx);
			lx->bol = false;
		} else if (*p == '\n') {
			if (in_directive)
				return true;
			lx->p++;
			newline(lx);
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
			lx->p++;
		} else if (*p == '/' && p + 1 < lx->end && p[1] == '/') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (*p == '/' && p + 1 < lx->end && p[1] == '*') {
			for (lx->p += 2; lx->p < lx->end && !(lx->p[0] == '*' && lx->p + 1 < lx->end && lx->p[1] == '/');) {
				if (*lx->p++ == '\n') {
					lx->line++;
					lx->line_start = lx->p;
				}
			}
			lx->p = lx->p + 2 <= lx->end ? lx->p + 2 : lx->end;
		} else {
			return false;
		}
	}
	return true;
}

static const char *const puncts[] = {
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=",
	"-=", "*=", "/=", "%=", "&=", "|=", "^=", "##",
};

/* One token at lx->p (not a blank); the quote-aware end of strings and characters. */
static void lex_one(struct lexer *lx, struct tok *t)
{
	const char *p = lx->p;

	t->s = p;
	t->line = lx->line;
	t->col = (int)(p - lx->line_start) + 1;
	if (isalpha((unsigned char)*p) || *p == '_' || *p == '$') {
		while (p < lx->end && (isalnum((unsigned char)*p) || *p == '_' || *p == '$'))
			p++;
		t->kind = T_IDENT;
	} else if (isdigit((unsigned char)*p) || (*p == '.' && p + 1 < lx->end && isdigit((unsigned char)p[1]))) {
		for (p++; p < lx->end; p++) {
			if ((*p == '+' || *p == '-') && strchr("eEpP", p[-1]))
				continue;
			if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.')
				break;
		}
		t->kind = T_NUM;
	} else if (*p == '"' || *p == '\'') {
		char q = *p++;

		while (p < lx->end && *p != q && *p != '\n')
			p += *p == '\\' && p + 1 < lx->end ? 2 : 1;
		p = p < lx->end && *p == q ? p + 1 : p;
		t->kind = q == '"' ? T_STR : T_CHAR;
	} else {
		size_t n = 1;

		for (size_t i = 0; i < ARRAY_SIZE(puncts); i++) {
			size_t l = strlen(puncts[i]);

			if ((size_t)(lx->end - p) >= l && !memcmp(p, puncts[i], l)) {
				n = l;
				break;
			}
		}
		p += n;
		t->kind = T_PUNCT;
	}
	t->len = (uint32_t)(p - t->s);
	lx->p = p;
	lx->bol = false;
}

/* --- directives ---------------------------------------------------------------------------- */

#define MAX_IF 64

struct cond {
	bool active, taken;
};

struct pp {
	struct src_tree *tree;
	const char *dir;		/* of the file being read: "" includes are looked up there first */
	bool relex;			/* read again for its tokens: its include guard is defined by now */
	bool seen_if;
	struct cond stack[MAX_IF];
	int depth;			/* levels beyond MAX_IF are counted, never active */
	int overflow;
};

static bool active(const struct pp *pp)
{
	return !pp->overflow && (!pp->depth || pp->stack[pp->depth - 1].active);
}

/* The tokens of the rest of a directive line. */
static void lex_line(struct lexer *lx, struct toks *out)
{
	struct tok t;

	while (!skip_space(lx, true)) {
		lex_one(lx, &t);
		push_tok(out, &t);
	}
}

struct eval {
	const struct pp *pp;
	const struct tok *t;
	size_t i, n;
	bool unknown;			/* a CONFIG_ test without a config */
};

static long eval_expr(struct eval *e, int prec);

static bool eval_accept(struct eval *e, const char *s)
{
	if (e->i < e->n && tok_is(&e->t[e->i], s)) {
		e->i++;
		return true;
	}
	return false;
}

static bool is_defined(struct eval *e, const struct tok *k)
{
	const struct src_tree *t = e->pp->tree;

	if (k->len > 7 && !memcmp(k->s, "CONFIG_", 7)) {
		if (!t->has_config)
			e->unknown = true;
		return find_config(t, k->s + 7, k->len - 7) != NULL;
	}
	return tok_is(k, "__KERNEL__") || tok_is(k, "__x86_64__") || tok_is(k, "__GNUC__") ||
	       find_macro(t, k->s, k->len);
}

static long config_value(struct eval *e, const struct tok *k, bool module_too)
{
	const char *v;

	if (!e->pp->tree->has_config) {
		e->unknown = true;
		return 1;
	}
	v = find_config(e->pp->tree, k->s + 7, k->len - 7);
	if (!v)
		return 0;
	if (!strcmp(v, "y"))
		return 1;
	if (!strcmp(v, "m"))
		return module_too;
	return strtol(v, NULL, 0);
}

static long eval_primary(struct eval *e)
{
	const struct tok *k;

	if (e->i >= e->n)
		return 0;
	if (eval_accept(e, "!"))
		return !eval_primary(e);
	if (eval_accept(e, "-"))
		return -eval_primary(e);
	if (eval_accept(e, "~"))
		return ~eval_primary(e);
	if (eval_accept(e, "(")) {
		long v = eval_expr(e, 0);

		eval_accept(e, ")");
		return v;
	}
	k = &e->t[e->i++];
	if (k->kind == T_NUM)
		return strtol(k->s, NULL, 0);
	if (k->kind != T_IDENT)
		return 0;
	if (tok_is(k, "defined")) {
		bool paren = eval_accept(e, "(");
		bool d = e->i < e->n && is_defined(e, &e->t[e->i]);

		e->i++;
		if (paren)
			eval_accept(e, ")");
		return d;
	}
	if ((tok_is(k, "IS_ENABLED") || tok_is(k, "IS_BUILTIN") || tok_is(k, "IS_REACHABLE") ||
	     tok_is(k, "IS_MODULE")) && eval_accept(e, "(")) {
		long v = 0;

		if (e->i < e->n && e->t[e->i].len > 7 && !memcmp(e->t[e->i].s, "CONFIG_", 7))
			v = config_value(e, &e->t[e->i], !tok_is(k, "IS_BUILTIN"));
		while (e->i < e->n && !eval_accept(e, ")"))
			e->i++;
		return v;
	}
	if (k->len > 7 && !memcmp(k->s, "CONFIG_", 7))
		return config_value(e, k, false);
	return 0;
}

static const struct { const char *op; int prec; } binops[] = {
	{ "||", 1 }, { "&&", 2 }, { "|", 3 }, { "^", 4 }, { "&", 5 }, { "==", 6 }, { "!=", 6 },
	{ "<", 7 }, { ">", 7 }, { "<=", 7 }, { ">=", 7 }, { "<<", 8 }, { ">>", 8 }, { "+", 9 },
	{ "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
};

static long apply(const char *op, long a, long b)
{
	switch (op[0]) {
	case '|': return op[1] ? a || b : a | b;
	case '&': return op[1] ? a && b : a & b;
	case '^': return a ^ b;
	case '=': return a == b;
	case '!': return a != b;
	case '<': return op[1] == '<' ? a << (b & 63) : op[1] ? a <= b : a < b;
	case '>': return op[1] == '>' ? a >> (b & 63) : op[1] ? a >= b : a > b;
	case '+': return a + b;
	case '-': return a - b;
	case '*': return a * b;
	case '/': return b ? a / b : 0;
	default: return b ? a % b : 0;
	}
}

static long eval_expr(struct eval *e, int prec)
{
	long v = eval_primary(e);

	while (e->i < e->n) {
		const char *op = NULL;
		int p = 0;

		for (size_t k = 0; k < ARRAY_SIZE(binops); k++)
			if (tok_is(&e->t[e->i], binops[k].op))
				op = binops[k].op, p = binops[k].prec;
		if (!op || p <= prec)
			break;
		e->i++;
		v = apply(op, v, eval_expr(e, p));
	}
	if (prec == 0 && eval_accept(e, "?")) {
		long a = eval_expr(e, 0), b = (eval_accept(e, ":"), eval_expr(e, 0));

		v = v ? a : b;
	}
	return v;
}

/* #if's value; a CONFIG_ test without a config counts as true (the #if branch is taken). */
static bool eval_if(const struct pp *pp, const struct tok *t, size_t n)
{
	struct eval e = { .pp = pp, .t = t, .n = n };
	long v = eval_expr(&e, 0);

	return e.unknown || v;
}

static void add_macro(struct src_tree *t, const struct tok *d, size_t n)
{
	struct macro *m;
	size_t i = 1;
	unsigned h;

	if (!n || d[0].kind != T_IDENT || find_macro(t, d[0].s, d[0].len))
		return;		/* the first definition the config lets through wins */
	m = calloc(1, sizeof(*m));
	if (!m)
		out_of_memory(NULL);
	m->name = strndup(d[0].s, d[0].len);
	m->event = -1;
	/* Function-like only when '(' touches the name. */
	if (n > 1 && tok_is(&d[1], "(") && d[1].s == d[0].s + d[0].len) {
		m->func = true;
		for (i = 2; i < n && !tok_is(&d[i], ")"); i++) {
			if (tok_is(&d[i], ","))
				continue;
			if (tok_is(&d[i], "...")) {
				m->variadic = true;
				m->params = xrealloc(m->params, (m->nparams + 1) * sizeof(char *));
				m->params[m->nparams++] = xstrdup("__VA_ARGS__");
				continue;
			}
			if (i + 1 < n && tok_is(&d[i + 1], "..."))
				m->variadic = true;
			m->params = xrealloc(m->params, (m->nparams + 1) * sizeof(char *));
			m->params[m->nparams++] = xstrndup(d[i].s, d[i].len);
		}
		i++;
	}
	m->nbody = i < n ? n - i : 0;
	m->body = malloc((m->nbody + 1) * sizeof(*m->body));
	if (!m->name || !m->body)
		out_of_memory(NULL);
	memcpy(m->body, d + i, m->nbody * sizeof(*m->body));
	h = hash(d[0].s, d[0].len);
	m->next = t->macros[h];
	t->macros[h] = m;
}

static void read_include(struct src_tree *t, const char *dir, const char *name, bool quoted);

/* #include: read for its macros, once (get_file() remembers), as the preprocessor would. */
static void include(struct pp *pp, const struct tok *d, size_t n)
{
	char name[512];
	size_t len = 0;

	if (d[0].kind == T_STR && d[0].len > 2 && d[0].len < sizeof(name)) {
		memcpy(name, d[0].s + 1, d[0].len - 2);
		len = d[0].len - 2;
	} else if (tok_is(&d[0], "<")) {
		for (size_t i = 1; i < n && !tok_is(&d[i], ">") && len + d[i].len < sizeof(name); i++) {
			memcpy(name + len, d[i].s, d[i].len);
			len += d[i].len;
		}
	}
	if (!len)
		return;
	name[len] = 0;
	read_include(pp->tree, pp->dir, name, d[0].kind == T_STR);
}

/* A directive: lx at the '#'.  Its text stays alive: macro bodies point into the file. */
static void directive(struct pp *pp, struct lexer *lx)
{
	struct toks d = { 0 };
	struct tok *k;
	bool on = active(pp);

	lx->p++;
	lex_line(lx, &d);
	k = d.n ? &d.v[0] : NULL;
	if (!k || k->kind != T_IDENT)
		goto out;
	if (tok_is(k, "if") || tok_is(k, "ifdef") || tok_is(k, "ifndef")) {
		bool v;

		if (pp->overflow || pp->depth == MAX_IF) {
			pp->overflow++;
			goto out;
		}
		if (tok_is(k, "if")) {
			v = eval_if(pp, d.v + 1, d.n - 1);
		} else {
			struct eval e = { .pp = pp };

			v = d.n > 1 && is_defined(&e, &d.v[1]);
			v = e.unknown || (tok_is(k, "ifdef") ? v : !v);
			if (pp->relex && !pp->seen_if && tok_is(k, "ifndef"))
				v = true;
		}
		pp->seen_if = true;
		pp->stack[pp->depth++] = (struct cond){ on && v, on && v };
	} else if (tok_is(k, "elif") || tok_is(k, "else")) {
		struct cond *c;
		bool parent;

		if (pp->overflow || !pp->depth)
			goto out;
		c = &pp->stack[pp->depth - 1];
		parent = pp->depth == 1 || pp->stack[pp->depth - 2].active;
		c->active = parent && !c->taken && (tok_is(k, "else") || eval_if(pp, d.v + 1, d.n - 1));
		c->taken |= c->active;
	} else if (tok_is(k, "endif")) {
		if (pp->overflow)
			pp->overflow--;
		else if (pp->depth)
			pp->depth--;
	} else if (on && tok_is(k, "define")) {
		add_macro(pp->tree, d.v + 1, d.n - 1);
	} else if (on && tok_is(k, "include") && d.n > 1) {
		include(pp, d.v + 1, d.n - 1);
	}
out:
	free(d.v);
}

void lex_text(struct src_tree *t, const char *dir, const char *text, size_t len, struct toks *out)
{
	struct lexer lx = { .p = text, .end = text + len, .line_start = text, .line = 1, .bol = true };
	struct pp pp = { .tree = t, .dir = dir, .relex = out != NULL };
	struct tok k;

	for (;;) {
		skip_space(&lx, false);
		if (lx.p >= lx.end)
			break;
		if (lx.bol && *lx.p == '#') {
			directive(&pp, &lx);
			continue;
		}
		lex_one(&lx, &k);
		if (active(&pp) && out)
			push_tok(out, &k);
	}
}

/* --- the tree ------------------------------------------------------------------------------ */

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? 2 * cap : 1 << 17;
			buf = realloc(buf, cap + 1);
			if (!buf)
				out_of_memory(path);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static void read_config(struct src_tree *t)
{
	const char *names[] = { "include/config/auto.conf", ".config" };
	char path[4096], line[1024];
	FILE *f = NULL;

	for (size_t i = 0; !f && i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", t->root, names[i]);
		f = fopen(path, "r");
	}
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *eq = strchr(line, '='), *nl = strchr(line, '\n');
		struct cfg_entry *c;
		unsigned h;

		if (strncmp(line, "CONFIG_", 7) || !eq)
			continue;
		if (nl)
			*nl = 0;
		*eq = 0;
		c = calloc(1, sizeof(*c));
		if (!c || !(c->name = strdup(line + 7)) || !(c->value = strdup(eq + 1)))
			out_of_memory(NULL);
		h = hash(c->name, strlen(c->name));
		c->next = t->config[h];
		t->config[h] = c;
	}
	fclose(f);
	t->has_config = true;
}

static const char *const noreturn_seeds[] = {
	"panic", "BUG", "do_exit", "make_task_dead", "unreachable", "__builtin_unreachable",
	"__builtin_trap",
};

void src_add_noreturn(struct src_tree *t, const char *name)
{
	char **v;

	for (size_t i = 0; i < t->nr_noreturn; i++)
		if (!strcmp(t->noreturn[i], name))
			return;
	v = realloc(t->noreturn, (t->nr_noreturn + 1) * sizeof(*v));
	if (!v || !(v[t->nr_noreturn] = strdup(name)))
		out_of_memory(NULL);
	t->noreturn = v;
	t->nr_noreturn++;
}

bool src_is_noreturn(const struct src_tree *t, const struct tok *k)
{
	for (size_t i = 0; i < t->nr_noreturn; i++)
		if (tok_is(k, t->noreturn[i]))
			return true;
	return false;
}

int helper_delta(const struct src_tree *t, const struct tok *k)
{
	for (const struct helper *h = t->helpers; h; h = h->next)
		if (tok_is(k, h->name))
			return h->delta;
	return 0;
}

int src_helper_delta(const struct src_tree *t, const char *name)
{
	for (const struct helper *h = t->helpers; h; h = h->next)
		if (!strcmp(h->name, name))
			return h->delta;
	return 0;
}

struct src_tree *src_tree_new(const char *root)
{
	struct src_tree *t = calloc(1, sizeof(*t));
	char path[4096];

	if (!t || !(t->root = strdup(root ? root : ".")))
		out_of_memory(NULL);
	for (size_t i = 0; i < ARRAY_SIZE(noreturn_seeds); i++)
		src_add_noreturn(t, noreturn_seeds[i]);
	if (!root)
		return t;
	read_config(t);
	/* What Kbuild's -include gives every file: IS_ENABLED(), noinstr, __always_inline. */
	snprintf(path, sizeof(path), "%s/include/linux/kconfig.h", root);
	get_file(t, path);
	snprintf(path, sizeof(path), "%s/include/linux/compiler_types.h", root);
	get_file(t, path);
	return t;
}

bool src_tree_has_config(const struct src_tree *t)
{
	return t->has_config;
}

static struct src_file *new_file(struct src_tree *t, const char *path)
{
	struct src_file *f = calloc(1, sizeof(*f));

	if (!f || !(f->path = strdup(path)))
		out_of_memory(NULL);
	f->next = t->files;
	t->files = f;
	return f;
}

static void dir_of(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');

	snprintf(dir, len, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
}

/* Its macros (and its includes'), and the helpers it defines if it has region statements. */
static void read_file(struct src_tree *t, struct src_file *f)
{
	char dir[4096];

	f->has_events = strstr(f->text, "instrumentation_begin") || strstr(f->text, "instrumentation_end");
	dir_of(f->path, dir, sizeof(dir));
	if (t->include_depth++ < 64)
		lex_text(t, dir, f->text, f->len, NULL);
	t->include_depth--;
	if (f->has_events)
		index_helpers(t, f);
}

struct src_file *add_text(struct src_tree *t, const char *name, const char *text, size_t len)
{
	struct src_file *f = new_file(t, name);

	if (!(f->text = malloc(len + 1)))
		out_of_memory(NULL);
	memcpy(f->text, text, len);
	f->text[len] = 0;
	f->len = len;
	read_file(t, f);
	return f;
}

struct src_file *get_file(struct src_tree *t, const char *path)
{
	struct src_file *f;

	for (f = t->files; f; f = f->next)
		if (!strcmp(f->path, path))
			return f->text ? f : NULL;
	f = new_file(t, path);
	f->text = read_all(path, &f->len);
	if (!f->text)
		return NULL;	/* remembered as unreadable: text stays NULL */
	read_file(t, f);
	return f;
}

const struct toks *file_tokens(struct src_tree *t, struct src_file *f)
{
	char dir[4096];

	if (!f->tokenized) {
		f->tokenized = true;
		dir_of(f->path, dir, sizeof(dir));
		lex_text(t, dir, f->text, f->len, &f->toks);
	}
	return &f->toks;
}

/* Where Kbuild's -I options would find name (x86: arch, generated, generic, uapi). */
static void read_include(struct src_tree *t, const char *dir, const char *name, bool quoted)
{
	static const char *const paths[] = {
		"arch/x86/include", "arch/x86/include/generated", "include", "arch/x86/include/uapi",
		"arch/x86/include/generated/uapi", "include/uapi", "include/generated/uapi",
	};
	char path[4096];

	if (quoted) {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (!access(path, R_OK)) {
			get_file(t, path);
			return;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", t->root, paths[i], name);
		if (!access(path, R_OK)) {
			get_file(t, path);
			return;
		}
	}
	/* asm/X.h that Kbuild generates as a wrapper of asm-generic/X.h. */
	if (!strncmp(name, "asm/", 4)) {
		snprintf(path, sizeof(path), "%s/include/asm-generic/%s", t->root, name + 4);
		if (!access(path, R_OK))
			get_file(t, path);
	}
}

bool src_add_macros(struct src_tree *t, const char *path)
{
	return get_file(t, path) != NULL;
}

void src_tree_free(struct src_tree *t)
{
	if (!t)
		return;
	for (size_t h = 0; h < MACRO_BUCKETS; h++) {
		for (struct macro *m = t->macros[h], *next; m; m = next) {
			next = m->next;
			for (int i = 0; i < m->nparams; i++)
				free(m->params[i]);
			free(m->params), free(m->body), free(m->name), free(m);
		}
		for (struct cfg_entry *c = t->config[h], *next; c; c = next) {
			next = c->next;
			free(c->name), free(c->value), free(c);
		}
	}
	for (struct helper *hp = t->helpers, *next; hp; hp = next) {
		next = hp->next;
		free(hp->name), free(hp);
	}
	for (size_t i = 0; i < t->nr_noreturn; i++)
		free(t->noreturn[i]);
	free(t->noreturn);
	for (struct src_file *f = t->files, *next; f; f = next) {
		next = f->next;
		free(f->path), free(f->text), free(f->toks.v), free(f);
	}
	for (size_t i = 0; i < t->nr_strings; i++)
		free(t->strings[i]);
	free(t->strings), free(t->root), free(t);
}
