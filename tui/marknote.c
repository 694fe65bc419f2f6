/* SPDX-License-Identifier: MIT
 * The note prompt (marknote.h): the line is parsed into mark tags and a
 * note, given to the stored mark (tui_state_set_mark_notes, undoable). */
#include "tui/marknote.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/runprog.h"
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

/* Give t->note_target the tags and note of line, saying what happened. */
static void note_save(struct tui *t, const char *line)
{
	struct mark m;
	mark_copy(&m, &t->note_target);
	marknote_parse(line, &m);
	const char *dash = context_glyph(t, "\xe2\x80\x94", "-");
	if (mark_same_notes(&m, &t->note_target))
		context_message(t, false, "Note unchanged.");
	else if (!tui_state_set_mark_notes(t, &m))
		context_message(t, true, "The mark is gone; the note was not kept.");
	else if (!t->save_error)
		context_message(t, false, "%s %s u to undo.",
				m.note || m.ntags ? "Note saved." : "Note and tags removed.", dash);
	mark_free(&m);
}

static unsigned note_done(struct tui *t, enum prompt_result r)
{
	if (r == PROMPT_CHANGED || r == PROMPT_CONTINUE) return R_DRAW_STATUS;
	t->prompt_done = NULL;
	if (r != PROMPT_ACCEPT) {
		context_message(t, false, "Note unchanged.");
		return R_DRAW_ALL;
	}
	note_save(t, prompt_text(&t->prompt));
	return R_DRAW_ALL;
}

/* The editor's file: line in a new file of $TMPDIR (else /tmp), made by
 * mkstemps (mode 0600, a name nobody else can have taken). The path is
 * owned by the caller, who removes the file; NULL when it could not be
 * made (errno set). */
static char *note_file(const char *line)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/dossier-note-XXXXXX.txt", dir && *dir ? dir : "/tmp");
	char *path = strbuf_steal(&sb);
	strbuf_free(&sb);
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	size_t n = strlen(line);
	bool ok = fsutil_write_all(fd, line, n) == 0 && fsutil_write_all(fd, "\n", 1) == 0;
	if (close(fd) < 0 || !ok) {
		int e = errno;
		unlink(path);
		free(path);
		errno = e;
		return NULL;
	}
	return path;
}

#define NOTE_FILE_MAX (1024 * 1024)

unsigned marknote_edit(struct tui *t, const struct mark *m, const char *line)
{
	if (m != &t->note_target) {
		mark_free(&t->note_target);
		mark_copy(&t->note_target, m);
	}
	struct strbuf sb = STRBUF_INIT;
	if (!line) marknote_format(&t->note_target, &sb);
	char *path = note_file(line ? line : strbuf_str(&sb));
	strbuf_free(&sb);
	if (!path) {
		context_message(t, true, "No file for the editor: %s; the note is unchanged.",
				strerror(errno));
		return R_DRAW_ALL;
	}
	if (runprog_editor(t, path) < 0) {
		/* the editor's failure is on the message line: add what it means */
		char *why = xstrdup(strbuf_str(&t->msg));
		context_message(t, true, "%s The note is unchanged.", why);
		free(why);
	} else {
		char *text = NULL;
		size_t n = 0;
		int err = fsutil_read_file(path, NOTE_FILE_MAX, &text, &n);
		if (err) {
			context_message(t, true, "Cannot read the note back: %s; the note is unchanged.",
					strerror(err));
		} else {
			/* the editor's final newline goes; inner lines stay */
			while (n && strchr(" \t\r\n", text[n - 1])) n--;
			text[n] = '\0';
			note_save(t, text);
		}
		free(text);
	}
	unlink(path);
	free(path);
	return R_RELAYOUT;
}

unsigned marknote_edit_prompt(struct tui *t)
{
	char *line = xstrdup(prompt_text(&t->prompt));
	prompt_close(&t->prompt);
	t->prompt_done = NULL;
	unsigned r = marknote_edit(t, &t->note_target, line);
	free(line);
	return r;
}

unsigned marknote_open(struct tui *t, const struct mark *m)
{
	mark_free(&t->note_target);
	mark_copy(&t->note_target, m);
	struct strbuf sb = STRBUF_INIT;
	marknote_format(m, &sb);
	prompt_open(&t->prompt, PROMPT_NOTE, "note (#tags first; ^X editor): ", strbuf_str(&sb));
	strbuf_free(&sb);
	t->prompt_done = note_done;
	strbuf_reset(&t->msg);
	return R_DRAW_ALL;
}
