/* SPDX-License-Identifier: MIT
 * The compact offset map (core/text/render_map.c): 32-bit entries made in
 * body offsets as the text is added. Checked against the way it was made
 * before (64-bit entries in parser offsets, translated by a second pass),
 * kept here only as the reference: every offset of a 1 MB article with
 * every construct maps the same both ways; runs split and join where they
 * should; empty input; multi-byte characters. */
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
#include "core/text/render_int.h"

/* ---- the reference: the map as it was made before ---- */

struct ref_map {
	size_t r_off, r_len, s_off, s_len;
	bool verbatim;
};
struct ref {
	struct ref_map *m;
	size_t n;
	size_t *by_src, nsrc;
};

static size_t ref_seg_find(const struct tmpl_out *t, size_t x)
{
	size_t lo = 0, hi = t->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->segs[mid].out_off <= x) lo = mid;
		else hi = mid;
	}
	return lo;
}

static void ref_push(struct ref *r, size_t *cap, struct ref_map m)
{
	ARRAY_RESERVE(r->m, *cap, r->n + 1);
	r->m[r->n++] = m;
}

/* The old second pass: each entry of the untranslated map through t. */
static void ref_translate(const struct render_doc *d, const struct tmpl_out *t, struct ref *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < d->nmap; i++) {
		struct ref_map m = {d->map[i].r_off, d->map[i].r_len, d->map[i].s_off, d->map[i].s_len, d->map[i].verbatim};
		if (!t) {
			ref_push(out, &cap, m);
			continue;
		}
		size_t k = ref_seg_find(t, m.s_off);
		const struct tmpl_seg *g = &t->segs[k];
		if (!m.verbatim || m.s_len == 0) {
			size_t s = g->copied ? g->in_off + (m.s_off > g->out_off + g->len ? g->len : m.s_off - g->out_off) : g->in_off;
			size_t e = s;
			if (m.s_len) {
				const struct tmpl_seg *h = &t->segs[ref_seg_find(t, m.s_off + m.s_len - 1)];
				e = h->copied ? h->in_off + (m.s_off + m.s_len - h->out_off) : h->in_off + h->in_len;
			}
			ref_push(out, &cap, (struct ref_map){m.r_off, m.r_len, s, e > s ? e - s : 0, false});
			continue;
		}
		size_t done = 0;
		while (done < m.s_len && k < t->n) {
			g = &t->segs[k];
			size_t x = m.s_off + done;
			size_t in_seg = g->out_off + g->len > x ? g->out_off + g->len - x : 0;
			size_t take = m.s_len - done < in_seg ? m.s_len - done : in_seg;
			if (take == 0) {
				k++;
				continue;
			}
			if (g->copied)
				ref_push(out, &cap, (struct ref_map){m.r_off + done, take, g->in_off + (x - g->out_off), take, true});
			else
				ref_push(out, &cap, (struct ref_map){m.r_off + done, take, g->in_off, g->in_len, false});
			done += take;
			k++;
		}
		if (done < m.s_len)
			ref_push(out, &cap, (struct ref_map){m.r_off + done, m.s_len - done,
							     t->segs[t->n - 1].in_off + t->segs[t->n - 1].in_len, 0, false});
	}
}

static const struct ref_map *ref_sort_base;
static int ref_by_src(const void *x, const void *y)
{
	const struct ref_map *a = &ref_sort_base[*(const size_t *)x], *b = &ref_sort_base[*(const size_t *)y];
	if (a->s_off != b->s_off) return a->s_off < b->s_off ? -1 : 1;
	return a->r_off < b->r_off ? -1 : a->r_off > b->r_off;
}

/* The reference map of body[0, len): the pipeline of render_body with
 * the map left in parser offsets, then the old second pass. */
static struct render_doc *ref_render(const char *body, size_t len, enum render_format fmt, struct ref *out)
{
	struct tmpl_out t;
	tmpl_strip(body, len, &t);
	struct foot f;
	bool notes = fmt == RENDER_MARKDOWN && foot_scan(strbuf_str(&t.text), t.text.len, &f);
	const struct strbuf *src = notes ? &f.out.text : &t.text;
	struct rb b;
	rb_init(&b, fmt, src->len, NULL);
	if (fmt == RENDER_HTML) rb_html_block(&b, strbuf_str(src), src->len, 0);
	else render_markdown(&b, strbuf_str(src), src->len, notes ? &f : NULL);
	struct render_doc *d = rb_finish(&b);
	struct tmpl_out both = {0};
	if (notes) tmpl_compose(&f.out, &t, &both);
	bool cut = !(t.n == 1 && t.segs[0].copied && t.segs[0].in_off == 0 && t.segs[0].out_off == 0);
	ref_translate(d, notes ? &both : cut ? &t : NULL, out);
	tmpl_free(&both);
	if (notes) foot_free(&f);
	tmpl_free(&t);
	out->by_src = xmalloc((out->n + 1) * sizeof *out->by_src);
	for (size_t i = 0; i < out->n; i++)
		if (out->m[i].s_len) out->by_src[out->nsrc++] = i;
	ref_sort_base = out->m;
	qsort(out->by_src, out->nsrc, sizeof *out->by_src, ref_by_src);
	return d;
}

