/* SPDX-License-Identifier: MIT
 * The article's text (core/text/article_text.h): Markdown, HTML and plain text
 * read as a person reads them; plain text is its own rendering; the words
 * for the index leave URLs and link numbers out; and marks stored by
 * earlier versions (offsets and quotes from the raw body) are found again
 * on the rendered text or reported orphaned, never dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/text/article_text.h"
#include "core/collection/dossier.h"
#include "core/output/export.h"
#include "core/find/ftsindex.h"
#include "core/state/store.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];

/* A Markdown article: a plain paragraph first, then bold text (with a
 * curly apostrophe), a link whose URL holds a word seen nowhere else, and
 * a plain paragraph after them, so raw and rendered offsets differ. */
static const char md_body[] =
	"The quay opened at dawn on Monday.\n"
	"\n"
	"Officials praised **the harbour\xE2\x80\x99s new crane** and its \xE6\x9D\xB1\xE4\xBA\xAC maker, "
	"see [the crane report](https://example.org/zeppelinpath/crane).\n"
	"\n"
	"Dockers walked out at noon \xE2\x80\x94 a caf\xC3\xA9 stayed open.\n";

static const char md_file[] = "---\ntitle: Crane\n---\n";

/* Plain text: markup-looking characters, blank runs, combining marks, emoji. */
static const char txt_body[] =
	"A *plain* note \xE2\x80\x9Cquoted\xE2\x80\x9D.\n"
	"\n"
	"\n"
	"  indented line with e\xCC\x81 and \xF0\x9F\x9A\xA2\n"
	"1. not a list [x](y)\n";

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-atext.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	char root[128];
	snprintf(root, sizeof root, "%s/c", tmpdir);
	mkdir(root, 0700);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, md_file);
	strbuf_adds(&sb, md_body);
	testfiles_write(root, "crane.md", sb.buf, sb.len);
	strbuf_free(&sb);
	testfiles_write(root, "note.txt", txt_body, strlen(txt_body));
	const char html[] = "---\ntitle: Page\nformat: html\n---\n<p>An <b>HTML</b> page &amp; "
			    "<a href=\"https://example.org/hiddenword\">its link</a>.</p>"
			    "<script>var scriptword = 1;</script>\n";
	testfiles_write(root, "page.md", html, strlen(html));
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static void open_coll(struct dossier *d)
{
	char root[128];
	snprintf(root, sizeof root, "%s/c", tmpdir);
	assert_int_equal(dossier_open(d, root, NULL, NULL, NULL, NULL), 0);
}

static const struct article *find(const struct dossier *d, const char *id)
{
	long i = collection_find(&d->coll, id);
	assert_true(i >= 0);
	return &d->coll.items[i];
}

static void test_markdown_text(void **st)
{
	(void)st;
	struct dossier d;
	open_coll(&d);
	size_t len;
	char *t = article_text_read(find(&d, "crane"), &len, NULL);
	assert_non_null(t);
	assert_int_equal(strlen(t), len);
	assert_non_null(strstr(t, "Officials praised the harbour\xE2\x80\x99s new crane and its"));
	assert_null(strstr(t, "**"));
	assert_non_null(strstr(t, "the crane report[1]"));
	assert_null(strstr(t, "](")); /* no link syntax */
	assert_non_null(strstr(t, "Links:\n[1] https://example.org/zeppelinpath/crane"));
	free(t);
	dossier_close(&d);
}

static void test_html_text(void **st)
{
	(void)st;
	struct dossier d;
	open_coll(&d);
	struct render_doc *doc = article_text_load(find(&d, "page"), NULL);
	assert_non_null(doc);
	assert_int_equal(doc->format, RENDER_HTML);
	assert_non_null(strstr(doc->text, "An HTML page & its link[1]."));
	assert_null(strstr(doc->text, "<b>"));
	assert_null(strstr(doc->text, "scriptword"));
	struct strbuf wb = STRBUF_INIT;
	size_t n;
	const char *w = article_text_words(doc, &wb, &n);
	char *words = xstrndup(w, n);
	assert_non_null(strstr(words, "its link   ."));  /* "[1]" blanked */
	assert_null(strstr(words, "hiddenword"));         /* the URL is not a word */
	assert_null(strstr(words, "Links"));
	free(words);
	strbuf_free(&wb);
	render_doc_free(doc);
	dossier_close(&d);
}

