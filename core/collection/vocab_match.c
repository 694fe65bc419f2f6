/* SPDX-License-Identifier: MIT
 * Running the vocabulary's automaton (built by vocab_build.c) while the
 * text is folded on the fly (vocab_fold.c): one pass, no copy, whatever
 * the vocabulary's size. ASCII costs a table lookup and one step a byte,
 * a character of two or three bytes a lookup in vocab_fast.c's table; a
 * step waits for the load before it, so a long run (often the whole
 * article) is walked as two halves at once (two lanes), which the
 * processor overlaps. The rest (marks, rare letters, invalid bytes) goes
 * a cluster at a time through vocab_fold.c. */
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
	ptrdiff_t u;      /* current row * nclass - vocab.hot: >= 0 has output */
	size_t pos;       /* folded bytes so far */
	bool pend;        /* a hit waits for the next character: does a word end there? */
	int pend_node;
	size_t pend_pos;
	uint16_t *ring;   /* recent folded bytes: byte | FCASE_ << 10 */
};

struct mstate {
	struct fold_sink s; /* first: the sink's callbacks get this */
	const struct vocab *v;
	struct lane main, second;
	int *hits;          /* tags found, each once */
	size_t nhits, hcap;
	unsigned char *seen; /* bit per tag: in hits; made at the first hit */
	struct iset walked;
	/* the skip's account over the text's runs: bytes the walks from its
	 * places covered, places walked from, bytes scanned; dense: the rest
	 * goes to fast_run */
	size_t skip_walked, skip_places, skip_seen;
	bool dense;
	/* the lanes' recent folded bytes, A's then B's: one block, so the
	 * fast path reaches both from one pointer */
	uint16_t rings[2 * RING];
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
		if (pat[i] && (l->ring[(start + i) & (RING - 1)] >> 10 & 3) != (unsigned char)pat[i]) return false;
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
	int node = m->v->order[(size_t)(l->u + m->v->hot) / (size_t)m->v->nclass];
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
	const int32_t *dh = m->v->delta + m->v->hot;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		l->ring[l->pos & (RING - 1)] = (uint16_t)(c | cas << 10);
		l->pos++;
		l->u = dh[l->u + m->v->cls[c]];
	}
	if (l->u >= 0) at_output(m, l, word);
}

/* Is the character at p (before end) a word character to the fold? -1 at
 * the run's end. */
static int word_at(const struct vocab *v, const unsigned char *p, const unsigned char *end)
{
	if (p >= end) return -1;
	uint32_t e = *p < 0x80 ? v->atab[*p] : vocab_fast_at(v, p)->e[0];
	return (e >> 16 & AF_WORD) != 0;
}

/* A character brought lane l to a node with output in the fast path: the
 * next character of the run, at p, says whether a word ends (at the run's
 * end the hit waits for what follows). */
static void at_output_fast(struct mstate *m, struct lane *l, ptrdiff_t u, size_t pos, bool word,
			   const unsigned char *p, const unsigned char *end)
{
	l->u = u;
	l->pos = pos;
	int next = word ? word_at(m->v, p, end) : 0;
	if (!word || next < 0) {
		at_output(m, l, word);
		return;
	}
	if (!next) hit(m, l, m->v->order[(size_t)(u + m->v->hot) / (size_t)m->v->nclass], pos);
}

/* One folded byte, entry e_ (class | folded << 8 | AF_ << 16 | case <<
 * 18 | AF_NOTSP), on a lane whose hot fields (u, pos, the last entry) are
 * in locals U, P, S, and whose ring is rg + R. No branch: a space after a
 * space (AF_NOTSP in neither) rewrites the ring's last byte and the
 * automaton stays put (vocab_build gives such nodes a loop). */
#define FOLDED(U, P, S, R, e_)                                                           \
	do {                                                                             \
		uint32_t f_ = (e_);                                                      \
		rg[(R) + (P & (RING - 1))] = (uint16_t)(f_ >> 8);                        \
		P += (f_ | S) >> 31;                                                     \
		S = f_;                                                                  \
		U = dh[U + (f_ & 0xFF)];                                                 \
	} while (0)

