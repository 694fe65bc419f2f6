/* SPDX-License-Identifier: MIT
 * Export of marked passages. Building the set (reading bodies, re-anchoring)
 * is separate from rendering, so the CLI and the TUI share both, and each
 * format is one small function over the same items. Text formats pass every
 * string through clean(): control and bidi characters become visible
 * placeholders, invalid UTF-8 becomes U+FFFD; JSON and YAML escape them. */
#include "core/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>

#include "core/fsutil.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/util.h"

static const struct {
	const char *name, *ext;
	enum export_format f;
} formats[] = {
	{"md", "md", EXPORT_MD},           {"markdown", "markdown", EXPORT_MD},
	{"txt", "txt", EXPORT_TXT},        {"text", "txt", EXPORT_TXT},
	{"yaml", "yaml", EXPORT_YAML},     {"yml", "yml", EXPORT_YAML},
	{"json", "json", EXPORT_JSON},     {"org", "org", EXPORT_ORG},
	{"annotation", "jsonld", EXPORT_ANNOTATION},
};

bool export_format_parse(const char *name, enum export_format *f)
{
	for (size_t i = 0; i < ARRAY_LEN(formats); i++)
		if (strcmp(formats[i].name, name) == 0) {
			*f = formats[i].f;
			return true;
		}
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

bool export_format_from_path(const char *path, enum export_format *f)
{
	if (ends_with(path, ".annotation.json")) {
		*f = EXPORT_ANNOTATION;
		return true;
	}
	for (size_t i = 0; i < ARRAY_LEN(formats); i++) {
		char ext[16];
		snprintf(ext, sizeof ext, ".%s", formats[i].ext);
		if (ends_with(path, ext)) {
			*f = formats[i].f;
			return true;
		}
	}
	return false;
}

const char *export_format_name(enum export_format f)
{
	for (size_t i = 0; i < ARRAY_LEN(formats); i++)
		if (formats[i].f == f) return formats[i].name;
	return "?";
}

char *export_default_name(enum export_format f)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	const char *ext = "md";
	for (size_t i = 0; i < ARRAY_LEN(formats); i++)
		if (formats[i].f == f) {
			ext = formats[i].ext;
			break;
		}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "dossier-marks-%s.%s", day, ext);
	return strbuf_steal(&sb);
}

/* ---- building ---------------------------------------------------------- */

static char *file_uri(const char *path)
{
	char *abs = fsutil_abspath(path);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			strbuf_addc(&sb, (char)*p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	free(abs);
	return strbuf_steal(&sb);
}

static void add_item(struct export_set *set, const struct article *art, const struct mark *m,
		     const char *body, size_t len, bool have_body)
{
	ARRAY_RESERVE(set->items, set->cap, set->n + 1);
	struct export_item *it = &set->items[set->n++];
	*it = (struct export_item){.art = art, .mark = m};
	it->anchor = have_body ? mark_anchor(m, body, len)
			       : (struct mark_anchor){MARK_ORPHANED, m->start, m->end};
	if (it->anchor.status == MARK_ORPHANED) {
		it->text = xstrdup(m->text);
		it->prefix = xstrdup(m->prefix);
		it->suffix = xstrdup(m->suffix);
	} else {
		size_t s = it->anchor.start, e = it->anchor.end;
		it->text = mark_slice(body, len, s, e);
		it->prefix = mark_slice(body, len, s > MARK_CONTEXT ? s - MARK_CONTEXT : 0, s);
		it->suffix = mark_slice(body, len, e, e + MARK_CONTEXT);
	}
	if (art && art->url && *art->url) it->source = xstrdup(art->url);
	else if (art && art->path) it->source = file_uri(art->path);
}

static int cmp_item(const void *a, const void *b)
{
	const struct export_item *x = a, *y = b;
	if (x->anchor.start != y->anchor.start) return x->anchor.start < y->anchor.start ? -1 : 1;
	return x->anchor.end < y->anchor.end ? -1 : x->anchor.end > y->anchor.end;
}

void export_set_build(struct export_set *set, const struct collection *c, const struct store *st,
		      bool (*filter)(void *ctx, size_t art), void *ctx, struct diag_list *diags)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct mark *first;
		size_t nm = store_marks_for(st, c->items[i].id, &first);
		if (!nm || (filter && !filter(ctx, i))) continue;
		size_t len = 0;
		char *body = article_body_read(&c->items[i], &len, diags);
		size_t from = set->n;
		for (size_t k = 0; k < nm; k++) add_item(set, &c->items[i], &first[k], body, len, body != NULL);
		qsort(set->items + from, set->n - from, sizeof *set->items, cmp_item);
		free(body);
	}
	if (filter) return;
	const struct mark *all = store_marks(st);
	for (size_t k = 0; k < store_mark_count(st); k++)
		if (collection_find(c, all[k].article) < 0) add_item(set, NULL, &all[k], NULL, 0, false);
}

