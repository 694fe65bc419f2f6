/* SPDX-License-Identifier: MIT
 * Marks and re-anchoring. Everything works on arrays of code points (the
 * body decoded with one U+FFFD per invalid byte), because mark offsets are
 * code points and the stored text was made from the same decoding.
 *
 * Re-anchoring tries, in order: the exact text at the stored offset; every
 * exact occurrence, scored by how much of the stored prefix/suffix context
 * matches around it; then an approximate search (Sellers' semi-global edit
 * distance) for passages that were slightly edited, bounded to a fixed
 * number of DP cells so a huge body cannot stall the reader. */
#include "core/state/marks.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/strbuf.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

#define FUZZY_MIN_LEN 8
#define FUZZY_CELL_BUDGET 20000000u

struct cps {
	int32_t *v; /* owned */
	size_t n;
};

static struct cps cps_decode(const char *s, size_t len)
{
	struct cps c = {xmalloc((len + 1) * sizeof(int32_t)), 0};
	size_t i = 0;
	while (i < len) {
		i += utf8_decode(s + i, len - i, &c.v[c.n]);
		c.n++;
	}
	return c;
}

static char *cps_encode(const int32_t *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4];
	for (size_t i = 0; i < n; i++) strbuf_add(&sb, buf, utf8_encode(v[i], buf));
	strbuf_addc(&sb, '\0');
	sb.len--;
	return strbuf_steal(&sb);
}

static struct cps cps_of(const char *s) { return cps_decode(s ? s : "", s ? strlen(s) : 0); }

size_t mark_body_length(const char *body, size_t len) { return utf8_codepoints(body, len); }

char *mark_slice(const char *body, size_t len, size_t start, size_t end)
{
	struct cps b = cps_decode(body, len);
	if (end > b.n) end = b.n;
	if (start > end) start = end;
	char *s = cps_encode(b.v + start, end - start);
	free(b.v);
	return s;
}

int mark_init(struct mark *m, const char *article, const char *body, size_t len, size_t start,
	      size_t end)
{
	struct cps b = cps_decode(body, len);
	if (start >= end || end > b.n) {
		free(b.v);
		return -1;
	}
	size_t pstart = start > MARK_CONTEXT ? start - MARK_CONTEXT : 0;
	size_t send = end + MARK_CONTEXT < b.n ? end + MARK_CONTEXT : b.n;
	*m = (struct mark){
		.article = xstrdup(article),
		.text = cps_encode(b.v + start, end - start),
		.prefix = cps_encode(b.v + pstart, start - pstart),
		.suffix = cps_encode(b.v + end, send - end),
		.start = start,
		.end = end,
		.created = (int64_t)time(NULL),
	};
	free(b.v);
	return 0;
}

const char *mark_status_name(enum mark_status s)
{
	switch (s) {
	case MARK_OK: return "ok";
	case MARK_MOVED: return "moved";
	case MARK_CHANGED: return "changed";
	case MARK_ORPHANED: break;
	}
	return "orphaned";
}

static void tags_free(struct mark *m)
{
	for (size_t i = 0; i < m->ntags; i++) free(m->tags[i]);
	free(m->tags);
	m->tags = NULL;
	m->ntags = 0;
}

void mark_copy_notes(struct mark *dst, const struct mark *src)
{
	if (dst == src) return;
	mark_set_note(dst, src->note);
	tags_free(dst);
	if (src->ntags) dst->tags = xmalloc(src->ntags * sizeof *dst->tags);
	for (size_t i = 0; i < src->ntags; i++) dst->tags[i] = xstrdup(src->tags[i]);
	dst->ntags = src->ntags;
}

void mark_copy(struct mark *dst, const struct mark *src)
{
	*dst = *src;
	dst->article = xstrdup(src->article);
	dst->text = xstrdup(src->text);
	dst->prefix = xstrdup(src->prefix);
	dst->suffix = xstrdup(src->suffix);
	dst->note = NULL;
	dst->tags = NULL;
	dst->ntags = 0;
	mark_copy_notes(dst, src);
}

void mark_free(struct mark *m)
{
	if (!m) return;
	free(m->article);
	free(m->text);
	free(m->prefix);
	free(m->suffix);
	free(m->note);
	tags_free(m);
	m->article = m->text = m->prefix = m->suffix = m->note = NULL;
}

