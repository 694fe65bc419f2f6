/* SPDX-License-Identifier: MIT
 * The one-line editor (see prompt.h). The cursor only ever rests on
 * grapheme-cluster boundaries (utf8_cluster_end), so é, CJK and emoji
 * sequences are edited as one character, and the line is drawn cluster by
 * cluster through grid_put (the display policy: controls as placeholders). */
#include "tui/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/theme.h"

void prompt_init(struct prompt *p)
{
	memset(p, 0, sizeof *p);
	p->err_off = -1;
}

void prompt_free(struct prompt *p)
{
	free(p->label);
	free(p->note);
	strbuf_free(&p->text);
	for (int k = 0; k < PROMPT_KIND_COUNT; k++) {
		for (size_t i = 0; i < p->hist[k].n; i++) free(p->hist[k].v[i]);
		free(p->hist[k].v);
		free(p->hist[k].draft);
	}
	memset(p, 0, sizeof *p);
	p->err_off = -1;
}

static void set_text(struct prompt *p, const char *s)
{
	strbuf_reset(&p->text);
	strbuf_adds(&p->text, s ? s : "");
	p->cur = p->text.len;
	p->scroll = 0;
}

void prompt_open(struct prompt *p, enum prompt_kind kind, const char *label,
		 const char *initial)
{
	p->active = true;
	p->kind = kind;
	free(p->label);
	p->label = xstrdup(label ? label : "");
	set_text(p, initial);
	prompt_set_note(p, NULL, false, -1);
	p->note_held = false;
	p->hist[kind].pos = p->hist[kind].n;
	free(p->hist[kind].draft);
	p->hist[kind].draft = NULL;
}

void prompt_close(struct prompt *p)
{
	p->active = false;
	prompt_set_note(p, NULL, false, -1);
}

bool prompt_active(const struct prompt *p)
{
	return p->active;
}

const char *prompt_text(const struct prompt *p)
{
	return strbuf_str(&p->text);
}

void prompt_set_note(struct prompt *p, const char *note, bool error, long err_off)
{
	free(p->note);
	p->note = note && *note ? xstrdup(note) : NULL;
	p->note_error = error;
	p->err_off = err_off;
}

void prompt_history_add(struct prompt *p, enum prompt_kind kind, const char *text)
{
	if (!text || !*text || (unsigned)kind >= PROMPT_KIND_COUNT) return;
	struct prompt_history *h = &p->hist[kind];
	if (h->n && strcmp(h->v[h->n - 1], text) == 0) return;
	if (h->n == PROMPT_HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
		h->n--;
	}
	ARRAY_RESERVE(h->v, h->cap, h->n + 1);
	h->v[h->n++] = xstrdup(text);
	h->pos = h->n;
}

/* ---- cursor arithmetic over clusters ---- */

static size_t next_boundary(const struct prompt *p, size_t pos)
{
	return pos < p->text.len ? utf8_cluster_end(p->text.buf, p->text.len, pos) : pos;
}

/* The cluster boundary before pos (0 at the start): clusters are only
 * defined going forward, so walk from the start (a prompt line is short). */
static size_t prev_boundary(const struct prompt *p, size_t pos)
{
	size_t prev = 0, at = 0;
	while (at < pos && at < p->text.len) {
		prev = at;
		at = utf8_cluster_end(p->text.buf, p->text.len, at);
	}
	return prev;
}

static bool space_at(const struct prompt *p, size_t pos)
{
	char c = p->text.buf[pos];
	return c == ' ' || c == '\t';
}

static void delete_range(struct prompt *p, size_t a, size_t b)
{
	if (b <= a) return;
	memmove(p->text.buf + a, p->text.buf + b, p->text.len - b + 1);
	p->text.len -= b - a;
	if (p->cur > b) p->cur -= b - a;
	else if (p->cur > a) p->cur = a;
}

