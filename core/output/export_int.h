/* SPDX-License-Identifier: MIT
 * Internal to core/output/export*.c: the helpers every format shares, and the
 * citation formats (export_cite.c), which write one reference per article
 * rather than one entry per passage. */
#ifndef DOSSIER_EXPORT_INT_H
#define DOSSIER_EXPORT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/output/citekey.h"
#include "core/output/export.h"
#include "core/base/json.h"
#include "core/base/strbuf.h"

/* Text-format policy: C0/DEL as ^X, C1 and bidi controls as <U+XXXX>,
 * invalid bytes as U+FFFD, U+2028/2029 as a newline; with single_line,
 * newlines and tabs become spaces. NULL appends nothing. */
void export_clean(struct strbuf *out, const char *s, bool single_line);
/* The article's date as YYYY-MM-DD (YYYY-MM, YYYY when partial). */
bool export_item_date(const struct export_item *it, char out[11]);
/* The access date, from an extra key (accessed, retrieved, urldate,
 * fetched, clipped) holding a date: YYYYMMDD or 0. */
int export_accessed(const struct article *a);
/* The key of the item's article, or NULL when it is not in the collection. */
const char *export_item_key(const struct export_set *set, const struct citekeys *ck,
			    const struct export_item *it);
/* Does item i start a new article (the first item, or another article)? */
bool export_new_article(const struct export_set *set, size_t i);

static inline const char *export_item_id(const struct export_item *it) { return it->mark->article; }
static inline const char *export_item_title(const struct export_item *it)
{
	return it->art ? it->art->title : NULL;
}
/* t as 2024-06-20T10:00:00Z ("" when out of range). */
void export_iso_time(int64_t t, char out[32]);

void export_render_json(const struct export_set *set, const struct citekeys *ck, struct strbuf *out);
void export_render_yaml(const struct export_set *set, const struct citekeys *ck, struct strbuf *out);
void export_render_annotation(const struct export_set *set, struct strbuf *out);

/* One CSL-JSON item for the article (id = key). */
void export_csl_item(struct json *j, const struct article *a, const char *key);
void export_render_csl(const struct export_set *set, const struct citekeys *ck, struct strbuf *out);
void export_render_bibtex(const struct export_set *set, const struct citekeys *ck, struct strbuf *out);
void export_render_ris(const struct export_set *set, const struct citekeys *ck, struct strbuf *out);

#endif
