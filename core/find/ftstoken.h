/* SPDX-License-Identifier: MIT
 * The tokenizer of the full-text index (ftstoken.c); ftsindex_tokenize in
 * ftsindex.h is its public face for tests. */
#ifndef DOSSIER_FTSTOKEN_H
#define DOSSIER_FTSTOKEN_H

#include <sqlite3.h>
#include <stddef.h>

/* Runs of word code points in already folded text, each passed to tok. */
void ftstoken_split(const char *s, size_t n, void (*tok)(void *, const char *, size_t), void *ctx);
/* Register the "dossier" tokenizer on db; 0 or -1. */
int ftstoken_register(sqlite3 *db);

#endif
