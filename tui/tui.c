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

#include "core/find/related.h"
#include "core/state/store.h"
#include "core/base/util.h"
#include "tui/clip.h"
#include "tui/context.h"
#include "tui/filter.h"
#include "tui/filter_complete.h"
#include "tui/fold.h"
#include "tui/listsearch.h"
#include "tui/load.h"
#include "tui/navigate.h"
#include "tui/overlay_export.h"
#include "tui/overlay_help.h"
#include "tui/overlay_links.h"
#include "tui/marknote.h"
#include "tui/overlay_marks.h"
#include "tui/overlay_messages.h"
#include "tui/overlay_collections.h"
#include "tui/overlay_searches.h"
#include "tui/overlay_tags.h"
#include "tui/pane_related.h"
#include "tui/pane_text.h"
#include "tui/searchset.h"
#include "tui/simjob.h"
#include "tui/sort.h"
#include "tui/state.h"
#include "tui/statewait.h"
#include "tui/statusbar.h"
#include "tui/textsearch.h"

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
		return a == ACT_SEARCH ? listsearch_open(t) : listsearch_next(t, dir);
	context_message(t, false, "Search works in the list and the text pane.");
	return R_DRAW_STATUS;
}

/* After a pane's handler: open the article it asked for. */
static unsigned pane_asked(struct tui *t, const struct pane_ctx *pc, unsigned r)
{
	if (pc->open >= 0) r |= navigate_open(t, (size_t)pc->open, true);
	return r;
}

static unsigned do_action(struct tui *t, enum action a)
{
	struct pane *p = &t->panes[t->focus];
	switch (a) {
	case ACT_QUIT: return tui_state_quit(t);
	case ACT_HELP: return overlay_help_open(t);
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
	case ACT_BACK: return navigate_history(t, true);
	case ACT_FORWARD: return navigate_history(t, false);
	case ACT_TOGGLE_READ: {
		long art = target_article(t);
		if (art < 0) return R_NONE;
		bool now = !context_is_read(t, (size_t)art);
		context_set_read(t, (size_t)art, now);
		context_message(t, false, "Marked %s.", now ? "read" : "unread");
		return R_DRAW_ALL;
	}
	case ACT_SORT:
		t->sort = (t->sort + 1) % SORT_COUNT;
		sort_apply(t);
		context_message(t, false, "Sorted by %s.", sort_names[t->sort]);
		return R_DRAW_ALL;
	case ACT_FILTER: return filter_open(t);
	case ACT_FILTER_CLEAR: return filter_clear(t);
	case ACT_TAGS: return overlay_tags_open(t);
	case ACT_SEARCHES: return overlay_searches_open(t);
	case ACT_SEARCH: case ACT_SEARCH_NEXT: case ACT_SEARCH_PREV:
		return search_action(t, a);
	case ACT_BROWSER: case ACT_EDIT:
		return tui_run_external(t, a, a == ACT_EDIT ? target_article(t) : t->cur);
	case ACT_RELOAD: return tui_load_refresh(t);
	case ACT_MARKS: return overlay_marks_open(t);
	case ACT_COPY: return clip_yank(t);
	case ACT_PIPE: return clip_pipe_prompt(t);
	case ACT_NOTE: case ACT_NOTE_EDITOR: {
		struct pane_ctx c;
		struct rect r;
		struct pane *tp = context_pane_at(t, PANE_TEXT, &c, &r);
		struct mark m = {0};
		if (t->focus != PANE_TEXT || !pane_text_mark_here(tp, &c, r, &m)) {
			context_message(t, false, t->focus != PANE_TEXT
				? "note works on a mark in the text pane (2 focuses it) or in M."
				: "No mark under the cursor: m marks the passage, then a adds a note.");
			return R_DRAW_STATUS;
		}
		unsigned re = a == ACT_NOTE ? marknote_open(t, &m) : marknote_edit(t, &m, NULL);
		mark_free(&m);
		return re;
	}
	case ACT_MESSAGES: return overlay_messages_open(t);
	case ACT_COLLECTIONS: return overlay_collections_open(t);
	case ACT_EXPORT: return overlay_export_open(t);
	case ACT_UNDO: return tui_state_undo(t);
	case ACT_LINKS: return overlay_links_open(t);
	case ACT_FOLD: return fold_toggle(t);
	case ACT_OPEN_LINK: return overlay_links_prompt(t);
	case ACT_TOGGLE_RAW: {
		struct pane_ctx c;
		struct rect r;
		struct pane *tp = context_pane_at(t, PANE_TEXT, &c, &r);
		return pane_text_toggle_raw(tp, &c, r);
	}
	case ACT_SELECT: case ACT_EXTEND_WORD: case ACT_EXTEND_SENTENCE:
	case ACT_EXTEND_PARAGRAPH: case ACT_MARK: case ACT_WORD_BACK: case ACT_SENTENCE_BACK:
	case ACT_PARAGRAPH_BACK: case ACT_CHAR_NEXT: case ACT_CHAR_PREV:
		if (t->focus != PANE_TEXT) {
			context_message(t, false, "%s works in the text pane (2 focuses it).", action_name(a));
			return R_DRAW_STATUS;
		}
		break;
	default:
		break;
	}
	struct rect c = pane_content(t->layout.pane[t->focus]);
	struct pane_ctx pc = context_pane(t);
	unsigned r = pane_asked(t, &pc, p->ops->handle(p, &pc, a, c));
	if (a == ACT_BOTTOM && t->focus == PANE_LIST) r |= load_to_end(t); /* more may be loading */
	return r;
}

