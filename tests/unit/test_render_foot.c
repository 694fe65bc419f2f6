/* SPDX-License-Identifier: MIT
 * Footnotes in Markdown (core/text/render_foot.c, render_md.c): references
 * as superscript numbers in order of first reference, the notes after the
 * article and before the link list, continuation lines, code left alone,
 * offsets back to the body, and many notes bounded; and the link list
 * after them, whose long URLs hang under themselves when wrapped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/text/article_text.h"
#include "core/text/render.h"
#include "core/text/wrap.h"

static struct render_doc *md(const char *s)
{
	return render_body(s, strlen(s), RENDER_MARKDOWN);
}

/* The whole document as `dossier show` prints it, unwrapped. */
static char *plain(const struct render_doc *d)
{
	struct strbuf sb = STRBUF_INIT;
	render_plain(d, 80, false, &sb);
	char *s = strbuf_steal(&sb);
	return s ? s : xstrdup("");
}

static void test_refs_and_notes(void **state)
{
	(void)state;
	const char *s = "The port’s cranes[^cranes] came late.[^Late] Again[^cranes].\n\n"
			"[^late]: The ship waited.\n"
			"[^cranes]: Built in Ōsaka; 東京 signed.\n";
	struct render_doc *d = md(s);
	char *p = plain(d);
	assert_string_equal(p, "The port’s cranes¹ came late.² Again¹.\n"
			       "\n"
			       "Notes:\n"
			       "¹ Built in Ōsaka; 東京 signed.\n"
			       "² The ship waited.\n");
	free(p);
	/* the numbers are spans with the note number */
	size_t nref = 0;
	for (size_t i = 0; i < d->nspans; i++)
		if (d->spans[i].style == RS_FOOTREF) {
			assert_true(d->spans[i].aux == (nref == 1 ? 2u : 1u));
			assert_int_equal(d->spans[i].len, 2); /* "¹" */
			nref++;
		}
	assert_int_equal(nref, 3);
	render_doc_free(d);
}

static void test_continuation(void **state)
{
	(void)state;
	const char *s = "A claim.[^1]\n\n"
			"[^1]: First line\n"
			"lazily carried on.\n"
			"    Indented more.\n"
			"\n"
			"    A *second* paragraph.\n"
			"\n"
			"        code in a note\n"
			"\n"
			"Back in the article.\n";
	struct render_doc *d = md(s);
	char *p = plain(d);
	assert_string_equal(p, "A claim.¹\n"
			       "\n"
			       "Back in the article.\n"
			       "\n"
			       "Notes:\n"
			       "¹ First line lazily carried on. Indented more.\n"
			       "\n"
			       "  A second paragraph.\n"
			       "\n"
			       "    code in a note\n");
	free(p);
	render_doc_free(d);
}

/* Code spans, code blocks, undefined labels and definitions in a fence are
 * left as typed; plain text and HTML bodies never have notes. */
static void test_left_alone(void **state)
{
	(void)state;
	const char *s = "Typed `[^a]` and [^nope] and [^a].\n\n"
			"```\n[^a]: in a fence\n```\n\n"
			"    [^a] indented code\n\n"
			"[^a]: The note.\n";
	struct render_doc *d = md(s);
	char *p = plain(d);
	assert_string_equal(p, "Typed [^a] and [^nope] and ¹.\n"
			       "\n"
			       "  [^a]: in a fence\n"
			       "\n"
			       "  [^a] indented code\n"
			       "\n"
			       "Notes:\n"
			       "¹ The note.\n");
	free(p);
	render_doc_free(d);

	const char *t = "Plain[^1] text.\n[^1]: stays.\n";
	d = render_body(t, strlen(t), RENDER_TEXT);
	assert_string_equal(d->text, "Plain[^1] text.\n[^1]: stays.");
	render_doc_free(d);
	const char *h = "<p>Page[^1]</p>\n[^1]: stays\n";
	d = render_body(h, strlen(h), RENDER_HTML);
	assert_non_null(strstr(d->text, "Page[^1]"));
	assert_non_null(strstr(d->text, "[^1]: stays"));
	render_doc_free(d);
}

/* Notes come before the link list; a note's links are numbered after the
 * article's; a note can refer to another; unreferenced ones are kept;
 * a label is matched without case and the first definition wins. */