void export_set_free(struct export_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->items[i].text);
		free(set->items[i].prefix);
		free(set->items[i].suffix);
		free(set->items[i].source);
	}
	free(set->items);
	memset(set, 0, sizeof *set);
}

/* ---- rendering helpers ------------------------------------------------- */

static bool is_bidi(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

/* Text-format policy: C0/DEL as ^X, C1 and bidi controls as <U+XXXX>,
 * invalid bytes as U+FFFD, U+2028/2029 as a newline; with single_line,
 * newlines and tabs become spaces. */
static void clean(struct strbuf *out, const char *s, bool single_line)
{
	if (!s) return;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		int32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' || cp == 0x2028 || cp == 0x2029) strbuf_addc(out, single_line ? ' ' : '\n');
		else if (cp == '\t') strbuf_addc(out, single_line ? ' ' : '\t');
		else if (cp < 0x20) strbuf_addf(out, "^%c", (char)(cp + '@'));
		else if (cp == 0x7f) strbuf_adds(out, "^?");
		else if ((cp >= 0x80 && cp <= 0x9f) || is_bidi(cp)) strbuf_addf(out, "<U+%04X>", (unsigned)cp);
		else if (cp == UTF8_REPLACEMENT) strbuf_adds(out, "\xEF\xBF\xBD");
		else strbuf_add(out, s + i, k);
		i += k;
	}
}

static const char *status_name(enum mark_status s)
{
	return s == MARK_OK ? "ok" : s == MARK_MOVED ? "moved" : "orphaned";
}

static const char *item_id(const struct export_item *it) { return it->mark->article; }
static const char *item_title(const struct export_item *it) { return it->art ? it->art->title : NULL; }

static bool item_date(const struct export_item *it, char out[11])
{
	if (!it->art || it->art->date <= 0) return false;
	int d = it->art->date;
	snprintf(out, 11, "%04d-%02d-%02d", (d / 10000) % 10000, (d / 100) % 100, d % 100);
	return true;
}

static void iso_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	out[0] = '\0';
	if (gmtime_r(&tt, &tm)) strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Each line of text, prefixed (for quotes), with an Org escape when asked. */
static void add_lines(struct strbuf *out, const char *text, const char *prefix, bool org)
{
	struct strbuf c = STRBUF_INIT;
	clean(&c, text, false);
	const char *p = strbuf_str(&c);
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		strbuf_adds(out, prefix);
		if (org && (p[0] == '*' || (p[0] == '#' && p[1] == '+') || p[0] == ',')) strbuf_addc(out, ',');
		strbuf_add(out, p, n);
		strbuf_addc(out, '\n');
		if (!nl) break;
		p = nl + 1;
	}
	strbuf_free(&c);
}

/* ---- formats ----------------------------------------------------------- */

