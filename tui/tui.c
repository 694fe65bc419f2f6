/* SPDX-License-Identifier: MIT
 * struct tui and the key path shared by the interactive and the headless
 * loop: key -> keymap -> action -> reaction flags -> draw. Actions that
 * concern the whole reader (focus, history, read state, sort, quitting)
 * are handled here; movement goes to the focused pane's ops. */
#include "tui/tui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/ftsindex.h"
#include "core/related.h"
#include "core/store.h"
#include "core/util.h"
#include "tui/state.h"

const char *tui_glyph(const struct tui *t, const char *utf8, const char *ascii)
{
	return t->utf8_flags ? ascii : utf8;
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	strbuf_reset(&t->msg);
	va_start(ap, fmt);
	strbuf_vaddf(&t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
}

static bool mem_is_read(void *ctx, const struct article *a, size_t art)
{
	(void)a;
	struct tui *t = ctx;
	return art < t->d.coll.n && t->read && t->read[art];
}

static void mem_set_read(void *ctx, const struct article *a, size_t art, bool read)
{
	(void)a;
	struct tui *t = ctx;
	if (art < t->d.coll.n && t->read) t->read[art] = read;
}

bool tui_is_read(struct tui *t, size_t art)
{
	return t->rs.is_read(t->rs.ctx, &t->d.coll.items[art], art);
}

void tui_set_read(struct tui *t, size_t art, bool read)
{
	t->rs.set_read(t->rs.ctx, &t->d.coll.items[art], art, read);
}

/* ---- sorting ---- */

/* Newest first; on the same date by id, which is article number order
 * (the collection is sorted by id), so no string is compared. */
static int cmp_date(const struct article *a, const struct article *b)
{
	if (a->date != b->date) return a->date > b->date ? -1 : 1;
	return (a > b) - (a < b);
}

static int cmp_str(const char *x, const char *y)
{
	if (!x || !y) return x ? -1 : y ? 1 : 0; /* missing values last */
	return strcasecmp(x, y);
}

struct sort_ctx {
	const struct tui *t;
	double *score; /* relevance: related score to the open article */
};

static int cmp_order(const void *pa, const void *pb, void *ctx)
{
	const struct sort_ctx *sc = ctx;
	const struct tui *t = sc->t;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct article *a = &t->d.coll.items[ia], *b = &t->d.coll.items[ib];
	int c = 0;
	switch (t->sort) {
	case SORT_TITLE: c = cmp_str(a->title, b->title); break;
	case SORT_SOURCE: c = cmp_str(a->source, b->source); break;
	case SORT_RELEVANCE: {
		double sa = sc->score[ia], sb = sc->score[ib];
		c = sa > sb ? -1 : sa < sb ? 1 : 0;
		break;
	}
	default: break;
	}
	return c ? c : cmp_date(a, b);
}

void tui_sort(struct tui *t)
{
	size_t n = t->d.coll.n;
	free(t->sorted);
	t->sorted = xcalloc(n + 1, sizeof *t->sorted);
	for (size_t i = 0; i < n; i++) t->sorted[i] = i;
	struct sort_ctx sc = {t, NULL};
	if (t->sort == SORT_RELEVANCE) {
		sc.score = xcalloc(n + 1, sizeof *sc.score);
		if (t->cur >= 0) {
			struct related *r = NULL;
			size_t nr = related_compute(&t->d.coll, &t->d.tags, (size_t)t->cur, n, &r);
			for (size_t i = 0; i < nr; i++) sc.score[r[i].art] = r[i].score;
			related_free(r, nr);
			sc.score[t->cur] = 1e300; /* the open article leads */
		}
	}
	qsort_r(t->sorted, n, sizeof *t->sorted, cmp_order, &sc);
	free(sc.score);
	find_apply(t); /* the list: sorted minus what the filter drops */
}

/* ---- opening and history ---- */

unsigned tui_open_article(struct tui *t, size_t art, bool push_history)
{
	if (art >= t->d.coll.n) return R_NONE;
	size_t cp;
	if (t->cur >= 0 && pane_text_position(&t->panes[PANE_TEXT], t, &cp))
		tui_state_set_position(t, (size_t)t->cur, cp);
	t->cur = (long)art;
	tui_set_read(t, art, true);
	if (push_history) history_push(&t->hist, t->d.coll.items[art].id);
	pane_text_reset(&t->panes[PANE_TEXT]);
	textsearch_forget(t);
	pane_related_reset(&t->panes[PANE_RELATED], t);
	for (size_t i = 0; i < t->norder; i++)
		if (t->order[i] == art) t->panes[PANE_LIST].sel = i;
	return R_DRAW_ALL;
}

/* The first screen shows the selected article's text and related list
 * straight away (a preview: not marked read, not in the history). */
void tui_preview_selected(struct tui *t)
{
	if (t->cur >= 0 || t->norder == 0) return;
	t->cur = (long)t->order[t->panes[PANE_LIST].sel];
	pane_text_reset(&t->panes[PANE_TEXT]);
	pane_related_reset(&t->panes[PANE_RELATED], t);
}

static unsigned go_history(struct tui *t, bool back)
{
	const char *id = back ? history_back(&t->hist) : history_forward(&t->hist);
	if (!id) {
		tui_message(t, false, back ? "No earlier article in the history."
					   : "No later article in the history.");
		return R_DRAW_STATUS;
	}
	long art = collection_find(&t->d.coll, id);
	if (art < 0) {
		tui_message(t, true, "%s is no longer in the collection.", id);
		return R_DRAW_STATUS;
	}
	return tui_open_article(t, (size_t)art, false);
}

/* ---- keys ---- */

static const char *const sort_names[] = {"date", "title", "source", "relevance"};

static long target_article(struct tui *t)
{
	if (t->focus == PANE_LIST && t->norder) return (long)t->order[t->panes[PANE_LIST].sel];
	if (t->focus == PANE_RELATED) {
		long r = pane_related_selected(&t->panes[PANE_RELATED]);
		if (r >= 0) return r;
	}
	return t->cur;
}

/* / n N search where the focus is: the text or the list titles. */
static unsigned search_action(struct tui *t, enum action a)
{
	int dir = a == ACT_SEARCH_PREV ? -1 : 1;
	if (t->focus == PANE_TEXT)
		return a == ACT_SEARCH ? textsearch_open(t) : textsearch_next(t, dir);
	if (t->focus == PANE_LIST)
		return a == ACT_SEARCH ? find_list_search(t) : find_list_next(t, dir);
	tui_message(t, false, "Search works in the list and the text pane.");
	return R_DRAW_STATUS;
}

static unsigned do_action(struct tui *t, enum action a)
{
	struct pane *p = &t->panes[t->focus];
	switch (a) {
	case ACT_QUIT: return tui_state_quit(t);
	case ACT_HELP: t->help = true; t->help_top = 0; return R_DRAW_ALL;
	case ACT_REDRAW: return R_RELAYOUT;
	case ACT_FOCUS_NEXT: case ACT_FOCUS_PREV: {
		int f = t->focus;
		for (int i = 0; i < PANE_COUNT; i++) {
			f = (f + (a == ACT_FOCUS_NEXT ? 1 : PANE_COUNT - 1)) % PANE_COUNT;
			if (t->layout.pane[f].rows > 0) break;
		}
		t->focus = f;
		return R_DRAW_ALL;
	}
	case ACT_FOCUS_LIST: t->focus = PANE_LIST; return R_DRAW_ALL;
	case ACT_FOCUS_TEXT: t->focus = PANE_TEXT; return R_DRAW_ALL;
	case ACT_FOCUS_RELATED: t->focus = PANE_RELATED; return R_DRAW_ALL;
	case ACT_BACK: return go_history(t, true);
	case ACT_FORWARD: return go_history(t, false);
	case ACT_TOGGLE_READ: {
		long art = target_article(t);
		if (art < 0) return R_NONE;
		bool now = !tui_is_read(t, (size_t)art);
		tui_set_read(t, (size_t)art, now);
		tui_message(t, false, "Marked %s.", now ? "read" : "unread");
		return R_DRAW_ALL;
	}
	case ACT_SORT:
		t->sort = (t->sort + 1) % SORT_COUNT;
		tui_sort(t);
		tui_message(t, false, "Sorted by %s.", sort_names[t->sort]);
		return R_DRAW_ALL;
	case ACT_FILTER: return find_filter_open(t);
	case ACT_FILTER_CLEAR: return find_filter_clear(t);
	case ACT_TAGS: return pane_tags_open(t);
	case ACT_SEARCH: case ACT_SEARCH_NEXT: case ACT_SEARCH_PREV:
		return search_action(t, a);
	case ACT_BROWSER: case ACT_EDIT:
		return tui_run_external(t, a, a == ACT_EDIT ? target_article(t) : t->cur);
	case ACT_RELOAD: return tui_load_refresh(t);
	case ACT_MARKS: return marksview_open(t);
	case ACT_EXPORT: return exportui_open(t);
	case ACT_UNDO: return tui_state_undo(t);
	case ACT_SELECT: case ACT_EXTEND_WORD: case ACT_EXTEND_SENTENCE:
	case ACT_EXTEND_PARAGRAPH: case ACT_MARK:
		if (t->focus != PANE_TEXT) {
			tui_message(t, false, "%s works in the text pane (2 focuses it).", action_name(a));
			return R_DRAW_STATUS;
		}
		break;
	default:
		break;
	}
	if (!action_available(a)) {
		tui_message(t, false, "%s: not available in this build yet.", action_name(a));
		return R_DRAW_STATUS;
	}
	struct rect c = pane_content(t->layout.pane[t->focus]);
	return p->ops->handle(p, t, a, c);
}

static unsigned handle_mouse(struct tui *t, const struct key *k)
{
	if (t->help) {
		if (k->button == MOUSE_WHEEL_DOWN) return help_handle(t, ACT_MOVE_DOWN);
		if (k->button == MOUSE_WHEEL_UP) return help_handle(t, ACT_MOVE_UP);
		return help_handle(t, ACT_QUIT);
	}
	int pi = layout_pane_at(&t->layout, k->y, k->x);
	if (pi < 0) return R_NONE;
	struct pane *p = &t->panes[pi];
	struct rect c = pane_content(t->layout.pane[pi]);
	unsigned r = R_NONE;
	if (k->button == MOUSE_CLICK) {
		if (t->focus != pi) r |= R_DRAW_ALL;
		t->focus = pi;
		if (k->y >= c.row) r |= p->ops->click(p, t, k->y - c.row, c);
		return r;
	}
	enum action a = k->button == MOUSE_WHEEL_UP ? ACT_MOVE_UP : ACT_MOVE_DOWN;
	for (int i = 0; i < 3; i++) r |= p->ops->handle(p, t, a, c);
	return r;
}

/* The open prompt takes every key; its owner hears about the result. */
static unsigned prompt_key(struct tui *t, const struct key *k)
{
	enum prompt_result pr = prompt_handle_key(&t->prompt, k);
	unsigned r = R_DRAW_STATUS;
	if (t->prompt_done) r |= t->prompt_done(t, pr);
	if (!prompt_active(&t->prompt) && (pr == PROMPT_ACCEPT || pr == PROMPT_CANCEL))
		r |= R_DRAW_ALL;
	return r;
}

unsigned tui_handle_key(struct tui *t, const struct key *k)
{
	if (k->code == K_RESIZE) return R_RELAYOUT;
	if (!t->loaded) return k->code == 'q' ? R_QUIT : R_NONE;
	if (t->layout.too_small) {
		if (k->code == K_MOUSE) return R_NONE;
		if (prompt_active(&t->prompt)) return prompt_key(t, k);
		enum action a = keymap_lookup(&t->km, KP_GLOBAL, k);
		return a == ACT_QUIT ? tui_state_quit(t) : R_NONE;
	}
	if (prompt_active(&t->prompt)) return k->code == K_MOUSE ? R_NONE : prompt_key(t, k);
	if (t->quit_ask) return tui_state_quit_key(t, k);
	if (t->tagview && !t->help) return k->code == K_MOUSE ? R_NONE : pane_tags_key(t, k);
	if (k->code == K_MOUSE) return handle_mouse(t, k);
	if (t->xp) return exportui_key(t, k);
	if (t->mv) return marksview_key(t, k);
	if (t->help) {
		enum action a = keymap_lookup(&t->km, KP_HELP, k);
		if (k->code == K_ESC && !k->mods) a = ACT_QUIT;
		return help_handle(t, a);
	}
	const struct pane *p = &t->panes[t->focus];
	enum action a = keymap_lookup(&t->km, p->ops->keys, k);
	if (a == ACT_NONE) {
		if (k->code == K_ESC)
			return t->focus == PANE_TEXT ? pane_text_escape(&t->panes[PANE_TEXT], t) : R_NONE;
		struct strbuf sb = STRBUF_INIT;
		keymap_format(k, &sb);
		tui_message(t, false, "%s is not bound (? lists the keys).", strbuf_str(&sb));
		strbuf_free(&sb);
		return R_DRAW_STATUS;
	}
	if (t->msg.len && !t->msg_error) strbuf_reset(&t->msg);
	return do_action(t, a) | R_DRAW_STATUS;
}

/* ---- drawing ---- */

void tui_relayout(struct tui *t, int rows, int cols)
{
	grid_resize(&t->grid, rows, cols);
	layout_compute(&t->layout, rows, cols, &t->lp);
	/* A resize that hides the focused pane (down to "too small") moves the
	 * focus to the list; growing back restores it unless the user moved
	 * it meanwhile (HOSTILE.md 31: the exact layout comes back). */
	if (t->hidden_focus) {
		int f = t->hidden_focus - 1;
		if (t->focus != PANE_LIST) t->hidden_focus = 0;
		else if (t->layout.pane[f].rows > 0) {
			t->focus = f;
			t->hidden_focus = 0;
		}
	}
	if (t->layout.pane[t->focus].rows <= 0) {
		if (t->focus != PANE_LIST) t->hidden_focus = t->focus + 1;
		t->focus = PANE_LIST;
	}
}

static void draw_too_small(struct tui *t)
{
	struct grid *g = &t->grid;
	grid_clear(g);
	const char *msg = g->cols >= 18 ? "terminal too small" : "too small";
	int row = g->rows / 2, col = (g->cols - (int)strlen(msg)) / 2;
	if (col < 0) col = 0;
	grid_puts(g, row, col, g->cols, msg, STYLE_ERROR);
	if (g->rows > 1 && g->cols >= 14) {
		char need[40];
		snprintf(need, sizeof need, "need %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
		int c2 = (g->cols - (int)strlen(need)) / 2;
		grid_puts(g, row + 1 < g->rows ? row + 1 : row - 1, c2 < 0 ? 0 : c2, g->cols, need,
			  STYLE_DIM);
	}
}

void tui_draw(struct tui *t, unsigned r)
{
	struct grid *g = &t->grid;
	if (t->layout.too_small) {
		draw_too_small(t);
		return;
	}
	if (r & R_RELAYOUT) {
		grid_clear(g);
		r |= R_DRAW_ALL;
	}
	if (t->help || t->tagview || t->mv) r |= R_DRAW_ALL;
	for (int i = 0; i < PANE_COUNT; i++)
		if (r & (1u << i) && t->layout.pane[i].rows > 0)
			pane_draw(&t->panes[i], t, g, t->layout.pane[i], i == t->focus);
	const char *bar = tui_glyph(t, "\xe2\x94\x82", "|"); /* │ */
	for (int row = 0; row < t->layout.status.row; row++) {
		if (t->layout.vsep1 >= 0) grid_glyph(g, row, t->layout.vsep1, bar, STYLE_DIM);
		if (t->layout.vsep2 >= 0) grid_glyph(g, row, t->layout.vsep2, bar, STYLE_DIM);
	}
	if (t->tagview) pane_tags_draw(t, g);
	statusbar_draw(t, g);
	if (t->help) help_draw(t, g);
	if (t->mv) marksview_draw(t, g);
	if (t->xp) exportui_draw(t, g);
}

/* ---- set-up ---- */

static void keymap_load(struct tui *t, struct diag_list *diags)
{
	keymap_init(&t->km);
	const struct settings *s = t->settings;
	for (size_t i = 0; s && i < s->nbinds; i++) {
		const struct binding_spec *b = &s->binds[i];
		keymap_bind(&t->km, b->pane, b->key, b->action, b->path, b->line, b->col, diags);
	}
}

static size_t state_mark_count(void *ctx, size_t art)
{
	return tui_state_mark_count(ctx, art);
}

void tui_init(struct tui *t, const struct tui_options *o, unsigned utf8_flags,
	      struct diag_list *diags)
{
	memset(t, 0, sizeof *t);
	t->settings = o->settings;
	t->corpus = o->corpus;
	t->vocab = o->vocab;
	t->vocab_hash = o->vocab_hash;
	t->no_cache = o->no_cache;
	t->state_path = o->state_path;
	t->cur = -1;
	t->utf8_flags = utf8_flags;
	t->rs = o->rs ? *o->rs : (struct readstate){mem_is_read, mem_set_read, t};
	grid_init(&t->grid, utf8_flags);
	const struct settings *s = o->settings;
	t->lp = (struct layout_params){
		layout_mode_parse(s ? s->layout : NULL),
		s && s->list_width > 0 ? s->list_width : 30,
		s && s->related_width > 0 ? s->related_width : 25,
		s && s->stack_below > 0 ? s->stack_below : 100,
	};
	const char *nc = getenv("NO_COLOR");
	theme_init(&t->theme, s, nc && *nc, diags);
	keymap_load(t, diags);
	prompt_init(&t->prompt);
	t->marks = (struct markcount){state_mark_count, t}; /* tag browser, is:marked */
	t->panes[PANE_LIST].ops = &pane_list_ops;
	t->panes[PANE_TEXT].ops = &pane_text_ops;
	t->panes[PANE_RELATED].ops = &pane_related_ops;
}

void tui_free(struct tui *t)
{
	for (int i = 0; i < PANE_COUNT; i++)
		if (t->panes[i].ops && t->panes[i].ops->free) t->panes[i].ops->free(&t->panes[i]);
	marksview_close(t);
	exportui_close(t);
	store_free(t->store); /* unsaved: tui_state_close saves first */
	t->store = NULL;
	tui_load_stop(t); /* also the index build */
	if (t->loaded) dossier_close(&t->d);
	keymap_free(&t->km);
	grid_free(&t->grid);
	history_free(&t->hist);
	find_free(t);
	textsearch_free(t);
	pane_tags_free(t);
	prompt_free(&t->prompt);
	free(t->order);
	free(t->sorted);
	free(t->read);
	strbuf_free(&t->msg);
	strbuf_free(&t->progress);
}
