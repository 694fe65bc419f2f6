/* SPDX-License-Identifier: MIT
 * The note prompt (marknote.h): the line is parsed into mark tags and a
 * note, given to the stored mark (tui_state_set_mark_notes, undoable). */
#include "tui/marknote.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "tui/context.h"
#include "tui/state.h"
#include "tui/tui.h"

void marknote_format(const struct mark *m, struct strbuf *out)
{
	for (size_t i = 0; i < m->ntags; i++) strbuf_addf(out, "#%s ", m->tags[i]);
	if (m->note) strbuf_adds(out, m->note);
}

static bool is_sp(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void marknote_parse(const char *line, struct mark *m)
{
	while (m->ntags) mark_remove_tag(m, m->tags[0]);
	const char *p = line;
	for (;;) {
		while (is_sp(*p)) p++;
		if (*p != '#' || !p[1] || is_sp(p[1])) break;
		size_t n = 1;
		while (p[n] && !is_sp(p[n])) n++;
		char *tag = xstrndup(p + 1, n - 1);
		mark_add_tag(m, tag);
		free(tag);
		p += n;
	}
	size_t n = strlen(p);
	while (n && is_sp(p[n - 1])) n--;
	char *note = xstrndup(p, n);
	mark_set_note(m, note); /* "" removes it */
	free(note);
}

static unsigned note_done(struct tui *t, enum prompt_result r)
{
	if (r == PROMPT_CHANGED || r == PROMPT_CONTINUE) return R_DRAW_STATUS;
	t->prompt_done = NULL;
	if (r != PROMPT_ACCEPT) {
		context_message(t, false, "Note unchanged.");
		return R_DRAW_ALL;
	}
	struct mark m;
	mark_copy(&m, &t->note_target);
	marknote_parse(prompt_text(&t->prompt), &m);
	const char *dash = context_glyph(t, "\xe2\x80\x94", "-");
	if (mark_same_notes(&m, &t->note_target))
		context_message(t, false, "Note unchanged.");
	else if (!tui_state_set_mark_notes(t, &m))
		context_message(t, true, "The mark is gone; the note was not kept.");
	else if (!t->save_error)
		context_message(t, false, "%s %s u to undo.",
				m.note || m.ntags ? "Note saved." : "Note and tags removed.", dash);
	mark_free(&m);
	return R_DRAW_ALL;
}

unsigned marknote_open(struct tui *t, const struct mark *m)
{
	mark_free(&t->note_target);
	mark_copy(&t->note_target, m);
	struct strbuf sb = STRBUF_INIT;
	marknote_format(m, &sb);
	prompt_open(&t->prompt, PROMPT_NOTE, "note (#tags first): ", strbuf_str(&sb));
	strbuf_free(&sb);
	t->prompt_done = note_done;
	strbuf_reset(&t->msg);
	return R_DRAW_ALL;
}
