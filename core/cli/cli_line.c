/* SPDX-License-Identifier: MIT
 * A listing's line (TSV) or object (--json) written straight from spans
 * of an article's record in the cache (metaindex_read_line), for the
 * lean listing of many hits (cli_lean.c). Why: printing every article of
 * a million, copying each record's strings, measuring them and scanning
 * them field by field was most of the time. A TSV line takes this path
 * only when its text is what every output policy writes as it is
 * (printable ASCII), a JSON object whenever no string holds a NUL (its
 * plain strings copied, the others escaped by json_quote as
 * json_article's are), so the bytes are cli_list_article's; any other
 * record declines and is printed by cli_list_article. */
#include "core/cli/cli.h"

#include <string.h>

#include "core/base/date.h"
#include "core/base/json.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/meta/metaindex.h"
#include "core/text/utf8.h"

/* No span of the fields a TSV line does not print holds a NUL (which
 * metaindex_read would refuse). */
static bool unprinted_clean(const struct metaindex_line *ln)
{
	const struct mx_span *one[3] = {&ln->url, &ln->summary, &ln->lang};
	for (int i = 0; i < 3; i++)
		if (one[i]->s && memchr(one[i]->s, '\0', one[i]->len)) return false;
	for (size_t i = 0; i < ln->nauthors; i++)
		if (memchr(ln->lists[i].s, '\0', ln->lists[i].len)) return false;
	for (size_t i = 0; i < 2 * ln->nextra; i++)
		if (memchr(ln->extra[i].s, '\0', ln->extra[i].len)) return false;
	return true;
}

bool cli_list_line(const struct metaindex_line *ln, struct strbuf *line)
{
	/* the fields written with spaces between them, the whole checked in
	 * one pass (a tab inside a field is not printable), then the tabs put
	 * in: one scan of the line, not one a field */
	size_t mark = line->len, tab[4], nt = ln->ntags + ln->nderived;
	const struct mx_span *tags = ln->lists + ln->nauthors;
	char date[11];
	date_format(ln->date, date);
	strbuf_add(line, ln->id.s, ln->id.len);
	tab[0] = line->len;
	strbuf_addc(line, ' ');
	strbuf_adds(line, date);
	tab[1] = line->len;
	strbuf_addc(line, ' ');
	if (ln->source.s) strbuf_add(line, ln->source.s, ln->source.len);
	tab[2] = line->len;
	strbuf_addc(line, ' ');
	strbuf_add(line, ln->title.s, ln->title.len);
	tab[3] = line->len;
	strbuf_addc(line, ' ');
	size_t at = line->len; /* as put_tags: no comma before an empty first */
	for (size_t i = 0; i < nt; i++) {
		if (line->len > at) strbuf_addc(line, ',');
		strbuf_add(line, tags[i].s, tags[i].len);
	}
	if (utf8_printable_span(line->buf + mark, line->len - mark) != line->len - mark ||
	    !unprinted_clean(ln)) {
		line->len = mark; /* not plain: the caller reads the record whole */
		line->buf[mark] = '\0';
		return false;
	}
	for (int i = 0; i < 4; i++) line->buf[tab[i]] = '\t';
	strbuf_addc(line, '\n');
	return true;
}

/* The bytes of a --json object built from spans: a cursor into room
 * reserved in out beforehand (up to end), the room reserved again after
 * each string written by json_quote, and whether a string held a NUL. */
struct jcopy {
	struct strbuf *out;
	char *p, *end;
	size_t room; /* a bound on what is left to write */
	bool nul;    /* metaindex_read refuses such a record: not written */
};

#define JSON_HIGHS 0x8080808080808080ULL

/* A literal piece of the object's layout (no look at its bytes). */
#define JPUT(c, lit) (memcpy((c)->p, "" lit, sizeof(lit) - 1), (c)->p += sizeof(lit) - 1)

/* n bytes of a string copied as they are; returns their plainness (a
 * high bit set: one json_quote writes otherwise, json_word_unplain),
 * learnt on the way, a word at a time: eight bytes, the last eight
 * overlapping what came before; shorter ones as two overlapping pieces
 * of four, two or one (nothing read or written outside the span). One
 * pass, where a scan and then a copy was two. */
static inline uint64_t jcopy_bytes(struct jcopy *c, const char *s, size_t n)
{
	uint64_t x, bad = 0;
	if (n >= 8) {
		size_t k = 0;
		for (; k + 8 <= n; k += 8) {
			memcpy(&x, s + k, 8);
			memcpy(c->p + k, &x, 8);
			bad |= json_word_unplain(x);
		}
		if (k < n) {
			memcpy(&x, s + n - 8, 8);
			memcpy(c->p + n - 8, &x, 8);
			bad |= json_word_unplain(x);
		}
	} else if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		memcpy(c->p, &lo, 4);
		memcpy(c->p + n - 4, &hi, 4);
		bad = json_word_unplain(lo | (uint64_t)hi << 32);
	} else if (n >= 2) {
		uint16_t lo, hi;
		memcpy(&lo, s, 2);
		memcpy(&hi, s + n - 2, 2);
		memcpy(c->p, &lo, 2);
		memcpy(c->p + n - 2, &hi, 2);
		bad = json_word_unplain(lo | (uint64_t)hi << 16 | 0x2020202000000000ULL);
	} else if (n) {
		*c->p = *s;
		bad = json_word_unplain((unsigned char)*s | 0x2020202020202000ULL);
	}
	c->p += n;
	return bad;
}

/* The string whose opening quote is at q written again by json_quote,
 * as json_string writes it (curly quotes, CJK, escapes), and room for
 * the rest reserved again. */
