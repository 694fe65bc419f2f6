/* SPDX-License-Identifier: MIT
 * Running the vocabulary's automaton (built by vocab_build.c) while the
 * text is folded on the fly (vocab_fold.c): one pass, no copy, whatever
 * the vocabulary's size. ASCII, most of any article, costs a table lookup
 * and one step a byte; a step waits for the load before it, so a long
 * ASCII run is walked as two halves at once (two lanes), which the
 * processor overlaps. */
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/vocab_int.h"

#define RING 2048  /* > VOCAB_MAX_FOLDED + 4: the recent folded text a hit looks back at */
#define SPLIT 256 /* ASCII runs at least this long go in two lanes */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* A set of node numbers, grown as needed: costs what the text touches,
 * never the size of the vocabulary. */
struct iset {
	int *k; /* key + 1, 0 = empty */
	size_t n, cap;
};

static bool iset_add(struct iset *s, int key)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct iset g = {xcalloc(s->cap ? s->cap * 2 : 64, sizeof(int)), 0, s->cap ? s->cap * 2 : 64};
		for (size_t i = 0; i < s->cap; i++)
			if (s->k[i]) iset_add(&g, s->k[i] - 1);
		free(s->k);
		*s = g;
	}
	size_t i = ((size_t)key * 2654435761u) & (s->cap - 1);
	for (; s->k[i]; i = (i + 1) & (s->cap - 1))
		if (s->k[i] == key + 1) return false;
	s->k[i] = key + 1;
	s->n++;
	return true;
}

/* One walk of the automaton over folded text: where it is, and the recent
 * text a hit looks back at. Offsets are in the lane's own folded stream. */
struct lane {
	size_t u;         /* current row * nclass */
	size_t pos;       /* folded bytes so far */
	bool space;       /* the last folded character was a space */
	bool pend;        /* a hit waits for the next character: does a word end there? */
	int pend_node;
	size_t pend_pos;
	unsigned char *ring, *cring; /* recent folded bytes and their cases */
};

struct mstate {
	struct fold_sink s; /* first: the sink's callbacks get this */
	const struct vocab *v;
	struct lane main, second;
	int *hits;          /* tags found, each once */
	size_t nhits, hcap;
	unsigned char *seen; /* bit per tag: in hits; made at the first hit */
	struct iset walked;
	/* the lanes' recent folded bytes, then their cases: one block, so the
	 * fast path reaches all four from one pointer */
	unsigned char rings[4 * RING];
};

/* Is the folded character that ends just before offset at a word character? */
static bool word_before(const struct lane *l, size_t at)
{
	size_t p = at - 1;
	while (p > 0 && at - p < 4 && (l->ring[p & (RING - 1)] & 0xC0) == 0x80) p--;
	char b[4];
	size_t n = at - p;
	for (size_t i = 0; i < n; i++) b[i] = (char)l->ring[(p + i) & (RING - 1)];
	int32_t cp;
	utf8_decode(b, n, &cp);
	return utf8_is_word_cp(cp);
}

static bool case_ok(const struct lane *l, const char *pat, size_t start, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (pat[i] && l->cring[(start + i) & (RING - 1)] != (unsigned char)pat[i]) return false;
	return true;
}

/* The phrases ending at offset e, on node n0's dict chain, where a word
 * ends (the caller checked): keep those where a word starts. */
static void hit(struct mstate *m, const struct lane *l, int n0, size_t e)
{
	const struct vocab *v = m->v;
	int n = v->nodes[n0].out ? n0 : v->nodes[n0].dict;
	/* Every phrase on the chain is a suffix of n's, so whether a word
	 * starts there depends on n alone: once n's chain was walked, the rest
	 * gives the same answers (unless a case is checked: the text decides) */
	for (; n; n = v->nodes[n].dict) {
		const struct acnode *nd = &v->nodes[n];
		size_t start = e - (size_t)nd->depth;
		if (start == 0 || !nd->first_word || !word_before(l, start)) {
			for (int o = nd->out; o; o = v->outs[o - 1].next) {
				const struct acout *out = &v->outs[o - 1];
				if (out->pat >= 0 && !case_ok(l, v->pats.buf + out->pat, start, (size_t)nd->depth))
					continue;
				unsigned char bit = (unsigned char)(1u << (out->tag & 7));
				if (!m->seen) m->seen = xcalloc(v->n / 8 + 1, 1);
				if (m->seen[out->tag >> 3] & bit) continue; /* found before */
				m->seen[out->tag >> 3] |= bit;
				ARRAY_RESERVE(m->hits, m->hcap, m->nhits + 1);
				m->hits[m->nhits++] = out->tag;
			}
		}
		if (!nd->chain_case && !iset_add(&m->walked, n)) break;
	}
}

