/* SPDX-License-Identifier: MIT
 * The | output window (overlay_output.h): the command's bytes split at
 * newlines, each line word-wrapped to the box (continuations two in), and
 * scrolled with the keys and the wheel the messages and help use. */
#include "tui/overlay_output.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/text/utf8.h"
#include "core/text/wrap.h"
#include "tui/overlay.h"
#include "tui/tui.h"

struct outline {
	size_t start, end; /* bytes of text */
	bool cont;         /* a continuation of a wrapped line */
};

struct outview {
	char *title;         /* owned */
	char *text;          /* owned: the output */
	size_t len;
	struct outline *l;   /* owned: text wrapped at width */
	size_t nl;
	int width;           /* l was built for this width (0: not yet) */
	size_t top;
};

static void lines_build(struct tui *t, struct outview *v, int width)
{
	size_t cap = 0;
	v->nl = 0;
	for (size_t i = 0; i < v->len;) {
		size_t j = i;
		while (j < v->len && v->text[j] != '\n') j++;
		struct wrap w = {0};
		if (j > i) wrap_text(&w, v->text + i, j - i, width > 4 ? width - 2 : width, t->utf8_flags);
		size_t n = w.n ? w.n : 1;
		ARRAY_RESERVE(v->l, cap, v->nl + n);
		for (size_t k = 0; k < n; k++)
			v->l[v->nl++] = w.n ? (struct outline){i + w.lines[k].start, i + w.lines[k].end, k > 0}
					    : (struct outline){i, i, false};
		wrap_free(&w);
		i = j + 1;
	}
	v->width = width;
}

static struct rect box(const struct tui *t) { return overlay_box(t, 110); }

static void out_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct outview *v = o->priv;
	struct rect r = box(t);
	if (r.rows < 3 || r.cols < 10) return;
	int width = r.cols - 2;
	if (v->width != width) lines_build(t, v, width);
	overlay_frame(t, g, r, v->title);
	size_t body = (size_t)r.rows - 1;
	if (v->top + body > v->nl) v->top = v->nl > body ? v->nl - body : 0;
	for (size_t i = 0; i < body && v->top + i < v->nl; i++) {
		const struct outline *ln = &v->l[v->top + i];
		int col = r.col + 1 + (ln->cont ? 2 : 0);
		grid_put(g, r.row + 1 + (int)i, col, r.col + r.cols - 1, v->text + ln->start,
			 ln->end - ln->start, STYLE_NORMAL, STYLE_CONTROL, col);
	}
}

static unsigned out_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct outview *v = o->priv;
	enum action a = overlay_key_action(t, KP_GLOBAL, k);
	struct rect r = box(t);
	size_t page = r.rows > 3 ? (size_t)r.rows - 2 : 1;
	switch (a) {
	case ACT_QUIT: case ACT_PIPE: overlay_close(t, o); return R_DRAW_ALL;
	case ACT_REDRAW: return R_RELAYOUT;
	default: return overlay_scroll(&v->top, a, page) ? R_DRAW_ALL : R_NONE;
	}
}

static void out_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct outview *v = o->priv;
	free(v->title);
	free(v->text);
	free(v->l);
	free(v);
}

static const struct overlay_ops output_ops = {"output", out_draw, out_key, out_close};

unsigned overlay_output_open(struct tui *t, const char *title, const char *out, size_t n)
{
	struct outview *v = xcalloc(1, sizeof *v);
	v->title = xstrdup(title);
	v->text = xmalloc(n + 1); /* NUL bytes of the output included */
	if (n) memcpy(v->text, out, n);
	v->text[n] = '\0';
	v->len = n;
	overlay_push(t, &output_ops, v);
	return R_DRAW_ALL;
}