static void jcopy_escape(struct jcopy *c, char *q, const char *s, size_t n)
{
	struct strbuf *o = c->out;
	if (c->p > c->end) die("cli_json_line: a string overran its room");
	o->len = (size_t)(q - o->buf);
	c->nul |= memchr(s, '\0', n) != NULL;
	json_quote(o, s, n);
	ARRAY_RESERVE(o->buf, o->cap, o->len + c->room + 1);
	c->p = o->buf + o->len;
	c->end = c->p + c->room;
}

/* A string, quoted: copied when plain, else escaped. */
static inline void jcopy_quoted(struct jcopy *c, const char *s, size_t n)
{
	char *q = c->p;
	*c->p++ = '"';
	if (jcopy_bytes(c, s, n) & JSON_HIGHS) jcopy_escape(c, q, s, n);
	else *c->p++ = '"';
}

/* A string value, or null for none. */
static inline void jcopy_string(struct jcopy *c, const struct mx_span *sp)
{
	if (sp->s) jcopy_quoted(c, sp->s, sp->len);
	else JPUT(c, "null");
}

/* A list of strings as an object's value (inside an item of the
 * top-level array): one a line, six spaces in. */
static inline void jcopy_list(struct jcopy *c, const struct mx_span *l, size_t n)
{
	*c->p++ = '[';
	for (size_t i = 0; i < n; i++) {
		if (i) *c->p++ = ',';
		JPUT(c, "\n      ");
		jcopy_quoted(c, l[i].s, l[i].len);
	}
	if (n) JPUT(c, "\n    ");
	*c->p++ = ']';
}

/* The room an object can take when its strings are copied as they are:
 * its layout, its strings, and per list item or extra key the quotes,
 * comma and indent around it. */
#define JSON_LINE_FIXED 320
#define JSON_LINE_PER_ITEM 16

bool cli_json_line(struct json *j, const struct metaindex_line *ln)
{
	/* written as json_article writes it into a pretty top-level array
	 * (JSON_KEY, json_string, json_strlist, json_kv_string), its layout
	 * spelt out here: tests/unit/test_leanline.c compares the two */
	if (!j->pretty || j->depth != 1 || j->after_key) return false;
	const struct mx_span *one[6] = {&ln->id, &ln->title, &ln->source, &ln->url, &ln->summary,
					&ln->lang};
	size_t nl = ln->nauthors + ln->ntags + ln->nderived, room = JSON_LINE_FIXED;
	for (int i = 0; i < 6; i++) room += one[i]->len;
	for (size_t i = 0; i < nl; i++) room += ln->lists[i].len + JSON_LINE_PER_ITEM;
	for (size_t i = 0; i < 2 * ln->nextra; i++) room += ln->extra[i].len + JSON_LINE_PER_ITEM;
	char date[11];
	date_format(ln->date, date);
	const struct mx_span d = {*date ? date : NULL, !date[0] ? 0 : !date[4] ? 4 : !date[7] ? 7 : 10};
	struct json_undo undo;
	struct jcopy c = {j->out, json_raw_begin(j, room, &undo), NULL, room, false};
	c.end = c.p + room;
	JPUT(&c, "{\n    \"id\": ");
	jcopy_string(&c, &ln->id);
	JPUT(&c, ",\n    \"title\": ");
	jcopy_string(&c, &ln->title);
	JPUT(&c, ",\n    \"date\": ");
	jcopy_string(&c, &d);
	JPUT(&c, ",\n    \"date_from\": ");
	const char *from = article_date_from(ln->date, ln->flags);
	const struct mx_span df = {from, from ? strlen(from) : 0};
	jcopy_string(&c, &df);
	JPUT(&c, ",\n    \"source\": ");
	jcopy_string(&c, &ln->source);
	JPUT(&c, ",\n    \"url\": ");
	jcopy_string(&c, &ln->url);
	JPUT(&c, ",\n    \"authors\": ");
	jcopy_list(&c, ln->lists, ln->nauthors);
	JPUT(&c, ",\n    \"tags\": ");
	jcopy_list(&c, ln->lists + ln->nauthors, ln->ntags);
	JPUT(&c, ",\n    \"derived_tags\": ");
	jcopy_list(&c, ln->lists + ln->nauthors + ln->ntags, ln->nderived);
	JPUT(&c, ",\n    \"summary\": ");
	jcopy_string(&c, &ln->summary);
	JPUT(&c, ",\n    \"lang\": ");
	jcopy_string(&c, &ln->lang);
	JPUT(&c, ",\n    \"extra\": {");
	bool any = false;
	for (size_t k = 0; k < ln->nextra; k++) {
		const struct mx_span *key = &ln->extra[2 * k], *val = key + 1;
		bool dup = false; /* the first of a key wins, as metaindex_read keeps it */
		for (size_t x = 0; x < k && !dup; x++)
			dup = ln->extra[2 * x].len == key->len &&
			      memcmp(ln->extra[2 * x].s, key->s, key->len) == 0;
		if (dup) { /* not written, but a NUL in it and metaindex_read refuses the record */
			c.nul |= memchr(key->s, '\0', key->len) || (val->s && memchr(val->s, '\0', val->len));
			continue;
		}
		if (any) *c.p++ = ',';
		any = true;
		JPUT(&c, "\n      ");
		jcopy_quoted(&c, key->s, key->len);
		JPUT(&c, ": ");
		jcopy_string(&c, val);
	}
	if (any) JPUT(&c, "\n    ");
	JPUT(&c, "}\n  }");
	if (c.p > c.end) die("cli_json_line: the object overran its room of %zu bytes", room);
	if (c.nul) {
		json_raw_drop(j, &undo); /* the caller reads the record whole, and refuses it */
		return false;
	}
	json_raw_end(j, c.p);
	return true;
}
