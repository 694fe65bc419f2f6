/* SPDX-License-Identifier: MIT
 * The marks view (M): every marked passage of the collection over the
 * panes, one row each (status, article, passage start), built with the
 * export module so it shows exactly what an export would carry: re-anchored
 * passages, and orphaned ones with their stored text, never dropped.
 * A mark with a note or mark tags gets a second row showing them; a
 * edits them (marknote.c), / keeps the marks carrying one mark tag. */
#include "tui/overlay_marks.h"

#include <stdlib.h>
#include <string.h>

#include "core/output/export.h"
#include "core/state/store.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/clip.h"
#include "tui/context.h"
#include "tui/marknote.h"
#include "tui/navigate.h"
#include "tui/overlay.h"
#include "tui/pane_text.h"
#include "tui/state.h"
#include "tui/tui.h"

struct marksview {
	struct export_set set; /* borrows the store's marks: rebuilt on change */
	struct pane list;      /* sel/top for the listbox arithmetic */
	unsigned gen;          /* t->marks_gen the set was built for */
	char *tag;             /* owned: the mark tag shown, NULL all */
};

static bool has_tag(void *ctx, const struct export_item *it)
{
	return mark_has_tag(it->mark, ctx);
}

/* Two rows per mark when any shown mark has a note or tags. */
static int item_rows(const struct marksview *mv)
{
	for (size_t i = 0; i < mv->set.n; i++)
		if (mv->set.items[i].mark->note || mv->set.items[i].mark->ntags) return 2;
	return 1;
}

static void build(struct tui *t, struct marksview *mv)
{
	export_set_free(&mv->set);
	memset(&mv->set, 0, sizeof mv->set);
	struct diag_list dl = DIAG_LIST_INIT;
	if (t->store) export_set_build(&mv->set, &t->d.coll, t->store, NULL, NULL, &dl);
	diag_list_free(&dl); /* unreadable bodies show as orphaned rows */
	if (mv->tag) export_set_retain(&mv->set, has_tag, mv->tag);
	mv->gen = t->marks_gen;
	if (mv->list.sel >= mv->set.n) mv->list.sel = mv->set.n ? mv->set.n - 1 : 0;
}

static const struct overlay_ops marks_ops;

unsigned overlay_marks_open(struct tui *t)
{
	if (!t->store || store_mark_count(t->store) == 0) {
		context_message(t, false, "No marks yet: m in the text pane marks a passage.");
		return R_DRAW_STATUS;
	}
	struct marksview *mv = xcalloc(1, sizeof *mv);
	build(t, mv);
	overlay_push(t, &marks_ops, mv);
	return R_DRAW_ALL;
}

static void marks_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct marksview *mv = o->priv;
	export_set_free(&mv->set);
	free(mv->tag);
	free(mv);
}

static struct rect box(const struct tui *t)
{
	return (struct rect){0, 0, t->layout.status.row, t->layout.cols};
}

/* The marks changed elsewhere (undo, a save that merged): rebuilt here. */
static void marks_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct marksview *mv = o->priv;
	if (mv->gen != t->marks_gen) build(t, mv);
	struct rect r = box(t);
	if (r.rows < 2) return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, " Marks %zu/%zu", mv->set.n ? mv->list.sel + 1 : 0, mv->set.n);
	if (mv->tag) strbuf_addf(&sb, " #%s", mv->tag);
	strbuf_adds(&sb, "  Enter opens, a notes, / tag, d deletes, u undoes, q closes");
	overlay_frame(t, g, r, strbuf_str(&sb));
	int rows = r.rows - 1, h = item_rows(mv);
	listbox_fit(&mv->list, mv->set.n, h, rows);
	int tw = r.cols * 2 / 5 < 40 ? r.cols * 2 / 5 : 40;
	for (int i = 0; i + h <= rows; i += h) {
		size_t idx = mv->list.top + (size_t)(i / h);
		if (idx >= mv->set.n) break;
		const struct export_item *it = &mv->set.items[idx];
		int row = r.row + 1 + i, col = r.col + 1, end = r.col + r.cols;
		bool sel = idx == mv->list.sel;
		uint16_t st = sel ? STYLE_SELECTED : STYLE_NORMAL;
		grid_fill(g, row, r.col, r.cols, st);
		bool orphan = it->anchor.status == MARK_ORPHANED;
		grid_puts(g, row, col, col + 9, mark_status_name(it->anchor.status),
			  sel ? st : orphan ? STYLE_ERROR : STYLE_DIM);
		col += 10;
		strbuf_reset(&sb);
		const char *title = it->art ? it->art->title : it->mark->article;
		utf8_display_fit(&sb, title, strlen(title), tw - 1, t->utf8_flags);
		grid_put(g, row, col, col + tw - 1, strbuf_str(&sb), sb.len, st, STYLE_CONTROL, -1);
		col += tw;
		strbuf_reset(&sb);
		utf8_display_fit(&sb, it->text, strlen(it->text), end - col, t->utf8_flags);
		grid_put(g, row, col, end, strbuf_str(&sb), sb.len, sel ? st : STYLE_MARK,
			 STYLE_CONTROL, -1);
		if (h == 2) { /* the tags, then the note (one line) */
			grid_fill(g, row + 1, r.col, r.cols, st);
			col = r.col + 11;
			for (size_t k = 0; k < it->mark->ntags && col < end; k++) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "#%s ", it->mark->tags[k]);
				col = grid_put(g, row + 1, col, end, sb.buf, sb.len, sel ? st : STYLE_TAG,
					       STYLE_CONTROL, -1);
			}
			const char *note = it->mark->note ? it->mark->note : "";
			strbuf_reset(&sb);
			utf8_display_fit(&sb, note, strlen(note), end - col, t->utf8_flags);
			grid_put(g, row + 1, col, end, strbuf_str(&sb), sb.len, st, STYLE_CONTROL, -1);
		}
	}
	strbuf_free(&sb);
}

