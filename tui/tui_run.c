/* SPDX-License-Identifier: MIT
 * The two drivers of the key path: the interactive loop on a terminal and
 * the headless loop that reads a key script and dumps the grid (screen
 * tests). Also the outside programs ($BROWSER, $EDITOR), run with fork and
 * exec (never a shell, so a URL cannot inject commands). */
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"
#include "tui/script.h"
#include "tui/state.h"
#include "core/utf8.h"
#include "tui/term.h"

/* ---- outside programs ---- */

/* Split cmd on blanks (no shell) and run it with arg appended; wait. */
static int spawn(const char *cmd, const char *arg)
{
	char *copy = xstrdup(cmd);
	char *argv[32];
	int n = 0;
	for (char *tok = strtok(copy, " \t"); tok && n < 30; tok = strtok(NULL, " \t"))
		argv[n++] = tok;
	argv[n++] = (char *)arg;
	argv[n] = NULL;
	int status = -1;
	pid_t pid = n > 1 ? fork() : -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
	free(copy);
	return pid < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

unsigned tui_run_external(struct tui *t, enum action a, long art)
{
	if (art < 0) {
		tui_message(t, false, a == ACT_EDIT ? "No article to edit." : "No article open.");
		return R_DRAW_STATUS;
	}
	const struct article *ar = &t->d.coll.items[art];
	const char *var = a == ACT_EDIT ? "EDITOR" : "BROWSER";
	const char *cmd = getenv(var);
	if (a == ACT_EDIT && (!cmd || !*cmd)) cmd = getenv("VISUAL");
	const char *arg = a == ACT_EDIT ? ar->path : ar->url;
	if (!arg) {
		tui_message(t, false, "This article has no URL.");
		return R_DRAW_STATUS;
	}
	if (!cmd || !*cmd) {
		tui_message(t, true, "$%s is not set.", var);
		return R_DRAW_STATUS;
	}
	if (!t->headless) term_suspend();
	int rc = spawn(cmd, arg);
	if (!t->headless) term_resume();
	if (rc != 0) tui_message(t, true, "%s exited with status %d.", cmd, rc);
	if (a == ACT_EDIT) {
		char *id = xstrdup(ar->id);
		unsigned r = tui_reload(t, id);
		if (rc == 0) tui_message(t, false, "Reloaded after editing %s.", id);
		free(id);
		return r;
	}
	return R_RELAYOUT;
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
		if (r) {
			tui_draw(t, r);
			term_blit(&t->grid, (r & R_RELAYOUT) != 0);
		}
		tui_load_begin(t); /* once the first screen is out */
		struct key k;
		/* a deferred filter runs once typing pauses; a load is watched
		 * every 10 ms (its end is adopted at once), the index build every
		 * 100 ms; progress is redrawn at most ten times a second */
		bool idle = find_idle_pending(t);
		bool loading = t->bg || t->bg_pending, bg = loading || t->fts_job;
		bool got = term_read(&k, loading ? 10 : idle ? 300 : bg ? 100 : -1);
		if ((sig = term_signal())) break;
		r = term_take_resumed() ? R_RELAYOUT : R_NONE;
		if (got) last_key = util_now_ms();
		else if (idle && util_now_ms() - last_key >= 290) r |= find_idle(t);
		if (bg) r |= tui_load_poll(t, false) | find_fts_poll(t);
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
	 * key, so that the screens do not depend on timing */
	tui_load_start(t);
	tui_load_poll(t, true);
	unsigned r = R_RELAYOUT;
	int dumps = 0;
	for (;;) {
		if (r & R_QUIT) break;
		if (r) tui_draw(t, r);
		r = R_NONE;
		struct script_item it = script_next(&sc, &dl);
		if (it.kind == SCRIPT_END) break;
		if (it.kind == SCRIPT_ERROR) {
			rc = 1;
			break;
		}
		if (it.kind == SCRIPT_DUMP) {
			fprintf(out, "=== dump %d (%dx%d) ===\n", ++dumps, t->grid.cols, t->grid.rows);
			grid_dump(&t->grid, out, it.styles);
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
		tui_message(t, true, "%s%s", m, dl.n > 1 ? " (and more: dossier check)" : "");
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
