/* SPDX-License-Identifier: MIT
 * core/base/launch: which URLs reach a browser (HOSTILE.md 41), the $BROWSER
 * and $VISUAL/$EDITOR argument lists, and running down a list of commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/launch.h"
#include "core/base/strbuf.h"

static void ok(const char *url)
{
	const char *why = launch_url_check(url);
	if (why) fail_msg("'%s' refused: %s", url, why);
}

static void refused(const char *url, const char *reason)
{
	const char *why = launch_url_check(url);
	if (!why) fail_msg("'%s' accepted", url);
	if (strcmp(why, reason) != 0) fail_msg("'%s': '%s', expected '%s'", url, why, reason);
}

static void test_url_good(void **state)
{
	(void)state;
	ok("https://example.org/patriot-kharkiv");
	ok("http://example.org");
	ok("HTTPS://Example.org:8443/a/b?c=d&e=f#g");
	ok("https://desk@example.org/x");
	ok("https://[2001:db8::1]:8080/feed");
	ok("https://example.org/a%20b%C3%A9");
	ok("https://example.org/Kyiv-café/naïve");
	ok("https://例え.jp/記事/2024");
	ok("https://example.org/a_(b)~c!$'*+,;=:@");
	ok("mailto:desk@example.org");
	ok("mailto:desk@example.org?subject=Tip");
}

static void test_url_hostile(void **state)
{
	(void)state;
	refused(NULL, "no URL");
	refused("", "no URL");
	refused("--gpu-launcher=touch /tmp/x", "begins with '-'");
	refused("-new-window", "begins with '-'");
	refused("-", "begins with '-'");
	refused("javascript:alert(1)", "is not http, https or mailto");
	refused("JavaScript:alert(document.cookie)", "is not http, https or mailto");
	refused("file:///etc/shadow", "is not http, https or mailto");
	refused("data:text/html;base64,PHNjcmlwdD4=", "is not http, https or mailto");
	refused("ftp://example.org/x", "is not http, https or mailto");
	refused("example.org/no-scheme", "has no scheme");
	refused("/etc/passwd", "has no scheme");
	refused("1http://example.org", "has no scheme");
	/* only scheme characters: the scan read past the end (strchr finds
	 * the NUL in "+.-"); found by test_render under ASan, a heap copy
	 * so that ASan sees the first byte past it */
	char *word = strdup("abc.d");
	refused(word, "has no scheme");
	free(word);
	refused("https://example.org/a b", "has a space");
	refused("https://example.org/a\tb", "has a control character");
	refused("https://example.org/a\nb", "has a control character");
	refused("https://example.org/\x1b]52;c;SGk=\a", "has a control character");
	refused("https://example.org/\x7f", "has a control character");
	refused("https://example.org/\xc2\x9b" "2J", "has a control character"); /* C1 */
	refused("https://example.org/\xe3\x80\x80x", "has a space");             /* U+3000 */
	refused("https://example.org/\xe2\x80\xa8x", "has a space");             /* U+2028 */
	refused("https://example.org/\xe2\x80\xaetxt.exe", "has an invisible format character");
	refused("https://exa\xe2\x80\x8bmple.org/", "has an invisible format character");
	refused("https://example.org/\xff", "is not valid UTF-8");
	refused("https://example.org/\xc0\xaf", "is not valid UTF-8");
	refused("https://example.org/\"onmouseover", "has a character not allowed in URLs");
	refused("https://example.org/<script>", "has a character not allowed in URLs");
	refused("https://example.org\\@evil.example/", "has a character not allowed in URLs");
	refused("https://example.org/%zz", "has a '%' that is not a %XX escape");
	refused("https://example.org/100%", "has a '%' that is not a %XX escape");
	refused("https://", "has no host");
	refused("https:example.org", "has no host");
	refused("https:///path", "has no host");
	refused("https://user@/x", "has no host");
	refused("https://example.org:80x/", "has a bad port");
	refused("https://[]/", "has a bad host");
	refused("https://[::1]x/", "has a bad host");
	refused("mailto:", "has no address");
	char *big = malloc(LAUNCH_URL_MAX + 2);
	memcpy(big, "https://example.org/", 20);
	memset(big + 20, 'a', LAUNCH_URL_MAX - 19);
	big[LAUNCH_URL_MAX + 1] = 0;
	refused(big, "is longer than 8192 bytes");
	big[LAUNCH_URL_MAX] = 0;
	ok(big);
	free(big);
}

