/* SPDX-License-Identifier: MIT
 * The web-page reader: charset choice, JSON-LD reading, extraction (what
 * is kept, what is dropped), the Markdown writer, bylines and date lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/import/html_markdown.h"
#include "core/meta/html_page.h"
#include "core/text/html_parse.h"
#include "core/base/json_read.h"

static char *page_body(const char *html, bool plain, struct html_page *pg)
{
	assert_int_equal(html_page_read(html, strlen(html), "t.html", plain, pg, NULL), 0);
	return pg->body;
}

static void test_charset(void **state)
{
	char cs[40];
	assert_true(html_declared_charset("<meta charset=\"ISO-8859-2\">", 26, cs, sizeof cs));
	assert_string_equal(cs, "iso-8859-2");
	const char *x = "<?xml version='1.0' encoding='windows-1251'?><rss/>";
	assert_true(html_declared_charset(x, strlen(x), cs, sizeof cs));
	assert_string_equal(cs, "windows-1251");
	assert_false(html_declared_charset("<p>no charset here</p>", 22, cs, sizeof cs));
	/* an undeclared page in windows-1252: curly quotes, not C1 controls */
	struct html_page pg;
	page_body("<p>\x93" "Caf\xe9" "\x94" " is open again, said the owner, after a long winter.</p>", true, &pg);
	assert_string_equal(pg.body, "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D is open again, said the owner, after a long winter.");
	html_page_free(&pg);
}

static void test_json_read(void **state)
{
	const char *s = "{\"a\": [1, \"x\\u00e9\\ud83d\\ude00\", {\"b\": null}], \"c\": true}";
	struct jval *v = json_read(s, strlen(s));
	assert_non_null(v);
	const struct jval *a = json_get(v, "a");
	assert_non_null(a);
	assert_int_equal(a->n, 3);
	assert_string_equal(a->kids[1].str, "x\xC3\xA9\xF0\x9F\x98\x80");
	json_val_free(v);
	/* bad escapes, truncation and depth are NULL, never a crash */
	assert_null(json_read("\"\\uZZZZ\"", 8));
	assert_null(json_read("{\"a\": [1, 2", 11));
	char deep[200];
	memset(deep, '[', sizeof deep);
	assert_null(json_read(deep, sizeof deep));
}

static void test_extract_news(void **state)
{
	const char *html =
		"<html><head><title>Quay strike | Wire</title>"
		"<meta property='og:title' content='Quay strike'></head><body>"
		"<nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
		"<div class='sidebar'><ul><li><a href='/x'>Most read story of the day here</a></li></ul></div>"
		"<div class='article-body'><h1>Quay strike</h1>"
		"<p>Dockers stopped work on Monday, leaving the cranes idle, the ships waiting, and the port quiet.</p>"
		"<p>Talks broke down over pay for night shifts, the union said, and no date is set for new ones.</p>"
		"<div class='share-tools'><a href='https://s.example/'>Share</a></div>"
		"<p>The employers said they were ready to talk, but not about back pay, which they called unaffordable.</p>"
		"</div><div class='comments'><p>First! This is a comment, with commas, that is long enough to score.</p></div>"
		"<footer>Contact, imprint, privacy</footer></body></html>";
	struct html_page pg;
	const char *b = page_body(html, false, &pg);
	assert_non_null(strstr(b, "Dockers stopped work on Monday"));
	assert_non_null(strstr(b, "not about back pay"));
	assert_null(strstr(b, "Home"));
	assert_null(strstr(b, "Most read"));
	assert_null(strstr(b, "Share"));
	assert_null(strstr(b, "First!"));
	assert_null(strstr(b, "imprint"));
	assert_null(strstr(b, "# Quay strike")); /* the title heading */
	assert_string_equal(html_meta_get(&pg.meta, "og:title"), "Quay strike");
	assert_string_equal(html_meta_get(&pg.meta, "html-title"), "Quay strike | Wire");
	html_page_free(&pg);
}

