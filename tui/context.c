/* SPDX-License-Identifier: MIT
 * The services every pane and overlay uses and that call nothing back:
 * the message sink, glyph choice (UTF-8 or ASCII), read state, and the
 * narrow view a pane gets of the reader (context_pane), so that a pane
 * depends on these few things instead of on the main loop. */
#include "tui/context.h"

#include <stdarg.h>

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

struct readstate context_readstate_memory(struct tui *t)
{
	return (struct readstate){mem_is_read, mem_set_read, t};
}

bool context_is_read(struct tui *t, size_t art)
{
	return t->rs.is_read(t->rs.ctx, &t->d.coll.items[art], art);
}

void context_set_read(struct tui *t, size_t art, bool read)
{
	t->rs.set_read(t->rs.ctx, &t->d.coll.items[art], art, read);
}

/* Only fields and the service table tui_init stored: this file calls no
 * other file of the reader, so anything may build a pane's view. */
struct pane_ctx context_pane(struct tui *t)
{
	return (struct pane_ctx){
		.coll = &t->d.coll,
		.tags = &t->d.tags,
		.sim = &t->d.sim,
		.order = t->order,
		.norder = t->norder,
		.cur = t->cur,
		.loaded = t->loaded,
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
