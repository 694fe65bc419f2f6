/* SPDX-License-Identifier: MIT
 * core/base/xdg: the base folders (relative XDG_* values ignored, HOME
 * fallbacks), the config file search through XDG_CONFIG_DIRS as
 * config_load uses it, and the one per-collection file-name rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "core/base/xdg.h"

static char tmp[] = "/tmp/dossier-xdg-XXXXXX";

static int setup(void **st)
{
	(void)st;
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static void clear_env(void)
{
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_CONFIG_DIRS");
	unsetenv("XDG_STATE_HOME");
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/home/u", 1);
}

static void assert_dir(enum xdg_base b, const char *want)
{
	char *d = xdg_dir(b);
	if (!want) assert_null(d);
	else assert_string_equal(d, want);
	free(d);
}

static void test_base_dirs(void **st)
{
	(void)st;
	clear_env();
	assert_dir(XDG_BASE_CONFIG, "/home/u/.config/dossier");
	assert_dir(XDG_BASE_STATE, "/home/u/.local/state/dossier");
	assert_dir(XDG_BASE_CACHE, "/home/u/.cache/dossier");
	setenv("XDG_CONFIG_HOME", "/x/config", 1);
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	assert_dir(XDG_BASE_CONFIG, "/x/config/dossier");
	assert_dir(XDG_BASE_STATE, "/x/state/dossier");
	assert_dir(XDG_BASE_CACHE, "/x/cache/dossier");
	/* relative values are ignored, as the spec says: every base alike */
	setenv("XDG_CONFIG_HOME", "rel/config", 1);
	setenv("XDG_STATE_HOME", "rel/state", 1);
	setenv("XDG_CACHE_HOME", "./cache", 1);
	assert_dir(XDG_BASE_CONFIG, "/home/u/.config/dossier");
	assert_dir(XDG_BASE_STATE, "/home/u/.local/state/dossier");
	assert_dir(XDG_BASE_CACHE, "/home/u/.cache/dossier");
	setenv("XDG_CONFIG_HOME", "", 1);
	assert_dir(XDG_BASE_CONFIG, "/home/u/.config/dossier");
	/* no usable HOME either: no folder */
	setenv("HOME", "relative-home", 1);
	assert_dir(XDG_BASE_CONFIG, NULL);
	unsetenv("HOME");
	assert_dir(XDG_BASE_STATE, NULL);
	assert_dir(XDG_BASE_CACHE, NULL);
}

