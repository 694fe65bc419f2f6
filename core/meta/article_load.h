/* SPDX-License-Identifier: MIT
 * Reading one article file at load time: front matter or sidecar, fallback
 * title, binary / empty / invalid UTF-8 checks. Kept apart from the folder
 * scan so the loader can run it on several threads at once. */
#ifndef DOSSIER_ARTICLE_LOAD_H
#define DOSSIER_ARTICLE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"

/* Is name an article file (.md, .txt, .markdown)? *stem gets the length
 * of the name without its extension. */
bool article_load_is_article(const char *name, size_t *stem);
/* The same for name[0..n) (holding no NUL; not NUL-terminated). */
bool article_load_is_article_n(const char *name, size_t n, size_t *stem);

/* "a/b" from "a" and "b" ("b" when a is empty); caller frees. */
char *article_load_join(const char *a, const char *b);

/* Fill *a (overwritten; the caller's slot) from the file rel under root,
 * reading at most the first MiB. Problems go to diags as FILE:LINE:COL.
 * *buf gets the owned read buffer (NULL when the file could not be read);
 * *body and *body_len point at the body inside it, or are NULL / 0 when
 * the file is unreadable or binary. The caller frees *buf.
 * Thread-safe: touches nothing but its arguments (fm is only read). */
void article_load_file(struct article *a, const char *root, const char *rel,
		       const struct fieldmap *fm, struct diag_list *diags,
		       const char **body, size_t *body_len, char **buf);
/* A read buffer kept from file to file by one reader (a loading thread):
 * one allocation for a whole load instead of one a file, which also kept
 * malloc consolidating its free lists. Owned by the reader: free(p). */
struct article_readbuf {
	char *p;
	size_t cap;
};
/* The same, with the stat of the file as opened in *st (st_mode 0 when it
 * could not be opened): what a cold load records in the cache instead of
 * a stat of its own per file. reuse (or NULL): read into its buffer, so
 * *body points into reuse->p (valid until the next call with it) and *buf
 * is NULL, unless the file is a web page (its own *buf, as above). */
struct stat;
void article_load_file_stat(struct article *a, const char *root, const char *rel,
			    const struct fieldmap *fm, struct diag_list *diags,
			    const char **body, size_t *body_len, char **buf, struct stat *st,
			    struct article_readbuf *reuse);

#endif
