/* SPDX-License-Identifier: MIT
 * The renderer (core/text/render*.c): each Markdown construct, HTML through
 * libxml2, template syntax, plain text left alone, tables at narrow
 * widths, entities, links, deep nesting, and the offset map round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/meta/fieldmap.h"
#include "core/meta/frontmatter.h"
#include "core/text/render.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static struct render_doc *md(const char *s)
{
	return render_body(s, strlen(s), RENDER_MARKDOWN);
}

/* The text of line i. */
static char *line(const struct render_doc *d, size_t i)
{
	assert_true(i < d->nlines);
	return xstrndup(d->text + d->lines[i].off, d->lines[i].len);
}

static void assert_line(const struct render_doc *d, size_t i, const char *prefix, const char *text)
{
	char *t = line(d, i);
	assert_string_equal(render_line_prefix(d, &d->lines[i]), prefix);
	assert_string_equal(t, text);
	free(t);
}

/* Is there a span of style st exactly over the first occurrence of word? */
static bool has_span(const struct render_doc *d, enum render_style st, const char *word)
{
	const char *p = strstr(d->text, word);
	if (!p) return false;
	size_t off = (size_t)(p - d->text);
	for (size_t i = 0; i < d->nspans; i++)
		if (d->spans[i].style == st && d->spans[i].off == off && d->spans[i].len == strlen(word)) return true;
	return false;
}

static void test_plain_text_untouched(void **state)
{
	(void)state;
	const char *s = "* a star\n1. a number\n\n<b>tag</b> &amp; `tick` {{< x >}}\n";
	struct render_doc *d = render_body(s, strlen(s), RENDER_TEXT);
	assert_int_equal(d->len, strlen(s) - 1); /* no trailing newline */
	assert_memory_equal(d->text, s, d->len);
	assert_int_equal(d->nlines, 4);
	assert_int_equal(d->lines[2].kind, RL_BLANK);
	assert_int_equal(d->nspans, 0);
	assert_int_equal(d->nlinks, 0);
	for (size_t r = 0; r <= d->len; r++) {
		if (s[r] == '\n') continue; /* a line end maps to the end of the line before */
		assert_int_equal(render_to_source(d, r), r);
		assert_int_equal(render_from_source(d, r), r);
	}
	render_doc_free(d);
}

static void test_inline_styles(void **state)
{
	(void)state;
	struct render_doc *d = md("Some *emph*, **strong**, `code` and ~~gone~~ text.\n");
	assert_string_equal(d->text, "Some emph, strong, code and gone text.");
	assert_true(has_span(d, RS_EMPH, "emph"));
	assert_true(has_span(d, RS_STRONG, "strong"));
	assert_true(has_span(d, RS_CODE, "code"));
	assert_true(has_span(d, RS_STRIKE, "gone"));
	render_doc_free(d);
}

static void test_headings_quotes_rules(void **state)
{
	(void)state;
	struct render_doc *d = md("# One\n\n### Three\n\n> quoted *text*\n>\n> > deeper\n\n---\n\nafter\n");
	assert_line(d, 0, "# ", "One");
	assert_int_equal(d->lines[0].kind, RL_HEADING);
	assert_int_equal(d->lines[0].aux, 1);
	assert_true(has_span(d, RS_HEADING, "One"));
	assert_line(d, 2, "### ", "Three");
	assert_line(d, 4, "│ ", "quoted text");
	assert_string_equal(render_line_cont(d, &d->lines[4]), "│ ");
	assert_line(d, 5, "│", "");              /* the gap inside the quote */
	assert_line(d, 6, "│ │ ", "deeper");
	assert_int_equal(d->lines[8].kind, RL_RULE);
	assert_line(d, 10, "", "after");
	render_doc_free(d);
}

static void test_nested_lists(void **state)
{
	(void)state;
	struct render_doc *d = md("- one\n  wrapped\n- two\n  1. first\n  2. second\n     - deep\n- three\n\n7. seven\n8. eight\n");
	assert_line(d, 0, "• ", "one wrapped");
	assert_string_equal(render_line_cont(d, &d->lines[0]), "  ");
	assert_line(d, 1, "• ", "two");
	assert_line(d, 2, "  1. ", "first");
	assert_string_equal(render_line_cont(d, &d->lines[2]), "     ");
	assert_line(d, 3, "  2. ", "second");
	assert_line(d, 4, "     ▪ ", "deep");
	assert_line(d, 5, "• ", "three");
	assert_int_equal(d->lines[6].kind, RL_BLANK);
	assert_line(d, 7, "7. ", "seven");
	assert_line(d, 8, "8. ", "eight");
	/* the markers are display-only: not in the text */
	assert_null(strstr(d->text, "•"));
	render_doc_free(d);
}

