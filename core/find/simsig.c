/* SPDX-License-Identifier: MIT
 * An article's content signature (core/similar.h): one pass over its
 * folded words (core/simtext.h) counts the terms and feeds word triples to
 * a MinHash sketch. Runs on the loading threads: touches only its arguments. */
#include "core/find/similar.h"

#include <stdlib.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/text/render.h"
#include "core/find/simtext.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

/* English function words and web leftovers: frequent everywhere, they
 * would fill a short signature and say nothing about the topic. Sorted. */
static const char *const stop_words[] = {
	"able", "about", "above", "according", "after", "again", "against", "all", "already", "also",
	"although", "among", "and", "another", "any", "are", "around", "back", "because", "been",
	"before", "being", "below", "between", "both", "but", "came", "can", "cannot", "com", "come",
	"could", "day", "days", "did", "does", "doing", "down", "during", "each", "either", "end",
	"even", "ever", "every", "few", "first", "for", "from", "further", "get", "gets", "going",
	"good", "got", "great", "had", "has", "have", "having", "her", "here", "hers", "herself", "him",
	"himself", "his", "how", "however", "html", "http", "https", "image", "including", "into", "its",
	"itself", "just", "know", "last", "less", "let", "like", "long", "lot", "lots", "made", "make",
	"many", "may", "might", "month", "months", "more", "most", "much", "must", "myself", "near",
	"need", "needs", "neither", "new", "next", "nor", "not", "now", "off", "often", "once", "one",
	"only", "other", "others", "our", "ours", "ourselves", "out", "over", "own", "part", "per",
	"put", "really", "said", "same", "says", "second", "see", "several", "shall", "she", "should",
	"since", "some", "something", "still", "such", "sure", "take", "than", "that", "the", "their",
	"theirs", "them", "themselves", "then", "there", "these", "they", "thing", "things", "think",
	"this", "those", "though", "three", "through", "thus", "time", "today", "told", "too", "took",
	"top", "two", "under", "until", "upon", "use", "used", "very", "via", "want", "was", "way",
	"week", "weeks", "well", "went", "were", "what", "when", "where", "whether", "which", "while",
	"who", "whom", "whose", "why", "will", "with", "within", "without", "would", "www", "year",
	"years", "yes", "yet", "you", "your", "yours", "yourself", "yourselves",
};

static int stop_cmp(const void *k, const void *e)
{
	const char *key = k, *w = *(const char *const *)e;
	return strcmp(key, w);
}

bool simsig_keep_term(const char *w, size_t n)
{
	if (n < 3 || n > 40) return false;
	bool digits = true;
	for (size_t i = 0; i < n && digits; i++) digits = w[i] >= '0' && w[i] <= '9';
	if (digits) return false;
	if (n > 12) return true; /* longer than any stop word */
	char key[16];
	memcpy(key, w, n);
	key[n] = '\0';
	return !bsearch(key, stop_words, sizeof stop_words / sizeof *stop_words, sizeof *stop_words,
			stop_cmp);
}

/* Term counts in an open-addressing table; term bytes in an arena. */
struct tcount {
	uint64_t hash;
	uint32_t off, len, count; /* count 0: empty slot */
};

struct sigwork {
	struct tcount *slots;
	size_t nslots, n;
	struct strbuf arena;
	bool shingle;           /* feeding the sketch (the body, not the title) */
	uint64_t w[2];          /* the previous two word hashes */
	size_t nwords;
	uint64_t min[SIM_MINHASH]; /* per bucket; UINT64_MAX: empty */
	uint32_t nshingles;
};

