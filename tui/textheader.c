/* SPDX-License-Identifier: MIT
 * The metadata header of the text pane (textheader.h): fields from the
 * article, laid out per width with a key column, drawn through grid_put
 * (the display policy: every value is article text). */
#include "tui/textheader.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/text/wrap.h"
#include "tui/theme.h"

static void field_add(struct textheader *th, const char *label, char *value, uint16_t style)
{
	ARRAY_RESERVE(th->h, th->hcap, th->nh + 1);
	struct strbuf key = STRBUF_INIT;
	strbuf_addf(&key, "%s:", label);
	th->h[th->nh++] = (struct thfield){label, strbuf_steal(&key), value, style};
}

static char *join(const struct strlist *l, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i) strbuf_adds(&sb, sep);
		strbuf_adds(&sb, l->v[i]);
	}
	strbuf_adds(&sb, "");
	return strbuf_steal(&sb);
}

void textheader_clear(struct textheader *th)
{
	for (size_t i = 0; i < th->nh; i++) free(th->h[i].val), free(th->h[i].key);
	th->nh = 0;
	th->n = 0;
}

void textheader_free(struct textheader *th)
{
	textheader_clear(th);
	free(th->h);
	free(th->lines);
	memset(th, 0, sizeof *th);
}

void textheader_load(struct textheader *th, const struct article *a)
{
	textheader_clear(th);
	field_add(th, "Title", xstrdup(a->title), STYLE_TITLE);
	if (a->source) field_add(th, "Source", xstrdup(a->source), STYLE_NORMAL);
	if (a->date) {
		char d[ARTICLE_DATE_TEXT];
		article_date_text(a, d); /* with its source when not the metadata */
		field_add(th, "Date", xstrdup(d), STYLE_NORMAL);
	}
	if (a->authors.n) field_add(th, "Authors", join(&a->authors, ", "), STYLE_NORMAL);
	if (a->url) field_add(th, "URL", xstrdup(a->url), STYLE_NORMAL);
	if (a->tags.n) field_add(th, "Tags", join(&a->tags, "  "), STYLE_TAG);
	if (a->derived.n) field_add(th, "Topics", join(&a->derived, "  "), STYLE_DIM);
	for (size_t i = 0; i < a->nextra; i++)
		field_add(th, a->extra[i].key, xstrdup(a->extra[i].value), STYLE_NORMAL);
}

void textheader_add(struct textheader *th, const char *base, size_t s, size_t e,
		    const char *label, uint16_t style, int indent)
{
	ARRAY_RESERVE(th->lines, th->cap, th->n + 1);
	th->lines[th->n++] = (struct thline){base, s, e, label, style, indent};
}

/* Values wrapped with a hanging indent after a key column as wide as the
 * longest key that fits in a third of the pane (at least 12 cells); a
 * longer key (or any key on a narrow pane) takes lines of its own above
 * its value. */
void textheader_build(struct textheader *th, int width, unsigned flags)
{
	th->n = 0;
	int cap = width / 3 > 12 ? width / 3 : 12, lw = 0;
	for (size_t i = 0; i < th->nh; i++) {
		int w = utf8_display_width(th->h[i].key, strlen(th->h[i].key), flags) + 1;
		if (w > lw && w <= cap) lw = w;
	}
	if (width - lw < 10) lw = 0; /* narrow: values under their keys */
	for (size_t i = 0; i < th->nh; i++) {
		const struct thfield *f = &th->h[i];
		struct wrap w = {0};
		int kw = utf8_display_width(f->key, strlen(f->key), flags) + 1;
		bool own = !lw || kw > lw; /* the key on lines of its own */
		if (own) {
			wrap_text(&w, f->key, strlen(f->key), width, flags);
			for (size_t j = 0; j < w.n; j++)
				textheader_add(th, f->key, w.lines[j].start, w.lines[j].end, NULL,
					       STYLE_HEADER_KEY, 0);
			wrap_free(&w);
			memset(&w, 0, sizeof w);
		}
		int vw = width - lw;
		wrap_text(&w, f->val, strlen(f->val), vw > 0 ? vw : 1, flags);
		for (size_t j = 0; j < w.n; j++)
			textheader_add(th, f->val, w.lines[j].start, w.lines[j].end,
				       j == 0 && !own ? f->label : NULL, f->style, lw);
		if (w.n == 0 && !own) textheader_add(th, f->val, 0, 0, f->label, f->style, lw);
		wrap_free(&w);
	}
	textheader_add(th, "", 0, 0, NULL, STYLE_NORMAL, 0);
}

void textheader_draw(const struct textheader *th, size_t i, struct grid *g, int row, int col,
		     int end)
{
	const struct thline *l = &th->lines[i];
	if (l->label) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, l->label);
		strbuf_adds(&sb, ":");
		grid_put(g, row, col, l->indent ? col + l->indent - 1 : end, sb.buf, sb.len,
			 STYLE_HEADER_KEY, STYLE_CONTROL, -1);
		strbuf_free(&sb);
	}
	col += l->indent;
	grid_put(g, row, col, end, l->base + l->start, l->end - l->start, l->style, STYLE_CONTROL,
		 col);
}
