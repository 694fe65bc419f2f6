/* SPDX-License-Identifier: MIT
 * Import of feeds and pages: the feed reader (RSS 2.0 with CDATA and
 * entities, RSS 1.0, Atom html/text/xhtml content, not-a-feed), credit and
 * URL lines of clippings, and the duplicate keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/import/feed.h"
#include "core/import/import_credit.h"
#include "core/import/import_seen.h"
#include "core/import/import_web.h"

static void read_ok(const char *xml, struct feed *f)
{
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(feed_read(xml, strlen(xml), "f.xml", f, &dl), 0);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
}

static void test_rss2(void **state)
{
	struct feed f;
	read_ok("<?xml version='1.0'?><rss xmlns:content='http://purl.org/rss/1.0/modules/content/' "
		"xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>Wire &amp; Co</title>"
		"<item><title><![CDATA[Cranes & <ships>]]></title><guid>https://e.example/g</guid>"
		"<pubDate>Mon, 17 Jun 2024 08:30:00 +0000</pubDate><dc:creator>Marta Quist</dc:creator>"
		"<category>Ports</category><category>Ports</category>"
		"<description>&lt;p&gt;teaser&lt;/p&gt;</description>"
		"<content:encoded><![CDATA[<p>Full <b>text</b> &eacute;t&eacute;.</p>]]></content:encoded></item>"
		"</channel></rss>", &f);
	assert_int_equal(f.kind, FEED_RSS2);
	assert_string_equal(f.title, "Wire & Co");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].title, "Cranes & <ships>");
	assert_string_equal(f.items[0].link, "https://e.example/g"); /* a guid that is a URL */
	assert_string_equal(f.items[0].body, "Full **text** été.");
	assert_int_equal(f.items[0].tags.n, 1);
	struct import_result r;
	import_from_item(&f, &f.items[0], &r);
	assert_int_equal(r.date, 20240617);
	assert_string_equal(r.source, "Wire & Co");
	assert_string_equal(r.authors.v[0], "Marta Quist");
	import_result_free(&r);
	feed_free(&f);
}

static void test_rss1_atom(void **state)
{
	struct feed f;
	read_ok("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'"
		" xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>Courier</title></channel>"
		"<item><title>A</title><link>https://i.example/a</link><dc:date>2023-11-03</dc:date>"
		"<description>Plain words.</description></item></rdf:RDF>", &f);
	assert_int_equal(f.kind, FEED_RSS1);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].date, "2023-11-03");
	assert_string_equal(f.items[0].body, "Plain words.");
	feed_free(&f);
	read_ok("<feed xmlns='http://www.w3.org/2005/Atom'><title>Notes</title>"
		"<entry><title>T</title><link rel='self' href='https://n.example/self'/>"
		"<link href='https://n.example/t'/><updated>2024-06-21T06:00:00Z</updated>"
		"<summary>short</summary><content type='text'>a *b* &lt;c&gt;</content></entry>"
		"<entry><title>X</title><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
		"<p>One <em>two</em></p></div></content></entry></feed>", &f);
	assert_int_equal(f.kind, FEED_ATOM);
	assert_string_equal(f.items[0].link, "https://n.example/t");
	assert_string_equal(f.items[0].body, "a \\*b\\* \\<c\\>");
	assert_string_equal(f.items[1].body, "One *two*");
	feed_free(&f);
}

static void test_not_a_feed(void **state)
{
	struct feed f;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(feed_read("<html><body/></html>", 20, "p.xml", &f, &dl), -1);
	assert_non_null(strstr(dl.items[0].msg, "not a feed: the root element is <html>"));
	diag_list_free(&dl);
	assert_true(feed_sniff("\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c --><rss version='2.0'>", 52));
	assert_false(feed_sniff("<html><body>rss</body></html>", 29));
	assert_int_equal(import_kind_of("x.txt", "<!DOCTYPE html><p>x</p>", 23), IMPORT_HTML);
	assert_int_equal(import_kind_of("x.htm", "plain words", 11), IMPORT_HTML);
	assert_int_equal(import_kind_of(NULL, "plain words < 3", 15), IMPORT_TEXT);
}

static void test_credit_url_lines(void **state)
{
	struct strlist a = {0};
	const char *s = "Compiled by Ines Varga, Pål Henriksen and Ada Brook.";
	assert_true(import_credit_line(s, strlen(s), &a));
	assert_int_equal(a.n, 3);
	assert_string_equal(a.v[1], "Pål Henriksen");
	s = "Tomás Ruiz contributed reporting.";
	assert_true(import_credit_line(s, strlen(s), &a));
	assert_string_equal(a.v[3], "Tomás Ruiz");
	s = "Reporting by Ada Brook; Editing by Hana Sato";
	assert_true(import_credit_line(s, strlen(s), &a));
	assert_int_equal(a.n, 4); /* no duplicate, the editor is not an author */
	s = "Compiled by 3 editors over the weekend";
	assert_false(import_credit_line(s, strlen(s), &a));
	s = "The council said the ferry contributed reporting lines to the port in a long statement today.";
	assert_false(import_credit_line(s, strlen(s), &a));
	strlist_free(&a);
	char *u = import_url_line("https://e.example/a?b=1", 23);
	assert_string_equal(u, "https://e.example/a?b=1");
	free(u);
	assert_null(import_url_line("see https://e.example/a", 23));
	assert_null(import_url_line("https://e.example/a b", 21));
}

static void test_keys(void **state)
{
	assert_true(import_url_key("https://www.E.example/a/?utm_source=rss#top") ==
		    import_url_key("http://e.example/a"));
	assert_true(import_url_key("https://e.example/a?id=2&utm_medium=x") == import_url_key("https://e.example/a?id=2"));
	assert_true(import_url_key("https://e.example/a?id=2") != import_url_key("https://e.example/a?id=3"));
	assert_true(import_url_key("https://e.example/A") != import_url_key("https://e.example/a"));
	assert_int_equal(import_url_key(""), 0);
	const char *a = "Dockers *stopped* work.\n\n- On Monday", *b = "dockers stopped work; on monday\n";
	assert_true(import_body_key(a, strlen(a)) == import_body_key(b, strlen(b)));
	assert_true(import_body_key(a, strlen(a)) != import_body_key("Dockers stopped", 15));
	assert_int_equal(import_body_key("** --- **", 9), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss2),
		cmocka_unit_test(test_rss1_atom),
		cmocka_unit_test(test_not_a_feed),
		cmocka_unit_test(test_credit_url_lines),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
