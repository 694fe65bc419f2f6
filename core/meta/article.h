/* SPDX-License-Identifier: MIT
 * One article: its identity, the metadata read from front matter or a
 * sidecar, and where its body lies in the file. Bodies stay on disk until
 * shown or searched (article_body_read), so a collection costs memory in
 * proportion to its metadata only. */
#ifndef DOSSIER_ARTICLE_H
#define DOSSIER_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/date.h" /* article dates: date_format, date_days */
#include "core/base/diag.h"

struct simsig;

/* Owns its strings. Counts of 32 bits: every article holds three lists,
 * and at a million articles 8-byte counts were 24 MB. */
struct strlist {
	char **v;
	uint32_t n, cap;
};

void strlist_push(struct strlist *l, const char *s);   /* copies s */
void strlist_push_own(struct strlist *l, char *s);     /* takes s */
bool strlist_has(const struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

/* A front-matter key the field map does not know; value flattened to text
 * (lists joined by ", "). Shown in the header and queryable as key:value. */
struct meta_kv {
	char *key;   /* owned, folded (NFKC + case fold) */
	char *value; /* owned */
};

enum meta_kind { META_NONE, META_FRONT, META_SIDECAR };

enum article_flag {
	ART_EMPTY = 1 << 0,      /* no body text */
	ART_BINARY = 1 << 1,     /* binary content: not displayed */
	ART_UNREADABLE = 1 << 2, /* could not be opened or read */
	ART_TOO_BIG = 1 << 3,    /* over the size cap: body not displayed */
	ART_META_ERROR = 1 << 4, /* metadata had problems (see diags) */
	/* the metadata held no date: it is the file name's (Jekyll's
	 * 2024-05-31-title.md) or the URL's (core/meta/date_guess.h) */
	ART_DATE_FROM_NAME = 1 << 5,
	ART_DATE_FROM_URL = 1 << 6,
	ART_FLAGS_ALL = (1 << 7) - 1, /* every flag: they fit article.flags' byte */
};

/* Ownership: an article owns its strings, lists and extras, except one
 * decoded from the metadata cache for a snapshot (in_arena): those live in
 * its collection's arena (core/base/arena.h) and go with it, so nothing
 * may free, replace, push to or write into them (nothing does once an
 * article is loaded; equal sources, languages, authors, tags and extra
 * keys are one shared string: core/base/strcache.h); article_copy always
 * makes an article that owns everything. */
struct article {
	char *id;      /* owned: path relative to the root, no extension */
	char *path;    /* owned: path to open (root joined with relpath) */
	char *title;   /* owned, never NULL after loading */
	char *source;  /* owned or NULL */
	char *url;     /* owned or NULL */
	char *summary; /* owned or NULL */
	char *lang;    /* owned or NULL */
	struct strlist authors;
	struct strlist tags;    /* normalised own tags ("weapons/atacms") */
	struct strlist derived; /* normalised tags from the topic vocabulary */
	/* owned array; its room is article_extra_room(nextra) (article.c), so
	 * no capacity is kept: a million articles carry no field for it */
	struct meta_kv *extra;
	uint32_t nextra;
	int date;               /* YYYYMMDD; 0 when unknown */
	int body_line;          /* 1-based line where the body starts */
	uint8_t flags;          /* enum article_flag (ART_FLAGS_ALL fits a byte) */
	unsigned char meta;     /* enum meta_kind (bytes: beside in_arena, no padding) */
	bool in_arena;          /* the strings, lists and extras are the arena's */
	uint64_t body_off;      /* byte offset of the body in the file */
	int64_t size, mtime;    /* from stat, to notice edits */
	struct simsig *sig;     /* owned or NULL: content signature (core/similar.h) */
};

/* Frees what a owns (only sig when in_arena) and zeroes it. */
void article_free(struct article *a);
/* A deep copy of from into to (to's old contents are not freed). */
void article_copy(struct article *to, const struct article *from);
/* The extras' room an owned article holds for n of them: 0, then 4, 8,
 * 16, ... (article_set_extra grows a->extra only when nextra reaches it;
 * an arena article's extras are never added to). */
size_t article_extra_room(size_t n);
void article_set_extra(struct article *a, const char *key, const char *value);
const char *article_get_extra(const struct article *a, const char *key);
/* Where an article's date (date, its YYYYMMDD) came from when not from
 * its metadata, by its flags: "name" (its file name), "url" (its URL), or
 * NULL (from the metadata, or no date). Static strings. A date of 0 has
 * no source whatever the flags say (a damaged cache record), and the name
 * wins should both bits be set. Takes the two values, not the article, for
 * the lean listing (cli_line.c), which has no article. */
const char *article_date_from(int date, unsigned flags);
/* a's date as the reader's header and `dossier show` write it:
 * "2024-06-20", followed by where it came from when not from the metadata
 * ("2024-05-31 (from the file name)", "2024-05-31 (from the URL)"); ""
 * without a date. */
#define ARTICLE_DATE_TEXT 40
void article_date_text(const struct article *a, char out[ARTICLE_DATE_TEXT]);

/* Read the body text: BOM and front matter skipped, CRLF and lone CR turned
 * into LF. Returns a NUL-terminated malloc'd buffer the caller frees (its
 * bytes may still be invalid UTF-8: display code repairs them), or NULL with
 * a diag when the file cannot be read. This is the source: what a person
 * reads, and what marks and searches count in, is the rendered text
 * (core/text/article_text.h); for plain text the two are the same. */
char *article_body_read(const struct article *a, size_t *len, struct diag_list *diags);

#endif