/* The character at p of the run (up to end), p moved past it; L is the
 * lane for the rare slow events (output). ASCII is one table lookup; a
 * character of two or three bytes takes its folded bytes from vocab.fast
 * (vocab_fast_run made sure it has them). */
#define STEP(L, U, P, S, R, p, end)                                                      \
	do {                                                                             \
		uint32_t e_ = atab[*p];                                                  \
		if (__builtin_expect(!(e_ & AF_MB), 1)) {                                \
			FOLDED(U, P, S, R, e_);                                          \
			p++;                                                             \
		} else {                                                                 \
			const struct vfold *r_ = vocab_fast_at(v, p);                    \
			for (uint32_t q_ = 0; q_ < r_->n; q_++) FOLDED(U, P, S, R, r_->e[q_]); \
			e_ = r_->e[0];                                                   \
			p += *p < 0xE0 ? 2 : 3;                                          \
		}                                                                        \
		if (__builtin_expect(U >= 0, 0))                                         \
			at_output_fast(m, &L, U, P, e_ >> 16 & AF_WORD, p, end);          \
	} while (0)

/* Where a long run may be cut in two: after an ASCII space, before an
 * ASCII non-space (both lanes then start after a space), from about from
 * on. 0 when there is no such place. */
static size_t split_point(const struct vocab *v, const unsigned char *t, size_t n, size_t from)
{
	for (size_t i = from ? from : 1; i < n; i++)
		if ((v->atab[t[i - 1]] >> 16 & AF_SPACE) && t[i] < 0x80 && !(v->atab[t[i]] >> 16 & AF_SPACE))
			return i;
	return 0;
}

/* The fast path over a run (vocab_fast_run): each character folds alone.
 * The hot state is in locals (stores into the rings would otherwise make
 * the compiler reload it); the space flag S is the last folded byte's
 * entry, its AF_NOTSP bit clear after a space.
 *
 * A long run is cut at mid: lane A (the text's own) goes on from before
 * the run, lane B starts at mid from the root, in step (a step waits for
 * the load before it, so the processor overlaps the two walks). The
 * automaton's state depends only on the last maxdepth folded bytes, so
 * once A is that far past mid the two agree: A stops, B carries on as the
 * text's lane. Every hit either lane reports is real (each has the text
 * before its matches), and A reports every hit that B cannot yet see. */
static inline __attribute__((always_inline)) void fast_run(struct mstate *m, const unsigned char *t,
							   size_t n)
{
	const struct vocab *v = m->v;
	const int32_t *dh = v->delta + v->hot;
	const uint32_t *atab = v->atab;
	uint16_t *rg = m->rings, *ra = m->rings, *rb = m->rings + RING;
	struct lane *A = &m->main;
	const unsigned char *end = t + n, *pa = t;
	if (A->pend) settle(m, A, word_at(v, t, end) == 1);
	ptrdiff_t ua = A->u;
	size_t qa = A->pos;
	uint32_t sa = m->s.space ? 0 : AF_NOTSP;
	const size_t need = (size_t)v->maxdepth + 1;
	/* A walks [0, mid) and on until need folded bytes past mid, B [mid, n) */
	size_t mid = n >= SPLIT && n > 4 * need + 64 ? split_point(v, t, n, (n - need) / 2) : 0;
	if (mid && 2 * mid <= n) {
		struct lane *B = &m->second;
		B->pend = false;
		rb[RING - 1] = ' ';
		ptrdiff_t ub = -(ptrdiff_t)v->hot;
		size_t qb = RING;
		uint32_t sb = 0;
		const unsigned char *amid = t + mid, *pb = amid;
		for (;;) { /* in step; a character is at most 3 bytes: no bound checked */
			size_t ka = (size_t)(amid - pa) / 3, kb = (size_t)(end - pb) / 3;
			size_t k = ka < kb ? ka : kb;
			if (!k) break;
			while (k--) {
				STEP((*A), ua, qa, sa, 0, pa, end);
				STEP((*B), ub, qb, sb, RING, pb, end);
			}
		}
		while (pa < amid && pb < end) {
			STEP((*A), ua, qa, sa, 0, pa, end);
			STEP((*B), ub, qb, sb, RING, pb, end);
		}
		while (pa < amid) STEP((*A), ua, qa, sa, 0, pa, end);
		size_t qa_mid = qa;
		while (pa < end && qa - qa_mid < need) { /* A walks on until the two agree */
			STEP((*A), ua, qa, sa, 0, pa, end);
			if (pb < end) STEP((*B), ub, qb, sb, RING, pb, end); /* and B with it */
		}
		if (qa - qa_mid >= need && pa < end) {
			/* B walks to the end and is the text's lane from there */
			while (pb < end) STEP((*B), ub, qb, sb, RING, pb, end);
			for (size_t k = qb > RING + need + 8 ? qb - need - 8 : RING - 1; k < qb; k++)
				ra[k & (RING - 1)] = rb[k & (RING - 1)];
			ua = ub, qa = qb, sa = sb;
			A->pend = B->pend;
			A->pend_node = B->pend_node;
			A->pend_pos = B->pend_pos;
			pa = end;
		}
		/* else A walked to the end: it is still the text's lane */
	}
	while (pa < end) STEP((*A), ua, qa, sa, 0, pa, end);
	A->u = ua;
	A->pos = qa;
	m->s.space = !(sa & AF_NOTSP);
}

