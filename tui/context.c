/* SPDX-License-Identifier: MIT
 * The services every pane and overlay uses and that call nothing back:
 * the message sink, glyph choice (UTF-8 or ASCII) and read state, so that
 * a pane depends on these few functions instead of on the main loop. */
#include "tui/context.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#include "tui/tui.h"

const char *tui_glyph(const struct tui *t, const char *utf8, const char *ascii)
{
	return t->utf8_flags ? ascii : utf8;
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
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
void tui_message_shown(struct tui *t)
{
	struct msglog *l = &t->log;
	if (l->shown_gen == l->gen) return;
	l->shown_gen = l->gen;
	if (!t->msg.len) return;
	if (l->n == MSGLOG_MAX) {
		free(l->v[0].text);
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof *l->v);
		l->n--;
		l->dropped++;
	}
	ARRAY_RESERVE(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct msglog_entry){xstrdup(strbuf_str(&t->msg)), t->msg_error};
}

void tui_problem_add(struct tui *t, const char *text)
{
	struct msglog *l = &t->log;
	l->problems = xrealloc(l->problems, (l->nproblems + 1) * sizeof *l->problems);
	l->problems[l->nproblems++] = xstrdup(text);
}

size_t tui_problem_count(const struct tui *t)
{
	return (t->loaded ? t->d.diags.n : 0) + t->log.nproblems;
}

void tui_msglog_free(struct msglog *l)
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
	if (art < t->d.coll.n && t->read) t->read[art] = read;
}

struct readstate tui_readstate_memory(struct tui *t)
{
	return (struct readstate){mem_is_read, mem_set_read, t};
}

bool tui_is_read(struct tui *t, size_t art)
{
	return t->rs.is_read(t->rs.ctx, &t->d.coll.items[art], art);
}

void tui_set_read(struct tui *t, size_t art, bool read)
{
	t->rs.set_read(t->rs.ctx, &t->d.coll.items[art], art, read);
}