/* An ASP.NET page wraps everything in one <form>: still the article. */
static void test_page_in_form(void **state)
{
	struct html_page pg;
	const char *b = page_body("<html><body><form id='f'><nav><a href='/'>Home</a></nav><div class='story'>"
				  "<p>The first paragraph of a story that lives inside a form, as old sites do.</p>"
				  "<p>The second paragraph, with commas, clauses, and enough length to count.</p>"
				  "<p>The third paragraph closes the story, and the reader should see all three.</p>"
				  "</div><div class='search'><input name='q'></div></form></body></html>", true, &pg);
	assert_non_null(strstr(b, "first paragraph"));
	assert_non_null(strstr(b, "see all three"));
	assert_null(strstr(b, "Home"));
	html_page_free(&pg);
}

static void test_markdown(void **state)
{
	const char *in =
		"<h2>Two</h2><p>A <em>big</em> <strong>day</strong> for <a href='https://x.example/a'>the port</a>, "
		"with *stars* and <code>x_y</code>.</p><ol><li>first</li><li>second<ul><li>inner</li></ul></li></ol>"
		"<blockquote><p>Quoted words.</p></blockquote><table><tr><th>a</th><th>b|c</th></tr>"
		"<tr><td>1</td><td>2</td></tr></table><p>- not a list<br>next line</p>"
		"<p><a href='javascript:alert(1)'>no script link</a></p><script>bad()</script>";
	char *md = html_markdown_fragment(in, strlen(in));
	assert_string_equal(md,
		"## Two\n\n"
		"A *big* **day** for [the port](https://x.example/a), with \\*stars\\* and `x\\_y`.\n\n"
		"1. first\n2. second\n\n   - inner\n\n"
		"> Quoted words.\n\n"
		"| a | b\\|c |\n| --- | --- |\n| 1 | 2 |\n\n"
		"\\- not a list\\\nnext line\n\n"
		"no script link");
	free(md);
}

static void test_byline_and_dateline(void **state)
{
	struct html_page pg;
	const char *b = page_body("<html><head><title>T</title></head><body><div class='main'><h1>T</h1><p>By Ada Brook and Tomás Ruiz</p>"
				  "<p>Updated 20 June 2024, 10:15</p>"
				  "<p>A long first paragraph of the story, with enough words, commas and weight to win.</p>"
				  "<p>A second paragraph follows, also long enough, so the container clearly wins here.</p>"
				  "</div></body></html>", false, &pg);
	assert_int_equal(strncmp(b, "A long first paragraph", 22), 0);
	assert_string_equal(html_meta_get(&pg.meta, "byline"), "Ada Brook");
	assert_int_equal(pg.meta.v[pg.meta.n - 2].vals.n, 2);
	assert_string_equal(pg.meta.v[pg.meta.n - 2].vals.v[1], "Tomás Ruiz");
	assert_string_equal(html_meta_get(&pg.meta, "dateline"), "2024-06-20");
	html_page_free(&pg);
}

static void test_hostile(void **state)
{
	/* no network, no entity expansion: a bounded, quick result */
	struct html_page pg;
	struct diag_list dl = DIAG_LIST_INIT;
	size_t n = 7 * 100000 + 100;
	char *deep = malloc(n);
	size_t k = 0;
	for (int i = 0; i < 100000; i++) memcpy(deep + k, "<div>", 5), k += 5;
	memcpy(deep + k, "text", 5);
	html_page_read(deep, k + 4, "deep.html", false, &pg, &dl);
	assert_true(dl.n >= 1);
	assert_non_null(strstr(dl.items[0].msg, "nested deeper than 256"));
	assert_int_equal(dl.items[0].line, 1);
	assert_true(dl.items[0].col > 0);
	html_page_free(&pg);
	diag_list_free(&dl);
	free(deep);
	assert_null(html_parse_xml("<?xml version='1.0'?><a>&x;</a>", 31, "f.xml", &dl));
	assert_int_equal(dl.n, 1);
	assert_int_equal(dl.items[0].line, 1);
	diag_list_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_json_read),
		cmocka_unit_test(test_extract_news),
		cmocka_unit_test(test_page_in_form),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_byline_and_dateline),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