static void insert(struct prompt *p, const char *s, size_t n)
{
	size_t tail = p->text.len - p->cur;
	strbuf_add(&p->text, s, n); /* grow, then move the tail behind */
	memmove(p->text.buf + p->cur + n, p->text.buf + p->cur, tail);
	memcpy(p->text.buf + p->cur, s, n);
	p->text.buf[p->text.len] = '\0';
	/* a combining mark joins the cluster before it: keep the cursor on
	 * a boundary by moving past the cluster that now holds the insert */
	size_t want = p->cur + n, b = p->cur ? prev_boundary(p, p->cur) : 0;
	while (b < want) b = next_boundary(p, b);
	p->cur = b;
}

void prompt_replace(struct prompt *p, size_t from, size_t to, const char *s)
{
	if (from > to || to > p->text.len) return;
	delete_range(p, from, to);
	p->cur = from;
	insert(p, s, strlen(s));
}

/* Up/Down: step through the kind's history, keeping the edited line as a
 * draft to come back to past the newest entry. */
static enum prompt_result history_step(struct prompt *p, int dir)
{
	struct prompt_history *h = &p->hist[p->kind];
	if (dir < 0 && h->pos == 0) return PROMPT_CONTINUE;
	if (dir > 0 && h->pos >= h->n) return PROMPT_CONTINUE;
	if (h->pos == h->n) {
		free(h->draft);
		h->draft = xstrdup(prompt_text(p));
	}
	h->pos = dir < 0 ? h->pos - 1 : h->pos + 1;
	set_text(p, h->pos < h->n ? h->v[h->pos] : h->draft);
	return PROMPT_CHANGED;
}

enum prompt_result prompt_handle_key(struct prompt *p, const struct key *k)
{
	if (!p->active) return PROMPT_CANCEL;
	p->note_held = false;
	size_t len = p->text.len, cur = p->cur;
	bool ctrl = (k->mods & MOD_CTRL) != 0;
	if (k->code == K_ENTER) {
		prompt_history_add(p, p->kind, prompt_text(p));
		prompt_close(p);
		return PROMPT_ACCEPT;
	}
	if (k->code == K_ESC || (ctrl && (k->code == 'c' || k->code == 'g'))) {
		prompt_close(p);
		return PROMPT_CANCEL;
	}
	if (k->code == K_LEFT || (ctrl && k->code == 'b')) p->cur = prev_boundary(p, cur);
	else if (k->code == K_RIGHT || (ctrl && k->code == 'f')) p->cur = next_boundary(p, cur);
	else if (k->code == K_HOME || (ctrl && k->code == 'a')) p->cur = 0;
	else if (k->code == K_END || (ctrl && k->code == 'e')) p->cur = len;
	else if (k->code == K_UP || (ctrl && k->code == 'p')) return history_step(p, -1);
	else if (k->code == K_DOWN || (ctrl && k->code == 'n')) return history_step(p, +1);
	else if (k->code == K_BACKSPACE || (ctrl && k->code == 'h'))
		delete_range(p, prev_boundary(p, cur), cur);
	else if (k->code == K_DELETE || (ctrl && k->code == 'd'))
		delete_range(p, cur, next_boundary(p, cur));
	else if (ctrl && k->code == 'u') delete_range(p, 0, cur);
	else if (ctrl && k->code == 'k') delete_range(p, cur, len);
	else if (ctrl && k->code == 'w') {
		size_t a = cur; /* blanks before the cursor, then the word */
		while (a > 0 && space_at(p, prev_boundary(p, a))) a = prev_boundary(p, a);
		while (a > 0 && !space_at(p, prev_boundary(p, a))) a = prev_boundary(p, a);
		delete_range(p, a, cur);
	} else if (k->code >= 0x20 && k->code < K_SPECIAL && k->code != 0x7f &&
		   !(k->mods & (MOD_CTRL | MOD_ALT))) {
		char b[4];
		insert(p, b, utf8_encode(k->code, b));
	} else {
		return PROMPT_CONTINUE; /* Tab, function keys, mouse: ignored */
	}
	return p->text.len != len ? PROMPT_CHANGED : PROMPT_CONTINUE;
}

