/* SPDX-License-Identifier: MIT
 * The tag browser overlay (t): every tag of the tag index with its article,
 * unread and marked counts and a sparkline of articles per month, sorted by
 * count or name (s); / jumps by name, Enter filters the list by the tag.
 * Counts come from the index postings, so opening it costs one pass over
 * the postings, not over the files. */
#include "tui/overlay_tags.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/fold.h"
#include "tui/filter.h"
#include "tui/overlay.h"
#include "tui/overlay_help.h"
#include "tui/tui.h"

#define SPARK_MAX 24 /* columns of the sparkline at most */

struct tagrow {
	size_t entry;           /* index into t->d.tags.tags */
	size_t unread, marked;
	unsigned char spark[SPARK_MAX]; /* 0 = no article, 1..8 = height */
};

struct tagview {
	struct tui *t;          /* borrowed: the reader it belongs to */
	struct tagrow *rows;    /* owned, in display order */
	size_t n;
	int nb;                 /* sparkline buckets */
	int first_month, per;   /* month number of bucket 0, months per bucket */
	int lo, hi;             /* months of the oldest and the newest article */
	bool by_name;
	struct pane list;       /* sel/top for the listbox helpers */
	size_t jump_from;       /* selection when / was pressed */
};

/* Months since year 0; a date without a month ("2024") counts as January,
 * not as the December before. */
static int month_of(int ymd)
{
	int m = ymd / 100 % 100;
	return ymd / 10000 * 12 + (m > 0 ? m - 1 : 0);
}

/* Buckets spanning the collection's months (at most SPARK_MAX). The last
 * bucket ends on the newest article's month, so the right end of every
 * sparkline is "now"; when the span does not divide evenly the first
 * bucket is the one that reaches back before the oldest article. */
static void spark_range(struct tagview *tv, const struct collection *c)
{
	int lo = 0, hi = -1;
	bool any = false;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->items[i].date) continue;
		int m = month_of(c->items[i].date);
		if (!any || m < lo) lo = m;
		if (!any || m > hi) hi = m;
		any = true;
	}
	if (!any) {
		tv->nb = 0;
		return;
	}
	int span = hi - lo + 1;
	tv->per = (span + SPARK_MAX - 1) / SPARK_MAX;
	tv->nb = (span + tv->per - 1) / tv->per;
	tv->first_month = hi - tv->nb * tv->per + 1;
	tv->lo = lo;
	tv->hi = hi;
}

static void row_fill(struct tui *t, struct tagview *tv, struct tagrow *r)
{
	const struct tag_entry *e = &t->d.tags.tags[r->entry];
	unsigned counts[SPARK_MAX] = {0}, max = 0;
	for (size_t i = 0; i < e->n; i++) {
		size_t art = e->arts[i];
		if (!context_is_read(t, art)) r->unread++;
		if (t->marks.count && t->marks.count(t->marks.ctx, art) > 0) r->marked++;
		int d = t->d.coll.items[art].date;
		if (!d || tv->nb == 0) continue;
		int b = (month_of(d) - tv->first_month) / tv->per;
		if (b >= 0 && b < tv->nb && ++counts[b] > max) max = counts[b];
	}
	for (int b = 0; b < tv->nb; b++) /* heights relative to the tag's busiest month */
		r->spark[b] = counts[b] ? (unsigned char)(1 + (counts[b] * 7 + max / 2) / max) : 0;
	for (int b = 0; b < tv->nb; b++)
		if (r->spark[b] > 8) r->spark[b] = 8;
}

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
	const struct tagview *tv = ctx;
	const struct tui *t = tv->t;
	const struct tag_entry *a = &t->d.tags.tags[((const struct tagrow *)pa)->entry];
	const struct tag_entry *b = &t->d.tags.tags[((const struct tagrow *)pb)->entry];
	if (!tv->by_name && a->n != b->n) return a->n > b->n ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void rows_sort(struct tagview *tv)
{
	size_t keep = tv->n ? tv->rows[tv->list.sel].entry : 0;
	qsort_r(tv->rows, tv->n, sizeof *tv->rows, cmp_rows, tv);
	for (size_t i = 0; i < tv->n; i++)
		if (tv->rows[i].entry == keep) tv->list.sel = i;
}

static const struct overlay_ops tags_ops;

