/* SPDX-License-Identifier: MIT
 * Style ids (what panes put in cells) -> colours and attributes (what the
 * terminal shows), from the config's colors section. Kept apart from term.c
 * so that parsing colour names is testable without a terminal. */
#ifndef DOSSIER_TUI_THEME_H
#define DOSSIER_TUI_THEME_H

#include <stdbool.h>

#include "config/config.h"
#include "core/base/diag.h"

/* One row per style: id, config name, the attributes it always has where
 * colour is not shown (NO_COLOR, vt100), so that what colour sets apart
 * stays apart, and what it is for (dossier-config(5) lists these). New
 * styles go at the end: screen dumps show styles by number. */
#define STYLE_INFO(_) \
	_(NORMAL, "normal", 0, "Text") \
	_(TITLE, "title", COLOR_ATTR_BOLD, "The article title") \
	_(HEADER_KEY, "header-key", COLOR_ATTR_BOLD, "Header names and column heads") \
	_(TAG, "tag", COLOR_ATTR_BOLD, "Tags") \
	_(SELECTED, "selected", COLOR_ATTR_REVERSE, "The selected row") \
	_(FOCUS, "focus", COLOR_ATTR_BOLD, "The focused pane's title, the cursor") \
	_(UNREAD, "unread", COLOR_ATTR_BOLD, "Unread articles") \
	_(MARK, "mark", COLOR_ATTR_UNDERLINE, "Marked passages") \
	_(SELECTION, "selection", COLOR_ATTR_REVERSE | COLOR_ATTR_UNDERLINE, "The selection being made") \
	_(SEARCH, "search", COLOR_ATTR_REVERSE, "Search hits") \
	_(CONTROL, "control", COLOR_ATTR_REVERSE, "Placeholders for controls and invisible characters") \
	_(STATUS, "status", COLOR_ATTR_REVERSE, "The status bar") \
	_(MESSAGE, "message", 0, "Messages") \
	_(ERROR, "error", COLOR_ATTR_REVERSE, "Errors") \
	_(DIM, "dim", COLOR_ATTR_DIM, "Secondary text") \
	_(SEARCH_CURRENT, "search-current", COLOR_ATTR_REVERSE | COLOR_ATTR_BOLD, "The current search hit (n, N)") \
	_(HEADING, "heading", COLOR_ATTR_BOLD | COLOR_ATTR_UNDERLINE, "Headings in the article") \
	_(EMPH, "emph", COLOR_ATTR_ITALIC, "Emphasis (*text*, <em>)") \
	_(STRONG, "strong", COLOR_ATTR_BOLD, "Strong text (**text**, <strong>), table heads") \
	_(CODE, "code", 0, "Inline code and code blocks") \
	_(LINK, "link", COLOR_ATTR_UNDERLINE, "Link text in the article") \
	_(STRIKE, "strike", COLOR_ATTR_DIM, "Struck-out text (~~text~~, <del>)")

enum style {
#define STYLE_ENUM(id, name, mono, help) STYLE_##id,
	STYLE_INFO(STYLE_ENUM)
#undef STYLE_ENUM
	STYLE_COUNT
};

/* fg/bg: -1 = terminal default, 0..255 = colour number. attrs: COLOR_ATTR_*,
 * with colour; mono: what is shown instead where colour is not (the style's
 * attrs plus its STYLE_INFO attributes). */
struct style_def {
	int fg, bg;
	unsigned attrs, mono;
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
const char *theme_style_name(int style);
const char *theme_style_help(int style);
int theme_color_parse(const char *name); /* -1 default, 0..255, or -2 bad */

#endif