/* Folded bytes of a character written to the ring and counted as FOLDED
 * does, the automaton left where it is: the character before a place the
 * walk starts again from (word_before and case_ok read it). */
#define SEED(P, S, e_)                                                                   \
	do {                                                                             \
		uint32_t f_ = (e_);                                                      \
		rg[(P) & (RING - 1)] = (uint16_t)(f_ >> 8);                              \
		P += (f_ | S) >> 31;                                                     \
		S = f_;                                                                  \
	} while (0)
#define SEED_BEFORE(P, S, x)                                                             \
	do {                                                                             \
		const unsigned char *s_ = (x) - 1;                                       \
		if (*s_ < 0x80) {                                                        \
			SEED(P, S, atab[*s_]);                                           \
		} else {                                                                 \
			while ((*s_ & 0xC0) == 0x80) s_--;                               \
			const struct vfold *r_ = vocab_fast_at(v, s_);                   \
			for (uint32_t q_ = 0; q_ < r_->n; q_++) SEED(P, S, r_->e[q_]);   \
		}                                                                        \
	} while (0)

/* The fast path with skips: the automaton walks only from the places a
 * phrase may start (vocab_skip_chunk) until it is back at its root (its
 * kept fail links make that soon: nothing that could be found is under
 * way), and the text up to the next such place is skipped. Every phrase
 * the whole walk would find starts at one of those places and is found
 * from there; what the automaton finds is checked as before (word_before
 * reads the character before a place, which SEED_BEFORE writes, and
 * the ring holds the text of every walk that found something). When
 * the walk covers most of the text anyway, the rest goes to fast_run's
 * two lanes. prev_ok: t[-1] is text (the run does not begin it). */
