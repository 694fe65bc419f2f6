/* SPDX-License-Identifier: MIT
 * Colour-name parsing and the style table; see theme.h. */
#include "tui/theme.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *help;
	unsigned mono;
} styles[] = {
#define STYLE_ROW(id, name, mono, help) {name, help, mono},
	STYLE_INFO(STYLE_ROW)
#undef STYLE_ROW
};

static const char *const color_names[] = {"black", "red", "green", "yellow",
					   "blue", "magenta", "cyan", "white"};

int theme_style_find(const char *name)
{
	for (int i = 0; i < STYLE_COUNT; i++)
		if (strcmp(styles[i].name, name) == 0) return i;
	return -1;
}

const char *theme_style_name(int style)
{
	return style >= 0 && style < STYLE_COUNT ? styles[style].name : "";
}

const char *theme_style_help(int style)
{
	return style >= 0 && style < STYLE_COUNT ? styles[style].help : "";
}

int theme_color_parse(const char *name)
{
	if (!name || !*name || strcmp(name, "default") == 0) return -1;
	for (int i = 0; i < 8; i++)
		if (strcmp(color_names[i], name) == 0) return i;
	if (strncmp(name, "bright-", 7) == 0) {
		int c = theme_color_parse(name + 7);
		return c >= 0 && c < 8 ? c + 8 : -2;
	}
	char *end;
	long n = strtol(name, &end, 10);
	if (*end || end == name || n < 0 || n > 255) return -2;
	return (int)n;
}

void theme_init(struct theme *t, const struct settings *s, bool no_color,
		struct diag_list *diags)
{
	for (int i = 0; i < STYLE_COUNT; i++) t->s[i] = (struct style_def){-1, -1, 0, 0};
	/* attributes that keep the reader usable when the config says nothing */
	t->s[STYLE_SELECTED].attrs = COLOR_ATTR_REVERSE;
	t->s[STYLE_STATUS].attrs = COLOR_ATTR_REVERSE;
	t->s[STYLE_FOCUS].attrs = COLOR_ATTR_BOLD;
	t->s[STYLE_UNREAD].attrs = COLOR_ATTR_BOLD;
	t->s[STYLE_TITLE].attrs = COLOR_ATTR_BOLD;
	t->s[STYLE_CONTROL].attrs = COLOR_ATTR_REVERSE;
	t->s[STYLE_SEARCH].attrs = COLOR_ATTR_REVERSE;
	t->s[STYLE_SEARCH_CURRENT].attrs = COLOR_ATTR_REVERSE | COLOR_ATTR_BOLD;
	t->color = !no_color;
	for (size_t i = 0; s && i < s->ncolors; i++) {
		const struct color_spec *c = &s->colors[i];
		int id = theme_style_find(c->style);
		if (id < 0) {
			diag_add(diags, DIAG_WARNING, c->path, c->line, c->col,
				 "unknown style '%s' in colors", c->style);
			continue;
		}
		int fg = theme_color_parse(c->fg), bg = theme_color_parse(c->bg);
		if (fg == -2 || bg == -2) {
			diag_add(diags, DIAG_WARNING, c->path, c->line, c->col,
				 "unknown colour '%s' for style '%s' (black..white, bright-NAME, 0-255)",
				 fg == -2 ? c->fg : c->bg, c->style);
			continue;
		}
		t->s[id].fg = no_color ? -1 : fg;
		t->s[id].bg = no_color ? -1 : bg;
		t->s[id].attrs = c->attrs;
	}
	/* Without colour a mark, a hit, the current hit and a placeholder must
	 * still differ from text and from each other (issue 19: marks had no
	 * attribute at all under NO_COLOR). */
	for (int i = 0; i < STYLE_COUNT; i++) {
		t->s[i].mono = t->s[i].attrs | styles[i].mono;
		if (!t->color || (t->s[i].fg < 0 && t->s[i].bg < 0)) t->s[i].attrs = t->s[i].mono;
	}
}
