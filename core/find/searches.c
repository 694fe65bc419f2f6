/* SPDX-License-Identifier: MIT
 * Saved searches: the table read from the config, the set in effect for
 * one collection (parsed once, references resolved, loops refused), their
 * counts in one sweep of the read state and one query_filter per search,
 * and the reader's saved file, which dossier rewrites whole (never the
 * user's config, so its comments and layout are never at risk). */
#include "core/find/searches.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/fsutil.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/meta/yamltree.h"

static bool same_scope(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

const struct search_entry *searches_find(const struct searches *s, const char *name,
					 const char *collection)
{
	const struct search_entry *global = NULL;
	for (size_t i = 0; s && i < s->n; i++) {
		const struct search_entry *e = &s->v[i];
		if (strcmp(e->name, name) != 0) continue;
		if (collection && e->collection && strcmp(e->collection, collection) == 0) return e;
		if (!e->collection && !global) global = e;
	}
	return global;
}

bool searches_add(struct searches *s, const char *name, const char *query, const char *collection,
		  const char *path, int line, int col)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0 && same_scope(s->v[i].collection, collection))
			return false;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = (struct search_entry){xstrdup(name), xstrdup(query),
					     collection ? xstrdup(collection) : NULL,
					     xstrdup(path ? path : ""), line, col};
	return true;
}

void searches_free(struct searches *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].query);
		free(s->v[i].collection);
		free(s->v[i].path);
	}
	free(s->v);
	*s = (struct searches){0};
}

const char *searches_collection_of(const struct collections *c, const char *corpus)
{
	if (!c || !corpus) return NULL;
	char *want = fsutil_abspath(corpus);
	const char *found = NULL;
	for (size_t i = 0; i < c->n && !found; i++) {
		char *have = fsutil_abspath(c->v[i].path);
		if (want && have && strcmp(want, have) == 0) found = c->v[i].name;
		free(have);
	}
	free(want);
	return found;
}

/* ---- the set for one collection ---- */

static const char *set_lookup(void *ctx, const char *name, size_t len)
{
	const struct search_set *ss = ctx;
	for (size_t i = 0; i < ss->n; i++)
		if (strlen(ss->e[i]->name) == len && memcmp(ss->e[i]->name, name, len) == 0)
			return ss->e[i]->query;
	return NULL;
}

struct query_names search_set_names(const struct search_set *ss)
{
	return (struct query_names){set_lookup, (void *)ss, NULL};
}

long search_set_find(const struct search_set *ss, const char *name)
{
	for (size_t i = 0; i < ss->n; i++)
		if (strcmp(ss->e[i]->name, name) == 0) return (long)i;
	return -1;
}

void search_set_init(struct search_set *ss, const struct searches *all, const char *collection,
		     const struct dossier *d, struct diag_list *diags)
{
	memset(ss, 0, sizeof *ss);
	ss->all = all;
	ss->collection = collection;
	size_t cap = all ? all->n : 0;
	ss->e = xcalloc(cap + 1, sizeof *ss->e);
	/* globals in order (the collection's own of that name in its place),
	 * then the collection's own that no global names */
	for (size_t i = 0; i < cap; i++) {
		const struct search_entry *e = &all->v[i];
		bool global = !e->collection;
		if (!global && !(collection && strcmp(e->collection, collection) == 0)) continue;
		if (!global && searches_find(all, e->name, NULL) != NULL) continue; /* placed already */
		if (global) e = searches_find(all, e->name, collection);
		if (search_set_find(ss, e->name) < 0) ss->e[ss->n++] = e;
	}
	ss->q = xcalloc(ss->n + 1, sizeof *ss->q);
	ss->total = xcalloc(ss->n + 1, sizeof *ss->total);
	ss->unread = xcalloc(ss->n + 1, sizeof *ss->unread);
	for (size_t i = 0; i < ss->n; i++) {
		const struct search_entry *e = ss->e[i];
		struct query_names names = search_set_names(ss);
		names.self = e->name;
		struct query_error err = {0};
		ss->q[i] = query_parse_names(e->query, d, &names, &err);
		if (!ss->q[i]) {
			diag_add(diags, DIAG_ERROR, e->path, e->line, e->line ? e->col + err.col - 1 : 0,
				 "search '%s': %s", e->name, err.msg ? err.msg : "bad query");
			query_error_free(&err);
		} else if (query_needs_body(ss->q[i])) {
			ss->needs_body = true;
		}
	}
}

void search_set_free(struct search_set *ss)
{
	for (size_t i = 0; i < ss->n; i++) query_free(ss->q[i]);
	free(ss->q);
	free(ss->e);
	free(ss->total);
	free(ss->unread);
	memset(ss, 0, sizeof *ss);
}

