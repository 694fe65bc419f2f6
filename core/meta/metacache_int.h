/* SPDX-License-Identifier: MIT
 * The metadata cache's inside, shared by metacache.c (the file, its
 * records) and metacache_dirs.c (the folder table that lets a warm start
 * skip stat-ing every file). Not for use outside core/meta/metacache*.c. */
#ifndef DOSSIER_METACACHE_INT_H
#define DOSSIER_METACACHE_INT_H

/* The file's framing, shared with the lean reader (metaindex.c). */
#define MC_MAGIC "DOSSMETA"
/* Bump when the record layout changes: a file of another format is
 * rebuilt quietly, like one made for other settings (an upgrade is not
 * damage). 2: metadata entities decoded when read; 3: .html pages,
 * web-page names in the default field map; 4: the folder table; 5: the
 * lean index and its footer; 6: dates and tag holders in the index;
 * 7: source and language columns in the index; 8: the folded title
 * table (metatitles.c) before the folders, referenced from the index;
 * 9: a NUL after each record's path, so the record table points at the
 * path in the mapped file instead of copying it (16 MB at a million);
 * 10: the title order (metatitles.c) after the title table; 11: the
 * last full check's time moved from the folder section (under both
 * checksums) to its own sealed slot at the header's end, so that a full
 * check that changed nothing patches 16 bytes instead of rewriting the
 * file (MC_SLOT, metacache_sweep.c); 12: TOML and JSON front matter
 * read (a format-11 file holds such articles as text, untitled). */
#define MC_FORMAT 12u
/* The index's value columns (metaindex.h): source, language. */
#define MC_NCOLS 2
#define MC_HEADER 64
/* The header of formats 1-10 (no slot): such a file, whole, is an
 * upgrade, rebuilt without a word of damage. */
#define MC_HEADER_OLD 48
/* The header's last 16 bytes: i64 wall-clock second of the last full
 * check, u64 seal (metacache_slot_make). Outside the payload and lean
 * checksums: patched in place while other processes read the file. */
#define MC_SLOT 48
/* The last bytes of the file: u64 offset of the folder section, u64
 * checksum of the bytes from there to the footer. The lean reader checks
 * only that part (and each record it decodes by its own checksum). */
#define MC_FOOTER 16

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/meta/metablob.h"
#include "core/meta/metacache.h"

/* What this session put for a record (metacache_put_blob). */
struct rec_put {
	struct metacache_key key;
	unsigned char *blob; /* owned */
};

/* One record: 24 bytes. Why so small: at a million records the table
 * lives beside the snapshot for the whole warm start; the file's path,
 * key and blob are not copied but found in the mapped file. */
struct rec {
	/* the path: in the mapped file (its NUL is the file's), followed
	 * there by the record's key and blob (rec_kp); or, for a record
	 * first put in this session, in the cache's relar */
	const char *rel;
	struct rec_put *put;       /* owned; NULL: the file's key and blob */
	uint32_t blen;             /* the blob's length (the put one when put) */
	bool live;                 /* taken or put in this session: saved */
	bool shown;                /* decoded whole by metacache_peek (a snapshot holds it) */
};

/* A file record's bytes after its path and NUL: u32 sidecar bits, the
 * stats, u32 blob length, the blob (bounds checked by parse_file). */
static inline const unsigned char *rec_kp(const struct rec *rc)
{
	return (const unsigned char *)rc->rel + strlen(rc->rel) + 1;
}

/* Record rc's blob: the one put, else the file's. */
static inline const unsigned char *rec_blob(const struct rec *rc)
{
	if (rc->put) return rc->put->blob;
	const unsigned char *kp = rec_kp(rc);
	uint32_t bits;
	memcpy(&bits, kp, 4);
	return kp + 4 + 48 * (1 + (bits & 1) + ((bits >> 1) & 1)) + 4;
}

