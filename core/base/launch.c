/* SPDX-License-Identifier: MIT
 * Opening a URL or a file in another program without letting article text
 * choose the program or its options: an allow-list check on the URL, argv
 * lists built without a shell, and fork/exec down a list of candidates. */
#include "core/base/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

/* ---- the URL check ---- */

/* RFC 3986: unreserved, gen-delims, sub-delims (and '%', checked apart). */
static bool url_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~:/?#[]@!$&'()*+,;=", c));
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Characters: UTF-8, no controls, spaces or invisible format characters,
 * only URL characters in ASCII, every '%' a %XX escape. */
static const char *check_chars(const char *url, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)url[i];
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) return "has a control character";
			if (c == ' ') return "has a space";
			if (c == '%' && !(i + 2 < len && is_hex(url[i + 1]) && is_hex(url[i + 2])))
				return "has a '%' that is not a %XX escape";
			if (c != '%' && !url_char_ok(c)) return "has a character not allowed in URLs";
			i++;
			continue;
		}
		int32_t cp;
		size_t n = utf8_decode(url + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && !(n == 3 && memcmp(url + i, "\xef\xbf\xbd", 3) == 0))
			return "is not valid UTF-8";
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_CC: return "has a control character";
		case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
			return "has a space";
		case UTF8PROC_CATEGORY_CF: return "has an invisible format character";
		default: break;
		}
		i += n;
	}
	return NULL;
}

/* http(s): "//" authority with a host, an optional numeric port. */
static const char *check_authority(const char *rest)
{
	if (strncmp(rest, "//", 2) != 0) return "has no host";
	const char *a = rest + 2;
	size_t alen = strcspn(a, "/?#");
	const char *host = a;
	for (const char *p = a; p < a + alen; p++)
		if (*p == '@') host = p + 1;
	const char *end = a + alen, *port = NULL;
	if (*host == '[') {
		const char *close = memchr(host, ']', (size_t)(end - host));
		if (!close || close == host + 1) return "has a bad host";
		if (close + 1 < end) {
			if (close[1] != ':') return "has a bad host";
			port = close + 2;
		}
	} else {
		const char *colon = memchr(host, ':', (size_t)(end - host));
		if (colon) port = colon + 1;
		size_t hlen = (size_t)((colon ? colon : end) - host);
		if (hlen == 0) return "has no host";
		for (size_t i = 0; i < hlen; i++)
			if (strchr("[]:@", host[i])) return "has a bad host";
	}
	for (const char *p = port; p && p < end; p++)
		if (*p < '0' || *p > '9') return "has a bad port";
	return NULL;
}

const char *launch_url_check(const char *url)
{
	if (!url || !*url) return "no URL";
	size_t len = strlen(url);
	if (len > LAUNCH_URL_MAX) return "is longer than 8192 bytes";
	if (url[0] == '-') return "begins with '-'";
	const char *why = check_chars(url, len);
	if (why) return why;
	size_t s = 0;
	while ((url[s] >= 'a' && url[s] <= 'z') || (url[s] >= 'A' && url[s] <= 'Z') ||
	       (s > 0 && ((url[s] >= '0' && url[s] <= '9') || (url[s] && strchr("+.-", url[s])))))
		s++;
	if (s == 0 || url[s] != ':') return "has no scheme";
	const char *rest = url + s + 1;
	if ((s == 4 && strncasecmp(url, "http", 4) == 0) || (s == 5 && strncasecmp(url, "https", 5) == 0))
		return check_authority(rest);
	if (s == 6 && strncasecmp(url, "mailto", 6) == 0)
		return *rest && *rest != '?' ? NULL : "has no address";
	return "is not http, https or mailto";
}

/* ---- argument lists ---- */

static void argv_push(struct launch_argv *a, char *word)
{
	a->v = xrealloc(a->v, (a->n + 2) * sizeof *a->v);
	a->v[a->n++] = word;
	a->v[a->n] = NULL;
}

static void argv_free(struct launch_argv *a)
{
	for (size_t i = 0; i < a->n; i++) free(a->v[i]);
	free(a->v);
	*a = (struct launch_argv){0};
}

void launch_cmds_free(struct launch_cmds *c)
{
	for (size_t i = 0; i < c->n; i++) argv_free(&c->cmd[i]);
	free(c->cmd);
	*c = (struct launch_cmds){0};
}

static void cmds_push(struct launch_cmds *c, struct launch_argv a)
{
	c->cmd = xrealloc(c->cmd, (c->n + 1) * sizeof *c->cmd);
	c->cmd[c->n++] = a;
}