unsigned overlay_tags_open(struct tui *t)
{
	struct tagview *tv = xcalloc(1, sizeof *tv);
	tv->t = t;
	spark_range(tv, &t->d.coll);
	tv->n = t->d.tags.n;
	tv->rows = xcalloc(tv->n + 1, sizeof *tv->rows);
	for (size_t i = 0; i < tv->n; i++) {
		tv->rows[i].entry = i;
		row_fill(t, tv, &tv->rows[i]);
	}
	rows_sort(tv);
	tv->list.sel = tv->list.top = 0;
	overlay_push(t, &tags_ops, tv);
	return R_DRAW_ALL;
}

static void tags_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct tagview *tv = o->priv;
	free(tv->rows);
	free(tv);
}

/* The open tag browser, for the tag prompt's answers; NULL when closed. */
static struct tagview *open_view(struct tui *t)
{
	struct overlay *o = overlay_find(t, &tags_ops);
	return o ? o->priv : NULL;
}

/* ---- drawing ---- */

static struct rect box(const struct tui *t) { return overlay_box(t, 90); }

static void put_num(struct grid *g, int row, int right, size_t v, uint16_t st)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%zu", v);
	grid_puts(g, row, right - n, right, b, st);
}

static void tags_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct tagview *tv = o->priv;
	struct rect r = box(t);
	if (r.rows < 5 || r.cols < 20) return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, " Tags (%zu), by %s", tv->n, tv->by_name ? "name" : "count");
	if (tv->nb) { /* the months the articles span */
		int a = tv->lo, b = tv->hi;
		strbuf_addf(&sb, ", months %04d-%02d..%04d-%02d", a / 12, a % 12 + 1, b / 12,
			    b % 12 + 1);
	}
	overlay_frame(t, g, r, strbuf_str(&sb));
	grid_puts(g, r.row + r.rows - 1, r.col + 1, r.col + r.cols,
		  "s sorts by name/count, / jumps, Enter filters by the tag, q closes", STYLE_DIM);
	/* columns from the right: sparkline, marked, unread, articles */
	int end = r.col + r.cols - 1;
	int sw = tv->nb > 9 ? tv->nb : 9; /* room for the "Per month" heading */
	bool spark = tv->nb > 0 && r.cols >= 40 + sw, extra = r.cols >= 40;
	int sp_col = spark ? end - sw : end;
	int c_mark = sp_col - (spark ? 2 : 0), c_unread = c_mark - (extra ? 8 : 0);
	int c_arts = c_unread - (extra ? 8 : 0);
	int name_end = c_arts - 9;
	int hrow = r.row + 1;
	grid_puts(g, hrow, r.col + 1, name_end, "Tag", STYLE_HEADER_KEY);
	grid_puts(g, hrow, c_arts - 8, c_arts, "Articles", STYLE_HEADER_KEY);
	if (extra) {
		grid_puts(g, hrow, c_unread - 6, c_unread, "Unread", STYLE_HEADER_KEY);
		grid_puts(g, hrow, c_mark - 6, c_mark, "Marked", STYLE_HEADER_KEY);
	}
	if (spark) grid_puts(g, hrow, sp_col, end, "Per month", STYLE_HEADER_KEY);
	int body = r.rows - 3;
	listbox_fit(&tv->list, tv->n, 1, body);
	static const char *const bars[9] = {" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
					    "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
					    "\xe2\x96\x87", "\xe2\x96\x88"};
	static const char ascii[] = " .:-=+*#@";
	for (int i = 0; i < body; i++) {
		size_t idx = tv->list.top + (size_t)i;
		if (idx >= tv->n) break;
		const struct tagrow *tr = &tv->rows[idx];
		const struct tag_entry *e = &t->d.tags.tags[tr->entry];
		int row = hrow + 1 + i;
		uint16_t st = idx == tv->list.sel ? STYLE_SELECTED : STYLE_NORMAL;
		if (st != STYLE_NORMAL) { /* marked also without colour or reverse */
			grid_fill(g, row, r.col, r.cols, st);
			grid_glyph(g, row, r.col, ">", st);
		}
		strbuf_reset(&sb);
		utf8_display_fit(&sb, e->name, strlen(e->name), name_end - r.col - 1, t->utf8_flags);
		grid_put(g, row, r.col + 1, name_end, strbuf_str(&sb), sb.len,
			 st == STYLE_NORMAL ? STYLE_TAG : st, STYLE_CONTROL, -1);
		put_num(g, row, c_arts, e->n, st);
		if (extra) {
			put_num(g, row, c_unread, tr->unread, st);
			put_num(g, row, c_mark, tr->marked, st);
		}
		for (int b = 0; spark && b < tv->nb; b++) {
			char a[2] = {ascii[tr->spark[b]], '\0'};
			grid_glyph(g, row, sp_col + b, context_glyph(t, bars[tr->spark[b]], a), st);
		}
	}
	if (tv->n == 0)
		grid_puts(g, hrow + 1, r.col + 1, r.col + r.cols, "No tags in this collection.", STYLE_DIM);
	strbuf_free(&sb);
}

