/* SPDX-License-Identifier: MIT
 * References for the articles whose passages are exported: CSL-JSON (what
 * pandoc --citeproc and Zotero read), biblatex and RIS. One entry per
 * article, under the collection-wide citation key (core/output/citekey.c), with
 * author names split by core/output/names.c. Every string is cleaned of controls
 * first; BibTeX values are TeX-escaped with UTF-8 kept, RIS values are one
 * line each. */
#include "core/output/export_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/output/names.h"
#include "core/base/util.h"

/* Cleaned single-line copy. Caller frees. */
static char *clean1(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	export_clean(&sb, s, true);
	strbuf_addc(&sb, '\0');
	return strbuf_steal(&sb);
}

static const char *csl_type(const struct article *a)
{
	return a->source && *a->source ? "article-newspaper" : "webpage";
}

/* {"date-parts": [[Y, M, D]]}, as far as the date is known. */
static void csl_date(struct json *j, const char *key, int ymd)
{
	json_key(j, key);
	json_begin_object(j);
	json_key(j, "date-parts");
	json_begin_array(j);
	json_begin_array(j);
	json_int(j, ymd / 10000);
	if ((ymd / 100) % 100) json_int(j, (ymd / 100) % 100);
	if ((ymd / 100) % 100 && ymd % 100) json_int(j, ymd % 100);
	json_end_array(j);
	json_end_array(j);
	json_end_object(j);
}

static void csl_str(struct json *j, const char *key, const char *v)
{
	if (!v || !*v) return;
	char *c = clean1(v);
	json_kv_string(j, key, c);
	free(c);
}

void export_csl_item(struct json *j, const struct article *a, const char *key)
{
	json_begin_object(j);
	json_kv_string(j, "id", key);
	json_kv_string(j, "type", csl_type(a));
	csl_str(j, "title", a->title);
	if (a->authors.n) {
		json_key(j, "author");
		json_begin_array(j);
		for (size_t i = 0; i < a->authors.n; i++) {
			struct name n;
			if (!name_split(a->authors.v[i], &n)) continue;
			json_begin_object(j);
			csl_str(j, "literal", n.literal);
			csl_str(j, "family", n.family);
			csl_str(j, "given", n.given);
			csl_str(j, "non-dropping-particle", n.particle);
			csl_str(j, "suffix", n.suffix);
			json_end_object(j);
			name_free(&n);
		}
		json_end_array(j);
	}
	if (a->date > 0) csl_date(j, "issued", a->date);
	csl_str(j, "container-title", a->source);
	csl_str(j, "URL", a->url);
	int acc = export_accessed(a);
	if (acc) csl_date(j, "accessed", acc);
	json_end_object(j);
}

void export_render_csl(const struct export_set *set, const struct citekeys *ck, struct strbuf *out)
{
	struct json j;
	json_init(&j, out, true);
	json_begin_array(&j);
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		if (it->art && export_new_article(set, i))
			export_csl_item(&j, it->art, export_item_key(set, ck, it));
	}
	json_end_array(&j);
	strbuf_addc(out, '\n');
}

/* ---- biblatex ------------------------------------------------------------ */

/* TeX specials escaped; everything else, UTF-8 included, as it is. */
static void tex_escape(struct strbuf *out, const char *s)
{
	char *c = clean1(s);
	for (const char *p = c; *p; p++) {
		switch (*p) {
		case '\\': strbuf_adds(out, "\\textbackslash{}"); break;
		case '{': case '}': case '$': case '&': case '#': case '_': case '%':
			strbuf_addc(out, '\\');
			strbuf_addc(out, *p);
			break;
		case '^': strbuf_adds(out, "\\textasciicircum{}"); break;
		case '~': strbuf_adds(out, "\\textasciitilde{}"); break;
		default: strbuf_addc(out, *p);
		}
	}
	free(c);
}

/* url is a verbatim field: no TeX escapes, but braces, '\', blanks and
 * controls are percent-encoded so the field stays balanced and one line. */
static void url_field(struct strbuf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f || strchr("{}\\", *p)) strbuf_addf(out, "%%%02X", *p);
		else strbuf_addc(out, (char)*p);
	}
}

static void bib_field(struct strbuf *out, const char *field, const char *v)
{
	if (!v || !*v) return;
	strbuf_addf(out, ",\n  %s = {", field);
	tex_escape(out, v);
	strbuf_addc(out, '}');
}

