/* SPDX-License-Identifier: MIT
 * Freshness by folder: the metadata cache's folder table. Why: a warm
 * query used to stat every article file (a third of its time at 100,000
 * articles); a folder's stat changes whenever a name in it is added,
 * removed or renamed, so one stat per folder tells which folders must be
 * listed again. What it cannot tell, an article rewritten in place, is
 * left to the full check the caller runs on a bound (metacache_swept; its
 * time lies in the header's slot since format 10, metacache_sweep.c).
 *
 * Section, after the records: u32 folder count, then per folder: str rel, stat, u32 trusted, u32 kid count,
 * u32 kids (index << 1 | is_folder). Every index is checked on reading,
 * and a kid must lie directly inside its folder, so a damaged table can
 * neither point outside the file nor loop. */
#include "core/meta/metacache_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

void metacache_put_stat(struct strbuf *sb, const struct metacache_stat *s)
{
	const int64_t v[] = {s->size, s->mtime_s, s->mtime_ns, s->ctime_s, s->ctime_ns, s->ino};
	for (size_t i = 0; i < ARRAY_LEN(v); i++) metablob_put_i64(sb, v[i]);
}
static void get_stat(struct metablob_rd *r, struct metacache_stat *s)
{
	s->size = metablob_get_i64(r);
	s->mtime_s = metablob_get_i64(r);
	s->mtime_ns = metablob_get_i64(r);
	s->ctime_s = metablob_get_i64(r);
	s->ctime_ns = metablob_get_i64(r);
	s->ino = metablob_get_i64(r);
}

/* Is rel a name directly inside the folder dir ("" the root)? */
static bool directly_in(const char *dir, const char *rel)
{
	size_t n = strlen(dir);
	if (n) {
		if (strncmp(rel, dir, n) != 0 || rel[n] != '/') return false;
		rel += n + 1;
	}
	return *rel && !strchr(rel, '/');
}

bool metacache_dirs_parse(struct metacache *mc, struct metablob_rd *r)
{
	uint32_t nd = metablob_get_u32(r);
	if (r->bad || nd > (size_t)(r->end - r->p) / 60) return false; /* a folder takes >= 60 bytes */
	mc->dirs = xcalloc(nd ? nd : 1, sizeof *mc->dirs);
	for (uint32_t i = 0; i < nd; i++) {
		struct mc_dir *d = &mc->dirs[i];
		d->rel = metablob_get_req(r);
		if (r->bad) return false;
		mc->ndirs++;
		get_stat(r, &d->st);
		d->trusted = metablob_get_u32(r) != 0;
		uint32_t nk = metablob_get_u32(r);
		if (r->bad || !metablob_need(r, (size_t)nk * 4)) return false;
		d->kids = xcalloc(nk ? nk : 1, sizeof *d->kids);
		memcpy(d->kids, r->p, (size_t)nk * 4);
		r->p += (size_t)nk * 4;
		d->nkids = nk;
	}
	/* each record and folder the kid of one folder at most: a fresh
	 * folder never lists an article twice */
	unsigned char *seen = xcalloc(mc->n + mc->ndirs + 1, 1);
	bool ok = true;
	for (size_t i = 0; i < mc->ndirs && ok; i++) {
		const struct mc_dir *d = &mc->dirs[i];
		for (size_t k = 0; k < d->nkids && ok; k++) {
			size_t idx = d->kids[k] >> 1;
			bool is_dir = d->kids[k] & 1;
			if (is_dir ? idx >= mc->ndirs : idx >= mc->n) {
				ok = false;
				continue;
			}
			if (!is_dir && !mc->recs[idx].put) metacache_touch(mc, 0); /* its path is the map's */
			if (!directly_in(d->rel, is_dir ? mc->dirs[idx].rel : mc->recs[idx].rel))
				ok = false;
			else if (seen[is_dir ? mc->n + idx : idx]++) ok = false;
		}
		if (map_get(&mc->dirmap, d->rel, NULL)) ok = false; /* a folder twice */
		else map_put(&mc->dirmap, d->rel, i);
	}
	free(seen);
	return ok;
}

int64_t metacache_swept(const struct metacache *mc) { return mc->swept; }

void metacache_set_swept(struct metacache *mc, int64_t when) { mc->new_swept = when; }

