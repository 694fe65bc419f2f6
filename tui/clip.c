/* SPDX-License-Identifier: MIT
 * y and | (clip.h). Programs run through core/launch: copy.command split
 * like a plain command and run without a shell; the | command is what
 * the user typed for a shell, so it runs as sh -c COMMAND (dossier(1)
 * says so), with the text on its stdin and never the terminal; its
 * output is shown in a window or discarded (pipe.output, ^O). */
#include "tui/clip.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "core/output/citekey.h"
#include "core/base/launch.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/overlay_output.h"
#include "tui/pane_text.h"
#include "tui/term.h"
#include "tui/tui.h"

#define PIPE_OUTPUT_MAX (256 * 1024)

void clip_base64(const char *s, size_t n, struct strbuf *out)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)u[i] << 16 | (i + 1 < n ? (unsigned)u[i + 1] << 8 : 0) |
			     (i + 2 < n ? u[i + 2] : 0);
		char q[4] = {a[v >> 18 & 63], a[v >> 12 & 63], i + 1 < n ? a[v >> 6 & 63] : '=',
			     i + 2 < n ? a[v & 63] : '='};
		strbuf_add(out, q, 4);
	}
}

void clip_cite(const struct collection *c, size_t art, const char *key, const char *passage,
	       size_t n, struct strbuf *out)
{
	strbuf_adds(out, "\xe2\x80\x9c"); /* “ */
	strbuf_add(out, passage, n);
	strbuf_adds(out, "\xe2\x80\x9d\n");
	const struct article *a = art < c->n ? &c->items[art] : NULL;
	if (!a && !key) return; /* an article gone from the collection */
	strbuf_adds(out, "\xe2\x80\x94 ");
	const char *sep = "";
	for (size_t i = 0; a && i < a->authors.n; i++) {
		strbuf_addf(out, "%s%s", i ? ", " : "", a->authors.v[i]);
		sep = ", ";
	}
	if (a) {
		strbuf_addf(out, "%s\xe2\x80\x9c%s\xe2\x80\x9d", sep, a->title);
		if (a->source) strbuf_addf(out, ", %s", a->source);
		if (a->date) strbuf_addf(out, ", %04d-%02d-%02d", a->date / 10000, a->date / 100 % 100, a->date % 100);
		if (a->url) strbuf_addf(out, ", %s", a->url);
	}
	if (key) strbuf_addf(out, " [@%s]", key);
	strbuf_addc(out, '\n');
}

unsigned clip_copy_passage(struct tui *t, size_t art, const char *text, size_t n)
{
	struct citekeys ck = {0};
	citekeys_build(&ck, &t->d.coll);
	struct strbuf sb = STRBUF_INIT, b64 = STRBUF_INIT, how = STRBUF_INIT;
	clip_cite(&t->d.coll, art, citekeys_get(&ck, art), text, n, &sb);
	citekeys_free(&ck);
	bool osc = t->settings && t->settings->copy_osc52;
	const char *cmd = t->settings ? t->settings->copy_command : NULL;
	if (osc) {
		clip_base64(sb.buf, sb.len, &b64);
		if (term_osc52(b64.buf, b64.len)) strbuf_adds(&how, "the terminal (OSC 52)");
	}
	bool failed = false;
	if (cmd) {
		struct launch_argv av = {0};
		struct launch_result r;
		if (launch_split(cmd, &av) < 0 || av.n == 0) {
			context_message(t, true, "copy.command does not split into words: %s", cmd);
			failed = true;
		} else if (launch_pipe(&av, sb.buf, sb.len, NULL, 0, &r) < 0 || r.status != 0) {
			context_message(t, true, "Not copied by %s (%s).", av.v[0],
					r.ran < 0 ? "could not run it" : "it failed");
			failed = true;
		} else {
			const char *base = strrchr(av.v[0], '/');
			strbuf_addf(&how, "%s%s", how.len ? " and " : "", base ? base + 1 : av.v[0]);
		}
		for (size_t i = 0; i < av.n; i++) free(av.v[i]);
		free(av.v);
	}
	if (!failed && how.len)
		context_message(t, false, "Copied %zu characters with the citation to %s.",
				utf8_codepoints(text, n), strbuf_str(&how));
	else if (!failed)
		context_message(t, true, osc ? "Not copied: no terminal to send OSC 52 to, and no copy.command."
					     : "Not copied: copy.osc52 is off and no copy.command is set (dossier-config(5)).");
	strbuf_free(&sb);
	strbuf_free(&b64);
	strbuf_free(&how);
	return R_DRAW_STATUS;
}

