/* SPDX-License-Identifier: MIT
 * The option table and its getopt_long parser: every option of every
 * command in each GNU form, the bugs the hand-written parsers had, the
 * error messages, and the help generated from the table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli/cli.h"
#include "core/cli/cli_options.h"
#include "core/base/strbuf.h"

/* Parse a NULL-terminated list of words (copied: getopt may permute);
 * err text into *msg (caller frees) when msg is given. */
struct parsed {
	char *words[16];
	struct cli_args a;
	int rc;
	char *msg;
};

static void parse_words(struct parsed *p, const char *cmd, const char *const *words)
{
	int n = 0;
	memset(p, 0, sizeof *p);
	for (; words[n]; n++) p->words[n] = strdup(words[n]);
	size_t len = 0;
	FILE *err = open_memstream(&p->msg, &len);
	p->rc = cli_args_parse(&p->a, cmd, n, p->words, err);
	fclose(err);
}

static void parsed_free(struct parsed *p)
{
	for (int i = 0; i < 16; i++) free(p->words[i]);
	free(p->msg);
}

static bool option_of(const struct cli_option *o, const char *cmd)
{
	if (!cmd) return o->cmd == NULL;
	return o->cmd && (!strcmp(o->cmd, cmd) || !strcmp(o->cmd, "*"));
}

/* Every option of cmd (NULL: global) in every form, followed by an operand. */
static void check_forms(const char *cmd)
{
	const char *name = cmd ? cmd : "dossier";
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!option_of(o, cmd)) continue;
		char l1[64], l2[64], s1[64], s2[8];
		const char *val = "V-é,1";
		snprintf(l1, sizeof l1, "--%s=%s", o->name, val);
		snprintf(l2, sizeof l2, "--%s", o->name);
		snprintf(s1, sizeof s1, "-%c%s", o->shrt, val);
		snprintf(s2, sizeof s2, "-%c", o->shrt);
		const char *forms[4][5] = {
			{name, l1, "x", NULL},       /* --opt=V */
			{name, l2, val, "x", NULL},  /* --opt V */
			{name, s1, "x", NULL},       /* -oV */
			{name, s2, val, "x", NULL},  /* -o V */
		};
		const char *flags[2][4] = {{name, l2, "x", NULL}, {name, s2, "x", NULL}};
		int nforms = o->arg ? (o->shrt ? 4 : 2) : (o->shrt ? 2 : 1);
		for (int f = 0; f < nforms; f++) {
			struct parsed p;
			parse_words(&p, cmd, o->arg ? forms[f] : flags[f]);
			if (p.rc != 0) fail_msg("%s %s form %d: %s", name, o->name, f, p.msg);
			const char *got = cli_arg(&p.a, o->name);
			assert_non_null(got);
			assert_string_equal(got, o->arg ? val : "");
			assert_int_equal(p.a.argc, 1);
			assert_string_equal(p.a.argv[0], "x");
			parsed_free(&p);
		}
	}
}

static void test_every_option_every_form(void **state)
{
	(void)state;
	check_forms(NULL);
	for (size_t c = 0; c < cli_ncommands; c++) check_forms(cli_commands[c].name);
}

/* Bugs of the parsers the table replaced. */
static void test_fixed_bugs(void **state)
{
	(void)state;
	struct parsed p;
	parse_words(&p, NULL, (const char *[]){"dossier", "--corpus=/tmp/c", "list", "-x", NULL});
	assert_int_equal(p.rc, 0);
	assert_string_equal(cli_arg(&p.a, "corpus"), "/tmp/c");
	assert_int_equal(p.a.argc, 2); /* the global parse stops at the subcommand */
	assert_string_equal(p.a.argv[0], "list");
	assert_string_equal(p.a.argv[1], "-x");
	parsed_free(&p);

	parse_words(&p, "related", (const char *[]){"related", "-n2", "2024/a", NULL});
	assert_int_equal(p.rc, 0);
	assert_string_equal(cli_arg(&p.a, "count"), "2");
	assert_string_equal(p.a.argv[0], "2024/a");
	parsed_free(&p);

	/* GNU order for commands without a query: options after the ID */
	parse_words(&p, "related", (const char *[]){"related", "2024/a", "-n", "3", "--json", NULL});
	assert_int_equal(p.rc, 0);
	assert_string_equal(cli_arg(&p.a, "count"), "3");
	assert_true(cli_flag(&p.a, "json"));
	assert_int_equal(p.a.argc, 1);
	parsed_free(&p);

	parse_words(&p, "export", (const char *[]){"export", "-fjson", "tag:x", NULL});
	assert_int_equal(p.rc, 0);
	assert_string_equal(cli_arg(&p.a, "format"), "json");
	assert_int_equal(p.a.argc, 1);
	parsed_free(&p);
}

