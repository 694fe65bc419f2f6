/* SPDX-License-Identifier: MIT
 * The two drivers of the key path: the interactive loop on a terminal and
 * the headless loop that reads a key script and dumps the grid (screen
 * tests). Also handing the terminal to the outside programs ($BROWSER,
 * $VISUAL/$EDITOR) that core/base/launch checks, builds and runs. */
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/base/launch.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/filter.h"
#include "tui/load.h"
#include "tui/pane_text.h"
#include "tui/runprog.h"
#include "tui/script.h"
#include "tui/simjob.h"
#include "tui/state.h"
#include "tui/term.h"

/* ---- outside programs ---- */

/* The file line at the top of the text pane when art is the one shown
 * (the editor opens there), else 0 (unknown). */
static long editor_line(struct tui *t, long art)
{
	const char *body;
	size_t len, top;
	struct pane_ctx c;
	struct rect r;
	struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
	if (art != t->cur || !pane_text_source_top(p, &c, r, &body, &len, &top)) return 0;
	long line = t->d.coll.items[art].body_line;
	for (size_t i = 0; i < top && i < len; i++) line += body[i] == '\n';
	return line > 0 ? line : 0;
}

unsigned tui_open_url(struct tui *t, const char *url, const char *what)
{
	const char *why = launch_url_check(url);
	if (why) {
		context_message(t, true, "Not opened: %s %s: %s", what, why, url);
		return R_DRAW_STATUS;
	}
	struct launch_cmds cmds;
	launch_browser_argv(getenv("BROWSER"), url, &cmds);
	runprog_cmds(t, &cmds, false);
	return R_RELAYOUT;
}

/* o and e: the argv lists and the checks are core/base/launch's; here only the
 * terminal is handed over and the outcome said. */
unsigned tui_run_external(struct tui *t, enum action a, long art)
{
	if (art < 0) {
		context_message(t, false, a == ACT_EDIT ? "No article to edit." : "No article open.");
		return R_DRAW_STATUS;
	}
	const struct article *ar = &t->d.coll.items[art];
	if (a != ACT_EDIT) {
		if (!ar->url || !*ar->url) {
			context_message(t, false, "This article has no URL.");
			return R_DRAW_STATUS;
		}
		return tui_open_url(t, ar->url, "the URL");
	}
	struct launch_cmds cmds;
	launch_editor_argv(getenv("VISUAL"), getenv("EDITOR"), ar->path, editor_line(t, art), &cmds);
	int ok = runprog_cmds(t, &cmds, true);
	char *id = xstrdup(ar->id);
	unsigned r = tui_reload(t, id);
	if (ok == 0) context_message(t, false, "Reloaded after editing %s.", id);
	free(id);
	return r;
}

/* ---- interactive ---- */

static void die_hook(void) { term_close(); }

static int run_interactive(struct tui *t)
{
	const char *err;
	if (term_open(&t->theme, &err) < 0) {
		fprintf(stderr, "dossier: %s\n", err);
		return 1;
	}
	die_set_hook(die_hook);
	int rows, cols;
	term_size(&rows, &cols);
	tui_relayout(t, rows, cols);
	tui_load_start(t); /* the cache's snapshot now, the folder after the first screen */
	unsigned r = R_RELAYOUT;
	int sig = 0;
	double last_key = 0;
	for (;;) {
		if (r & R_RELAYOUT) {
			term_size(&rows, &cols);
			tui_relayout(t, rows, cols);
		}
		if (r & R_RESORT) filter_apply(t); /* the list folded again (fold.c) */
		if (r) {
			tui_draw(t, r);
			term_blit(&t->grid, (r & R_RELAYOUT) != 0);
		}
		tui_load_begin(t); /* once the first screen is out */
		r = simjob_kick(t, load_running(t)); /* and once the load has ended */
		struct key k;
		/* a deferred filter runs once typing pauses; a load and a filter's
		 * match are watched every 10 ms (their end is taken at once), the index build every
		 * 100 ms; progress is redrawn at most ten times a second */
		bool idle = filter_idle_pending(t), filtering = filter_job_running(t);
		bool loading = load_running(t), signing = simjob_running(t);
		bool bg = loading || filtering || signing || filter_index_building(t);
		bool got = term_read(&k, loading || filtering ? 10 : idle ? 300 : bg ? 100 : -1);
		if ((sig = term_signal())) break;
		r |= term_take_resumed() ? R_RELAYOUT : R_NONE;
		if (got) last_key = util_now_ms();
		else if (idle && util_now_ms() - last_key >= 290) r |= filter_idle(t);
		if (bg) r |= tui_load_poll(t, false) | filter_index_poll(t) | filter_job_poll(t) | simjob_poll(t);
		r |= tui_answer_held(t); /* keys that waited for the state (statewait.c) */
		if (r & R_QUIT) break;
		if (!got) continue;
		r |= tui_handle_key(t, &k);
		if (r & R_QUIT) break;
	}
	term_close();
	die_set_hook(NULL);
	tui_load_stop(t); /* a load still running is abandoned, its cache unsaved */
	return sig ? 128 + sig : 0;
}

