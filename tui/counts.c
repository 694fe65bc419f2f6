/* SPDX-License-Identifier: MIT
 * Unread counts kept behind change counters (see counts.h): the readstate's
 * gen (a store's read_gen, or t->read_gen for the table in memory), rs_gen
 * (a new store), coll_gen (a new collection or sort), list_gen (a new
 * filter result; the list's count only) and the size.
 * A readstate without gen is counted again at every call, as before. An
 * article read or unread here (counts_set_read) moves the count by one. */
#include "tui/counts.h"

#include "tui/tui.h"

static struct count_key key_now(const struct tui *t, size_t n, bool listed)
{
	return (struct count_key){
		.valid = t->rs.gen != NULL,
		.is_read = (const void *)t->rs.is_read,
		.ctx = t->rs.ctx,
		.gen = t->rs.gen ? t->rs.gen(t->rs.ctx) : 0,
		.rs_gen = t->rs_gen,
		.coll_gen = t->coll_gen,
		.list_gen = listed ? t->list_gen : 0,
		.n = n,
	};
}

static bool key_same(const struct count_key *a, const struct count_key *b)
{
	return a->valid && b->valid && a->is_read == b->is_read && a->ctx == b->ctx &&
	       a->gen == b->gen && a->rs_gen == b->rs_gen && a->coll_gen == b->coll_gen &&
	       a->list_gen == b->list_gen &&
	       a->n == b->n;
}

/* The seam itself (as context_is_read): this file calls no other. */
static bool is_read(const struct tui *t, size_t art)
{
	return t->rs.is_read(t->rs.ctx, &t->d.coll.items[art], art);
}

size_t counts_recount_all(struct tui *t)
{
	size_t unread = 0;
	for (size_t i = 0; i < t->d.coll.n; i++) unread += !is_read(t, i);
	return unread;
}

size_t counts_recount_listed(struct tui *t)
{
	size_t unread = 0;
	for (size_t i = 0; t->order && i < t->norder; i++) unread += !is_read(t, t->order[i]);
	return unread;
}

size_t counts_unread_all(struct tui *t)
{
	struct count_key k = key_now(t, t->d.coll.n, false);
	if (!key_same(&k, &t->counts.all_key)) {
		t->counts.all = counts_recount_all(t);
		t->counts.all_key = k;
	}
	return t->counts.all;
}

size_t counts_unread_listed(struct tui *t)
{
	struct count_key k = key_now(t, t->norder, true);
	if (!key_same(&k, &t->counts.list_key)) {
		t->counts.list = counts_recount_listed(t);
		t->counts.list_key = k;
	}
	return t->counts.list;
}

void counts_set_read(struct tui *t, size_t art, bool read)
{
	struct count_key k = key_now(t, t->d.coll.n, false);
	bool kept = key_same(&k, &t->counts.all_key);
	bool was = kept && is_read(t, art);
	t->rs.set_read(t->rs.ctx, &t->d.coll.items[art], art, read);
	if (!kept || was == read) return;
	/* one article changed: the count follows it, no recount */
	t->counts.all = read ? t->counts.all - 1 : t->counts.all + 1;
	t->counts.all_key = key_now(t, t->d.coll.n, false);
}
