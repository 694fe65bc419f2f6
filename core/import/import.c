/* SPDX-License-Identifier: MIT
 * Raw article import: strip page chrome by patterns, find the headline, the
 * publication date and the source only where the text shows them, rebuild
 * the paragraphs, tag from the vocabulary and write the article safely. */
#include "core/import/import.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/base/date.h"
#include "core/base/fsutil.h"
#include "core/import/import_credit.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/vocab.h"

/* How strongly a line holding a date says "published on": 4 a labelled
 * date line, 3 a date with a time, 2 a bare date line, 0 prose. */
static int dateline_score(const char *s, size_t len, size_t ds, size_t de)
{
	static const char *const ok_words[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "at", "on",
		"am", "pm", "utc", "gmt", "et", "est", "edt", "bst", "cet", "cest", "msk",
		"published", "updated", "posted", "last"};
	bool label = false, time = false;
	for (size_t i = 0; i < len;) {
		if (i == ds) { i = de; continue; }
		if (!isalnum((unsigned char)s[i])) {
			if ((unsigned char)s[i] >= 0x80) return 0; /* other letters: prose */
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && j != ds && isalnum((unsigned char)s[j])) j++;
		char w[16];
		size_t wl = j - i < sizeof w - 1 ? j - i : sizeof w - 1, dg = 0;
		for (size_t k = 0; k < wl; k++) w[k] = (char)tolower((unsigned char)s[i + k]);
		w[wl] = '\0';
		while (dg < wl && isdigit((unsigned char)w[dg])) dg++;
		bool known = false;
		for (size_t k = 0; k < ARRAY_LEN(ok_words) && !known; k++) known = !strcmp(w, ok_words[k]);
		if (dg && dg <= 2 && (w[dg] == '\0' || !strcmp(w + dg, "am") || !strcmp(w + dg, "pm"))) {
			time = time || w[dg] || (j < len && s[j] == ':') || (i > 0 && s[i - 1] == ':');
		} else if (!known) {
			return 0;
		}
		label = label || !strcmp(w, "published") || !strcmp(w, "updated") || !strcmp(w, "posted");
		i = j;
	}
	return label ? 4 : time ? 3 : 2;
}

/* ---- lines and paragraphs ---- */

static bool is_trim_cp(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == '\r' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == 0xFEFF;
}

/* Trim spaces (NBSP, thin and zero-width spaces too) from both ends. */
static void trim(const char *s, size_t len, size_t *b, size_t *e)
{
	size_t i = 0, end = 0;
	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!is_trim_cp(cp)) break;
		i += n;
	}
	*b = i;
	for (size_t j = i; j < len;) {
		int32_t cp;
		size_t n = utf8_decode(s + j, len - j, &cp);
		j += n;
		if (!is_trim_cp(cp)) end = j;
	}
	*e = end > i ? end : i;
}

struct rline {
	const char *s; /* trimmed, in the repaired text */
	size_t len;
	int no;        /* 1-based input line */
	bool kept;
};

static size_t cps(const char *s, size_t len) { return utf8_codepoints(s, len); }

/* Short, no closing period or colon, more than one word: how headlines look. */
static bool headline_like(const char *s, size_t len)
{
	if (!len || cps(s, len) > 120 || !memchr(s, ' ', len)) return false;
	char last = s[len - 1];
	if (last == '.' || last == ',' || last == ':' || last == ';') return false;
	if (s[0] == '"' || (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
			    ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x98)))
		return false; /* opens with a quotation: a paragraph of speech */
	return true;
}

static void add_removed(struct import_result *r, const struct rline *l, const char *why)
{
	ARRAY_RESERVE(r->removed, r->removed_cap, r->nremoved + 1);
	r->removed[r->nremoved++] = (struct import_removed){l->no, xstrndup(l->s, l->len), why};
}

/* Hard-wrapped text: lines all fit a column (at most 100 code points) and
 * most longer lines come near it. One-paragraph-a-line text has long lines. */