void mark_set_note(struct mark *m, const char *note)
{
	char *copy = note && *note ? xstrdup(note) : NULL;
	free(m->note);
	m->note = copy;
}

/* Where tag t is or would go in the sorted list. */
static size_t tag_pos(const struct mark *m, const char *t, bool *found)
{
	size_t lo = 0, hi = m->ntags;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->tags[mid], t) < 0) lo = mid + 1;
		else hi = mid;
	}
	*found = lo < m->ntags && strcmp(m->tags[lo], t) == 0;
	return lo;
}

static char *norm_tag(const char *tag)
{
	if (!tag) return NULL;
	while (*tag == '#') tag++;
	return tag_normalize(tag, strlen(tag));
}

bool mark_add_tag(struct mark *m, const char *tag)
{
	char *t = norm_tag(tag);
	bool found = false;
	size_t at = t ? tag_pos(m, t, &found) : 0;
	if (!t || found) {
		free(t);
		return false;
	}
	m->tags = xrealloc(m->tags, (m->ntags + 1) * sizeof *m->tags);
	memmove(m->tags + at + 1, m->tags + at, (m->ntags - at) * sizeof *m->tags);
	m->tags[at] = t;
	m->ntags++;
	return true;
}

bool mark_remove_tag(struct mark *m, const char *tag)
{
	char *t = norm_tag(tag);
	bool found = false;
	size_t at = t ? tag_pos(m, t, &found) : 0;
	free(t);
	if (!found) return false;
	free(m->tags[at]);
	memmove(m->tags + at, m->tags + at + 1, (m->ntags - at - 1) * sizeof *m->tags);
	m->ntags--;
	return true;
}

bool mark_has_tag(const struct mark *m, const char *tag)
{
	size_t n = strlen(tag);
	for (size_t i = 0; i < m->ntags; i++)
		if (strncmp(m->tags[i], tag, n) == 0 && (m->tags[i][n] == '\0' || m->tags[i][n] == '/'))
			return true;
	return false;
}

bool mark_same_notes(const struct mark *a, const struct mark *b)
{
	if (strcmp(a->note ? a->note : "", b->note ? b->note : "") != 0 || a->ntags != b->ntags)
		return false;
	for (size_t i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], b->tags[i]) != 0) return false;
	return true;
}

bool mark_same(const struct mark *a, const struct mark *b)
{
	return a->start == b->start && a->end == b->end && strcmp(a->article, b->article) == 0 &&
	       strcmp(a->text, b->text) == 0;
}

int mark_cmp(const struct mark *a, const struct mark *b)
{
	int c = strcmp(a->article, b->article);
	if (c) return c;
	if (a->start != b->start) return a->start < b->start ? -1 : 1;
	if (a->end != b->end) return a->end < b->end ? -1 : 1;
	return strcmp(a->text, b->text);
}

static bool cps_eq_at(const struct cps *b, size_t at, const struct cps *t)
{
	return at + t->n <= b->n && memcmp(b->v + at, t->v, t->n * sizeof(int32_t)) == 0;
}

/* How much of the stored context agrees with the text around [at, at+tn). */
static size_t context_score(const struct cps *b, size_t at, size_t tn, const struct cps *pre,
			    const struct cps *suf)
{
	size_t s = 0;
	while (s < pre->n && s < at && b->v[at - 1 - s] == pre->v[pre->n - 1 - s]) s++;
	size_t k = 0, e = at + tn;
	while (k < suf->n && e + k < b->n && b->v[e + k] == suf->v[k]) k++;
	return s + k;
}

static size_t dist(size_t a, size_t b) { return a > b ? a - b : b - a; }

/* Distance to the nearer of the stored offset and the guess (SIZE_MAX: none). */
static size_t dist2(size_t a, size_t old, size_t guess)
{
	size_t d = dist(a, old);
	return guess != SIZE_MAX && dist(a, guess) < d ? dist(a, guess) : d;
}

