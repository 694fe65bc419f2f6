/* SPDX-License-Identifier: MIT
 * The vocabulary's matcher: every folded phrase in one Aho-Corasick
 * automaton, run as a table of byte classes while the text is folded on
 * the fly (vocab_fold.c), so tagging costs one pass over the text, no
 * copy, whatever the vocabulary's size. ASCII, most of any article, costs
 * a table lookup and one step a byte. */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "core/vocab_int.h"

#define RING 2048 /* > VOCAB_MAX_FOLDED + 4: the recent folded text a hit looks back at */

enum { AF_SPACE = 1, AF_WORD = 2 };

void vocab_clear_automaton(struct vocab *v)
{
	for (size_t i = 0; i < v->nnodes; i++) free(v->nodes[i].e);
	free(v->delta);
	v->delta = NULL;
	v->nnodes = 0;
	v->nouts = 0;
	v->pats.len = 0;
	v->has_case = false;
	v->maxdepth = 0;
}

static int ac_new_node(struct vocab *v, int depth, bool first_word)
{
	ARRAY_RESERVE(v->nodes, v->nodes_cap, v->nnodes + 1);
	v->nodes[v->nnodes] = (struct acnode){.depth = depth, .first_word = first_word};
	return (int)v->nnodes++;
}

/* Child of node u on byte c, or -1. Edges are kept sorted. */
static int ac_goto(const struct vocab *v, int u, unsigned char c)
{
	const struct acnode *n = &v->nodes[u];
	size_t lo = 0, hi = n->ne;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (n->e[mid].c == c) return n->e[mid].to;
		if (n->e[mid].c < c) lo = mid + 1;
		else hi = mid;
	}
	return -1;
}

static bool same_pat(const struct vocab *v, int a, int b, size_t len)
{
	if (a < 0 || b < 0) return a == b;
	return memcmp(v->pats.buf + a, v->pats.buf + b, len) == 0;
}

/* Phrase p (folded, len bytes) for tag, with case pattern pat (-1: any). */
static void ac_add(struct vocab *v, const char *p, size_t len, int pat, int tag)
{
	int32_t first;
	utf8_decode(p, len, &first);
	bool fw = utf8_is_word_cp(first);
	int u = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		int g = ac_goto(v, u, c);
		if (g >= 0) {
			u = g;
			continue;
		}
		int child = ac_new_node(v, (int)i + 1, fw);
		struct acnode *n = &v->nodes[u];
		size_t k = 0;
		while (k < n->ne && n->e[k].c < c) k++;
		ARRAY_RESERVE(n->e, n->cap, n->ne + 1);
		memmove(n->e + k + 1, n->e + k, (n->ne - k) * sizeof *n->e);
		n->e[k] = (struct acedge){c, child};
		n->ne++;
		u = child;
	}
	for (int o = v->nodes[u].out; o; o = v->outs[o - 1].next)
		if (v->outs[o - 1].tag == tag && same_pat(v, v->outs[o - 1].pat, pat, len)) return;
	ARRAY_RESERVE(v->outs, v->outs_cap, v->nouts + 1);
	v->outs[v->nouts] = (struct acout){tag, v->nodes[u].out, pat};
	v->nodes[u].out = (int)++v->nouts;
	if (pat >= 0) v->nodes[u].chain_case = true;
	if ((int)len > v->maxdepth) v->maxdepth = (int)len;
}

/* The case pattern of a folded phrase (f, its cases cas) under mode, in
 * v->pats; -1 when it checks nothing. */
static int make_pat(struct vocab *v, enum vocab_case mode, const struct strbuf *f,
		    const struct strbuf *cas)
{
	if (mode == VOCAB_CASE_FOLD) return -1;
	size_t at = v->pats.len;
	bool any = false, prev_word = false;
	for (size_t i = 0; i < f->len;) {
		int32_t cp;
		size_t n = utf8_decode(f->buf + i, f->len - i, &cp);
		bool word = utf8_is_word_cp(cp);
		for (size_t k = 0; k < n; k++) {
			unsigned char want = (unsigned char)cas->buf[i + k];
			if (mode == VOCAB_CASE_PROPER && (k || prev_word || want != FCASE_UPPER))
				want = FCASE_NONE;
			strbuf_addc(&v->pats, (char)want);
			any |= want != FCASE_NONE;
		}
		prev_word = word;
		i += n;
	}
	if (!any) {
		v->pats.len = at;
		return -1;
	}
	return (int)at;
}

