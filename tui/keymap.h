/* SPDX-License-Identifier: MIT
 * Keys as data and the one parser of key notation ("j", "<C-f>", "<Down>",
 * "<S-Tab>", UTF-8 characters): used by the default bindings, the config's
 * bind section and the headless test scripts alike. Per-pane binding tables
 * map a key to an action; "global" is searched after the pane's own. */
#ifndef DOSSIER_TUI_KEYMAP_H
#define DOSSIER_TUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/diag.h"
#include "core/base/strbuf.h"
#include "tui/actions.h"

/* Special keys live above the Unicode range. */
enum key_code {
	KEY_NONE = 0,
	K_SPECIAL = 0x110000,
	K_UP, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_ENTER, K_TAB, K_BACKSPACE, K_ESC, K_DELETE, K_INSERT,
	K_F1, K_F12 = K_F1 + 11,
	K_MOUSE,  /* x, y, button filled */
	K_RESIZE, /* the terminal changed size */
};

enum { MOD_CTRL = 1, MOD_SHIFT = 2, MOD_ALT = 4 };
/* MOUSE_CLICK is button 1 going down; MOUSE_DRAG a motion while it is
 * held; MOUSE_RELEASE it going up */
enum mouse_button { MOUSE_CLICK = 1, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN, MOUSE_DRAG, MOUSE_RELEASE };

struct key {
	int32_t code;    /* Unicode code point or enum key_code */
	unsigned mods;   /* MOD_*; letters with Shift are just uppercase */
	int x, y;        /* K_MOUSE: screen column and row */
	int button;      /* K_MOUSE: enum mouse_button */
};

/* Parse one key at s (NUL-terminated). Returns bytes consumed, or 0 with
 * *err set to a static message. "<lt>" is a literal '<'. */
size_t keymap_parse(const char *s, struct key *k, const char **err);
/* Append the notation of k ("<C-f>", "j", "<Down>"). */
void keymap_format(const struct key *k, struct strbuf *out);
bool key_equal(const struct key *a, const struct key *b);

/* Binding tables, one per pane name. */
#define KEYMAP_PANES(_) _(GLOBAL, "global") _(LIST, "list") _(TEXT, "text") \
	_(RELATED, "related") _(TAGS, "tags") _(MARKS, "marks") _(HELP, "help") \
	_(SEARCHES, "searches") _(FILTER, "filter") _(NOTE, "note") \
	_(PIPE, "pipe")
enum keymap_pane {
#define KP_ENUM(id, name) KP_##id,
	KEYMAP_PANES(KP_ENUM)
#undef KP_ENUM
	KP_COUNT
};

struct binding {
	struct key key;
	enum action action;
};

/* Owns its tables. */
struct keymap {
	struct binding *b[KP_COUNT];
	size_t n[KP_COUNT], cap[KP_COUNT];
};

void keymap_init(struct keymap *km);
void keymap_free(struct keymap *km);
int keymap_pane_find(const char *name); /* enum keymap_pane or -1 */
const char *keymap_pane_name(enum keymap_pane p);
/* Bind (replacing an earlier binding of the same key); ACT_NONE unbinds. */
void keymap_set(struct keymap *km, enum keymap_pane p, const struct key *k, enum action a);
/* Bind from text, as config bind specs are written. Problems are diags at
 * path:line:col (col moved to the offending part where it helps). Returns
 * 0 or -1. */
int keymap_bind(struct keymap *km, const char *pane, const char *key, const char *action,
		const char *path, int line, int col, struct diag_list *diags);
/* The pane's own binding, else the global one, else ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, enum keymap_pane p, const struct key *k);
/* Append every key bound to a in pane p (own table, then global entries not
 * shadowed), separated by spaces. Returns the number found. */
int keymap_keys_for(const struct keymap *km, enum keymap_pane p, enum action a,
		    struct strbuf *out);

#endif
