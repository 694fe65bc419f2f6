/* SPDX-License-Identifier: MIT
 * The list column table (config/listcols.h) and its lookups, shared by the
 * config reader (which rejects an unknown name with its position) and the
 * list pane (which draws each kind). */
#include "config/listcols.h"

#include <string.h>

static const struct {
	const char *name;
	int width;
} cols[] = {
#define LIST_COLUMN_ROW(id, name, width, help) {name, width},
	LIST_COLUMN_INFO(LIST_COLUMN_ROW)
#undef LIST_COLUMN_ROW
};

const char *const listcols_default[] = {"read", "date", "source", "title", "marks", NULL};

enum list_column listcols_kind(const char *name)
{
	if (strncmp(name, "meta.", 5) == 0) return name[5] ? LIST_COL_META : LIST_COL_NONE;
	for (int i = 0; i < LIST_COL_COUNT; i++)
		if (i != LIST_COL_META && strcmp(name, cols[i].name) == 0) return (enum list_column)i;
	return LIST_COL_NONE;
}

const char *listcols_name(enum list_column k)
{
	return k >= 0 && k < LIST_COL_COUNT ? cols[k].name : "?";
}

int listcols_auto_width(enum list_column k, int cols_)
{
	if (k < 0 || k >= LIST_COL_COUNT) return 0;
	int w = cols[k].width;
	if (w >= 0) return w;
	w = cols_ / -w;
	return w < 12 ? w : 12;
}