static unsigned handle_mouse(struct tui *t, const struct key *k)
{
	struct pane_ctx pc = context_pane(t);
	if (k->button == MOUSE_DRAG || k->button == MOUSE_RELEASE) {
		/* a drag belongs to the text pane it began in, wherever it goes */
		struct pane *tp = &t->panes[PANE_TEXT];
		if (!pane_text_dragging(tp)) return R_NONE;
		struct rect c = pane_content(t->layout.pane[PANE_TEXT]);
		return pane_text_mouse(tp, &pc, k->button, k->y - c.row, k->x - c.col, c);
	}
	int pi = layout_pane_at(&t->layout, k->y, k->x);
	if (pi < 0) return R_NONE;
	struct pane *p = &t->panes[pi];
	struct rect c = pane_content(t->layout.pane[pi]);
	unsigned r = R_NONE;
	if (k->button == MOUSE_CLICK) {
		if (t->focus != pi) r |= R_DRAW_ALL;
		t->focus = pi;
		if (k->y < c.row) return r;
		if (pi == PANE_TEXT)
			return r | pane_text_mouse(p, &pc, k->button, k->y - c.row, k->x - c.col, c);
		if (p->ops->click) r |= pane_asked(t, &pc, p->ops->click(p, &pc, k->y - c.row, c));
		return r;
	}
	enum action a = k->button == MOUSE_WHEEL_UP ? ACT_MOVE_UP : ACT_MOVE_DOWN;
	for (int i = 0; i < 3; i++) r |= p->ops->handle(p, &pc, a, c);
	return r;
}

/* The open prompt takes every key; its owner hears about the result. */
static unsigned prompt_key(struct tui *t, const struct key *k)
{
	/* the filter prompt's own keys: never a plain character, which is text */
	bool plain = k->code < K_SPECIAL && k->code >= 0x20 && !(k->mods & (MOD_CTRL | MOD_ALT));
	enum action fa = t->prompt.kind == PROMPT_FILTER && !plain ? keymap_lookup(&t->km, KP_FILTER, k)
								   : ACT_NONE;
	if (fa == ACT_SAVE_SEARCH) return overlay_searches_save_open(t);
	if (fa == ACT_COMPLETE) return filter_complete(t);
	if (t->prompt.kind == PROMPT_NOTE && !plain &&
	    keymap_lookup(&t->km, KP_NOTE, k) == ACT_NOTE_EDITOR)
		return marknote_edit_prompt(t) | R_DRAW_ALL;
	if (t->prompt.kind == PROMPT_PIPE && !plain &&
	    keymap_lookup(&t->km, KP_PIPE, k) == ACT_PIPE_OUTPUT)
		return clip_pipe_toggle(t);
	enum prompt_result pr = prompt_handle_key(&t->prompt, k);
	unsigned r = R_DRAW_STATUS;
	if (t->prompt_done) r |= t->prompt_done(t, pr);
	if (!prompt_active(&t->prompt) && (pr == PROMPT_ACCEPT || pr == PROMPT_CANCEL))
		r |= R_DRAW_ALL;
	return r;
}