/* A folder as the file recorded it: its stat and what the scan found in
 * it, in scan order (kids: index << 1 | is_folder, indexes into the file's
 * records and folders). Untrusted folders are always scanned again. */
struct mc_dir {
	char *rel;             /* owned */
	struct metacache_stat st;
	uint32_t *kids;        /* owned */
	size_t nkids;
	bool trusted;
	bool kept;             /* carried into this session's table unchanged */
};

/* A folder as this session scanned it; kids by path, resolved to indexes
 * when the file is written. */
struct mc_kid {
	char *rel; /* owned */
	bool is_dir;
};
struct mc_newdir {
	char *rel; /* owned */
	struct metacache_stat st;
	struct mc_kid *kids; /* owned */
	size_t nkids;
	bool trusted;
};

struct metacache {
	char *file;            /* owned; NULL: no cache folder */
	char *root;            /* owned */
	uint64_t fingerprint;
	unsigned char *data;   /* owned file contents: mapped (read-only) or malloc'd */
	size_t dlen;
	bool mapped;           /* data is an mmap of dlen bytes */
	size_t touched;        /* bytes of the map read since its pages were last let go */
	size_t resident;       /* the bound on touched: MC_RESIDENT, or a test's */
	struct rec *recs;
	size_t n, cap;
	struct arena relar;    /* the paths of the records put in this session */
	struct map rels;       /* rel -> index in recs; keys are the recs' rel; built on first use */
	bool rels_built;
	struct metacache_stats st;
	bool dirty;
	/* the folder table (metacache_dirs.c) */
	int64_t swept;         /* wall-clock second of the last full check, 0: never (or its slot damaged) */
	int64_t new_swept;     /* set by metacache_set_swept for the next save */
	/* the file read, when it parsed whole for these settings: its payload
	 * checksum (the slot's seal covers it) and identity (a patch goes
	 * only to that very file, not to one renamed over it since) */
	bool from_file;
	uint64_t sum, fdev, fino;
	struct mc_dir *dirs;
	size_t ndirs;
	struct map dirmap;     /* rel -> index in dirs */
	struct mc_newdir *nd;  /* put this session */
	size_t nnd, ndcap;
	bool dirs_changed;     /* a folder put differs from the file's, or one was dropped */
	bool index_usable;     /* the file read holds a usable lean index */
};

/* Count n bytes of the mapped file as read (at least a page each time:
 * the kernel maps whole pages). Past MC_RESIDENT, the process lets go of
 * the pages it holds (they stay in the page cache and come back, without
 * reading the disk, when touched again). Why: at a million articles the
 * file is ~400 MB and every pass over it (checksum, decode, the refresh's
 * key checks, the rewrite) left all of it counted in the reader's memory;
 * the records point into the map, so it stays mapped. A no-op when the
 * file was read instead of mapped. Not a visible change: mc is const. */
#define MC_RESIDENT ((size_t)16 << 20)
void metacache_touch(const struct metacache *mc, size_t n);
/* hash_bytes over bytes of the mapped file, touched as they go. */
uint64_t metacache_hash(const struct metacache *mc, const unsigned char *p, size_t len,
			uint64_t seed);

uint64_t metacache_fingerprint(const char *abs, const struct fieldmap *fm, uint64_t vocab_hash);

struct rec *metacache_table_find(struct metacache *mc, const char *rel);
/* The record for rel, trying record *next first (records are met in file
 * order by the scan and the save): the path table is built only when the
 * guess misses. *next is set past the record found. */
struct rec *metacache_rec_near(struct metacache *mc, const char *rel, size_t *next);
/* Record rc's key, from okey or the file's bytes. */
void metacache_rec_key(const struct rec *rc, struct metacache_key *k);
/* A stat as the file stores it (records and folders alike): six i64s. */
void metacache_put_stat(struct strbuf *sb, const struct metacache_stat *s);
/* Parse the folder section at r (after the records); false when damaged. */
bool metacache_dirs_parse(struct metacache *mc, struct metablob_rd *r);
/* Append the folder section for the records as they will be written:
 * newidx[i] is record i's number in the file, or UINT32_MAX when not written;
 * newidx NULL: every record is written, in order. */
