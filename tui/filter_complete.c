/* SPDX-License-Identifier: MIT
 * Tab in the filter prompt: the word at the cursor completed from the
 * collection's own names (core/find/query_complete.h), as a shell does:
 * the part every candidate shares is typed in, and when more than one is
 * left they are listed in the prompt's note. The names are gathered at
 * each Tab (a pass over the articles: a few milliseconds at 100,000), so
 * nothing is kept that a reload would make stale. */
#include "tui/filter_complete.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/find/query_complete.h"
#include "core/find/searches.h"
#include "tui/prompt.h"
#include "tui/searchset.h"
#include "tui/tui.h"

/* Distinct strings, borrowed from the articles. */
struct names {
	const char **v; /* owned array */
	size_t n, cap;
	struct map seen;
};

static void names_add(struct names *l, const char *s)
{
	if (!s || !*s || map_get(&l->seen, s, NULL)) return;
	map_put(&l->seen, s, 0);
	ARRAY_RESERVE(l->v, l->cap, l->n + 1);
	l->v[l->n++] = s;
}

static struct qc_names names_view(const struct names *l)
{
	return (struct qc_names){l->v, l->n};
}

static void names_free(struct names *l)
{
	free(l->v);
	map_free(&l->seen);
}

/* The candidates that fit in the note, without the field they share:
 * "(12) aid-pause  air-defense  …" for tags. */
static void list_note(struct tui *t, const struct query_completion *c)
{
	const char *colon = strchr(c->cand[0], ':');
	size_t skip = colon ? (size_t)(colon - c->cand[0]) + 1 : 0;
	for (size_t i = 1; i < c->n && skip; i++)
		if (strncmp(c->cand[i], c->cand[0], skip) != 0) skip = 0;
	struct strbuf sb = STRBUF_INIT;
	if (c->n > 8) strbuf_addf(&sb, "(%zu) ", c->n); /* first: the note may be cut at the right */
	for (size_t i = 0; i < c->n && i < 8; i++) {
		size_t len = strlen(c->cand[i]);
		while (len && c->cand[i][len - 1] == ' ') len--;
		if (i) strbuf_adds(&sb, "  ");
		strbuf_add(&sb, c->cand[i] + skip, len - skip);
	}
	if (c->n > 8) strbuf_addf(&sb, "  %s", context_glyph(t, "…", "..."));
	prompt_set_note(&t->prompt, strbuf_str(&sb), false, -1);
	t->prompt.note_held = true; /* a match landing after the Tab keeps it */
	strbuf_free(&sb);
}

unsigned filter_complete(struct tui *t)
{
	struct names src[4] = {{.seen = MAP_INIT}, {.seen = MAP_INIT}, {.seen = MAP_INIT},
			       {.seen = MAP_INIT}}; /* sources, authors, langs, fields */
	for (size_t i = 0; i < t->d.coll.n; i++) {
		const struct article *a = &t->d.coll.items[i];
		names_add(&src[0], a->source);
		for (uint32_t k = 0; k < a->authors.n; k++) names_add(&src[1], a->authors.v[k]);
		names_add(&src[2], a->lang);
		for (uint32_t k = 0; k < a->nextra; k++) names_add(&src[3], a->extra[k].key);
	}
	const char **tags = xcalloc(t->d.tags.n + 1, sizeof *tags);
	for (size_t i = 0; i < t->d.tags.n; i++) tags[i] = t->d.tags.tags[i].name;
	struct searches all;
	struct search_set ss;
	struct diag_list ignored = DIAG_LIST_INIT; /* the searches view tells them */
	searchset_build(t, &all, &ss, &ignored);
	diag_list_free(&ignored);
	const char **sn = xcalloc(ss.n + 1, sizeof *sn);
	for (size_t i = 0; i < ss.n; i++) sn[i] = ss.e[i]->name;

	const struct query_complete_src qs = {
		.tags = {tags, t->d.tags.n}, .sources = names_view(&src[0]),
		.authors = names_view(&src[1]), .langs = names_view(&src[2]),
		.searches = {sn, ss.n}, .fields = names_view(&src[3]),
	};
	struct query_completion c;
	unsigned r = R_DRAW_STATUS;
	if (!query_complete(prompt_text(&t->prompt), t->prompt.cur, &qs, &c)) {
		prompt_set_note(&t->prompt, "no completion", false, -1);
	} else {
		/* the shared part typed in when it adds to the word (a
		 * candidate spelled otherwise may share less than was typed) */
		const char *put = c.n == 1 ? c.cand[0] : c.common;
		if (strlen(put) > c.to - c.from) {
			prompt_replace(&t->prompt, c.from, c.to, put);
			if (t->prompt_done) r |= t->prompt_done(t, PROMPT_CHANGED);
		}
		/* a field name just completed ("tag:"): its values are what
		 * comes next, so they are listed rather than "expected a value" */
		bool field = c.n == 1 && put[0] && put[strlen(put) - 1] == ':';
		if (c.n > 1) list_note(t, &c);
		query_completion_free(&c);
		if (field && query_complete(prompt_text(&t->prompt), t->prompt.cur, &qs, &c)) {
			list_note(t, &c);
			query_completion_free(&c);
		}
	}
	free(sn);
	search_set_free(&ss);
	searches_free(&all);
	free(tags);
	for (int i = 0; i < 4; i++) names_free(&src[i]);
	return r;
}
