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

static unsigned reload(struct tui *t, const char *keep_id)
{
	char *cur_id = t->cur >= 0 ? xstrdup(t->d.coll.items[t->cur].id) : NULL;
	char *sel_id = keep_id ? xstrdup(keep_id) : NULL;
	bool *old_read = t->read;
	struct collection old = t->d.coll;
	char **read_ids = xcalloc(old.n + 1, sizeof *read_ids);
	size_t nread = 0;
	for (size_t i = 0; i < old.n; i++)
		if (tui_is_read(t, i)) read_ids[nread++] = xstrdup(old.items[i].id);
	pane_text_reset(&t->panes[PANE_TEXT]);
	dossier_close(&t->d);
	memset(&t->d, 0, sizeof t->d);
	t->read = NULL;
	free(old_read);
	t->cur = -1;
	t->norder = 0;
	tui_load(t, NULL, NULL);
	for (size_t i = 0; i < nread; i++) {
		long a = collection_find(&t->d.coll, read_ids[i]);
		if (a >= 0) tui_set_read(t, (size_t)a, true);
		free(read_ids[i]);
	}
	free(read_ids);
	long a = cur_id ? collection_find(&t->d.coll, cur_id) : -1;
	if (a >= 0) t->cur = a;
	pane_related_reset(&t->panes[PANE_RELATED], t);
	long s = sel_id ? collection_find(&t->d.coll, sel_id) : -1;
	for (size_t i = 0; s >= 0 && i < t->norder; i++)
		if (t->order[i] == (size_t)s) t->panes[PANE_LIST].sel = i;
	free(cur_id);
	free(sel_id);
	return R_RELAYOUT | R_DRAW_ALL;
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
		unsigned r = reload(t, id);
		if (rc == 0) tui_message(t, false, "Reloaded after editing %s.", id);
		free(id);
		return r;
	}
	return R_RELAYOUT;
}

/* ---- interactive ---- */

struct progress_ctx {
	struct tui *t;
	struct timespec last;
};

static void on_progress(void *ctx, size_t files)
{
	struct progress_ctx *pc = ctx;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - pc->last.tv_sec) * 1000 + (now.tv_nsec - pc->last.tv_nsec) / 1000000;
	if (term_signal()) {
		int sig = term_signal();
		term_close();
		_exit(128 + sig);
	}
	if (ms < 100) return;
	pc->last = now;
	struct tui *t = pc->t;
	strbuf_reset(&t->progress);
	strbuf_addf(&t->progress, "Loading %s: %zu files...", t->corpus, files);
	int rows, cols;
	term_size(&rows, &cols);
	if (rows != t->grid.rows || cols != t->grid.cols) tui_relayout(t, rows, cols);
	tui_draw(t, R_RELAYOUT);
	term_blit(&t->grid, false);
}

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
	strbuf_addf(&t->progress, "Loading %s...", t->corpus);
	tui_draw(t, R_RELAYOUT);
	term_blit(&t->grid, false);
	struct progress_ctx pc = {t, {0, 0}};
	tui_load(t, on_progress, &pc);
	tui_preview_selected(t);
	strbuf_reset(&t->progress);
	unsigned r = R_RELAYOUT;
	int sig = 0;
	for (;;) {
		if (r & R_RELAYOUT) {
			term_size(&rows, &cols);
			tui_relayout(t, rows, cols);
		}
		if (r) {
			tui_draw(t, r);
			term_blit(&t->grid, (r & R_RELAYOUT) != 0);
		}
		struct key k;
		/* a deferred filter runs once typing pauses */
		bool idle = find_idle_pending(t);
		bool got = term_read(&k, idle ? 300 : -1);
		if ((sig = term_signal())) break;
		r = term_take_resumed() ? R_RELAYOUT : R_NONE;
		if (!got && idle) r |= find_idle(t);
		if (!got) continue;
		r |= tui_handle_key(t, &k);
		if (r & R_QUIT) break;
	}
	term_close();
	die_set_hook(NULL);
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
	tui_load(t, NULL, NULL);
	tui_preview_selected(t);
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
	tui_state_close(t, true); /* after quit and after SIGINT/SIGTERM/SIGHUP alike */
	tui_free(t);
	free(t);
	return rc;
}