/* Plain text renders to itself: every offset is the body's. */
static void test_plain_identity(void **st)
{
	(void)st;
	struct dossier d;
	open_coll(&d);
	const struct article *a = find(&d, "note");
	size_t blen, tlen;
	char *body = article_body_read(a, &blen, NULL);
	struct render_doc *doc = article_text_load(a, NULL);
	assert_non_null(body);
	assert_non_null(doc);
	tlen = doc->len;
	assert_int_equal(tlen, blen - 1); /* the final newline only */
	assert_memory_equal(doc->text, body, tlen);
	for (size_t i = 0; i <= tlen; i++) {
		assert_int_equal(render_to_source(doc, i), i);
		assert_int_equal(render_from_source(doc, i), i);
	}
	struct strbuf wb = STRBUF_INIT;
	size_t n;
	assert_ptr_equal(article_text_words(doc, &wb, &n), doc->text); /* nothing blanked */
	assert_int_equal(n, tlen);
	strbuf_free(&wb);
	render_doc_free(doc);
	free(body);

	/* other shapes of plain text: runs of blank lines, no final newline, CRLF */
	static const char *const bodies[] = {"a\n\n\n\nb", "\n\nlead\n", "x", "",
					     "one\ntwo\n\n\nthree\n\n"};
	for (size_t i = 0; i < ARRAY_LEN(bodies); i++) {
		size_t bl = strlen(bodies[i]);
		struct render_doc *r = render_body(bodies[i], bl, RENDER_TEXT);
		size_t want = bl && bodies[i][bl - 1] == '\n' ? bl - 1 : bl;
		assert_int_equal(r->len, want);
		assert_memory_equal(r->text, bodies[i], want);
		render_doc_free(r);
	}
	dossier_close(&d);
}

static size_t cp_at(const char *s, const char *sub)
{
	const char *p = strstr(s, sub);
	assert_non_null(p);
	return utf8_codepoints(s, (size_t)(p - s));
}

/* A mark as an earlier version stored it: offsets and quote from the raw
 * body, markup included. */
static void add_raw_mark(struct strbuf *yaml, const char *id, const char *body, const char *quote)
{
	size_t s = cp_at(body, quote), e = s + utf8_codepoints(quote, strlen(quote));
	strbuf_addf(yaml, "  - article: \"%s\"\n    start: %zu\n    end: %zu\n"
		    "    created: \"2024-06-20T10:00:00Z\"\n    text: \"%s\"\n", id, s, e, quote);
}

static const struct export_item *item_of(const struct export_set *set, const char *stored)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->items[i].mark->text, stored) == 0) return &set->items[i];
	fail_msg("no item for \"%s\"", stored);
	return NULL;
}

/* The stored marks of an earlier version, read back through the export
 * set (the path `marks` and `export` take). */