static void skip_run(struct mstate *m, const unsigned char *t, size_t n, bool prev_ok)
{
	const struct vocab *v = m->v;
	const int32_t *dh = v->delta + v->hot;
	const uint32_t *atab = v->atab;
	uint16_t *rg = m->rings;
	struct lane *A = &m->main;
	/* p: where the scan goes on; ring_at: the ring holds the text up to it */
	const unsigned char *end = t + n, *p = t, *ring_at = t;
	if (A->pend) settle(m, A, word_at(v, t, end) == 1);
	const ptrdiff_t root = -(ptrdiff_t)v->hot;
	ptrdiff_t ua = A->u;
	size_t qa = A->pos, walked = m->skip_walked, places = m->skip_places;
	uint32_t sa = m->s.space ? 0 : AF_NOTSP;
	if (ua != root) { /* a walk under way from before the run */
		do STEP((*A), ua, qa, sa, 0, p, end);
		while (ua != root && p < end);
		walked += (size_t)(p - t);
		ring_at = p;
	}
	while (p < end) {
		size_t i = (size_t)(p - t);
		unsigned char at[VSKIP_CHUNK];
		size_t nat = vocab_skip_chunk(v, t, n, i, prev_ok, at);
		for (size_t k = 0; k < nat; k++) {
			const unsigned char *c = t + i + at[k];
			if (c < p) continue; /* the walk went past it, from before it */
			/* first a dry walk, the automaton alone: most die before
			 * anything is found; one that finds something (or meets
			 * the run's end) is walked again, writing the ring */
			ptrdiff_t u = root;
			for (p = c; p < end;) {
				uint32_t e = atab[*p];
				if (__builtin_expect(!(e & AF_MB), 1)) {
					u = dh[u + (e & 0xFF)];
					p++;
				} else {
					const struct vfold *r = vocab_fast_at(v, p);
					for (uint32_t q = 0; q < r->n; q++) u = dh[u + (r->e[q] & 0xFF)];
					p += *p < 0xE0 ? 2 : 3;
				}
				if (u == root || u >= 0) break;
			}
			walked += (size_t)(p - c);
			places++;
			if (u == root) goto next;
			if (c != ring_at) SEED_BEFORE(qa, sa, c);
			p = c;
			do STEP((*A), ua, qa, sa, 0, p, end);
			while (ua != root && p < end);
			ring_at = p;
		next:;
			/* dense: the walks cover half the text, or places are
			 * closer than a scan and a walk pay for (a place every
			 * 40 bytes costs about what the two lanes do) */
			size_t seen = m->skip_seen + (size_t)(p - t);
			if (seen > 512 && (2 * walked > seen || 40 * places > seen) && p < end) {
				/* the two lanes walk the rest of the text, from the
				 * root (where the last walk ended) */
				if (ring_at != p) SEED_BEFORE(qa, sa, p);
				m->dense = true;
				A->u = ua;
				A->pos = qa;
				m->s.space = !(sa & AF_NOTSP);
				fast_run(m, p, (size_t)(end - p));
				return;
			}
		}
		if (p < t + i + VSKIP_CHUNK) p = i + VSKIP_CHUNK < n ? t + i + VSKIP_CHUNK : end;
	}
	m->skip_walked = walked;
	m->skip_places = places;
	m->skip_seen += n;
	if (ring_at != end) SEED_BEFORE(qa, sa, end);
	A->u = ua;
	A->pos = qa;
	m->s.space = !(sa & AF_NOTSP);
}

/* vocab_match, or with fast false vocab_match_plain: every character
 * through the cluster path and the sink, one byte at a time. */
static void match_text(const struct vocab *v, const char *text, size_t len, struct strlist *out,
		       bool fast)
{
	if (!v || !v->built || v->nnodes < 2 || !len) return;
	/* on the stack (about 8 KB): the walk reaches the rings from the
	 * stack pointer, one register fewer in its loop */
	struct mstate ms, *m = &ms;
	/* the fold's cache on the stack too (12 KB, filled only when the
	 * cluster path is taken): a heap block this size each call made
	 * malloc tidy its free lists each time */
	struct fold_cache fc;
	m->s = (struct fold_sink){.put = sink_put, .space = true, .cache = &fc, .cache_lent = true};
	m->v = v;
	m->main = (struct lane){.u = -(ptrdiff_t)v->hot, .ring = m->rings};
	m->second = (struct lane){.ring = m->rings + RING};
	m->hits = NULL;
	m->seen = NULL;
	m->nhits = m->hcap = 0;
	m->walked = (struct iset){0};
	m->skip_walked = m->skip_places = m->skip_seen = 0;
	m->dense = false;
	/* runs the fast walk takes, each up to a character only the cluster
	 * path folds (combining marks, rare letters, invalid bytes) */
	const unsigned char *u = (const unsigned char *)text;
	if (!fast) fold_feed(&m->s, text, len);
	bool skip = vocab_skip_usable(v);
	for (size_t i = 0; fast && i < len;) {
		size_t end = vocab_fast_run(v, u, len, i);
		/* a short run is walked: the scan would not pay for itself */
		if (end > i + 64 && skip && !m->dense) skip_run(m, u + i, end - i, i > 0);
		else if (end > i) fast_run(m, u + i, end - i);
		i = end < len ? fold_one(&m->s, text, len, end) : len;
	}
	if (m->main.pend) hit(m, &m->main, m->main.pend_node, m->main.pend_pos);
	fold_cache_free(&m->s);
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
}

void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out)
{
	match_text(v, text, len, out, true);
}

void vocab_match_plain(const struct vocab *v, const char *text, size_t len, struct strlist *out)
{
	match_text(v, text, len, out, false);
}