static bool find_exact(const struct cps *b, const struct cps *t, const struct cps *pre,
		       const struct cps *suf, size_t old, size_t guess, size_t *at)
{
	bool found = false;
	size_t best_score = 0;
	for (size_t i = 0; i + t->n <= b->n; i++) {
		if (b->v[i] != t->v[0] || !cps_eq_at(b, i, t)) continue;
		size_t sc = context_score(b, i, t->n, pre, suf);
		if (!found || sc > best_score ||
		    (sc == best_score && dist2(i, old, guess) < dist2(*at, old, guess))) {
			found = true;
			best_score = sc;
			*at = i;
		}
	}
	return found;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Sellers: the end e in (lo, hi] where some window b[s..e) is closest to t
 * in edit distance. Returns that distance; ties go to the end nearest
 * old_end. */
static size_t fuzzy_best_end(const struct cps *b, size_t lo, size_t hi, const struct cps *t,
			     size_t old_end, size_t *best_e)
{
	size_t m = t->n, best = (size_t)-1;
	size_t *col = xmalloc((m + 1) * sizeof *col);
	for (size_t j = 0; j <= m; j++) col[j] = j;
	for (size_t i = lo; i < hi; i++) {
		size_t diag = col[0]; /* free start: row 0 stays 0 */
		col[0] = 0;
		for (size_t j = 1; j <= m; j++) {
			size_t up = col[j];
			col[j] = min3(up + 1, col[j - 1] + 1, diag + (b->v[i] != t->v[j - 1]));
			diag = up;
		}
		if (col[m] < best || (col[m] == best && dist(i + 1, old_end) < dist(*best_e, old_end))) {
			best = col[m];
			*best_e = i + 1;
		}
	}
	free(col);
	return best;
}

/* Plain edit distance between a and b (two rows). */
static size_t edit_distance(const int32_t *a, size_t an, const int32_t *b, size_t bn)
{
	size_t *row = xmalloc((bn + 1) * sizeof *row);
	for (size_t j = 0; j <= bn; j++) row[j] = j;
	for (size_t i = 1; i <= an; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= bn; j++) {
			size_t up = row[j];
			row[j] = min3(up + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1]));
			diag = up;
		}
	}
	size_t d = row[bn];
	free(row);
	return d;
}

enum { TB_DIAG, TB_UP, TB_LEFT }; /* UP: pattern char skipped; LEFT: text char extra */

/* Align p (context + passage + context) to a window of b ending at e, with
 * a free start, and map pattern offsets ks and ke (the passage bounds) to
 * text offsets through the alignment. One byte of traceback per cell. */
static void align_bounds(const struct cps *b, size_t ws, size_t e, const struct cps *p,
			 size_t ks, size_t ke, size_t *s_out, size_t *e_out)
{
	size_t w = e - ws, m = p->n;
	unsigned char *tb = xmalloc((w + 1) * (m + 1));
	size_t *prev = xmalloc((m + 1) * sizeof *prev), *cur = xmalloc((m + 1) * sizeof *cur);
	for (size_t j = 0; j <= m; j++) {
		prev[j] = j;
		tb[j] = TB_UP;
	}
	for (size_t i = 1; i <= w; i++) {
		int32_t c = b->v[ws + i - 1];
		cur[0] = 0;
		tb[i * (m + 1)] = TB_LEFT;
		for (size_t j = 1; j <= m; j++) {
			size_t d = prev[j - 1] + (c != p->v[j - 1]), u = cur[j - 1] + 1, l = prev[j] + 1;
			unsigned char dir = TB_DIAG;
			if (u < d) { d = u; dir = TB_UP; }
			if (l < d) { d = l; dir = TB_LEFT; }
			cur[j] = d;
			tb[i * (m + 1) + j] = dir;
		}
		size_t *t = prev; prev = cur; cur = t;
	}
	/* Walk back; the start is the last text offset seen on row ks, the end
	 * the first seen on row ke, so text inserted at a boundary stays out. */
	size_t i = w, j = m;
	*s_out = ws;
	*e_out = e;
	while (j > 0) {
		if (j == ke) *e_out = ws + i;
		if (j == ks) { *s_out = ws + i; break; }
		unsigned char dir = i == 0 ? TB_UP : tb[i * (m + 1) + j];
		if (dir == TB_DIAG) { i--; j--; }
		else if (dir == TB_UP) j--;
		else i--;
	}
	if (j == 0 && ks == 0) *s_out = ws + i;
	free(tb);
	free(prev);
	free(cur);
}

#define FUZZY_MAX_PATTERN 3000

/* Approximate search with the context made part of the pattern, so the
 * passage bounds follow the surrounding text rather than drifting to the
 * cheapest alignment. Accepted when the whole is within a quarter of its
 * length and the passage itself within a third of its own. */
