/* SPDX-License-Identifier: MIT
 * Writing the metadata cache file (its layout: metacache.c's top comment).
 * Why streamed: at a million articles the records are ~250 MB and the
 * sections after them (title table, folders, lean index) ~130 MB, and
 * building the whole file in memory before writing it added that much to
 * the peak of every save. Everything goes to the temp file in 1 MB pieces
 * (struct mc_out); since every checksum is seeded with its length, a
 * first pass measures the records and a second counts the tail's bytes
 * without keeping them, then the third writes (each record's checksum for
 * the index computed there, after the records). Only the folder section
 * (a few bytes a file) is built whole. The bytes are the same
 * as when the file was built whole (tests/unit/test_metasave.c). */
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/meta/metablob.h"

#define CHUNK ((size_t)1 << 20)

static bool stat_present(const struct metacache_stat *s)
{
	static const struct metacache_stat zero;
	return memcmp(s, &zero, sizeof zero) != 0;
}

/* Append record rc's bytes before its blob (path and NUL, key, blob length). */
static void rec_head(struct strbuf *sb, const struct rec *rc)
{
	struct metacache_key key;
	metacache_rec_key(rc, &key);
	metablob_put_str(sb, rc->rel);
	strbuf_addc(sb, '\0'); /* the table points at the path where it lies */
	uint32_t bits = (stat_present(&key.side_yaml) ? 1u : 0) |
			(stat_present(&key.side_yml) ? 2u : 0);
	metablob_put_u32(sb, bits);
	metacache_put_stat(sb, &key.file);
	if (bits & 1) metacache_put_stat(sb, &key.side_yaml);
	if (bits & 2) metacache_put_stat(sb, &key.side_yml);
	metablob_put_u32(sb, (uint32_t)rc->blen);
}

/* Does every article of ix have a record that will be written? */
static bool index_maps(struct metacache *mc, const struct metacache_index *ix)
{
	for (size_t i = 0, next = 0; i < ix->nart; i++) {
		struct rec *rc = metacache_rec_near(mc, ix_rel(ix, i), &next);
		if (!rc || !rc->live) return false;
	}
	return true;
}

/* One value column: per article its value's number, then the distinct
 * values (number 0 is none, NULL). The table grows with the distinct
 * values: sized for one per article it was 8 MB at a million, zeroed on
 * the saving thread's heap, at the top of the reader's peak. */
static void write_column(struct mc_out *o, const struct metacache_index *ix, int col, size_t nart)
{
	struct map seen = MAP_INIT;
	size_t cap = 16;
	const char **table = xcalloc(cap, sizeof *table);
	size_t nv = 1;
	for (size_t i = 0; i < nart; i++) {
		size_t v = 0;
		const char *val = ix_value(ix, col, i);
		if (val && !map_get(&seen, val, &v)) {
			v = nv;
			ARRAY_RESERVE(table, cap, nv + 1);
			table[nv++] = val;
			map_put(&seen, val, v);
		}
		metablob_put_u32(&o->buf, (uint32_t)v);
		mc_out_pass(o, false);
	}
	metablob_put_u32(&o->buf, (uint32_t)nv);
	for (size_t v = 0; v < nv; v++) {
		metablob_put_str(&o->buf, table[v]);
		mc_out_pass(o, false);
	}
	map_free(&seen);
	free(table);
}

/* n bytes through o, in pieces (o->buf never holds a whole array). */
static void out_add(struct mc_out *o, const void *p, size_t n)
{
	const char *c = p;
	for (size_t at = 0; at < n;) {
		size_t k = n - at < ((size_t)1 << 20) ? n - at : ((size_t)1 << 20);
		strbuf_add(&o->buf, c + at, k);
		at += k;
		mc_out_pass(o, false);
	}
}

/* Record i's number in the file: newidx NULL means every record is
 * written, in order (the usual case: no 4-byte-a-record array). */
static uint32_t new_of(const uint32_t *newidx, size_t i)
{
	return newidx ? newidx[i] : (uint32_t)i;
}

