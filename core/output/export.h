/* SPDX-License-Identifier: MIT
 * Exporting marked passages with everything needed to cite them and find
 * them again (article ID, title, source, date, URL, position), in Markdown,
 * plain text, YAML, JSON, Org and W3C Web Annotation JSON. Output never
 * carries raw control characters, and a file is written whole or not at all. */
#ifndef DOSSIER_EXPORT_H
#define DOSSIER_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collection.h"
#include "core/base/diag.h"
#include "core/state/marks.h"
#include "core/state/store.h"
#include "core/base/strbuf.h"

enum export_format {
	EXPORT_MD, EXPORT_TXT, EXPORT_YAML, EXPORT_JSON, EXPORT_ORG, EXPORT_ANNOTATION,
	EXPORT_CSL,    /* CSL-JSON references, one per article */
	EXPORT_BIBTEX, /* biblatex references */
	EXPORT_RIS,    /* RIS references */
};

/* "md"/"markdown", "txt"/"text", "yaml"/"yml", "json", "org", "annotation",
 * "csl"/"csl-json", "bibtex"/"biblatex", "ris". */
bool export_format_parse(const char *name, enum export_format *f);
/* From a file name: .md .markdown .txt .yaml .yml .json .org, .jsonld or
 * .annotation.json for Web Annotation, .csl.json, .bib, .ris. false when
 * unknown. */
bool export_format_from_path(const char *path, enum export_format *f);
const char *export_format_name(enum export_format f);
/* A safe default file name for the TUI prompt: "dossier-marks-YYYYmmdd.EXT"
 * (no path, nothing taken from article titles). Caller frees. */
char *export_default_name(enum export_format f);

/* One passage to export. */
struct export_item {
	const struct article *art; /* borrowed; NULL: the article is not in the collection */
	const struct mark *mark;   /* borrowed from the store */
	struct mark_anchor anchor; /* where it is now (stored offsets when orphaned) */
	char *text;                /* owned: the passage as shown: the words now when OK
				    * or MOVED, the stored (marked) words when CHANGED or
				    * ORPHANED */
	char *current;             /* owned: the words now when CHANGED, else NULL */
	char *prefix, *suffix;     /* owned: context now (stored when orphaned) */
	char *source;              /* owned: article URL, else a file: URI, else NULL */
};

/* Owns its items; borrows the collection and the store, so it must not
 * outlive them or a change to the store's marks. */
struct export_set {
	struct export_item *items;
	size_t n, cap;
	const struct collection *coll; /* borrowed: for citation keys */
};

/* The marks of every article that passes filter (NULL: all), articles in
 * collection order and passages in reading order (by current start).
 * Each body is read once; an unreadable body makes its marks orphaned and
 * adds a diag. With no filter, marks whose article is gone are added last
 * (orphaned, art NULL). */
void export_set_build(struct export_set *set, const struct collection *c, const struct store *st,
		      bool (*filter)(void *ctx, size_t art), void *ctx, struct diag_list *diags);
void export_set_free(struct export_set *set);
/* Keep only the items keep() says yes to (order kept). */
void export_set_retain(struct export_set *set, bool (*keep)(void *ctx, const struct export_item *it),
		       void *ctx);

struct export_opts {
	/* Markdown: [@key] after each quote, the references as YAML metadata
	 * (CSL items) and a References section, for pandoc --citeproc. */
	bool cite;
};

/* Render the set (appends to out). Every format carries each article's
 * authors, title, source, date, URL, ID and each passage's position,
 * status, note and mark tags; the citation key of an article is the same
 * in every format. o may be NULL (defaults). */
void export_render_opts(const struct export_set *set, enum export_format f,
			const struct export_opts *o, struct strbuf *out);
void export_render(const struct export_set *set, enum export_format f, struct strbuf *out);

/* Write data to path atomically; without force an existing file (even a
 * symlink) is refused with EEXIST; with force a symlink itself is replaced,
 * nothing is written through it. A FIFO, a device such as /dev/null, a
 * folder or a socket is never replaced, force or not: EPERM with *step
 * "check". Returns 0 or an errno value; *step names the failed step.
 * Nothing partial is ever left. */
int export_write(const char *path, const char *data, size_t len, bool force, const char **step);

#endif
