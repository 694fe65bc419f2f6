/* SPDX-License-Identifier: MIT
 * Handing an article to another program: which URLs may reach a browser,
 * the argument lists for $BROWSER and $VISUAL/$EDITOR, and running them
 * with fork/exec (never a shell), so no article text can become an option
 * or a command (HOSTILE.md 41). No terminal handling here: tui/ suspends. */
#ifndef DOSSIER_LAUNCH_H
#define DOSSIER_LAUNCH_H

#include <stddef.h>

/* URLs longer than this are refused (no real article link is). */
#define LAUNCH_URL_MAX 8192

/* NULL when url may be opened: an http, https or mailto URL that parses
 * (RFC 3986 characters, valid %XX escapes, a host for http/https), with no
 * space, control, format (bidi, zero-width) or invalid UTF-8 character and
 * not beginning with '-'. Otherwise the reason, a static string. */
const char *launch_url_check(const char *url);

/* One command to try: argv[0..n) and a NULL at argv[n]; owns its strings. */
struct launch_argv {
	char **v;
	size_t n;
};

/* Commands tried in order until one runs; owns them. */
struct launch_cmds {
	struct launch_argv *cmd;
	size_t n;
};

void launch_cmds_free(struct launch_cmds *c);

/* Split one command line into words as a shell would split a plain
 * command, without running one: blanks separate, '...' and "..." group,
 * backslash escapes the next character (outside '...'); no expansion of
 * any kind. Returns 0, or -1 for an unterminated quote (out left empty).
 * Appends to out (owned by the caller). */
int launch_split(const char *cmd, struct launch_argv *out);

/* $BROWSER convention: browser is a ':'-separated list of commands, each
 * split with launch_split; in each word "%s" becomes url and "%%" a '%';
 * a command with no "%s" gets url appended as its last argument. url is
 * one argument, never split. NULL or empty browser (or only empty
 * entries): xdg-open, then sensible-browser. An entry that does not split
 * is skipped. Fills out (emptied first); returns the number of commands. */
size_t launch_browser_argv(const char *browser, const char *url, struct launch_cmds *out);

/* The editor for path: $VISUAL if set and not empty, else $EDITOR, else
 * editor, then vi (visual and editor are the variables' values, NULL when
 * unset). line > 0 adds "+LINE" before the file. A path beginning with '-'
 * is given as "./path". Fills out; returns the number of commands. */
size_t launch_editor_argv(const char *visual, const char *editor, const char *path, long line,
			  struct launch_cmds *out);

/* What launch_spawn did. */
struct launch_result {
	long ran;    /* index of the command that ran, -1 when none could */
	int status;  /* its exit status; 128+N when killed by signal N */
	int err;     /* errno of the last failed exec (ran == -1) */
};

/* Run the commands in turn, each with fork + execvp, waiting for it; a
 * command that cannot be executed, or exits with status 127 (a wrapper's
 * "not found"), is followed by the next. Returns 0 when one ran (whatever
 * its exit status), -1 when none did (fork failure included). */
int launch_spawn(const struct launch_cmds *c, struct launch_result *r);

struct strbuf;
/* Run one command (fork + execvp, no shell: argv as given) with in[0..n)
 * on its standard input and its standard output and error read into out
 * (NULL: read and dropped; at most max bytes kept, the rest dropped), so
 * it never writes to the terminal; waits for it. A command that closes
 * its input early is fine. Returns 0 when it ran (r->status its exit
 * status), -1 when it could not be run (r->err, e.g. ENOENT). launch_pipe.c. */
int launch_pipe(const struct launch_argv *a, const char *in, size_t n, struct strbuf *out,
		size_t max, struct launch_result *r);

#endif
