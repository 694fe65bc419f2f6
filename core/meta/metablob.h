/* SPDX-License-Identifier: MIT
 * The metadata cache's record codec (metablob.c): little-endian-agnostic
 * native integers and length-prefixed strings, and one article with its
 * diagnostics as a blob. Used by metacache.c; the bounds-checked reader and
 * the integer writers also by the signature file (core/find/sigcache.c). */
#ifndef DOSSIER_METABLOB_H
#define DOSSIER_METABLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/base/strbuf.h"

#define METABLOB_NULL_STR 0xFFFFFFFFu

/* A bounds-checked reader: any short or malformed read sets bad, and every
 * later read then returns 0 / NULL. */
struct metablob_rd {
	const unsigned char *p, *end; /* borrowed */
	bool bad;
};

void metablob_put_u32(struct strbuf *sb, uint32_t v);
void metablob_put_i64(struct strbuf *sb, int64_t v);
void metablob_put_str(struct strbuf *sb, const char *s); /* NULL allowed */
bool metablob_need(struct metablob_rd *r, size_t n);
uint32_t metablob_get_u32(struct metablob_rd *r);
int64_t metablob_get_i64(struct metablob_rd *r);
char *metablob_get_opt(struct metablob_rd *r); /* owned; NULL for the null string */
char *metablob_get_req(struct metablob_rd *r); /* owned; the null string is an error */

/* Unchecked loads from a mapped file whose bounds the caller has checked
 * (metaindex.c, core/find/simfile.c): memcpy, so any alignment is fine. */
static inline uint32_t metablob_load_u32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}
static inline uint64_t metablob_load_u64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* An article's loaded fields and its diagnostics diags[from..n) (paths
 * under root stored relative to it). */
void metablob_encode(struct strbuf *sb, const struct article *a, const char *root,
		     const struct diag_list *diags, size_t from);
/* The reverse, into *a (id and path untouched) and out; false on any
 * damage, with *a partly filled (the caller frees it). */
bool metablob_decode(struct metablob_rd *r, struct article *a, const char *root,
		     struct diag_list *out);
/* The same with the article's strings, lists and extras in ar (set
 * a->in_arena first: on damage its half-decoded parts are the arena's);
 * sc (NULL, or a cache in front of ar): the source, language, authors,
 * tags and extra keys shared with earlier articles' equal ones. */
struct arena;
struct strcache;
bool metablob_decode_in(struct metablob_rd *r, struct article *a, const char *root,
			struct diag_list *out, struct arena *ar, struct strcache *sc);

#endif
