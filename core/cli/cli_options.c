/* SPDX-License-Identifier: MIT
 * The command line's one table of commands and options, its getopt_long
 * parser and the help generated from it. Adding an option here adds it to
 * the parser, --help, `complete options` and (by test) the man page and
 * the completion scripts. */
#include "core/cli/cli_options.h"

#include <getopt.h>
#include <string.h>

#include "core/cli/cli.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

const struct cli_option cli_options[] = {
	/* before the subcommand */
	{NULL, "corpus", 0, "DIR", "the collection folder, or a name from the config's collections "
				   "(default: the config's collection, else .)", 0},
	{NULL, "collection", 'C', "NAME", "the collection called NAME in the config (dossier collections)", 0},
	{NULL, "config", 0, "FILE", "read this configuration file", 0},
	{NULL, "state", 0, "FILE", "keep marks and reading state in this file", 0},
	{NULL, "topics", 0, "FILE", "the topic vocabulary: a YAML file or a shipped name "
				   "(default: the collection's .dossier/topics.yaml, or the config's; else none)", 0},
	{NULL, "help", 'h', NULL, "print this summary (COMMAND --help: one command)", 0},
	{NULL, "version", 0, NULL, "print the version", 0},
	{NULL, "no-cache", 0, NULL, "read every file, touch no cache", CLI_HIDDEN},
	{NULL, "headless", 0, "COLSxROWS", "draw into a grid of this size (screen tests)", CLI_HIDDEN},
	{NULL, "script", 0, "FILE", "keys to play headless (screen tests)", CLI_HIDDEN},
	{"check", "index", 0, NULL, "check the full-text index whole (checksum, SQLite and FTS5 integrity); rebuild it when damaged", 0},
	{"show", "raw", 0, NULL, "the file as stored (front matter too), not rendered", 0},
	{"links", "json", 0, NULL, "an array of objects, with the openable flag", 0},
	{"bench-render", "format", 0, "FORMAT", "markdown, html or text (default markdown)", CLI_HIDDEN},
	{"bench-render", "baseline", 0, NULL, "time the parser alone (md4c, libxml2) instead", CLI_HIDDEN},
	{"list", "sort", 's', "ORDER", "date, title, source or relevance:ID (default: by id)", 0},
	{"list", "json", 0, NULL, "an array of objects with every field", 0},
	{"list", "count", 0, NULL, "print only the number of matching articles", 0},
	{"related", "count", 'n', "N", "how many (default 10)", 0},
	{"related", "json", 0, NULL, "an array of objects, with titles", 0},
	{"duplicates", "json", 0, NULL, "an array of objects", 0},
	{"tags", "json", 0, NULL, "an array of objects", 0},
	{"marks", "json", 0, NULL, "an array of objects with the whole text", 0},
	{"mark", "note", 0, "TEXT", "the passage's note", 0},
	{"mark", "tag", 0, "TAG", "a mark tag (#evidence); may be given again", CLI_REPEAT},
	{"note", "tag", 0, "TAG", "add a mark tag; may be given again", CLI_REPEAT},
	{"note", "untag", 0, "TAG", "remove a mark tag; may be given again", CLI_REPEAT},
	{"export", "format", 'f', "FORMAT", "md, txt, yaml, json, org, annotation, csl, bibtex or ris "
					    "(default: from FILE)", 0},
	{"export", "cite", 0, NULL, "Markdown: [@key] after each quote and a references section (pandoc)", 0},
	{"export", "output", 'o', "FILE", "write to FILE, whole or not at all (- is standard output)", 0},
	{"export", "force", 0, NULL, "replace an existing regular FILE", 0},
	{"import", "into", 0, "DIR", "write the articles into DIR, created when missing", 0},
	{"import", "source", 0, "NAME", "the source of every imported article", 0},
	{"import", "url", 0, "URL", "the url of the imported article (one page or text)", 0},
	{"import", "date", 0, "DATE", "the date of every imported article (YYYY-MM-DD)", 0},
	{"import", "tag", 0, "TAG", "a tag for every imported article; may be given again", CLI_REPEAT},
	{"import", "force", 0, NULL, "import duplicates too (same url or same text as an article there)", 0},
	{"import", "topics", 0, "FILE", "tag from this vocabulary (a YAML file or a shipped name) instead of the collection's", 0},
	{"import", "verbose", 'v', NULL, "also list every line removed, and why", 0},
	{"topics", "json", 0, NULL, "suggest: an array of objects instead of YAML", 0},
	{"topics", "max", 'n', "N", "suggest: at most N entries, best first (default 300)", 0},
	{"bench-vocab", "runs", 'n', "N", "time N passes, keep the best (default 5)", CLI_HIDDEN},
	{"searches", "json", 0, NULL, "an array of objects", 0},
	{"bench-query", "no-index", 0, NULL, "read bodies instead of the full-text index", CLI_HIDDEN},
	/* every subcommand */
	{"*", "help", 'h', NULL, "print this help", 0},
};
const size_t cli_noptions = ARRAY_LEN(cli_options);

