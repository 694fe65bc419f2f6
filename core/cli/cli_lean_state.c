/* SPDX-License-Identifier: MIT
 * The reading state for the lean index's is: terms (cli_lean.c): per
 * article of the index, read and marked, from the read-bits companion
 * when it is fresh (core/state/readbits.h: the YAML state is then not
 * read), else from the state file: by id up to LEAN_STATE_MAX ids, past
 * that as bits built over the index and kept in the companion. */
#include "core/cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/util.h"
#include "core/meta/metaindex.h"
#include "core/state/readbits.h"
#include "core/state/store.h"

/* Up to this many ids in the reading state, each is found by a binary
 * search over the records; past it, the bits are built by one walk over
 * every article's id and kept in the companion. */
#define LEAN_STATE_MAX 4096

struct lean_ids {
	const struct metaindex *mx;
	struct metaindex_rec rec;
	unsigned char *out; /* per article: 1 when the state names it */
	bool failed;        /* a record did not read */
};

static void lean_mark_id(void *ctx, const char *id)
{
	struct lean_ids *li = ctx;
	size_t lo = 0, hi = metaindex_count(li->mx); /* ids ascend with the article numbers */
	while (lo < hi && !li->failed) {
		size_t mid = lo + (hi - lo) / 2;
		if (!metaindex_read(li->mx, mid, &li->rec)) {
			li->failed = true;
			return;
		}
		int c = strcmp(li->rec.view.id, id);
		if (c == 0) {
			li->out[mid] = 1;
			return;
		}
		if (c < 0) lo = mid + 1;
		else hi = mid;
	}
}

/* The reading state of st (NULL: none, nothing read) per article into
 * own[0] (read) and own[1] (marked), for query_lean_eval; left unknown
 * (NULL) past LEAN_STATE_MAX ids or when a record does not read. */
static void lean_state(const struct metaindex *mx, const struct store *st, unsigned char *own[2])
{
	size_t nart = metaindex_count(mx);
	for (int m = 0; m < 2; m++) {
		own[m] = NULL;
		if (st && store_each_id(st, m, NULL, NULL) > LEAN_STATE_MAX) continue;
		struct lean_ids li = {.mx = mx, .out = xcalloc(nart ? nart : 1, 1)};
		if (st) store_each_id(st, m, lean_mark_id, &li);
		metaindex_rec_free(&li.rec);
		if (li.failed) free(li.out);
		else own[m] = li.out;
	}
}

/* The reading state for is: terms: the companion's bits when they are
 * fresh (the state file is then not read at all); else the state is
 * opened into *st and, past LEAN_STATE_MAX ids and when it read cleanly,
 * its bits are built and the companion written for the next command.
 * True when rb holds the bits. */
static bool lean_bits(struct cli_ctx *cx, const struct metaindex *mx, struct store **st,
		      struct readbits *rb)
{
	char *path = cx->state_path ? xstrdup(cx->state_path) : store_default_path(cx->corpus);
	if (!path) {
		*st = cli_store_open(cx); /* says why there is none */
		return false;
	}
	char *file = readbits_path(cx->corpus);
	struct readbits_key k = {.state_path = path, .fingerprint = metaindex_fingerprint(mx),
				 .nart = metaindex_count(mx)};
	/* stat first: bits built from a newer file than this are only stale */
	bool exists = stat(path, &k.st) == 0, have = exists && file && readbits_load(file, &k, rb);
	if (!have) {
		struct diag_list dl = DIAG_LIST_INIT;
		*st = store_open(path, &dl);
		bool clean = dl.n == 0;
		cli_print_diags(cx, &dl);
		bool many = store_each_id(*st, false, NULL, NULL) > LEAN_STATE_MAX ||
			    store_each_id(*st, true, NULL, NULL) > LEAN_STATE_MAX;
		if (exists && file && clean && many && readbits_build(*st, mx, rb)) {
			have = true;
			readbits_save(file, &k, rb); /* a cache: not written, built again */
		}
	}
	free(file);
	free(path);
	return have;
}

void cli_lean_state(struct cli_ctx *cx, const struct metaindex *mx, struct store **st,
		    struct readbits *rb)
{
	*st = NULL;
	memset(rb, 0, sizeof *rb);
	if (lean_bits(cx, mx, st, rb)) return;
	unsigned char *own[2];
	lean_state(mx, *st, own);
	rb->read = own[0];
	rb->marked = own[1];
	rb->nart = metaindex_count(mx);
}
