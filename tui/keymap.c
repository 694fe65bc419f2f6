/* SPDX-License-Identifier: MIT
 * Key notation parser/formatter and the per-pane binding tables. */
#include "tui/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

static const struct {
	const char *name;
	int32_t code;
} names[] = {
	{"Up", K_UP}, {"Down", K_DOWN}, {"Left", K_LEFT}, {"Right", K_RIGHT},
	{"PageUp", K_PGUP}, {"PageDown", K_PGDN}, {"PgUp", K_PGUP}, {"PgDn", K_PGDN},
	{"Home", K_HOME}, {"End", K_END}, {"Enter", K_ENTER}, {"Return", K_ENTER},
	{"CR", K_ENTER}, {"Tab", K_TAB}, {"Backspace", K_BACKSPACE}, {"BS", K_BACKSPACE},
	{"Esc", K_ESC}, {"Escape", K_ESC}, {"Delete", K_DELETE}, {"Del", K_DELETE},
	{"Insert", K_INSERT}, {"Space", ' '}, {"lt", '<'}, {"gt", '>'},
};

static const char *const pane_names[] = {
#define KP_NAME(id, name) name,
	KEYMAP_PANES(KP_NAME)
#undef KP_NAME
};

bool key_equal(const struct key *a, const struct key *b)
{
	return a->code == b->code && a->mods == b->mods;
}

size_t keymap_parse(const char *s, struct key *k, const char **err)
{
	memset(k, 0, sizeof *k);
	*err = NULL;
	size_t n = strlen(s);
	if (n == 0) {
		*err = "empty key";
		return 0;
	}
	if (s[0] != '<' || n == 1 || !strchr(s, '>')) {
		int32_t cp;
		size_t used = utf8_decode(s, n, &cp);
		if (cp == UTF8_REPLACEMENT && !(used == 3 && memcmp(s, "\xef\xbf\xbd", 3) == 0)) {
			*err = "invalid UTF-8 in key";
			return 0;
		}
		if (cp < 0x20 || cp == 0x7f) {
			*err = "control character in key (write it as <C-x>)";
			return 0;
		}
		k->code = cp;
		return used;
	}
	const char *end = strchr(s, '>');
	const char *p = s + 1;
	/* modifiers: C- S- M- A- (any order) */
	while (end - p > 2 && p[1] == '-') {
		switch (p[0]) {
		case 'C': case 'c': k->mods |= MOD_CTRL; break;
		case 'S': case 's': k->mods |= MOD_SHIFT; break;
		case 'M': case 'm': case 'A': case 'a': k->mods |= MOD_ALT; break;
		default: *err = "unknown modifier (use C-, S- or M-)"; return 0;
		}
		p += 2;
	}
	size_t len = (size_t)(end - p);
	if (len == 0) {
		*err = "empty key name";
		return 0;
	}
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		if (strlen(names[i].name) == len && strncasecmp(names[i].name, p, len) == 0) {
			k->code = names[i].code;
			return (size_t)(end - s) + 1;
		}
	}
	if ((p[0] == 'F' || p[0] == 'f') && len >= 2 && len <= 3) {
		int f = 0;
		for (size_t i = 1; i < len; i++) {
			if (p[i] < '0' || p[i] > '9') { f = -1; break; }
			f = f * 10 + (p[i] - '0');
		}
		if (f >= 1 && f <= 12) {
			k->code = K_F1 + f - 1;
			return (size_t)(end - s) + 1;
		}
	}
	int32_t cp;
	size_t used = utf8_decode(p, len, &cp);
	if (used == len && cp > 0x20 && cp != 0x7f && k->mods) {
		if (k->mods & MOD_CTRL && cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
		if (k->mods & MOD_SHIFT && cp >= 'a' && cp <= 'z' && !(k->mods & MOD_CTRL)) {
			cp -= 'a' - 'A'; /* <S-a> is just A */
			k->mods &= ~(unsigned)MOD_SHIFT;
		}
		k->code = cp;
		return (size_t)(end - s) + 1;
	}
	*err = "unknown key name";
	return 0;
}