/* A character brought lane l to a node with output: a word ends here
 * unless this character and the next are both word characters. */
static void at_output(struct mstate *m, struct lane *l, bool word)
{
	int node = m->v->order[l->u / (size_t)m->v->nclass];
	if (!word) {
		hit(m, l, node, l->pos);
	} else {
		l->pend = true;
		l->pend_node = node;
		l->pend_pos = l->pos;
	}
}

/* The next character is known: settle a waiting hit. */
static inline void settle(struct mstate *m, struct lane *l, bool word)
{
	if (!word) hit(m, l, l->pend_node, l->pend_pos);
	l->pend = false;
}

static void sink_put(struct fold_sink *s, const char *b, size_t n, unsigned char cas, bool word)
{
	struct mstate *m = (struct mstate *)s;
	struct lane *l = &m->main;
	if (l->pend) settle(m, l, word);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		l->ring[l->pos & (RING - 1)] = c;
		l->cring[l->pos & (RING - 1)] = cas;
		l->pos++;
		l->u = m->v->delta[l->u + m->v->cls[c]];
	}
	if (l->u >= m->v->hot) at_output(m, l, word);
}

/* A character brought lane l to a node with output in the fast path: the
 * next byte of the run says whether a word ends (next: -1 at the run's
 * end, where the hit waits for what follows). */
static void at_output_fast(struct mstate *m, struct lane *l, size_t u, size_t pos, bool word, int next)
{
	l->u = u;
	l->pos = pos;
	if (!word || next < 0) {
		at_output(m, l, word);
		return;
	}
	if (!(m->v->atab[next] >> 16 & AF_WORD)) hit(m, l, m->v->order[u / (size_t)m->v->nclass], pos);
}

/* One ASCII byte t[k] of n on a lane whose hot fields (u, pos, space) are
 * in locals U, P, S, and whose rings are at rb + RO (bytes) and rb + RO +
 * 2 * RING (cases); L is the lane for the rare slow events. No branch but
 * the one for output: a space after a space rewrites the ring's last byte
 * and the automaton stays put (vocab_build gives such nodes a loop). */
#define STEP(L, U, P, S, RO, t, k, n)                                                    \
	do {                                                                             \
		uint32_t e_ = atab[t[k]]; /* class | folded << 8 | AF_ << 16 | case << 18 */ \
		bool sp_ = e_ >> 16 & AF_SPACE;                                          \
		rb[RO + (P & (RING - 1))] = (unsigned char)(e_ >> 8);                    \
		if (with_case) rb[RO + 2 * RING + (P & (RING - 1))] = (unsigned char)(e_ >> 18); \
		P += !(sp_ & S);                                                         \
		S = sp_;                                                                 \
		U = delta[U + (e_ & 0xFF)];                                              \
		if (__builtin_expect(U >= hot, 0))                                       \
			at_output_fast(m, &L, U, P, e_ >> 16 & AF_WORD, (k) + 1 < (n) ? t[(k) + 1] : -1); \
	} while (0)

/* Where a long run may be cut in two: after a space, before a non-space
 * (both lanes then start after a space), from about from on. 0 when there
 * is no such place. */
static size_t split_point(const struct vocab *v, const unsigned char *t, size_t n, size_t from)
{
	for (size_t i = from ? from : 1; i < n; i++)
		if ((v->atab[t[i - 1]] >> 16 & AF_SPACE) && !(v->atab[t[i]] >> 16 & AF_SPACE)) return i;
	return 0;
}

/* The fast path: ASCII bytes, none before a non-ASCII one. The hot state is
 * in locals (stores into the byte rings would otherwise make the compiler
 * reload it); with_case is a constant at each call.
 *
 * A long run is cut at mid: lane A (the text's own) goes on from before
 * the run, lane B starts at mid from the root, in step (a step waits for
 * the load before it, so the processor overlaps the two walks). The
 * automaton's state depends only on the last maxdepth folded bytes, so
 * once A is that far past mid the two agree: A stops, B carries on as the
 * text's lane. Every hit either lane reports is real (each has the text
 * before its matches), and A reports every hit that B cannot yet see. */
