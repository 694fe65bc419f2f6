/* SPDX-License-Identifier: MIT
 * The reader's side of saved searches: which searches are in effect (the
 * config's, with those saved during this run over the saved file's), and
 * saving a query under a name into the saved file (core/find/searches.h),
 * never into the user's own config. It calls nothing of the reader's but
 * its services: the filter (filter.c) asks it for the set. */
#include "tui/searchset.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "tui/context.h"
#include "tui/tui.h"

/* Owned by struct tui (t->searchset), made on first save. */
struct searchset {
	struct searches now; /* saved during this run (newer than the settings' copy) */
	char *query;         /* owned: the query waiting for its name, or NULL */
};

static struct searchset *st_of(struct tui *t)
{
	if (!t->searchset) t->searchset = xcalloc(1, sizeof *t->searchset);
	return t->searchset;
}

/* The open collection's name in collections:, or NULL (then only the
 * global searches apply). */
static const char *collection_name(const struct tui *t)
{
	if (t->coll_name) return t->coll_name;
	return t->settings ? searches_collection_of(&t->settings->collections, t->corpus) : NULL;
}

static void add_entry(struct searches *all, const struct search_entry *e)
{
	searches_add(all, e->name, e->query, e->collection, e->path, e->line, e->col);
}

void searchset_build(struct tui *t, struct searches *all, struct search_set *ss,
		     struct diag_list *diags)
{
	memset(all, 0, sizeof *all);
	const struct searches *cfg = t->settings ? &t->settings->searches : NULL;
	const struct searches *now = t->searchset ? &t->searchset->now : NULL;
	for (size_t i = 0; cfg && i < cfg->n; i++) {
		const struct search_entry *e = &cfg->v[i];
		const struct search_entry *newer = !e->collection ? searches_find(now, e->name, NULL) : NULL;
		add_entry(all, newer ? newer : e);
	}
	for (size_t i = 0; now && i < now->n; i++) add_entry(all, &now->v[i]);
	search_set_init(ss, all, collection_name(t), t->loaded ? &t->d : NULL, diags);
}

/* Why name cannot be used, or NULL: a search of the user's own config
 * keeps its name (the config is never rewritten). */
const char *searchset_name_problem(struct tui *t, const char *name, struct strbuf *why)
{
	if (!collections_name_ok(name)) return "use letters, digits, '.', '_' and '-'";
	const struct settings *s = t->settings;
	const struct search_entry *e = s ? searches_find(&s->searches, name, collection_name(t)) : NULL;
	if (e && (!s->searches_path || strcmp(e->path, s->searches_path) != 0)) {
		strbuf_addf(why, "in %s:%d; choose another name", e->path, e->line);
		return strbuf_str(why);
	}
	if (!s || !s->searches_path) return "no place to save it (set HOME or XDG_STATE_HOME)";
	return NULL;
}

void searchset_pending_set(struct tui *t, char *query)
{
	struct searchset *st = st_of(t);
	free(st->query);
	st->query = query;
}

const char *searchset_pending(const struct tui *t)
{
	return t->searchset ? t->searchset->query : NULL;
}

int searchset_save(struct tui *t, const char *name)
{
	struct searchset *st = st_of(t);
	struct diag_list dl = DIAG_LIST_INIT;
	const char *path = t->settings ? t->settings->searches_path : NULL;
	int rc = path && st->query ? searches_save(path, name, st->query, &dl) : -1;
	if (rc < 0) {
		char *msg = dl.n ? diag_format(&dl.items[0]) : xstrdup("cannot save the search");
		context_message(t, true, "%s", msg);
		free(msg);
	} else { /* newer than the settings' copy of the saved file */
		bool known = false;
		for (size_t i = 0; i < st->now.n; i++)
			if (strcmp(st->now.v[i].name, name) == 0) {
				free(st->now.v[i].query);
				st->now.v[i].query = xstrdup(st->query);
				known = true;
			}
		if (!known) searches_add(&st->now, name, st->query, NULL, path, 0, 0);
	}
	diag_list_free(&dl);
	return rc;
}

void searchset_free(struct tui *t)
{
	if (!t->searchset) return;
	searches_free(&t->searchset->now);
	free(t->searchset->query);
	free(t->searchset);
	t->searchset = NULL;
}