/* Query commands stop at the first operand; a negated word goes after it or after "--". */
static void test_query_words(void **state)
{
	(void)state;
	struct parsed p;
	parse_words(&p, "list", (const char *[]){"list", "--json", "tag:x", "-tag:y", "--", "--z", NULL});
	assert_int_equal(p.rc, 0);
	assert_true(cli_flag(&p.a, "json"));
	assert_int_equal(p.a.argc, 4);
	assert_string_equal(p.a.argv[1], "-tag:y");
	assert_false(p.a.dashdash);
	parsed_free(&p);

	parse_words(&p, "list", (const char *[]){"list", "--", "-tag:y", NULL});
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.a.argc, 1);
	assert_string_equal(p.a.argv[0], "-tag:y");
	assert_true(p.a.dashdash);
	parsed_free(&p);

	/* the value of -o is not the end of the options */
	parse_words(&p, "export", (const char *[]){"export", "-o", "--", "tag:x", NULL});
	assert_int_equal(p.rc, 0);
	assert_string_equal(cli_arg(&p.a, "output"), "--");
	assert_false(p.a.dashdash);
	parsed_free(&p);

	parse_words(&p, "list", (const char *[]){"list", "-tag:y", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: list: unknown option '-t' (a query word starting with '-' "
				   "goes after '--' or after the first query word; NOT also negates)\n");
	parsed_free(&p);
}

static void test_errors(void **state)
{
	(void)state;
	struct parsed p;
	parse_words(&p, "tags", (const char *[]){"tags", "--frobnicate", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: tags: unknown option '--frobnicate' (try dossier tags --help)\n");
	parsed_free(&p);

	parse_words(&p, "related", (const char *[]){"related", "x", "-n", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: related: option '-n' needs a value (N)\n");
	parsed_free(&p);

	parse_words(&p, "related", (const char *[]){"related", "x", "--count", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: related: option '--count' needs a value (N)\n");
	parsed_free(&p);

	parse_words(&p, "tags", (const char *[]){"tags", "--json=yes", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: tags: option '--json=yes' takes no value (try dossier tags --help)\n");
	parsed_free(&p);

	parse_words(&p, NULL, (const char *[]){"dossier", "--corpus", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: option '--corpus' needs a value (DIR)\n");
	parsed_free(&p);

	parse_words(&p, NULL, (const char *[]){"dossier", "-q", NULL});
	assert_int_equal(p.rc, EXIT_USAGE);
	assert_string_equal(p.msg, "dossier: unknown option '-q' (try dossier --help)\n");
	parsed_free(&p);
}

/* The table itself: options belong to real commands, names are unique
 * per command, everything visible has help. */
static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		assert_true(!o->cmd || !strcmp(o->cmd, "*") || cli_command_find(o->cmd));
		assert_true(o->name && *o->name && o->help && *o->help);
		for (size_t k = i + 1; k < cli_noptions; k++) {
			const struct cli_option *p = &cli_options[k];
			bool same_scope = (!o->cmd && !p->cmd) ||
					  (o->cmd && p->cmd &&
					   (!strcmp(o->cmd, p->cmd) || !strcmp(o->cmd, "*") || !strcmp(p->cmd, "*")));
			if (!same_scope) continue;
			if (!strcmp(o->name, p->name)) fail_msg("--%s twice", o->name);
			if (o->shrt && o->shrt == p->shrt) fail_msg("-%c twice", o->shrt);
		}
	}
	for (size_t c = 0; c < cli_ncommands; c++) {
		struct cli_args a;
		FILE *null = fopen("/dev/null", "w");
		char *argv[] = {(char *)cli_commands[c].name, NULL};
		assert_int_equal(cli_args_parse(&a, cli_commands[c].name, 1, argv, null), 0);
		fclose(null);
		assert_true(a.nopts < CLI_MAX_OPTS); /* room left: nothing was cut off */
		assert_true((cli_commands[c].flags & CLI_HIDDEN) || *cli_commands[c].summary);
	}
}

/* --help shows every visible option and command, and no hidden one. */
static void test_help_from_table(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	cli_help_print(f);
	fclose(f);
	for (size_t c = 0; c < cli_ncommands; c++) {
		char word[64];
		snprintf(word, sizeof word, "] %s ", cli_commands[c].name);
		bool shown = strstr(text, word) != NULL;
		assert_int_equal(shown, !(cli_commands[c].flags & CLI_HIDDEN));
	}
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (o->cmd) continue;
		char word[64];
		snprintf(word, sizeof word, "--%s", o->name);
		assert_int_equal(strstr(text, word) != NULL, !(o->flags & CLI_HIDDEN));
	}
	free(text);

	for (size_t c = 0; c < cli_ncommands; c++) {
		text = NULL;
		f = open_memstream(&text, &len);
		cli_command_help_print(f, &cli_commands[c]);
		fclose(f);
		for (size_t i = 0; i < cli_noptions; i++) {
			const struct cli_option *o = &cli_options[i];
			if (!option_of(o, cli_commands[c].name)) continue;
			char word[64];
			snprintf(word, sizeof word, "--%s", o->name);
			assert_int_equal(strstr(text, word) != NULL, !(o->flags & CLI_HIDDEN));
			if (!(o->flags & CLI_HIDDEN)) assert_non_null(strstr(text, o->help));
		}
		free(text);
	}
	struct strbuf sb = STRBUF_INIT;
	cli_usage_line(&sb, cli_command_find("export"));
	assert_string_equal(strbuf_str(&sb), "export [-f FORMAT] [--cite] [-o FILE] [--force] [QUERY]");
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_option_every_form),
		cmocka_unit_test(test_fixed_bugs),
		cmocka_unit_test(test_query_words),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_help_from_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
