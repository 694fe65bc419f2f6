/* SPDX-License-Identifier: MIT
 * Lookups over the ACTION_INFO table (see actions.h). */
#include "tui/actions.h"

#include <string.h>

static const struct {
	const char *name, *help;
} info[] = {
#define ACTION_ROW(id, name, help) {name, help},
	ACTION_INFO(ACTION_ROW)
#undef ACTION_ROW
};

const char *action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? info[a].name : "?";
}

const char *action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT ? info[a].help : "";
}

int action_find(const char *name)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (strcmp(info[i].name, name) == 0) return i;
	return -1;
}
