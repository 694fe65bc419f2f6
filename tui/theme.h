/* SPDX-License-Identifier: MIT
 * Style ids (what panes put in cells) -> colours and attributes (what the
 * terminal shows), from the config's colors section. Kept apart from term.c
 * so that parsing colour names is testable without a terminal. */
#ifndef DOSSIER_TUI_THEME_H
#define DOSSIER_TUI_THEME_H

#include <stdbool.h>

#include "config/config.h"
#include "core/diag.h"

#define STYLE_INFO(_) \
	_(NORMAL, "normal") _(TITLE, "title") _(HEADER_KEY, "header-key") _(TAG, "tag") \
	_(SELECTED, "selected") _(FOCUS, "focus") _(UNREAD, "unread") _(MARK, "mark") \
	_(SELECTION, "selection") _(SEARCH, "search") _(CONTROL, "control") \
	_(STATUS, "status") _(MESSAGE, "message") _(ERROR, "error") _(DIM, "dim")

enum style {
#define STYLE_ENUM(id, name) STYLE_##id,
	STYLE_INFO(STYLE_ENUM)
#undef STYLE_ENUM
	STYLE_COUNT
};

/* fg/bg: -1 = terminal default, 0..255 = colour number. attrs: COLOR_ATTR_*. */
struct style_def {
	int fg, bg;
	unsigned attrs;
};

struct theme {
	struct style_def s[STYLE_COUNT];
	bool color; /* false under NO_COLOR: only attributes are used */
};

/* Apply settings->colors over plain defaults. no_color drops every colour
 * (attributes stay). Unknown styles or colour names are diags at the
 * spec's position. */
void theme_init(struct theme *t, const struct settings *s, bool no_color,
		struct diag_list *diags);
int theme_style_find(const char *name); /* enum style or -1 */
int theme_color_parse(const char *name); /* -1 default, 0..255, or -2 bad */

#endif
