/* SPDX-License-Identifier: MIT
 * The metadata cache: what loading computed for each article (fields,
 * derived tags, flags, body offset, diagnostics), kept in one binary file
 * per collection under $XDG_CACHE_HOME/dossier/ so that a warm start reads
 * no article file that has not changed. The files stay the source of truth:
 * deleting the cache loses nothing, a damaged one is ignored and rebuilt. */
#ifndef DOSSIER_METACACHE_H
#define DOSSIER_METACACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"

/* What identifies one version of an article on disk: its own stat and the
 * stat of both possible sidecars (stem.yaml, stem.yml; all zero when absent).
 * Any difference means the article is read again. */
struct metacache_stat {
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns, ino;
};
struct metacache_key {
	struct metacache_stat file, side_yaml, side_yml;
};
struct stat;
/* What the cache keeps of a file's stat. */
void metacache_stat_of(struct metacache_stat *k, const struct stat *st);

struct metacache;

/* Open the cache of the collection at root (any spelling: the file is named
 * after the absolute path). fm and vocab_hash (metacache_vocab_hash of the
 * vocabulary texts; 0 when none) are part of the fingerprint: when they
 * differ from the cache file's, nothing is taken from it. Never fails: with
 * no usable cache folder or file it starts empty. *note (may be NULL) gets
 * an owned message when a cache file existed but was damaged, else NULL. */
struct metacache *metacache_open(const char *root, const struct fieldmap *fm,
				 uint64_t vocab_hash, char **note);
/* The same with an explicit cache file path (tests). */
struct metacache *metacache_open_file(const char *file, const char *root,
				      const struct fieldmap *fm, uint64_t vocab_hash,
				      char **note);

/* If rel has a record with exactly this key, fill *a (zeroed by the
 * caller; id and path already set) from it, append its diagnostics to diags
 * (paths rebuilt under root) and return true. The record is kept for save. */
bool metacache_take(struct metacache *mc, const char *rel, const struct metacache_key *key,
		    struct article *a, const char *root, struct diag_list *diags);
/* Would metacache_take accept this key? (The record may still turn out
 * damaged when taken.) Lets a loader decide up front which files to read. */
bool metacache_has(const struct metacache *mc, const char *rel, const struct metacache_key *key);
/* The record metacache_has would accept (for metacache_take_at), or SIZE_MAX. */
size_t metacache_find(const struct metacache *mc, const char *rel, const struct metacache_key *key);
/* The same, trying record *next first and setting *next past the record
 * found for rel (start with 0). Why: a scan meets the files in the order
 * the cache recorded them, so it finds each record without the path
 * table (48 MB at a million records, built only when a guess misses). */
size_t metacache_find_near(const struct metacache *mc, const char *rel,
			   const struct metacache_key *key, size_t *next);
/* The cache as a whole, without looking at the disk (a snapshot start):
 * records [0, count) in file order. metacache_peek decodes record i as
 * metacache_take would, but does not count it as seen again: the refresh
 * that follows decides what is still there. */
size_t metacache_count(const struct metacache *mc);
/* borrowed, valid until metacache_close (it may lie in the mapped file) */
const char *metacache_rel(const struct metacache *mc, size_t i);
struct arena;
struct strcache;
/* ar: NULL, or the arena a's strings go to (a->in_arena set; the caller
 * sets a->id and a->path there too); sc: NULL, or a cache in front of ar
 * sharing the strings articles repeat (metablob_decode_in) */
bool metacache_peek(struct metacache *mc, size_t i, struct article *a, const char *root,
		    struct diag_list *diags, struct arena *ar, struct strcache *sc);
/* The record a load would take for rel (rec: the one a fresh folder
 * vouched for, else SIZE_MAX: found by rel and compared by key) if
 * metacache_peek decoded it whole, else SIZE_MAX. A refresh that finds
 * every article so lets the snapshot stand instead of decoding again. */
size_t metacache_shown(struct metacache *mc, const char *rel, const struct metacache_key *key,
		       size_t rec);
/* Count record i as taken again (saved with the file) without decoding
 * it: the snapshot that peeked it stands for it. */
void metacache_keep_at(struct metacache *mc, size_t i);
/* Record a freshly loaded article and its diagnostics diags[from..n). */
void metacache_put(struct metacache *mc, const char *rel, const struct metacache_key *key,
		   const struct article *a, const char *root, const struct diag_list *diags,
		   size_t from);
/* The same with the record already encoded (metablob_encode of the
 * article and its diagnostics, on whichever thread read it): blob is
 * taken over (may be NULL when blen is 0). Not for an unreadable article
 * (it has no record: it is tried again next time). */
void metacache_put_blob(struct metacache *mc, const char *rel, const struct metacache_key *key,
			unsigned char *blob, size_t blen);
/* Write the file back atomically when anything changed since open (a record
 * added or replaced, one not taken again, a new fingerprint). Returns 0 or
 * an errno value; a cache that cannot be written is not an error for the
 * caller, only slower next time. */
int metacache_save(struct metacache *mc);
/* metacache_save, with the lean index a command can answer from without
 * loading the collection (core/meta/metaindex.h): the collection's
 * articles by number (rels[i]: article i's path relative to the root),
 * and its tags with their articles (ascending article numbers, nested tags
 * posting to their parents, as the tag index holds them). usable false:
 * the index must not be used (ids that are not their paths' stems).
 * Written whenever the file on disk lacks a usable index. */
