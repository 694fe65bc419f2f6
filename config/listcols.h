/* SPDX-License-Identifier: MIT
 * The article list's columns as the config names them (list.columns):
 * one table gives each kind its name, the width it takes when none is
 * set, and its line in dossier-config(5); a front-matter key is shown with
 * meta.KEY. Nothing here draws: tui/pane_list.c does. */
#ifndef DOSSIER_CONFIG_LISTCOLS_H
#define DOSSIER_CONFIG_LISTCOLS_H

/* ID, name, auto width (0: the title, the rest of the row; <0: 1/-w of
 * the pane, at most 12), what it shows */
#define LIST_COLUMN_INFO(_) \
	_(READ, "read", 1, "the open article (▶) and unread ones (•)") \
	_(DATE, "date", 10, "the date, YYYY-MM-DD") \
	_(SOURCE, "source", -6, "the source") \
	_(TITLE, "title", 0, "the title: whatever the other columns leave") \
	_(AUTHORS, "authors", -6, "the authors, comma-separated") \
	_(TAGS, "tags", -5, "the article's own tags") \
	_(URL, "url", -4, "the URL") \
	_(LANG, "lang", 5, "the language") \
	_(MARKS, "marks", 0, "how many passages are marked, at the right edge") \
	_(META, "meta.KEY", -6, "any other front-matter key")

enum list_column {
#define LIST_COLUMN_ENUM(id, name, width, help) LIST_COL_##id,
	LIST_COLUMN_INFO(LIST_COLUMN_ENUM)
#undef LIST_COLUMN_ENUM
	LIST_COL_COUNT,
	LIST_COL_NONE = -1
};

/* The kind a column name stands for ("meta.KEY" is LIST_COL_META), or
 * LIST_COL_NONE. */
enum list_column listcols_kind(const char *name);
const char *listcols_name(enum list_column k);
/* The width of k when the config sets none, in a pane cols wide. */
int listcols_auto_width(enum list_column k, int cols);
/* The default column list: "read date source title marks". */
extern const char *const listcols_default[];

#endif
