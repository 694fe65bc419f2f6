/* SPDX-License-Identifier: MIT
 * Footnotes for md4c 0.4, which has none: definitions (`[^label]: text`,
 * indented continuation lines) are cut out of the Markdown before md4c
 * parses it and their bodies appended after it, unindented, each parsed on
 * its own; references are numbered as the Markdown pass meets them. A
 * segment list maps the cut text back, as the template pass does. */
#include "core/text/render_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

#define LABEL_MAX 256 /* a longer "label" is text that happens to hold "[^" */

struct piece { size_t off, len; }; /* a body line of the input, newline included */

static void seg_add(struct tmpl_out *t, size_t in_off, size_t in_len, const char *text, size_t n, bool copied)
{
	if (n == 0) return;
	struct tmpl_seg *last = t->n ? &t->segs[t->n - 1] : NULL;
	if (copied && last && last->copied && last->in_off + last->in_len == in_off) {
		last->len += n;
		last->in_len += n;
	} else {
		ARRAY_RESERVE(t->segs, t->cap, t->n + 1);
		t->segs[t->n++] = (struct tmpl_seg){t->text.len, n, in_off, in_len, copied};
	}
	strbuf_add(&t->text, text, n);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
	return true;
}

/* Leading columns of indentation (a tab to the next multiple of 4) and the
 * bytes they take. */
static size_t indent(const char *s, size_t n, size_t *bytes)
{
	size_t cols = 0, i = 0;
	for (; i < n && (s[i] == ' ' || s[i] == '\t'); i++) cols = s[i] == '\t' ? (cols + 4) / 4 * 4 : cols + 1;
	*bytes = i;
	return cols;
}

/* A definition starts the line: up to 3 spaces, "[^label]:". Returns the
 * offset of its body (after the colon and blanks), 0 when not one. */
static size_t def_start(const char *s, size_t n, size_t *lab, size_t *lablen)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ') i++;
	if (n - i < 5 || s[i] != '[' || s[i + 1] != '^') return 0;
	size_t j = i + 2;
	while (j < n && j - i - 2 <= LABEL_MAX && s[j] != ']' && s[j] != '[' && s[j] != ' ' && s[j] != '\t')
		j++;
	if (j == i + 2 || j + 1 >= n || s[j] != ']' || s[j + 1] != ':' || j - i - 2 > LABEL_MAX) return 0;
	*lab = i + 2;
	*lablen = j - i - 2;
	j += 2;
	while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
	return j;
}

/* A fence line (``` or ~~~, up to 3 spaces in): its character, length and
 * the offset after it. */
static size_t fence(const char *s, size_t n, char *ch, size_t *after)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ') i++;
	if (i >= n || (s[i] != '`' && s[i] != '~')) return 0;
	size_t k = i;
	while (k < n && s[k] == s[i]) k++;
	if (k - i < 3) return 0;
	*ch = s[i];
	*after = k;
	return k - i;
}

/* May a line carry on a note's paragraph lazily (without indentation)? Not
 * when it would start a block of its own. */
static bool lazy_ok(const char *s, size_t n)
{
	size_t ib, lab, ll;
	if (blank(s, n) || def_start(s, n, &lab, &ll)) return false;
	indent(s, n, &ib);
	char c = s[ib];
	if (strchr("#>-*+_=|<`~", c)) return false;
	size_t k = ib;
	while (k < n && k - ib < 10 && s[k] >= '0' && s[k] <= '9') k++;
	return !(k > ib && k < n && (s[k] == '.' || s[k] == ')'));
}

static int label_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	for (size_t i = 0; i < an && i < bn; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z') x += 32;
		if (y >= 'A' && y <= 'Z') y += 32;
		if (x != y) return x - y;
	}
	return an < bn ? -1 : an > bn;
}