int launch_split(const char *cmd, struct launch_argv *out)
{
	struct launch_argv a = {0};
	struct strbuf w = STRBUF_INIT;
	bool in_word = false;
	char quote = 0;
	for (const char *p = cmd; *p; p++) {
		if (quote == '\'') {
			if (*p == '\'') quote = 0;
			else strbuf_addc(&w, *p);
		} else if (quote == '"') {
			if (*p == '"') quote = 0;
			else if (*p == '\\' && p[1] && strchr("\"\\$`", p[1])) strbuf_addc(&w, *++p);
			else strbuf_addc(&w, *p);
		} else if (*p == ' ' || *p == '\t' || *p == '\n') {
			if (in_word) argv_push(&a, strbuf_steal(&w));
			in_word = false;
		} else {
			in_word = true;
			if (*p == '\'' || *p == '"') quote = *p;
			else if (*p == '\\' && p[1]) strbuf_addc(&w, *++p);
			else strbuf_addc(&w, *p);
		}
	}
	if (quote) {
		strbuf_free(&w);
		argv_free(&a);
		return -1;
	}
	if (in_word) argv_push(&a, strbuf_steal(&w));
	strbuf_free(&w);
	for (size_t i = 0; i < a.n; i++) argv_push(out, a.v[i]);
	free(a.v);
	return 0;
}

/* word with "%s" -> url and "%%" -> '%'; *used set when "%s" was seen. */
static char *substitute(const char *word, const char *url, bool *used)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = word; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			strbuf_adds(&sb, url);
			*used = true;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			strbuf_addc(&sb, '%');
			p++;
		} else {
			strbuf_addc(&sb, *p);
		}
	}
	return strbuf_steal(&sb);
}

size_t launch_browser_argv(const char *browser, const char *url, struct launch_cmds *out)
{
	*out = (struct launch_cmds){0};
	const char *p = browser ? browser : "";
	while (*p) {
		size_t n = strcspn(p, ":");
		char *entry = xstrndup(p, n);
		struct launch_argv words = {0};
		if (launch_split(entry, &words) == 0 && words.n > 0) {
			struct launch_argv a = {0};
			bool used = false;
			for (size_t i = 0; i < words.n; i++) argv_push(&a, substitute(words.v[i], url, &used));
			if (!used) argv_push(&a, xstrdup(url));
			cmds_push(out, a);
		}
		argv_free(&words);
		free(entry);
		p += n + (p[n] == ':');
	}
	if (out->n == 0) {
		static const char *const fallback[] = {"xdg-open", "sensible-browser"};
		for (size_t i = 0; i < ARRAY_LEN(fallback); i++) {
			struct launch_argv a = {0};
			argv_push(&a, xstrdup(fallback[i]));
			argv_push(&a, xstrdup(url));
			cmds_push(out, a);
		}
	}
	return out->n;
}

size_t launch_editor_argv(const char *visual, const char *editor, const char *path, long line,
			  struct launch_cmds *out)
{
	*out = (struct launch_cmds){0};
	struct launch_argv words = {0};
	const char *var = visual && *visual ? visual : editor && *editor ? editor : NULL;
	if (var && (launch_split(var, &words) < 0 || words.n == 0)) argv_free(&words);
	if (words.n > 0) {
		cmds_push(out, words);
	} else {
		static const char *const fallback[] = {"editor", "vi"};
		for (size_t i = 0; i < ARRAY_LEN(fallback); i++) {
			struct launch_argv a = {0};
			argv_push(&a, xstrdup(fallback[i]));
			cmds_push(out, a);
		}
	}
	for (size_t i = 0; i < out->n; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (line > 0) {
			strbuf_addf(&sb, "+%ld", line);
			argv_push(&out->cmd[i], strbuf_steal(&sb));
		}
		if (path[0] == '-') strbuf_adds(&sb, "./");
		strbuf_adds(&sb, path);
		argv_push(&out->cmd[i], strbuf_steal(&sb));
	}
	return out->n;
}

/* ---- running ---- */

/* fork + execvp one argv; the exec's errno comes back through a
 * close-on-exec pipe, so "could not run" is told apart from "ran". */
static int spawn_one(char *const *argv, int *status, int *err)
{
	int fd[2];
	if (pipe2(fd, O_CLOEXEC) < 0) {
		*err = errno;
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		*err = errno;
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		close(fd[0]);
		execvp(argv[0], argv);
		int e = errno;
		ssize_t w = write(fd[1], &e, sizeof e);
		(void)w;
		_exit(127);
	}
	close(fd[1]);
	int e = 0;
	ssize_t got;
	while ((got = read(fd[0], &e, sizeof e)) < 0 && errno == EINTR) {}
	close(fd[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
	if (got == (ssize_t)sizeof e) {
		*err = e;
		return -1;
	}
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 128;
	if (*status == 127) {
		*err = ENOENT;
		return -1;
	}
	return 0;
}

int launch_spawn(const struct launch_cmds *c, struct launch_result *r)
{
	*r = (struct launch_result){.ran = -1, .status = -1, .err = ENOENT};
	for (size_t i = 0; i < c->n; i++) {
		if (c->cmd[i].n == 0) continue;
		int status = 0;
		if (spawn_one(c->cmd[i].v, &status, &r->err) == 0) {
			r->ran = (long)i;
			r->status = status;
			return 0;
		}
	}
	return -1;
}