/* The lean index for the records as written (newidx: their numbers),
 * from ix (usable: every article has a record written). Each record's
 * (offset, length, checksum) is computed here, again, rather than kept
 * from the first pass (24 bytes a record: 24 MB at a million); the
 * counting pass only counts them. */
static void write_index(struct metacache *mc, struct mc_out *o, const struct metacache_index *ix,
			bool usable, size_t live, const uint32_t *newidx, const uint64_t tref[6])
{
	metablob_put_u32(&o->buf, usable);
	metablob_put_u32(&o->buf, (uint32_t)live);
	struct strbuf head = STRBUF_INIT;
	uint64_t at = MC_HEADER;
	for (size_t i = 0; i < mc->n; i++) {
		const struct rec *rc = &mc->recs[i];
		if (!rc->live) continue;
		uint64_t t[3] = {0, 0, 0};
		if (!o->count_only) {
			strbuf_reset(&head);
			rec_head(&head, rc);
			struct hash_stream hs;
			hash_stream_init(&hs, head.len + rc->blen, 17);
			hash_stream_add(&hs, head.buf, head.len);
			hash_stream_add(&hs, rec_blob(rc), rc->blen);
			if (!rc->put) metacache_touch(mc, head.len + rc->blen);
			t[0] = at;
			t[1] = head.len + rc->blen;
			t[2] = hash_stream_end(&hs);
			at += t[1];
		}
		strbuf_add(&o->buf, (const char *)t, sizeof t);
		mc_out_pass(o, false);
	}
	strbuf_free(&head);
	size_t nart = usable ? ix->nart : 0, ntags = usable ? ix->ntags : 0;
	metablob_put_u32(&o->buf, (uint32_t)nart);
	/* record numbers as written: the file's order may differ from the
	 * session's (records not live are left out) */
	for (size_t i = 0, next = 0; i < nart; i++) {
		const struct rec *rc = metacache_rec_near(mc, ix_rel(ix, i), &next);
		metablob_put_u32(&o->buf, new_of(newidx, (size_t)(rc - mc->recs)));
		mc_out_pass(o, false);
	}
	for (size_t i = 0; i < nart; i++) {
		metablob_put_u32(&o->buf, (uint32_t)ix_date(ix, i));
		mc_out_pass(o, false);
	}
	for (int c = 0; c < MC_NCOLS; c++) write_column(o, ix, c, nart);
	metablob_put_u32(&o->buf, (uint32_t)ntags);
	for (size_t t = 0; t < ntags; t++) {
		metablob_put_str(&o->buf, ix->tags[t].name);
		metablob_put_u32(&o->buf, (uint32_t)ix->tags[t].n);
		out_add(o, ix->tags[t].arts, ix->tags[t].n * 4);
		metablob_put_u32(&o->buf, (uint32_t)ix->tags[t].nholders);
		out_add(o, ix->tags[t].holders, ix->tags[t].nholders * 4);
	}
	for (int k = 0; k < 6; k++) metablob_put_i64(&o->buf, (int64_t)(usable ? tref[k] : 0));
}

/* Temp file beside path + rename, in a private folder it creates: readers
 * see the whole old or the whole new file. A crash mid-save leaves a temp
 * file; the next save clears such leftovers. No fsync (FSUTIL_NO_SYNC): the
 * cache is derived data, and a file a crash left empty or torn fails its
 * magic, length or checksums when opened and is rebuilt from the articles
 * (tests/unit/test_metacache.c test_corrupt); the syncs were up to a tenth
 * of a cold load's time. 0 or an errno value. */
static int open_private(struct fsutil_atomic *w, const char *path)
{
	char *dir = fsutil_dirname(path);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	fsutil_clean_stale_temps(path);
	return fsutil_atomic_open(w, path, FSUTIL_PRIVATE | FSUTIL_NO_SYNC);
}