static void test_order_links_unreferenced(void **state)
{
	(void)state;
	const char *s = "See [the map](https://e.org/map).[^B]\n\n"
			"[^b]: After [the tide](https://e.org/tide), see[^c].\n"
			"[^b]: A second b, never used.\n"
			"[^c]: Self[^c] and back[^b].\n"
			"[^z]: Nobody refers to this one.\n";
	struct render_doc *d = md(s);
	char *p = plain(d);
	assert_string_equal(p, "See the map[1].¹\n"
			       "\n"
			       "Notes:\n"
			       "¹ After the tide[2], see².\n"
			       "² Self² and back¹.\n"
			       "³ A second b, never used.\n"
			       "⁴ Nobody refers to this one.\n"
			       "\n"
			       "Links:\n"
			       "[1] https://e.org/map\n"
			       "[2] https://e.org/tide\n");
	free(p);
	/* the notes are prose: the index reads them, not the numbers */
	struct strbuf wb = STRBUF_INIT;
	size_t wl;
	const char *w = article_text_words(d, &wb, &wl);
	assert_non_null(memmem(w, wl, "Nobody refers", 13));
	assert_null(memmem(w, wl, "¹", strlen("¹")));
	assert_null(memmem(w, wl, "https://", 8));
	strbuf_free(&wb);
	render_doc_free(d);
}

/* Rendered offsets map back to the body through the template pass and the
 * note pass: note words to their bytes, a number to its "[^x]". */
static void test_offsets(void **state)
{
	(void)state;
	const char *s = "{{< more >}}Café[^n] — “quote”.\n\n"
			"[^n]: Under 東京\n"
			"    the *bridge* stands.\n";
	struct render_doc *d = md(s);
	const char *words[] = {"Café", "“quote”", "東京", "bridge", "stands"};
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		const char *r = strstr(d->text, words[i]);
		const char *b = strstr(s, words[i]);
		assert_non_null(r);
		size_t ro = (size_t)(r - d->text), bo = (size_t)(b - s);
		assert_int_equal(render_to_source(d, ro), bo);
		assert_int_equal(render_from_source(d, bo), ro);
		assert_int_equal(render_to_source(d, ro + strlen(words[i]) - 1), bo + strlen(words[i]) - 1);
	}
	const char *sup = strstr(d->text, "¹");
	assert_int_equal(render_to_source(d, (size_t)(sup - d->text)), (size_t)(strstr(s, "[^n]") - s));
	render_doc_free(d);
}

/* Thousands of notes and references: linear enough, and a number too long
 * for superscript digits in a marker is written plainly. */
#define N_NOTES 40004 /* "⁴⁰⁰⁰⁴" is 15 bytes: more than a marker holds */
static void test_many_notes(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 1; i <= N_NOTES; i++) strbuf_addf(&sb, "w[^%d] ", i);
	strbuf_adds(&sb, "\n\n");
	for (int i = 1; i <= N_NOTES; i++) strbuf_addf(&sb, "[^%d]: note %d\n", i, i);
	struct render_doc *d = render_body(sb.buf, sb.len, RENDER_MARKDOWN);
	assert_non_null(strstr(d->text, "w⁹⁹⁹⁹ w¹⁰⁰⁰⁰ w¹⁰⁰⁰¹"));
	assert_non_null(strstr(d->text, "w⁴⁰⁰⁰³ w⁴⁰⁰⁰⁴\n"));
	const struct render_line *last = &d->lines[d->nlines - 1];
	assert_string_equal(render_line_prefix(d, last), "40004 ");
	char *t = xstrndup(d->text + last->off, last->len);
	assert_string_equal(t, "note 40004");
	free(t);
	const struct render_line *l9 = &d->lines[d->nlines - N_NOTES + 39998];
	assert_string_equal(render_line_prefix(d, l9), "³⁹⁹⁹⁹ ");
	render_doc_free(d);
	strbuf_free(&sb);
}

/* A long URL stays on its number's row and runs on under itself; too
 * narrow to hang, it wraps as any line. */
static void test_link_list_hangs(void **state)
{
	(void)state;
	const char *s = "[a](https://example.org/a/very/long/path/that/wraps) and [b](javascript:x)\n";
	struct render_doc *d = md(s);
	struct strbuf sb = STRBUF_INIT;
	render_plain(d, 24, true, &sb);
	assert_string_equal(sb.buf, "a[1] and b[2]\n"
				    "\n"
				    "Links:\n"
				    "[1] https://example.org/\n"
				    "    a/very/long/path/tha\n"
				    "    t/wraps\n"
				    "[2] javascript:x (not\n"
				    "    opened)\n");
	strbuf_free(&sb);
	/* the pane's way: rows relative to the line, hanging prefix */
	const struct render_line *l = &d->lines[d->nlines - 2];
	struct wrap w = {0};
	const char *hang = render_line_wrap(d, l, 24, 0, &w);
	assert_string_equal(hang, "    ");
	assert_int_equal(w.n, 3);
	assert_int_equal(w.lines[0].start, 0);
	assert_int_equal(w.lines[0].width, 24);
	assert_int_equal(w.lines[1].start, 24);
	/* 11 columns: no room to hang, so no hanging prefix */
	hang = render_line_wrap(d, l, 11, 0, &w);
	assert_string_equal(hang, "");
	wrap_free(&w);
	render_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refs_and_notes),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_left_alone),
		cmocka_unit_test(test_order_links_unreferenced),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_many_notes),
		cmocka_unit_test(test_link_list_hangs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