struct metacache_tag {
	const char *name;
	const uint32_t *arts;
	size_t n;
	const uint32_t *holders; /* the articles carrying this very tag (not only a nested one) */
	size_t nholders;
};
struct metacache_index {
	const char *const *rels;
	const int *dates; /* article i's date (YYYYMMDD, 0 unknown) */
	/* article i's source and language as loaded (NULL: none): written as
	 * columns of value numbers and a table of distinct values */
	const char *const *sources, *const *langs;
	size_t nart;
	const struct metacache_tag *tags;
	size_t ntags;
	bool usable;
	/* article i's title as loaded (NULL: the title table is left out) */
	const char *const *titles;
	/* Or, with rels, dates, sources, langs and titles all NULL, the
	 * articles themselves (nart of them), each path relative to the root
	 * past its first rootlen bytes (none: ""). Why: at a million
	 * articles the five arrays were 36 MB at the peak of a save. */
	const struct article *items;
	size_t rootlen;
};
int metacache_save_index(struct metacache *mc, const struct metacache_index *ix);
/* ---- freshness by folder (metacache_dirs.c) ----
 * The cache also records every folder of the collection: its stat and,
 * in scan order, the articles and folders the scan found in it. A folder
 * whose stat is unchanged has had no name added, removed or renamed in it,
 * so a warm start takes its articles' records as they are without stat-ing
 * them; only an article edited in place (its folder untouched) goes unseen,
 * until the next full check (every file stat-ed), which the caller runs
 * when metacache_swept is older than its bound. */

/* Wall-clock second of the last full check recorded in the file; 0: none. */
int64_t metacache_swept(const struct metacache *mc);
/* This session was a full check that began at when: saved with the file
 * (when nothing else changed, by patching the header's slot in place). */
void metacache_set_swept(struct metacache *mc, int64_t when);
/* Record when as the file's last full check now, without rewriting it:
 * the slot (16 bytes) written in place, only into the very file mc read
 * (ESTALE when it was replaced since), no fsync (as every cache write:
 * a torn slot fails its seal, which only means a full check is due).
 * 0 or an errno value. */
int metacache_patch_swept(struct metacache *mc, int64_t when);
/* The background full check (metacache_sweep.c): every article of every
 * folder the file trusts stat-ed against its record (sidecars too),
 * without decoding anything. True when every folder and every file is as
 * recorded (untrusted folders are listed again by every load anyway);
 * false at the first difference (then a full load is due). */
bool metacache_sweep(struct metacache *mc);
/* The last full check recorded in the cache file's header (0: no file, a
 * damaged slot, another format), reading only the header. */
int64_t metacache_file_swept(const char *file);
/* The folder rel ("" for the root) if the file recorded it with exactly
 * this stat and trusted it (index >= 0), else -1. */
long metacache_dir_fresh(struct metacache *mc, const char *rel, const struct metacache_stat *st);
size_t metacache_dir_nkids(const struct metacache *mc, long d);
/* Kid k of folder d in scan order: true for a folder (*idx for
 * metacache_dir_rel / metacache_dir_fresh), false for an article (*idx a
 * record for metacache_rel, metacache_key_at, metacache_take_at). */
bool metacache_dir_kid(const struct metacache *mc, long d, size_t k, size_t *idx);
const char *metacache_dir_rel(const struct metacache *mc, size_t d); /* borrowed */
/* Carry folder d, found fresh, into the file written next. */
void metacache_dir_keep(struct metacache *mc, long d);
/* A folder as this session scanned it: its stat, its articles and folders
 * in scan order (paths relative to the root, copied), and whether it may be
 * trusted next time (false when scanning it said anything, e.g. a symbolic
 * link skipped, or when it changed too recently to tell a later change by
 * its time). */
struct metacache_kid {
	const char *rel;
	bool is_dir;
};
void metacache_dir_put(struct metacache *mc, const char *rel, const struct metacache_stat *st,
		       const struct metacache_kid *kids, size_t n, bool trusted);
/* Record i's key (copied into *k), and metacache_take without the key comparison (the
 * folder vouched for it). */
void metacache_key_at(const struct metacache *mc, size_t i, struct metacache_key *k);
bool metacache_take_at(struct metacache *mc, size_t i, struct article *a, const char *root,
		       struct diag_list *diags);

/* Counters for tests and the status line. */
struct metacache_stats {
	size_t loaded; /* records read from the file */
	size_t taken;  /* articles restored without opening them */
	size_t put;    /* articles read from disk and recorded */
	bool written;  /* metacache_save wrote the file */
	bool patched;  /* only the last full check's time was written (metacache_patch_swept) */
	size_t dirs_fresh;   /* folders taken from the cache without listing them */
	size_t dirs_scanned; /* folders listed (and their files stat-ed) */
};
struct metacache_stats metacache_stats(const struct metacache *mc);
/* Tests: how many bytes of the mapped cache file the process may read
 * before it lets go of the pages it holds (default 16 MB; metacache_int.h
 * MC_RESIDENT). Set before reading records; the file's own checks at open
 * use the default. */
void metacache_set_resident(struct metacache *mc, size_t bytes);
const char *metacache_path(const struct metacache *mc); /* borrowed; NULL if none */
void metacache_close(struct metacache *mc);

/* The vocab_hash for dossier_open_with: the shipped topic YAML text and
 * the user's topic file (path and contents; NULL: none), as vocab_open
 * reads them. Never 0. */
uint64_t metacache_vocab_hash(const char *shipped, const char *user_path);

#endif
