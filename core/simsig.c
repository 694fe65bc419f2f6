/* SPDX-License-Identifier: MIT
 * An article's content signature (core/similar.h): one pass over its
 * folded words counts the kept terms and feeds word triples to a MinHash
 * sketch. Runs on the loading threads, so it touches only its arguments. */
#include "core/similar.h"

#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/ftsindex.h"
#include "core/hash.h"
#include "core/render.h"
#include "core/strbuf.h"
#include "core/util.h"

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
	uint64_t min[SIM_MINHASH];
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

static void count_term(struct sigwork *s, const char *w, size_t n, unsigned add)
{
	if (s->n * 2 >= s->nslots) count_grow(s);
	uint64_t h = hash_bytes(w, n, 17);
	size_t j = h & (s->nslots - 1);
	while (s->slots[j].count) {
		struct tcount *t = &s->slots[j];
		if (t->hash == h && t->len == n && memcmp(s->arena.buf + t->off, w, n) == 0) {
			t->count += add;
			return;
		}
		j = (j + 1) & (s->nslots - 1);
	}
	s->slots[j] = (struct tcount){h, (uint32_t)s->arena.len, (uint32_t)n, add};
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

static void on_word(void *ctx, const char *w, size_t n)
{
	struct sigwork *s = ctx;
	if (simsig_keep_term(w, n)) count_term(s, w, n, 1);
	if (!s->shingle) return;
	uint64_t h = hash_bytes(w, n, 3);
	if (s->nwords >= 2) {
		uint64_t sh = mix64(s->w[0] * 0x9e3779b97f4a7c15ull ^ mix64(s->w[1]) ^ (h << 1));
		for (size_t i = 0; i < SIM_MINHASH; i++) {
			uint64_t v = mix64(sh + (i + 1) * 0x9e3779b97f4a7c15ull);
			if (v < s->min[i]) s->min[i] = v;
		}
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

struct simsig *simsig_compute(const char *title, const char *text, size_t len)
{
	struct sigwork s = {.arena = STRBUF_INIT};
	for (size_t i = 0; i < SIM_MINHASH; i++) s.min[i] = UINT64_MAX;
	/* the title's words count like the body's: weighting them more made
	 * related lists worse on a real collection (BENCHMARKS.md) */
	if (title && *title) ftsindex_tokenize(title, strlen(title), on_word, &s);
	s.shingle = true;
	if (text && len) ftsindex_tokenize(text, len, on_word, &s);

	struct simsig *sig = xcalloc(1, sizeof *sig);
	size_t o = 0;
	for (size_t i = 0; i < s.nslots; i++)
		if (s.slots[i].count) s.slots[o++] = s.slots[i];
	if (o) qsort_r(s.slots, o, sizeof *s.slots, tcount_cmp, s.arena.buf);
	sig->nterms = (uint32_t)(o < SIM_TERMS ? o : SIM_TERMS);
	struct strbuf terms = STRBUF_INIT;
	for (size_t i = 0; i < sig->nterms; i++) {
		sig->tf[i] = (uint16_t)(s.slots[i].count > UINT16_MAX ? UINT16_MAX : s.slots[i].count);
		strbuf_add(&terms, s.arena.buf + s.slots[i].off, s.slots[i].len);
		strbuf_addc(&terms, '\0');
	}
	sig->terms_len = terms.len;
	sig->terms = terms.buf; /* NULL when no term */
	sig->nshingles = s.nshingles;
	if (s.nshingles >= SIM_MIN_SHINGLES)
		for (size_t i = 0; i < SIM_MINHASH; i++) sig->minhash[i] = (uint16_t)s.min[i];
	free(s.slots);
	strbuf_free(&s.arena);
	return sig;
}

struct simsig *simsig_of_body(const struct article *a, const char *body, size_t len)
{
	if (!body) return simsig_compute(a->title, NULL, 0);
	struct render_doc *d = render_body(body, len, render_format_of(a));
	size_t end = d->len;
	/* the closing link list is URLs: not the article's words */
	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].kind == RL_LINKS) {
			end = d->lines[i].off;
			break;
		}
	struct simsig *s = simsig_compute(a->title, d->text, end);
	render_doc_free(d);
	return s;
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
