/* SPDX-License-Identifier: MIT
 * A listing's line (TSV) or object (--json) written straight from spans
 * of an article's record in the cache (metaindex_read_line), for the
 * lean listing of many hits (cli_lean.c). Why: printing every article of
 * a million, copying each record's strings, measuring them and scanning
 * them field by field was most of the time. Only text every output
 * policy writes as it is (printable ASCII; for JSON without quote or
 * backslash) takes this path, so the bytes are cli_list_article's; any
 * other record declines and is printed by cli_list_article. */
#include "core/cli/cli.h"

#include <string.h>

#include "core/base/date.h"
#include "core/base/json.h"
#include "core/base/strbuf.h"
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

static bool json_plain(const struct mx_span *sp)
{
	return !sp->s || json_plain_span(sp->s, sp->len) == sp->len;
}

static void json_plain_list(struct json *j, const struct mx_span *l, size_t n)
{
	json_begin_array(j);
	for (size_t i = 0; i < n; i++) json_string_plain(j, l[i].s, l[i].len);
	json_end_array(j);
}

bool cli_json_line(struct json *j, const struct metaindex_line *ln)
{
	const struct mx_span *one[6] = {&ln->id, &ln->title, &ln->source, &ln->url, &ln->summary,
					&ln->lang};
	size_t nl = ln->nauthors + ln->ntags + ln->nderived;
	for (int i = 0; i < 6; i++)
		if (!json_plain(one[i])) return false;
	for (size_t i = 0; i < nl; i++)
		if (!json_plain(&ln->lists[i])) return false;
	for (size_t i = 0; i < 2 * ln->nextra; i++)
		if (!json_plain(&ln->extra[i])) return false;
	char date[11];
	date_format(ln->date, date);
	json_begin_object(j); /* as json_article writes it */
#define KV(lit, sp) json_kv_plain(j, "" lit, sizeof(lit) - 1, (sp)->s, (sp)->len)
	KV("id", &ln->id);
	KV("title", &ln->title);
	const struct mx_span d = {*date ? date : NULL, strlen(date)};
	KV("date", &d);
	KV("source", &ln->source);
	KV("url", &ln->url);
	JSON_KEY(j, "authors");
	json_plain_list(j, ln->lists, ln->nauthors);
	JSON_KEY(j, "tags");
	json_plain_list(j, ln->lists + ln->nauthors, ln->ntags);
	JSON_KEY(j, "derived_tags");
	json_plain_list(j, ln->lists + ln->nauthors + ln->ntags, ln->nderived);
	KV("summary", &ln->summary);
	KV("lang", &ln->lang);
#undef KV
	JSON_KEY(j, "extra");
	json_begin_object(j);
	for (size_t k = 0; k < ln->nextra; k++) {
		const struct mx_span *key = &ln->extra[2 * k], *val = key + 1;
		bool dup = false; /* the first of a key wins, as metaindex_read keeps it */
		for (size_t x = 0; x < k && !dup; x++)
			dup = ln->extra[2 * x].len == key->len &&
			      memcmp(ln->extra[2 * x].s, key->s, key->len) == 0;
		if (dup) continue;
		json_kv_plain(j, key->s, key->len, val->s, val->len);
	}
	json_end_object(j);
	json_end_object(j);
	return true;
}