void mc_out_pass(struct mc_out *o, bool all)
{
	if (o->buf.len < (all ? 1 : CHUNK)) return;
	if (!o->count_only) {
		hash_stream_add(&o->hs, o->buf.buf, o->buf.len);
		if (o->sec) hash_stream_add(o->sec, o->buf.buf, o->buf.len);
		fsutil_atomic_write(&o->w, o->buf.buf, o->buf.len);
	}
	o->pos += o->buf.len;
	strbuf_reset(&o->buf);
}

/* What follows the records: the title table, then the lean part (folders,
 * lean index) with its checksum, then the footer. Run twice: counting
 * (o->count_only) to learn the lengths the checksums are seeded with
 * (*lean_len, in then), then writing. Why twice and not built whole: at a
 * million articles the tail was ~130 MB in memory during every save. */
static void emit_tail(struct metacache *mc, struct mc_out *o, const struct mc_titles *titles,
		      const struct metacache_index *ix, const struct strbuf *dirs, bool usable,
		      size_t live, const uint32_t *newidx, uint64_t *lean_len)
{
	uint64_t tref[6] = {0, 0, 0, 0, 0, 0}; /* the title table's, the title order's */
	if (o->count_only) {
		metablob_put_i64(&o->buf, 0);
		mc_out_pass(o, true);
		o->pos += titles->len; /* its bytes: planned */
		metablob_put_i64(&o->buf, 0);
		mc_out_pass(o, true);
		o->pos += titles->present ? titles->order_len : 0;
	} else {
		metacache_titles_emit(o, titles, ix, tref);
		metacache_order_emit(o, titles, ix, tref + 3);
	}
	mc_out_pass(o, true);
	uint64_t lean = o->pos;
	struct hash_stream ls;
	hash_stream_init(&ls, o->count_only ? 0 : *lean_len, 13);
	o->sec = &ls;
	out_add(o, dirs->buf, dirs->len);
	write_index(mc, o, ix, usable, live, newidx, tref);
	mc_out_pass(o, true);
	o->sec = NULL;
	if (o->count_only) *lean_len = o->pos - lean;
	metablob_put_i64(&o->buf, (int64_t)lean);
	metablob_put_i64(&o->buf, (int64_t)hash_stream_end(&ls));
	mc_out_pass(o, true);
}

/* Write the file: header, records and tail, all in pieces; the payload
 * checksum goes into the header last. */
