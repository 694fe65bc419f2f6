/* SPDX-License-Identifier: MIT
 * The metadata cache's lean index, read where it lies: a command that
 * needs only a few articles (list tag:X, list --count tag:X, tags, tag
 * completion) maps the cache file and answers from its tag postings,
 * columns and folded title table, reading only the articles it prints,
 * instead of loading the whole collection. Only when the cache can vouch for the collection as it is
 * now; else the caller loads as usual (which rewrites the cache). */
#ifndef DOSSIER_METAINDEX_H
#define DOSSIER_METAINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/diag.h"
#include "core/meta/article.h"
#include "core/meta/fieldmap.h"

struct metaindex;

/* The lean index of root's cache file (named as metacache_open names it),
 * or NULL when it may not answer now: no file, a damaged one, other
 * settings (fm, vocab_hash as for metacache_open), no usable index,
 * check_every <= 0 or the last full check that many seconds old or more,
 * or any folder of the collection changed or not trusted (see
 * metacache.h: freshness by folder). */
/* check_every METAINDEX_AS_SAVED: the file as the last load saved it,
 * neither its age nor its folders looked at — only for what that load
 * itself built from the same articles (a file keyed to its fingerprint:
 * cli_related_indexed), never to answer for the collection as it is now. */
#define METAINDEX_AS_SAVED (-1)
struct metaindex *metaindex_open(const char *root, const struct fieldmap *fm, uint64_t vocab_hash,
				 int check_every);
/* The same with an explicit cache file (tests). */
struct metaindex *metaindex_open_file(const char *file, const char *root,
				      const struct fieldmap *fm, uint64_t vocab_hash,
				      int check_every);
/* metaindex_open without asking whether the folders changed or when the
 * last full check was: the collection as the cache last saw it, for a
 * snapshot's first screen (the refresh that follows finds what changed). */
struct metaindex *metaindex_open_snapshot(const char *root, const struct fieldmap *fm,
					  uint64_t vocab_hash);
/* Articles, numbered as the loaded collection numbers them (by id). */
size_t metaindex_count(const struct metaindex *mx);
/* Tags as the tag index holds them (own, derived, nested parents), sorted
 * by name: name (borrowed, not NUL-terminated: *len), article count. */
size_t metaindex_ntags(const struct metaindex *mx);
const char *metaindex_tag_name(const struct metaindex *mx, size_t t, size_t *len);
size_t metaindex_tag_count(const struct metaindex *mx, size_t t);
/* Article number k (ascending) of tag t. */
size_t metaindex_tag_art(const struct metaindex *mx, size_t t, size_t k);
/* The articles carrying tag t itself (not only a nested one): count, k-th. */
size_t metaindex_tag_nholders(const struct metaindex *mx, size_t t);
size_t metaindex_tag_holder(const struct metaindex *mx, size_t t, size_t k);
/* Article art's date (YYYYMMDD, 0 unknown) without decoding it. */
int metaindex_date(const struct metaindex *mx, size_t art);
/* The value columns: each article's value is a number into a table of
 * the distinct values; value 0 is none (NULL). Value v (borrowed, not
 * NUL-terminated, holding no NUL: *len) exactly as the loaded article has
 * it (struct article's source, lang). */
enum metaindex_col { MX_SOURCE, MX_LANG };
size_t metaindex_nvalues(const struct metaindex *mx, enum metaindex_col col);
const char *metaindex_value(const struct metaindex *mx, enum metaindex_col col, size_t v,
			    size_t *len);
size_t metaindex_value_of(const struct metaindex *mx, enum metaindex_col col, size_t art);
/* The folded title table (titles folded as query_fold folds them, each
 * ending in NUL, in article order): false when the cache has none or it
 * is damaged (checked on first use). Then: the whole text (*len bytes),
 * the article whose title holds byte off of it, and article art's folded
 * title (*len without its NUL). */
bool metaindex_titles(struct metaindex *mx, const char **text, size_t *len);
size_t metaindex_title_at(const struct metaindex *mx, size_t off);
const char *metaindex_title(const struct metaindex *mx, size_t art, size_t *len);
/* The articles in the order collection_order gives by title (u32 article
 * numbers, unaligned: metablob_load_u32), as the cache's writer sorted
 * them; NULL when the cache has none or it is damaged (checked on first
 * use: its checksum, and each article there once). Why: a listing of
 * every article by title read and folded every title (0.7 s at 100,000
 * articles). */
const unsigned char *metaindex_title_order(struct metaindex *mx);
/* The number of the record (metacache_rel's) article art was read from. */
size_t metaindex_record_no(const struct metaindex *mx, size_t art);
/* The tag called name, or -1. */
long metaindex_tag_find(const struct metaindex *mx, const char *name);
/* Article art as loading would give it, into *a (zeroed by the caller;
 * freed with article_free), its diagnostics dropped. False when its record
 * is damaged (then the caller loads the collection instead). */
bool metaindex_article(const struct metaindex *mx, size_t art, struct article *a);
/* A string in a record's bytes: not NUL-terminated; s NULL: none. */
struct mx_span {
	const char *s;
	size_t len;
};
/* A record read ahead (metaindex_prefetch): its article, place, length
 * and checksum, and whether its bytes matched that checksum. */