static void test_code_block_verbatim(void **state)
{
	(void)state;
	/* md4c gives a leading tab as the spaces it stands for */
	struct render_doc *d = md("```\nint  x;\n\nif (*p)\t{ return; }\n```\n");
	assert_int_equal(d->nlines, 3);
	assert_line(d, 0, "  ", "int  x;");
	assert_line(d, 1, "  ", "");
	assert_line(d, 2, "  ", "if (*p)\t{ return; }");
	for (size_t i = 0; i < 3; i++) assert_int_equal(d->lines[i].kind, RL_CODE);
	assert_true(has_span(d, RS_CODEBLOCK, "int  x;\n\nif (*p)\t{ return; }"));
	render_doc_free(d);
}

/* Every display row of a laid-out table, as text. */
static void layout_rows(const struct render_doc *d, size_t t, int width, char *out, size_t cap, bool *fallback)
{
	struct render_layout l;
	render_table_layout(d, t, width, &l);
	size_t o = 0;
	out[0] = '\0';
	for (size_t r = 0; r < l.n; r++) {
		int w = 0;
		for (size_t k = 0; k < l.rows[r].n; k++) {
			const struct render_piece *p = &l.rows[r].pieces[k];
			w += p->width;
			if (p->r_off == SIZE_MAX)
				for (int i = 0; i < p->width; i++) o += (size_t)snprintf(out + o, cap - o, "%s", p->lit);
			else o += (size_t)snprintf(out + o, cap - o, "%.*s", (int)p->len, d->text + p->r_off);
		}
		assert_true(w <= width);
		o += (size_t)snprintf(out + o, cap - o, "\n");
	}
	*fallback = l.fallback;
	render_layout_free(&l);
}

static void test_tables_narrow(void **state)
{
	(void)state;
	struct render_doc *d = md("| Berth | Note |\n|---|--:|\n| 3 | dredging until the end of July |\n| 12 | open |\n");
	assert_int_equal(d->ntables, 1);
	assert_int_equal(d->tables[0].ncols, 2);
	assert_int_equal(d->tables[0].nrows, 3);
	/* the text does not depend on the width: cells split by a tab */
	assert_string_equal(d->text, "Berth\tNote\n3\tdredging until the end of July\n12\topen");
	char buf[2048];
	bool fb;
	layout_rows(d, 0, 80, buf, sizeof buf, &fb);
	assert_false(fb);
	assert_string_equal(buf, "Berth │                           Note\n"
				 "──────┼───────────────────────────────\n"
				 "3     │ dredging until the end of July\n"
				 "12    │                           open\n");
	layout_rows(d, 0, 24, buf, sizeof buf, &fb); /* narrower than the content: cells wrap */
	assert_false(fb);
	assert_non_null(strstr(buf, "3     │   dredging until\n      │  the end of July\n")); /* right-aligned */
	layout_rows(d, 0, 9, buf, sizeof buf, &fb);  /* too narrow for columns: records */
	assert_true(fb);
	assert_non_null(strstr(buf, "Berth: 3\n"));
	assert_non_null(strstr(buf, "Note: \n  dredgin\n  g until\n"));
	render_doc_free(d);
}

static void test_entities(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{"a &amp; b", "a & b"}, {"x&#58;y&#x3A;z", "x:y:z"}, {"caf&eacute;", "café"},
		{"&bogus; &amp &", "&bogus; &amp &"}, {"&#0;|&#xD800;|&#x110000;|&#99999999999;", "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD"},
		{"&apos;&quot;&lt;&gt;&mdash;", "'\"<>—"}, {"", ""}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = render_decode_entities(cases[i].in, strlen(cases[i].in), NULL);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
	struct render_doc *d = md("AT&amp;T &copy; 2024\n");
	assert_string_equal(d->text, "AT&T © 2024");
	render_doc_free(d);
}

