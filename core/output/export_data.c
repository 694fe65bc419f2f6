/* SPDX-License-Identifier: MIT
 * The structured passage formats: JSON, YAML and W3C Web Annotation. One
 * object per passage with the article's citation fields (authors, title,
 * source, date, URL, citation key), its position, status, note and mark
 * tags. JSON and YAML escape controls (json_quote) instead of cleaning. */
#include "core/output/export_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/json.h"
#include "core/base/util.h"

static void json_strings(struct json *j, const char *key, char *const *v, size_t n)
{
	json_key(j, key);
	json_begin_array(j);
	for (size_t i = 0; i < n; i++) json_string(j, v[i]);
	json_end_array(j);
}

/* The fields every structured passage carries (JSON object members). */
static void json_passage(struct json *j, const struct export_item *it, const char *key)
{
	char date[11], when[32];
	json_kv_string(j, "id", export_item_id(it));
	json_kv_string(j, "citekey", key);
	json_kv_string(j, "title", export_item_title(it));
	json_strings(j, "authors", it->art ? it->art->authors.v : NULL, it->art ? it->art->authors.n : 0);
	json_kv_string(j, "source", it->art ? it->art->source : NULL);
	json_kv_string(j, "date", export_item_date(it, date) ? date : NULL);
	json_kv_string(j, "url", it->art ? it->art->url : NULL);
	json_kv_int(j, "start", (int64_t)it->anchor.start);
	json_kv_int(j, "end", (int64_t)it->anchor.end);
	json_kv_string(j, "status", mark_status_name(it->anchor.status));
	export_iso_time(it->mark->created, when);
	json_kv_string(j, "created", when);
	json_kv_string(j, "text", it->text);
	json_kv_string(j, "current", it->current);
	json_kv_string(j, "note", it->mark->note);
	json_strings(j, "tags", it->mark->tags, it->mark->ntags);
}