void vocab_build(struct vocab *v)
{
	vocab_clear_automaton(v);
	ac_new_node(v, 0, false);
	struct strbuf f = STRBUF_INIT, cas = STRBUF_INIT;
	for (size_t t = 0; t < v->n; t++) {
		if (v->tags[t].dead) continue;
		for (size_t i = 0; i < v->tags[t].phrases.n; i++) {
			const char *p = v->tags[t].phrases.v[i];
			strbuf_reset(&f);
			strbuf_reset(&cas);
			fold_string(p, strlen(p), &f, &cas);
			if (!f.len || f.len > VOCAB_MAX_FOLDED) continue;
			int pat = make_pat(v, v->tags[t].mode, &f, &cas);
			v->has_case |= pat >= 0;
			ac_add(v, f.buf, f.len, pat, (int)t);
		}
	}
	strbuf_free(&f);
	strbuf_free(&cas);
	/* Breadth-first: fail links point to the longest proper suffix in the trie. */
	int *queue = xmalloc(v->nnodes * sizeof *queue);
	size_t head = 0, tail = 0;
	for (size_t k = 0; k < v->nodes[0].ne; k++) queue[tail++] = v->nodes[0].e[k].to;
	while (head < tail) {
		int u = queue[head++];
		for (size_t k = 0; k < v->nodes[u].ne; k++) {
			unsigned char c = v->nodes[u].e[k].c;
			int child = v->nodes[u].e[k].to, fl = v->nodes[u].fail, g;
			while ((g = ac_goto(v, fl, c)) < 0 && fl) fl = v->nodes[fl].fail;
			fl = (g >= 0 && g != child) ? g : 0;
			struct acnode *n = &v->nodes[child];
			n->fail = fl;
			n->dict = v->nodes[fl].out ? fl : v->nodes[fl].dict;
			n->chain_case |= n->dict && v->nodes[n->dict].chain_case;
			queue[tail++] = child;
		}
	}
	/* byte classes, then delta in breadth-first order: a missing edge goes
	 * where the fail node's does, already filled in */
	unsigned char byte_of[256];
	memset(v->cls, 0, sizeof v->cls);
	v->nclass = 1;
	for (size_t i = 0; i < v->nnodes; i++)
		for (size_t k = 0; k < v->nodes[i].ne; k++) {
			unsigned char c = v->nodes[i].e[k].c;
			if (!v->cls[c]) {
				v->cls[c] = (unsigned char)v->nclass;
				byte_of[v->nclass++] = c;
			}
		}
	/* rows in breadth-first order: the shallow nodes, where text spends
	 * most of its time, share cache lines */
	size_t nc = (size_t)v->nclass;
	int *rank = xmalloc(v->nnodes * sizeof *rank);
	v->order = xrealloc(v->order, v->nnodes * sizeof *v->order);
	size_t r = 0;
	/* rows without output first, so "has output" is row >= hot */
	for (int pass = 0; pass < 2; pass++)
		for (size_t q = 0; q <= tail; q++) {
			int u = q ? queue[q - 1] : 0;
			bool hot = v->nodes[u].out || v->nodes[u].dict;
			if (hot != (pass == 1)) continue;
			rank[u] = (int)r;
			v->order[r++] = u;
		}
	int *to = xcalloc(v->nnodes * nc, sizeof *to);
	for (size_t k = 1; k < nc; k++) {
		int g = ac_goto(v, 0, byte_of[k]);
		to[k] = g >= 0 ? g : 0;
	}
	for (size_t q = 0; q < tail; q++) {
		int u = queue[q];
		for (size_t k = 1; k < nc; k++) {
			int g = ac_goto(v, u, byte_of[k]);
			to[(size_t)u * nc + k] = g >= 0 ? g : to[(size_t)v->nodes[u].fail * nc + k];
		}
	}
	v->delta = xmalloc(v->nnodes * nc * sizeof *v->delta);
	v->hot = UINT32_MAX;
	for (size_t u = 0; u < v->nnodes; u++) {
		const struct acnode *n = &v->nodes[u];
		if ((n->out || n->dict) && (uint32_t)((size_t)rank[u] * nc) < v->hot)
			v->hot = (uint32_t)((size_t)rank[u] * nc);
		for (size_t k = 0; k < nc; k++)
			v->delta[(size_t)rank[u] * nc + k] = (uint32_t)((size_t)rank[to[u * nc + k]] * nc);
	}
	free(rank);
	free(to);
	free(queue);
	/* ASCII as the fast path sees it */
	for (int c = 0; c < 128; c++) {
		unsigned char b = fold_ascii_space((unsigned char)c) ? ' ' : fold_ascii_lower((unsigned char)c);
		unsigned flags = (fold_ascii_space((unsigned char)c) ? AF_SPACE : 0) |
				 (fold_ascii_word((unsigned char)c) ? AF_WORD : 0);
		v->atab[c] = v->cls[b] | (uint32_t)b << 8 | flags << 16 |
			     (uint32_t)fold_ascii_case((unsigned char)c) << 18;
	}
	v->built = true;
}

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