unsigned clip_yank(struct tui *t)
{
	struct pane_ctx c;
	struct rect r;
	struct pane *tp = context_pane_at(t, PANE_TEXT, &c, &r);
	const char *body;
	size_t len, s, e;
	if (t->cur < 0 || !pane_text_body(tp, &c, r, &body, &len)) {
		context_message(t, false, "No article text to copy.");
		return R_DRAW_STATUS;
	}
	if (pane_text_selection(tp, &c, r, &s, &e))
		return clip_copy_passage(t, (size_t)t->cur, body + s, e - s);
	struct mark m = {0};
	if (t->focus == PANE_TEXT && pane_text_mark_here(tp, &c, r, &m)) {
		unsigned re = clip_copy_passage(t, (size_t)t->cur, m.text, strlen(m.text));
		mark_free(&m);
		return re;
	}
	context_message(t, false, "Nothing to copy: v selects a passage, or put the cursor on a mark.");
	return R_DRAW_STATUS;
}

/* The prompt line says where the output goes; ^O switches it. */
static const char *pipe_label(const struct tui *t)
{
	return t->pipe_show ? "pipe to shell command (output shown; ^O discards it): "
			    : "pipe to shell command (output discarded; ^O shows it): ";
}

/* Enter on the | prompt: the selection, else the article, to sh -c; the
 * output in a window (shown) or summed up on the message line. */
static unsigned pipe_done(struct tui *t, enum prompt_result pr)
{
	if (pr == PROMPT_CHANGED || pr == PROMPT_CONTINUE) return R_DRAW_STATUS;
	t->prompt_done = NULL;
	const char *cmd = prompt_text(&t->prompt);
	if (pr != PROMPT_ACCEPT || !*cmd) return R_DRAW_ALL;
	struct pane_ctx c;
	struct rect r;
	struct pane *tp = context_pane_at(t, PANE_TEXT, &c, &r);
	const char *body;
	size_t len, s = 0, e;
	if (t->cur < 0 || !pane_text_body(tp, &c, r, &body, &len)) {
		context_message(t, false, "No article text to pipe.");
		return R_DRAW_ALL;
	}
	bool sel = pane_text_selection(tp, &c, r, &s, &e);
	if (!sel) s = 0, e = len;
	char *argv[] = {"sh", "-c", xstrdup(cmd), NULL};
	struct launch_argv av = {argv, 3};
	struct strbuf out = STRBUF_INIT;
	struct launch_result res;
	int rc = launch_pipe(&av, body + s, e - s, &out, PIPE_OUTPUT_MAX, &res);
	unsigned re = R_DRAW_ALL;
	if (rc < 0) {
		context_message(t, true, "Could not run sh for the pipe.");
	} else {
		struct strbuf what = STRBUF_INIT;
		if (!out.len) strbuf_adds(&what, "no output");
		else strbuf_addf(&what, "%s%zu byte%s of output %s", out.len >= PIPE_OUTPUT_MAX ? "the first " : "",
				 out.len, out.len == 1 ? "" : "s", t->pipe_show ? "shown" : "discarded");
		context_message(t, res.status != 0, "Piped %s to the command: exit %d, %s.",
				sel ? "the selection" : "the article", res.status, strbuf_str(&what));
		if (t->pipe_show && out.len) {
			/* the command line on the window's top row, cut to one line */
			struct strbuf title = STRBUF_INIT, c1 = STRBUF_INIT;
			utf8_display_fit(&c1, cmd, strlen(cmd), 32, t->utf8_flags);
			strbuf_addf(&title, " | %s: exit %d  j/k scroll, q closes", strbuf_str(&c1), res.status);
			re |= overlay_output_open(t, strbuf_str(&title), out.buf, out.len);
			strbuf_free(&title);
			strbuf_free(&c1);
		}
		strbuf_free(&what);
	}
	free(argv[2]);
	strbuf_free(&out);
	return re;
}

unsigned clip_pipe_prompt(struct tui *t)
{
	if (t->cur < 0) {
		context_message(t, false, "No article open.");
		return R_DRAW_STATUS;
	}
	t->pipe_show = !(t->settings && t->settings->pipe_discard);
	prompt_open(&t->prompt, PROMPT_PIPE, pipe_label(t), NULL);
	t->prompt_done = pipe_done;
	strbuf_reset(&t->msg);
	return R_DRAW_ALL;
}

unsigned clip_pipe_toggle(struct tui *t)
{
	t->pipe_show = !t->pipe_show;
	free(t->prompt.label);
	t->prompt.label = xstrdup(pipe_label(t));
	return R_DRAW_STATUS;
}
