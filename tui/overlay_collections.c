/* SPDX-License-Identifier: MIT
 * The collections overlay (C): `-C NAME` picks a collection at start; this
 * switches between them without leaving the reader. One row per named
 * collection (name, folder, "missing" when the folder is gone) plus the
 * folder the reader started on when no name has it, so there is always a
 * way back; Enter hands the choice to tui_load_switch (load.c). */
#include "tui/overlay_collections.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/collection/collections.h"
#include "core/base/fsutil.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/load.h"
#include "tui/overlay.h"
#include "tui/tui.h"

struct collrow {
	const char *name; /* borrowed (settings); NULL: the start folder */
	const char *path; /* borrowed (settings or options) */
	bool current, missing;
};

struct collview {
	struct collrow *rows; /* owned */
	size_t n;
	struct pane list;     /* sel/top for the listbox helpers */
};

/* Do a and b name the same folder? Compared after resolving links. */
static bool same_folder(const char *a, const char *b)
{
	char *x = fsutil_abspath(a), *y = fsutil_abspath(b);
	bool same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

const char *overlay_collections_name_of(const struct collections *cs, const char *corpus)
{
	for (size_t i = 0; cs && corpus && i < cs->n; i++)
		if (same_folder(cs->v[i].path, corpus)) return cs->v[i].name;
	return NULL;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const struct overlay_ops coll_ops;

unsigned overlay_collections_open(struct tui *t)
{
	const struct collections *cs = t->settings ? &t->settings->collections : NULL;
	if (!cs || cs->n == 0) {
		context_message(t, false, "No collections in the config: add collections: {NAME: FOLDER} "
				      "(man dossier-config).");
		return R_DRAW_STATUS;
	}
	struct collview *cv = xcalloc(1, sizeof *cv);
	cv->rows = xcalloc(cs->n + 1, sizeof *cv->rows);
	bool start_named = overlay_collections_name_of(cs, t->start_corpus) != NULL;
	for (size_t i = 0; i < cs->n; i++)
		cv->rows[cv->n++] = (struct collrow){cs->v[i].name, cs->v[i].path, false, false};
	if (!start_named && t->start_corpus)
		cv->rows[cv->n++] = (struct collrow){NULL, t->start_corpus, false, false};
	for (size_t i = 0; i < cv->n; i++) {
		struct collrow *r = &cv->rows[i];
		r->missing = !is_dir(r->path);
		r->current = !r->missing && same_folder(r->path, t->corpus);
		if (r->current) cv->list.sel = i;
	}
	overlay_push(t, &coll_ops, cv);
	return R_DRAW_ALL;
}

static void coll_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct collview *cv = o->priv;
	free(cv->rows);
	free(cv);
}

static void coll_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct collview *cv = o->priv;
	struct rect r = overlay_box(t, 90);
	if (r.rows < 4 || r.cols < 20) return;
	overlay_frame(t, g, r, " Collections  Enter switches, q closes");
	int nw = 4; /* the name column: the longest name, at most a third */
	for (size_t i = 0; i < cv->n; i++) {
		int w = cv->rows[i].name ? utf8_display_width(cv->rows[i].name,
							      strlen(cv->rows[i].name), t->utf8_flags)
					 : 9;
		if (w > nw) nw = w;
	}
	if (nw > r.cols / 3) nw = r.cols / 3;
	int body = r.rows - 1;
	listbox_fit(&cv->list, cv->n, 1, body);
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < body; i++) {
		size_t idx = cv->list.top + (size_t)i;
		if (idx >= cv->n) break;
		const struct collrow *cr = &cv->rows[idx];
		int row = r.row + 1 + i, col = r.col + 1, end = r.col + r.cols - 1;
		bool sel = idx == cv->list.sel;
		uint16_t st = sel ? STYLE_SELECTED : STYLE_NORMAL;
		if (sel) { /* marked also without colour or reverse */
			grid_fill(g, row, r.col, r.cols, st);
			grid_glyph(g, row, r.col, ">", st);
		}
		if (cr->current) grid_glyph(g, row, col, context_glyph(t, "\xe2\x9c\x93", "*"), st); /* ✓ */
		col += 2;
		strbuf_reset(&sb);
		const char *name = cr->name ? cr->name : "(unnamed)";
		utf8_display_fit(&sb, name, strlen(name), nw, t->utf8_flags);
		grid_put(g, row, col, col + nw, strbuf_str(&sb), sb.len,
			 sel ? st : cr->name ? STYLE_TITLE : STYLE_DIM, STYLE_CONTROL, -1);
		col += nw + 2;
		strbuf_reset(&sb);
		strbuf_adds(&sb, cr->path);
		if (cr->current) strbuf_adds(&sb, "  (reading)");
		else if (cr->missing) strbuf_adds(&sb, "  (missing)");
		struct strbuf fit = STRBUF_INIT;
		utf8_display_fit(&fit, sb.buf, sb.len, end - col, t->utf8_flags);
		grid_put(g, row, col, end, strbuf_str(&fit), fit.len,
			 sel ? st : cr->missing ? STYLE_ERROR : STYLE_NORMAL, STYLE_CONTROL, -1);
		strbuf_free(&fit);
	}
	strbuf_free(&sb);
}

/* Enter: switch to the selected collection (the overlay goes first). */
static unsigned choose(struct overlay *o, struct tui *t)
{
	struct collview *cv = o->priv;
	if (!cv->n) return R_NONE;
	struct collrow cr = cv->rows[cv->list.sel];
	const char *label = cr.name ? cr.name : cr.path;
	if (cr.current) {
		overlay_close(t, o);
		context_message(t, false, "Already reading %s.", label);
		return R_DRAW_ALL;
	}
	if (cr.missing) {
		context_message(t, true, "%s: %s is not a folder.", label, cr.path);
		return R_DRAW_ALL;
	}
	overlay_close(t, o);
	return tui_load_switch(t, cr.path, cr.name);
}

static unsigned coll_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct collview *cv = o->priv;
	if (k->code == K_MOUSE) return R_NONE;
	enum action a = keymap_lookup(&t->km, KP_GLOBAL, k);
	if (k->code == K_ESC && !k->mods) a = ACT_QUIT;
	struct rect r = overlay_box(t, 90);
	switch (a) {
	case ACT_QUIT: case ACT_COLLECTIONS:
		overlay_close(t, o);
		return R_DRAW_ALL;
	case ACT_OPEN: return choose(o, t);
	case ACT_REDRAW: return R_RELAYOUT;
	default:
		if (listbox_move(&cv->list, a, cv->n, 1, r.rows - 1)) return R_DRAW_ALL;
		return R_NONE;
	}
}

static const struct overlay_ops coll_ops = {"collections", coll_draw, coll_key, coll_close};