static bool find_fuzzy(const struct cps *b, const struct cps *t, const struct cps *pre,
		       const struct cps *suf, size_t old_start, size_t old_end, size_t *start,
		       size_t *end)
{
	if (t->n < FUZZY_MIN_LEN || b->n == 0) return false;
	struct cps p = {xmalloc((pre->n + t->n + suf->n + 1) * sizeof(int32_t)), 0};
	memcpy(p.v, pre->v, pre->n * sizeof(int32_t));
	memcpy(p.v + pre->n, t->v, t->n * sizeof(int32_t));
	memcpy(p.v + pre->n + t->n, suf->v, suf->n * sizeof(int32_t));
	p.n = pre->n + t->n + suf->n;
	bool ok = false;
	size_t maxd = p.n / 4;
	size_t width = FUZZY_CELL_BUDGET / p.n;
	if (p.n > FUZZY_MAX_PATTERN || width < p.n + maxd) goto out;
	size_t lo = 0, hi = b->n;
	if (b->n > width) {
		size_t centre = old_start < b->n ? old_start : b->n;
		lo = centre > width / 2 ? centre - width / 2 : 0;
		hi = lo + width < b->n ? lo + width : b->n;
		if (hi - lo < width) lo = hi - width;
	}
	size_t e = 0;
	size_t d = fuzzy_best_end(b, lo, hi, &p, old_end + suf->n, &e);
	if (d > maxd || e == 0) goto out;
	size_t ws = e > lo + p.n + maxd ? e - (p.n + maxd) : lo;
	size_t s, te;
	align_bounds(b, ws, e, &p, pre->n, pre->n + t->n, &s, &te);
	if (s >= te) goto out;
	if (edit_distance(t->v, t->n, b->v + s, te - s) > t->n / 3) goto out;
	*start = s;
	*end = te;
	ok = true;
out:
	free(p.v);
	return ok;
}

/* The words at [gs, ge) are the marked words with markup taken out: what
 * is left is at least half the passage and within a quarter of its length
 * of edits beyond the deletions (a soft line break became a space, a link
 * number was added). Bounded: long passages are judged by length only. */
static bool same_words_unmarked(const struct cps *b, size_t gs, size_t ge, const struct cps *t)
{
	size_t n = ge - gs;
	if (gs >= ge || ge > b->n || 2 * n < t->n || n > t->n + t->n / 4) return false;
	if (t->n > FUZZY_MAX_PATTERN) return true;
	size_t d = edit_distance(b->v + gs, n, t->v, t->n);
	size_t deleted = t->n > n ? t->n - n : 0;
	return d <= deleted + (n + 3) / 4;
}

struct mark_anchor mark_anchor_guess(const struct mark *m, const char *body, size_t len, size_t gs,
				     size_t ge)
{
	struct mark_anchor a = {MARK_ORPHANED, m->start, m->end};
	struct cps t = cps_of(m->text);
	if (t.n == 0) {
		free(t.v);
		return a;
	}
	struct cps b = cps_decode(body, len);
	if (m->end - m->start == t.n && cps_eq_at(&b, m->start, &t)) {
		a.status = MARK_OK;
		goto out;
	}
	/* the passage is where it was in the file: only the counting changed */
	if (gs != SIZE_MAX && ((ge - gs == t.n && cps_eq_at(&b, gs, &t)) ||
			       same_words_unmarked(&b, gs, ge, &t))) {
		a = (struct mark_anchor){MARK_OK, gs, ge};
		goto out;
	}
	struct cps pre = cps_of(m->prefix), suf = cps_of(m->suffix);
	size_t at = 0, s, e;
	if (find_exact(&b, &t, &pre, &suf, m->start, gs, &at)) {
		a = (struct mark_anchor){MARK_MOVED, at, at + t.n};
	} else if (find_fuzzy(&b, &t, &pre, &suf, m->start, m->end, &s, &e)) {
		/* no exact occurrence anywhere, so the words there differ */
		a = (struct mark_anchor){MARK_CHANGED, s, e};
	}
	free(pre.v);
	free(suf.v);
out:
	free(b.v);
	free(t.v);
	return a;
}

struct mark_anchor mark_anchor(const struct mark *m, const char *body, size_t len)
{
	return mark_anchor_guess(m, body, len, SIZE_MAX, SIZE_MAX);
}