/* cmd i of c is exactly the NULL-terminated list of words. */
static void expect_cmd(const struct launch_cmds *c, size_t i, ...)
{
	assert_true(i < c->n);
	va_list ap;
	va_start(ap, i);
	size_t k = 0;
	for (const char *w; (w = va_arg(ap, const char *)); k++) {
		if (k >= c->cmd[i].n) fail_msg("cmd %zu: missing word %zu '%s'", i, k, w);
		assert_string_equal(c->cmd[i].v[k], w);
	}
	va_end(ap);
	assert_int_equal(c->cmd[i].n, k);
	assert_null(c->cmd[i].v[k]);
}

static void test_browser_argv(void **state)
{
	(void)state;
	const char *u = "https://example.org/x";
	struct launch_cmds c;
	/* unset, empty, only separators: the fallbacks */
	const char *none[] = {NULL, "", ":", " : \t"};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(launch_browser_argv(none[i], u, &c), 2);
		expect_cmd(&c, 0, "xdg-open", u, NULL);
		expect_cmd(&c, 1, "sensible-browser", u, NULL);
		launch_cmds_free(&c);
	}
	assert_int_equal(launch_browser_argv("firefox", u, &c), 1);
	expect_cmd(&c, 0, "firefox", u, NULL);
	launch_cmds_free(&c);
	/* %s replaced, nothing appended */
	assert_int_equal(launch_browser_argv("firefox --new-tab %s", u, &c), 1);
	expect_cmd(&c, 0, "firefox", "--new-tab", u, NULL);
	launch_cmds_free(&c);
	/* %s inside a word, %% a percent sign, a plain % kept */
	assert_int_equal(launch_browser_argv("b --url=%s --zoom=120%% 5%x", u, &c), 1);
	expect_cmd(&c, 0, "b", "--url=https://example.org/x", "--zoom=120%", "5%x", NULL);
	launch_cmds_free(&c);
	/* a colon list, tried in order; empty entries skipped */
	assert_int_equal(launch_browser_argv("w3m::lynx -dump:", u, &c), 2);
	expect_cmd(&c, 0, "w3m", u, NULL);
	expect_cmd(&c, 1, "lynx", "-dump", u, NULL);
	launch_cmds_free(&c);
	/* quoting without a shell: no expansion, no command substitution */
	assert_int_equal(launch_browser_argv("'/opt/My Browser/run' \"$HOME\" `id` a\\ b", u, &c), 1);
	expect_cmd(&c, 0, "/opt/My Browser/run", "$HOME", "`id`", "a b", u, NULL);
	launch_cmds_free(&c);
	/* an entry that does not split is skipped */
	assert_int_equal(launch_browser_argv("open 'x:lynx", u, &c), 1);
	expect_cmd(&c, 0, "lynx", u, NULL);
	launch_cmds_free(&c);
	/* the URL is one argument, never split and never substituted into */
	assert_int_equal(launch_browser_argv("b %s", "https://x.org/a b;%s%%$(id)", &c), 1);
	expect_cmd(&c, 0, "b", "https://x.org/a b;%s%%$(id)", NULL);
	launch_cmds_free(&c);
	assert_int_equal(launch_browser_argv("b", "https://x.org/a b", &c), 1);
	expect_cmd(&c, 0, "b", "https://x.org/a b", NULL);
	launch_cmds_free(&c);
}

static void test_editor_argv(void **state)
{
	(void)state;
	struct launch_cmds c;
	assert_int_equal(launch_editor_argv("vim -u NONE", "nano", "a/b.md", 12, &c), 1);
	expect_cmd(&c, 0, "vim", "-u", "NONE", "+12", "a/b.md", NULL);
	launch_cmds_free(&c);
	assert_int_equal(launch_editor_argv(NULL, "code --wait", "a/b.md", 0, &c), 1);
	expect_cmd(&c, 0, "code", "--wait", "a/b.md", NULL);
	launch_cmds_free(&c);
	assert_int_equal(launch_editor_argv("", "nano", "x.md", 0, &c), 1);
	expect_cmd(&c, 0, "nano", "x.md", NULL);
	launch_cmds_free(&c);
	assert_int_equal(launch_editor_argv("", "", "x.md", 3, &c), 2);
	expect_cmd(&c, 0, "editor", "+3", "x.md", NULL);
	expect_cmd(&c, 1, "vi", "+3", "x.md", NULL);
	launch_cmds_free(&c);
	assert_int_equal(launch_editor_argv(NULL, "'unterminated", "x.md", 0, &c), 2);
	expect_cmd(&c, 0, "editor", "x.md", NULL);
	launch_cmds_free(&c);
	/* a file name that looks like an option is not one */
	assert_int_equal(launch_editor_argv("vi", NULL, "-rf x/é.md", 0, &c), 1);
	expect_cmd(&c, 0, "vi", "./-rf x/é.md", NULL);
	launch_cmds_free(&c);
}

