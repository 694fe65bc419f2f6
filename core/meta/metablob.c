/* SPDX-License-Identifier: MIT
 * The record codec of the metadata cache: an article and its diagnostics
 * to bytes and back. Kept apart from metacache.c (the file, its table and
 * its fingerprint) because decoding is where hostile bytes meet the code:
 * every read here is bounds-checked and a bad record is refused whole. */
#include "core/meta/metablob.h"

#include "core/base/arena.h"
#include "core/base/strcache.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

void metablob_put_u32(struct strbuf *sb, uint32_t v) { strbuf_add(sb, (const char *)&v, 4); }
void metablob_put_i64(struct strbuf *sb, int64_t v) { strbuf_add(sb, (const char *)&v, 8); }
void metablob_put_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		metablob_put_u32(sb, METABLOB_NULL_STR);
		return;
	}
	size_t n = strlen(s);
	metablob_put_u32(sb, (uint32_t)n);
	strbuf_add(sb, s, n);
}

bool metablob_need(struct metablob_rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) r->bad = true;
	return !r->bad;
}
uint32_t metablob_get_u32(struct metablob_rd *r)
{
	uint32_t v = 0;
	if (metablob_need(r, 4)) memcpy(&v, r->p, 4), r->p += 4;
	return v;
}
int64_t metablob_get_i64(struct metablob_rd *r)
{
	int64_t v = 0;
	if (metablob_need(r, 8)) memcpy(&v, r->p, 8), r->p += 8;
	return v;
}
/* A string as a fresh NUL-terminated copy; NULL for the null string or on
 * error (check r->bad). A NUL inside is an error: strings never hold one. */
static char *get_str_sc(struct metablob_rd *r, bool *isnull, struct arena *ar,
			struct strcache *sc)
{
	uint32_t n = metablob_get_u32(r);
	*isnull = false;
	if (r->bad) return NULL;
	if (n == METABLOB_NULL_STR) {
		*isnull = true;
		return NULL;
	}
	if (!metablob_need(r, n)) return NULL;
	if (memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	/* shared strings are never written to (article.h: in_arena) */
	char *s = sc   ? (char *)strcache_get(sc, (const char *)r->p, n)
		  : ar ? arena_strndup(ar, (const char *)r->p, n)
		       : xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}
static char *get_str_in(struct metablob_rd *r, bool *isnull, struct arena *ar)
{
	return get_str_sc(r, isnull, ar, NULL);
}
static char *get_str(struct metablob_rd *r, bool *isnull)
{
	return get_str_in(r, isnull, NULL);
}
/* The null string is an error. */
static char *get_req_in(struct metablob_rd *r, struct arena *ar, struct strcache *sc)
{
	bool isnull;
	char *s = get_str_sc(r, &isnull, ar, sc);
	if (isnull) r->bad = true;
	return s;
}
char *metablob_get_opt(struct metablob_rd *r)
{
	bool isnull;
	return get_str(r, &isnull);
}
char *metablob_get_req(struct metablob_rd *r)
{
	bool isnull;
	char *s = get_str(r, &isnull);
	if (isnull) r->bad = true;
	return s;
}

static void put_list(struct strbuf *sb, const struct strlist *l)
{
	metablob_put_u32(sb, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++) metablob_put_str(sb, l->v[i]);
}

/* With an arena, the array and its strings go there too (exactly n long). */
static bool get_list(struct metablob_rd *r, struct strlist *l, struct arena *ar,
		     struct strcache *sc)
{
	uint32_t n = metablob_get_u32(r);
	if (!metablob_need(r, 0) || n > (size_t)(r->end - r->p) / 4) return r->bad = true, false;
	if (ar && n) {
		l->v = arena_alloc(ar, n * sizeof *l->v);
		l->cap = n;
	}
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		char *s = get_req_in(r, ar, sc);
		if (s && ar) l->v[l->n++] = s;
		else if (s) strlist_push_own(l, s);
	}
	return !r->bad;
}

/* root as diag paths spell it: "root/" (paths are joined that way). */
static size_t root_prefix(const char *path, const char *root)
{
	size_t n = strlen(root);
	if (!n || strncmp(path, root, n) != 0) return 0;
	if (root[n - 1] == '/') return n;
	return path[n] == '/' ? n + 1 : 0;
}

