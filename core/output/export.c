/* SPDX-License-Identifier: MIT
 * Export of marked passages. Building the set (reading bodies, re-anchoring)
 * is separate from rendering, so the CLI and the TUI share both, and each
 * format is one small function over the same items. Text formats pass every
 * string through export_clean(): control and bidi characters become visible
 * placeholders, invalid UTF-8 becomes U+FFFD; JSON and YAML escape them.
 * The citation formats live in export_cite.c. */
#include "core/output/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>

#include "core/text/article_text.h"
#include "core/base/date.h"
#include "core/output/export_int.h"
#include "core/base/fsutil.h"
#include "core/base/json.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static const struct {
	const char *name, *ext;
	enum export_format f;
} formats[] = {
	{"md", "md", EXPORT_MD},           {"markdown", "markdown", EXPORT_MD},
	{"txt", "txt", EXPORT_TXT},        {"text", "txt", EXPORT_TXT},
	{"yaml", "yaml", EXPORT_YAML},     {"yml", "yml", EXPORT_YAML},
	{"csl", "csl.json", EXPORT_CSL},   {"csl-json", "csl.json", EXPORT_CSL},
	{"json", "json", EXPORT_JSON},     {"org", "org", EXPORT_ORG},
	{"annotation", "jsonld", EXPORT_ANNOTATION},
	{"bibtex", "bib", EXPORT_BIBTEX},  {"biblatex", "bib", EXPORT_BIBTEX},
	{"ris", "ris", EXPORT_RIS},
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

/* One mark of art; doc is the article's text (NULL when it could not be
 * read), raw the body it was rendered from. Quotes come from the text. */
static void add_item(struct export_set *set, const struct article *art, const struct mark *m,
		     const struct render_doc *doc, const char *raw, size_t raw_len)
{
	ARRAY_RESERVE(set->items, set->cap, set->n + 1);
	struct export_item *it = &set->items[set->n++];
	*it = (struct export_item){.art = art, .mark = m};
	it->anchor = doc ? article_text_anchor(m, doc, raw, raw_len)
			 : (struct mark_anchor){MARK_ORPHANED, m->start, m->end};
	const char *body = doc ? doc->text : "";
	size_t len = doc ? doc->len : 0;
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
	if (it->anchor.status == MARK_CHANGED) { /* the words as marked, and as they are now */
		it->current = it->text;
		it->text = xstrdup(m->text);
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
	set->coll = c;
	for (size_t i = 0; i < c->n; i++) {
		const struct mark *first;
		size_t nm = store_marks_for(st, c->items[i].id, &first);
		if (!nm || (filter && !filter(ctx, i))) continue;
		size_t len = 0;
		char *raw = NULL;
		struct render_doc *doc = article_text_load_raw(&c->items[i], &raw, &len, diags);
		size_t from = set->n;
		for (size_t k = 0; k < nm; k++) add_item(set, &c->items[i], &first[k], doc, raw, len);
		qsort(set->items + from, set->n - from, sizeof *set->items, cmp_item);
		render_doc_free(doc);
		free(raw);
	}
	if (filter) return;
	const struct mark *all = store_marks(st);
	for (size_t k = 0; k < store_mark_count(st); k++)
		if (collection_find(c, all[k].article) < 0) add_item(set, NULL, &all[k], NULL, NULL, 0);
}

void export_set_free(struct export_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->items[i].text);
		free(set->items[i].current);
		free(set->items[i].prefix);
		free(set->items[i].suffix);
		free(set->items[i].source);
	}
	free(set->items);
	memset(set, 0, sizeof *set);
}

void export_set_retain(struct export_set *set, bool (*keep)(void *ctx, const struct export_item *it),
		       void *ctx)
{
	size_t k = 0;
	for (size_t i = 0; i < set->n; i++) {
		struct export_item *it = &set->items[i];
		if (keep(ctx, it)) {
			set->items[k++] = *it;
			continue;
		}
		free(it->text);
		free(it->current);
		free(it->prefix);
		free(it->suffix);
		free(it->source);
	}
	set->n = k;
}

/* ---- rendering helpers ------------------------------------------------- */

