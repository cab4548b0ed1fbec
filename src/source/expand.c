// SPDX-License-Identifier: GPL-2.0
/*
 * Macro expansion, only where it can matter: a macro is expanded when its expansion can hold a
 * region statement (DEFINE_IDTENTRY defines whole noinstr functions around one, WARN() brackets
 * its printk with one), or when it calls a parameter and is handed such a macro (WARN_ONCE passes
 * WARN to DO_ONCE_LITE_IF), and then so is everything inside it.  Everything else stays one
 * call-like token sequence, which is all the scanner needs.  The tokens of the macro's body take the invocation's position, as they do in
 * GCC's line table; the tokens of its arguments keep their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <istcheck/error.h>
#include "source_internal.h"

#define MAX_NEST 32

bool is_region_ident(const struct tok *k)
{
	return k->kind == T_IDENT &&
	       (tok_is(k, "instrumentation_begin") || tok_is(k, "instrumentation_end"));
}

static bool has_event(struct src_tree *t, struct macro *m)
{
	bool yes = false;

	if (m->event >= 0)
		return m->event == 1;	/* 2: a cycle, being computed: no */
	m->event = 2;
	for (size_t i = 0; i < m->nbody && !yes; i++) {
		const struct tok *b = &m->body[i];
		struct macro *n;

		if (b->kind != T_IDENT)
			continue;
		yes = is_region_ident(b) || ((n = find_macro(t, b->s, b->len)) && n != m && has_event(t, n));
	}
	m->event = yes;
	return yes;
}

static int param_index(const struct macro *m, const struct tok *b)
{
	for (int i = 0; b->kind == T_IDENT && i < m->nparams; i++)
		if (strlen(m->params[i]) == b->len && !memcmp(m->params[i], b->s, b->len))
			return i;
	if (m->variadic && tok_is(b, "__VA_ARGS__"))
		return m->nparams - 1;
	return -1;
}

static bool calls_param(const struct macro *m)
{
	for (size_t i = 0; i + 1 < m->nbody; i++)
		if (param_index(m, &m->body[i]) >= 0 && tok_is(&m->body[i + 1], "("))
			return true;
	return false;
}

struct args {
	size_t start[64], end[64];	/* in[] ranges */
	int n;
};

/* in[i] is '(': the arguments up to the matching ')'; returns the index after it, 0 if none. */
static size_t collect_args(const struct macro *m, const struct tok *in, size_t i, size_t n, struct args *a)
{
	int depth = 0;

	a->n = 0;
	a->start[0] = i + 1;
	for (i++; i < n; i++) {
		if (tok_is(&in[i], "(") || tok_is(&in[i], "[") || tok_is(&in[i], "{")) {
			depth++;
		} else if (tok_is(&in[i], ")") || tok_is(&in[i], "]") || tok_is(&in[i], "}")) {
			if (depth-- == 0) {
				a->end[a->n++] = i;
				return i + 1;
			}
		} else if (!depth && tok_is(&in[i], ",") && a->n < 63 &&
			   !(m->variadic && a->n == m->nparams - 1)) {
			a->end[a->n++] = i;
			a->start[a->n] = i + 1;
		}
	}
	return 0;
}

static bool args_hold_event_macro(struct src_tree *t, const struct tok *in, const struct args *a)
{
	for (int k = 0; k < a->n; k++)
		for (size_t i = a->start[k]; i < a->end[k]; i++) {
			struct macro *m;

			if (in[i].kind == T_IDENT && (m = find_macro(t, in[i].s, in[i].len)) && has_event(t, m))
				return true;
		}
	return false;
}

/* a ## b: the new token is the macro's, at the invocation's position. */
static struct tok paste(struct src_tree *t, const struct tok *a, const struct tok *b, const struct tok *at)
{
	struct tok r = *a;
	char *s = malloc(a->len + b->len + 1);

	if (!s)
		out_of_memory(NULL);
	memcpy(s, a->s, a->len);
	memcpy(s + a->len, b->s, b->len);
	s[a->len + b->len] = 0;
	r.s = keep_string(t, s);
	r.len = a->len + b->len;
	r.kind = a->kind == T_PUNCT ? b->kind : a->kind;
	r.line = at->line;
	r.col = at->col;
	return r;
}

static struct tok stringify(struct src_tree *t, const struct tok *in, size_t from, size_t to,
			    const struct tok *at)
{
	size_t len = 2;
	struct tok r = *at;
	char *s;

	for (size_t i = from; i < to; i++)
		len += in[i].len + 1;
	s = malloc(len + 1);
	if (!s)
		out_of_memory(NULL);
	len = 0;
	s[len++] = '"';
	for (size_t i = from; i < to; i++) {
		memcpy(s + len, in[i].s, in[i].len);
		len += in[i].len;
		if (i + 1 < to)
			s[len++] = ' ';
	}
	s[len++] = '"';
	s[len] = 0;
	r.s = keep_string(t, s);
	r.len = (uint32_t)len;
	r.kind = T_STR;
	return r;
}