/* ---- drawing ---- */

/* Columns grid_put gives one cluster drawn alone (a zero-width format
 * character still takes the one cell grid_put draws for it). */
static int cluster_cols(const char *s, size_t n, unsigned flags)
{
	int w = utf8_display_width(s, n, flags);
	return w > 0 ? w : 1;
}

static int cols_between(const struct prompt *p, size_t a, size_t end, unsigned flags)
{
	int w = 0;
	while (a < end) {
		size_t b = next_boundary(p, a);
		w += cluster_cols(p->text.buf + a, b - a, flags);
		a = b;
	}
	return w;
}

/* Move scroll so that the cursor (and one cell for it at the end) fits in
 * width columns. */
static void fit_scroll(struct prompt *p, int width, unsigned flags)
{
	if (p->scroll > p->cur) p->scroll = p->cur;
	int cw = p->cur < p->text.len
			 ? cluster_cols(p->text.buf + p->cur, next_boundary(p, p->cur) - p->cur, flags)
			 : 1;
	while (p->scroll < p->cur && cols_between(p, p->scroll, p->cur, flags) + cw > width)
		p->scroll = next_boundary(p, p->scroll);
	/* and show as much as fits to the left of the cursor */
	while (p->scroll > 0) {
		size_t b = prev_boundary(p, p->scroll);
		if (cols_between(p, b, p->cur, flags) + cw > width) break;
		p->scroll = b;
	}
}

void prompt_draw(struct prompt *p, struct grid *g, int row, int col, int cols)
{
	int end = col + cols;
	grid_fill(g, row, col, cols, STYLE_NORMAL);
	if (cols <= 0) return;
	int c = grid_puts(g, row, col, end, p->label ? p->label : "", STYLE_MESSAGE);
	int room = end - c;
	/* the note takes what the text does not need, but the text keeps at
	 * least half of the room (or 10 columns) */
	struct strbuf note = STRBUF_INIT;
	if (p->note && room > 14) {
		int tw = cols_between(p, 0, p->text.len, g->utf8_flags) + 1;
		int keep = tw < room / 2 ? tw : room / 2;
		if (keep < 10) keep = 10;
		int nw = utf8_display_fit(&note, p->note, strlen(p->note), room - keep - 2,
					  g->utf8_flags);
		room -= nw + 2;
	}
	if (room < 1) room = 1;
	fit_scroll(p, room, g->utf8_flags);
	int tend = c + room;
	const char *s = strbuf_str(&p->text);
	size_t a = p->scroll;
	bool cursor_drawn = false;
	while (a < p->text.len && c < tend) {
		size_t b = next_boundary(p, a);
		uint16_t st = STYLE_NORMAL;
		if (p->err_off >= 0 && (size_t)p->err_off >= a && (size_t)p->err_off < b)
			st = STYLE_ERROR;
		if (a == p->cur) {
			st = STYLE_SELECTED;
			cursor_drawn = true;
		}
		c = grid_put(g, row, c, tend, s + a, b - a, st, st == STYLE_NORMAL ? STYLE_CONTROL : st, -1);
		a = b;
	}
	if (!cursor_drawn && c < end) {
		bool err_end = p->err_off >= 0 && (size_t)p->err_off >= p->text.len;
		grid_fill(g, row, c, 1, err_end ? STYLE_ERROR : STYLE_SELECTED);
	}
	if (note.len)
		grid_put(g, row, end - utf8_display_width(note.buf, note.len, g->utf8_flags), end,
			 note.buf, note.len, p->note_error ? STYLE_ERROR : STYLE_DIM, STYLE_CONTROL, -1);
	strbuf_free(&note);
}