static int bylabel_cmp(const void *x, const void *y, void *ctx)
{
	const struct foot *f = ctx;
	const struct foot_def *a = &f->defs[*(const size_t *)x], *b = &f->defs[*(const size_t *)y];
	int c = label_cmp(f->in + a->label, a->label_len, f->in + b->label, b->label_len);
	if (c) return c;
	return a->src_off < b->src_off ? -1 : a->src_off > b->src_off; /* the first one wins */
}

/* Next line [*a, *e) at or after pos; returns the offset after it. */
static size_t next_line(const char *s, size_t len, size_t pos, size_t *e)
{
	const char *nl = memchr(s + pos, '\n', len - pos);
	*e = nl ? (size_t)(nl - s) : len;
	return nl ? *e + 1 : len;
}

/* Is there a "[^" in s at all? '^' is rare, so memchr finds it fast
 * (memmem with two bytes was 5% of rendering an article with none). */
static bool has_caret_ref(const char *s, size_t len)
{
	for (const char *p = s, *e = s + len; p < e && (p = memchr(p, '^', (size_t)(e - p))) != NULL; p++)
		if (p > s && p[-1] == '[') return true;
	return false;
}

bool foot_scan(const char *s, size_t len, struct foot *f)
{
	memset(f, 0, sizeof *f);
	if (!len || !has_caret_ref(s, len)) return false;
	f->in = s;
	f->out.text.buf = xmalloc(len + 64); /* the output is the input rearranged */
	f->out.text.cap = len + 64;
	f->out.text.buf[0] = '\0';
	struct piece *pieces = NULL;
	size_t npieces = 0, pcap = 0, defs_cap = 0, run = 0, pos = 0, fence_len = 0;
	char fence_ch = 0;
	while (pos < len) {
		size_t e, next = next_line(s, len, pos, &e), lab, ll, body;
		/* most lines are neither a fence nor a definition: one look */
		size_t i0 = pos;
		while (i0 < e && i0 - pos < 3 && s[i0] == ' ') i0++;
		char c0 = i0 < e ? s[i0] : 0;
		if (c0 != '`' && c0 != '~' && (fence_len || c0 != '[')) {
			pos = next;
			continue;
		}
		char ch = 0;
		size_t after = 0, fl = fence(s + pos, e - pos, &ch, &after);
		if (fence_len) { /* inside a fenced code block: nothing is a definition */
			if (fl >= fence_len && ch == fence_ch && blank(s + pos + after, e - pos - after)) fence_len = 0;
			pos = next;
			continue;
		}
		if (fl) {
			fence_len = fl;
			fence_ch = ch;
			pos = next;
			continue;
		}
		if (!(body = def_start(s + pos, e - pos, &lab, &ll))) {
			pos = next;
			continue;
		}
		/* a definition: the article so far is copied, the definition
		 * leaves a blank line so the blocks around it stay apart */
		size_t start = pos;
		seg_add(&f->out, run, start - run, s + run, start - run, true);
		ARRAY_RESERVE(f->defs, defs_cap, f->ndefs + 1);
		struct foot_def *d = &f->defs[f->ndefs++];
		*d = (struct foot_def){.label = start + lab, .label_len = ll, .src_off = start, .first = npieces};
		ARRAY_RESERVE(pieces, pcap, npieces + 1);
		pieces[npieces++] = (struct piece){start + body, next - (start + body)};
		pos = next;
		bool prev_blank = false;
		while (pos < len) {
			size_t e2, n2 = next_line(s, len, pos, &e2), ib;
			if (blank(s + pos, e2 - pos)) { /* blanks belong to it if an indented line follows */
				size_t q = n2, eq = e2;
				while (q < len) {
					size_t nq = next_line(s, len, q, &eq);
					if (!blank(s + q, eq - q)) break;
					q = nq;
				}
				if (q >= len || indent(s + q, eq - q, &ib) < 4) break;
				for (size_t k = pos; k < q;) {
					size_t ek, nk = next_line(s, len, k, &ek);
					ARRAY_RESERVE(pieces, pcap, npieces + 1);
					pieces[npieces++] = (struct piece){ek, nk - ek}; /* the newline alone */
					k = nk;
				}
				pos = q;
				prev_blank = true;
				continue;
			}
			if (indent(s + pos, e2 - pos, &ib) >= 4) {
				/* one indentation step comes off: four spaces or a tab */
				size_t cut = 0, cols = 0;
				while (cut < ib && cols < 4) cols = s[pos + cut] == '\t' ? 4 : cols + 1, cut++;
				ARRAY_RESERVE(pieces, pcap, npieces + 1);
				pieces[npieces++] = (struct piece){pos + cut, n2 - pos - cut};
			} else if (!prev_blank && lazy_ok(s + pos, e2 - pos)) {
				ARRAY_RESERVE(pieces, pcap, npieces + 1);
				pieces[npieces++] = (struct piece){pos, n2 - pos};
			} else {
				break;
			}
			prev_blank = false;
			pos = n2;
		}
		d->npieces = npieces - d->first;
		seg_add(&f->out, start, pos - start, "\n", 1, false);
		run = pos;
	}
	if (!f->ndefs) {
		free(pieces);
		foot_free(f);
		return false;
	}
	seg_add(&f->out, run, len - run, s + run, len - run, true);
	if (f->out.text.len && f->out.text.buf[f->out.text.len - 1] != '\n') seg_add(&f->out, len, 0, "\n", 1, false);
	f->main_len = f->out.text.len;
	/* each body after the article, one after another */
	for (size_t i = 0; i < f->ndefs; i++) {
		struct foot_def *d = &f->defs[i];
		d->body_off = f->out.text.len;
		for (size_t k = d->first; k < d->first + d->npieces; k++)
			seg_add(&f->out, pieces[k].off, pieces[k].len, s + pieces[k].off, pieces[k].len, true);
		if (f->out.text.len == d->body_off || f->out.text.buf[f->out.text.len - 1] != '\n')
			seg_add(&f->out, d->src_off, 0, "\n", 1, false);
		d->body_len = f->out.text.len - d->body_off;
	}
	free(pieces);
	f->bylabel = xmalloc(f->ndefs * sizeof *f->bylabel);
	for (size_t i = 0; i < f->ndefs; i++) f->bylabel[i] = i;
	qsort_r(f->bylabel, f->ndefs, sizeof *f->bylabel, bylabel_cmp, f);
	f->order = xmalloc(f->ndefs * sizeof *f->order);
	return true;
}