/* The body of m with the arguments in; body tokens at the invocation's position. */
static void substitute(struct src_tree *t, const struct macro *m, const struct tok *at, const struct tok *in,
		       const struct args *a, struct toks *out)
{
	for (size_t i = 0; i < m->nbody; i++) {
		const struct tok *b = &m->body[i];
		int p = param_index(m, b);

		if (tok_is(b, "#") && i + 1 < m->nbody && (p = param_index(m, &m->body[i + 1])) >= 0) {
			struct tok s = p < a->n ? stringify(t, in, a->start[p], a->end[p], at) :
						  stringify(t, in, 0, 0, at);

			push_tok(out, &s);
			i++;
		} else if (tok_is(b, "##") && i + 1 < m->nbody) {
			const struct tok *next = &m->body[++i];
			int q = param_index(m, next);
			size_t from = q >= 0 && q < a->n ? a->start[q] : 0, to = q >= 0 && q < a->n ? a->end[q] : 0;

			if (q >= 0 && from == to) {
				/* GNU ", ## __VA_ARGS__" with nothing: the comma goes. */
				if (out->n && tok_is(&out->v[out->n - 1], ","))
					out->n--;
				continue;
			}
			if (q < 0) {
				struct tok c = *next;

				c.line = at->line, c.col = at->col;
				if (out->n)
					out->v[out->n - 1] = paste(t, &out->v[out->n - 1], &c, at);
				else
					push_tok(out, &c);
				continue;
			}
			if (out->n)
				out->v[out->n - 1] = paste(t, &out->v[out->n - 1], &in[from++], at);
			for (; from < to; from++)
				push_tok(out, &in[from]);
		} else if (p >= 0) {
			for (size_t k = p < a->n ? a->start[p] : 0; p < a->n && k < a->end[p]; k++)
				push_tok(out, &in[k]);
		} else {
			struct tok c = *b;

			c.line = at->line, c.col = at->col;
			push_tok(out, &c);
		}
	}
}

struct hide {
	const struct macro *m[MAX_NEST];
	int n;
	bool all;			/* expand every macro (finding a pasted function name) */
};

static bool hidden(const struct hide *h, const struct macro *m)
{
	for (int i = 0; i < h->n; i++)
		if (h->m[i] == m)
			return true;
	return false;
}

/* Does the expansion end in a function-like macro's name whose '(' is in the input after it? */
static bool spliced(struct src_tree *t, const struct toks *sub, const struct tok *in, size_t next, size_t n)
{
	const struct tok *last = sub->n ? &sub->v[sub->n - 1] : NULL;
	struct macro *m;

	return last && last->kind == T_IDENT && next < n && tok_is(&in[next], "(") &&
	       (m = find_macro(t, last->s, last->len)) && m->func;
}

static void expand(struct src_tree *t, const struct tok *in, size_t n, struct hide *h, struct toks *out)
{
	for (size_t i = 0; i < n; i++) {
		struct macro *m = in[i].kind == T_IDENT ? find_macro(t, in[i].s, in[i].len) : NULL;
		struct toks sub = { 0 };
		struct args a = { 0 };
		size_t next = i + 1;

		if (!m || hidden(h, m) || h->n == MAX_NEST || is_region_ident(&in[i])) {
			push_tok(out, &in[i]);
			continue;
		}
		if (m->func) {
			if (i + 1 >= n || !tok_is(&in[i + 1], "(") || !(next = collect_args(m, in, i + 1, n, &a))) {
				push_tok(out, &in[i]);
				continue;
			}
		}
		/*
		 * Inside a region macro's expansion everything is expanded: its tokens all sit at one
		 * position, and only the names of what it calls tell its statements apart
		 * (run_irq_on_irqstack_cond() holds the calls of DEFINE_IDTENTRY_IRQ's region).
		 */
		if (!h->all && !h->n && !has_event(t, m) &&
		    !(m->func && calls_param(m) && args_hold_event_macro(t, in, &a))) {
			push_tok(out, &in[i]);
			continue;
		}
		substitute(t, m, &in[i], in, &a, &sub);
		h->m[h->n++] = m;
		if (spliced(t, &sub, in, next, n)) {
			/* An alias (#define DEFINE_IDTENTRY_DEBUG DEFINE_IDTENTRY_IST): its arguments follow. */
			for (size_t k = next; k < n; k++)
				push_tok(&sub, &in[k]);
			expand(t, sub.v, sub.n, h, out);
			h->n--;
			free(sub.v);
			return;
		}
		expand(t, sub.v, sub.n, h, out);
		h->n--;
		free(sub.v);
		i = next - 1;
	}
}

void expand_regions(struct src_tree *t, const struct tok *in, size_t n, bool all, struct toks *out)
{
	struct hide h = { .n = 0, .all = all };

	expand(t, in, n, &h, out);
}
