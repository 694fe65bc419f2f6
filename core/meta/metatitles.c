/* SPDX-License-Identifier: MIT
 * The metadata cache's title table: every article's title folded as the
 * query evaluator folds it (query_fold: NFKC + case fold, ASCII lowered
 * in place), so the lean reader (metaindex.c) judges title: terms over
 * one buffer without decoding a record or folding a title. Written
 * between the records and the folder section, with its own checksum, so
 * a query without a title term never reads or checks it. */
#include "core/meta/metacache_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/hash.h"
#include "core/base/util.h"
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

void metacache_titles_write(struct strbuf *sb, const struct metacache_index *ix, uint64_t ref[3])
{
	ref[0] = ref[1] = ref[2] = 0;
	size_t lenat = sb->len;
	metablob_put_i64(sb, 0); /* the section's length: filled in below */
	if (!ix || !ix->usable || !ix->titles) return;
	size_t start = sb->len, nart = ix->nart;
	/* offsets into the titles (u32; a table past 4 GB is left out) */
	for (size_t i = 0; i <= nart; i++) metablob_put_u32(sb, 0);
	size_t text = sb->len;
	for (size_t i = 0; i < nart; i++) {
		uint32_t off = (uint32_t)(sb->len - text);
		memcpy(sb->buf + start + 4 * i, &off, 4);
		fold_into(sb, ix->titles[i] ? ix->titles[i] : "");
		strbuf_addc(sb, '\0');
		if (sb->len - text > UINT32_MAX - 1) {
			sb->len = start;
			return;
		}
	}
	uint32_t end = (uint32_t)(sb->len - text);
	memcpy(sb->buf + start + 4 * nart, &end, 4);
	uint64_t len = sb->len - start;
	memcpy(sb->buf + lenat, &len, 8);
	ref[0] = start;
	ref[1] = len;
	ref[2] = hash_bytes(sb->buf + start, len, 19);
}
