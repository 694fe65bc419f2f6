/* SPDX-License-Identifier: MIT
 * Drawing the model at a width: tables laid out into columns (cells
 * wrapped inside them, or "Header: value" records when even the narrowest
 * columns do not fit), and the plain-text form `dossier show` prints. */
#include "core/text/render_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/text/wrap.h"

#define SEP_W 3      /* " │ " between columns */
#define MIN_COL 3
#define WORD_COL 15  /* a column need not be wider than this to fit a word */

static struct render_piece *piece_new(struct render_row *r)
{
	ARRAY_RESERVE(r->pieces, r->cap, r->n + 1);
	struct render_piece *p = &r->pieces[r->n++];
	memset(p, 0, sizeof *p);
	return p;
}

static void lit(struct render_row *r, const char *s, int width)
{
	if (width <= 0) return;
	struct render_piece *p = piece_new(r);
	p->r_off = SIZE_MAX;
	snprintf(p->lit, sizeof p->lit, "%s", s);
	p->width = width;
}

static void slice(struct render_row *r, size_t off, size_t len, int width, bool header)
{
	if (!len) return;
	struct render_piece *p = piece_new(r);
	p->r_off = off;
	p->len = len;
	p->width = width;
	p->header = header;
}

static struct render_row *row_new(struct render_layout *l)
{
	ARRAY_RESERVE(l->rows, l->cap, l->n + 1);
	struct render_row *r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	return r;
}

/* Widest word of a cell, in columns. */
static int widest_word(const char *s, size_t len)
{
	int best = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ') i++;
		size_t k = i;
		while (k < len && s[k] != ' ') k++;
		int w = utf8_display_width(s + i, k - i, 0);
		if (w > best) best = w;
		i = k;
	}
	return best;
}

/* Column widths that fit width, or false when even the narrowest do not. */
static bool widths_fit(const struct render_doc *d, const struct render_table *t, int width, int *w)
{
	int *nat = xcalloc(t->ncols, sizeof *nat), *min = xcalloc(t->ncols, sizeof *min);
	for (size_t i = 0; i < t->ncells; i++) {
		const struct render_cell *c = &d->cells[t->first_cell + i];
		int cw = utf8_display_width(d->text + c->off, c->len, 0);
		int ww = widest_word(d->text + c->off, c->len);
		if (cw > nat[c->col]) nat[c->col] = cw;
		if (ww > WORD_COL) ww = WORD_COL;
		if (ww > min[c->col]) min[c->col] = ww;
	}
	long sum_nat = (long)SEP_W * (t->ncols - 1), sum_min = sum_nat;
	for (int c = 0; c < t->ncols; c++) {
		if (nat[c] < 1) nat[c] = 1;
		if (min[c] < MIN_COL) min[c] = MIN_COL;
		if (min[c] > nat[c]) min[c] = nat[c];
		sum_nat += nat[c];
		sum_min += min[c];
	}
	bool ok = true;
	if (sum_nat <= width) memcpy(w, nat, t->ncols * sizeof *w);
	else if (sum_min <= width) {
		long extra = width - sum_min, want = sum_nat - sum_min, given = 0;
		for (int c = 0; c < t->ncols; c++) {
			long add = want ? extra * (nat[c] - min[c]) / want : 0;
			w[c] = min[c] + (int)add;
			given += add;
		}
		for (int c = 0; given < extra && c < t->ncols; c++)
			if (w[c] < nat[c]) w[c]++, given++;
	} else ok = false;
	free(nat);
	free(min);
	return ok;
}

/* Cells of table t grouped by row: row r's cells are cells[start[r] ..
 * start[r+1]). */
static size_t *row_starts(const struct render_doc *d, const struct render_table *t)
{
	size_t *start = xcalloc(t->nrows + 1, sizeof *start);
	size_t c = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		const struct render_line *l = &d->lines[t->first_line + r];
		start[r] = c;
		while (c < t->ncells && d->cells[t->first_cell + c].off <= l->off + l->len) c++;
	}
	start[t->nrows] = t->ncells;
	return start;
}