static size_t ref_to_source(const struct ref *f, size_t r)
{
	if (!f->n || r < f->m[0].r_off) return f->n ? f->m[0].s_off : 0;
	size_t lo = 0, hi = f->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (f->m[mid].r_off <= r) lo = mid;
		else hi = mid;
	}
	const struct ref_map *m = &f->m[lo];
	if (r < m->r_off + m->r_len) return m->verbatim ? m->s_off + (r - m->r_off) : m->s_off;
	return m->s_off + m->s_len;
}

static size_t ref_from_source(const struct ref *f, size_t s)
{
	if (!f->nsrc) return 0;
	const struct ref_map *first = &f->m[f->by_src[0]];
	if (s < first->s_off) return first->r_off;
	size_t lo = 0, hi = f->nsrc;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (f->m[f->by_src[mid]].s_off <= s) lo = mid;
		else hi = mid;
	}
	for (size_t k = lo + 1, steps = 0; k-- > 0 && steps < 64; steps++) {
		const struct ref_map *m = &f->m[f->by_src[k]];
		if (s < m->s_off + m->s_len) return m->verbatim ? m->r_off + (s - m->s_off) : m->r_off;
	}
	const struct ref_map *m = &f->m[f->by_src[lo]];
	return m->r_off + m->r_len;
}

static void ref_free(struct ref *f)
{
	free(f->m);
	free(f->by_src);
}

/* Every rendered offset and every body offset maps as the reference does;
 * the text is the same; the entries tile the text in order. */
static void check_same(const char *body, size_t len, enum render_format fmt)
{
	struct ref f;
	struct render_doc *r = ref_render(body, len, fmt, &f);
	struct render_doc *d = render_body(body, len, fmt);
	assert_int_equal(d->len, r->len);
	assert_memory_equal(d->text, r->text, d->len);
	assert_true(d->nmap <= f.n); /* joined runs only ever make fewer */
	for (size_t i = 0; i < d->nmap; i++) {
		const struct render_map *m = &d->map[i];
		assert_true((size_t)m->r_off + m->r_len <= d->len);
		assert_true((size_t)m->s_off + m->s_len <= len);
		if (m->verbatim) assert_memory_equal(d->text + m->r_off, body + m->s_off, m->r_len);
		if (i) assert_true((size_t)d->map[i - 1].r_off + d->map[i - 1].r_len <= m->r_off);
	}
	for (size_t x = 0; x <= d->len + 1; x++)
		if (render_to_source(d, x) != ref_to_source(&f, x)) fail_msg("to_source(%zu): %zu, reference %zu", x, render_to_source(d, x), ref_to_source(&f, x));
	for (size_t x = 0; x <= len + 1; x++)
		if (render_from_source(d, x) != ref_from_source(&f, x)) fail_msg("from_source(%zu): %zu, reference %zu", x, render_from_source(d, x), ref_from_source(&f, x));
	render_doc_free(d);
	render_doc_free(r);
	ref_free(&f);
}

/* A 1 MB article with every construct the renderer knows, in the shape
 * the benchmark uses, plus Liquid, <!--more-->, entities, an HTML block,
 * combining marks and a note that refers to another. */
static char *big_article(size_t *len)
{
	struct strbuf sb = STRBUF_INIT, notes = STRBUF_INIT;
	for (unsigned i = 1; sb.len + notes.len < 1000000; i++) {
		char ref[32] = "";
		if (i % 20 == 0) {
			snprintf(ref, sizeof ref, "[^n%u]", i);
			strbuf_addf(&notes, "[^n%u]: The log for berth %u — kept by the harbour office[^n%u].\n"
					    "    A second line of the note, indented.\n", i, i, i > 20 ? i - 20 : 20);
		}
		strbuf_addf(&sb, "## Section %u: the harbour’s week\n\n"
				 "The *council* voted on **Monday** to keep berth %u open%s — see the "
				 "[minutes](https://example.org/minutes/%u) and `pier %u`; the café stayed "
				 "open (東京 delegation 🚢, e\u0301). A <em>second</em> line follows with ~~old~~ news &amp; Q&#38;A.\n\n"
				 "- first point about berth %u\n  - nested detail {{< note >}}inside{{< /note >}}\n    1. deeper still\n- second point\n\n"
				 "> “We planned for this,” said the harbour master. {%% if x %%}kept{%% endif %%}\n\n"
				 "```\nberth %u  open\n```\n\n"
				 "| Berth | Tonnes | Note |\n|---|--:|---|\n| %u | %u | grain {{ page.x }} |\n\n"
				 "{{< figure src=\"/a%u.jpg\" caption=\"A crane\" >}}\n\n",
			    i, i, ref, i, i, i, i, i, i * 7, i);
		if (i % 7 == 0) strbuf_addf(&sb, "<div class=\"box\">\n<p>Box %u &mdash; <a href=\"/b/%u\">more</a></p>\n</div>\n\n", i, i);
		if (i % 11 == 0) strbuf_adds(&sb, "<!--more-->\n\n---\n\n![a crane](/c.png) <https://auto.example/x>\n\n");
	}
	strbuf_adds(&sb, "\n");
	strbuf_add(&sb, notes.buf, notes.len);
	strbuf_free(&notes);
	*len = sb.len;
	return strbuf_steal(&sb);
}