/* Behind a first list the reading state is still being read
 * (statewait.c): keys that change nothing kept in it (moving, scrolling,
 * opening: a read flag set meanwhile is carried over) go ahead; any other
 * key, and every key after one held, waits in order (tui_answer_held). */
static bool goes_ahead(enum action a)
{
	switch (a) {
	case ACT_REDRAW: case ACT_FOCUS_NEXT: case ACT_FOCUS_PREV: case ACT_FOCUS_LIST:
	case ACT_FOCUS_TEXT: case ACT_FOCUS_RELATED: case ACT_MOVE_DOWN: case ACT_MOVE_UP:
	case ACT_PAGE_DOWN: case ACT_PAGE_UP: case ACT_TOP: case ACT_BOTTOM: case ACT_OPEN:
	case ACT_BACK: case ACT_FORWARD: case ACT_SCROLL_RIGHT: case ACT_SCROLL_LEFT:
		return true;
	default:
		return false;
	}
}


static bool hold_key(struct tui *t, const struct key *k)
{
	if (!statewait_running(t)) return false;
	bool hold = t->nheld > 0 || k->code == K_MOUSE || prompt_active(&t->prompt) || overlay_busy(t);
	if (!hold) hold = !goes_ahead(keymap_lookup(&t->km, t->panes[t->focus].ops->keys, k));
	if (!hold) return false;
	if (t->nheld == t->held_cap) {
		t->held_cap = t->held_cap ? 2 * t->held_cap : 16;
		t->held = xrealloc(t->held, t->held_cap * sizeof *t->held);
	}
	t->held[t->nheld++] = *k;
	return true;
}

unsigned tui_answer_held(struct tui *t)
{
	if (!t->nheld || statewait_running(t)) return R_NONE;
	struct key *keys = t->held;
	size_t n = t->nheld;
	t->held = NULL;
	t->nheld = t->held_cap = 0;
	unsigned r = R_NONE;
	for (size_t i = 0; i < n && !(r & R_QUIT); i++) r |= tui_handle_key(t, &keys[i]);
	free(keys);
	return r;
}

