/* SPDX-License-Identifier: MIT
 * x: export the marks from the reader. A one-line prompt on the message
 * line with a default file name (configured folder and format), the format
 * taken from the extension, an explicit y/n before replacing a file, and
 * the reason when the write fails (export_write never leaves a partial
 * file). The file name is edited in the shared prompt (tui/prompt.c); only
 * the overwrite question is handled here. */
#include "tui/overlay_export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/output/export.h"
#include "core/state/store.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/overlay.h"
#include "tui/state.h"
#include "tui/tui.h"

/* Exists only while asking whether to overwrite. */
struct exportui {
	struct strbuf line;  /* the file name accepted in the prompt */
};

static enum export_format default_format(const struct tui *t)
{
	enum export_format f = EXPORT_MD;
	const struct settings *s = t->settings;
	if (s && s->export_format && !export_format_parse(s->export_format, &f)) f = EXPORT_MD;
	return f;
}

static unsigned write_export(struct tui *t, const char *path, bool force);
static const struct overlay_ops ask_ops;

/* The prompt's result: Enter writes, Esc cancels. */
static unsigned export_prompt_done(struct tui *t, enum prompt_result r)
{
	if (r != PROMPT_ACCEPT && r != PROMPT_CANCEL) return R_NONE;
	t->prompt_done = NULL;
	const char *path = prompt_text(&t->prompt);
	if (r == PROMPT_CANCEL || !*path) {
		context_message(t, false, "Export cancelled.");
		return R_DRAW_STATUS;
	}
	enum export_format f;
	if (!export_format_from_path(path, &f)) {
		/* keep the name for editing, say what is wrong */
		char *again = xstrdup(path);
		prompt_open(&t->prompt, PROMPT_EXPORT, "export to: ", again);
		prompt_set_note(&t->prompt, "format? use .md .txt .yaml .json .org or .jsonld", true, -1);
		t->prompt_done = export_prompt_done;
		free(again);
		return R_DRAW_STATUS;
	}
	char *p = xstrdup(path);
	unsigned out = write_export(t, p, false);
	free(p);
	return out;
}

unsigned overlay_export_open(struct tui *t)
{
	if (!t->store || store_mark_count(t->store) == 0) {
		context_message(t, false, "No marks to export: m in the text pane marks a passage.");
		return R_DRAW_STATUS;
	}
	struct strbuf line = STRBUF_INIT;
	char *name = export_default_name(default_format(t));
	const char *dir = t->settings ? t->settings->export_dir : NULL;
	if (dir && *dir && strcmp(dir, ".") != 0) {
		strbuf_adds(&line, dir);
		if (dir[strlen(dir) - 1] != '/') strbuf_addc(&line, '/');
	}
	strbuf_adds(&line, name);
	free(name);
	strbuf_reset(&t->msg);
	prompt_open(&t->prompt, PROMPT_EXPORT, "export to: ", strbuf_str(&line));
	t->prompt_done = export_prompt_done;
	strbuf_free(&line);
	return R_DRAW_STATUS;
}

static void ask_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct exportui *xp = o->priv;
	strbuf_free(&xp->line);
	free(xp);
}

/* The question takes the message line, not a box. */
static void ask_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct exportui *xp = o->priv;
	const struct rect *m = &t->layout.message;
	struct strbuf sb = STRBUF_INIT, fit = STRBUF_INIT;
	strbuf_addf(&sb, "overwrite %s? (y/n)", strbuf_str(&xp->line));
	/* keep the end (the question) visible on a narrow screen */
	int w = utf8_display_width(sb.buf, sb.len, t->utf8_flags);
	size_t from = 0;
	while (w > m->cols - 1 && from < sb.len) {
		size_t next = utf8_cluster_end(sb.buf, sb.len, from);
		w -= utf8_display_width(sb.buf + from, next - from, t->utf8_flags);
		from = next;
	}
	utf8_display_fit(&fit, sb.buf + from, sb.len - from, m->cols - 1, t->utf8_flags);
	grid_fill(g, m->row, 0, m->cols, STYLE_NORMAL);
	grid_put(g, m->row, 0, m->cols, strbuf_str(&fit), fit.len, STYLE_MESSAGE, STYLE_CONTROL, -1);
	strbuf_free(&fit);
	strbuf_free(&sb);
}

/* Render every mark and write it; EEXIST without force asks first. */
static unsigned write_export(struct tui *t, const char *path, bool force)
{
	enum export_format f = EXPORT_MD;
	export_format_from_path(path, &f); /* checked when the name was accepted */
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
		struct exportui *xp = xcalloc(1, sizeof *xp);
		strbuf_adds(&xp->line, path);
		overlay_push(t, &ask_ops, xp);
		strbuf_reset(&t->msg);
		return R_DRAW_STATUS;
	}
	if (e) {
		bool placed = step && !strcmp(step, "fsync folder");
		context_message(t, true, "export failed: %s (%s %s)%s", strerror(e), step ? step : "write",
			    path, placed ? "; the file is complete but may not survive a crash"
					 : "; nothing written");
	} else {
		context_message(t, false, "exported %zu passage%s to %s", n, n == 1 ? "" : "s", path);
	}
	return R_DRAW_STATUS;
}

/* Only the overwrite question gets keys here. */
static unsigned ask_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct exportui *xp = o->priv;
	if (k->code == K_MOUSE) return R_NONE;
	if (k->code == 'y' || k->code == 'Y') {
		char *path = xstrdup(strbuf_str(&xp->line));
		overlay_close(t, o);
		unsigned r = write_export(t, path, true);
		free(path);
		return r;
	}
	if (k->code == 'n' || k->code == 'N' || k->code == K_ESC || k->code == 'q') {
		context_message(t, false, "Not exported: %s is unchanged.", strbuf_str(&xp->line));
		overlay_close(t, o);
	}
	return R_DRAW_STATUS;
}

static const struct overlay_ops ask_ops = {"export", ask_draw, ask_key, ask_close};