static void render_md(const struct export_set *set, struct strbuf *out)
{
	strbuf_adds(out, "# Marked passages\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		if (i == 0 || strcmp(item_id(it), item_id(&set->items[i - 1])) != 0) {
			char date[11];
			strbuf_adds(out, "\n## ");
			clean(out, item_title(it) ? item_title(it) : item_id(it), true);
			strbuf_adds(out, "\n\n");
			if (it->art && it->art->source) {
				strbuf_adds(out, "- Source: ");
				clean(out, it->art->source, true);
				strbuf_addc(out, '\n');
			}
			if (item_date(it, date)) strbuf_addf(out, "- Date: %s\n", date);
			if (it->art && it->art->url) {
				strbuf_adds(out, "- URL: <");
				clean(out, it->art->url, true);
				strbuf_adds(out, ">\n");
			}
			strbuf_adds(out, "- ID: ");
			clean(out, item_id(it), true);
			strbuf_addc(out, '\n');
		}
		strbuf_addc(out, '\n');
		add_lines(out, it->text, "> ", false);
		strbuf_adds(out, "\n— ");
		clean(out, item_id(it), true);
		strbuf_addf(out, ", code points %zu–%zu", it->anchor.start, it->anchor.end);
		if (it->anchor.status == MARK_ORPHANED) strbuf_adds(out, " (orphaned: not found in the current text)");
		strbuf_addc(out, '\n');
	}
}

static void render_txt(const struct export_set *set, struct strbuf *out)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char date[11];
		if (i) strbuf_adds(out, "\n----\n\n");
		clean(out, item_title(it) ? item_title(it) : item_id(it), true);
		strbuf_addc(out, '\n');
		if (it->art && it->art->source) {
			strbuf_adds(out, "Source: ");
			clean(out, it->art->source, true);
			strbuf_addc(out, '\n');
		}
		if (item_date(it, date)) strbuf_addf(out, "Date: %s\n", date);
		if (it->art && it->art->url) {
			strbuf_adds(out, "URL: ");
			clean(out, it->art->url, true);
			strbuf_addc(out, '\n');
		}
		strbuf_adds(out, "ID: ");
		clean(out, item_id(it), true);
		strbuf_addf(out, "\nPosition: %zu-%zu (%s)\n\n", it->anchor.start, it->anchor.end,
			    status_name(it->anchor.status));
		add_lines(out, it->text, "", false);
	}
}

static void render_org(const struct export_set *set, struct strbuf *out)
{
	strbuf_adds(out, "#+TITLE: Marked passages\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char date[11];
		if (i == 0 || strcmp(item_id(it), item_id(&set->items[i - 1])) != 0) {
			strbuf_adds(out, "\n* ");
			clean(out, item_title(it) ? item_title(it) : item_id(it), true);
			strbuf_adds(out, "\n:PROPERTIES:\n:DOSSIER_ID: ");
			clean(out, item_id(it), true);
			if (it->art && it->art->source) {
				strbuf_adds(out, "\n:SOURCE: ");
				clean(out, it->art->source, true);
			}
			if (item_date(it, date)) strbuf_addf(out, "\n:DATE: %s", date);
			if (it->art && it->art->url) {
				strbuf_adds(out, "\n:URL: ");
				clean(out, it->art->url, true);
			}
			strbuf_adds(out, "\n:END:\n");
		}
		strbuf_addf(out, "\n** Passage at %zu-%zu (%s)\n#+BEGIN_QUOTE\n", it->anchor.start,
			    it->anchor.end, status_name(it->anchor.status));
		add_lines(out, it->text, "", true);
		strbuf_adds(out, "#+END_QUOTE\n");
	}
}

/* The fields every structured passage carries (JSON object members). */
static void json_passage(struct json *j, const struct export_item *it)
{
	char date[11], when[32];
	json_kv_string(j, "id", item_id(it));
	json_kv_string(j, "title", item_title(it));
	json_kv_string(j, "source", it->art ? it->art->source : NULL);
	json_kv_string(j, "date", item_date(it, date) ? date : NULL);
	json_kv_string(j, "url", it->art ? it->art->url : NULL);
	json_kv_int(j, "start", (int64_t)it->anchor.start);
	json_kv_int(j, "end", (int64_t)it->anchor.end);
	json_kv_string(j, "status", status_name(it->anchor.status));
	iso_time(it->mark->created, when);
	json_kv_string(j, "created", when);
	json_kv_string(j, "text", it->text);
}