unsigned tui_handle_key(struct tui *t, const struct key *k)
{
	if (k->code == K_RESIZE) return R_RELAYOUT;
	if (!t->loaded) return k->code == 'q' ? R_QUIT : R_NONE;
	if (hold_key(t, k)) return R_DRAW_STATUS; /* answered once the state is in; the status says so */
	if (t->layout.too_small) {
		if (k->code == K_MOUSE) return R_NONE;
		if (prompt_active(&t->prompt)) return prompt_key(t, k);
		enum action a = keymap_lookup(&t->km, KP_GLOBAL, k);
		return a == ACT_QUIT ? tui_state_quit(t) : R_NONE;
	}
	if (prompt_active(&t->prompt)) return k->code == K_MOUSE ? R_NONE : prompt_key(t, k);
	if (overlay_busy(t)) return overlay_key(t, k); /* the top overlay takes every key */
	if (k->code == K_MOUSE) return handle_mouse(t, k);
	const struct pane *p = &t->panes[t->focus];
	enum action a = keymap_lookup(&t->km, p->ops->keys, k);
	if (a == ACT_NONE) {
		if (k->code == K_ESC) {
			if (t->focus != PANE_TEXT) return R_NONE;
			struct pane_ctx pc = context_pane(t);
			return pane_text_escape(&t->panes[PANE_TEXT], &pc);
		}
		struct strbuf sb = STRBUF_INIT;
		keymap_format(k, &sb);
		context_message(t, false, "%s is not bound (? lists the keys).", strbuf_str(&sb));
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
	if (overlay_busy(t)) r |= R_DRAW_ALL;
	struct pane_ctx pc = context_pane(t);
	for (int i = 0; i < PANE_COUNT; i++)
		if (r & (1u << i) && t->layout.pane[i].rows > 0)
			pane_draw(&t->panes[i], &pc, g, t->layout.pane[i], i == t->focus);
	const char *bar = context_glyph(t, "\xe2\x94\x82", "|"); /* │ */
	for (int row = 0; row < t->layout.status.row; row++) {
		if (t->layout.vsep1 >= 0) grid_glyph(g, row, t->layout.vsep1, bar, STYLE_DIM);
		if (t->layout.vsep2 >= 0) grid_glyph(g, row, t->layout.vsep2, bar, STYLE_DIM);
	}
	statusbar_draw(t, g);
	overlay_draw_all(t, g); /* bottom to top, over the panes */
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

/* ---- what panes may ask (struct pane_services) ---- */

static void svc_message(void *host, bool error, const char *text)
{
	context_message(host, error, "%s", text);
}

static enum pane_mark_result mark_result(struct tui *t, bool changed)
{
	return !changed ? PANE_MARK_NONE : t->save_error ? PANE_MARK_UNSAVED : PANE_MARK_DONE;
}

static enum pane_mark_result svc_mark_add(void *host, const struct mark *m)
{
	return mark_result(host, tui_state_add_mark(host, m));
}

static enum pane_mark_result svc_mark_delete(void *host, const struct mark *m)
{
	return mark_result(host, tui_state_delete_mark(host, m));
}

static bool svc_position(void *host, size_t art, size_t *cp)
{
	return tui_state_position(host, art, cp);
}

static int svc_draw_text(void *host, struct grid *g, int row, int col, int maxcol,
			 const char *body, size_t blen, size_t start, size_t end, uint16_t style,
			 int origin)
{
	return textsearch_draw_line(host, g, row, col, maxcol, body, blen, start, end, style,
				    origin);
}

static const char *svc_filter_text(void *host) { return filter_text(host); }
static bool svc_loading(void *host) { return load_running(host); }

static const struct pane_services pane_services = {
	.message = svc_message,
	.mark_add = svc_mark_add,
	.mark_delete = svc_mark_delete,
	.position = svc_position,
	.draw_text = svc_draw_text,
	.filter_text = svc_filter_text,
	.loading = svc_loading,
};

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
	t->start_corpus = o->corpus;
	if (o->settings) t->coll_name = overlay_collections_name_of(&o->settings->collections, o->corpus);
	t->start_state_path = o->state_path;
	t->cur = -1;
	t->utf8_flags = utf8_flags;
	t->rs = o->rs ? *o->rs : context_readstate_memory(t);
	grid_init(&t->grid, utf8_flags);
	const struct settings *s = o->settings;
	t->lp = (struct layout_params){
		layout_mode_parse(s ? s->layout : NULL),
		s && s->list_width > 0 ? s->list_width : 30,
		s && s->related_width > 0 ? s->related_width : 25,
		s && s->stack_below > 0 ? s->stack_below : 100,
	};
	const char *nc = getenv("NO_COLOR");
	size_t had = diags->n;
	theme_init(&t->theme, s, nc && *nc, diags);
	keymap_load(t, diags);
	for (size_t i = had; i < diags->n; i++) { /* kept for the messages overlay */
		char *m = diag_format(&diags->items[i]);
		context_problem_add(t, m);
		free(m);
	}
	prompt_init(&t->prompt);
	t->marks = (struct markcount){state_mark_count, t}; /* list, tag browser, is:marked */
	t->pane_svc = &pane_services;
	t->panes[PANE_LIST].ops = &pane_list_ops;
	t->panes[PANE_TEXT].ops = &pane_text_ops;
	t->panes[PANE_RELATED].ops = &pane_related_ops;
}

void tui_free(struct tui *t)
{
	for (int i = 0; i < PANE_COUNT; i++)
		if (t->panes[i].ops && t->panes[i].ops->free) t->panes[i].ops->free(&t->panes[i]);
	overlay_close_all(t);
	statewait_stop(t); /* a state still being read: in, then freed with the rest */
	free(t->held);
	t->held = NULL;
	t->nheld = t->held_cap = 0;
	store_free(t->store); /* unsaved: tui_state_close saves first */
	t->store = NULL;
	tui_load_stop(t); /* also the index build */
	if (t->loaded) dossier_close(&t->d);
	keymap_free(&t->km);
	grid_free(&t->grid);
	history_free(&t->hist);
	simjob_drop(t);
	filter_free(t);
	searchset_free(t);
	listsearch_free(t);
	textsearch_free(t);
	prompt_free(&t->prompt);
	mark_free(&t->note_target);
	free(t->order);
	free(t->sorted);
	free(t->rank);
	free(t->read);
	strbuf_free(&t->msg);
	context_msglog_free(&t->log);
}
