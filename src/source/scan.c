// SPDX-License-Identifier: GPL-2.0
/*
 * The lexical region scanner: one function body, statement by statement, with the
 * instrumentation depth as state.  instrumentation_begin() adds one, instrumentation_end()
 * takes one; where paths join (after an if, a loop, a switch, at a label a goto jumps to) the
 * depth is the interval of the joining ones, and a path that returned or jumped away joins
 * nothing: that is what makes the early-return pattern
 *
 *	if (cond) { instrumentation_end(); return; }
 *
 * leave the depth after the if as it was.  The result is a list of sites (statement starts,
 * calls, region statements) with the depth there; src_depth_at() answers for a position.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include <istcheck/util.h>
#include "source_internal.h"

#define MAX_LABELS 128
#define MAX_LOOPS 64

struct label {
	const struct tok *name;
	struct src_depth d;
};

struct scan {
	struct src_tree *tree;
	const struct tok *t;
	size_t n;
	struct src_body *b;
	size_t cap;
	struct label labels[MAX_LABELS];
	int nr_labels;
	struct src_depth breaks[MAX_LOOPS], cases[MAX_LOOPS];
	struct src_depth last_live;	/* before the last return, goto, break or continue */
	int nr_loops;
};

static const char *const not_calls[] = {
	"if", "while", "for", "switch", "return", "sizeof", "typeof", "__typeof__", "__typeof",
	"_Generic", "__attribute__", "__attribute", "asm", "__asm__", "__asm", "asm_inline", "alignof",
	"_Alignof", "__alignof__", "do", "case", "else", "_Static_assert", "static_assert", "volatile",
	"__volatile__", "goto", "__section__", "__builtin_expect",
};

static bool is_call_ident(const struct tok *k)
{
	if (k->kind != T_IDENT)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(not_calls); i++)
		if (tok_is(k, not_calls[i]))
			return false;
	return true;
}

static void add_site(struct scan *s, const struct tok *at, struct src_depth d, const struct tok *name)
{
	struct src_body *b = s->b;

	if (b->nr_sites == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		b->sites = realloc(b->sites, s->cap * sizeof(*b->sites));
		if (!b->sites)
			out_of_memory(NULL);
	}
	b->sites[b->nr_sites++] = (struct src_site){ at->line, at->col, d,
						     name ? xstrndup(name->s, name->len) : NULL };
}

static void problem(struct scan *s, enum src_problem p, const struct tok *at)
{
	if (!s->b->problems)
		s->b->problem_line = at->line;
	s->b->problems |= p;
}

static struct src_depth join(struct scan *s, struct src_depth a, struct src_depth b, const struct tok *at)
{
	if (!a.known)
		return b;
	if (!b.known)
		return a;
	if ((a.lo != b.lo || a.hi != b.hi) && at)
		problem(s, SRC_JOIN_MISMATCH, at);
	return (struct src_depth){ a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi, true };
}

static const struct src_depth dead = { 0, 0, false };

static bool is(const struct scan *s, size_t i, const char *text)
{
	return i < s->n && tok_is(&s->t[i], text);
}

static size_t statement(struct scan *s, size_t i, struct src_depth *d);

/* s->t[i] is an opening bracket: the index after its match. */
static size_t skip_group(const struct scan *s, size_t i)
{
	int depth = 0;

	for (; i < s->n; i++) {
		if (is(s, i, "(") || is(s, i, "[") || is(s, i, "{"))
			depth++;
		else if ((is(s, i, ")") || is(s, i, "]") || is(s, i, "}")) && --depth == 0)
			return i + 1;
	}
	return s->n;
}

static size_t compound(struct scan *s, size_t i, struct src_depth *d)
{
	for (i++; i < s->n && !is(s, i, "}");)
		i = statement(s, i, d);
	return i < s->n ? i + 1 : i;
}

/* instrumentation_begin() or _end() at i: the depth changes, the site holds the new one. */
static size_t region_event(struct scan *s, size_t i, struct src_depth *d)
{
	int delta = tok_is(&s->t[i], "instrumentation_begin") ? 1 : -1;

	s->b->nr_events++;
	if (d->known) {
		if (delta < 0 && d->lo <= 0)
			problem(s, SRC_END_UNDERFLOW, &s->t[i]);
		d->lo += delta;
		d->hi += delta;
	}
	add_site(s, &s->t[i], *d, NULL);
	return is(s, i + 2, ")") ? i + 3 : i + 1;
}