static char dir[] = "/tmp/dossier-launch-XXXXXX";

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	if (!f) return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

static void test_spawn(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	char script[300], out[300], browser[900];
	snprintf(script, sizeof script, "%s/rec", dir);
	snprintf(out, sizeof out, "%s/args", dir);
	FILE *f = fopen(script, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\nfor a in \"$@\"; do printf '[%%s]\\n' \"$a\"; done >'%s'\nexit 3\n", out);
	fclose(f);
	chmod(script, 0755);
	/* missing program, a wrapper saying "not found" (127), then ours */
	snprintf(browser, sizeof browser, "%s/none:sh -c 'exit 127':%s --tab %%s", dir, script);
	struct launch_cmds c;
	const char *u = "https://example.org/é?q=1&r=$(id)";
	assert_int_equal(launch_browser_argv(browser, u, &c), 3);
	struct launch_result r;
	assert_int_equal(launch_spawn(&c, &r), 0);
	assert_int_equal(r.ran, 2);
	assert_int_equal(r.status, 3);
	assert_string_equal(slurp(out), "[--tab]\n[https://example.org/é?q=1&r=$(id)]\n");
	launch_cmds_free(&c);
	/* nothing runs */
	snprintf(browser, sizeof browser, "%s/none:%s/none2", dir, dir);
	launch_browser_argv(browser, u, &c);
	assert_int_equal(launch_spawn(&c, &r), -1);
	assert_int_equal(r.ran, -1);
	assert_int_equal(r.err, ENOENT);
	launch_cmds_free(&c);
	/* not executable: EACCES, reported */
	chmod(script, 0644);
	launch_browser_argv(script, u, &c);
	assert_int_equal(launch_spawn(&c, &r), -1);
	assert_int_equal(r.err, EACCES);
	launch_cmds_free(&c);
	/* killed by a signal: 128 + N */
	launch_browser_argv("sh -c 'kill -TERM $$'", u, &c);
	assert_int_equal(launch_spawn(&c, &r), 0);
	assert_int_equal(r.status, 128 + 15);
	launch_cmds_free(&c);
	unlink(script);
	unlink(out);
	rmdir(dir);
}

/* launch_pipe: the text reaches stdin unchanged (no shell: quotes and $
 * stay text), output comes back capped, a reader that stops early does
 * not kill us (1 MB into head -c 3), a missing program is -1. */
static void test_pipe(void **state)
{
	(void)state;
	struct launch_argv cat = {0};
	assert_int_equal(launch_split("cat", &cat), 0);
	const char *text = "\"quoted\" $HOME `x` — 東京\n";
	struct strbuf out = STRBUF_INIT;
	struct launch_result r;
	assert_int_equal(launch_pipe(&cat, text, strlen(text), &out, 1 << 20, &r), 0);
	assert_int_equal(r.status, 0);
	assert_string_equal(strbuf_str(&out), text);
	strbuf_reset(&out);
	assert_int_equal(launch_pipe(&cat, text, strlen(text), &out, 4, &r), 0);
	assert_int_equal(out.len, 4);
	assert_int_equal(launch_pipe(&cat, text, strlen(text), NULL, 0, &r), 0);

	struct launch_argv head = {0};
	assert_int_equal(launch_split("head -c 3", &head), 0);
	size_t big = 1 << 20;
	char *buf = malloc(big);
	memset(buf, 'a', big);
	strbuf_reset(&out);
	assert_int_equal(launch_pipe(&head, buf, big, &out, 100, &r), 0);
	assert_string_equal(strbuf_str(&out), "aaa");
	free(buf);

	struct launch_argv none = {0};
	assert_int_equal(launch_split("/nonexistent/dossier-no-such-program x", &none), 0);
	assert_int_equal(launch_pipe(&none, "x", 1, NULL, 0, &r), -1);
	assert_int_equal(r.err, ENOENT);
	for (size_t i = 0; i < 3; i++) {
		struct launch_argv *a = i == 0 ? &cat : i == 1 ? &head : &none;
		for (size_t j = 0; j < a->n; j++) free(a->v[j]);
		free(a->v);
	}
	strbuf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_good),
		cmocka_unit_test(test_url_hostile),
		cmocka_unit_test(test_browser_argv),
		cmocka_unit_test(test_editor_argv),
		cmocka_unit_test(test_spawn),
		cmocka_unit_test(test_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