/* ---- keys ---- */

/* The first tag (display order) whose name starts with the folded needle,
 * else the first that contains it; -1 when none. */
static long tag_find(struct tui *t, struct tagview *tv, const char *needle)
{
	char *fn = utf8_fold(needle, strlen(needle), NULL);
	long found = -1;
	for (int pass = 0; pass < 2 && found < 0 && *fn; pass++) {
		for (size_t i = 0; i < tv->n; i++) {
			const char *name = t->d.tags.tags[tv->rows[i].entry].name;
			const char *at = strstr(name, fn);
			if (at && (pass == 1 || at == name)) {
				found = (long)i;
				break;
			}
		}
	}
	free(fn);
	return found;
}

static unsigned jump_done(struct tui *t, enum prompt_result r)
{
	struct tagview *tv = open_view(t);
	if (!tv) return R_NONE;
	if (r == PROMPT_CANCEL) {
		tv->list.sel = tv->jump_from;
		t->prompt_done = NULL;
		return R_DRAW_ALL;
	}
	const char *text = prompt_text(&t->prompt);
	long i = *text ? tag_find(t, tv, text) : -1;
	tv->list.sel = i >= 0 ? (size_t)i : tv->jump_from;
	if (r == PROMPT_CHANGED)
		prompt_set_note(&t->prompt, i < 0 && *text ? "no such tag" : NULL, true, -1);
	if (r == PROMPT_ACCEPT) t->prompt_done = NULL;
	return R_DRAW_ALL;
}

/* Enter: filter the list by the selected tag, quoted when it needs it. */
static unsigned filter_by(struct overlay *o, struct tui *t)
{
	struct tagview *tv = o->priv;
	if (tv->n == 0) return R_NONE;
	const char *name = t->d.tags.tags[tv->rows[tv->list.sel].entry].name;
	struct strbuf q = STRBUF_INIT;
	bool quote = name[0] == '-' || strpbrk(name, " \t()\"") != NULL;
	strbuf_addf(&q, quote ? "tag:\"%s\"" : "tag:%s", name);
	overlay_close(t, o);
	if (filter_choose(t, q.buf, NULL))
		t->focus = PANE_LIST;
	strbuf_free(&q);
	return R_DRAW_ALL;
}

static unsigned tags_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct tagview *tv = o->priv;
	if (k->code == K_MOUSE) return R_NONE;
	enum action a = keymap_lookup(&t->km, KP_TAGS, k);
	if (k->code == K_ESC && !k->mods) a = ACT_QUIT;
	struct rect r = box(t);
	switch (a) {
	case ACT_QUIT: case ACT_TAGS:
		overlay_close(t, o);
		return R_DRAW_ALL;
	case ACT_SORT:
		tv->by_name = !tv->by_name;
		rows_sort(tv);
		return R_DRAW_ALL;
	case ACT_OPEN:
		return filter_by(o, t);
	case ACT_SEARCH:
		tv->jump_from = tv->list.sel;
		prompt_open(&t->prompt, PROMPT_TAG_JUMP, "tag: ", NULL);
		t->prompt_done = jump_done;
		return R_DRAW_ALL;
	case ACT_HELP:
		return overlay_help_open(t);
	default:
		if (listbox_move(&tv->list, a, tv->n, 1, r.rows - 3)) return R_DRAW_ALL;
		return R_NONE;
	}
}

static const struct overlay_ops tags_ops = {"tags", tags_draw, tags_key, tags_close};