static inline __attribute__((always_inline)) void ascii_run(struct mstate *m, const unsigned char *t,
							    size_t n, bool with_case)
{
	const struct vocab *v = m->v;
	const uint32_t *delta = v->delta, *atab = v->atab;
	const uint32_t hot = v->hot;
	unsigned char *rb = m->rings; /* A's bytes, B's bytes, A's cases, B's cases */
	struct lane *A = &m->main;
	if (A->pend) settle(m, A, atab[t[0]] >> 16 & AF_WORD);
	size_t ua = A->u, pa = A->pos, i = 0;
	bool sa = A->space;
	const size_t need = (size_t)v->maxdepth + 1;
	/* A walks [0, mid) and on to mid + need, B [mid, n): even when mid is
	 * about (n - need) / 2, since B keeps walking while A does its need */
	size_t mid = n >= SPLIT && n > 4 * need + 64 ? split_point(v, t, n, (n - need) / 2) : 0;
	if (mid && 2 * mid <= n) {
		struct lane *B = &m->second;
		const unsigned char *tb = t + mid;
		B->pend = false;
		rb[RING + RING - 1] = ' ';
		size_t ub = 0, pb = RING;
		bool sb = true;
		for (; i < mid; i++) { /* in step */
			STEP((*A), ua, pa, sa, 0, t, i, n);
			STEP((*B), ub, pb, sb, RING, tb, i, n - mid);
		}
		size_t pa_mid = pa, j = 2 * mid;
		for (; i < n && pa - pa_mid < need; i++) { /* A walks on until the two agree */
			STEP((*A), ua, pa, sa, 0, t, i, n);
			if (j < n) { /* and B with it, in step */
				STEP((*B), ub, pb, sb, RING, t, j, n);
				j++;
			}
		}
		if (pa - pa_mid >= need && i < n) {
			/* B walks to the end and is the text's lane from there */
			for (; j < n; j++) STEP((*B), ub, pb, sb, RING, t, j, n);
			for (size_t k = pb > RING + need + 8 ? pb - need - 8 : RING - 1; k < pb; k++) {
				rb[k & (RING - 1)] = rb[RING + (k & (RING - 1))];
				if (with_case) rb[2 * RING + (k & (RING - 1))] = rb[3 * RING + (k & (RING - 1))];
			}
			ua = ub, pa = pb, sa = sb;
			A->pend = B->pend;
			A->pend_node = B->pend_node;
			A->pend_pos = B->pend_pos;
			i = n;
		}
		/* else A walked to the end: it is still the text's lane */
	}
	for (; i < n; i++) STEP((*A), ua, pa, sa, 0, t, i, n);
	A->u = ua;
	A->pos = pa;
	A->space = sa;
}

static void sink_ascii(struct fold_sink *s, const unsigned char *t, size_t n)
{
	struct mstate *m = (struct mstate *)s;
	m->main.space = s->space;
	if (m->v->has_case) ascii_run(m, t, n, true);
	else ascii_run(m, t, n, false);
	s->space = m->main.space;
}

void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out)
{
	if (!v || !v->built || v->nnodes < 2 || !len) return;
	struct mstate *m = xmalloc(sizeof *m);
	m->s = (struct fold_sink){.put = sink_put, .ascii = sink_ascii, .space = true};
	m->v = v;
	m->main = (struct lane){.ring = m->rings, .cring = m->rings + 2 * RING};
	m->second = (struct lane){.ring = m->rings + RING, .cring = m->rings + 3 * RING};
	m->hits = NULL;
	m->seen = NULL;
	m->nhits = m->hcap = 0;
	m->walked = (struct iset){0};
	fold_feed(&m->s, text, len);
	if (m->main.pend) hit(m, &m->main, m->main.pend_node, m->main.pend_pos);
	fold_cache_free(m->s.cache);
	free(m->walked.k);
	if (m->nhits) qsort(m->hits, m->nhits, sizeof *m->hits, cmp_int);
	/* the hits are distinct: only what out held before can repeat one */
	size_t n0 = out->n;
	for (size_t i = 0; i < m->nhits; i++) {
		const char *name = v->tags[m->hits[i]].name;
		bool dup = false;
		for (size_t k = 0; k < n0 && !dup; k++) dup = strcmp(out->v[k], name) == 0;
		if (!dup) strlist_push(out, name);
	}
	free(m->hits);
	free(m->seen);
	free(m);
}
