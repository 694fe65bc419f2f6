/* SPDX-License-Identifier: MIT
 * Entry point: global options, the config, then either a subcommand (the
 * CLI in core/) or the interactive reader (tui/). */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "core/cli.h"
#include "core/metacache.h"
#include "core/utf8.h"
#include "core/vocab.h"
#include "core/util.h"
#include "tui/tui.h"

static const char usage[] =
	"usage: dossier [--corpus DIR|NAME | -C NAME] [--config FILE] [--state FILE]   the reader\n"
	"       dossier [--corpus DIR] list [--json] [QUERY]         TSV: id, date, source, title, tags\n"
	"       dossier [--corpus DIR] show [--raw] ID               header and rendered text; --raw: as stored\n"
	"       dossier [--corpus DIR] links [--json] ID             TSV: number, URL, link text\n"
	"       dossier [--corpus DIR] related [-n N] [--json] ID    TSV: score, id, shared tags\n"
	"       dossier [--corpus DIR] tags [--json]                 TSV: count, tag\n"
	"       dossier [--corpus DIR] check                         problems as FILE:LINE:COL\n"
	"       dossier [--corpus DIR] marks [--json] [QUERY]        marked passages\n"
	"       dossier [--corpus DIR] mark ID START END             mark body code points START..END\n"
	"       dossier [--corpus DIR] export [-f FORMAT] [-o FILE] [--force] [QUERY]\n"
	"       dossier import [--into DIR] [--source NAME] [-v | --verbose] FILE...\n"
	"       dossier collections                                  TSV: name, folder, articles\n"
	"       dossier -h | --help | --version\n";

int main(int argc, char **argv)
{
	struct cli_ctx cx = {.out = stdout, .err = stderr};
	setlocale(LC_ALL, "");
	/* in a non-UTF-8 locale nothing but ASCII may reach the terminal */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) cx.display_flags = UTF8_ASCII;
	/* hidden, for the screen tests: --headless COLSxROWS --script FILE */
	const char *headless = NULL, *script = NULL, *name = NULL;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("dossier %s\n", DOSSIER_VERSION);
			return EXIT_OK;
		} else if (strcmp(a, "--no-cache") == 0) {
			cx.no_cache = true; /* hidden: read every file, touch no cache */
			continue;
		} else if (strcmp(a, "--corpus") == 0) {
			slot = &cx.corpus;
		} else if (strcmp(a, "-C") == 0) {
			slot = &name; /* always a collection name */
		} else if (strcmp(a, "--config") == 0) {
			slot = &cx.config_path;
		} else if (strcmp(a, "--state") == 0) {
			slot = &cx.state_path;
		} else if (strcmp(a, "--headless") == 0) {
			slot = &headless;
		} else if (strcmp(a, "--script") == 0) {
			slot = &script;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "dossier: unknown option '%s' (try dossier --help)\n", a);
			return EXIT_USAGE;
		} else {
			break;
		}
		if (++i >= argc) {
			fprintf(stderr, "dossier: %s needs a value\n", a);
			return EXIT_USAGE;
		}
		*slot = argv[i];
	}

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
	cx.fieldmap = &settings.fieldmap;

	/* the topic vocabulary derives tags at load time; import also uses it */
	struct vocab *vocab = vocab_open(config_default_topics, "(built-in topics.yaml)",
					 settings.topics, &diags);
	cli_print_diags(&cx, &diags); /* prints and empties */
	cx.vocab = vocab;
	cx.vocab_hash = metacache_vocab_hash(config_default_topics, settings.topics);
	cx.boilerplate_yaml = config_default_boilerplate;
	cx.boilerplate_path = settings.boilerplate;

	int rc;
	if (i < argc) {
		rc = cli_run(&cx, argc - i, argv + i);
	} else {
		struct tui_options to = {.corpus = cx.corpus, .settings = &settings,
					 .vocab = cx.vocab, .out = stdout, .script = script,
					 .state_path = cx.state_path, .vocab_hash = cx.vocab_hash,
					 .no_cache = cx.no_cache || (getenv("DOSSIER_NO_CACHE") &&
								     strcmp(getenv("DOSSIER_NO_CACHE"), "1") == 0)};
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
