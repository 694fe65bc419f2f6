/* SPDX-License-Identifier: MIT
 * Content signatures, related-by-content, the blend with shared tags, and
 * near-duplicate grouping, on in-memory collections with known answers.
 * The texts are our own; the long ones are generated from a word list so
 * their overlap is known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/find/dupes.h"
#include "core/find/related.h"
#include "core/find/similar.h"
#include "core/find/simtext.h"
#include "core/base/strbuf.h"
#include "core/collection/tags.h"
#include "core/base/util.h"

struct fixture {
	const char *title, *tags, *text;
};

static void make(struct collection *c, const struct fixture *f, size_t n)
{
	memset(c, 0, sizeof *c);
	c->items = xcalloc(n, sizeof *c->items);
	c->n = c->cap = n;
	for (size_t i = 0; i < n; i++) {
		struct article *a = &c->items[i];
		char id[32];
		snprintf(id, sizeof id, "a%02zu", i);
		a->id = xstrdup(id);
		a->title = xstrdup(f[i].title);
		a->date = 20240101 + (int)i;
		for (const char *p = f[i].tags; p && *p;) {
			const char *q = strchr(p, ',');
			if (!q) q = p + strlen(p);
			char *t = tag_normalize(p, (size_t)(q - p));
			if (t) strlist_push_own(&a->tags, t);
			p = *q ? q + 1 : q;
		}
		a->sig = simsig_compute(a->title, f[i].text, strlen(f[i].text));
	}
}

/* Untagged: three flood reports, two chess reports, two bakery pieces. */
static const struct fixture untagged[] = {
	{"River Vltava bursts its banks", NULL,
	 "The river rose overnight and flooded the lower town. Sandbags held at the "
	 "bridge, but the flood barrier on the east bank failed. Residents waded through "
	 "muddy water to reach the emergency shelter."},
	{"Chess: Ana Müller wins the Zürich open", NULL,
	 "In the final round the grandmaster sacrificed a rook and forced checkmate in "
	 "thirty moves. The tournament’s prize pool doubled this year; the chess club "
	 "hosts the blitz event next."},
	{"Floodwater recedes, clean-up begins", NULL,
	 "As the floodwater recedes, volunteers shovel mud from cellars. Engineers "
	 "inspect the broken flood barrier; the river is still high at the bridge, and "
	 "the shelter stays open."},
	{"Bread prices climb again", NULL,
	 "Bakeries raised the price of a loaf for the third time: flour and oven fuel "
	 "cost more. One baker said rye bread sells best; the bakery queue starts at six."},
	{"Blitz chess night draws a crowd", NULL,
	 "The club’s blitz night drew forty players. A young grandmaster lost on time "
	 "after a rook endgame; the tournament director praised the checkmate puzzles."},
	{"Why your loaf costs more — a baker explains", NULL,
	 "Flour, yeast and the gas for the oven: a baker walks through the price of one "
	 "loaf of rye bread, and why the bakery cannot hold it."},
	{"River flood warnings for the weekend 洪水", NULL,
	 "Forecasters expect the river to rise again; the flood barrier repair must hold. "
	 "Sandbags are stacked at the bridge and the shelter in the school reopens."},
};

static void test_untagged_related(void **st)
{
	(void)st;
	struct collection c;
	size_t n = sizeof untagged / sizeof *untagged;
	make(&c, untagged, n);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	struct simindex si = SIMINDEX_INIT;

	/* by tags only: nothing, as before */
	struct related *r;
	size_t got = related_compute(&c, &ti, 0, 10, &r);
	assert_int_equal(got, 0);
	related_free(r, got);

	/* each report's first neighbours are its own topic */
	const size_t want[][2] = {{2, 6}, {4, 4}, {0, 6}, {5, 5}, {1, 1}, {3, 3}, {0, 2}};
	for (size_t a = 0; a < n; a++) {
		got = related_compute_with(&c, &ti, &si, a, 10, &r);
		if (!got || (r[0].art != want[a][0] && r[0].art != want[a][1]))
			print_error("article %zu: %zu related, first %zu\n", a, got, got ? r[0].art : 0);
		assert_true(got >= 1);
		assert_true(r[0].art == want[a][0] || r[0].art == want[a][1]);
		assert_false(r[0].linked);
		assert_true(r[0].content > 0 && r[0].content <= 1.0001);
		assert_true(r[0].nterms > 0); /* why: the shared key terms */
		for (size_t i = 1; i < got; i++) assert_true(r[i - 1].score >= r[i].score);
		related_free(r, got);
	}
	/* a flood report's best neighbour names the shared words, heaviest first */
	got = related_compute_with(&c, &ti, &si, 0, 2, &r);
	assert_int_equal(got, 2);
	bool barrier = false;
	for (size_t k = 0; k < r[0].nterms; k++) barrier |= strcmp(r[0].terms[k], "barrier") == 0;
	assert_true(barrier);
	assert_true(r[1].art == 2 || r[1].art == 6);
	related_free(r, got);
	simindex_free(&si);
	tagindex_free(&ti);
	collection_free(&c);
}

