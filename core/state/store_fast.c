/* SPDX-License-Identifier: MIT
 * A fast reader for the state file exactly as store_file_format writes it.
 * Why: a state naming 857,143 read articles is 37.7 MB, and libyaml's event
 * parser takes ~1.7 s over it on every command that asks `is:`. This
 * reads the same lines in about a quarter of the time (most of it now the
 * id map) and builds the same store_data through the same calls; anything it does not know (other quoting, flow/block
 * forms, comments inside entries, anchors, a bad value, a line over
 * YAML's 1024-character key limit) makes it give up, so libyaml then
 * reads the file and every problem keeps its FILE:LINE:COL. */
#include "core/state/store_file.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/text/utf8.h"

/* Keys longer than this (quote to colon) are left to libyaml, which
 * refuses implicit keys past 1024 characters. */
#define FAST_KEY_MAX 1000

struct fr {
	const char *p, *end;
	struct strbuf tmp; /* the last quoted string, decoded */
};

/* Every byte as libyaml's reader accepts it and as it means the same in
 * every place we parse: newline, printable ASCII, and UTF-8 (strict) in
 * the ranges YAML calls printable, without the code points that YAML
 * reads as line breaks (U+0085, U+2028, U+2029). (A BOM is
 * skipped only at a line's start, where the shape has ASCII.) */
static bool text_plain(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c == '\n') {
			i++;
			continue;
		}
		if (c < 0x80) return false; /* controls, tab, CR, DEL */
		int32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1) return false; /* not UTF-8 */
		if (cp < 0xa0 || cp == 0x2028 || cp == 0x2029 || cp == 0xfffe ||
		    cp == 0xffff || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += k;
	}
	return true;
}

static bool lit(struct fr *f, const char *s)
{
	size_t n = strlen(s);
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, s, n) != 0) return false;
	f->p += n;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* A double-quoted string on one line, with the escapes json_quote writes,
 * decoded into f->tmp. */
static bool quoted(struct fr *f)
{
	strbuf_reset(&f->tmp);
	if (f->p >= f->end || *f->p != '"') return false;
	const char *p = f->p + 1;
	for (;;) {
		const char *run = p;
		while (p < f->end && *p != '"' && *p != '\\' && *p != '\n') p++;
		strbuf_add(&f->tmp, run, (size_t)(p - run));
		if (p >= f->end || *p == '\n') return false;
		if (*p == '"') break;
		if (p + 1 >= f->end) return false;
		char e = p[1], one = 0;
		p += 2;
		switch (e) {
		case '"': one = '"'; break;
		case '\\': one = '\\'; break;
		case '/': one = '/'; break;
		case 'b': one = '\b'; break;
		case 'f': one = '\f'; break;
		case 'n': one = '\n'; break;
		case 'r': one = '\r'; break;
		case 't': one = '\t'; break;
		case 'u': {
			if (f->end - p < 4) return false;
			int32_t cp = 0;
			for (int k = 0; k < 4; k++) {
				int h = hexval(p[k]);
				if (h < 0) return false;
				cp = cp * 16 + h;
			}
			p += 4;
			/* NUL would cut the C string; surrogates libyaml refuses */
			if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) return false;
			char b[4];
			strbuf_add(&f->tmp, b, utf8_encode(cp, b));
			continue;
		}
		default: return false;
		}
		strbuf_addc(&f->tmp, one);
	}
	f->p = p + 1;
	return true;
}

/* Digits (a whole number as util_parse_size reads it). */
static bool number(struct fr *f, size_t *out)
{
	char buf[24];
	size_t n = 0;
	while (f->p < f->end && *f->p >= '0' && *f->p <= '9') {
		if (n + 1 >= sizeof buf) return false;
		buf[n++] = *f->p++;
	}
	buf[n] = '\0';
	return n && util_parse_size(buf, out);
}

/* `  "ID": {read: true, position: 12}` lines, at least one. */
static bool fast_articles(struct fr *f, struct store_data *d)
{
	size_t n = 0; /* no room reserved by the lines ahead: a hostile file
		       * of bad or duplicate lines would make it gigabytes */
	while (f->end - f->p > 2 && f->p[0] == ' ' && f->p[1] == ' ' && f->p[2] == '"') {
		f->p += 2;
		const char *key = f->p;
		if (!quoted(f) || f->p - key > FAST_KEY_MAX || !lit(f, ": {read: ")) return false;
		bool read;
		if (lit(f, "true")) read = true;
		else if (lit(f, "false")) read = false;
		else return false;
		size_t pos = 0;
		bool has_pos = lit(f, ", position: ");
		if (has_pos && !number(f, &pos)) return false;
		if (!lit(f, "}\n")) return false;
		/* ids as dossier writes them ascend: each one new, not looked up */
		const char *id = strbuf_str(&f->tmp);
		struct art_state *a;
		if (d->narts && strcmp(d->arts[d->narts - 1].id, id) < 0) {
			ARRAY_RESERVE(d->arts, d->acap, d->narts + 1);
			a = &d->arts[d->narts];
			*a = (struct art_state){.id = xstrdup(id)};
			map_put(&d->ids, a->id, d->narts++);
		} else {
			a = store_data_art(d, id, true);
		}
		a->read = read;
		if (has_pos) {
			a->has_pos = true;
			a->pos = pos;
		}
		n++;
	}
	return n > 0;
}

/* `tags: [Q, Q]` after the key. */
static bool fast_tags(struct fr *f, struct mark *m)
{
	if (!lit(f, "[")) return false;
	if (lit(f, "]")) return true;
	do {
		if (!quoted(f)) return false;
		mark_add_tag(m, strbuf_str(&f->tmp));
	} while (lit(f, ", "));
	return lit(f, "]");
}

