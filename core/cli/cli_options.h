/* SPDX-License-Identifier: MIT
 * The command line's one table: every subcommand and every option (long
 * and short form, argument, help text). Parsing (getopt_long), --help, the
 * usage lines and `dossier complete options` all come from it, and the
 * man page and shell completions are tested against it. */
#ifndef DOSSIER_CLI_OPTIONS_H
#define DOSSIER_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cli_ctx;
struct cli_args;
struct strbuf;

enum {
	CLI_HIDDEN = 1,  /* an option or command left out of --help and the man page */
	CLI_PERMUTE = 2, /* command: options may follow the operands (GNU order) */
	CLI_REPEAT = 4,  /* option: may be given again; every value kept (cli_arg_all) */
};

/* One option. cmd NULL: before the subcommand; "*": every subcommand. */
struct cli_option {
	const char *cmd;
	const char *name; /* long form without "--"; every option has one */
	char shrt;        /* short form, 0 for none */
	const char *arg;  /* the argument's name (DIR, N, FORMAT), NULL for a flag */
	const char *help; /* one line for --help */
	unsigned flags;
};

/* Every subcommand: name, the function that runs it (declared in
 * core/cli/cli.h; only core/cli/cli_run.c expands that column, so the table's
 * readers do not link every command), operands, summary, flags. */
#define CLI_COMMAND_TABLE(_) \
	_("list", cli_list, "[QUERY]", "one line per article: id, date, source, title, tags", 0) \
	_("show", cli_show, "ID", "the metadata header and the rendered text", CLI_PERMUTE) \
	_("links", cli_links, "ID", "the numbered links of the rendered text: number, URL, text", CLI_PERMUTE) \
	_("related", cli_related, "ID", "related articles: score, id, shared tags, date, shared key terms", \
	 CLI_PERMUTE) \
	_("duplicates", cli_duplicates, "", "near-duplicate articles: group, id, title", CLI_PERMUTE) \
	_("tags", cli_tags, "", "every tag with its article count", CLI_PERMUTE) \
	_("check", cli_check, "", "problems as FILE:LINE:COL: message", CLI_PERMUTE) \
	_("marks", cli_marks, "[QUERY]", "the marked passages", 0) \
	_("mark", cli_mark, "ID START END", "mark text code points START..END (as shown)", CLI_PERMUTE) \
	_("note", cli_note, "ID START END [TEXT | -]", "set or change the note and mark tags of a mark", \
	 CLI_PERMUTE) \
	_("export", cli_export, "[QUERY]", "the marked passages with what cites them", 0) \
	_("import", cli_import, "FILE...", "web pages, feeds and raw text in, articles with front matter out", CLI_PERMUTE) \
	_("topics", cli_topics, "suggest|check [TAG...]", \
	  "suggest a topic vocabulary from the text; check what each entry tags", CLI_PERMUTE) \
	_("collections", cli_collections, "", "the named collections of the config: name, folder, articles", \
	 CLI_PERMUTE) \
	_("searches", cli_searches, "", "the saved searches: name, articles, unread, query", CLI_PERMUTE) \
	_("refresh", cli_refresh, "", "check every file against the metadata cache now (edits in place)", \
	  CLI_PERMUTE) \
	/* candidates for the shell completion scripts */ \
	_("complete", cli_complete, "ids|tags|fields|formats|orders|collections|options [--] [PREFIX]", "", CLI_HIDDEN) \
	/* timings for make bench */ \
	_("bench-related", cli_bench_related, "[N]", "", CLI_HIDDEN) \
	_("bench-similar", cli_bench_similar, "[N]", "", CLI_HIDDEN) \
	_("bench-query", cli_bench_query, "QUERY...", "", CLI_HIDDEN) \
	_("bench-vocab", cli_bench_vocab, "FILE...", "", CLI_HIDDEN) \
	_("bench-render", cli_bench_render, "FILE [RUNS]", "", CLI_HIDDEN) \
	_("bench-searches", cli_bench_searches, "[QUERY...]", "", CLI_HIDDEN)

struct cli_command {
	const char *name;
	const char *operands; /* after the options in the usage line: "ID", "[QUERY]" */
	const char *summary;  /* one line for --help */
	unsigned flags;
};

extern const struct cli_option cli_options[];
extern const size_t cli_noptions;
extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;

/* The command called name, or NULL. */
const struct cli_command *cli_command_find(const char *name);

#define CLI_MAX_OPTS 12
#define CLI_MAX_REPEATS 64 /* values of CLI_REPEAT options, all together */

/* What cli_args_parse found. Strings are borrowed from argv. */
struct cli_args {
	const char *cmd;                           /* NULL: the global options */
	size_t nopts;
	const struct cli_option *opts[CLI_MAX_OPTS]; /* cmd's options, table order */
	const char *value[CLI_MAX_OPTS];           /* the argument, "" for a flag given, NULL when absent */
	int argc;                                  /* the operands */
	char **argv;
	bool dashdash;                             /* they follow a "--" */
	size_t nrep;                               /* CLI_REPEAT values, in order given */
	const char *rep[CLI_MAX_REPEATS];
	unsigned char rep_opt[CLI_MAX_REPEATS];    /* index into opts[] of each */
};

/* Parse argv[1..argc) against cmd's options (NULL: the global options,
 * stopping at the subcommand) with getopt_long; argv[0] is the command
 * name. Errors are printed to err as "dossier: ..." and return 2 (usage);
 * 0 on success. argv may be permuted. */
int cli_args_parse(struct cli_args *a, const char *cmd, int argc, char **argv, FILE *err);
/* The value of option name ("" for a flag), NULL when not given. */
const char *cli_arg(const struct cli_args *a, const char *name);
bool cli_flag(const struct cli_args *a, const char *name);
/* Every value of the CLI_REPEAT option name, in the order given, into out
 * (borrowed from argv); returns how many. */
size_t cli_arg_all(const struct cli_args *a, const char *name, const char *out[CLI_MAX_REPEATS]);

/* "list [--json] [-s ORDER] [QUERY]": cmd's usage without "dossier". */
void cli_usage_line(struct strbuf *sb, const struct cli_command *c);
/* `dossier --help`: the usage lines of every visible command. */
void cli_help_print(FILE *out);
/* `dossier CMD --help`: its usage line, summary and every option. */
void cli_command_help_print(FILE *out, const struct cli_command *c);
/* One line per visible option of cmd (NULL: the global ones), as
 * "--long TAB -s TAB ARG TAB help" (empty fields when there is none),
 * for the completion scripts and the man page test. */
void cli_options_print(FILE *out, const char *cmd);

#endif