/* A shared tag comes first even when an untagged article's text is closer;
 * among tag neighbours the closer text ranks higher. */
static void test_blend_order(void **st)
{
	(void)st;
	struct fixture f[sizeof untagged / sizeof *untagged];
	memcpy(f, untagged, sizeof f);
	f[0].tags = "local";
	f[3].tags = "local"; /* bread: same tag, other topic */
	f[4].tags = "local"; /* chess: same tag, other topic */
	f[5].tags = "local";
	struct collection c;
	make(&c, f, sizeof f / sizeof *f);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	struct simindex si = SIMINDEX_INIT;
	struct related *r;
	size_t got = related_compute_with(&c, &ti, &si, 0, 10, &r);
	assert_true(got >= 5);
	for (size_t i = 0; i < 3; i++) {
		assert_true(r[i].linked);
		assert_int_equal(r[i].nshared, 1);
	}
	assert_false(r[3].linked);
	assert_true(r[3].art == 2 || r[3].art == 6);
	assert_true(r[3].content > r[0].content);
	related_free(r, got);
	simindex_free(&si);
	tagindex_free(&ti);
	collection_free(&c);
}

/* Words for generated paragraphs (our own list). */
static const char *const words[] = {
	"harbour", "lantern", "orchard", "violet", "granite", "meadow", "copper", "willow",
	"thunder", "saffron", "glacier", "pepper", "marble", "falcon", "juniper", "canyon",
	"ember", "quartz", "tundra", "velvet", "walnut", "zephyr", "bramble", "cobalt",
	"dune", "fjord", "hazel", "indigo", "jasmine", "kelp", "lagoon", "mosaic", "nectar",
	"opal", "prairie", "quill", "raven", "sierra", "tulip", "umber", "valley", "wren",
	"yarrow", "almond", "beacon", "cedar", "delta", "estuary", "fennel", "garnet",
	"heron", "iris", "jetty", "kestrel", "linden", "maple", "nutmeg", "otter", "pine",
	"quince", "reed", "spruce", "thistle", "upland", "verbena", "wharf", "café", "naïve",
	"élan", "crème",
};

/* A paragraph of n words chosen by seed. */
static void para(struct strbuf *sb, unsigned seed, size_t n, const char *sep)
{
	uint32_t x = seed * 2654435761u + 12345u;
	for (size_t i = 0; i < n; i++) {
		x = x * 1664525u + 1013904223u;
		strbuf_adds(sb, words[(x >> 8) % (sizeof words / sizeof *words)]);
		strbuf_adds(sb, (i + 1) % 9 == 0 ? sep : " ");
	}
	strbuf_adds(sb, ".\n\n");
}