/*
 * An expression up to ';' (not taken) or, with until_paren, up to the ')' closing the one
 * before i (taken).  Stops before a '}' that ends the block, and before a '{' at the top that
 * opens a statement (the body of a loop macro such as for_each_cpu()).
 */
static size_t expression(struct scan *s, size_t i, struct src_depth *d, bool until_paren)
{
	int depth = 0;

	while (i < s->n) {
		const struct tok *k = &s->t[i];

		if (!depth && !until_paren && (tok_is(k, ";") || tok_is(k, "}")))
			return i;
		if (tok_is(k, "(") && is(s, i + 1, "{")) {
			depth++;
			i = compound(s, i + 1, d);	/* a statement expression */
			continue;
		}
		if (tok_is(k, "(") || tok_is(k, "[")) {
			depth++;
		} else if (tok_is(k, ")") || tok_is(k, "]")) {
			if (!depth-- && until_paren)
				return i + 1;
			depth = depth < 0 ? 0 : depth;
		} else if (tok_is(k, "{")) {
			const struct tok *prev = i ? &s->t[i - 1] : NULL;

			if (!depth && !until_paren && prev && !tok_is(prev, "=") && !tok_is(prev, ","))
				return i;
			i = skip_group(s, i);	/* an initializer or a compound literal */
			continue;
		} else if (is_region_ident(k) && is(s, i + 1, "(")) {
			i = region_event(s, i, d);
			continue;
		} else if (is_call_ident(k) && is(s, i + 1, "(")) {
			int delta = helper_delta(s->tree, k);

			add_site(s, k, *d, k);
			if (delta && d->known) {
				/* An inline helper that ends (or begins) the caller's region. */
				d->lo += delta;
				d->hi += delta;
				if (d->lo < 0)
					problem(s, SRC_END_UNDERFLOW, k);
			}
		}
		i++;
	}
	return i;
}

static size_t paren_expression(struct scan *s, size_t i, struct src_depth *d)
{
	return is(s, i, "(") ? expression(s, i + 1, d, true) : i;
}

static struct label *find_label(struct scan *s, const struct tok *name)
{
	for (int k = 0; k < s->nr_labels; k++)
		if (s->labels[k].name->len == name->len && !memcmp(s->labels[k].name->s, name->s, name->len))
			return &s->labels[k];
	if (s->nr_labels == MAX_LABELS)
		return NULL;
	s->labels[s->nr_labels] = (struct label){ name, dead };
	return &s->labels[s->nr_labels++];
}

/* A loop or switch body: breaks join after it, case labels join the state before it. */
static size_t loop_body(struct scan *s, size_t i, struct src_depth *d, struct src_depth entry)
{
	struct src_depth brk;

	if (s->nr_loops == MAX_LOOPS)
		return statement(s, i, d);
	s->breaks[s->nr_loops] = dead;
	s->cases[s->nr_loops] = entry;
	s->nr_loops++;
	i = statement(s, i, d);
	brk = s->breaks[--s->nr_loops];
	*d = join(s, *d, brk, NULL);
	return i;
}

static size_t jump(struct scan *s, size_t i, struct src_depth *d)
{
	const struct tok *k = &s->t[i];

	if (d->known)
		s->last_live = *d;
	if (tok_is(k, "return")) {
		i = expression(s, i + 1, d, false);
		if (d->known && d->hi > 0)
			problem(s, SRC_RETURN_IN_REGION, k);
	} else if (tok_is(k, "goto") && i + 1 < s->n) {
		struct label *l = find_label(s, &s->t[i + 1]);

		if (l)
			l->d = join(s, l->d, *d, NULL);
		i += 2;
	} else if (tok_is(k, "break") && s->nr_loops) {
		s->breaks[s->nr_loops - 1] = join(s, s->breaks[s->nr_loops - 1], *d, NULL);
		i++;
	} else {
		i++;	/* continue: back to the loop's head, which the walk does not revisit */
	}
	*d = dead;
	return is(s, i, ";") ? i + 1 : i;
}