static void render_json(const struct export_set *set, struct strbuf *out)
{
	struct json j;
	json_init(&j, out, true);
	json_begin_object(&j);
	json_kv_string(&j, "generator", "dossier");
	json_key(&j, "passages");
	json_begin_array(&j);
	for (size_t i = 0; i < set->n; i++) {
		json_begin_object(&j);
		json_passage(&j, &set->items[i]);
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

static void render_yaml(const struct export_set *set, struct strbuf *out)
{
	strbuf_adds(out, "# Marked passages exported by dossier\n");
	strbuf_adds(out, set->n ? "passages:\n" : "passages: []\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char date[11], when[32];
		yaml_kv(out, "  - ", "id", item_id(it));
		yaml_kv(out, "    ", "title", item_title(it));
		yaml_kv(out, "    ", "source", it->art ? it->art->source : NULL);
		yaml_kv(out, "    ", "date", item_date(it, date) ? date : NULL);
		yaml_kv(out, "    ", "url", it->art ? it->art->url : NULL);
		strbuf_addf(out, "    start: %zu\n    end: %zu\n", it->anchor.start, it->anchor.end);
		yaml_kv(out, "    ", "status", status_name(it->anchor.status));
		iso_time(it->mark->created, when);
		yaml_kv(out, "    ", "created", when);
		yaml_kv(out, "    ", "text", it->text);
	}
}

static void render_annotation(const struct export_set *set, struct strbuf *out)
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
		char when[32], date[11];
		struct strbuf s = STRBUF_INIT;
		strbuf_addf(&s, "urn:dossier:mark:%zu-%zu:", it->mark->start, it->mark->end);
		for (const unsigned char *p = (const unsigned char *)item_id(it); *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    strchr("/-._~", *p))
				strbuf_addc(&s, (char)*p);
			else
				strbuf_addf(&s, "%%%02X", *p);
		}
		json_begin_object(&j);
		json_kv_string(&j, "id", s.buf);
		json_kv_string(&j, "type", "Annotation");
		json_kv_string(&j, "motivation", "highlighting");
		iso_time(it->mark->created, when);
		json_kv_string(&j, "created", when);
		/* The citation, for readers of the annotation. */
		strbuf_reset(&s);
		strbuf_adds(&s, item_title(it) ? item_title(it) : item_id(it));
		if (it->art && it->art->source) strbuf_addf(&s, ". %s", it->art->source);
		if (item_date(it, date)) strbuf_addf(&s, ", %s", date);
		if (it->art && it->art->url) strbuf_addf(&s, ". %s", it->art->url);
		strbuf_addf(&s, ". ID: %s, code points %zu-%zu (%s)", item_id(it), it->anchor.start,
			    it->anchor.end, status_name(it->anchor.status));
		json_key(&j, "body");
		json_begin_object(&j);
		json_kv_string(&j, "type", "TextualBody");
		json_kv_string(&j, "purpose", "describing");
		json_kv_string(&j, "format", "text/plain");
		json_kv_string(&j, "value", s.buf);
		json_end_object(&j);
		strbuf_free(&s);
		json_key(&j, "target");
		json_begin_object(&j);
		json_kv_string(&j, "source", it->source ? it->source : "urn:dossier:missing-article");
		json_key(&j, "selector");
		json_begin_array(&j);
		json_begin_object(&j);
		json_kv_string(&j, "type", "TextQuoteSelector");
		json_kv_string(&j, "exact", it->text);
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

void export_render(const struct export_set *set, enum export_format f, struct strbuf *out)
{
	switch (f) {
	case EXPORT_MD: render_md(set, out); break;
	case EXPORT_TXT: render_txt(set, out); break;
	case EXPORT_YAML: render_yaml(set, out); break;
	case EXPORT_JSON: render_json(set, out); break;
	case EXPORT_ORG: render_org(set, out); break;
	case EXPORT_ANNOTATION: render_annotation(set, out); break;
	}
}

int export_write(const char *path, const char *data, size_t len, bool force, const char **step)
{
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		*step = "check"; /* rename() would put a file where /dev/null was */
		return EPERM;
	}
	return fsutil_write_atomic(path, data, len, force ? 0 : FSUTIL_NO_OVERWRITE, step);
}