static void test_big_article_same_as_reference(void **state)
{
	(void)state;
	size_t len;
	char *s = big_article(&len);
	assert_true(len >= 1000000);
	check_same(s, len, RENDER_MARKDOWN);
	check_same(s, len / 3, RENDER_MARKDOWN); /* cut mid-way: notes and tags left open */
	render_doc_free(render_body(s, len, RENDER_HTML)); /* no crash; HTML below */
	free(s);
}

static void test_html_same_as_reference(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (unsigned i = 1; sb.len < 200000; i++)
		strbuf_addf(&sb, "<h2>Section %u</h2><p>The <b>council</b> voted &mdash; see <a href=\"https://e.org/%u\">"
				 "the minutes</a>.<br>Café  東京\n  🚢 {{< x >}}</p><ul><li>one</li><li>two <em>x</em></li></ul>"
				 "<table><tr><th>a</th><th>b</th></tr><tr><td>%u</td><td>y\tz</td></tr></table><pre>a\n b</pre>\n",
			    i, i, i);
	check_same(sb.buf, sb.len, RENDER_HTML);
	strbuf_free(&sb);
}

/* A verbatim run cut by a removed tag is two entries, split exactly at
 * the tag; runs that carry on in the text and the body are one. */
static void test_run_boundaries(void **state)
{
	(void)state;
	const char *s = "ab{{< x >}}cd\n";
	struct render_doc *d = render_body(s, strlen(s), RENDER_MARKDOWN);
	assert_string_equal(d->text, "abcd");
	assert_int_equal(d->nmap, 2);
	assert_int_equal(render_to_source(d, 1), 1);
	assert_int_equal(render_to_source(d, 2), 11); /* 'c' after the tag */
	assert_int_equal(render_from_source(d, 11), 2);
	assert_int_equal(render_from_source(d, 5), 2); /* inside the tag: the text before it */
	render_doc_free(d);
	check_same(s, strlen(s), RENDER_MARKDOWN);

	/* one run: a paragraph without markup, two lines */
	s = "one two\nthree\n";
	d = render_body(s, strlen(s), RENDER_TEXT);
	assert_int_equal(d->nmap, 1);
	assert_int_equal(d->map[0].r_len, 13);
	render_doc_free(d);
	/* an entity between two runs: three entries, the middle one whole */
	s = "a&amp;b\n";
	d = render_body(s, strlen(s), RENDER_MARKDOWN);
	assert_string_equal(d->text, "a&b");
	assert_int_equal(d->nmap, 3);
	assert_false(d->map[1].verbatim);
	assert_int_equal(d->map[1].s_off, 1);
	assert_int_equal(d->map[1].s_len, 5);
	assert_int_equal(render_to_source(d, 2), 6);
	render_doc_free(d);
	check_same(s, strlen(s), RENDER_MARKDOWN);
	assert_true(sizeof(struct render_map) <= 20);
}

static void test_empty(void **state)
{
	(void)state;
	static const enum render_format fmts[] = {RENDER_TEXT, RENDER_MARKDOWN, RENDER_HTML};
	for (size_t i = 0; i < 3; i++) {
		struct render_doc *d = render_body("", 0, fmts[i]);
		assert_int_equal(d->len, 0);
		assert_int_equal(d->nmap, 0);
		assert_int_equal(render_to_source(d, 0), 0);
		assert_int_equal(render_from_source(d, 0), 0);
		render_doc_free(d);
		if (fmts[i] == RENDER_TEXT) continue; /* text has no passes: the map is the body */
		check_same("", 0, fmts[i]);
		check_same("{{< x >}}", 9, fmts[i]);
	}
}

/* Multi-byte characters keep every byte mapped to its own byte, across a
 * removed shortcode and a footnote. */
static void test_multibyte(void **state)
{
	(void)state;
	const char *s = "Café — “東京” 🚢 e\u0301{{< x >}}ñ[^a] ok\n\n[^a]: Noté 🚢.\n";
	struct render_doc *d = render_body(s, strlen(s), RENDER_MARKDOWN);
	const char *words[] = {"Café", "東京", "🚢", "e\u0301", "ñ", "Noté"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		const char *r = strstr(d->text, words[i]);
		assert_non_null(r);
		size_t ro = (size_t)(r - d->text), so = render_to_source(d, ro);
		for (size_t k = 0; k < strlen(words[i]); k++) {
			assert_int_equal((unsigned char)s[render_to_source(d, ro + k)], (unsigned char)words[i][k]);
			assert_int_equal(render_from_source(d, so + k), ro + k);
		}
	}
	render_doc_free(d);
	check_same(s, strlen(s), RENDER_MARKDOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_boundaries),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_html_same_as_reference),
		cmocka_unit_test(test_big_article_same_as_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