void metacache_dirs_write(struct metacache *mc, struct strbuf *sb, const uint32_t *newidx);
/* Whether the folder table changed in this session (a save is needed);
 * a new full check's time alone is not a change of the table. */
bool metacache_dirs_dirty(const struct metacache *mc);
/* The slot (MC_SLOT) for a last full check at swept in a file whose
 * payload checksum is sum: the time, then its seal. */
void metacache_slot_make(unsigned char slot[16], int64_t swept, uint64_t sum);
/* The last full check a header (MC_HEADER bytes) records; 0 when none or
 * when its seal does not match (a damaged or torn slot: a full check is
 * due, never a wrong time trusted). */
int64_t metacache_slot_read(const unsigned char *head);
void metacache_dirs_free(struct metacache *mc);
/* Article i of an index, from its arrays or its articles. */
static inline const char *ix_rel(const struct metacache_index *ix, size_t i)
{
	if (!ix->items) return ix->rels[i];
	const char *p = ix->items[i].path;
	return strlen(p) > ix->rootlen ? p + ix->rootlen : "";
}
static inline int ix_date(const struct metacache_index *ix, size_t i)
{
	return ix->items ? ix->items[i].date : ix->dates[i];
}
/* column 0: source, 1: language */
static inline const char *ix_value(const struct metacache_index *ix, int col, size_t i)
{
	if (ix->items) return col ? ix->items[i].lang : ix->items[i].source;
	return col ? ix->langs[i] : ix->sources[i];
}
/* NULL: no title table */
static inline const char *ix_title(const struct metacache_index *ix, size_t i)
{
	if (ix->items) return ix->items[i].title;
	return ix->titles[i];
}
static inline bool ix_has_titles(const struct metacache_index *ix)
{
	return ix->items || ix->titles;
}

/* Where a save's bytes go (metacache_save.c): through buf, passed on
 * in pieces to the file and the payload checksum, or only counted (a
 * first pass that measures what the checksums are seeded with). */
struct mc_out {
	struct fsutil_atomic w;
	struct strbuf buf;       /* bytes not yet passed on */
	struct hash_stream hs;   /* the payload's checksum */
	struct hash_stream *sec; /* NULL, or a section's checksum, fed too */
	uint64_t pos;            /* bytes passed on, from the file's start */
	bool count_only;         /* measuring: nothing hashed or written */
};
/* Pass buf on when it holds 1 MB or more, or (all) whatever it holds. */
void mc_out_pass(struct mc_out *o, bool all);

/* The title table section (metatitles.c): u64 length, then per article a
 * u32 offset and one past the last, then the folded titles, each ending
 * in NUL; empty (length 0) when ix is NULL or unusable, or the text would
 * pass 4 GB. Planned first (its length), then emitted
 * to o; ref: the table's offset in the file, length and checksum
 * (hash_bytes seed 19), all 0 when empty. */
struct mc_titles {
	bool present;  /* false: the section is empty */
	size_t nart;
	uint64_t len;  /* bytes after the u64 length */
	uint64_t order_len; /* the title order's: 4 an article */
};
void metacache_titles_plan(struct mc_titles *t, const struct metacache_index *ix);
void metacache_titles_emit(struct mc_out *o, const struct mc_titles *t,
			   const struct metacache_index *ix, uint64_t ref[3]);
/* The title order section, after the title table: u64 length, then
 * per article (nart u32) the article numbers in the order
 * collection_order gives by title; empty when the title table is. ref as
 * above (hash_bytes seed 23). */
void metacache_order_emit(struct mc_out *o, const struct mc_titles *t,
			  const struct metacache_index *ix, uint64_t ref[3]);
void metacache_titles_free(struct mc_titles *t);

#endif
