/* SPDX-License-Identifier: MIT
 * The article list (t->order) built from the sorted articles and the
 * filter's per-article match. */
#ifndef DOSSIER_TUI_LISTORDER_H
#define DOSSIER_TUI_LISTORDER_H

#include <stdbool.h>
#include <stddef.h>

struct tui;

/* The list (t->order, t->norder): t->sorted minus what match[] (per
 * article; NULL: keep all) drops. A narrow filter costs its matches, not
 * the collection: a table scan eight entries at a time, then an order by
 * t->rank (sort_apply makes it). Returns t->norder; bumps t->list_gen. */
size_t listorder_build(struct tui *t, const bool *match);

#endif