static void test_old_marks_reanchor(void **st)
{
	(void)st;
	struct dossier d;
	open_coll(&d);
	char path[160];
	snprintf(path, sizeof path, "%s/state.yaml", tmpdir);
	struct strbuf y = STRBUF_INIT;
	strbuf_adds(&y, "version: 1\nmarks:\n");
	add_raw_mark(&y, "crane", md_body, "The quay opened");                       /* before any markup */
	add_raw_mark(&y, "crane", md_body, "harbour\xE2\x80\x99s new crane");       /* inside **bold** */
	add_raw_mark(&y, "crane", md_body, "Dockers walked out at noon");           /* plain, after a link */
	add_raw_mark(&y, "crane", md_body, "praised **the harbour\xE2\x80\x99s");   /* across the markup */
	add_raw_mark(&y, "crane", md_body, "zeppelinpath");                          /* inside the URL */
	add_raw_mark(&y, "note", txt_body, "indented line with e\xCC\x81");          /* plain text */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fwrite(y.buf, 1, y.len, f);
	fclose(f);
	strbuf_free(&y);

	struct diag_list dl = DIAG_LIST_INIT;
	struct store *s = store_open(path, &dl);
	assert_int_equal(dl.n, 0);
	assert_int_equal(store_mark_count(s), 6);
	struct export_set set = {0};
	export_set_build(&set, &d.coll, s, NULL, NULL, &dl);
	assert_int_equal(set.n, 6); /* none dropped */

	struct render_doc *doc = article_text_load(find(&d, "crane"), NULL);
	const struct export_item *it = item_of(&set, "The quay opened");
	assert_int_equal(it->anchor.status, MARK_OK);
	it = item_of(&set, "harbour\xE2\x80\x99s new crane");
	assert_int_equal(it->anchor.status, MARK_OK); /* where it was in the file */
	assert_string_equal(it->text, "harbour\xE2\x80\x99s new crane");
	assert_int_equal(it->anchor.start, cp_at(doc->text, "harbour\xE2\x80\x99s"));
	assert_string_equal(it->prefix, " Monday.\n\nOfficials praised the "); /* as read */
	it = item_of(&set, "Dockers walked out at noon");
	assert_int_equal(it->anchor.status, MARK_OK);
	assert_string_equal(it->text, "Dockers walked out at noon");
	assert_int_equal(it->anchor.start, cp_at(doc->text, "Dockers"));
	it = item_of(&set, "praised **the harbour\xE2\x80\x99s");
	assert_int_equal(it->anchor.status, MARK_OK); /* the same words, markup gone */
	assert_string_equal(it->text, "praised the harbour\xE2\x80\x99s");
	it = item_of(&set, "zeppelinpath");
	assert_int_equal(it->anchor.status, MARK_ORPHANED); /* not in the text read */
	assert_string_equal(it->text, "zeppelinpath");     /* stored text kept */
	it = item_of(&set, "indented line with e\xCC\x81");
	assert_int_equal(it->anchor.status, MARK_OK);
	render_doc_free(doc);
	export_set_free(&set);
	store_free(s);
	diag_list_free(&dl);
	dossier_close(&d);
}

/* A mark made now counts rendered code points and is found where it was;
 * without the raw body, an old mark is still found by its words. */
static void test_new_marks(void **st)
{
	(void)st;
	struct dossier d;
	open_coll(&d);
	const struct article *a = find(&d, "crane");
	char *raw;
	size_t rlen;
	struct render_doc *doc = article_text_load_raw(a, &raw, &rlen, NULL);
	assert_non_null(doc);
	size_t s = cp_at(doc->text, "new crane and its");
	struct mark m;
	assert_int_equal(mark_init(&m, "crane", doc->text, doc->len, s, s + 17), 0);
	assert_string_equal(m.text, "new crane and its");
	struct mark_anchor an = article_text_anchor(&m, doc, raw, rlen);
	assert_int_equal(an.status, MARK_OK);
	assert_int_equal(an.start, s);
	an = article_text_anchor(&m, doc, NULL, 0);
	assert_int_equal(an.status, MARK_OK);
	mark_free(&m);

	/* an old mark inside bold, no raw body to map it: found by its words */
	size_t os = cp_at(raw, "new crane");
	assert_int_equal(mark_init(&m, "crane", raw, rlen, os, os + 9), 0);
	an = article_text_anchor(&m, doc, NULL, 0);
	assert_int_equal(an.status, MARK_MOVED);
	assert_int_equal(an.start, cp_at(doc->text, "new crane"));
	mark_free(&m);

	/* a mark made on the link list stays there */
	size_t ls = cp_at(doc->text, "https://example.org/zeppelinpath");
	assert_int_equal(mark_init(&m, "crane", doc->text, doc->len, ls, ls + 19), 0);
	an = article_text_anchor(&m, doc, raw, rlen);
	assert_int_equal(an.status, MARK_OK);
	mark_free(&m);
	render_doc_free(doc);
	free(raw);
	dossier_close(&d);
}