static void test_metadata_entities(void **state)
{
	(void)state;
	const char *y = "title: \"Harbour &amp; rail &#8212; caf&eacute;\"\nauthors: [\"A &amp; B\"]\n"
			"source: X&#58;Y\neditor: \"&lt;Ed&gt;\"\n";
	struct article a = {0};
	struct fieldmap fm;
	struct diag_list dl = DIAG_LIST_INIT;
	fieldmap_init_default(&fm);
	frontmatter_read(&a, y, strlen(y), "t.md", 2, &fm, &dl);
	assert_string_equal(a.title, "Harbour & rail — café");
	assert_string_equal(a.source, "X:Y");
	assert_string_equal(a.authors.v[0], "A & B");
	assert_string_equal(article_get_extra(&a, "editor"), "<Ed>");
	article_free(&a);
	fieldmap_free(&fm);
	diag_list_free(&dl);
}

static void test_templates(void **state)
{
	(void)state;
	struct render_doc *d = md("Intro.<!--more-->\n\n{{< figure src=\"/c.jpg\" caption=\"A crane\" >}}\n\n"
				  "{{% note %}}Inner text.{{% /note %}} {{< ref link=\"https://example.org/r\" >}}\n\n"
				  "{% if x %}kept{% endif %} {{ page.title }}end {{ unclosed\n");
	assert_null(strstr(d->text, "{%"));
	assert_null(strstr(d->text, "<!--"));
	assert_null(strstr(d->text, "page.title"));
	assert_non_null(strstr(d->text, "[image: A crane]"));
	assert_non_null(strstr(d->text, "Inner text."));
	assert_non_null(strstr(d->text, "kept"));
	assert_non_null(strstr(d->text, "{{ unclosed")); /* not a tag: kept as written */
	assert_int_equal(d->nlinks, 1);
	assert_string_equal(d->links[0].url, "https://example.org/r");
	render_doc_free(d);
	/* found by fuzz_render (ASan): a verbatim run through the last
	 * segment left the segment index one past the end for the next entry */
	d = md("{{ a }}b *c* [l](https://e.org/x)\n");
	assert_string_equal(d->text, "b c l[1]\n\nLinks:\n[1] https://e.org/x");
	assert_int_equal(render_to_source(d, 2), 10); /* "c" */
	render_doc_free(d);
}

static void test_html(void **state)
{
	(void)state;
	const char *h = "<h2>T&amp;C</h2><p>One <b>bold</b> <!-- c --><script>evil()</script>word<br>two</p>"
			"<ul><li>a<ul><li>b</li></ul></li></ul><pre>  x\n y</pre><style>p{}</style>"
			"<table><tr><td>1</td><td>2</td></tr></table>";
	struct render_doc *d = render_body(h, strlen(h), RENDER_HTML);
	assert_line(d, 0, "## ", "T&C");
	assert_line(d, 2, "", "One bold word");
	assert_line(d, 3, "", "two");
	assert_true(has_span(d, RS_STRONG, "bold"));
	assert_null(strstr(d->text, "evil"));
	assert_null(strstr(d->text, "p{}"));
	assert_line(d, 5, "• ", "a");
	assert_line(d, 6, "  ◦ ", "b");
	assert_non_null(strstr(d->text, "  x\n y"));
	assert_int_equal(d->ntables, 1);
	render_doc_free(d);
	/* malformed: unclosed, misnested, stray closers, attributes without quotes */
	const char *bad = "<div><p>open <b>bold <i>both</b> still</div></td></tr><a href=x>l<a href=y>m</p><<>>&&;";
	d = render_body(bad, strlen(bad), RENDER_HTML);
	assert_non_null(strstr(d->text, "open bold both still"));
	assert_int_equal(d->nlinks, 2);
	render_doc_free(d);
	/* inline HTML inside Markdown */
	d = md("A <em>b</em> <a href=\"https://e.org/?a=1&amp;b\">c</a> <img src=i alt=\"pic\"> "
	       "<script>x</script>d <span>e</span>\n");
	assert_true(has_span(d, RS_EMPH, "b"));
	assert_string_equal(d->links[0].url, "https://e.org/?a=1&b");
	assert_non_null(strstr(d->text, "[image: pic]"));
	assert_null(strstr(d->text, "x"));
	render_doc_free(d);
	/* an alt with line breaks in code: one code line, its breaks blanks
	 * (the fuzzer's tests/fuzz/regress/render/img-alt-newline-in-pre) */
	const char *pre = "<pre>x<img alt=\"caf\xc3\xa9\n\u6771\u4eac\tend\">y\nz</pre>";
	d = render_body(pre, strlen(pre), RENDER_HTML);
	assert_int_equal(d->lines[0].kind, RL_CODE);
	assert_line(d, 0, "  ", "x[image: café 東京 end]y");
	assert_line(d, 1, "  ", "z");
	render_doc_free(d);
}

