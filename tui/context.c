/* SPDX-License-Identifier: MIT
 * The services every pane and overlay uses and that call nothing back:
 * the message sink, glyph choice (UTF-8 or ASCII), read state, and the
 * narrow view a pane gets of the reader (context_pane), so that a pane
 * depends on these few things instead of on the main loop. */
#include "tui/context.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

#include "tui/counts.h"
#include "tui/tui.h"

const char *context_glyph(const struct tui *t, const char *utf8, const char *ascii)
{
	return t->utf8_flags ? ascii : utf8;
}

void context_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	strbuf_reset(&t->msg);
	va_start(ap, fmt);
	strbuf_vaddf(&t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	t->log.gen++;
}

/* Logged when drawn, not when set: a message replaced before the screen
 * showed it (or hidden by the open prompt) was never seen. */
static void log_push(struct msglog *l, const char *text, bool error)
{
	if (l->n == MSGLOG_MAX) {
		free(l->v[0].text);
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof *l->v);
		l->n--;
		l->dropped++;
	}
	ARRAY_RESERVE(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct msglog_entry){xstrdup(text), error};
}

void context_message_shown(struct tui *t)
{
	struct msglog *l = &t->log;
	if (l->shown_gen == l->gen) return;
	l->shown_gen = l->gen;
	if (!t->msg.len) return;
	log_push(l, strbuf_str(&t->msg), t->msg_error);
}

void context_log_add(struct tui *t, bool error, const char *text)
{
	log_push(&t->log, text, error);
}

void context_problem_add(struct tui *t, const char *text)
{
	struct msglog *l = &t->log;
	l->problems = xrealloc(l->problems, (l->nproblems + 1) * sizeof *l->problems);
	l->problems[l->nproblems++] = xstrdup(text);
}

size_t context_problem_count(const struct tui *t)
{
	return (t->loaded ? t->d.diags.n : 0) + t->log.nproblems;
}

void context_msglog_free(struct msglog *l)
{
	for (size_t i = 0; i < l->n; i++) free(l->v[i].text);
	for (size_t i = 0; i < l->nproblems; i++) free(l->problems[i]);
	free(l->v);
	free(l->problems);
	memset(l, 0, sizeof *l);
}

static bool mem_is_read(void *ctx, const struct article *a, size_t art)
{
	(void)a;
	struct tui *t = ctx;
	return art < t->d.coll.n && t->read && t->read[art];
}

static void mem_set_read(void *ctx, const struct article *a, size_t art, bool read)
{
	(void)a;
	struct tui *t = ctx;
	if (art < t->d.coll.n && t->read && t->read[art] != read) {
		t->read[art] = read;
		t->read_gen++;
	}
}

static unsigned long mem_gen(void *ctx) { return ((const struct tui *)ctx)->read_gen; }

struct readstate context_readstate_memory(struct tui *t)
{
	return (struct readstate){mem_is_read, mem_set_read, t, mem_gen};
}

bool context_is_read(struct tui *t, size_t art)
{
	return t->rs.is_read(t->rs.ctx, &t->d.coll.items[art], art);
}

void context_set_read(struct tui *t, size_t art, bool read)
{
	counts_set_read(t, art, read); /* the status line's count follows (counts.c) */
}

/* Only fields and the service table tui_init stored: this file calls no
 * other file of the reader, so anything may build a pane's view. */
struct pane_ctx context_pane(struct tui *t)
{
	return (struct pane_ctx){
		.coll = &t->d.coll,
		.tags = &t->d.tags,
		.sim = t->sim_ready ? &t->d.sim : NULL,
		.sim_pending = !t->sim_ready,
		.group = t->fold.ngroups ? t->d.sim.group : NULL,
		.group_n = t->fold.count,
		.group_open = t->fold.open,
		.order = t->order,
		.norder = t->norder,
		.cur = t->cur,
		.loaded = t->loaded,
		.loading = t->pane_svc && t->pane_svc->loading ? t->pane_svc->loading(t) : false,
		.settings = t->settings,
		.utf8_flags = t->utf8_flags,
		.filter = t->pane_svc && t->pane_svc->filter_text ? t->pane_svc->filter_text(t) : NULL,
		.rs = t->rs,
		.marks = t->marks,
		.store = t->store,
		.marks_gen = t->marks_gen,
		.svc = t->pane_svc,
		.host = t,
		.open = -1,
	};
}

struct pane *context_pane_at(struct tui *t, int i, struct pane_ctx *c, struct rect *r)
{
	*c = context_pane(t);
	*r = pane_content(t->layout.pane[i]);
	return &t->panes[i];
}