static size_t popcount_and(const uint64_t *a, const uint64_t *mask, bool invert, size_t w)
{
	size_t n = 0;
	for (size_t i = 0; i < w; i++)
		n += (size_t)__builtin_popcountll(mask ? a[i] & (invert ? ~mask[i] : mask[i]) : a[i]);
	return n;
}

void search_set_count(struct search_set *ss, const struct query_env *env,
		      const struct query_text_bits *text)
{
	size_t n = env->d->coll.n, w = query_bits_words(n);
	uint64_t *read = xcalloc(w + 1, sizeof *read), *bits = xcalloc(w + 1, sizeof *bits);
	for (size_t i = 0; env->is_read && i < n; i++) /* the one sweep of the read state */
		if (env->is_read(env->ctx, i)) read[i / 64] |= (uint64_t)1 << (i % 64);
	struct query_bits_ctx c = {.env = env, .read = read};
	if (text && text->bits) c.text = *text;
	for (size_t s = 0; s < ss->n; s++) {
		ss->total[s] = ss->unread[s] = 0;
		if (!ss->q[s]) continue;
		query_bits(ss->q[s], &c, bits);
		ss->total[s] = popcount_and(bits, NULL, false, w);
		ss->unread[s] = popcount_and(bits, read, true, w);
	}
	ss->counted = true;
	query_bits_ctx_free(&c);
	free(bits);
	free(read);
}

/* ---- the reader's saved file ---- */

char *searches_saved_path(void)
{
	char *dir = xdg_dir(XDG_BASE_STATE);
	if (!dir) return NULL;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/searches.yaml", dir);
	free(dir);
	return strbuf_steal(&sb);
}

/* A YAML double-quoted scalar that reads back as s, whatever it holds. */
static void yaml_quote(struct strbuf *sb, const char *s)
{
	strbuf_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') strbuf_addf(sb, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f) strbuf_addf(sb, "\\x%02x", *p);
		else strbuf_addc(sb, (char)*p);
	}
	strbuf_addc(sb, '"');
}

int searches_save(const char *path, const char *name, const char *query, struct diag_list *diags)
{
	struct searches s = {0};
	char *text = NULL;
	size_t len = 0;
	int err = fsutil_read_file(path, 1 << 20, &text, &len);
	if (err && err != ENOENT) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(err));
		return -1;
	}
	if (!err) { /* keep what is there; a file that does not parse is not overwritten */
		struct ynode root;
		int rc = yamltree_parse_as(text, len, path, 1, "the saved searches", YAMLTREE_MAX_NODES,
					   &root, diags);
		free(text);
		const struct ynode *m = NULL;
		for (size_t i = 0; rc == 0 && root.kind == YNODE_MAP && i + 1 < root.n; i += 2)
			if (root.kids[i].kind == YNODE_SCALAR && strcmp(root.kids[i].text, "searches") == 0)
				m = &root.kids[i + 1];
		for (size_t i = 0; m && m->kind == YNODE_MAP && i + 1 < m->n; i += 2)
			if (m->kids[i].kind == YNODE_SCALAR && m->kids[i + 1].kind == YNODE_SCALAR)
				searches_add(&s, m->kids[i].text, m->kids[i + 1].text, NULL, path, 0, 0);
		yamltree_free(&root);
		if (rc != 0) {
			searches_free(&s);
			return -1;
		}
	}
	bool replaced = false;
	for (size_t i = 0; i < s.n; i++)
		if (strcmp(s.v[i].name, name) == 0) {
			free(s.v[i].query);
			s.v[i].query = xstrdup(query);
			replaced = true;
		}
	if (!replaced) searches_add(&s, name, query, NULL, path, 0, 0);
	struct strbuf out = STRBUF_INIT;
	strbuf_adds(&out, "# Searches saved from dossier's filter prompt (S). dossier rewrites this\n"
			  "# file; keep your own in config.yaml (searches:), which wins on a name.\n"
			  "searches:\n");
	for (size_t i = 0; i < s.n; i++) {
		strbuf_adds(&out, "  ");
		yaml_quote(&out, s.v[i].name);
		strbuf_adds(&out, ": ");
		yaml_quote(&out, s.v[i].query);
		strbuf_addc(&out, '\n');
	}
	searches_free(&s);
	char *dir = fsutil_dirname(path);
	err = fsutil_mkdir_p(dir, 0700);
	free(dir);
	const char *step = NULL;
	if (!err) err = fsutil_write_atomic(path, out.buf, out.len, 0, &step);
	strbuf_free(&out);
	if (err) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save the search: %s", strerror(err));
		return -1;
	}
	return 0;
}
