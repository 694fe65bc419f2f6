/* SPDX-License-Identifier: MIT
 * The words of a raw body for its content signature, read cheaply: no
 * rendering (it tripled the cold load), only the obvious markup skipped —
 * HTML tags (script and style with their contents), link and image URLs
 * after "](", bare URLs, entities, template tags ({{ }}, {% %}). Words are
 * folded as the full-text index folds them (lower case; NFKC + case fold
 * for non-ASCII). The same bytes always give the same words, so a
 * signature does not depend on whether it was read fresh or cached. */
#ifndef DOSSIER_SIMTEXT_H
#define DOSSIER_SIMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Call tok for every folded word of s[0..n) with its simtext_hash.
 * markup: skip Markdown, HTML and template markup (false: only bare URLs
 * are skipped, for plain text and titles). The word passed is borrowed for
 * the call only; words longer than SIMTEXT_WORD_MAX bytes are cut there. */
#define SIMTEXT_WORD_MAX 128
void simtext_words(const char *s, size_t n, bool markup,
		   void (*tok)(void *ctx, const char *w, size_t n, uint64_t hash), void *ctx);

/* A word's 64-bit hash, as simtext_words computes it while reading. */
uint64_t simtext_hash(const char *w, size_t n);

#endif