void export_render_json(const struct export_set *set, const struct citekeys *ck, struct strbuf *out)
{
	struct json j;
	json_init(&j, out, true);
	json_begin_object(&j);
	json_kv_string(&j, "generator", "dossier");
	json_key(&j, "passages");
	json_begin_array(&j);
	for (size_t i = 0; i < set->n; i++) {
		json_begin_object(&j);
		json_passage(&j, &set->items[i], export_item_key(set, ck, &set->items[i]));
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
}

/* "key: value" with the value in JSON quoting, which YAML reads unchanged. */
static void yaml_kv(struct strbuf *out, const char *indent, const char *key, const char *v)
{
	strbuf_addf(out, "%s%s: ", indent, key);
	if (v) json_quote(out, v, strlen(v));
	else strbuf_adds(out, "null");
	strbuf_addc(out, '\n');
}

static void yaml_list(struct strbuf *out, const char *key, char *const *v, size_t n)
{
	strbuf_addf(out, "    %s: [", key);
	for (size_t i = 0; i < n; i++) {
		if (i) strbuf_adds(out, ", ");
		json_quote(out, v[i], strlen(v[i]));
	}
	strbuf_adds(out, "]\n");
}

void export_render_yaml(const struct export_set *set, const struct citekeys *ck, struct strbuf *out)
{
	strbuf_adds(out, "# Marked passages exported by dossier\n");
	strbuf_adds(out, set->n ? "passages:\n" : "passages: []\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char date[11], when[32];
		yaml_kv(out, "  - ", "id", export_item_id(it));
		yaml_kv(out, "    ", "citekey", export_item_key(set, ck, it));
		yaml_kv(out, "    ", "title", export_item_title(it));
		yaml_list(out, "authors", it->art ? it->art->authors.v : NULL, it->art ? it->art->authors.n : 0);
		yaml_kv(out, "    ", "source", it->art ? it->art->source : NULL);
		yaml_kv(out, "    ", "date", export_item_date(it, date) ? date : NULL);
		yaml_kv(out, "    ", "url", it->art ? it->art->url : NULL);
		strbuf_addf(out, "    start: %zu\n    end: %zu\n", it->anchor.start, it->anchor.end);
		yaml_kv(out, "    ", "status", mark_status_name(it->anchor.status));
		export_iso_time(it->mark->created, when);
		yaml_kv(out, "    ", "created", when);
		yaml_kv(out, "    ", "text", it->text);
		yaml_kv(out, "    ", "current", it->current);
		yaml_kv(out, "    ", "note", it->mark->note);
		yaml_list(out, "tags", it->mark->tags, it->mark->ntags);
	}
}

static void text_body(struct json *j, const char *purpose, const char *value)
{
	json_begin_object(j);
	json_kv_string(j, "type", "TextualBody");
	json_kv_string(j, "purpose", purpose);
	json_kv_string(j, "format", "text/plain");
	json_kv_string(j, "value", value);
	json_end_object(j);
}

/* The bodies of one annotation: the citation (describing), the note
 * (commenting), one per mark tag (tagging). */
static void annotation_bodies(struct json *j, const struct export_item *it)
{
	char date[11];
	struct strbuf s = STRBUF_INIT;
	for (size_t i = 0; it->art && i < it->art->authors.n; i++)
		strbuf_addf(&s, "%s%s", i ? "; " : "", it->art->authors.v[i]);
	if (s.len) strbuf_adds(&s, ". ");
	strbuf_adds(&s, export_item_title(it) ? export_item_title(it) : export_item_id(it));
	if (it->art && it->art->source) strbuf_addf(&s, ". %s", it->art->source);
	if (export_item_date(it, date)) strbuf_addf(&s, ", %s", date);
	if (it->art && it->art->url) strbuf_addf(&s, ". %s", it->art->url);
	strbuf_addf(&s, ". ID: %s, code points %zu-%zu (%s)", export_item_id(it), it->anchor.start,
		    it->anchor.end, mark_status_name(it->anchor.status));
	if (it->current) strbuf_addf(&s, ". Marked as: %s", it->text);
	json_key(j, "body");
	json_begin_array(j);
	text_body(j, "describing", s.buf);
	if (it->mark->note) text_body(j, "commenting", it->mark->note);
	for (size_t i = 0; i < it->mark->ntags; i++) text_body(j, "tagging", it->mark->tags[i]);
	json_end_array(j);
	strbuf_free(&s);
}

void export_render_annotation(const struct export_set *set, struct strbuf *out)
{
	struct json j;
	json_init(&j, out, true);
	json_begin_object(&j);
	json_kv_string(&j, "@context", "http://www.w3.org/ns/anno.jsonld");
	json_kv_string(&j, "type", "AnnotationCollection");
	json_kv_string(&j, "label", "Marked passages exported by dossier");
	json_kv_int(&j, "total", (int64_t)set->n);
	json_key(&j, "first");
	json_begin_object(&j);
	json_kv_string(&j, "type", "AnnotationPage");
	json_kv_int(&j, "startIndex", 0);
	json_key(&j, "items");
	json_begin_array(&j);
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char when[32];
		struct strbuf s = STRBUF_INIT;
		strbuf_addf(&s, "urn:dossier:mark:%zu-%zu:", it->mark->start, it->mark->end);
		for (const unsigned char *p = (const unsigned char *)export_item_id(it); *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    strchr("/-._~", *p))
				strbuf_addc(&s, (char)*p);
			else
				strbuf_addf(&s, "%%%02X", *p);
		}
		json_begin_object(&j);
		json_kv_string(&j, "id", s.buf);
		json_kv_string(&j, "type", "Annotation");
		json_kv_string(&j, "motivation", it->mark->note ? "commenting" : "highlighting");
		export_iso_time(it->mark->created, when);
		json_kv_string(&j, "created", when);
		strbuf_free(&s);
		annotation_bodies(&j, it);
		json_key(&j, "target");
		json_begin_object(&j);
		json_kv_string(&j, "source", it->source ? it->source : "urn:dossier:missing-article");
		json_key(&j, "selector");
		json_begin_array(&j);
		json_begin_object(&j);
		/* selectors describe the document as it is: the current words */
		json_kv_string(&j, "type", "TextQuoteSelector");
		json_kv_string(&j, "exact", it->current ? it->current : it->text);
		json_kv_string(&j, "prefix", it->prefix);
		json_kv_string(&j, "suffix", it->suffix);
		json_end_object(&j);
		json_begin_object(&j);
		json_kv_string(&j, "type", "TextPositionSelector");
		json_kv_int(&j, "start", (int64_t)it->anchor.start);
		json_kv_int(&j, "end", (int64_t)it->anchor.end);
		json_end_object(&j);
		json_end_array(&j);
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_end_object(&j);
}

