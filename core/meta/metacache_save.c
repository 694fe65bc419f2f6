/* SPDX-License-Identifier: MIT
 * Writing the metadata cache file (its layout: metacache.c's top comment).
 * Why streamed: at a million articles the records are ~250 MB, and building
 * the whole file in memory before writing it added that much to the peak of
 * every save. The records go to the temp file in 1 MB pieces as they are
 * encoded (a first pass measures and checksums them, since the payload
 * checksum is seeded with its length); only the sections after them (title
 * table, folders, lean index) are built in memory. The bytes are the same
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

/* Append record rc's bytes before its blob (path, key, blob length). */
static void rec_head(struct strbuf *sb, const struct rec *rc)
{
	struct metacache_key key;
	metacache_rec_key(rc, &key);
	metablob_put_str(sb, rc->rel);
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
		struct rec *rc = metacache_rec_near(mc, ix->rels[i], &next);
		if (!rc || !rc->live) return false;
	}
	return true;
}

/* One value column: per article its value's number, then the distinct
 * values (number 0 is none, NULL). */
static void write_column(struct strbuf *sb, const char *const *vals, size_t nart)
{
	struct map seen = MAP_INIT;
	const char **table = xcalloc(nart + 1, sizeof *table);
	size_t nv = 1;
	for (size_t i = 0; i < nart; i++) {
		size_t v = 0;
		if (vals[i] && !map_get(&seen, vals[i], &v)) {
			v = nv;
			table[nv++] = vals[i];
			map_put(&seen, vals[i], v);
		}
		metablob_put_u32(sb, (uint32_t)v);
	}
	metablob_put_u32(sb, (uint32_t)nv);
	for (size_t v = 0; v < nv; v++) metablob_put_str(sb, table[v]);
	map_free(&seen);
	free(table);
}

/* The lean index for the records as written (offs: per record its offset
 * in the file, length and checksum; newidx: their numbers), from ix (NULL:
 * unusable). */
