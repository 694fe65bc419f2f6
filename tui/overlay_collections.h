/* SPDX-License-Identifier: MIT
 * The collections overlay (C): the named collections of the config and the
 * folder the reader was started on, the current one marked; Enter switches
 * to another (tui_load_switch). */
#ifndef DOSSIER_TUI_OVERLAY_COLLECTIONS_H
#define DOSSIER_TUI_OVERLAY_COLLECTIONS_H

struct tui;
struct collections;

/* Push the collections overlay (a message instead when the config names
 * none); returns reactions. */
unsigned overlay_collections_open(struct tui *t);
/* The name under which cs lists folder corpus (same folder after
 * resolving links), or NULL. Borrowed from cs. */
const char *overlay_collections_name_of(const struct collections *cs, const char *corpus);

#endif