static void layout_fallback(const struct render_doc *d, const struct render_table *t, const size_t *start,
			    int width, struct render_layout *out)
{
	out->fallback = true;
	const struct render_cell *head = NULL;
	size_t nhead = 0;
	if (t->nrows && start[1] > 0 && d->cells[t->first_cell].header) {
		head = &d->cells[t->first_cell];
		nhead = start[1];
	}
	struct wrap w = {0};
	for (size_t r = head ? 1 : 0; r < t->nrows; r++) {
		if (out->n) row_new(out);
		for (size_t k = start[r]; k < start[r + 1]; k++) {
			const struct render_cell *c = &d->cells[t->first_cell + k];
			const struct render_cell *h = head && c->col < nhead ? &head[c->col] : NULL;
			struct render_row *row = row_new(out);
			int used = 0;
			if (h && h->len) {
				int hw = utf8_display_width(d->text + h->off, h->len, 0);
				slice(row, h->off, h->len, hw, true);
				lit(row, ":", 1);
				lit(row, " ", 1);
				used = hw + 2;
			}
			int avail = width - used > 8 ? width - used : width - 2 > 1 ? width - 2 : 1;
			wrap_text(&w, d->text + c->off, c->len, avail, 0);
			for (size_t i = 0; i < w.n; i++) {
				if (i > 0 || used + w.lines[i].width > width) {
					if (i > 0 || used) row = row_new(out);
					lit(row, " ", width - avail);
				}
				slice(row, c->off + w.lines[i].start, w.lines[i].end - w.lines[i].start, w.lines[i].width, false);
			}
		}
	}
	wrap_free(&w);
}

void render_table_layout(const struct render_doc *d, size_t ti, int width, struct render_layout *out)
{
	memset(out, 0, sizeof *out);
	if (ti >= d->ntables || width < 1) return;
	const struct render_table *t = &d->tables[ti];
	if (!t->ncols) return;
	size_t *start = row_starts(d, t);
	int *cw = xcalloc(t->ncols, sizeof *cw);
	if (!widths_fit(d, t, width, cw)) {
		layout_fallback(d, t, start, width, out);
		free(cw);
		free(start);
		return;
	}
	struct wrap *cellw = xcalloc(t->ncols, sizeof *cellw);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct render_cell *cells[512];
		size_t nc = 0, height = 1;
		bool header = false;
		for (int c = 0; c < t->ncols && c < 512; c++) cells[c] = NULL;
		for (size_t k = start[r]; k < start[r + 1]; k++) {
			const struct render_cell *c = &d->cells[t->first_cell + k];
			if (c->col >= 512) continue;
			cells[c->col] = c;
			header |= c->header;
			wrap_text(&cellw[c->col], d->text + c->off, c->len, cw[c->col], 0);
			if (cellw[c->col].n > height) height = cellw[c->col].n;
			nc++;
		}
		for (size_t h = 0; h < height; h++) {
			struct render_row *row = row_new(out);
			for (int c = 0; c < t->ncols && c < 512; c++) {
				if (c) {
					lit(row, " ", 1);
					lit(row, "│", 1);
					lit(row, " ", 1);
				}
				const struct render_cell *cell = cells[c];
				const struct wrap_line *wl = cell && h < cellw[c].n ? &cellw[c].lines[h] : NULL;
				int used = wl ? wl->width : 0, pad = cw[c] - used, left = 0;
				if (pad < 0) pad = 0;
				if (cell && cell->align == 2) left = pad;
				else if (cell && cell->align == 1) left = pad / 2;
				lit(row, " ", left);
				if (wl) slice(row, cell->off + wl->start, wl->end - wl->start, used, cell->header);
				if (c + 1 < t->ncols) lit(row, " ", pad - left);
			}
		}
		if (header && r + 1 < t->nrows && !(d->cells[t->first_cell + start[r + 1]].header)) {
			struct render_row *row = row_new(out);
			for (int c = 0; c < t->ncols; c++) {
				if (c) {
					lit(row, "─", 1);
					lit(row, "┼", 1);
					lit(row, "─", 1);
				}
				lit(row, "─", cw[c]);
			}
		}
		(void)nc;
	}
	for (int c = 0; c < t->ncols; c++) wrap_free(&cellw[c]);
	free(cellw);
	free(cw);
	free(start);
}