static int save_stream(struct metacache *mc, const struct metacache_index *ix, size_t live)
{
	/* the records' numbers in the file, when some are left out */
	uint32_t *newidx = live == mc->n ? NULL : xcalloc(mc->n ? mc->n : 1, sizeof *newidx);
	for (size_t i = 0, k = 0; newidx && i < mc->n; i++)
		newidx[i] = mc->recs[i].live ? (uint32_t)k++ : UINT32_MAX;
	/* pass 1: the records' length */
	bool too_big = false;
	struct strbuf head = STRBUF_INIT;
	uint64_t pos = MC_HEADER;
	for (size_t i = 0; i < mc->n; i++) {
		const struct rec *rc = &mc->recs[i];
		if (!rc->live) continue;
		strbuf_reset(&head);
		rec_head(&head, rc);
		if (!rc->put) metacache_touch(mc, head.len);
		too_big = too_big || head.len + rc->blen > UINT32_MAX;
		pos += head.len + rc->blen;
	}
	strbuf_free(&head);
	/* any article without a record written makes the index unusable */
	bool usable = ix && ix->usable;
	for (size_t i = 0, next = 0; usable && i < ix->nart; i++) {
		struct rec *rc = metacache_rec_near(mc, ix_rel(ix, i), &next);
		usable = rc && rc->live;
	}
	struct mc_titles titles;
	metacache_titles_plan(&titles, ix);
	struct strbuf dirs = STRBUF_INIT; /* a few bytes a file: built whole */
	metacache_dirs_write(mc, &dirs, newidx);
	/* pass 2 counts the tail, pass 3 writes everything */
	uint64_t lean_len = 0;
	struct mc_out o = {.buf = STRBUF_INIT, .pos = pos, .count_only = true};
	emit_tail(mc, &o, &titles, ix, &dirs, usable, live, newidx, &lean_len);
	uint64_t plen = o.pos - MC_HEADER;
	o = (struct mc_out){.buf = o.buf, .count_only = false};
	hash_stream_init(&o.hs, plen, 11);
	struct strbuf hdr = STRBUF_INIT;
	strbuf_add(&hdr, MC_MAGIC, 8);
	metablob_put_u32(&hdr, MC_FORMAT);
	metablob_put_u32(&hdr, 0);
	metablob_put_i64(&hdr, (int64_t)mc->fingerprint);
	metablob_put_i64(&hdr, (int64_t)live);
	metablob_put_i64(&hdr, (int64_t)plen);
	metablob_put_i64(&hdr, 0); /* the checksum: written last */
	unsigned char slot[16] = {0};
	strbuf_add(&hdr, (const char *)slot, sizeof slot); /* the last full check's: after it */
	int64_t swept = mc->new_swept ? mc->new_swept : mc->swept;
	if (open_private(&o.w, mc->file) == 0) {
		fsutil_atomic_write(&o.w, hdr.buf, hdr.len);
		o.pos = hdr.len;
		for (size_t i = 0; i < mc->n && !o.w.err; i++) {
			const struct rec *rc = &mc->recs[i];
			if (!rc->live) continue;
			size_t at = o.buf.len;
			rec_head(&o.buf, rc);
			strbuf_add(&o.buf, (const char *)rec_blob(rc), rc->blen);
			if (!rc->put) metacache_touch(mc, o.buf.len - at);
			mc_out_pass(&o, false);
		}
		mc_out_pass(&o, true);
		if (o.pos != pos && !o.w.err) o.w.err = EIO; /* the records changed between passes */
		if (too_big && !o.w.err) o.w.err = EFBIG; /* a record past 4 GB: not cached */
		emit_tail(mc, &o, &titles, ix, &dirs, usable, live, newidx, &lean_len);
		if (o.pos != MC_HEADER + plen && !o.w.err) o.w.err = EIO;
		uint64_t sum = hash_stream_end(&o.hs);
		fsutil_atomic_pwrite(&o.w, &sum, 8, 40);
		metacache_slot_make(slot, swept, sum);
		fsutil_atomic_pwrite(&o.w, slot, sizeof slot, MC_SLOT);
	}
	strbuf_free(&hdr);
	strbuf_free(&o.buf);
	strbuf_free(&dirs);
	metacache_titles_free(&titles);
	free(newidx);
	return fsutil_atomic_commit(&o.w, NULL);
}

int metacache_save(struct metacache *mc)
{
	return metacache_save_index(mc, NULL);
}

int metacache_save_index(struct metacache *mc, const struct metacache_index *ix)
{
	size_t live = 0;
	for (size_t i = 0; i < mc->n; i++) live += mc->recs[i].live;
	if (live != mc->st.loaded) mc->dirty = true; /* some were not seen again */
	if (metacache_dirs_dirty(mc)) mc->dirty = true;
	/* a file without a usable index gets one when it can (an article
	 * that could not be read has no record: then it cannot) */
	if (ix && ix->usable && !mc->index_usable && index_maps(mc, ix)) mc->dirty = true;
	if (!mc->file) return 0;
	/* a full check that found the file as it was: only its time is new,
	 * patched into the file read (one this session wrote is written
	 * whole again, as before: it has no mapping to compare with) */
	bool new_time = mc->new_swept && mc->new_swept != mc->swept;
	if (!mc->dirty && new_time && mc->from_file) return metacache_patch_swept(mc, mc->new_swept);
	if (new_time) mc->dirty = true;
	if (!mc->dirty) return 0;
	int err = save_stream(mc, ix, live);
	if (!err) {
		mc->st.written = true;
		mc->dirty = false;
		mc->index_usable = ix && ix->usable && index_maps(mc, ix);
		if (mc->new_swept) mc->swept = mc->new_swept;
		mc->from_file = false; /* the file on disk is another now: never patched from here */
	}
	return err;
}