static size_t statement(struct scan *s, size_t i, struct src_depth *d)
{
	const struct tok *k = &s->t[i];
	struct src_depth entry;

	if (tok_is(k, "{"))
		return compound(s, i, d);
	if (tok_is(k, ";"))
		return i + 1;
	/* A region statement's own site holds the depth after it (its nop is placed there). */
	if (!is_region_ident(k))
		add_site(s, k, *d, NULL);
	if (tok_is(k, "if")) {
		struct src_depth other;

		i = paren_expression(s, i + 1, d);
		other = *d;
		i = statement(s, i, d);
		if (is(s, i, "else"))
			i = statement(s, i + 1, &other);
		*d = join(s, *d, other, k);
		return i;
	}
	if (tok_is(k, "while") || tok_is(k, "for") || tok_is(k, "switch")) {
		i = paren_expression(s, i + 1, d);
		entry = *d;
		i = loop_body(s, i, d, entry);
		*d = join(s, *d, entry, tok_is(k, "switch") ? NULL : k);
		return i;
	}
	if (tok_is(k, "do")) {
		i = loop_body(s, i + 1, d, *d);
		if (is(s, i, "while"))
			i = paren_expression(s, i + 1, d);
		return is(s, i, ";") ? i + 1 : i;
	}
	if (tok_is(k, "return") || tok_is(k, "goto") || tok_is(k, "break") || tok_is(k, "continue"))
		return jump(s, i, d);
	if ((tok_is(k, "case") || tok_is(k, "default")) && s->nr_loops) {
		while (i < s->n && !is(s, i, ":"))
			i++;
		*d = join(s, *d, s->cases[s->nr_loops - 1], NULL);
		return i + 1;
	}
	if (k->kind == T_IDENT && is(s, i + 1, ":") && !is(s, i + 2, ":")) {
		struct label *l = find_label(s, k);

		if (l)
			*d = join(s, *d, l->d, k);
		/* Reached only by an asm goto (vmx_asm2's error label): at the asm's depth. */
		if (!d->known)
			*d = s->last_live;
		return i + 2;
	}
	i = expression(s, i, d, false);
	/* panic(), BUG(), a __noreturn function: nothing after the call runs on this path. */
	if (k->kind == T_IDENT && is(s, i, ";") && src_is_noreturn(s->tree, k) && is(s, (size_t)(k - s->t) + 1, "("))
		*d = dead;
	if (is(s, i, "{")) {
		/* for_each_*(...) { ... }: a loop whose body may run or not. */
		entry = *d;
		i = loop_body(s, i, d, entry);
		*d = join(s, *d, entry, NULL);
		return i;
	}
	return is(s, i, ";") ? i + 1 : i;
}

