/* SPDX-License-Identifier: MIT
 * Template syntax never reaches the reader: Hugo shortcodes ({{< >}},
 * {{% %}}, paired ones keep their inner text), Liquid ({% %}, {{ }}) and
 * <!--more--> are cut before Markdown parsing, a caption or link a
 * shortcode carries is kept as text, and a segment list maps the result
 * back to the body. Linear: each closing delimiter is searched once. */
#include "core/text/render_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/util.h"

#define TAG_MAX 4096 /* a longer "tag" is text that happens to hold the delimiters */

struct finder { const char *needle; size_t pos; bool valid; };

/* Next occurrence of f->needle at or after i (len when none); cached, so
 * a run of openers with no closer costs one search, not one each. */
static size_t find_next(struct finder *f, const char *s, size_t len, size_t i)
{
	if (f->valid && f->pos >= i) return f->pos;
	size_t nl = strlen(f->needle);
	const char *p = i < len ? memmem(s + i, len - i, f->needle, nl) : NULL;
	f->pos = p ? (size_t)(p - s) : len;
	f->valid = true;
	return f->pos;
}

static void seg_add(struct tmpl_out *t, size_t in_off, size_t in_len, const char *text, size_t n, bool copied)
{
	if (n == 0) return;
	ARRAY_RESERVE(t->segs, t->cap, t->n + 1);
	t->segs[t->n++] = (struct tmpl_seg){t->text.len, n, in_off, in_len, copied};
	strbuf_add(&t->text, text, n);
}

enum sc_key { SC_CAPTION, SC_SRC, SC_LINK, SC_TITLE, SC_ALT, SC_HREF, SC_URL, SC_NKEYS };

/* The first key="value" (or key='value', key=value) of each key in a
 * shortcode's arguments, found in one pass (a key starts the text or
 * follows a blank); vals[k] NULL when absent, else the caller frees. */
static void sc_args(const char *a, size_t n, char *vals[SC_NKEYS])
{
	static const char *const keys[SC_NKEYS] = {"caption", "src", "link", "title", "alt", "href", "url"};
	static const size_t lens[SC_NKEYS] = {7, 3, 4, 5, 3, 4, 3};
	size_t left = SC_NKEYS;
	for (size_t k = 0; k < SC_NKEYS; k++) vals[k] = NULL;
	for (size_t i = 0; i < n && left; i++) {
		if (i && a[i - 1] != ' ' && a[i - 1] != '\t' && a[i - 1] != '\n') continue;
		for (size_t k = 0; k < SC_NKEYS; k++) {
			size_t kl = lens[k];
			if (vals[k] || i + kl >= n || (a[i] | 0x20) != keys[k][0] || strncasecmp(a + i, keys[k], kl) != 0 ||
			    a[i + kl] != '=')
				continue;
			size_t v = i + kl + 1, e;
			if (v < n && (a[v] == '"' || a[v] == '\'' || a[v] == '`')) {
				char q = a[v++];
				for (e = v; e < n && a[e] != q; e++) {}
			} else {
				for (e = v; e < n && a[e] != ' ' && a[e] != '\t' && a[e] != '\n'; e++) {}
			}
			vals[k] = xstrndup(a + v, e - v);
			left--;
		}
	}
}

/* Text kept from a shortcode, as Markdown: an image for figure-like
 * codes with a source, else the caption and an autolink to the link. */
static void sc_keep(struct strbuf *out, const char *args, size_t n)
{
	size_t k = 0;
	while (k < n && (args[k] == ' ' || args[k] == '\t' || args[k] == '\n')) k++;
	size_t ne = k;
	while (ne < n && args[ne] != ' ' && args[ne] != '\t' && args[ne] != '\n') ne++;
	if (k < n && args[k] == '/') return; /* a closing shortcode */
	char *v[SC_NKEYS];
	sc_args(args, n, v);
	const char *cap = v[SC_CAPTION] ? v[SC_CAPTION] : v[SC_TITLE] ? v[SC_TITLE] : v[SC_ALT];
	const char *src = v[SC_SRC], *link = v[SC_LINK] ? v[SC_LINK] : v[SC_HREF] ? v[SC_HREF] : v[SC_URL];
	bool figure = (ne - k == 6 && !strncasecmp(args + k, "figure", 6)) || (ne - k == 3 && !strncasecmp(args + k, "img", 3)) ||
		      (ne - k == 5 && !strncasecmp(args + k, "image", 5));
	struct strbuf c = STRBUF_INIT;
	for (const char *p = cap ? cap : ""; *p; p++) {
		if (*p == '\n' || *p == '\t') strbuf_addc(&c, ' ');
		else {
			if (strchr("\\`*_[]()<>#!|{}~", *p)) strbuf_addc(&c, '\\');
			strbuf_addc(&c, *p);
		}
	}
	const char *u = figure && src ? src : link;
	bool url_ok = u && *u && !strpbrk(u, "<> \t\n\\");
	if (figure && src && url_ok) { /* ![caption](<src>) */
		strbuf_adds(out, "![");
		strbuf_adds(out, strbuf_str(&c));
		strbuf_adds(out, "](<");
		strbuf_adds(out, u);
		strbuf_adds(out, ">)");
	} else {
		strbuf_adds(out, strbuf_str(&c));
		if (url_ok && !figure) { /* caption <link> */
			strbuf_adds(out, c.len ? " <" : "<");
			strbuf_adds(out, u);
			strbuf_addc(out, '>');
		}
	}
	strbuf_free(&c);
	for (size_t j = 0; j < SC_NKEYS; j++) free(v[j]);
}