void keymap_format(const struct key *k, struct strbuf *out)
{
	const char *name = NULL;
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		if (names[i].code == k->code) {
			name = names[i].name;
			break;
		}
	}
	char fbuf[8];
	if (k->code >= K_F1 && k->code <= K_F12) {
		snprintf(fbuf, sizeof fbuf, "F%d", (int)(k->code - K_F1 + 1));
		name = fbuf;
	}
	bool bracket = k->mods || (name && k->code != '<' && k->code != '>') ||
		       k->code == '<' || k->code == ' ';
	if (k->code == ' ') name = "Space";
	if (k->code == '<') name = "lt";
	if (k->code == '>' && !k->mods) name = NULL;
	if (bracket) strbuf_addc(out, '<');
	if (k->mods & MOD_CTRL) strbuf_adds(out, "C-");
	if (k->mods & MOD_SHIFT) strbuf_adds(out, "S-");
	if (k->mods & MOD_ALT) strbuf_adds(out, "M-");
	if (name) {
		strbuf_adds(out, name);
	} else if (k->code > 0 && k->code < K_SPECIAL) {
		char b[4];
		strbuf_add(out, b, utf8_encode(k->code, b));
	} else {
		strbuf_adds(out, "?");
	}
	if (bracket) strbuf_addc(out, '>');
}

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
}

void keymap_free(struct keymap *km)
{
	for (int p = 0; p < KP_COUNT; p++) free(km->b[p]);
	memset(km, 0, sizeof *km);
}

int keymap_pane_find(const char *name)
{
	for (int p = 0; p < KP_COUNT; p++)
		if (strcmp(pane_names[p], name) == 0) return p;
	return -1;
}

const char *keymap_pane_name(enum keymap_pane p)
{
	return (unsigned)p < KP_COUNT ? pane_names[p] : "?";
}

void keymap_set(struct keymap *km, enum keymap_pane p, const struct key *k, enum action a)
{
	for (size_t i = 0; i < km->n[p]; i++) {
		if (key_equal(&km->b[p][i].key, k)) {
			km->b[p][i].action = a; /* ACT_NONE stays as an explicit unbind */
			return;
		}
	}
	ARRAY_RESERVE(km->b[p], km->cap[p], km->n[p] + 1);
	km->b[p][km->n[p]].key = *k;
	km->b[p][km->n[p]].action = a;
	km->n[p]++;
}

int keymap_bind(struct keymap *km, const char *pane, const char *key, const char *action,
		const char *path, int line, int col, struct diag_list *diags)
{
	int p = keymap_pane_find(pane);
	if (p < 0) {
		diag_add(diags, DIAG_ERROR, path, line, col,
			 "unknown pane '%s' in bind (global, list, text, related, tags, marks)", pane);
		return -1;
	}
	struct key k;
	const char *err;
	size_t used = keymap_parse(key, &k, &err);
	if (used == 0 || key[used] != '\0') {
		diag_add(diags, DIAG_ERROR, path, line, col, "bad key '%s': %s", key,
			 err ? err : "one key per binding");
		return -1;
	}
	int a = action_find(action);
	if (a < 0) {
		diag_add(diags, DIAG_ERROR, path, line, col, "unknown action '%s' for key '%s'",
			 action, key);
		return -1;
	}
	keymap_set(km, (enum keymap_pane)p, &k, (enum action)a);
	return 0;
}

static const struct binding *find(const struct keymap *km, enum keymap_pane p,
				  const struct key *k)
{
	for (size_t i = 0; i < km->n[p]; i++)
		if (key_equal(&km->b[p][i].key, k)) return &km->b[p][i];
	return NULL;
}

enum action keymap_lookup(const struct keymap *km, enum keymap_pane p, const struct key *k)
{
	const struct binding *b = p != KP_GLOBAL ? find(km, p, k) : NULL;
	if (b) return b->action;
	b = find(km, KP_GLOBAL, k);
	return b ? b->action : ACT_NONE;
}

int keymap_keys_for(const struct keymap *km, enum keymap_pane p, enum action a,
		    struct strbuf *out)
{
	int found = 0;
	for (int pass = 0; pass < 2; pass++) {
		enum keymap_pane t = pass == 0 ? p : KP_GLOBAL;
		if (pass == 1 && p == KP_GLOBAL) break;
		for (size_t i = 0; i < km->n[t]; i++) {
			const struct binding *b = &km->b[t][i];
			if (b->action != a) continue;
			if (pass == 1 && p != KP_GLOBAL && find(km, p, &b->key)) continue;
			if (found++) strbuf_addc(out, ' ');
			keymap_format(&b->key, out);
		}
	}
	return found;
}