static bool stat_eq(const struct metacache_stat *a, const struct metacache_stat *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

long metacache_dir_fresh(struct metacache *mc, const char *rel, const struct metacache_stat *st)
{
	size_t i;
	if (!map_get(&mc->dirmap, rel, &i)) return -1;
	const struct mc_dir *d = &mc->dirs[i];
	return d->trusted && stat_eq(&d->st, st) ? (long)i : -1;
}

size_t metacache_dir_nkids(const struct metacache *mc, long d) { return mc->dirs[d].nkids; }

bool metacache_dir_kid(const struct metacache *mc, long d, size_t k, size_t *idx)
{
	uint32_t v = mc->dirs[d].kids[k];
	*idx = v >> 1;
	return v & 1;
}

const char *metacache_dir_rel(const struct metacache *mc, size_t d) { return mc->dirs[d].rel; }

void metacache_dir_keep(struct metacache *mc, long d)
{
	mc->dirs[d].kept = true;
	mc->st.dirs_fresh++;
}

void metacache_dir_put(struct metacache *mc, const char *rel, const struct metacache_stat *st,
		       const struct metacache_kid *kids, size_t n, bool trusted)
{
	mc->st.dirs_scanned++;
	/* the same as the file has: nothing to write for it */
	size_t i;
	if (map_get(&mc->dirmap, rel, &i)) {
		const struct mc_dir *d = &mc->dirs[i];
		bool same = d->trusted == trusted && stat_eq(&d->st, st) && d->nkids == n;
		for (size_t k = 0; same && k < n; k++) {
			size_t idx = d->kids[k] >> 1;
			bool is_dir = d->kids[k] & 1;
			if (!is_dir && !mc->recs[idx].put) metacache_touch(mc, 0); /* a path in the map */
			same = is_dir == kids[k].is_dir &&
			       strcmp(is_dir ? mc->dirs[idx].rel : mc->recs[idx].rel, kids[k].rel) == 0;
		}
		if (same) {
			mc->dirs[i].kept = true;
			return;
		}
	}
	ARRAY_RESERVE(mc->nd, mc->ndcap, mc->nnd + 1);
	struct mc_newdir *nd = &mc->nd[mc->nnd++];
	nd->rel = xstrdup(rel);
	nd->st = *st;
	nd->trusted = trusted;
	nd->nkids = n;
	nd->kids = xcalloc(n ? n : 1, sizeof *nd->kids);
	for (size_t k = 0; k < n; k++) {
		nd->kids[k].rel = xstrdup(kids[k].rel);
		nd->kids[k].is_dir = kids[k].is_dir;
	}
	mc->dirs_changed = true;
}

bool metacache_dirs_dirty(const struct metacache *mc)
{
	/* a new full check's time alone is patched into the header's slot
	 * (metacache_save_index), not a reason to rewrite the file */
	if (mc->dirs_changed) return true;
	for (size_t i = 0; i < mc->ndirs; i++)
		if (!mc->dirs[i].kept) return true; /* a folder gone, or not reached */
	return false;
}

/* One folder of the table being written: from the file (old >= 0) or put. */
struct out_dir {
	const char *rel;
	long old;
	const struct mc_newdir *nd;
};

static void write_dir(struct metacache *mc, struct strbuf *sb, const struct out_dir *o,
		      const struct map *outmap, const uint32_t *newidx)
{
	const struct mc_dir *od = o->old >= 0 ? &mc->dirs[o->old] : NULL;
	size_t n = od ? od->nkids : o->nd->nkids;
	uint32_t *kids = xcalloc(n ? n : 1, sizeof *kids);
	bool ok = true;
	size_t next = 0;
	for (size_t k = 0; k < n && ok; k++) {
		bool is_dir = od ? (od->kids[k] & 1) : o->nd->kids[k].is_dir;
		const char *rel = od ? (is_dir ? mc->dirs[od->kids[k] >> 1].rel
					       : mc->recs[od->kids[k] >> 1].rel)
				     : o->nd->kids[k].rel;
		size_t idx = SIZE_MAX;
		if (is_dir) {
			map_get(outmap, rel, &idx);
		} else if (od) { /* the file's own record (its path is the one put first) */
			struct rec *rc = metacache_rec_near(mc, rel, &(size_t){od->kids[k] >> 1});
			if (rc) idx = newidx ? newidx[rc - mc->recs] : (size_t)(rc - mc->recs);
		} else {
			struct rec *rc = metacache_rec_near(mc, rel, &next);
			if (rc) idx = newidx ? newidx[rc - mc->recs] : (size_t)(rc - mc->recs);
		}
		/* a kid not written (an article that could not be read is not
		 * recorded): the folder is listed again next time */
		if (idx == SIZE_MAX || idx > UINT32_MAX / 2) ok = false; /* UINT32_MAX: not written */
		else kids[k] = (uint32_t)(idx << 1 | is_dir);
	}
	metablob_put_str(sb, o->rel);
	metacache_put_stat(sb, od ? &od->st : &o->nd->st);
	metablob_put_u32(sb, ok && (od ? od->trusted : o->nd->trusted));
	metablob_put_u32(sb, ok ? (uint32_t)n : 0);
	if (ok) strbuf_add(sb, (const char *)kids, n * 4);
	free(kids);
}

void metacache_dirs_write(struct metacache *mc, struct strbuf *sb, const uint32_t *newidx)
{
	/* the folders this session put, and the file's that it kept */
	struct out_dir *out = xcalloc(mc->nnd + mc->ndirs + 1, sizeof *out);
	size_t n = 0;
	struct map outmap = {0};
	for (size_t i = 0; i < mc->nnd; i++) {
		if (map_get(&outmap, mc->nd[i].rel, NULL)) continue;
		out[n] = (struct out_dir){mc->nd[i].rel, -1, &mc->nd[i]};
		map_put(&outmap, out[n].rel, n);
		n++;
	}
	for (size_t i = 0; i < mc->ndirs; i++) {
		if (!mc->dirs[i].kept || map_get(&outmap, mc->dirs[i].rel, NULL)) continue;
		out[n] = (struct out_dir){mc->dirs[i].rel, (long)i, NULL};
		map_put(&outmap, out[n].rel, n);
		n++;
	}
	metablob_put_u32(sb, (uint32_t)n);
	for (size_t i = 0; i < n; i++) write_dir(mc, sb, &out[i], &outmap, newidx);
	map_free(&outmap);
	free(out);
}

void metacache_dirs_free(struct metacache *mc)
{
	map_free(&mc->dirmap);
	for (size_t i = 0; i < mc->ndirs; i++) {
		free(mc->dirs[i].rel);
		free(mc->dirs[i].kids);
	}
	free(mc->dirs);
	for (size_t i = 0; i < mc->nnd; i++) {
		free(mc->nd[i].rel);
		for (size_t k = 0; k < mc->nd[i].nkids; k++) free(mc->nd[i].kids[k].rel);
		free(mc->nd[i].kids);
	}
	free(mc->nd);
	mc->dirs = NULL;
	mc->nd = NULL;
	mc->ndirs = mc->nnd = mc->ndcap = 0;
}