static bool is_bidi(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

void export_clean(struct strbuf *out, const char *s, bool single_line)
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



bool export_item_date(const struct export_item *it, char out[11])
{
	if (!it->art || it->art->date <= 0) return false;
	int d = it->art->date, y = (d / 10000) % 10000, m = (d / 100) % 100;
	if (!m) snprintf(out, 11, "%04d", y);
	else if (!(d % 100)) snprintf(out, 11, "%04d-%02d", y, m);
	else snprintf(out, 11, "%04d-%02d-%02d", y, m, d % 100);
	return true;
}

int export_accessed(const struct article *a)
{
	static const char *const keys[] = {"accessed", "retrieved", "urldate", "fetched", "clipped"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const char *v = article_get_extra(a, keys[i]);
		int ymd;
		if (v && date_parse(v, &ymd)) return ymd;
	}
	return 0;
}

const char *export_item_key(const struct export_set *set, const struct citekeys *ck,
			    const struct export_item *it)
{
	if (!it->art || !set->coll || !ck) return NULL;
	return citekeys_get(ck, (size_t)(it->art - set->coll->items));
}

bool export_new_article(const struct export_set *set, size_t i)
{
	return i == 0 || strcmp(set->items[i].mark->article, set->items[i - 1].mark->article) != 0;
}

/* The authors as written, joined by "; " (nothing when none). */
static void authors_line(struct strbuf *out, const struct export_item *it)
{
	for (size_t i = 0; it->art && i < it->art->authors.n; i++) {
		if (i) strbuf_adds(out, "; ");
		export_clean(out, it->art->authors.v[i], true);
	}
}

static bool has_authors(const struct export_item *it) { return it->art && it->art->authors.n; }

/* "evidence, key-quote" */
static void tags_line(struct strbuf *out, const struct mark *m, const char *hash)
{
	for (size_t i = 0; i < m->ntags; i++) {
		if (i) strbuf_adds(out, hash[0] ? " " : ", ");
		strbuf_adds(out, hash);
		export_clean(out, m->tags[i], true);
	}
}

void export_iso_time(int64_t t, char out[32])
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
	export_clean(&c, text, false);
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

/* The passage's note, tags and (when changed) current wording, as
 * "label: value" lines in the text formats. */
static void text_extras(struct strbuf *out, const struct export_item *it, const char *indent)
{
	if (it->current) {
		strbuf_addf(out, "%sNow reads: ", indent);
		export_clean(out, it->current, true);
		strbuf_addc(out, '\n');
	}
	if (it->mark->note) {
		strbuf_addf(out, "%sNote: ", indent);
		export_clean(out, it->mark->note, true);
		strbuf_addc(out, '\n');
	}
	if (it->mark->ntags) {
		strbuf_addf(out, "%sTags: ", indent);
		tags_line(out, it->mark, "#");
		strbuf_addc(out, '\n');
	}
}

static void render_md(const struct export_set *set, const struct citekeys *ck, bool cite,
		      struct strbuf *out)
{
	if (cite) { /* the references as pandoc metadata: CSL items, JSON being YAML */
		strbuf_adds(out, "---\nreferences:\n");
		for (size_t i = 0; i < set->n; i++) {
			const struct export_item *it = &set->items[i];
			if (!it->art || !export_new_article(set, i)) continue;
			struct json j;
			strbuf_adds(out, "- ");
			json_init(&j, out, false);
			export_csl_item(&j, it->art, export_item_key(set, ck, it));
			strbuf_addc(out, '\n');
		}
		strbuf_adds(out, "...\n\n");
	}
	strbuf_adds(out, "# Marked passages\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		if (export_new_article(set, i)) {
			char date[11];
			strbuf_adds(out, "\n## ");
			export_clean(out, export_item_title(it) ? export_item_title(it) : export_item_id(it), true);
			strbuf_adds(out, "\n\n");
			if (has_authors(it)) {
				strbuf_adds(out, "- Authors: ");
				authors_line(out, it);
				strbuf_addc(out, '\n');
			}
			if (it->art && it->art->source) {
				strbuf_adds(out, "- Source: ");
				export_clean(out, it->art->source, true);
				strbuf_addc(out, '\n');
			}
			if (export_item_date(it, date)) strbuf_addf(out, "- Date: %s\n", date);
			if (it->art && it->art->url) {
				strbuf_adds(out, "- URL: <");
				export_clean(out, it->art->url, true);
				strbuf_adds(out, ">\n");
			}
			strbuf_adds(out, "- ID: ");
			export_clean(out, export_item_id(it), true);
			strbuf_addc(out, '\n');
		}
		strbuf_addc(out, '\n');
		add_lines(out, it->text, "> ", false);
		strbuf_adds(out, "\n— ");
		const char *key = cite ? export_item_key(set, ck, it) : NULL;
		if (key) strbuf_addf(out, "[@%s]; ", key);
		export_clean(out, export_item_id(it), true);
		strbuf_addf(out, ", code points %zu–%zu", it->anchor.start, it->anchor.end);
		if (it->anchor.status == MARK_ORPHANED) strbuf_adds(out, " (orphaned: not found in the current text)");
		if (it->current) {
			strbuf_adds(out, " (changed since marked; the text now reads: “");
			export_clean(out, it->current, true);
			strbuf_adds(out, "”)");
		}
		strbuf_addc(out, '\n');
		if (it->mark->note) {
			strbuf_adds(out, "\n**Note:** ");
			export_clean(out, it->mark->note, true);
			strbuf_addc(out, '\n');
		}
		if (it->mark->ntags) {
			strbuf_adds(out, "\nTags: ");
			tags_line(out, it->mark, "#");
			strbuf_addc(out, '\n');
		}
	}
	if (cite) strbuf_adds(out, "\n## References\n\n::: {#refs}\n:::\n");
}