static void collect(void *ctx, const char *w, size_t n)
{
	strbuf_add(ctx, w, n);
	strbuf_addc(ctx, '|');
}

/* The index's words of body rendered as Markdown, and of body itself. */
static void words_both(const char *body, size_t len, struct strbuf *rendered, struct strbuf *raw)
{
	struct render_doc *d = render_body(body, len, RENDER_MARKDOWN);
	struct strbuf wb = STRBUF_INIT;
	size_t n;
	const char *w = article_text_words(d, &wb, &n);
	ftsindex_tokenize(w, n, collect, rendered);
	ftsindex_tokenize(body, len, collect, raw);
	strbuf_free(&wb);
	render_doc_free(d);
}

/* The shortcut the index takes (the body's own words when no markup can
 * change one) gives the words of the rendering: checked on hand-picked
 * Markdown and on 20,000 random texts made of words and the markup that
 * stays punctuation (headings, bullets, quotes, tables, rules, autolinks). */
#define WAB(s, f) article_text_words_are_body(s, strlen(s), f)
static void test_words_shortcut(void **st)
{
	(void)st;
	assert_true(WAB("a **b**", RENDER_TEXT));
	assert_false(WAB("a **b**", RENDER_MARKDOWN));
	assert_false(WAB("<p>a</p>", RENDER_HTML));
	assert_false(WAB("x\n  1. item", RENDER_MARKDOWN));
	assert_false(WAB("> 2) item", RENDER_MARKDOWN));
	assert_false(WAB("a &amp; b", RENDER_MARKDOWN));
	assert_true(WAB("# Head\n\n- one 1. two\n", RENDER_MARKDOWN));
	static const char *const parts[] = {
		"word", "Harbour", "caf\xC3\xA9", "e\xCC\x81t\xC3\xA9", "\xE6\x9D\xB1\xE4\xBA\xAC",
		"\xF0\x9F\x9A\xA2", "\xE2\x80\x99s", "\xE2\x80\x94", "2024", "3.5", " ", " ", "  ",
		"\n", "\n", "\n\n", "\t", "    ", "# ", "## ", "- ", "+ ", "> ", "1. ", "2) ", "=", "---",
		"|", " | ", ":", ".", ",", "(", ")", "!", "\"", "'", "https://ex.org/p?q=1", "www.ex.org",
		"a@b.org", "#", "%", "$", "^", "/", "*", "_", "[", "]", "<", "&", "`", "~", "{", "\\",
	};
	uint64_t x = 0x9E3779B97F4A7C15u;
	size_t checked = 0;
	for (int round = 0; round < 20000; round++) {
		struct strbuf body = STRBUF_INIT, r = STRBUF_INIT, b = STRBUF_INIT;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t n = 1 + x % 16;
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			strbuf_adds(&body, parts[x % ARRAY_LEN(parts)]);
		}
		if (article_text_words_are_body(body.buf, body.len, RENDER_MARKDOWN)) {
			words_both(body.buf, body.len, &r, &b);
			if (strcmp(strbuf_str(&r), strbuf_str(&b)) != 0)
				fail_msg("body \"%s\": rendered %s, body %s", body.buf, strbuf_str(&r),
					 strbuf_str(&b));
			checked++;
		}
		strbuf_free(&body);
		strbuf_free(&r);
		strbuf_free(&b);
	}
	assert_true(checked > 2000); /* the shortcut was taken often enough to mean something */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_text),
		cmocka_unit_test(test_html_text),
		cmocka_unit_test(test_plain_identity),
		cmocka_unit_test(test_old_marks_reanchor),
		cmocka_unit_test(test_new_marks),
		cmocka_unit_test(test_words_shortcut),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