static void write_index(struct metacache *mc, struct strbuf *sb, const struct metacache_index *ix,
			const uint64_t *offs, size_t live, const size_t *newidx, const uint64_t tref[3])
{
	/* article -> record; any article without one makes the index unusable */
	bool usable = ix && ix->usable;
	uint32_t *art_rec = xcalloc(ix && ix->nart ? ix->nart : 1, sizeof *art_rec);
	for (size_t i = 0, next = 0; usable && i < ix->nart; i++) {
		struct rec *rc = metacache_rec_near(mc, ix->rels[i], &next);
		if (!rc || !rc->live) usable = false;
		else art_rec[i] = (uint32_t)(rc - mc->recs);
	}
	metablob_put_u32(sb, usable);
	metablob_put_u32(sb, (uint32_t)live);
	strbuf_add(sb, (const char *)offs, live * 24);
	size_t nart = usable ? ix->nart : 0, ntags = usable ? ix->ntags : 0;
	metablob_put_u32(sb, (uint32_t)nart);
	/* record numbers as written: the file's order may differ from the
	 * session's (records not live are left out) */
	for (size_t i = 0; i < nart; i++) metablob_put_u32(sb, (uint32_t)newidx[art_rec[i]]);
	for (size_t i = 0; i < nart; i++) metablob_put_u32(sb, (uint32_t)ix->dates[i]);
	for (int c = 0; c < MC_NCOLS; c++) write_column(sb, nart ? (c ? ix->langs : ix->sources) : NULL, nart);
	metablob_put_u32(sb, (uint32_t)ntags);
	for (size_t t = 0; t < ntags; t++) {
		metablob_put_str(sb, ix->tags[t].name);
		metablob_put_u32(sb, (uint32_t)ix->tags[t].n);
		strbuf_add(sb, (const char *)ix->tags[t].arts, ix->tags[t].n * 4);
		metablob_put_u32(sb, (uint32_t)ix->tags[t].nholders);
		strbuf_add(sb, (const char *)ix->tags[t].holders, ix->tags[t].nholders * 4);
	}
	for (int k = 0; k < 3; k++) metablob_put_i64(sb, (int64_t)(usable ? tref[k] : 0));
	free(art_rec);
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

/* Append bytes to the file being written, through buf (flushed at CHUNK),
 * and to the payload checksum. */
struct out {
	struct fsutil_atomic w;
	struct strbuf buf;
	struct hash_stream hs;
	uint64_t pos; /* bytes written and buffered, from the file's start */
};
static void out_flush(struct out *o, bool all)
{
	if (o->buf.len < (all ? 1 : CHUNK)) return;
	fsutil_atomic_write(&o->w, o->buf.buf, o->buf.len);
	o->pos += o->buf.len;
	strbuf_reset(&o->buf);
}

/* Write the file: header, records (streamed), tail (title table, folders,
 * lean index, footer: built in memory); the payload checksum goes into the
 * header last. */
static int save_stream(struct metacache *mc, const struct metacache_index *ix, size_t live)
{
	size_t *newidx = xcalloc(mc->n ? mc->n : 1, sizeof *newidx);
	for (size_t i = 0, k = 0; i < mc->n; i++) newidx[i] = mc->recs[i].live ? k++ : SIZE_MAX;
	/* pass 1: each record's offset, length and checksum */
	uint64_t *offs = xcalloc(3 * live + 1, sizeof *offs);
	struct strbuf head = STRBUF_INIT;
	uint64_t pos = MC_HEADER;
	for (size_t i = 0, k = 0; i < mc->n; i++) {
		const struct rec *rc = &mc->recs[i];
		if (!rc->live) continue;
		strbuf_reset(&head);
		rec_head(&head, rc);
		struct hash_stream hs;
		hash_stream_init(&hs, head.len + rc->blen, 17);
		hash_stream_add(&hs, head.buf, head.len);
		hash_stream_add(&hs, rc->blob, rc->blen);
		if (!rc->own) metacache_touch(mc, head.len + rc->blen);
		offs[3 * k] = pos;
		offs[3 * k + 1] = head.len + rc->blen;
		offs[3 * k + 2] = hash_stream_end(&hs);
		pos += head.len + rc->blen;
		k++;
	}
	strbuf_free(&head);
	/* the tail, at offset pos */
	struct strbuf tail = STRBUF_INIT;
	uint64_t tref[3];
	metacache_titles_write(&tail, ix, tref);
	if (tref[1]) tref[0] += pos;
	size_t lean = tail.len;
	metacache_dirs_write(mc, &tail, newidx);
	write_index(mc, &tail, ix, offs, live, newidx, tref);
	free(offs);
	free(newidx);
	uint64_t lsum = hash_bytes(tail.buf + lean, tail.len - lean, 13);
	metablob_put_i64(&tail, (int64_t)(pos + lean));
	metablob_put_i64(&tail, (int64_t)lsum);
	/* pass 2: the bytes */
	struct out o = {.buf = STRBUF_INIT};
	uint64_t plen = pos - MC_HEADER + tail.len;
	hash_stream_init(&o.hs, plen, 11);
	strbuf_add(&o.buf, MC_MAGIC, 8);
	metablob_put_u32(&o.buf, MC_FORMAT);
	metablob_put_u32(&o.buf, 0);
	metablob_put_i64(&o.buf, (int64_t)mc->fingerprint);
	metablob_put_i64(&o.buf, (int64_t)live);
	metablob_put_i64(&o.buf, (int64_t)plen);
	metablob_put_i64(&o.buf, 0); /* the checksum: written last */
	if (open_private(&o.w, mc->file) == 0) {
		for (size_t i = 0; i < mc->n && !o.w.err; i++) {
			const struct rec *rc = &mc->recs[i];
			if (!rc->live) continue;
			size_t at = o.buf.len;
			rec_head(&o.buf, rc);
			strbuf_add(&o.buf, (const char *)rc->blob, rc->blen);
			if (!rc->own) metacache_touch(mc, o.buf.len - at);
			hash_stream_add(&o.hs, o.buf.buf + at, o.buf.len - at);
			out_flush(&o, false);
		}
		hash_stream_add(&o.hs, tail.buf, tail.len);
		out_flush(&o, true);
		if (o.pos != pos && !o.w.err) o.w.err = EIO; /* the records changed between passes */
		fsutil_atomic_write(&o.w, tail.buf, tail.len);
		uint64_t sum = hash_stream_end(&o.hs);
		fsutil_atomic_pwrite(&o.w, &sum, 8, 40);
	}
	strbuf_free(&o.buf);
	strbuf_free(&tail);
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
	if (!mc->dirty || !mc->file) return 0;
	int err = save_stream(mc, ix, live);
	if (!err) {
		mc->st.written = true;
		mc->dirty = false;
		mc->index_usable = ix && ix->usable && index_maps(mc, ix);
	}
	return err;
}
