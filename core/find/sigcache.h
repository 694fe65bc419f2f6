/* SPDX-License-Identifier: MIT
 * Content signatures (core/find/similar.h) made only when something needs
 * them (related, duplicates, the reader's background job), never by the
 * load: signing every body made a cold list 2.7x dearer. They are kept in
 * their own file beside the metadata cache ($XDG_CACHE_HOME/dossier/
 * NAME.sig), one record per article keyed by its path, its file's stat and
 * its title, so a later run signs only what changed. A damaged file is
 * ignored and written anew. */
#ifndef DOSSIER_SIGCACHE_H
#define DOSSIER_SIGCACHE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct collection;
struct simsig;

struct sigcache_stats {
	size_t loaded;  /* records read from the file */
	size_t taken;   /* signatures taken from it */
	size_t made;    /* bodies read and signed */
	bool damaged;   /* the file was there but unusable (ignored, rewritten) */
	bool written;   /* the file was written */
	bool current;   /* the file holds every signature as made now (written,
			 * or unchanged): a reader may read them back */
};

/* The signature file of the collection at root; NULL when there is no
 * cache folder. Caller frees. */
char *sigcache_file(const char *root);

/* Called now and then with articles done of total. */
typedef void (*sigcache_progress_fn)(void *ctx, size_t done, size_t total);

/* The signature of every article of c that has none yet, into out[i]
 * (out: c->n entries, zeroed by the caller; out[i] stays NULL for an
 * article that has one): from file when its record still matches, else
 * from the body (article_body_read). Does not change c, so it may run on
 * another thread while c is only read. Then writes file (NULL: none)
 * when anything in it changed. Returns 0, or -2 when cancel was set (out
 * then holds what was done; the caller frees it with sigcache_drop). */
int sigcache_compute(const struct collection *c, const char *file, struct simsig **out,
		     const atomic_int *cancel, sigcache_progress_fn progress, void *pctx,
		     struct sigcache_stats *st);
/* out may be NULL: the signatures are then only written to file (none is
 * kept: at 1,000,000 articles they are a gigabyte), to be read back one at
 * a time with a reader. */

/* Article i's signature read back from file after sigcache_compute (or
 * the article's own when it has one; signed from its body when the file
 * has no record of it), in any order; *out borrowed until the next call.
 * False when cancel was set. Why: the streamed build of the content index
 * (simbuild.h) reads every signature twice and keeps none. */
struct sigcache_reader;
struct sigcache_reader *sigcache_reader_open(const struct collection *c, const char *file,
					     const atomic_int *cancel);
bool sigcache_reader_next(struct sigcache_reader *r, size_t i, const struct simsig **out);
/* Is file (still) the very file r reads (its stat unchanged)? */
bool sigcache_reader_file(const struct sigcache_reader *r, const char *file);
void sigcache_reader_close(struct sigcache_reader *r);

/* Give c's articles the signatures of out (moved; out[i] becomes NULL). */
void sigcache_install(struct collection *c, struct simsig **out);
/* Free what sigcache_compute left in out[0..n). */
void sigcache_drop(struct simsig **out, size_t n);

/* Both at once, on this thread: every article of c gets its signature.
 * st may be NULL. */
void sigcache_fill(struct collection *c, const char *file, struct sigcache_stats *st);

/* What the signatures depend on besides the files (this version, the
 * format, the parameters): a file built over them keys itself to it. */
uint64_t sigcache_version(void);

/* Are all of c's articles signed? */
bool sigcache_complete(const struct collection *c);

#endif
