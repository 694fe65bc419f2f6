/* SPDX-License-Identifier: MIT
 * x: export the marks from the reader. A one-line prompt on the message
 * line with a default file name (configured folder and format), the format
 * taken from the extension, an explicit y/n before replacing a file, and
 * the reason when the write fails (export_write never leaves a partial
 * file). The line editing is one small function, line_key(), meant to be
 * replaced by the shared prompt (tui/prompt.c) once it lands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/store.h"
#include "core/utf8.h"
#include "core/util.h"
#include "tui/state.h"

enum xp_stage { XP_NAME, XP_OVERWRITE };

struct exportui {
	enum xp_stage stage;
	struct strbuf line;  /* the file name being edited */
};

enum line_result { LINE_EDITING, LINE_DONE, LINE_CANCEL };

/* Minimal line editing: characters append, Backspace removes the last
 * code point, C-u clears, Enter accepts, Esc cancels. */
static enum line_result line_key(struct strbuf *line, const struct key *k)
{
	if (k->code == K_ESC) return LINE_CANCEL;
	if (k->code == K_ENTER) return LINE_DONE;
	if (k->code == K_BACKSPACE || (k->code == 'h' && k->mods == MOD_CTRL)) {
		size_t n = line->len;
		while (n > 0 && ((unsigned char)line->buf[n - 1] & 0xC0) == 0x80) n--;
		if (n > 0) n--;
		line->len = n;
		if (line->buf) line->buf[n] = '\0';
		return LINE_EDITING;
	}
	if (k->code == 'u' && k->mods == MOD_CTRL) {
		strbuf_reset(line);
		return LINE_EDITING;
	}
	if (k->mods & (MOD_CTRL | MOD_ALT) || k->code >= K_SPECIAL || k->code < 0x20 ||
	    k->code == 0x7f || (k->code >= 0x80 && k->code < 0xA0))
		return LINE_EDITING;
	char buf[4];
	size_t n = utf8_encode(k->code, buf);
	strbuf_add(line, buf, n);
	return LINE_EDITING;
}

static enum export_format default_format(const struct tui *t)
{
	enum export_format f = EXPORT_MD;
	const struct settings *s = t->settings;
	if (s && s->export_format && !export_format_parse(s->export_format, &f)) f = EXPORT_MD;
	return f;
}

unsigned exportui_open(struct tui *t)
{
	if (!t->store || store_mark_count(t->store) == 0) {
		tui_message(t, false, "No marks to export: m in the text pane marks a passage.");
		return R_DRAW_STATUS;
	}
	struct exportui *xp = xcalloc(1, sizeof *xp);
	char *name = export_default_name(default_format(t));
	const char *dir = t->settings ? t->settings->export_dir : NULL;
	if (dir && *dir) {
		strbuf_adds(&xp->line, dir);
		if (dir[strlen(dir) - 1] != '/') strbuf_addc(&xp->line, '/');
	}
	strbuf_adds(&xp->line, name);
	free(name);
	t->xp = xp;
	strbuf_reset(&t->msg);
	return R_DRAW_STATUS;
}

void exportui_close(struct tui *t)
{
	if (!t->xp) return;
	strbuf_free(&t->xp->line);
	free(t->xp);
	t->xp = NULL;
}

void exportui_draw(struct tui *t, struct grid *g)
{
	const struct rect *m = &t->layout.message;
	struct strbuf sb = STRBUF_INIT;
	if (t->xp->stage == XP_NAME)
		strbuf_addf(&sb, "Export to (Enter writes, Esc cancels): %s", strbuf_str(&t->xp->line));
	else
		strbuf_addf(&sb, "overwrite %s? (y/n)", strbuf_str(&t->xp->line));
	/* keep the end (where typing happens) visible on a narrow screen */
	struct strbuf fit = STRBUF_INIT;
	int w = utf8_display_width(sb.buf, sb.len, t->utf8_flags);
	size_t from = 0;
	while (w > m->cols - 1 && from < sb.len) {
		size_t next = utf8_cluster_end(sb.buf, sb.len, from);
		w -= utf8_display_width(sb.buf + from, next - from, t->utf8_flags);
		from = next;
	}
	utf8_display_fit(&fit, sb.buf + from, sb.len - from, m->cols - 1, t->utf8_flags);
	grid_fill(g, m->row, 0, m->cols, STYLE_NORMAL);
	int end = grid_put(g, m->row, 0, m->cols, strbuf_str(&fit), fit.len, STYLE_MESSAGE,
			   STYLE_CONTROL, -1);
	if (t->xp->stage == XP_NAME && end < m->cols) grid_glyph(g, m->row, end, "_", STYLE_FOCUS);
	strbuf_free(&fit);
	strbuf_free(&sb);
}

/* Render every mark and write it; EEXIST without force asks first. */
static unsigned write_export(struct tui *t, bool force)
{
	struct exportui *xp = t->xp;
	const char *path = strbuf_str(&xp->line);
	enum export_format f;
	if (!export_format_from_path(path, &f)) {
		tui_message(t, true, "cannot tell the format from '%s': use .md .txt .yaml .json .org "
				     "or .jsonld", path);
		exportui_close(t);
		return R_DRAW_STATUS;
	}
	struct export_set set = {0};
	struct diag_list dl = DIAG_LIST_INIT;
	export_set_build(&set, &t->d.coll, t->store, NULL, NULL, &dl);
	diag_list_free(&dl);
	struct strbuf out = STRBUF_INIT;
	export_render(&set, f, &out);
	const char *step = NULL;
	int e = export_write(path, strbuf_str(&out), out.len, force, &step);
	size_t n = set.n;
	strbuf_free(&out);
	export_set_free(&set);
	if (e == EEXIST && !force) {
		xp->stage = XP_OVERWRITE;
		strbuf_reset(&t->msg);
		return R_DRAW_STATUS;
	}
	if (e) {
		bool placed = step && !strcmp(step, "fsync folder");
		tui_message(t, true, "export failed: %s (%s %s)%s", strerror(e), step ? step : "write",
			    path, placed ? "; the file is complete but may not survive a crash"
					 : "; nothing written");
	} else {
		tui_message(t, false, "exported %zu passage%s to %s", n, n == 1 ? "" : "s", path);
	}
	exportui_close(t);
	return R_DRAW_STATUS;
}

unsigned exportui_key(struct tui *t, const struct key *k)
{
	struct exportui *xp = t->xp;
	if (k->code == K_MOUSE) return R_NONE;
	if (xp->stage == XP_OVERWRITE) {
		if (k->code == 'y' || k->code == 'Y') return write_export(t, true);
		if (k->code == 'n' || k->code == 'N' || k->code == K_ESC || k->code == 'q') {
			tui_message(t, false, "Not exported: %s is unchanged.", strbuf_str(&xp->line));
			exportui_close(t);
		}
		return R_DRAW_STATUS;
	}
	switch (line_key(&xp->line, k)) {
	case LINE_CANCEL:
		exportui_close(t);
		tui_message(t, false, "Export cancelled.");
		return R_DRAW_STATUS;
	case LINE_DONE:
		if (!xp->line.len) {
			exportui_close(t);
			tui_message(t, false, "Export cancelled.");
			return R_DRAW_STATUS;
		}
		strbuf_reset(&t->msg);
		return write_export(t, false);
	default:
		return R_DRAW_STATUS;
	}
}