static int cmp_site(const void *a, const void *b)
{
	const struct src_site *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Sites in source order; a stable sort: sites at one position keep their scan order. */
static void sort_sites(struct src_body *b)
{
	for (size_t i = 1; i < b->nr_sites; i++) {
		struct src_site x = b->sites[i];
		size_t j = i;

		if (cmp_site(&b->sites[j - 1], &x) <= 0)
			continue;
		while (j > 0 && cmp_site(&b->sites[j - 1], &x) > 0) {
			b->sites[j] = b->sites[j - 1];
			j--;
		}
		b->sites[j] = x;
	}
}

static void scan_body(struct src_tree *tree, const struct tok *t, size_t open, size_t n, struct src_body *out)
{
	struct scan s = { .tree = tree, .t = t, .n = n, .b = out };
	struct src_depth d = { 0, 0, true };
	size_t end;

	out->open_line = t[open].line;
	end = compound(&s, open, &d);
	if (d.known && (d.lo || d.hi))
		problem(&s, SRC_UNBALANCED_END, &t[end - 1]);
	out->final = d;
	out->close_line = t[end - 1].line;
	/* The epilogue: every return path ends here, at whatever depth it left with. */
	add_site(&s, &t[end - 1], dead, NULL);
	sort_sites(out);
}

/* After name's ')' at i: attributes, then '{' for a definition. */
static size_t definition_brace(const struct tok *t, size_t i, size_t n)
{
	while (i < n && t[i].kind == T_IDENT) {
		i++;
		if (i < n && tok_is(&t[i], "(")) {
			int depth = 0;

			for (; i < n; i++)
				if (tok_is(&t[i], "("))
					depth++;
				else if (tok_is(&t[i], ")") && --depth == 0)
					break;
			i++;
		}
	}
	return i < n && tok_is(&t[i], "{") ? i : n;
}

static bool find_body(const struct tok *t, size_t n, const char *name, size_t *open)
{
	size_t len = strlen(name);

	for (size_t i = 0; i + 1 < n; i++) {
		int depth = 0;
		size_t j;

		if (t[i].kind != T_IDENT || t[i].len != len || memcmp(t[i].s, name, len) || !tok_is(&t[i + 1], "("))
			continue;
		for (j = i + 1; j < n; j++)
			if (tok_is(&t[j], "("))
				depth++;
			else if (tok_is(&t[j], ")") && --depth == 0)
				break;
		j = definition_brace(t, j + 1, n);
		if (j < n) {
			*open = j;
			return true;
		}
	}
	return false;
}

/* The raw extent from decl_line: up to the end of the first brace group (a macro's body follows). */
static bool raw_extent(const struct tok *v, size_t n, int decl_line, size_t *start, size_t *end)
{
	int depth = 0;
	size_t e;

	for (*start = 0; *start < n && v[*start].line < decl_line; (*start)++)
		;
	for (e = *start; e < n && !tok_is(&v[e], "{"); e++)
		;
	for (; e < n; e++)
		if (tok_is(&v[e], "{"))
			depth++;
		else if (tok_is(&v[e], "}") && --depth == 0)
			break;
	*end = e;
	return *start < n && e < n;
}

static bool scan_file(struct src_tree *t, struct src_file *f, int decl_line, const char *name,
		      struct src_body *out, const char **why)
{
	const struct toks *v = file_tokens(t, f);
	struct toks e = { 0 };
	size_t start, end, open;

	memset(out, 0, sizeof(*out));
	if (!raw_extent(v->v, v->n, decl_line, &start, &end)) {
		*why = "no function body at its declaration line";
		return false;
	}
	expand_regions(t, v->v + start, end + 1 - start, false, &e);
	if (!find_body(e.v, e.n, name, &open)) {
		/* A name pasted by a macro without regions (DEFINE_IDTENTRY_VC_KERNEL's kernel_##func). */
		e.n = 0;
		expand_regions(t, v->v + start, end + 1 - start, true, &e);
		if (!find_body(e.v, e.n, name, &open)) {
			free(e.v);
			*why = "no definition of the function at its declaration line";
			return false;
		}
	}
	scan_body(t, e.v, open, e.n, out);
	free(e.v);
	return true;
}

/* Is the definition whose name is at v[i] inline (the keywords since the last declaration)? */
static bool is_inline(const struct tok *v, size_t i)
{
	while (i-- > 0 && !tok_is(&v[i], ";") && !tok_is(&v[i], "}") && !tok_is(&v[i], ")"))
		if (tok_is(&v[i], "inline") || tok_is(&v[i], "__always_inline") || tok_is(&v[i], "__inline__"))
			return true;
	return false;
}

void index_helpers(struct src_tree *t, struct src_file *f)
{
	const struct toks *v = file_tokens(t, f);
	int depth = 0;

	for (size_t i = 0; i + 1 < v->n; i++) {
		size_t open, end, j;
		struct src_body b;
		struct toks e = { 0 };
		char *name;

		if (tok_is(&v->v[i], "{") || tok_is(&v->v[i], "}"))
			depth += tok_is(&v->v[i], "{") ? 1 : -1;
		if (depth || v->v[i].kind != T_IDENT || !tok_is(&v->v[i + 1], "(") || !is_inline(v->v, i))
			continue;
		if (!raw_extent(v->v, v->n, v->v[i].line, &j, &end) || j > i)
			continue;
		name = xstrndup(v->v[i].s, v->v[i].len);
		expand_regions(t, v->v + i, end + 1 - i, false, &e);
		if (name && find_body(e.v, e.n, name, &open)) {
			memset(&b, 0, sizeof(b));
			scan_body(t, e.v, open, e.n, &b);
			if (b.nr_events && !b.problems) {
				/* balanced: nothing to record */
			} else if (b.nr_events && b.final.known && b.final.lo == b.final.hi && b.final.lo) {
				struct helper *h = calloc(1, sizeof(*h));

				if (!h)
					out_of_memory(NULL);
				h->name = name;
				h->delta = b.final.lo;
				h->next = t->helpers;
				t->helpers = h;
				name = NULL;
			}
			src_body_free(&b);
		}
		free(name);
		free(e.v);
		i = end;
	}
}

bool src_scan_function(struct src_tree *t, const char *path, int decl_line, const char *name,
		       struct src_body *out, const char **why)
{
	struct src_file *f = get_file(t, path);

	if (!f) {
		*why = "source file not in the tree";
		return false;
	}
	return scan_file(t, f, decl_line, name, out, why);
}

bool src_scan_text(struct src_tree *t, const char *text, size_t len, int decl_line, const char *name,
		   struct src_body *out, const char **why)
{
	/* A new file entry each time, though every text is named "<text>": get_file() would return
	 * the first one. */
	return scan_file(t, add_text(t, "<text>", text, len), decl_line, name, out, why);
}

void src_body_free(struct src_body *b)
{
	for (size_t i = 0; i < b->nr_sites; i++)
		free((char *)b->sites[i].name);
	free(b->sites);
	memset(b, 0, sizeof(*b));
}

static bool same(struct src_depth a, struct src_depth b)
{
	return a.known == b.known && (!a.known || (a.lo == b.lo && a.hi == b.hi));
}

/*
 * The depth several sites at one place give (a macro's expansion): one answer, the key's, or the
 * union of the reachable ones.
 */
static struct src_depth combine(const struct src_site *v, size_t n, const char *key)
{
	struct src_depth r = v[0].d, u = { 0, 0, false };
	bool agree = true, keyed = false;

	for (size_t i = 0; i < n; i++) {
		agree &= same(v[i].d, r);
		if (!v[i].d.known)
			continue;
		u.lo = !u.known || v[i].d.lo < u.lo ? v[i].d.lo : u.lo;
		u.hi = !u.known || v[i].d.hi > u.hi ? v[i].d.hi : u.hi;
		u.known = true;
	}
	if (agree)
		return r;
	for (size_t i = 0; key && i < n; i++) {
		if (!v[i].name || strcmp(v[i].name, key))
			continue;
		if (keyed && !same(v[i].d, r))
			return u;
		r = v[i].d;
		keyed = true;
	}
	return keyed ? r : u;
}

struct src_depth src_depth_at(const struct src_body *b, int line, int col, const char *key)
{
	struct src_depth none = { 0, 0, false };
	size_t lo, first;

	/* The last site at or before (line, col); col 0: the whole line. */
	lo = PARTITION_POINT(b->nr_sites, i, b->sites[i].line < line ||
			     (b->sites[i].line == line && (!col || b->sites[i].col <= col)));
	if (!lo)
		return none;
	first = lo - 1;
	if (col) {
		while (first > 0 && b->sites[first - 1].line == b->sites[lo - 1].line &&
		       b->sites[first - 1].col == b->sites[lo - 1].col)
			first--;
	} else {
		while (first > 0 && b->sites[first - 1].line == line)
			first--;
		if (b->sites[first].line != line)
			first = lo - 1;
	}
	return combine(&b->sites[first], lo - first, key);
}

const char *src_problem_str(unsigned p)
{
	if (p & SRC_END_UNDERFLOW)
		return "instrumentation_end() without instrumentation_begin()";
	if (p & SRC_RETURN_IN_REGION)
		return "return inside an instrumentation region";
	if (p & SRC_UNBALANCED_END)
		return "the body ends inside an instrumentation region";
	if (p & SRC_JOIN_MISMATCH)
		return "paths join with different instrumentation depths";
	return "none";
}
