/* SPDX-License-Identifier: MIT
 * Lines of a raw clipping that are metadata, not text: a credit line
 * ("Compiled by Ada Brook and Tomás Ruiz", "Ines Varga contributed
 * reporting.") names authors; a line that is only a URL is the url. */
#ifndef DOSSIER_IMPORT_CREDIT_H
#define DOSSIER_IMPORT_CREDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"

/* When s[0..len) is a credit line, add its names to authors (no
 * duplicates) and return true. */
bool import_credit_line(const char *s, size_t len, struct strlist *authors);

/* When s[0..len) is one http(s) URL and nothing else, return a copy
 * (caller frees); else NULL. */
char *import_url_line(const char *s, size_t len);

#endif