static void count_grow(struct sigwork *s)
{
	size_t nn = s->nslots ? s->nslots * 2 : 256;
	struct tcount *ns = xcalloc(nn, sizeof *ns);
	for (size_t i = 0; i < s->nslots; i++) {
		if (!s->slots[i].count) continue;
		size_t j = s->slots[i].hash & (nn - 1);
		while (ns[j].count) j = (j + 1) & (nn - 1);
		ns[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = ns;
	s->nslots = nn;
}

/* Count a word by its 64-bit hash alone (two words of one article
 * sharing a hash is too rare to matter, and checking bytes cost a tenth
 * of the load). */
static void count_term(struct sigwork *s, const char *w, size_t n, uint64_t h)
{
	if (s->n * 2 >= s->nslots) count_grow(s);
	size_t j = h & (s->nslots - 1);
	while (s->slots[j].count) {
		struct tcount *t = &s->slots[j];
		if (t->hash == h) {
			t->count++;
			return;
		}
		j = (j + 1) & (s->nslots - 1);
	}
	s->slots[j] = (struct tcount){h, (uint32_t)s->arena.len, (uint32_t)n, 1};
	strbuf_add(&s->arena, w, n);
	s->n++;
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Every word is counted (which ones are kept as terms is decided once per
 * distinct word, at the end); every word triple of the body goes to one
 * bucket of the sketch by its hash's top bits (one-permutation MinHash:
 * one hash per triple, not one per sketch value). */
static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static void on_word(void *ctx, const char *w, size_t n, uint64_t h)
{
	struct sigwork *s = ctx;
	if (n >= 3 && n <= 40) count_term(s, w, n, h);
	if (!s->shingle) return;
	if (s->nwords >= 2) {
		uint64_t sh = mix64(s->w[0] * 0x9e3779b97f4a7c15ull ^ rotl64(s->w[1], 23) ^ h);
		size_t b = (size_t)(sh >> 59) & (SIM_MINHASH - 1);
		uint64_t v = sh & ((1ull << 59) - 1);
		if (v < s->min[b]) s->min[b] = v;
		s->nshingles++;
	}
	s->w[0] = s->w[1];
	s->w[1] = h;
	s->nwords++;
}

/* Heaviest first; among equal counts the longer term (long words are
 * rarer, so more telling), then by bytes, so the result is stable. */
static int tcount_cmp(const void *x, const void *y, void *arena)
{
	const struct tcount *a = x, *b = y;
	if (a->count != b->count) return a->count > b->count ? -1 : 1;
	if (a->len != b->len) return a->len > b->len ? -1 : 1;
	const char *base = arena;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(base + a->off, base + b->off, n);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* The sketch's 16-bit values; an empty bucket takes the next filled one's
 * value shifted by the distance (densification by rotation), so two texts
 * agree on a bucket about as often as their triples overlap. */
static void sketch_fill(const struct sigwork *s, uint16_t *out)
{
	for (size_t i = 0; i < SIM_MINHASH; i++) {
		size_t d = 0;
		while (d < SIM_MINHASH && s->min[(i + d) % SIM_MINHASH] == UINT64_MAX) d++;
		uint64_t v = s->min[(i + d) % SIM_MINHASH] + d * 0x9e3779b97f4a7c15ull;
		out[i] = (uint16_t)mix64(v);
	}
}

static struct simsig *sig_finish(struct sigwork *s)
{
	struct simsig *sig = xcalloc(1, sizeof *sig);
	/* Terms by count level, highest first; the stop-word check only for
	 * the levels needed to fill SIM_TERMS (ties at the last level kept,
	 * the sort decides among them), so the sort is short too. */
	enum { HIST = 64 };
	size_t at[HIST + 2] = {0}, o = 0;
	for (size_t i = 0; i < s->nslots; i++)
		if (s->slots[i].count) at[HIST - (s->slots[i].count < HIST ? s->slots[i].count : HIST) + 1]++;
	for (size_t l = 1; l <= HIST + 1; l++) at[l] += at[l - 1]; /* level starts */
	struct tcount *by = xmalloc((s->n + 1) * sizeof *by);
	for (size_t i = 0; i < s->nslots; i++)
		if (s->slots[i].count)
			by[at[HIST - (s->slots[i].count < HIST ? s->slots[i].count : HIST)]++] = s->slots[i];
	/* at[l] is now the end of level l (level 0: the highest counts) */
	for (size_t l = 0, from = 0; l <= HIST && o < SIM_TERMS; from = at[l++])
		for (size_t i = from; i < at[l]; i++)
			if (simsig_keep_term(s->arena.buf + by[i].off, by[i].len)) s->slots[o++] = by[i];
	free(by);
	if (o) qsort_r(s->slots, o, sizeof *s->slots, tcount_cmp, s->arena.buf);
	sig->nterms = (uint32_t)(o < SIM_TERMS ? o : SIM_TERMS);
	struct strbuf terms = STRBUF_INIT;
	for (size_t i = 0; i < sig->nterms; i++) {
		sig->tf[i] = (uint16_t)(s->slots[i].count > UINT16_MAX ? UINT16_MAX : s->slots[i].count);
		strbuf_add(&terms, s->arena.buf + s->slots[i].off, s->slots[i].len);
		strbuf_addc(&terms, '\0');
	}
	sig->terms_len = terms.len;
	sig->terms = terms.buf; /* NULL when no term */
	sig->nshingles = s->nshingles;
	if (s->nshingles >= SIM_MIN_SHINGLES) sketch_fill(s, sig->minhash);
	free(s->slots);
	strbuf_free(&s->arena);
	return sig;
}

static void sig_start(struct sigwork *s, const char *title)
{
	*s = (struct sigwork){.arena = STRBUF_INIT};
	for (size_t i = 0; i < SIM_MINHASH; i++) s->min[i] = UINT64_MAX;
	/* the title's words count like the body's: weighting them more made
	 * related lists worse on a real collection (BENCHMARKS.md) */
	if (title && *title) simtext_words(title, strlen(title), false, on_word, s);
	s->shingle = true;
}

struct simsig *simsig_compute(const char *title, const char *text, size_t len)
{
	struct sigwork s;
	sig_start(&s, title);
	if (text && len) simtext_words(text, len, false, on_word, &s);
	return sig_finish(&s);
}

struct simsig *simsig_of_body(const struct article *a, const char *body, size_t len)
{
	struct sigwork s;
	sig_start(&s, a->title);
	/* the body's own words, markup stepped over: rendering every body at
	 * load tripled the cold start (BENCHMARKS.md) */
	if (body && len) simtext_words(body, len, render_format_of(a) != RENDER_TEXT, on_word, &s);
	return sig_finish(&s);
}

void simsig_free(struct simsig *s)
{
	if (!s) return;
	free(s->terms);
	free(s);
}

const char *simsig_term(const struct simsig *s, size_t i)
{
	const char *p = s->terms;
	while (i--) p += strlen(p) + 1;
	return p;
}

double simsig_jaccard(const struct simsig *a, const struct simsig *b)
{
	if (!a || !b || a->nshingles < SIM_MIN_SHINGLES || b->nshingles < SIM_MIN_SHINGLES)
		return -1;
	size_t same = 0;
	for (size_t i = 0; i < SIM_MINHASH; i++) same += a->minhash[i] == b->minhash[i];
	return (double)same / SIM_MINHASH;
}
