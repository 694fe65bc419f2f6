/* SPDX-License-Identifier: MIT
 * The orders of the article list, shared by the reader's `s` and
 * `dossier list --sort`: by date, title, source or relevance to one
 * article. Text compares by a folded key, not by bytes. */
#ifndef DOSSIER_ORDER_H
#define DOSSIER_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/collection/collection.h"
#include "core/collection/tags.h"

enum order_key { ORDER_DATE, ORDER_TITLE, ORDER_SOURCE, ORDER_RELEVANCE, ORDER_COUNT };

/* "date", "title", "source", "relevance", indexed by enum order_key. */
extern const char *const order_names[ORDER_COUNT];

/* The key called name; false when there is none. */
bool order_parse(const char *name, enum order_key *key);

/* Every article number of c in order key, as a new array of c->n entries
 * (at least one allocated; the caller frees it). Date: newest first,
 * undated last. Title and source: by order_text_compare, missing values
 * last. Relevance: by the related score to article cur, which leads
 * (cur < 0: no article, so every score is 0). Ties go newest first, then
 * by id. */
size_t *collection_order(const struct collection *c, const struct tagindex *ti, enum order_key key,
			 long cur);

/* The numbers 0..n) in the order collection_order gives by title or
 * source (text(ctx, i): article i's title or source, NULL none; date(ctx,
 * i) its date), as a new array of n u32 (the caller frees it). Sorted by
 * the first 8 bytes of each first-level key (a radix sort), then each run
 * sharing them by the whole keys, made for that run alone: at a million
 * titles the cache's writer holds ~12 bytes an article, not every key. */
uint32_t *order_by_text(size_t n, const char *(*text)(const void *ctx, size_t i),
			int (*date)(const void *ctx, size_t i), const void *ctx);

/* Stable sort of the numbers order[0..n) by key[number], ascending, in
 * linear time (16 bits a pass): numbers already ascending stay so
 * within a key. */
void order_radix(size_t *order, size_t n, const uint32_t *key);
/* A date as a key for order_radix: newest first, undated last. */
uint32_t order_date_key(int date);

/* Collation-ish comparison of two UTF-8 strings: first by their letters
 * and digits with case, accents and compatibility forms folded away
 * ("Élan" beside "elan", "“Quoted”" among the Q's), then by the case-folded
 * text with accents, then by bytes. */
int order_text_compare(const char *a, const char *b);

#endif
