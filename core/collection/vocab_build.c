/* SPDX-License-Identifier: MIT
 * Building the vocabulary's matcher: every folded phrase in one
 * Aho-Corasick trie, its fail and output links, then the automaton as a
 * full table over byte classes (vocab_match.c runs it), and the places a
 * phrase may start (vocab_skip.c). The fail links leave out what cannot
 * start a phrase (a word character inside a word), so the automaton falls
 * back to its root as soon as no phrase that could be found is under way:
 * there the matcher stops walking and skips to the next such place. */
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/vocab_int.h"


void vocab_clear_automaton(struct vocab *v)
{
	for (size_t i = 0; i < v->nnodes; i++) free(v->nodes[i].e);
	free(v->delta);
	v->delta = NULL;
	vocab_fast_free(v);
	vocab_skip_free(v);
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
void vocab_case_pattern(enum vocab_case mode, const struct strbuf *f, const struct strbuf *cas,
			struct strbuf *out)
{
	bool prev_word = false;
	for (size_t i = 0; i < f->len;) {
		int32_t cp;
		size_t n = utf8_decode(f->buf + i, f->len - i, &cp);
		for (size_t k = 0; k < n; k++) {
			unsigned char want = (unsigned char)cas->buf[i + k];
			if (mode == VOCAB_CASE_FOLD ||
			    (mode == VOCAB_CASE_PROPER && (k || prev_word || want != FCASE_UPPER)))
				want = FCASE_NONE;
			strbuf_addc(out, (char)want);
		}
		prev_word = utf8_is_word_cp(cp);
		i += n;
	}
}

/* The case pattern of a folded phrase (f, its cases cas) under mode, in
 * v->pats; -1 when it checks nothing. */
static int make_pat(struct vocab *v, enum vocab_case mode, const struct strbuf *f,
		    const struct strbuf *cas)
{
	size_t at = v->pats.len;
	vocab_case_pattern(mode, f, cas, &v->pats);
	for (size_t i = at; i < v->pats.len; i++)
		if (v->pats.buf[i] != FCASE_NONE) return (int)at;
	v->pats.len = at;
	return -1;
}

/* Is the character that ends at byte e of s (e > 0, at a character's
 * end) a word character? Read as word_before (vocab_match.c) reads it. */
static bool word_ending(const unsigned char *s, size_t e)
{
	size_t p = e - 1;
	while (p > 0 && e - p < 4 && (s[p] & 0xC0) == 0x80) p--;
	int32_t cp;
	utf8_decode((const char *)s + p, e - p, &cp);
	return utf8_is_word_cp(cp);
}

/* The fail links kept: for each node, the longest proper suffix of its
 * string on the trie whose phrase could start there (the character before
 * it, inside the string, is no word character, or its own first character
 * is none, or is cut off: kept when in doubt); 0 when none. lastw: does
 * the node's string end with a word character. fail holds the plain fail
 * links; par and via the parent and the byte into each node. */
static void fail_filter(const struct vocab *v, const int *fail, const int *par,
			const unsigned char *via, int *kept, bool *lastw)
{
	unsigned char s[VOCAB_MAX_FOLDED + 1];
	kept[0] = 0;
	lastw[0] = false;
	for (size_t u = 1; u < v->nnodes; u++) {
		size_t d = (size_t)v->nodes[u].depth;
		int w = (int)u;
		for (size_t k = d; k > 0; k--, w = par[w]) s[k - 1] = via[w];
		int f = fail[u];
		for (; f; f = fail[f]) {
			size_t j = d - (size_t)v->nodes[f].depth;
			int32_t cp;
			utf8_decode((const char *)s + j, d - j, &cp);
			if (!utf8_is_word_cp(cp) || !word_ending(s, j)) break;
		}
		kept[u] = f;
		lastw[u] = word_ending(s, d);
	}
}

void vocab_build(struct vocab *v)
{
	vocab_clear_automaton(v);
	vocab_skip_reset(v);
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
			vocab_skip_add(v, f.buf, f.len, pat >= 0 ? v->pats.buf + pat : NULL);
			ac_add(v, f.buf, f.len, pat, (int)t);
		}
	}
	strbuf_free(&f);
	strbuf_free(&cas);
	/* Breadth-first: fail links point to the longest proper suffix in the
	 * trie; then only those a phrase could start at are kept */
	int *queue = xmalloc(v->nnodes * sizeof *queue);
	int *fail = xcalloc(v->nnodes, sizeof *fail), *par = xcalloc(v->nnodes, sizeof *par);
	unsigned char *via = xcalloc(v->nnodes, 1);
	size_t head = 0, tail = 0;
	for (size_t k = 0; k < v->nodes[0].ne; k++) {
		queue[tail++] = v->nodes[0].e[k].to;
		via[v->nodes[0].e[k].to] = v->nodes[0].e[k].c;
	}
	while (head < tail) {
		int u = queue[head++];
		for (size_t k = 0; k < v->nodes[u].ne; k++) {
			unsigned char c = v->nodes[u].e[k].c;
			int child = v->nodes[u].e[k].to, fl = fail[u], g;
			while ((g = ac_goto(v, fl, c)) < 0 && fl) fl = fail[fl];
			fail[child] = (g >= 0 && g != child) ? g : 0;
			par[child] = u;
			via[child] = c;
			queue[tail++] = child;
		}
	}
	int *kept = xmalloc(v->nnodes * sizeof *kept);
	bool *lastw = xmalloc(v->nnodes * sizeof *lastw);
	fail_filter(v, fail, par, via, kept, lastw);
	for (size_t q = 0; q < tail; q++) {
		struct acnode *n = &v->nodes[queue[q]];
		int fl = kept[queue[q]];
		n->fail = fl;
		n->dict = v->nodes[fl].out ? fl : v->nodes[fl].dict;
		n->chain_case |= n->dict && v->nodes[n->dict].chain_case;
	}
	free(fail);
	free(par);
	free(via);
	free(kept);
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
	/* a missing edge goes where the kept fail link's does; from a node
	 * whose link is the root, a phrase starts on the next byte only if it
	 * could start there: not a letter or digit right after a word
	 * character (a byte of several is kept: its character is not known) */
	for (size_t q = 0; q < tail; q++) {
		int u = queue[q], fl = v->nodes[u].fail;
		for (size_t k = 1; k < nc; k++) {
			int g = ac_goto(v, u, byte_of[k]);
			bool alone = !(lastw[u] && byte_of[k] < 0x80 && fold_ascii_word(byte_of[k]));
			to[(size_t)u * nc + k] = g >= 0 ? g : fl || alone ? to[(size_t)fl * nc + k] : 0;
		}
	}
	free(lastw);
	v->delta = xmalloc(v->nnodes * nc * sizeof *v->delta);
	v->hot = (uint32_t)(v->nnodes * nc);
	for (size_t u = 0; u < v->nnodes; u++) {
		const struct acnode *n = &v->nodes[u];
		if ((n->out || n->dict) && (uint32_t)((size_t)rank[u] * nc) < v->hot)
			v->hot = (uint32_t)((size_t)rank[u] * nc);
	}
	for (size_t u = 0; u < v->nnodes; u++)
		for (size_t k = 0; k < nc; k++)
			v->delta[(size_t)rank[u] * nc + k] =
				(int32_t)((int64_t)rank[to[u * nc + k]] * (int64_t)nc - v->hot);
	/* A second space in a row stays where the first went: the fast path
	 * steps over runs of spaces without a branch (vocab_match.c). A node
	 * reached by a space holds no output, so nothing is found twice. */
	if (v->cls[' '])
		for (size_t u = 0; u < v->nnodes; u++)
			for (size_t k = 0; k < v->nodes[u].ne; k++)
				if (v->nodes[u].e[k].c == ' ') {
					size_t row = (size_t)rank[v->nodes[u].e[k].to] * nc;
					v->delta[row + v->cls[' ']] = (int32_t)((int64_t)row - v->hot);
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
			     (uint32_t)fold_ascii_case((unsigned char)c) << 18 |
			     (fold_ascii_space((unsigned char)c) ? 0 : AF_NOTSP);
	}
	vocab_fast_reset(v);
	v->built = true;
}