static bool liquid_is(const char *s, size_t n, const char *name)
{
	size_t i = 0, l = strlen(name);
	while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '\t')) i++;
	return n - i >= l && strncmp(s + i, name, l) == 0 && (n - i == l || s[i + l] == ' ' || s[i + l] == '-' || s[i + l] == '\t');
}

void tmpl_strip(const char *s, size_t len, struct tmpl_out *t)
{
	memset(t, 0, sizeof *t);
	/* the output is about as long as the input: grow once (a doubling
	 * strbuf copied a megabyte article about twenty times over) */
	t->text.buf = xmalloc(len + 64);
	t->text.cap = len + 64;
	t->text.buf[0] = '\0';
	struct finder sc_lt = {">}}", 0, false}, sc_pc = {"%}}", 0, false}, lq_tag = {"%}", 0, false},
		      lq_out = {"}}", 0, false}, endraw = {"endraw", 0, false}, endcomment = {"endcomment", 0, false};
	size_t copy = 0, i = 0;
	struct strbuf inj = STRBUF_INIT;
	size_t next_brace = SIZE_MAX, next_lt = SIZE_MAX; /* memchr results, kept while not behind i */
	while (i < len) {
		if (next_brace == SIZE_MAX || next_brace < i) {
			const char *q = memchr(s + i, '{', len - i);
			next_brace = q ? (size_t)(q - s) : len;
		}
		if (next_lt == SIZE_MAX || next_lt < i) {
			const char *q = memchr(s + i, '<', len - i);
			next_lt = q ? (size_t)(q - s) : len;
		}
		i = next_brace < next_lt ? next_brace : next_lt;
		if (i >= len) break;
		const char *p = s + i;
		size_t end = 0; /* one past the construct; 0: not one */
		strbuf_reset(&inj);
		if (*p == '<') {
			if (len - i >= 11 && memcmp(p, "<!--more-->", 11) == 0) end = i + 11;
		} else if (len - i >= 3 && p[1] == '{' && (p[2] == '<' || p[2] == '%')) {
			size_t c = find_next(p[2] == '<' ? &sc_lt : &sc_pc, s, len, i + 3);
			if (c < len && c - i < TAG_MAX) {
				end = c + 3;
				sc_keep(&inj, s + i + 3, c - (i + 3));
			}
		} else if (len - i >= 2 && p[1] == '%') {
			size_t c = find_next(&lq_tag, s, len, i + 2);
			if (c < len && c - i < TAG_MAX) {
				end = c + 2;
				const char *a = s + i + 2;
				size_t an = c - (i + 2);
				if (liquid_is(a, an, "highlight")) {
					const char *lang = a;
					while (lang < a + an && (*lang == ' ' || *lang == '-')) lang++;
					lang += 9;
					while (lang < a + an && *lang == ' ') lang++;
					size_t ll = 0;
					while (lang + ll < a + an && lang[ll] != ' ' && lang[ll] != '-' && lang[ll] != '`' && lang[ll] != '\n') ll++;
					strbuf_adds(&inj, "```");
					strbuf_add(&inj, lang, ll);
				} else if (liquid_is(a, an, "endhighlight")) {
					strbuf_adds(&inj, "```");
				} else if (liquid_is(a, an, "raw") || liquid_is(a, an, "comment")) {
					/* raw: the inside is kept as written; comment: dropped */
					bool raw = liquid_is(a, an, "raw");
					size_t e = find_next(raw ? &endraw : &endcomment, s, len, end);
					size_t tag = e;
					while (tag > end && s[tag - 1] != '{') tag--;
					size_t close = e < len ? find_next(&lq_tag, s, len, e) : len;
					if (e < len && tag > end && close < len) {
						seg_add(t, copy, i - copy, s + copy, i - copy, true);
						if (raw) {
							size_t in = end;
							seg_add(t, in, tag - 1 - in, s + in, tag - 1 - in, true);
						}
						i = copy = close + 2;
						continue;
					}
				}
			}
		} else if (len - i >= 2 && p[1] == '{') {
			size_t c = find_next(&lq_out, s, len, i + 2);
			if (c < len && c - i < TAG_MAX) end = c + 2;
		}
		if (!end) {
			i++;
			continue;
		}
		seg_add(t, copy, i - copy, s + copy, i - copy, true);
		seg_add(t, i, end - i, inj.buf, inj.len, false);
		i = copy = end;
	}
	seg_add(t, copy, len - copy, s + copy, len - copy, true);
	strbuf_free(&inj);
	if (!t->n) { /* an empty output still maps to the end of the input */
		ARRAY_RESERVE(t->segs, t->cap, 1);
		t->segs[t->n++] = (struct tmpl_seg){0, 0, len, 0, false};
	}
}

void tmpl_free(struct tmpl_out *t)
{
	strbuf_free(&t->text);
	free(t->segs);
	memset(t, 0, sizeof *t);
}