static void test_dupes(void **st)
{
	(void)st;
	struct strbuf t[8];
	for (size_t i = 0; i < 8; i++) t[i] = (struct strbuf)STRBUF_INIT;
	for (unsigned p = 1; p <= 5; p++) para(&t[0], p, 40, " "); /* the original */
	for (unsigned p = 1; p <= 5; p++) para(&t[1], p, 40, "\n"); /* reflowed */
	for (unsigned p = 1; p <= 6; p++) para(&t[2], p, 40, " ");  /* a paragraph added */
	for (unsigned p = 2; p <= 5; p++) para(&t[3], p, 40, " ");  /* the first dropped */
	/* two unrelated texts under the same long boilerplate footer */
	struct strbuf foot = STRBUF_INIT;
	para(&foot, 99, 30, " ");
	para(&foot, 98, 30, " ");
	for (unsigned p = 11; p <= 12; p++) para(&t[4], p, 40, " ");
	strbuf_adds(&t[4], strbuf_str(&foot));
	for (unsigned p = 21; p <= 22; p++) para(&t[5], p, 40, " ");
	strbuf_adds(&t[5], strbuf_str(&foot));
	para(&t[6], 31, 200, " "); /* unrelated */
	strbuf_adds(&t[7], "Too short to call a copy."); /* no sketch */
	struct fixture f[9] = {
		{"Harbour report", NULL, strbuf_str(&t[0])},
		{"The harbour report, reflowed", NULL, strbuf_str(&t[1])},
		{"A new title for the same story", NULL, strbuf_str(&t[2])},
		{"Harbour report (shortened)", NULL, strbuf_str(&t[3])},
		{"First with footer", NULL, strbuf_str(&t[4])},
		{"Second with footer", NULL, strbuf_str(&t[5])},
		{"Something else", NULL, strbuf_str(&t[6])},
		{"Short", NULL, strbuf_str(&t[7])},
		{"Short again", NULL, strbuf_str(&t[7])},
	};
	struct collection c;
	make(&c, f, 9);
	assert_true(simsig_jaccard(c.items[0].sig, c.items[1].sig) > 0.99);
	assert_true(simsig_jaccard(c.items[7].sig, c.items[8].sig) < 0);
	uint32_t *g;
	size_t ng;
	dupes_group(&c, &g, &ng);
	assert_int_equal(ng, 1);
	for (size_t i = 0; i < 4; i++) assert_int_equal(g[i], 1);
	for (size_t i = 4; i < 9; i++) assert_int_equal(g[i], 0);
	free(g);

	/* related lists never offer a copy of the article read */
	struct tagindex ti;
	tagindex_build(&ti, &c);
	struct simindex si = SIMINDEX_INIT;
	struct related *r;
	size_t got = related_compute_with(&c, &ti, &si, 0, 10, &r);
	for (size_t i = 0; i < got; i++) assert_true(r[i].art > 3);
	related_free(r, got);
	assert_int_equal(si.ngroups, 1);
	simindex_free(&si);
	tagindex_free(&ti);
	collection_free(&c);
	strbuf_free(&foot);
	for (size_t i = 0; i < 8; i++) strbuf_free(&t[i]);
}

static void test_terms(void **st)
{
	(void)st;
	const char *text = "The THE the and Kyiv kyiv KYIV 2024 2024 energy grid grid “grid” ok ok";
	struct simsig *s = simsig_compute(NULL, text, strlen(text));
	assert_int_equal(s->nterms, 3);
	assert_string_equal(simsig_term(s, 0), "grid");
	assert_string_equal(simsig_term(s, 1), "kyiv");
	assert_string_equal(simsig_term(s, 2), "energy");
	assert_int_equal(s->tf[0], 3);
	simsig_free(s);
	/* the title's words count too; equal counts go to the longer term */
	s = simsig_compute("Énergie", "grid grid énergie", strlen("grid grid énergie"));
	assert_string_equal(simsig_term(s, 0), "énergie");
	simsig_free(s);
	s = simsig_compute(NULL, "", 0);
	assert_int_equal(s->nterms, 0);
	assert_null(s->terms);
	simsig_free(s);
}

/* The words simtext_words passes, space-separated, each checked against
 * simtext_hash. */
static void collect(void *ctx, const char *w, size_t n, uint64_t hash)
{
	struct strbuf *sb = ctx;
	assert_true(hash == simtext_hash(w, n));
	if (sb->len) strbuf_addc(sb, ' ');
	strbuf_add(sb, w, n);
}

static char *words_of(const char *text, bool markup)
{
	struct strbuf sb = STRBUF_INIT;
	simtext_words(text, strlen(text), markup, collect, &sb);
	strbuf_addc(&sb, '\0');
	return sb.buf;
}