void render_layout_free(struct render_layout *l)
{
	for (size_t i = 0; i < l->n; i++) free(l->rows[i].pieces);
	free(l->rows);
	memset(l, 0, sizeof *l);
}

static void put_row(const struct render_doc *d, const struct render_row *r, struct strbuf *out)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct render_piece *p = &r->pieces[i];
		if (p->r_off == SIZE_MAX)
			for (int k = 0; k < p->width; k++) strbuf_adds(out, p->lit);
		else strbuf_add(out, d->text + p->r_off, p->len);
	}
	while (out->len && out->buf[out->len - 1] == ' ') out->len--;
	strbuf_addc(out, '\n');
}

const char *render_line_wrap(const struct render_doc *d, const struct render_line *l, int avail,
			     unsigned flags, struct wrap *w)
{
	static const char spaces[] = "                        "; /* 24: longer than any "[N] " */
	const char *t = d->text + l->off;
	size_t head = 0;
	if (l->kind == RL_LINKS && l->len > 2 && t[0] == '[') {
		const char *sp = memchr(t, ' ', l->len < 23 ? l->len : 23);
		if (sp && sp[-1] == ']') head = (size_t)(sp - t) + 1; /* "[15] ": ASCII, a column a byte */
	}
	if (!head || avail - (int)head < 8) { /* too narrow to hang: wrap as any line */
		wrap_text(w, t, l->len, avail, flags);
		return render_line_cont(d, l);
	}
	wrap_text(w, t + head, l->len - head, avail - (int)head, flags);
	for (size_t k = 0; k < w->n; k++) {
		w->lines[k].start += head;
		w->lines[k].end += head;
	}
	if (w->n) {
		w->lines[0].start = 0;
		w->lines[0].width += (int)head;
	}
	return spaces + (sizeof spaces - 1 - head);
}

void render_plain(const struct render_doc *d, int width, bool wrap, struct strbuf *out)
{
	struct wrap w = {0};
	for (size_t i = 0; i < d->nlines; i++) {
		const struct render_line *l = &d->lines[i];
		const char *pre = render_line_prefix(d, l), *cont = render_line_cont(d, l);
		int pw = utf8_display_width(pre, strlen(pre), 0);
		int avail = width - pw > 10 ? width - pw : 10;
		if (l->kind == RL_TABLE_ROW) {
			if (l->aux >= d->ntables || d->tables[l->aux].first_line != i) continue;
			struct render_layout lay;
			render_table_layout(d, l->aux, avail, &lay);
			for (size_t k = 0; k < lay.n; k++) {
				strbuf_adds(out, k ? cont : pre);
				put_row(d, &lay.rows[k], out);
			}
			render_layout_free(&lay);
			continue;
		}
		if (l->kind == RL_RULE) {
			strbuf_adds(out, pre);
			for (int k = 0; k < avail && k < 40; k++) strbuf_adds(out, "─");
			strbuf_addc(out, '\n');
			continue;
		}
		if (l->kind == RL_CODE || l->len == 0 || !wrap) {
			strbuf_adds(out, pre);
			strbuf_add(out, d->text + l->off, l->len);
			strbuf_addc(out, '\n');
			continue;
		}
		cont = render_line_wrap(d, l, avail, 0, &w);
		for (size_t k = 0; k < w.n; k++) {
			strbuf_adds(out, k ? cont : pre);
			strbuf_add(out, d->text + l->off + w.lines[k].start, w.lines[k].end - w.lines[k].start);
			strbuf_addc(out, '\n');
		}
		if (!w.n) strbuf_addc(out, '\n');
	}
	wrap_free(&w);
}