/* One `  - article: ...` entry and its `    key: value` lines. */
static bool fast_mark(struct fr *f, struct store_data *d)
{
	struct mark m = {0};
	bool have_start = false, have_end = false, ok = true;
	for (bool first = true;; first = false) {
		if (!lit(f, first ? "  - " : "    ")) {
			if (first) return false;
			break;
		}
		const char *k = f->p;
		while (f->p < f->end && *f->p >= 'a' && *f->p <= 'z') f->p++;
		size_t kn = (size_t)(f->p - k);
		if (!lit(f, ": ")) goto fail;
#define KEY(s) (kn == sizeof s - 1 && memcmp(k, s, kn) == 0)
		char **str = KEY("article") ? &m.article : KEY("text") ? &m.text
			   : KEY("prefix") ? &m.prefix : KEY("suffix") ? &m.suffix
			   : KEY("note") ? &m.note : NULL;
		if (str || KEY("created")) {
			if (!quoted(f)) goto fail;
			if (str) {
				free(*str);
				*str = xstrdup(strbuf_str(&f->tmp));
			} else {
				ok &= store_file_parse_time(strbuf_str(&f->tmp), &m.created);
			}
		} else if (KEY("start")) {
			if (!(have_start = number(f, &m.start))) goto fail;
		} else if (KEY("end")) {
			if (!(have_end = number(f, &m.end))) goto fail;
		} else if (KEY("tags")) {
			if (!fast_tags(f, &m)) goto fail;
		} else {
			goto fail;
		}
#undef KEY
		if (!lit(f, "\n")) goto fail;
	}
	/* a mark libyaml's reader would warn about: let it, with its place */
	if (!ok || !store_file_mark_keep(d, &m, have_start, have_end)) goto fail;
	mark_free(&m);
	return true;
fail:
	mark_free(&m);
	return false;
}

bool store_fast_read(const char *text, size_t len, struct store_data *d)
{
	if (!len || text[len - 1] != '\n' || !text_plain(text, len)) return false;
	struct fr f = {text, text + len, STRBUF_INIT};
	bool any = false, ok = true;
	while (ok && f.p < f.end) {
		if (*f.p == '#') { /* a comment line */
			const char *nl = memchr(f.p, '\n', (size_t)(f.end - f.p));
			f.p = nl + 1;
			continue;
		}
		any = true;
		if (lit(&f, "version: 1\n") || lit(&f, "articles: {}\n") || lit(&f, "marks: []\n")) {
			continue;
		} else if (lit(&f, "last: ")) {
			ok = quoted(&f) && lit(&f, "\n");
			if (ok) {
				free(d->last);
				d->last = f.tmp.len ? xstrdup(strbuf_str(&f.tmp)) : NULL;
			}
		} else if (lit(&f, "articles:\n")) {
			ok = fast_articles(&f, d);
		} else if (lit(&f, "marks:\n")) {
			ok = fast_mark(&f, d);
			while (ok && f.end - f.p > 3 && memcmp(f.p, "  - ", 4) == 0) ok = fast_mark(&f, d);
		} else {
			ok = false;
		}
	}
	strbuf_free(&f.tmp);
	if (!ok || !any) store_data_free(d);
	return ok && any;
}

/* ---- the peek behind the reader's first screen (store_peek.c) ---------- */

bool store_fast_head(const char *text, size_t len, char **last, const char **arts,
		     const char **arts_end)
{
	*last = NULL;
	*arts = *arts_end = text;
	struct fr f = {text, text + len, STRBUF_INIT};
	while (f.p < f.end && *f.p == '#') { /* the comment lines */
		const char *nl = memchr(f.p, '\n', (size_t)(f.end - f.p));
		if (!nl) return false;
		f.p = nl + 1;
	}
	bool ok = lit(&f, "version: 1\n");
	if (ok && lit(&f, "last: ")) {
		const char *at = f.p;
		ok = quoted(&f) && lit(&f, "\n") && text_plain(at, (size_t)(f.p - at));
		if (ok && f.tmp.len) *last = xstrdup(strbuf_str(&f.tmp));
	}
	if (ok && lit(&f, "articles: {}\n")) {
		*arts = *arts_end = f.p;
	} else if (ok && lit(&f, "articles:\n")) {
		*arts = f.p;
		const char *m = memmem(f.p, (size_t)(f.end - f.p), "\nmarks:", 7);
		ok = m != NULL;
		*arts_end = m ? m + 1 : f.p;
	} else {
		ok = false;
	}
	strbuf_free(&f.tmp);
	if (!ok) {
		free(*last);
		*last = NULL;
	}
	return ok;
}

int store_fast_is_read(const char *lo, const char *hi, const char *id)
{
	struct fr f = {lo, hi, STRBUF_INIT};
	int got = 0;
	while (lo < hi) {
		const char *m = lo + (hi - lo) / 2;
		while (m > lo && m[-1] != '\n') m--; /* the line's start */
		const char *nl = memchr(m, '\n', (size_t)(hi - m));
		const char *next = nl ? nl + 1 : hi;
		f.p = m;
		f.end = next;
		if (!lit(&f, "  ") || !quoted(&f) || !lit(&f, ": {read: ")) {
			got = -1;
			break;
		}
		int c = strcmp(strbuf_str(&f.tmp), id);
		if (!c) {
			got = lit(&f, "true");
			break;
		}
		if (c < 0) lo = next;
		else hi = m;
	}
	strbuf_free(&f.tmp);
	return got;
}