/* "von Last, Jr, First" per name, " and " between; organisations braced. */
static void bib_authors(struct strbuf *out, const struct article *a)
{
	bool any = false;
	for (size_t i = 0; i < a->authors.n; i++) {
		struct name n;
		if (!name_split(a->authors.v[i], &n)) continue;
		strbuf_adds(out, any ? " and " : ",\n  author = {");
		any = true;
		if (n.literal) {
			strbuf_addc(out, '{');
			tex_escape(out, n.literal);
			strbuf_addc(out, '}');
		} else {
			if (n.particle) {
				tex_escape(out, n.particle);
				strbuf_addc(out, ' ');
			}
			tex_escape(out, n.family);
			if (n.suffix) {
				strbuf_adds(out, ", ");
				tex_escape(out, n.suffix);
			}
			if (n.given) {
				strbuf_adds(out, ", ");
				tex_escape(out, n.given);
			}
		}
		name_free(&n);
	}
	if (any) strbuf_addc(out, '}');
}

static void bib_date(struct strbuf *out, const char *field, int ymd)
{
	strbuf_addf(out, ",\n  %s = {%04d", field, ymd / 10000);
	if ((ymd / 100) % 100) strbuf_addf(out, "-%02d", (ymd / 100) % 100);
	if ((ymd / 100) % 100 && ymd % 100) strbuf_addf(out, "-%02d", ymd % 100);
	strbuf_addc(out, '}');
}

void export_render_bibtex(const struct export_set *set, const struct citekeys *ck, struct strbuf *out)
{
	strbuf_adds(out, "% References exported by dossier (biblatex, UTF-8)\n");
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		if (!it->art || !export_new_article(set, i)) continue;
		const struct article *a = it->art;
		bool news = a->source && *a->source;
		strbuf_addf(out, "\n@%s{%s", news ? "article" : "online", export_item_key(set, ck, it));
		bib_authors(out, a);
		bib_field(out, "title", a->title);
		if (news) {
			bib_field(out, "journaltitle", a->source);
			strbuf_adds(out, ",\n  entrysubtype = {newspaper}"); /* biblatex: a newspaper article */
		}
		if (a->date > 0) bib_date(out, "date", a->date);
		if (a->url && *a->url) {
			strbuf_adds(out, ",\n  url = {");
			url_field(out, a->url);
			strbuf_addc(out, '}');
		}
		int acc = export_accessed(a);
		if (acc) bib_date(out, "urldate", acc);
		strbuf_adds(out, "\n}\n");
	}
}

/* ---- RIS ----------------------------------------------------------------- */

static void ris_line(struct strbuf *out, const char *tag, const char *v)
{
	if (!v || !*v) return;
	strbuf_addf(out, "%s  - ", tag);
	export_clean(out, v, true);
	strbuf_adds(out, "\n");
}

static void ris_date(struct strbuf *out, const char *tag, int ymd)
{
	strbuf_addf(out, "%s  - %04d/", tag, ymd / 10000);
	if ((ymd / 100) % 100) strbuf_addf(out, "%02d", (ymd / 100) % 100);
	strbuf_addc(out, '/');
	if ((ymd / 100) % 100 && ymd % 100) strbuf_addf(out, "%02d", ymd % 100);
	strbuf_adds(out, "/\n");
}

void export_render_ris(const struct export_set *set, const struct citekeys *ck, struct strbuf *out)
{
	bool first = true;
	for (size_t i = 0; i < set->n; i++) {
		const struct export_item *it = &set->items[i];
		if (!it->art || !export_new_article(set, i)) continue;
		const struct article *a = it->art;
		if (!first) strbuf_adds(out, "\n");
		first = false;
		strbuf_addf(out, "TY  - %s\n", a->source && *a->source ? "NEWS" : "ELEC");
		ris_line(out, "ID", export_item_key(set, ck, it));
		for (size_t k = 0; k < a->authors.n; k++) {
			struct name n;
			if (!name_split(a->authors.v[k], &n)) continue;
			struct strbuf nb = STRBUF_INIT;
			if (n.literal) {
				strbuf_adds(&nb, n.literal);
			} else {
				if (n.particle) strbuf_addf(&nb, "%s ", n.particle);
				strbuf_adds(&nb, n.family);
				if (n.given) strbuf_addf(&nb, ", %s", n.given);
				if (n.suffix) strbuf_addf(&nb, ", %s", n.suffix);
			}
			ris_line(out, "AU", nb.buf);
			strbuf_free(&nb);
			name_free(&n);
		}
		ris_line(out, "TI", a->title);
		ris_line(out, "T2", a->source);
		if (a->date > 0) {
			strbuf_addf(out, "PY  - %04d\n", a->date / 10000);
			ris_date(out, "DA", a->date);
		}
		ris_line(out, "UR", a->url);
		int acc = export_accessed(a);
		if (acc) ris_date(out, "Y2", acc);
		strbuf_adds(out, "ER  - \n");
	}
}