void metablob_encode(struct strbuf *sb, const struct article *a, const char *root,
		   const struct diag_list *diags, size_t from)
{
	metablob_put_str(sb, a->title);
	metablob_put_str(sb, a->source);
	metablob_put_str(sb, a->url);
	metablob_put_str(sb, a->summary);
	metablob_put_str(sb, a->lang);
	put_list(sb, &a->authors);
	put_list(sb, &a->tags);
	put_list(sb, &a->derived);
	metablob_put_u32(sb, (uint32_t)a->nextra);
	for (size_t i = 0; i < a->nextra; i++) {
		metablob_put_str(sb, a->extra[i].key);
		metablob_put_str(sb, a->extra[i].value);
	}
	metablob_put_i64(sb, a->date);
	metablob_put_u32(sb, (uint32_t)a->meta);
	metablob_put_u32(sb, a->flags);
	metablob_put_i64(sb, (int64_t)a->body_off);
	metablob_put_i64(sb, a->body_line);
	metablob_put_i64(sb, a->size);
	metablob_put_i64(sb, a->mtime);
	metablob_put_u32(sb, (uint32_t)(diags->n - from));
	for (size_t i = from; i < diags->n; i++) {
		const struct diag *d = &diags->items[i];
		size_t pre = root_prefix(d->path, root);
		metablob_put_u32(sb, (uint32_t)d->level | (pre ? 0x100u : 0));
		metablob_put_i64(sb, d->line);
		metablob_put_i64(sb, d->col);
		metablob_put_str(sb, d->path + pre);
		metablob_put_str(sb, d->msg);
	}
}

bool metablob_decode(struct metablob_rd *r, struct article *a, const char *root, struct diag_list *out)
{
	return metablob_decode_in(r, a, root, out, NULL, NULL);
}

/* The extras as article_set_extra would keep them (the first of a key
 * wins), in the arena. */
static void get_extras_in(struct metablob_rd *r, struct article *a, uint32_t nx, struct arena *ar,
			  struct strcache *sc)
{
	a->extra = nx ? arena_alloc(ar, nx * sizeof *a->extra) : NULL;
	for (uint32_t i = 0; i < nx && !r->bad; i++) {
		char *k = get_req_in(r, ar, sc), *v = get_req_in(r, ar, NULL);
		if (k && v && !article_get_extra(a, k)) a->extra[a->nextra++] = (struct meta_kv){k, v};
	}
}

bool metablob_decode_in(struct metablob_rd *r, struct article *a, const char *root,
			struct diag_list *out, struct arena *ar, struct strcache *sc)
{
	bool isnull;
	if (!ar) sc = NULL;
	a->title = get_req_in(r, ar, NULL);
	a->source = get_str_sc(r, &isnull, ar, sc);
	a->url = get_str_in(r, &isnull, ar);
	a->summary = get_str_in(r, &isnull, ar);
	a->lang = get_str_sc(r, &isnull, ar, sc);
	get_list(r, &a->authors, ar, sc);
	get_list(r, &a->tags, ar, sc);
	get_list(r, &a->derived, ar, sc);
	uint32_t nx = metablob_get_u32(r);
	if (nx > (size_t)(r->end - r->p) / 8) r->bad = true;
	if (ar && !r->bad) get_extras_in(r, a, nx, ar, sc);
	for (uint32_t i = 0; !ar && i < nx && !r->bad; i++) {
		char *k = metablob_get_req(r), *v = metablob_get_req(r);
		if (k && v) article_set_extra(a, k, v);
		free(k);
		free(v);
	}
	int64_t date = metablob_get_i64(r), meta = metablob_get_u32(r), flags = metablob_get_u32(r);
	int64_t off = metablob_get_i64(r), line = metablob_get_i64(r);
	a->size = metablob_get_i64(r);
	a->mtime = metablob_get_i64(r);
	if (date < 0 || date > 99991231 || meta > META_SIDECAR || off < 0 || off > a->size ||
	    line < 1 || line > INT_MAX)
		r->bad = true;
	a->date = (int)date;
	a->meta = (enum meta_kind)meta;
	a->flags = (uint8_t)(flags & ART_FLAGS_ALL);
	a->body_off = (uint64_t)off;
	a->body_line = (int)line;
	uint32_t nd = metablob_get_u32(r);
	if (nd > (size_t)(r->end - r->p) / 28) r->bad = true;
	struct diag_list tmp = DIAG_LIST_INIT;
	for (uint32_t i = 0; i < nd && !r->bad; i++) {
		uint32_t lv = metablob_get_u32(r);
		int64_t dl = metablob_get_i64(r), dc = metablob_get_i64(r);
		char *p = metablob_get_req(r), *m = metablob_get_req(r);
		if (!r->bad && (lv & 0xFF) <= DIAG_ERROR && dl >= 0 && dl <= INT_MAX && dc >= 0 &&
		    dc <= INT_MAX) {
			struct strbuf sb = STRBUF_INIT;
			if (lv & 0x100) {
				strbuf_adds(&sb, root);
				if (!*root || root[strlen(root) - 1] != '/') strbuf_addc(&sb, '/');
			}
			strbuf_adds(&sb, p);
			diag_add(&tmp, (enum diag_level)(lv & 0xFF), sb.buf, (int)dl, (int)dc, "%s", m);
			strbuf_free(&sb);
		} else {
			r->bad = true;
		}
		free(p);
		free(m);
	}
	if (!r->bad && r->p != r->end) r->bad = true;
	if (!r->bad) diag_list_move(out, &tmp);
	diag_list_free(&tmp);
	return !r->bad;
}
