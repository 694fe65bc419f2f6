/* SPDX-License-Identifier: MIT
 * y and |: text leaving the reader. y copies the selection (or the mark
 * under the cursor, or the mark selected in M) with its citation, through
 * the terminal (OSC 52, term_osc52) and/or the copy.command program; |
 * pipes the selection, else the article's text, to a shell command typed
 * on the prompt line, its output shown in a window or discarded. */
#ifndef DOSSIER_TUI_CLIP_H
#define DOSSIER_TUI_CLIP_H

#include <stddef.h>

#include "core/collection/collection.h"
#include "core/base/strbuf.h"

struct tui;

/* The passage and its citation, as y copies it (appends to out):
 *   “passage”
 *   — Authors, “Title”, Source, YYYY-MM-DD, URL [@key]
 * (parts that are missing are left out; no second line for an article
 * no longer in c). Terminal-free. */
void clip_cite(const struct collection *c, size_t art, const char *key, const char *passage,
	       size_t n, struct strbuf *out);
/* Base64 (RFC 4648, padded) of s[0..n), appended to out. */
void clip_base64(const char *s, size_t n, struct strbuf *out);

/* y in the text pane. */
unsigned clip_yank(struct tui *t);
/* y on a passage of article art (the marks view). */
unsigned clip_copy_passage(struct tui *t, size_t art, const char *text, size_t n);
/* |: the prompt for the command. */
unsigned clip_pipe_prompt(struct tui *t);
/* ^O on that prompt: show / discard this command's output. */
unsigned clip_pipe_toggle(struct tui *t);

#endif
