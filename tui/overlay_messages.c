/* SPDX-License-Identifier: MIT
 * The messages overlay (!): the message line holds one line, so "15
 * problems; first: ..." hid fourteen of them. Here every load diagnostic
 * (FILE:LINE:COL: message), every set-up problem and every message shown
 * this session (newest last) is listed, word-wrapped to the box, and
 * scrolls like the help. */
#include "tui/overlay_messages.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/text/wrap.h"
#include "tui/context.h"
#include "tui/overlay.h"
#include "tui/tui.h"

struct entry {
	char *text; /* owned */
	uint16_t style;
};

struct line {
	size_t entry, start, end; /* a byte range of the entry's text */
	bool cont;                /* a continuation: indented */
};

struct msgview {
	struct entry *e;   /* owned: headings, problems, messages */
	size_t ne;
	struct line *l;    /* owned: e wrapped at width */
	size_t nl;
	int width;         /* l was wrapped for this width (0: rebuild) */
	size_t top;        /* first line shown */
	/* what e was built from: rebuilt when any of it moves */
	size_t ndiags, nlog, dropped, nproblems;
	const struct diag *diags;
};

static void add(struct msgview *v, size_t *cap, char *text, uint16_t style)
{
	ARRAY_RESERVE(v->e, *cap, v->ne + 1);
	v->e[v->ne++] = (struct entry){text, style};
}

static void entries_free(struct msgview *v)
{
	for (size_t i = 0; i < v->ne; i++) free(v->e[i].text);
	free(v->e);
	v->e = NULL;
	v->ne = 0;
}

static char *fmt(const char *f, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, f, n, n == 1 ? "" : "s");
	return strbuf_steal(&sb);
}

/* The entries, from the collection's diagnostics and the message log. */
static void build(struct tui *t, struct msgview *v)
{
	entries_free(v);
	size_t cap = 0, nd = t->loaded ? t->d.diags.n : 0;
	const struct msglog *lg = &t->log;
	if (nd + lg->nproblems) {
		add(v, &cap, fmt("%zu problem%s while loading (dossier check lists them too)",
				 nd + lg->nproblems), STYLE_HEADER_KEY);
		for (size_t i = 0; i < lg->nproblems; i++)
			add(v, &cap, xstrdup(lg->problems[i]), STYLE_ERROR);
		for (size_t i = 0; i < nd; i++)
			add(v, &cap, diag_format(&t->d.diags.items[i]),
			    t->d.diags.items[i].level == DIAG_ERROR ? STYLE_ERROR : STYLE_NORMAL);
		add(v, &cap, xstrdup(""), STYLE_NORMAL);
	}
	add(v, &cap, fmt("%zu message%s this session, newest last", lg->n), STYLE_HEADER_KEY);
	if (lg->dropped)
		add(v, &cap, fmt("(%zu older message%s dropped)", lg->dropped), STYLE_DIM);
	if (!lg->n) add(v, &cap, xstrdup("No messages yet."), STYLE_DIM);
	for (size_t i = 0; i < lg->n; i++)
		add(v, &cap, xstrdup(lg->v[i].text), lg->v[i].error ? STYLE_ERROR : STYLE_NORMAL);
	v->ndiags = nd;
	v->diags = nd ? t->d.diags.items : NULL;
	v->nlog = lg->n;
	v->dropped = lg->dropped;
	v->nproblems = lg->nproblems;
	v->width = 0;
}

/* Wrap every entry at width columns, continuation lines two in. */
static void lines_build(struct tui *t, struct msgview *v, int width)
{
	v->nl = 0;
	size_t cap = 0;
	for (size_t i = 0; i < v->ne; i++) {
		const char *s = v->e[i].text;
		size_t len = strlen(s);
		struct wrap w = {0};
		if (len) wrap_text(&w, s, len, width > 4 ? width - 2 : width, t->utf8_flags);
		size_t n = w.n ? w.n : 1;
		ARRAY_RESERVE(v->l, cap, v->nl + n);
		for (size_t j = 0; j < n; j++)
			v->l[v->nl++] = w.n ? (struct line){i, w.lines[j].start, w.lines[j].end, j > 0}
					    : (struct line){i, 0, 0, false};
		wrap_free(&w);
	}
	v->width = width;
}

static struct rect box(const struct tui *t) { return overlay_box(t, 110); }

static void msg_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct msgview *v = o->priv;
	struct rect r = box(t);
	if (r.rows < 3 || r.cols < 10) return;
	const struct msglog *lg = &t->log;
	if (v->ndiags != (t->loaded ? t->d.diags.n : 0) || v->nlog != lg->n ||
	    v->dropped != lg->dropped || v->nproblems != lg->nproblems ||
	    (v->ndiags && v->diags != t->d.diags.items))
		build(t, v);
	int width = r.cols - 2;
	if (v->width != width) lines_build(t, v, width);
	overlay_frame(t, g, r, " Messages  j/k scroll, g/G top/bottom, q or Esc closes");
	size_t body = (size_t)r.rows - 1;
	if (v->top + body > v->nl) v->top = v->nl > body ? v->nl - body : 0;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < body && v->top + i < v->nl; i++) {
		const struct line *ln = &v->l[v->top + i];
		const struct entry *e = &v->e[ln->entry];
		int col = r.col + 1 + (ln->cont ? 2 : 0);
		strbuf_reset(&sb);
		utf8_display_fit(&sb, e->text + ln->start, ln->end - ln->start, r.col + r.cols - 1 - col,
				 t->utf8_flags);
		grid_put(g, r.row + 1 + (int)i, col, r.col + r.cols - 1, strbuf_str(&sb), sb.len,
			 e->style, STYLE_CONTROL, -1);
	}
	strbuf_free(&sb);
}

static unsigned msg_action(struct tui *t, struct overlay *o, enum action a)
{
	struct msgview *v = o->priv;
	struct rect r = box(t);
	size_t page = r.rows > 3 ? (size_t)r.rows - 2 : 1;
	switch (a) {
	case ACT_QUIT: case ACT_MESSAGES: overlay_close(t, o); return R_DRAW_ALL;
	case ACT_REDRAW: return R_RELAYOUT;
	default: return overlay_scroll(&v->top, a, page) ? R_DRAW_ALL : R_NONE;
	}
}

/* The wheel scrolls, a click anywhere closes. */
static unsigned msg_key(struct overlay *o, struct tui *t, const struct key *k)
{
	enum action a = overlay_key_action(t, KP_GLOBAL, k);
	return msg_action(t, o, a);
}

static void msg_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct msgview *v = o->priv;
	entries_free(v);
	free(v->l);
	free(v);
}

static const struct overlay_ops messages_ops = {"messages", msg_draw, msg_key, msg_close};

/* Opens on the problems when there are any, else on the newest messages. */
unsigned overlay_messages_open(struct tui *t)
{
	struct msgview *v = xcalloc(1, sizeof *v);
	build(t, v);
	if (!context_problem_count(t)) v->top = (size_t)-1 / 2;
	overlay_push(t, &messages_ops, v);
	return R_DRAW_ALL;
}