/* The body's own words, markup stepped over; folded like the index. */
static void test_words(void **st)
{
	(void)st;
	char *w = words_of("The [Harbour](https://example.org/a_(b)) strike, see "
			   "<a href=\"x\">Quay</a> &amp; {{ site.url }} {% raw %}"
			   "<script>var secret = 1;</script> www.example.net/x ÉNERGIE café",
			   true);
	assert_string_equal(w, "the harbour strike see quay énergie café");
	free(w);
	/* plain text: only URLs go; a '<' or '&' is text */
	w = words_of("a<b & c http://x.org/y z", false);
	assert_string_equal(w, "a b c z");
	free(w);
	/* a '<' with no '>' near is not a tag; an unclosed {{ is text */
	w = words_of("x < y <z {{ open", true);
	assert_string_equal(w, "x y z open");
	free(w);
	/* long words: cut at SIMTEXT_WORD_MAX bytes, hashed as cut (collect checks) */
	char longw[300];
	memset(longw, 'Q', sizeof longw - 1);
	longw[sizeof longw - 1] = '\0';
	w = words_of(longw, true);
	assert_int_equal(strlen(w), SIMTEXT_WORD_MAX);
	free(w);
}

/* A signature from the body read at load equals the one a second read
 * computes (no state carried over), whatever the markup. */
static void test_body_signature(void **st)
{
	(void)st;
	const char *body = "A *flood* barrier on the [river](http://r.example/flood) "
			   "held the flood; the river barrier crews <b>held</b> again.";
	struct article a = {.title = (char *)"Flood barrier", .path = (char *)"/r/x.md"};
	struct simsig *s1 = simsig_of_body(&a, body, strlen(body));
	struct simsig *s2 = simsig_of_body(&a, body, strlen(body));
	assert_int_equal(s1->nterms, s2->nterms);
	assert_memory_equal(s1->terms, s2->terms, s1->terms_len);
	assert_memory_equal(s1->minhash, s2->minhash, sizeof s1->minhash);
	assert_string_equal(simsig_term(s1, 0), "barrier"); /* 3 times, longer than flood's 3 */
	for (size_t i = 0; i < s1->nterms; i++) /* the URL gave no term */
		assert_null(strstr(simsig_term(s1, i), "example"));
	simsig_free(s1);
	simsig_free(s2);
}

struct visits {
	unsigned *n;
	size_t total;
};

static void count_visit(void *ctx, uint32_t b, float sim)
{
	struct visits *v = ctx;
	assert_true(sim > 0);
	v->n[b]++;
	v->total++;
}

/* A word held by more articles than SIM_WALK_MAX: a walk visits only the
 * SIM_WALK_MAX that weigh it most (each has it a different number of
 * times beside two words of its own), and the cosine stays exact. */
static void test_walk_capped(void **st)
{
	(void)st;
	size_t n = SIM_WALK_MAX + 200;
	struct fixture *f = xcalloc(n, sizeof *f);
	char **texts = xcalloc(n, sizeof *texts);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t k = 0; k <= i % 9; k++) strbuf_adds(&sb, "lighthouse ");
		strbuf_addf(&sb, "keeper%c%c%c beacon%c%c%c", 'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
			    'a' + (int)(i / 676), 'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26), 'a' + (int)(i / 676));
		texts[i] = strbuf_steal(&sb);
		f[i] = (struct fixture){"", NULL, texts[i]};
	}
	struct collection c;
	make(&c, f, n);
	struct simindex si = SIMINDEX_INIT;
	simindex_ensure(&si, &c);
	struct visits v = {xcalloc(n, sizeof *v.n), 0};
	simindex_walk(&si, &c, 0, count_visit, &v);
	assert_true(v.total <= SIM_WALK_MAX);
	assert_true(v.total >= SIM_WALK_MAX - 1); /* the walk may meet article 0 itself */
	/* the visited weigh the word at least as much as any left out */
	double low = 2, high = -1;
	for (size_t b = 1; b < n; b++) {
		double cos = simindex_cosine(&si, &c, 0, b);
		assert_true(cos > 0); /* exact, walked or not */
		if (v.n[b]) low = cos < low ? cos : low;
		else high = cos > high ? cos : high;
	}
	assert_true(high >= 0);
	assert_true(low >= high);
	free(v.n);
	simindex_free(&si);
	collection_free(&c);
	for (size_t i = 0; i < n; i++) free(texts[i]);
	free(texts);
	free(f);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_untagged_related),
		cmocka_unit_test(test_blend_order),
		cmocka_unit_test(test_dupes),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_body_signature),
		cmocka_unit_test(test_walk_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