static bool looks_wrapped(const struct rline *l, size_t n)
{
	size_t maxw = 0, counted = 0, near = 0;
	for (size_t i = 0; i < n; i++) {
		size_t w = l[i].kept ? cps(l[i].s, l[i].len) : 0;
		if (w > maxw) maxw = w;
	}
	if (maxw > 100 || maxw < 30) return false;
	for (size_t i = 0; i < n; i++) {
		size_t w = l[i].kept ? cps(l[i].s, l[i].len) : 0;
		if (w < 20) continue;
		counted++;
		near += w * 10 >= maxw * 6;
	}
	return counted >= 3 && near * 2 >= counted;
}

/* Paragraphs: each kept line, or in wrapped text each run of kept lines. */
static void build_paragraphs(const struct rline *l, size_t n, struct strlist *paras)
{
	bool wrapped = looks_wrapped(l, n);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (!l[i].kept) continue;
		strbuf_add(&sb, l[i].s, l[i].len);
		bool joins = wrapped && i + 1 < n && l[i + 1].kept && l[i + 1].len;
		if (joins) {
			if (l[i].len && l[i].s[l[i].len - 1] != '-') strbuf_addc(&sb, ' ');
			continue;
		}
		strlist_push(paras, strbuf_str(&sb));
		strbuf_reset(&sb);
	}
	strbuf_free(&sb);
}

/* The lead sentence, shortened to a title: cut at a clause near 100 code
 * points, else at a word with an ellipsis. */
static char *title_from_lead(const char *p)
{
	static const char *const abbrev[] = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Maj", "Col", "Lt", "Sgt",
					     "Sen", "Rep", "Gov", "St", "Jr", "Sr", "No", "vs"};
	size_t len = strlen(p), end = len;
	for (size_t i = 1; i < len; i++) {
		if (!strchr(".!?", p[i]) || (i + 1 < len && p[i + 1] != ' ')) continue;
		size_t w = i;
		while (w > 0 && isalpha((unsigned char)p[w - 1])) w--;
		bool abbr = i - w == 1; /* U.S., initials */
		for (size_t k = 0; k < ARRAY_LEN(abbrev) && !abbr; k++)
			abbr = strlen(abbrev[k]) == i - w && !strncmp(p + w, abbrev[k], i - w);
		if (p[i] == '.' && abbr) continue;
		end = i;
		break;
	}
	if (cps(p, end) <= 100) return xstrndup(p, end);
	size_t cut = utf8_offset_of_cp(p, end, 110), clause = 0, word = 0;
	for (size_t i = 0; i < cut; i++) {
		if ((p[i] == ',' || p[i] == ';') && cps(p, i) >= 40) clause = i;
		if (p[i] == ' ' && cps(p, i) <= 90) word = i;
	}
	if (clause) return xstrndup(p, clause);
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, p, word ? word : utf8_offset_of_cp(p, end, 90));
	while (sb.len && strchr(",;:- ", sb.buf[sb.len - 1])) sb.buf[--sb.len] = '\0';
	strbuf_adds(&sb, "\xE2\x80\xA6");
	return strbuf_steal(&sb);
}

/* "KYIV (Reuters) - ..." or "WASHINGTON (AP) — ...": a wire dateline names
 * its outlet; mentions in the text ("told CNN") are not evidence. */
static char *source_from_dateline(const char *p, size_t *after)
{
	regex_t re;
	regmatch_t m[2];
	char *out = NULL;
	*after = 0;
	if (regcomp(&re, "^[A-Z][A-Z .,'/-]{1,40} ?\\(([A-Za-z][A-Za-z .&'-]{0,30})\\) ?"
		    "(-|\xE2\x80\x93|\xE2\x80\x94)", REG_EXTENDED))
		return NULL;
	if (regexec(&re, p, 2, m, 0) == 0) {
		out = xstrndup(p + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so));
		*after = (size_t)m[0].rm_eo;
		while (p[*after] == ' ') (*after)++;
	}
	regfree(&re);
	return out;
}

int import_parse(const char *text, size_t len, const struct boilerplate *b,
		 const struct vocab *v, const char *source, const char *path,
		 struct import_result *r, struct diag_list *diags)
{
	size_t rlen, n = 0, cap = 0;
	char *t = utf8_repair(text, len, &rlen);
	struct rline *l = NULL;
	struct strlist paras = {0};
	int best_date = 0, best_score = 0;

