/* SPDX-License-Identifier: MIT
 * The metadata cache's title table: every article's title folded as the
 * query evaluator folds it (query_fold: NFKC + case fold, ASCII lowered
 * in place), so the lean reader (metaindex.c) judges title: terms over
 * one buffer without decoding a record or folding a title. Written
 * between the records and the folder section, with its own checksum, so
 * a query without a title term never reads or checks it. Written in
 * pieces (metacache_save.c's mc_out): its length is planned first, so
 * the table is never whole in memory (~60 MB at a million articles). */
#include "core/meta/metacache_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/collection/order.h"
#include "core/text/utf8.h"

/* s folded into sb as query_fold folds it. */
static void fold_into(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), k = 0;
	while (k < n && (unsigned char)s[k] < 0x80) k++;
	if (k < n) {
		size_t flen;
		char *f = utf8_fold(s, n, &flen);
		strbuf_add(sb, f, flen);
		free(f);
		return;
	}
	size_t at = sb->len;
	strbuf_add(sb, s, n);
	for (size_t i = 0; i < n; i++)
		if (sb->buf[at + i] >= 'A' && sb->buf[at + i] <= 'Z') sb->buf[at + i] += 32;
}

/* The folded length of s, as fold_into would add it. */
static size_t fold_len(const char *s)
{
	size_t n = strlen(s), k = 0;
	while (k < n && (unsigned char)s[k] < 0x80) k++;
	if (k == n) return n;
	size_t flen;
	free(utf8_fold(s, n, &flen));
	return flen;
}

void metacache_titles_plan(struct mc_titles *t, const struct metacache_index *ix)
{
	memset(t, 0, sizeof *t);
	if (!ix || !ix->usable || !ix_has_titles(ix)) return;
	size_t nart = ix->nart;
	uint64_t text = 0;
	for (size_t i = 0; i < nart; i++) {
		text += fold_len(ix_title(ix, i) ? ix_title(ix, i) : "") + 1;
		if (text > UINT32_MAX - 1) return; /* a table past 4 GB is left out */
	}
	t->present = true;
	t->nart = nart;
	t->len = 4 * ((uint64_t)nart + 1) + text;
	t->order_len = 4 * (uint64_t)nart;
}

/* The offsets are folded lengths summed again, not kept from the plan: 4
 * bytes an article (4 MB at a million) for a second fold of the titles
 * that are not ASCII. */
void metacache_titles_emit(struct mc_out *o, const struct mc_titles *t,
			   const struct metacache_index *ix, uint64_t ref[3])
{
	ref[0] = ref[1] = ref[2] = 0;
	metablob_put_i64(&o->buf, (int64_t)t->len);
	if (!t->present) return;
	mc_out_pass(o, true);
	struct hash_stream hs;
	hash_stream_init(&hs, t->len, 19);
	o->sec = &hs;
	ref[0] = o->pos;
	ref[1] = t->len;
	uint64_t off = 0;
	for (size_t i = 0; i <= t->nart; i++) {
		metablob_put_u32(&o->buf, (uint32_t)off);
		if (i < t->nart) off += fold_len(ix_title(ix, i) ? ix_title(ix, i) : "") + 1;
		mc_out_pass(o, false);
	}
	for (size_t i = 0; i < t->nart; i++) {
		fold_into(&o->buf, ix_title(ix, i) ? ix_title(ix, i) : "");
		strbuf_addc(&o->buf, '\0');
		mc_out_pass(o, false);
	}
	mc_out_pass(o, true);
	o->sec = NULL;
	ref[2] = hash_stream_end(&hs);
}

static const char *ix_title_of(const void *ctx, size_t i)
{
	return ix_title(ctx, i);
}
static int ix_date_of(const void *ctx, size_t i)
{
	return ix_date(ctx, i);
}

/* The title order: computed here, as the file is written (order_by_text,
 * ~16 bytes an article while it runs), so a listing by title reads it
 * instead of every title. */
void metacache_order_emit(struct mc_out *o, const struct mc_titles *t,
			  const struct metacache_index *ix, uint64_t ref[3])
{
	ref[0] = ref[1] = ref[2] = 0;
	metablob_put_i64(&o->buf, (int64_t)(t->present ? t->order_len : 0));
	if (!t->present) return;
	mc_out_pass(o, true);
	uint32_t *perm = order_by_text(t->nart, ix_title_of, ix_date_of, ix);
	struct hash_stream hs;
	hash_stream_init(&hs, t->order_len, 23);
	o->sec = &hs;
	ref[0] = o->pos;
	ref[1] = t->order_len;
	for (size_t i = 0; i < t->nart; i++) {
		metablob_put_u32(&o->buf, perm[i]);
		mc_out_pass(o, false);
	}
	mc_out_pass(o, true);
	o->sec = NULL;
	ref[2] = hash_stream_end(&hs);
	free(perm);
}

void metacache_titles_free(struct mc_titles *t) { memset(t, 0, sizeof *t); }
