/* SPDX-License-Identifier: MIT
 * The reader's side of saved searches: which searches are in effect (the
 * config's, with those saved during this run over the saved file's), and
 * saving the filter prompt's query under a name into the saved file
 * (core/searches.h), never into the user's own config. */
#include "tui/searchset.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "tui/context.h"
#include "tui/filter.h"
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

static unsigned name_done(struct tui *t, enum prompt_result r);

static void ask_again(struct tui *t, const char *name, const char *why)
{
	char *again = xstrdup(name);
	prompt_open(&t->prompt, PROMPT_SEARCH_NAME, "save search as: ", again);
	prompt_set_note(&t->prompt, why, true, -1);
	t->prompt_done = name_done;
	free(again);
}

/* Why name cannot be used, or NULL: a search of the user's own config
 * keeps its name (the config is never rewritten). */
static const char *name_problem(struct tui *t, const char *name, struct strbuf *why)
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

static void remember(struct searchset *st, const char *name, const char *path)
{
	for (size_t i = 0; i < st->now.n; i++)
		if (strcmp(st->now.v[i].name, name) == 0) {
			free(st->now.v[i].query);
			st->now.v[i].query = xstrdup(st->query);
			return;
		}
	searches_add(&st->now, name, st->query, NULL, path, 0, 0);
}

static unsigned name_done(struct tui *t, enum prompt_result r)
{
	struct searchset *st = st_of(t);
	const char *name = prompt_text(&t->prompt);
	struct strbuf why = STRBUF_INIT;
	if (r == PROMPT_CHANGED) {
		const char *p = *name ? name_problem(t, name, &why) : NULL;
		prompt_set_note(&t->prompt, p, p != NULL, -1);
		strbuf_free(&why);
		return R_DRAW_STATUS;
	}
	if (r == PROMPT_CANCEL) {
		free(st->query);
		st->query = NULL;
		t->prompt_done = NULL;
		context_message(t, false, "Not saved.");
		return R_DRAW_ALL;
	}
	if (r != PROMPT_ACCEPT) return R_NONE;
	t->prompt_done = NULL;
	const char *problem = name_problem(t, name, &why);
	if (problem) {
		ask_again(t, name, problem);
		strbuf_free(&why);
		return R_DRAW_ALL;
	}
	strbuf_free(&why);
	struct diag_list dl = DIAG_LIST_INIT;
	const char *path = t->settings->searches_path;
	if (searches_save(path, name, st->query, &dl) < 0) {
		char *msg = dl.n ? diag_format(&dl.items[0]) : xstrdup("cannot save");
		context_message(t, true, "%s", msg);
		free(msg);
	} else {
		remember(st, name, path);
		char *ref = xmalloc(strlen(name) + 2);
		ref[0] = '@';
		strcpy(ref + 1, name);
		if (filter_set(t, ref))
			context_message(t, false, "Saved as %s: %zu of %zu articles (S lists it).", ref,
				    t->norder, t->d.coll.n);
		free(ref);
	}
	diag_list_free(&dl);
	free(st->query);
	st->query = NULL;
	return R_DRAW_ALL;
}

unsigned searchset_save_open(struct tui *t)
{
	if (!prompt_active(&t->prompt) || t->prompt.kind != PROMPT_FILTER) return R_NONE;
	const char *a = prompt_text(&t->prompt), *e = a + strlen(a);
	while (*a == ' ' || *a == '\t') a++;
	while (e > a && (e[-1] == ' ' || e[-1] == '\t')) e--;
	if (e == a) {
		prompt_set_note(&t->prompt, "type a query to save", true, -1);
		return R_DRAW_STATUS;
	}
	char *q = xstrndup(a, (size_t)(e - a));
	/* Enter first: the filter applies (or stays open on an error) */
	const struct key enter = {.code = K_ENTER};
	enum prompt_result pr = prompt_handle_key(&t->prompt, &enter);
	unsigned r = R_DRAW_ALL;
	if (t->prompt_done) r |= t->prompt_done(t, pr);
	if (prompt_active(&t->prompt)) {
		free(q);
		return r;
	}
	struct searchset *st = st_of(t);
	free(st->query);
	st->query = q;
	prompt_open(&t->prompt, PROMPT_SEARCH_NAME, "save search as: ", NULL);
	t->prompt_done = name_done;
	return r;
}

void searchset_free(struct tui *t)
{
	if (!t->searchset) return;
	searches_free(&t->searchset->now);
	free(t->searchset->query);
	free(t->searchset);
	t->searchset = NULL;
}