static void render_txt(const struct export_set *set, struct strbuf *out)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char date[11];
		if (i) strbuf_adds(out, "\n----\n\n");
		export_clean(out, export_item_title(it) ? export_item_title(it) : export_item_id(it), true);
		strbuf_addc(out, '\n');
		if (has_authors(it)) {
			strbuf_adds(out, "Authors: ");
			authors_line(out, it);
			strbuf_addc(out, '\n');
		}
		if (it->art && it->art->source) {
			strbuf_adds(out, "Source: ");
			export_clean(out, it->art->source, true);
			strbuf_addc(out, '\n');
		}
		if (export_item_date(it, date)) strbuf_addf(out, "Date: %s\n", date);
		if (it->art && it->art->url) {
			strbuf_adds(out, "URL: ");
			export_clean(out, it->art->url, true);
			strbuf_addc(out, '\n');
		}
		strbuf_adds(out, "ID: ");
		export_clean(out, export_item_id(it), true);
		strbuf_addf(out, "\nPosition: %zu-%zu (%s)\n", it->anchor.start, it->anchor.end,
			    mark_status_name(it->anchor.status));
		text_extras(out, it, "");
		strbuf_addc(out, '\n');
		add_lines(out, it->text, "", false);
	}
}

static void render_org(const struct export_set *set, struct strbuf *out)
{
	strbuf_adds(out, "#+TITLE: Marked passages\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		char date[11];
		if (export_new_article(set, i)) {
			strbuf_adds(out, "\n* ");
			export_clean(out, export_item_title(it) ? export_item_title(it) : export_item_id(it), true);
			strbuf_adds(out, "\n:PROPERTIES:\n:DOSSIER_ID: ");
			export_clean(out, export_item_id(it), true);
			if (has_authors(it)) {
				strbuf_adds(out, "\n:AUTHORS: ");
				authors_line(out, it);
			}
			if (it->art && it->art->source) {
				strbuf_adds(out, "\n:SOURCE: ");
				export_clean(out, it->art->source, true);
			}
			if (export_item_date(it, date)) strbuf_addf(out, "\n:DATE: %s", date);
			if (it->art && it->art->url) {
				strbuf_adds(out, "\n:URL: ");
				export_clean(out, it->art->url, true);
			}
			strbuf_adds(out, "\n:END:\n");
		}
		strbuf_addf(out, "\n** Passage at %zu-%zu (%s)\n#+BEGIN_QUOTE\n", it->anchor.start,
			    it->anchor.end, mark_status_name(it->anchor.status));
		add_lines(out, it->text, "", true);
		strbuf_adds(out, "#+END_QUOTE\n");
		struct strbuf ex = STRBUF_INIT;
		text_extras(&ex, it, "");
		if (ex.len) add_lines(out, ex.buf, "", true);
		strbuf_free(&ex);
	}
}

void export_render_opts(const struct export_set *set, enum export_format f,
			const struct export_opts *o, struct strbuf *out)
{
	bool cite = o && o->cite;
	struct citekeys ck = {0};
	if (set->coll) citekeys_build(&ck, set->coll);
	switch (f) {
	case EXPORT_MD: render_md(set, &ck, cite, out); break;
	case EXPORT_TXT: render_txt(set, out); break;
	case EXPORT_YAML: export_render_yaml(set, &ck, out); break;
	case EXPORT_JSON: export_render_json(set, &ck, out); break;
	case EXPORT_ORG: render_org(set, out); break;
	case EXPORT_ANNOTATION: export_render_annotation(set, out); break;
	case EXPORT_CSL: export_render_csl(set, &ck, out); break;
	case EXPORT_BIBTEX: export_render_bibtex(set, &ck, out); break;
	case EXPORT_RIS: export_render_ris(set, &ck, out); break;
	}
	citekeys_free(&ck);
}

void export_render(const struct export_set *set, enum export_format f, struct strbuf *out)
{
	export_render_opts(set, f, NULL, out);
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