static void test_links(void **state)
{
	(void)state;
	struct render_doc *d = md("[Podcasts](https://e.org/p) and [again](https://e.org/p), "
				  "[js](javascript:alert(1)) [d](data:text/html,x) [rel](/about) "
				  "<a href=\"https://e.org/&#27;x y\">ctl</a> <https://e.org/auto>\n");
	assert_non_null(strstr(d->text, "Podcasts[1] and again[1], js[2] d[3] rel[4]"));
	assert_int_equal(d->nlinks, 6);
	assert_true(d->links[0].openable);
	assert_string_equal(d->links[0].text, "Podcasts");
	assert_false(d->links[1].openable);
	assert_false(d->links[2].openable);
	assert_false(d->links[3].openable);
	assert_false(d->links[4].openable);
	assert_string_equal(d->links[4].shown, "https://e.org/%1Bx%20y");
	assert_true(d->links[5].openable);
	assert_true(has_span(d, RS_LINKREF, "[1]"));
	/* the closing link list */
	const struct render_line *last = &d->lines[d->nlines - 1];
	assert_int_equal(last->kind, RL_LINKS);
	assert_non_null(strstr(d->text, "Links:\n[1] https://e.org/p\n[2] javascript:alert(1) (not opened)"));
	render_doc_free(d);
}

/* Offsets: verbatim runs are the source's bytes; words map both ways. */
static void test_offsets_roundtrip(void **state)
{
	(void)state;
	const char *s = "# Café\n\nThe *port* — “grain” at `pier 7`; 東京 🚢 &amp; done.\n\n"
			"{{< note >}}\n- item **one**\n  > q\n\n| a | b |\n|---|---|\n| x | yz |\n";
	struct render_doc *d = md(s);
	for (size_t i = 0; i < d->nmap; i++) {
		const struct render_map *m = &d->map[i];
		assert_true(m->r_off + m->r_len <= d->len);
		assert_true(m->s_off + m->s_len <= strlen(s));
		if (m->verbatim) assert_memory_equal(d->text + m->r_off, s + m->s_off, m->r_len);
		if (i) assert_true(d->map[i - 1].r_off + d->map[i - 1].r_len <= m->r_off);
	}
	static const char *const words[] = {"Café", "port", "grain", "pier 7", "東京", "🚢", "done", "one", "q", "yz"};
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		const char *r = strstr(d->text, words[i]);
		assert_non_null(r);
		size_t roff = (size_t)(r - d->text);
		size_t soff = render_to_source(d, roff);
		assert_memory_equal(s + soff, words[i], strlen(words[i]));
		assert_int_equal(render_from_source(d, soff), roff);
		/* the end too */
		size_t e = roff + strlen(words[i]);
		assert_int_equal(render_to_source(d, e - 1) + 1, soff + strlen(words[i]));
	}
	/* markup renders to nothing: it maps to the text before it */
	size_t star = (size_t)(strchr(s, '*') - s);
	assert_int_equal(render_from_source(d, star), (size_t)(strstr(d->text, "port") - d->text));
	/* an entity maps as a unit */
	size_t amp = (size_t)(strstr(d->text, "&") - d->text);
	assert_memory_equal(s + render_to_source(d, amp), "&amp;", 5);
	render_doc_free(d);
}

/* Found by fuzz_render: a NUL inside an HTML block made md4c hand the
 * block over in pieces that are not one slice of the source, and the
 * words found in it were mapped to the wrong body bytes. */