static char *put(const char *dir, const char *text)
{
	char cmd[1024], *path = malloc(600);
	snprintf(path, 600, "%s/dossier/config.yaml", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/dossier' && printf '%s' >'%s'", dir, text, path);
	assert_int_equal(system(cmd), 0);
	return path;
}

static int list_width_loaded(void)
{
	struct settings s;
	struct diag_list dl = DIAG_LIST_INIT;
	config_load(&s, NULL, &dl);
	assert_int_equal(dl.n, 0);
	int w = s.list_width;
	config_free(&s);
	diag_list_free(&dl);
	return w;
}

static void test_config_search(void **st)
{
	(void)st;
	clear_env();
	char home[300], sys1[300], sys2[300], empty[300], dirs[1200];
	snprintf(home, sizeof home, "%s/home/.config", tmp);
	snprintf(sys1, sizeof sys1, "%s/etc1", tmp);
	snprintf(sys2, sizeof sys2, "%s/etc2", tmp);
	snprintf(empty, sizeof empty, "%s/empty", tmp);
	char *p2 = put(sys2, "layout:\n  list-width: 42\n");
	/* relative and missing entries are passed over; the first with the file wins */
	snprintf(dirs, sizeof dirs, "relative/etc:%s::%s:%s", empty, sys2, sys1);
	setenv("XDG_CONFIG_DIRS", dirs, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	char *f = xdg_config_file("config.yaml");
	assert_string_equal(f, p2);
	free(f);
	assert_int_equal(list_width_loaded(), 42);
	char *p1 = put(sys1, "layout:\n  list-width: 41\n");
	f = xdg_config_file("config.yaml");
	assert_string_equal(f, p2);
	free(f);
	/* the user's own file comes first */
	char *ph = put(home, "layout:\n  list-width: 43\n");
	f = xdg_config_file("config.yaml");
	assert_string_equal(f, ph);
	free(f);
	assert_int_equal(list_width_loaded(), 43);
	/* a relative XDG_CONFIG_HOME is ignored: $HOME/.config, then the dirs */
	setenv("XDG_CONFIG_HOME", "home/.config", 1);
	char h[300];
	snprintf(h, sizeof h, "%s/home", tmp);
	setenv("HOME", h, 1);
	f = xdg_config_file("config.yaml");
	assert_string_equal(f, ph);
	free(f);
	setenv("HOME", "/nonexistent-home", 1);
	assert_int_equal(list_width_loaded(), 42);
	/* nothing anywhere: the user's own path, for messages */
	snprintf(dirs, sizeof dirs, "%s", empty);
	setenv("XDG_CONFIG_DIRS", dirs, 1);
	f = xdg_config_file("config.yaml");
	assert_string_equal(f, "/nonexistent-home/.config/dossier/config.yaml");
	free(f);
	assert_int_equal(list_width_loaded(), 30); /* the built-in default */
	/* no HOME: only the system folders */
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	assert_null(xdg_config_file("config.yaml"));
	snprintf(dirs, sizeof dirs, "%s", sys1);
	setenv("XDG_CONFIG_DIRS", dirs, 1);
	f = xdg_config_file("config.yaml");
	assert_string_equal(f, p1);
	free(f);
	free(p1);
	free(p2);
	free(ph);
}

static void test_collection_file(void **st)
{
	(void)st;
	clear_env();
	setenv("XDG_CACHE_HOME", "/tmp/xdg-test", 1);
	char *a = xdg_collection_file(XDG_BASE_CACHE, "/srv/news/My Coll", ".meta");
	char *b = xdg_collection_file(XDG_BASE_CACHE, "/srv/news/My Coll/", ".meta");
	char *c = xdg_collection_file(XDG_BASE_CACHE, "/srv/other/My Coll", ".meta");
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	/* the name older versions wrote: existing caches stay valid */
	assert_string_equal(a, "/tmp/xdg-test/dossier/My_Coll-" "871ccd865aba4728" ".meta");
	setenv("XDG_CACHE_HOME", "relative", 1); /* ignored: relative */
	char *d = xdg_collection_file(XDG_BASE_CACHE, "/x", ".fts");
	assert_string_equal(d, "/home/u/.cache/dossier/x-" "935546aa2b414ddf" ".fts");
	setenv("XDG_STATE_HOME", "/st", 1);
	char *e = xdg_collection_file(XDG_BASE_STATE, "/", ".yaml");
	assert_int_equal(strncmp(e, "/st/dossier/root-", 17), 0);
	/* the same rule for every base: only the folder and suffix differ */
	char *f = xdg_collection_file(XDG_BASE_STATE, "/srv/news/My Coll", ".yaml");
	assert_string_equal(strrchr(f, '/'), "/My_Coll-871ccd865aba4728.yaml");
	char long_name[80];
	snprintf(long_name, sizeof long_name, "/srv/%s", "a-very-long-folder-name-of-forty-two-bytes!!");
	char *g = xdg_collection_file(XDG_BASE_STATE, long_name, ".yaml");
	assert_int_equal(strlen(strrchr(g, '/') + 1), 32 + 1 + 16 + 5);
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	assert_null(xdg_collection_file(XDG_BASE_STATE, "/srv", ".yaml"));
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
	free(f);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_dirs),
		cmocka_unit_test(test_config_search),
		cmocka_unit_test(test_collection_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
