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
/* The cache as a whole, without looking at the disk (a snapshot start):
 * records [0, count) in file order. metacache_peek decodes record i as
 * metacache_take would, but does not count it as seen again: the refresh
 * that follows decides what is still there. */
size_t metacache_count(const struct metacache *mc);
const char *metacache_rel(const struct metacache *mc, size_t i); /* borrowed */
bool metacache_peek(const struct metacache *mc, size_t i, struct article *a, const char *root,
		    struct diag_list *diags);
/* Record a freshly loaded article and its diagnostics diags[from..n). */
void metacache_put(struct metacache *mc, const char *rel, const struct metacache_key *key,
		   const struct article *a, const char *root, const struct diag_list *diags,
		   size_t from);
/* Write the file back atomically when anything changed since open (a record
 * added or replaced, one not taken again, a new fingerprint). Returns 0 or
 * an errno value; a cache that cannot be written is not an error for the
 * caller, only slower next time. */
int metacache_save(struct metacache *mc);
/* Counters for tests and the status line. */
struct metacache_stats {
	size_t loaded; /* records read from the file */
	size_t taken;  /* articles restored without opening them */
	size_t put;    /* articles read from disk and recorded */
	bool written;  /* metacache_save wrote the file */
};
struct metacache_stats metacache_stats(const struct metacache *mc);
const char *metacache_path(const struct metacache *mc); /* borrowed; NULL if none */
void metacache_close(struct metacache *mc);

/* The vocab_hash for dossier_open_with: the shipped topic YAML text and
 * the user's topic file (path and contents; NULL: none), as vocab_open
 * reads them. Never 0. */
uint64_t metacache_vocab_hash(const char *shipped, const char *user_path);

#endif
