/* SPDX-License-Identifier: MIT
 * What a filter is judged against (the reading state, the marks, the
 * full-text index once it is built) and the filter's small getters; split
 * from tui/filter.c, which keeps the prompt, the matching jobs and the
 * index's build. */
#include "tui/filter.h"
#include "tui/filter_int.h"

#include "core/find/foldtitles.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/find/query_bits.h"
#include "tui/context.h"

const char *filter_text(const struct tui *t) { return t->filter ? t->filter->text : NULL; }

const char *filter_progress(const struct tui *t)
{
	return t->filter && t->filter->progress.len ? t->filter->progress.buf : NULL;
}

bool filter_index_building(const struct tui *t) { return t->filter && t->filter->fts_job; }

bool filter_job_running(const struct tui *t) { return t->filter && t->filter->job; }

const char *filter_job_progress(const struct tui *t)
{
	return t->filter && t->filter->job_note.len ? t->filter->job_note.buf : NULL;
}

void filter_set_last_ms(struct tui *t, long ms) { f_of(t)->last_ms = ms; }

size_t filter_titles_held(const struct tui *t)
{
	return t->filter && t->filter->titles ? t->filter->titles->n : 0;
}

static bool env_is_read(void *ctx, size_t art)
{
	return context_is_read(ctx, art);
}

static bool env_is_marked(void *ctx, size_t art)
{
	const struct tui *t = ctx;
	return t->marks.count && t->marks.count(t->marks.ctx, art) > 0;
}

static int env_text_match(void *ctx, size_t art, const char *const *words, size_t n)
{
	const struct tui *t = ctx;
	return ftsindex_text_match(f_of(t)->fts, art, words, n);
}

static int env_text_set(void *ctx, const char *const *words, size_t n, unsigned char *hits,
			unsigned char *known, size_t nart)
{
	const struct tui *t = ctx;
	return ftsindex_text_set(f_of(t)->fts, words, n, hits, known, nart);
}

struct query_env filter_env(struct tui *t)
{
	bool ready = filter_index_ready(t);
	return (struct query_env){&t->d, env_is_read, env_is_marked, t,
				  ready ? env_text_match : NULL, ready ? env_text_set : NULL,
				  t->filter ? t->filter->titles : NULL};
}

struct query_text_bits filter_text_bits(struct tui *t)
{
	bool ready = filter_index_ready(t);
	return (struct query_text_bits){ready ? ftsindex_text_bits : NULL, ftsindex_knows,
					ready ? f_of(t)->fts : NULL};
}

bool filter_index_ready(const struct tui *t)
{
	/* a filter's match holds it while it runs */
	return t->filter && t->filter->fts && !t->filter->fts_job && !t->filter->job_fts;
}
