/* SPDX-License-Identifier: MIT
 * The status line's unread counts (in the whole collection, in the list),
 * kept between redraws while nothing they depend on moved: a count over
 * every article asks the reading state about each (a store lookup), which
 * at 1,000,000 articles took ~50 ms of every key's redraw. */
#ifndef DOSSIER_TUI_COUNTS_H
#define DOSSIER_TUI_COUNTS_H

#include <stdbool.h>
#include <stddef.h>

struct tui;

/* One kept count and what it was counted at: the readstate (its functions,
 * context and change counter), t->rs_gen, t->coll_gen, t->list_gen (the
 * list's count only) and the size. */
struct count_key {
	bool valid;
	const void *is_read, *ctx;
	unsigned long gen;
	unsigned rs_gen, coll_gen, list_gen;
	size_t n;
};
struct counts {
	struct count_key all_key, list_key;
	size_t all, list; /* unread articles in the collection / in t->order */
};

/* Unread articles in the whole collection (t->d.coll). */
size_t counts_unread_all(struct tui *t);
/* Unread articles in the list (t->order, t->norder). */
size_t counts_unread_listed(struct tui *t);
/* Set art's read flag through t->rs (context_set_read), keeping the
 * collection's count by one step when it was kept: opening an article at
 * 1,000,000 does not count them all again. */
void counts_set_read(struct tui *t, size_t art, bool read);
/* The same, counted now, keeping nothing: what the kept counts must equal. */
size_t counts_recount_all(struct tui *t);
size_t counts_recount_listed(struct tui *t);

#endif