/* Enter: open the article with the cursor on the passage. */
static unsigned jump(struct overlay *o, struct tui *t)
{
	struct marksview *mv = o->priv;
	if (!mv->set.n) return R_NONE;
	const struct export_item *it = &mv->set.items[mv->list.sel];
	if (!it->art) {
		context_message(t, true, "%s is no longer in the collection; the mark is kept.",
			    it->mark->article);
		return R_DRAW_STATUS;
	}
	size_t art = (size_t)(it->art - t->d.coll.items);
	bool orphan = it->anchor.status == MARK_ORPHANED;
	size_t cp = it->anchor.start;
	overlay_close(t, o);
	unsigned r = navigate_open(t, art, true);
	t->focus = PANE_TEXT;
	if (orphan)
		context_message(t, true, "This passage is no longer in the article (orphaned); "
				     "M shows its stored text.");
	else
		pane_text_goto(&t->panes[PANE_TEXT], cp);
	return r | R_DRAW_ALL;
}

static unsigned delete_selected(struct tui *t, struct marksview *mv)
{
	if (!mv->set.n) return R_NONE;
	struct mark m;
	mark_copy(&m, mv->set.items[mv->list.sel].mark);
	if (tui_state_delete_mark(t, &m) && !t->save_error) /* else: NOT SAVED */
		context_message(t, false, "Mark deleted %s u to undo.",
				context_glyph(t, "\xe2\x80\x94", "-"));
	mark_free(&m);
	build(t, mv);
	return R_DRAW_ALL;
}

/* /: the mark tag to show (empty: all), applied on Enter. */
static unsigned tag_done(struct tui *t, enum prompt_result r)
{
	if (r == PROMPT_CHANGED || r == PROMPT_CONTINUE) return R_DRAW_STATUS;
	t->prompt_done = NULL;
	struct overlay *o = overlay_find(t, &marks_ops);
	if (r != PROMPT_ACCEPT || !o) return R_DRAW_ALL;
	struct marksview *mv = o->priv;
	const char *s = prompt_text(&t->prompt);
	while (*s == ' ' || *s == '#') s++;
	free(mv->tag);
	mv->tag = NULL;
	struct mark probe = {0}; /* normalised as mark tags are */
	if (*s && mark_add_tag(&probe, s)) mv->tag = xstrdup(probe.tags[0]);
	mark_free(&probe);
	mv->list.sel = mv->list.top = 0;
	build(t, mv);
	if (mv->tag && !mv->set.n)
		context_message(t, false, "No mark is tagged #%s (/ then Enter shows all).", mv->tag);
	return R_DRAW_ALL;
}

static unsigned tag_prompt(struct tui *t, struct marksview *mv)
{
	(void)mv;
	prompt_open(&t->prompt, PROMPT_TAG_JUMP, "mark tag (empty: all): #", NULL);
	t->prompt_done = tag_done;
	strbuf_reset(&t->msg);
	return R_DRAW_ALL;
}

static unsigned marks_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct marksview *mv = o->priv;
	if (k->code == K_MOUSE) return R_NONE;
	if (mv->gen != t->marks_gen) build(t, mv); /* an undo since the last draw */
	enum action a = keymap_lookup(&t->km, KP_MARKS, k);
	if (k->code == K_ESC && !k->mods) a = ACT_QUIT;
	if (t->msg.len && !t->msg_error) strbuf_reset(&t->msg);
	struct rect r = box(t);
	switch (a) {
	case ACT_QUIT: case ACT_MARKS:
		overlay_close(t, o);
		return R_DRAW_ALL;
	case ACT_OPEN: return jump(o, t);
	case ACT_DELETE: return delete_selected(t, mv);
	case ACT_NOTE:
		if (!mv->set.n) return R_NONE;
		return marknote_open(t, mv->set.items[mv->list.sel].mark);
	case ACT_NOTE_EDITOR:
		if (!mv->set.n) return R_NONE;
		return marknote_edit(t, mv->set.items[mv->list.sel].mark, NULL) | R_DRAW_ALL;
	case ACT_SEARCH: return tag_prompt(t, mv);
	case ACT_COPY: {
		if (!mv->set.n) return R_NONE;
		const struct export_item *it = &mv->set.items[mv->list.sel];
		return clip_copy_passage(t, it->art ? (size_t)(it->art - t->d.coll.items) : (size_t)-1,
					 it->text, strlen(it->text)) | R_DRAW_ALL;
	}
	case ACT_UNDO: return tui_state_undo(t);
	case ACT_MOVE_DOWN: case ACT_MOVE_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP:
	case ACT_TOP: case ACT_BOTTOM:
		listbox_move(&mv->list, a, mv->set.n, item_rows(mv), r.rows - 1);
		return R_DRAW_ALL;
	case ACT_REDRAW: return R_RELAYOUT;
	default:
		context_message(t, false, "In the marks view: Enter opens, a notes, / filters by a #tag, d deletes, u undoes, q closes.");
		return R_DRAW_ALL;
	}
}

static const struct overlay_ops marks_ops = {"marks", marks_draw, marks_key, marks_close};