#define CLI_DESCRIBE(name, run, operands, summary, flags) {name, operands, summary, flags},
const struct cli_command cli_commands[] = {CLI_COMMAND_TABLE(CLI_DESCRIBE)};
#undef CLI_DESCRIBE
const size_t cli_ncommands = ARRAY_LEN(cli_commands);

const struct cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0) return &cli_commands[i];
	return NULL;
}

static bool option_of(const struct cli_option *o, const char *cmd)
{
	if (!cmd) return o->cmd == NULL;
	return o->cmd && (strcmp(o->cmd, cmd) == 0 || strcmp(o->cmd, "*") == 0);
}

/* The option that getopt_long returned ch for (a short letter, or 256+i). */
static long option_index(const struct cli_args *a, int ch)
{
	if (ch >= 256 && (size_t)(ch - 256) < a->nopts) return ch - 256;
	for (size_t i = 0; i < a->nopts; i++)
		if (a->opts[i]->shrt && a->opts[i]->shrt == ch) return (long)i;
	return -1;
}

static void parse_error(FILE *err, const char *cmd, const char *fmt, const char *what,
			const char *hint)
{
	fputs("dossier: ", err);
	if (cmd) fprintf(err, "%s: ", cmd);
	fprintf(err, fmt, what);
	fprintf(err, " (%s)\n", hint);
}

int cli_args_parse(struct cli_args *a, const char *cmd, int argc, char **argv, FILE *err)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	const struct cli_command *c = cmd ? cli_command_find(cmd) : NULL;
	char shorts[3 * CLI_MAX_OPTS + 3];
	size_t ns = 0;
	/* "+": stop at the first operand (the subcommand, or a query, whose
	 * words may start with '-'); ':': report a missing value as ':' */
	if (!(c && (c->flags & CLI_PERMUTE))) shorts[ns++] = '+';
	shorts[ns++] = ':';
	struct option longs[CLI_MAX_OPTS + 1];
	for (size_t i = 0; i < cli_noptions && a->nopts < CLI_MAX_OPTS; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!option_of(o, cmd)) continue;
		longs[a->nopts] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
						  256 + (int)a->nopts};
		if (o->shrt) {
			shorts[ns++] = o->shrt;
			if (o->arg) shorts[ns++] = ':';
		}
		a->opts[a->nopts++] = o;
	}
	shorts[ns] = '\0';
	longs[a->nopts] = (struct option){0};
	char hint[80];
	snprintf(hint, sizeof hint, "try dossier %s%s--help", cmd ? cmd : "", cmd ? " " : "");

	optind = 0; /* glibc: start afresh, this argv is not the last one's */
	opterr = 0; /* messages are ours, on err */
	int ch, li;
	const char *last_value = NULL;
	while ((ch = getopt_long(argc, argv, shorts, longs, &li)) != -1) {
		char opt[3] = {'-', (char)optopt, '\0'};
		const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
		if (ch == '?' && optopt >= 256) {
			parse_error(err, cmd, "option '%s' takes no value", word, hint);
			return EXIT_USAGE;
		}
		if (ch == '?') {
			if (optopt) word = opt;
			bool query = c && strchr(c->operands, 'Q') && optopt;
			parse_error(err, cmd, "unknown option '%s'", word,
				    query ? "a query word starting with '-' goes after '--' or after the "
					    "first query word; NOT also negates"
					  : hint);
			return EXIT_USAGE;
		}
		long k = option_index(a, ch == ':' ? optopt : ch);
		if (k < 0) return EXIT_USAGE; /* not reached: getopt knows only ours */
		if (ch == ':') {
			char name[64];
			if (optopt >= 256) snprintf(name, sizeof name, "--%s", a->opts[k]->name);
			else snprintf(name, sizeof name, "-%c", a->opts[k]->shrt);
			parse_error(err, cmd, "option '%s' needs a value", name, a->opts[k]->arg);
			return EXIT_USAGE;
		}
		if (a->opts[k]->flags & CLI_REPEAT) {
			if (a->nrep == CLI_MAX_REPEATS) {
				parse_error(err, cmd, "option '%s' given too many times", word, hint);
				return EXIT_USAGE;
			}
			a->rep_opt[a->nrep] = (unsigned char)k;
			a->rep[a->nrep++] = optarg;
		}
		a->value[k] = a->opts[k]->arg ? optarg : "";
		last_value = a->opts[k]->arg ? optarg : NULL;
	}
	/* a "--" that getopt took (not the value of -o --) ended the options */
	a->dashdash = optind > 1 && strcmp(argv[optind - 1], "--") == 0 && argv[optind - 1] != last_value;
	a->argc = argc - optind;
	a->argv = argv + optind;
	return 0;
}