	*r = (struct import_result){0};
	size_t off = rlen >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
	for (int no = 1; off <= rlen; no++) {
		const char *nl = memchr(t + off, '\n', rlen - off);
		size_t e = nl ? (size_t)(nl - t) : rlen, tb, te;
		trim(t + off, e - off, &tb, &te);
		ARRAY_RESERVE(l, cap, n + 1);
		l[n++] = (struct rline){t + off + tb, te - tb, no, te > tb};
		if (!nl) break;
		off = e + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!l[i].kept) continue;
		size_t ds, de;
		int ymd = date_find(l[i].s, l[i].len, &ds, &de);
		int score = ymd ? dateline_score(l[i].s, l[i].len, ds, de) : 0;
		bool teaser = false;
		const char *why = score ? "date line" : NULL;
		char *url = why ? NULL : import_url_line(l[i].s, l[i].len);
		if (url) {
			why = "url line";
			if (!r->url) r->url = url;
			else free(url);
		} else if (!why && import_credit_line(l[i].s, l[i].len, &r->authors)) {
			why = "credit line";
		}
		if (!why) why = boilerplate_match(b, l[i].s, l[i].len, &teaser);
		if (!why) continue;
		l[i].kept = false;
		add_removed(r, &l[i], why);
		if (ymd && score < 1) score = 1; /* a date in a caption or credit */
		if (score > best_score) best_score = score, best_date = ymd;
		if (teaser && i + 1 < n && l[i + 1].kept &&
		    headline_like(l[i + 1].s, l[i + 1].len)) {
			l[++i].kept = false;
			add_removed(r, &l[i], "teaser headline");
		}
	}
	r->date = best_date;
	build_paragraphs(l, n, &paras);
	if (!paras.n) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "no article text found");
		free(l);
		free(t);
		strlist_free(&paras);
		import_result_free(r);
		return -1;
	}
	size_t first = 0, after;
	if (paras.n > 1 && headline_like(paras.v[0], strlen(paras.v[0]))) {
		r->title = xstrdup(paras.v[0]);
		first = 1;
	}
	char *wire = source_from_dateline(paras.v[first], &after);
	if (!r->title) r->title = title_from_lead(paras.v[0] + after);
	r->source = source && *source ? xstrdup(source) : wire;
	if (r->source != wire) free(wire);
	struct strbuf body = STRBUF_INIT;
	for (size_t i = first; i < paras.n; i++) {
		if (i > first) strbuf_adds(&body, "\n\n");
		strbuf_adds(&body, paras.v[i]);
	}
	strbuf_addc(&body, '\n');
	r->body = strbuf_steal(&body);
	if (v) {
		struct strbuf all = STRBUF_INIT;
		strbuf_adds(&all, r->title);
		strbuf_addc(&all, '\n');
		strbuf_adds(&all, r->body);
		vocab_match(v, all.buf, all.len, &r->tags);
		strbuf_free(&all);
	}
	strlist_free(&paras);
	free(l);
	free(t);
	return 0;
}

void import_result_free(struct import_result *r)
{
	free(r->title);
	free(r->source);
	free(r->url);
	free(r->body);
	strlist_free(&r->authors);
	strlist_free(&r->tags);
	for (size_t i = 0; i < r->nremoved; i++) free(r->removed[i].text);
	free(r->removed);
	*r = (struct import_result){0};
}

/* ---- output ---- */

/* A YAML double-quoted scalar: controls, DEL, C1, line separators and the
 * noncharacters libyaml rejects escaped; invalid bytes become U+FFFD. */
static void yaml_quote(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s);
	strbuf_addc(sb, '"');
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == '"' || cp == '\\') {
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, (char)cp);
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
			   cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
			/* U+FFFE/U+FFFF too: libyaml refuses them raw ("control
			 * characters are not allowed"), losing all the metadata */
			strbuf_addf(sb, "\\u%04X", (unsigned)cp);
		} else if (cp == UTF8_REPLACEMENT) {
			strbuf_adds(sb, "\xEF\xBF\xBD"); /* never a raw invalid byte */
		} else {
			strbuf_add(sb, s + i, n);
		}
		i += n;
	}
	strbuf_addc(sb, '"');
}

