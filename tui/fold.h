/* SPDX-License-Identifier: MIT
 * Near-duplicates folded in the article list: the copies of one text
 * (core/find/dupes.h, known once the signatures are in, tui/simjob.c)
 * show as one row with their count; z opens and closes a group. */
#ifndef DOSSIER_TUI_FOLD_H
#define DOSSIER_TUI_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tui;

/* Per group of the content index: is it open, and how many of its
 * members the current list holds. Owned arrays, ngroups + 1 entries. */
struct fold {
	unsigned char *open;
	uint32_t *count;
	size_t ngroups;
	size_t hidden; /* copies the last fold_apply took out of the list (under a closed row) */
};

/* Fold t->order in place (after the filter built it), the selected
 * article staying on screen: a group's row is its first member in the
 * list order, or the selected article when it is one of them. */
void fold_apply(struct tui *t);
/* Groups changed (new signatures, new collection): all closed again. */
void fold_reset(struct tui *t);
/* The fold key on the list's selected row: R_RESORT when the list must
 * be folded again (filter_apply, which keeps the selected article). */
unsigned fold_toggle(struct tui *t);
void fold_free(struct tui *t);
struct strbuf;
/* How many articles the list holds, in one unit wherever it is counted
 * (the filter prompt, the status line, the messages): the articles that
 * match, not the rows, as "N of M" (M: the collection's), and ", K folded"
 * when K of them are copies folded under another's row (the list then has
 * N - K rows, its position counts those). sentence: "N of M articles
 * match (K folded)." for the message line. */
void fold_count_text(const struct tui *t, struct strbuf *sb, bool sentence);
/* The sentence on the message line; with a prefix (a saved search's
 * name, may be NULL) "PREFIX: N of M articles (K folded)." so_far: the
 * list holds only the articles loaded so far (load_partial), and the
 * sentence says so: "N of the M articles loaded so far match." */
void fold_say_count(struct tui *t, const char *prefix, bool so_far);
/* N above: the articles the list holds, folded or not. */
size_t fold_matched(const struct tui *t);

#endif