const char *cli_arg(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i]->name, name) == 0) return a->value[i];
	return NULL;
}

bool cli_flag(const struct cli_args *a, const char *name)
{
	return cli_arg(a, name) != NULL;
}

size_t cli_arg_all(const struct cli_args *a, const char *name, const char *out[CLI_MAX_REPEATS])
{
	size_t n = 0;
	for (size_t i = 0; i < a->nrep; i++)
		if (strcmp(a->opts[a->rep_opt[i]]->name, name) == 0) out[n++] = a->rep[i];
	return n;
}

/* "-s ORDER", "--json": the short form when there is one. */
static void option_form(struct strbuf *sb, const struct cli_option *o)
{
	if (o->shrt) strbuf_addf(sb, "-%c", o->shrt);
	else strbuf_addf(sb, "--%s", o->name);
	if (o->arg) strbuf_addf(sb, " %s", o->arg);
}

static bool in_usage(const struct cli_option *o)
{
	return !(o->flags & CLI_HIDDEN) && strcmp(o->name, "help") != 0;
}

void cli_usage_line(struct strbuf *sb, const struct cli_command *c)
{
	strbuf_adds(sb, c->name);
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!o->cmd || strcmp(o->cmd, c->name) != 0 || !in_usage(o)) continue;
		strbuf_adds(sb, " [");
		option_form(sb, o);
		strbuf_addc(sb, ']');
	}
	if (*c->operands) strbuf_addf(sb, " %s", c->operands);
}

/* The global options of the reader's usage line: --corpus, --config, --state. */
static void reader_usage(struct strbuf *sb)
{
	strbuf_adds(sb, "dossier");
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (o->cmd || !in_usage(o) || !o->arg) continue;
		strbuf_adds(sb, " [");
		option_form(sb, o);
		strbuf_addc(sb, ']');
	}
}

/* "  -s, --sort ORDER   help" lines for every visible option of cmd. */
static void options_list(FILE *out, const char *cmd)
{
	struct strbuf sb = STRBUF_INIT;
	size_t width = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < cli_noptions; i++) {
			const struct cli_option *o = &cli_options[i];
			if (!option_of(o, cmd) || (o->flags & CLI_HIDDEN)) continue;
			strbuf_reset(&sb);
			if (o->shrt) strbuf_addf(&sb, "-%c, ", o->shrt);
			else strbuf_adds(&sb, "    ");
			strbuf_addf(&sb, "--%s", o->name);
			if (o->arg) strbuf_addf(&sb, " %s", o->arg);
			if (pass == 0 && sb.len > width) width = sb.len;
			if (pass == 1) fprintf(out, "  %-*s   %s\n", (int)width, strbuf_str(&sb), o->help);
		}
	strbuf_free(&sb);
}

void cli_help_print(FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	reader_usage(&sb);
	fprintf(out, "usage: %-62s   the reader\n", strbuf_str(&sb));
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];
		if (c->flags & CLI_HIDDEN) continue;
		strbuf_reset(&sb);
		strbuf_adds(&sb, "dossier [--corpus DIR] ");
		cli_usage_line(&sb, c);
		fprintf(out, "       %-62s   %s\n", strbuf_str(&sb), c->summary);
	}
	fputs("       dossier -h | --help | --version\n\noptions:\n", out);
	options_list(out, NULL);
	fputs("\nCOMMAND --help lists the options of one command; man dossier tells more.\n", out);
	strbuf_free(&sb);
}

void cli_command_help_print(FILE *out, const struct cli_command *c)
{
	struct strbuf sb = STRBUF_INIT;
	cli_usage_line(&sb, c);
	fprintf(out, "usage: dossier [--corpus DIR] %s\n", strbuf_str(&sb));
	if (*c->summary) fprintf(out, "%s\n", c->summary);
	fputs("\noptions:\n", out);
	options_list(out, c->name);
	strbuf_free(&sb);
}

void cli_options_print(FILE *out, const char *cmd)
{
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!option_of(o, cmd) || (o->flags & CLI_HIDDEN)) continue;
		fprintf(out, "--%s\t", o->name);
		if (o->shrt) fprintf(out, "-%c", o->shrt);
		fprintf(out, "\t%s\t%s\n", o->arg ? o->arg : "", o->help);
	}
}