struct mstate {
	struct fold_sink s; /* first: the sink's callbacks get this */
	const struct vocab *v;
	size_t u;           /* current node * nclass */
	size_t pos;         /* folded bytes so far */
	bool pend;          /* a hit waits for the next character: does a word end there? */
	int pend_node;
	size_t pend_pos;
	int *hits;
	size_t nhits, hcap;
	struct iset walked;
	unsigned char ring[RING], cring[RING]; /* recent folded bytes and their cases */
};

/* Is the folded character that ends just before stream offset at a word
 * character? */
static bool word_before(const struct mstate *m, size_t at)
{
	size_t p = at - 1;
	while (p > 0 && at - p < 4 && (m->ring[p & (RING - 1)] & 0xC0) == 0x80) p--;
	char b[4];
	size_t n = at - p;
	for (size_t i = 0; i < n; i++) b[i] = (char)m->ring[(p + i) & (RING - 1)];
	int32_t cp;
	utf8_decode(b, n, &cp);
	return utf8_is_word_cp(cp);
}

static bool case_ok(const struct mstate *m, const char *pat, size_t start, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (pat[i] && m->cring[(start + i) & (RING - 1)] != (unsigned char)pat[i]) return false;
	return true;
}

/* The phrases ending at stream offset e, on node n0's dict chain, where a
 * word ends (the caller checked): keep those where a word starts. */
static void hit(struct mstate *m, int n0, size_t e)
{
	const struct vocab *v = m->v;
	int n = v->nodes[n0].out ? n0 : v->nodes[n0].dict;
	/* Every phrase on the chain is a suffix of n's, so whether a word
	 * starts there depends on n alone: once n's chain was walked, the rest
	 * gives the same answers (unless a case is checked: the text decides) */
	for (; n; n = v->nodes[n].dict) {
		const struct acnode *nd = &v->nodes[n];
		size_t start = e - (size_t)nd->depth;
		if (start == 0 || !nd->first_word || !word_before(m, start)) {
			for (int o = nd->out; o; o = v->outs[o - 1].next) {
				const struct acout *out = &v->outs[o - 1];
				if (out->pat >= 0 && !case_ok(m, v->pats.buf + out->pat, start, (size_t)nd->depth))
					continue;
				ARRAY_RESERVE(m->hits, m->hcap, m->nhits + 1);
				m->hits[m->nhits++] = out->tag;
			}
		}
		if (!nd->chain_case && !iset_add(&m->walked, n)) break;
	}
}