char *import_render(const struct import_result *r, const char *from, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "---\ntitle: ");
	yaml_quote(&sb, r->title);
	if (r->date) strbuf_addf(&sb, "\ndate: %04d-%02d-%02d", r->date / 10000, r->date / 100 % 100, r->date % 100);
	if (r->source) {
		strbuf_adds(&sb, "\nsource: ");
		yaml_quote(&sb, r->source);
	}
	if (r->authors.n) {
		strbuf_adds(&sb, "\nauthors:");
		for (size_t i = 0; i < r->authors.n; i++) {
			strbuf_adds(&sb, "\n  - ");
			yaml_quote(&sb, r->authors.v[i]);
		}
	}
	if (r->url) {
		strbuf_adds(&sb, "\nurl: ");
		yaml_quote(&sb, r->url);
	}
	if (r->tags.n) {
		strbuf_adds(&sb, "\ntags:");
		for (size_t i = 0; i < r->tags.n; i++) {
			strbuf_adds(&sb, "\n  - ");
			yaml_quote(&sb, r->tags.v[i]);
		}
	}
	if (from) {
		strbuf_adds(&sb, "\nimported-from: ");
		yaml_quote(&sb, from);
	}
	strbuf_adds(&sb, "\n---\n\n");
	strbuf_adds(&sb, r->body ? r->body : "");
	*len = sb.len;
	return strbuf_steal(&sb);
}

char *import_slug(const char *title, size_t max)
{
	utf8proc_uint8_t *folded = NULL;
	size_t tl = strlen(title);
	char *rep = utf8_repair(title, tl, &tl);
	struct strbuf sb = STRBUF_INIT;
	if (utf8proc_map((const utf8proc_uint8_t *)rep, (utf8proc_ssize_t)tl, &folded,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD) < 0)
		folded = NULL;
	bool dash = false;
	size_t word = 0; /* letters in the current word: "u.s." slugs as "us" */
	for (const unsigned char *p = folded; p && *p; p++) {
		if (*p == '\'' || (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)) { /* ' and ’ */
			if (*p != '\'') p += 2;
			continue;
		}
		if (*p == '.' && word == 1 && p[1] >= 'a' && p[1] <= 'z' && (p[2] == '.' || p[2] == 0)) {
			word = 0;
			continue;
		}
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			if (dash && sb.len) strbuf_addc(&sb, '-');
			strbuf_addc(&sb, (char)*p);
			dash = false;
			word++;
		} else {
			dash = true;
			word = 0;
		}
	}
	free(folded);
	free(rep);
	if (sb.len > max) { /* cut at the last word boundary that fits */
		size_t cut = max;
		while (cut > 0 && sb.buf[cut] != '-') cut--;
		sb.len = cut ? cut : max;
		sb.buf[sb.len] = '\0';
	}
	if (max == 0) strbuf_reset(&sb);
	while (sb.len && sb.buf[sb.len - 1] == '-') sb.buf[--sb.len] = '\0';
	if (!sb.len) {
		strbuf_free(&sb);
		return xstrdup("article");
	}
	return strbuf_steal(&sb);
}

int import_write(const char *dir, const char *stem, const char *data, size_t len,
		 char **written, struct diag_list *diags)
{
	struct strbuf name = STRBUF_INIT;
	const char *step = "open";
	int e = EEXIST;

	*written = NULL;
	for (int k = 1; k < 10000 && e == EEXIST; k++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "%s/%s", dir, stem);
		if (k > 1) strbuf_addf(&name, "-%d", k);
		strbuf_adds(&name, ".md");
		e = fsutil_write_atomic(name.buf, data, len, FSUTIL_NO_OVERWRITE, &step);
	}
	if (!e) {
		*written = strbuf_steal(&name);
		return 0;
	}
	diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot write %s.md (%s): %s", stem, step, strerror(e));
	strbuf_free(&name);
	return -1;
}
