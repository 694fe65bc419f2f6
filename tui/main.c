/* SPDX-License-Identifier: MIT
 * Entry point: global options, the config, then either a subcommand (the
 * CLI in core/) or the interactive reader (tui/). */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "core/cli/cli.h"
#include "core/meta/metacache.h"
#include "core/collection/topics.h"
#include "core/text/utf8.h"
#include "core/collection/vocab.h"
#include "core/base/util.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
	struct cli_ctx cx = {.out = stdout, .err = stderr};
	setlocale(LC_ALL, "");
	/* In a non-UTF-8 locale a terminal shows nothing but ASCII; a pipe or a
	 * file gets the bytes as they are (controls are escaped either way). */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		if (isatty(STDOUT_FILENO)) cx.display_flags = UTF8_ASCII;
		else cx.raw_text = true;
	}
	/* the options before the subcommand, from the table in core/cli/cli_options.c */
	struct cli_args ga;
	if (cli_args_parse(&ga, NULL, argc, argv, stderr) != 0) return EXIT_USAGE;
	if (cli_flag(&ga, "help")) {
		cli_help_print(stdout);
		return EXIT_OK;
	}
	if (cli_flag(&ga, "version")) {
		printf("dossier %s\n", DOSSIER_VERSION);
		return EXIT_OK;
	}
	cx.corpus = cli_arg(&ga, "corpus");
	cx.config_path = cli_arg(&ga, "config");
	cx.state_path = cli_arg(&ga, "state");
	cx.no_cache = cli_flag(&ga, "no-cache"); /* hidden: read every file, touch no cache */
	/* hidden, for the screen tests: --headless COLSxROWS --script FILE */
	const char *headless = cli_arg(&ga, "headless"), *script = cli_arg(&ga, "script");
	const char *name = cli_arg(&ga, "collection"); /* -C NAME: always a collection name */

	struct settings settings = {0};
	struct diag_list diags = DIAG_LIST_INIT;
	int crc = config_load(&settings, cx.config_path, &diags);
	cli_print_diags(&cx, &diags); /* prints and empties */
	if (crc < 0 && cx.config_path) {
		config_free(&settings);
		return EXIT_PROBLEM;
	}
	/* -C NAME is a name; --corpus and collection: a folder when one
	 * exists there, else a name from collections: */
	if (name && cx.corpus) {
		fprintf(stderr, "dossier: -C and --corpus both choose the collection; give one\n");
		config_free(&settings);
		return EXIT_USAGE;
	}
	if (name && !(cx.corpus = collections_find(&settings.collections, name))) {
		fprintf(stderr, "dossier: no collection named '%s' in the config "
			"(dossier collections lists them)\n", name);
		config_free(&settings);
		return EXIT_USAGE;
	}
	if (!cx.corpus) cx.corpus = settings.collection ? settings.collection : ".";
	if (!name) cx.corpus = collections_resolve(&settings.collections, cx.corpus);
	cx.collections = &settings.collections;
	cx.searches = &settings.searches;
	cx.fieldmap = &settings.fieldmap;

	/* the topic vocabulary derives tags at load time (import uses it too):
	 * only one the collection chose, else none */
	static const struct vocab_shipped topics_lib[] = {
		{"ukraine-defence", config_topics_ukraine_defence},
	};
	const struct topics_choice tc = {.flag = cli_arg(&ga, "topics"),
					 .config_map = &settings.topics_for,
					 .named = &settings.collections, .config_all = settings.topics,
					 .corpus = cx.corpus, .lib = topics_lib,
					 .nlib = ARRAY_LEN(topics_lib)};
	bool vocab_failed;
	struct vocab *vocab = topics_choose(&tc, &diags, &cx.vocab_from, &vocab_failed);
	cli_print_diags(&cx, &diags); /* prints and empties */
	if (vocab_failed && tc.flag) {
		config_free(&settings);
		return EXIT_PROBLEM;
	}
	cx.vocab = vocab;
	cx.vocab_hash = vocab ? vocab_hash(vocab) : 0;
	cx.topics_lib = topics_lib;
	cx.ntopics_lib = ARRAY_LEN(topics_lib);
	cx.boilerplate_yaml = config_default_boilerplate;
	cx.boilerplate_path = settings.boilerplate;
	cx.check_every = settings.check_every;
	/* the environment wins over the config, as DOSSIER_NO_CACHE does */
	size_t ce = util_env_size("DOSSIER_CHECK_EVERY", SIZE_MAX);
	if (ce <= 86400) cx.check_every = (int)ce;

	int rc;
	if (ga.argc > 0) {
		cx.exiting = true;
		rc = cli_run(&cx, ga.argc, ga.argv);
		config_free(&settings);
		vocab_free(vocab);
		/* not a return: cx, holding the collection cli_run left
		 * unfreed, stays on this frame, where valgrind and LeakSanitizer
		 * find it reachable at the exit */
		exit(rc);
	} else {
		struct tui_options to = {.corpus = cx.corpus, .settings = &settings,
					 .vocab = cx.vocab, .out = stdout, .script = script,
					 .state_path = cx.state_path, .vocab_hash = cx.vocab_hash,
					 .no_cache = cx.no_cache || util_env_is("DOSSIER_NO_CACHE", "1"),
					 .no_sign = util_env_is("DOSSIER_TEST_NO_SIGN", "1")};
		if (headless || script) {
			char x = 0, end = 0;
			if (!headless) headless = "80x24";
			if (sscanf(headless, "%d%c%d%c", &to.headless_cols, &x, &to.headless_rows,
				   &end) != 3 || x != 'x' || to.headless_cols < 1 ||
			    to.headless_rows < 1 || to.headless_cols > 1000 || to.headless_rows > 1000) {
				fprintf(stderr, "dossier: --headless wants COLSxROWS, e.g. 80x24\n");
				config_free(&settings);
				vocab_free(vocab);
				return EXIT_USAGE;
			}
		}
		rc = tui_main(&to);
	}
	config_free(&settings);
	vocab_free(vocab);
	return rc;
}