/* A character reached a node with output: a word ends here unless this
 * character and the next are both word characters. */
static inline void at_output(struct mstate *m, bool word)
{
	int node = m->v->order[m->u / (size_t)m->v->nclass];
	if (!word) {
		hit(m, node, m->pos);
	} else {
		m->pend = true;
		m->pend_node = node;
		m->pend_pos = m->pos;
	}
}

static void sink_put(struct fold_sink *s, const char *b, size_t n, unsigned char cas, bool word)
{
	struct mstate *m = (struct mstate *)s;
	if (m->pend) {
		if (!word) hit(m, m->pend_node, m->pend_pos);
		m->pend = false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		m->ring[m->pos & (RING - 1)] = c;
		m->cring[m->pos & (RING - 1)] = cas;
		m->pos++;
		m->u = m->v->delta[m->u + m->v->cls[c]];
	}
	if (m->u >= m->v->hot) at_output(m, word);
}

/* The fast path: ASCII bytes, none before a non-ASCII one. Everything it
 * touches is in locals (stores into the byte rings would otherwise make
 * the compiler reload every pointer); with_case is a constant at each
 * call, so the case ring costs nothing when no entry checks case. */
static inline __attribute__((always_inline)) void ascii_run(struct mstate *m, const unsigned char *t,
							    size_t n, bool with_case)
{
	const struct vocab *v = m->v;
	const uint32_t *delta = v->delta, *atab = v->atab;
	unsigned char *ring = m->ring;
	const uint32_t hot = v->hot;
	size_t u = m->u, pos = m->pos;
	bool space = m->s.space, pend = m->pend;
	for (const unsigned char *p = t, *end = t + n; p < end; p++) {
		uint32_t e = atab[*p]; /* class | folded byte << 8 | AF_ << 16 | case << 18 */
		bool sp = e >> 16 & AF_SPACE;
		if (sp & space) continue;
		space = sp;
		if (__builtin_expect(pend, 0)) {
			if (!(e >> 16 & AF_WORD)) hit(m, m->pend_node, m->pend_pos);
			pend = false;
		}
		ring[pos & (RING - 1)] = (unsigned char)(e >> 8);
		if (with_case) m->cring[pos & (RING - 1)] = (unsigned char)(e >> 18);
		pos++;
		u = delta[u + (e & 0xFF)];
		if (__builtin_expect(u >= hot, 0)) {
			m->u = u;
			m->pos = pos;
			m->pend = false;
			at_output(m, e >> 16 & AF_WORD);
			pend = m->pend;
		}
	}
	m->u = u;
	m->pos = pos;
	m->pend = pend;
	m->s.space = space;
}

static void sink_ascii(struct fold_sink *s, const unsigned char *t, size_t n)
{
	struct mstate *m = (struct mstate *)s;
	if (m->v->has_case) ascii_run(m, t, n, true);
	else ascii_run(m, t, n, false);
}

void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out)
{
	if (!v || !v->built || v->nnodes < 2 || !len) return;
	struct mstate *m = xmalloc(sizeof *m);
	m->s = (struct fold_sink){.put = sink_put, .ascii = sink_ascii, .space = true};
	m->v = v;
	m->u = 0;
	m->pos = 0;
	m->pend = false;
	m->hits = NULL;
	m->nhits = m->hcap = 0;
	m->walked = (struct iset){0};
	fold_feed(&m->s, text, len);
	if (m->pend) hit(m, m->pend_node, m->pend_pos);
	fold_cache_free(m->s.cache);
	free(m->walked.k);
	if (m->nhits) qsort(m->hits, m->nhits, sizeof *m->hits, cmp_int);
	for (size_t i = 0; i < m->nhits; i++) {
		if (i && m->hits[i] == m->hits[i - 1]) continue;
		const char *name = v->tags[m->hits[i]].name;
		if (!strlist_has(out, name)) strlist_push(out, name);
	}
	free(m->hits);
	free(m);
}
