/* SPDX-License-Identifier: MIT
 * What a folder already holds, for import's duplicate check: the
 * normalised URL and the normalised body of every article in it, and of
 * every article imported in this run. */
#ifndef DOSSIER_IMPORT_SEEN_H
#define DOSSIER_IMPORT_SEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/meta/fieldmap.h"

struct import_seen_rec {
	uint64_t url, body; /* 0: none */
	char *path;         /* owned: the article that has them */
};

/* Owns its records. */
struct import_seen {
	struct import_seen_rec *v;
	size_t n, cap;
};

/* Add every article file under dir (Markdown and text, front matter read
 * through fm; links not followed, dot files skipped). */
void import_seen_scan(struct import_seen *s, const char *dir, const struct fieldmap *fm);

/* The article that already has this URL or body, or NULL (borrowed);
 * *why says which ("url" or "body"). */
const char *import_seen_find(const struct import_seen *s, const char *url, const char *body,
			     const char **why);
void import_seen_add(struct import_seen *s, const char *url, const char *body, const char *path);
void import_seen_free(struct import_seen *s);

/* Keys, 0 for nothing: the URL without scheme, "www.", fragment, utm_*
 * parameters and trailing slash, host lower-cased; the body's words,
 * lower-cased, Markdown punctuation ignored. */
uint64_t import_url_key(const char *url);
uint64_t import_body_key(const char *body, size_t len);

#endif
