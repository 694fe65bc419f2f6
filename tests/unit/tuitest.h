/* SPDX-License-Identifier: MIT
 * Shared by the unit tests that drive the reader without a terminal: a
 * headless 100x24 reader on a folder, loaded at once, and keys typed into
 * it in the keymap's notation ("ftag:war<Enter>"). Include after
 * <cmocka.h>. */
#ifndef DOSSIER_TESTS_TUITEST_H
#define DOSSIER_TESTS_TUITEST_H

#include <stdbool.h>
#include <stdlib.h>

#include "core/base/diag.h"
#include "core/base/util.h"
#include "tui/keymap.h"
#include "tui/load.h"
#include "tui/tui.h"

/* A loaded reader on corpus (state_path NULL: the default place; no_cache:
 * every file read); settings borrowed. Free with tuitest_close. */
static inline struct tui *tuitest_open(const struct settings *settings, const char *corpus,
				       const char *state_path, bool no_cache)
{
	struct tui_options o = {0};
	o.corpus = corpus;
	o.state_path = state_path;
	o.settings = settings;
	o.no_cache = no_cache;
	struct tui *t = xcalloc(1, sizeof *t);
	struct diag_list dl = DIAG_LIST_INIT;
	tui_init(t, &o, 0, &dl);
	diag_list_free(&dl);
	t->headless = true;
	tui_relayout(t, 24, 100);
	tui_load(t, NULL, NULL);
	return t;
}

static inline void tuitest_close(struct tui *t)
{
	tui_free(t);
	free(t);
}

static inline void tuitest_keys(struct tui *t, const char *s)
{
	while (*s) {
		struct key k;
		const char *err;
		size_t n = keymap_parse(s, &k, &err);
		assert_true(n > 0);
		tui_handle_key(t, &k);
		s += n;
	}
}

#endif