struct metaindex_ahead {
	size_t art;
	uint64_t off, len, sum;
	bool ok;
};
/* An article's record read for printing and judging without building an
 * owned struct article: its fields as NUL-terminated strings in buffers
 * the reader owns and reuses (each read overwrites the last). Why: at
 * 1,000,000 articles a listing of 150,000 hits spent a second on the
 * full decoder's mallocs and frees. Zero it before the first read; free
 * it with metaindex_rec_free. */
struct metaindex_rec {
	struct article view; /* borrowed strings: never article_free it */
	unsigned char *buf;  /* owned: the record's bytes */
	char *arena;         /* owned: the strings, NUL-terminated */
	char **ptrs;         /* owned: the lists' string pointers */
	struct meta_kv *kv;  /* owned: the extra keys and values */
	unsigned char *ahead; /* owned: file bytes [aoff, aoff + alen) read ahead */
	uint64_t aoff, alen;
	struct metaindex_ahead *run; /* owned: the records read ahead, in the prefetch's order */
	size_t nrun, next, runcap;   /* how many; the next one a read expects */
	bool run_mapped;             /* the run lies in map (at each off), not in ahead */
	struct mx_span *spans; /* owned: metaindex_read_line's tags */
	const unsigned char *map; /* owned or NULL: the whole file mapped (metaindex_rec_map) */
	size_t maplen;
	size_t bufcap, arenacap, ptrcap, kvcap, acap, spancap;
};
/* Article art into rec->view as metaindex_article would give it (id,
 * title, source, url, summary, lang, authors, tags, derived, extras,
 * date, meta, flags; no path, body place or size), after its checksum;
 * false when its record is damaged. */
bool metaindex_read(const struct metaindex *mx, size_t art, struct metaindex_rec *rec);
void metaindex_rec_free(struct metaindex_rec *rec);
/* An article's fields as spans of the record's bytes in rec (valid until
 * rec's next read): nothing copied. Why: printing every article of a
 * million, copying each record's strings and measuring them again was a
 * fifth of the time. False exactly when metaindex_read is false, except
 * that a NUL inside a string (other than the path) is not looked for
 * here (metaindex_read refuses it): print the spans only when none holds
 * a NUL (cli_list_line and cli_json_line check every span), else read
 * the record with metaindex_read. Extras as written, duplicate keys and
 * all (metaindex_read keeps the first of a key). */
struct metaindex_line {
	struct mx_span id, title, source, url, summary, lang; /* s NULL: none */
	const struct mx_span *lists; /* in rec: nauthors, then ntags, then nderived */
	size_t nauthors, ntags, nderived;
	const struct mx_span *extra; /* in rec: key, value, key, value, ... */
	size_t nextra;
	int date;
	uint8_t flags; /* enum article_flag: where the date came from (article_date_from) */
};
bool metaindex_read_line(const struct metaindex *mx, size_t art, struct metaindex_rec *rec,
			 struct metaindex_line *out);
/* Read ahead, in one piece, the records of art[0], art[1], ... that lie
 * close together after art[0]'s in the file, for the metaindex_read
 * calls that follow (their checksums checked together here; a record
 * read in that order is not checked again, any other is); returns
 * how many it read (0: none, art[0] was read already or lies alone).
 * Call it before each read of a listing: a no-op when art[0] is read. */
size_t metaindex_prefetch(const struct metaindex *mx, struct metaindex_rec *rec,
			  const size_t *art, size_t n);
/* The records of art[0..n) (their place, length and checksum) into
 * out[], their table entries fetched together; how many were in range
 * (the first out of range stops it). */
size_t metaindex_records(const struct metaindex *mx, const size_t *art, size_t n,
			 struct metaindex_ahead *out);
/* The whole cache file mapped for rec's reads: a record not read ahead
 * is taken where it lies instead of by a pread of its own (its checksum
 * still checked). Why: a listing in another order than the file's
 * (--sort date over a million articles) spent half its time in a
 * million preads. False when it cannot be mapped (reads go on by pread);
 * metaindex_rec_free unmaps it. */
bool metaindex_rec_map(const struct metaindex *mx, struct metaindex_rec *rec);
/* Article art's record in the file: offset, length, checksum; false when
 * out of range. */
bool metaindex_record(const struct metaindex *mx, size_t art, uint64_t *off, uint64_t *len,
		      uint64_t *sum);
/* n bytes of the cache file at off into buf; false on a short read. */
bool metaindex_pread(const struct metaindex *mx, void *buf, size_t n, uint64_t off);
/* Article art's id (owned), read from its record's path alone (the
 * record's checksum is not checked: a damaged path is caught by the
 * decoder's bounds and NUL checks, and an id is only offered, e.g. for
 * completion); NULL when it cannot be read. */
char *metaindex_id(const struct metaindex *mx, size_t art);
/* A fingerprint of the articles as the index holds them (their records'
 * checksums, in article order): it changes when an article is added,
 * removed, renamed, or its file or metadata changes, not when the cache
 * is only rewritten (a full check). */
uint64_t metaindex_fingerprint(const struct metaindex *mx);
void metaindex_close(struct metaindex *mx);

/* hash_bytes(p, len, seed) over a read-only private mapping that starts
 * at map (page-aligned, p inside it), read in pieces of piece bytes, the
 * whole pages behind each piece let go (MADV_DONTNEED) as it goes: the
 * resident part of a long checksum stays about one piece. */
uint64_t metaindex_hash_let_go(const unsigned char *map, const unsigned char *p, size_t len,
			       uint64_t seed, size_t piece);

#endif
