/* SPDX-License-Identifier: MIT
 * Diagnostics with positions. */
#include "core/base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"

static void add_v(struct diag_list *dl, enum diag_level level, enum diag_code code,
		  const char *arg, const char *path, int line, int col, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	ARRAY_RESERVE(dl->items, dl->cap, dl->n + 1);
	dl->items[dl->n++] = (struct diag){
		.path = xstrdup(path ? path : "?"),
		.line = line,
		.col = col,
		.level = level,
		.msg = strbuf_steal(&sb),
		.code = code,
		.arg = arg ? xstrdup(arg) : NULL,
	};
}

void diag_add(struct diag_list *dl, enum diag_level level, const char *path, int line,
	      int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_v(dl, level, DIAG_PLAIN, NULL, path, line, col, fmt, ap);
	va_end(ap);
}

void diag_add_code(struct diag_list *dl, enum diag_level level, enum diag_code code,
		   const char *arg, const char *path, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_v(dl, level, code, arg, path, line, col, fmt, ap);
	va_end(ap);
}

const struct diag *diag_find(const struct diag_list *dl, enum diag_code code)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].code == code) return &dl->items[i];
	return NULL;
}

/* Only ASCII controls are escaped here: diag text goes to stderr or through
 * the TUI's own sanitiser, which handles the rest of the policy. */
static void add_printable(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			strbuf_addc(sb, '^');
			strbuf_addc(sb, c == 0x7f ? '?' : (char)(c + '@'));
		} else {
			strbuf_addc(sb, (char)c);
		}
	}
}

char *diag_format(const struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	add_printable(&sb, d->path);
	if (d->line > 0) {
		strbuf_addf(&sb, ":%d:%d", d->line, d->col > 0 ? d->col : 1);
	}
	strbuf_adds(&sb, ": ");
	if (d->level == DIAG_WARNING) strbuf_adds(&sb, "warning: ");
	add_printable(&sb, d->msg);
	return strbuf_steal(&sb);
}

void diag_list_move(struct diag_list *to, struct diag_list *from)
{
	ARRAY_RESERVE(to->items, to->cap, to->n + from->n);
	if (from->n) memcpy(to->items + to->n, from->items, from->n * sizeof *from->items);
	to->n += from->n;
	free(from->items);
	from->items = NULL;
	from->n = from->cap = 0;
}

void diag_list_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->items[i].path);
		free(dl->items[i].msg);
		free(dl->items[i].arg);
	}
	free(dl->items);
	dl->items = NULL;
	dl->n = dl->cap = 0;
}