struct foot_def *foot_lookup(const struct foot *f, const char *label, size_t n)
{
	size_t lo = 0, hi = f->ndefs; /* the first entry not below label */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct foot_def *d = &f->defs[f->bylabel[mid]];
		if (label_cmp(f->in + d->label, d->label_len, label, n) < 0) lo = mid + 1;
		else hi = mid;
	}
	if (lo == f->ndefs) return NULL;
	struct foot_def *d = &f->defs[f->bylabel[lo]];
	return label_cmp(f->in + d->label, d->label_len, label, n) == 0 ? d : NULL;
}

uint32_t foot_number(struct foot *f, struct foot_def *d)
{
	if (!d->num) {
		f->order[f->norder++] = (size_t)(d - f->defs);
		d->num = (uint32_t)f->norder;
	}
	return d->num;
}

size_t foot_marker(uint32_t num, char *out)
{
	static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
	char digits[16];
	size_t nd = 0, n = 0;
	do digits[nd++] = (char)('0' + num % 10), num /= 10;
	while (num && nd < sizeof digits);
	while (nd) {
		const char *g = sup[digits[--nd] - '0'];
		size_t gl = strlen(g);
		memcpy(out + n, g, gl);
		n += gl;
	}
	out[n] = '\0';
	return n;
}

void foot_free(struct foot *f)
{
	tmpl_free(&f->out);
	free(f->defs);
	free(f->bylabel);
	free(f->order);
	memset(f, 0, sizeof *f);
}