/* ---- headless ---- */

static int run_headless(struct tui *t, const struct tui_options *o)
{
	FILE *out = o->out ? o->out : stdout;
	struct diag_list dl = DIAG_LIST_INIT;
	struct script sc;
	int rc = 0;
	if (script_open(&sc, o->script ? o->script : "-", &dl) < 0) {
		rc = 1;
		goto done;
	}
	t->headless = true;
	tui_relayout(t, o->headless_rows, o->headless_cols);
	/* the interactive path, but waiting for the refresh before the first
	 * key, so that the screens do not depend on timing (tui_load_start
	 * does), or for :batch steps */
	struct script_item it = script_next(&sc, &dl);
	bool have = true; /* it is the next item to run */
	if (it.kind == SCRIPT_BATCHES) {
		tui_load_gate(t, it.batch);
		have = false;
	}
	tui_load_start(t);
	unsigned r = R_RELAYOUT;
	int dumps = 0;
	for (;;) {
		if (r & R_QUIT) break;
		if (!o->no_sign) /* headless: signed here, before the next screen */
			r |= simjob_kick(t, load_running(t));
		if (r & R_RESORT) filter_apply(t); /* folds the list again */
		if (r) tui_draw(t, r);
		r = R_NONE;
		if (!have) it = script_next(&sc, &dl);
		have = false;
		if (it.kind == SCRIPT_END) break;
		if (it.kind == SCRIPT_BATCHES) {
			diag_add(&dl, DIAG_ERROR, sc.path, 0, 0, ":batches must be the script's first item");
			it.kind = SCRIPT_ERROR;
		}
		if (it.kind == SCRIPT_ERROR) {
			rc = 1;
			break;
		}
		if (it.kind == SCRIPT_DUMP) {
			fprintf(out, "=== dump %d (%dx%d) ===\n", ++dumps, t->grid.cols, t->grid.rows);
			grid_dump(&t->grid, out, it.styles);
		} else if (it.kind == SCRIPT_BATCH) {
			r = tui_load_step(t);
			if (r & R_RELAYOUT) tui_relayout(t, t->grid.rows, t->grid.cols);
		} else if (it.kind == SCRIPT_RESIZE) {
			tui_relayout(t, it.rows, it.cols);
			r = R_RELAYOUT;
		} else {
			r = tui_handle_key(t, &it.key);
			if (r & R_RELAYOUT) tui_relayout(t, t->grid.rows, t->grid.cols);
		}
	}
	if (dumps == 0) {
		fprintf(out, "=== dump 1 (%dx%d) ===\n", t->grid.cols, t->grid.rows);
		grid_dump(&t->grid, out, false);
	}
done:
	for (size_t i = 0; i < dl.n; i++) {
		char *m = diag_format(&dl.items[i]);
		fprintf(stderr, "dossier: %s\n", m);
		free(m);
	}
	diag_list_free(&dl);
	script_free(&sc);
	return rc;
}

int tui_main(const struct tui_options *o)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	unsigned flags = cs && strcmp(cs, "UTF-8") == 0 ? 0 : UTF8_ASCII;
	struct tui *t = xcalloc(1, sizeof *t);
	struct diag_list dl = DIAG_LIST_INIT;
	tui_init(t, o, flags, &dl);
	if (dl.n) { /* config problems: shown in the message line */
		char *m = diag_format(&dl.items[0]);
		context_message(t, true, "%s%s", m, dl.n > 1 ? " (and more: dossier check)" : "");
		free(m);
	}
	diag_list_free(&dl);
	int rc = o->headless_rows > 0 || o->script ? run_headless(t, o) : run_interactive(t);
	/* after quit and after SIGINT/SIGTERM/SIGHUP alike; lost changes: status 1 */
	if (!tui_state_close(t, true) && rc == 0) rc = 1;
	tui_free(t);
	free(t);
	return rc;
}