static void test_html_block_nul_offsets(void **state)
{
	(void)state;
	static const char s[] = "<div>\n<table><t\x02\0\0r><td>1</td><td><p>2</p></td></tr></table>\n</div>\n\ntext &amp;\n";
	struct render_doc *d = render_body(s, sizeof s - 1, RENDER_MARKDOWN);
	for (size_t i = 0; i < d->nmap; i++)
		if (d->map[i].verbatim)
			assert_memory_equal(d->text + d->map[i].r_off, s + d->map[i].s_off, d->map[i].r_len);
	assert_non_null(strstr(d->text, "text &"));
	render_doc_free(d);
}

/* Found by fuzz_render: a <pre> inside a table cell ended the row's line,
 * so the next cell was written outside any line. */
static void test_pre_in_cell(void **state)
{
	(void)state;
	const char *h = "<table><tr><td><pre>a\nb</pre></td><td>c</td></tr><tr><td>d</td></tr></table>";
	struct render_doc *d = render_body(h, strlen(h), RENDER_HTML);
	assert_int_equal(d->nlines, 2);
	assert_string_equal(d->text, "a b\tc\nd");
	render_doc_free(d);
	/* found by fuzz_render too: a tab inside a cell became a space but
	 * was still mapped as the source's own bytes */
	const char *m = "| a\x01\tb | c |\n|---|---|\n| x\ty | z |\n";
	d = md(m);
	for (size_t i = 0; i < d->nmap; i++)
		if (d->map[i].verbatim)
			assert_memory_equal(d->text + d->map[i].r_off, m + d->map[i].s_off, d->map[i].r_len);
	assert_non_null(strstr(d->text, "x y\tz"));
	render_doc_free(d);
}

/* Nesting far past what is drawn: bounded, prefixes capped. */
static void test_deep_nesting(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 10000; i++) strbuf_adds(&sb, "- ");
	strbuf_adds(&sb, "deep\n\n");
	for (int i = 0; i < 10000; i++) strbuf_addc(&sb, '>');
	strbuf_adds(&sb, " quoted\n\n");
	for (int i = 0; i < 2000; i++) {
		for (int k = 0; k < i; k++) strbuf_adds(&sb, "  ");
		strbuf_adds(&sb, "- x\n");
	}
	struct render_doc *d = md(strbuf_str(&sb));
	assert_non_null(strstr(d->text, "deep"));
	assert_non_null(strstr(d->text, "quoted"));
	for (size_t i = 0; i < d->nlines; i++)
		assert_true(strlen(render_line_prefix(d, &d->lines[i])) < 16 * 8);
	render_doc_free(d);
	strbuf_reset(&sb);
	for (int i = 0; i < 100000; i++) strbuf_adds(&sb, "<b><div>");
	strbuf_adds(&sb, "core");
	d = render_body(sb.buf, sb.len, RENDER_HTML);
	assert_true(d->len < 1000);
	render_doc_free(d);
	strbuf_reset(&sb);
	for (int i = 0; i < 100000; i++) strbuf_adds(&sb, "<em>");
	strbuf_adds(&sb, "inline\n");
	d = md(strbuf_str(&sb));
	assert_non_null(strstr(d->text, "inline"));
	render_doc_free(d);
	strbuf_free(&sb);
}

static void test_format_of(void **state)
{
	(void)state;
	struct article a = {.path = "x/a.md"};
	assert_int_equal(render_format_of(&a), RENDER_MARKDOWN);
	a.path = "x/a.markdown";
	assert_int_equal(render_format_of(&a), RENDER_MARKDOWN);
	a.path = "x/a.txt";
	assert_int_equal(render_format_of(&a), RENDER_TEXT);
	article_set_extra(&a, "format", "HTML");
	assert_int_equal(render_format_of(&a), RENDER_HTML);
	for (size_t i = 0; i < a.nextra; i++) free(a.extra[i].key), free(a.extra[i].value);
	free(a.extra);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_untouched),
		cmocka_unit_test(test_inline_styles),
		cmocka_unit_test(test_headings_quotes_rules),
		cmocka_unit_test(test_nested_lists),
		cmocka_unit_test(test_code_block_verbatim),
		cmocka_unit_test(test_tables_narrow),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_metadata_entities),
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_offsets_roundtrip),
		cmocka_unit_test(test_html_block_nul_offsets),
		cmocka_unit_test(test_pre_in_cell),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_format_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
