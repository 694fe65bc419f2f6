/* SPDX-License-Identifier: MIT
 * Topic vocabulary: YAML tag -> phrases, compiled into one Aho-Corasick
 * automaton over folded phrases, so tagging a text costs one pass over it
 * however many tags and aliases the vocabulary holds. */
#include "core/vocab.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "core/map.h"
#include "core/strbuf.h"
#include "core/tags.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/yamltree.h"


struct vtag {
	char *name;  /* owned, normalised */
	char *label; /* owned or NULL */
	struct strlist phrases;
	unsigned gen; /* which vocab_load defined it, to warn on duplicates */
	bool dead;    /* removed by a later file ("tag: ~") */
};

struct acedge {
	unsigned char c;
	int to;
};

struct acnode {
	struct acedge *e; /* owned, sorted by c after build */
	size_t ne, cap;
	int fail, dict;   /* failure link; next node on the fail chain with output */
	int out;          /* head of this node's outputs (index + 1), 0 = none */
	int depth;        /* bytes from the root = length of the phrase ending here */
};

struct acout {
	int tag;
	int next; /* index + 1, 0 = end */
};

struct vocab {
	struct vtag *tags;
	size_t n, cap;
	struct map names; /* tag name -> index; keys are the tags' names */
	unsigned gen;
	struct acnode *nodes;
	size_t nnodes, nodes_cap;
	struct acout *outs;
	size_t nouts, outs_cap;
	/* The automaton as a full transition table (a DFA): one lookup per
	 * byte of text, no fail chains to follow. Columns are byte classes:
	 * class 0 for every byte no phrase uses (it always leads to the root),
	 * one class per byte that phrases use, so the table stays small. */
	unsigned char cls[256];
	int nclass;
	int *delta; /* owned: nnodes x nclass */
	bool built;
};

struct vocab *vocab_new(void)
{
	return xcalloc(1, sizeof(struct vocab));
}

static long vocab_find(const struct vocab *v, const char *name)
{
	size_t i;
	return map_get(&v->names, name, &i) ? (long)i : -1;
}

/* Returns the tag's index, creating it (name taken) when new. */
static size_t vocab_intern(struct vocab *v, char *name)
{
	long found = vocab_find(v, name);
	if (found >= 0) {
		free(name);
		return (size_t)found;
	}
	ARRAY_RESERVE(v->tags, v->cap, v->n + 1);
	v->tags[v->n] = (struct vtag){.name = name, .dead = true};
	map_put(&v->names, name, v->n);
	return v->n++;
}

/* ---- reading the YAML (through the bounded reader, yamltree.h) ---- */

static void warn_node(struct diag_list *diags, const char *path, const struct ynode *n,
		      const char *fmt, const char *arg)
{
	diag_add(diags, DIAG_WARNING, path, n->line, n->col, fmt, arg);
}

/* Phrases from a scalar or a list of scalars. */
static void read_phrases(const struct ynode *n, struct strlist *out, const char *path,
			 struct diag_list *diags)
{
	if (n->kind == YNODE_SCALAR) {
		if (!ynode_is_null(n)) strlist_push(out, n->text);
		return;
	}
	if (n->kind != YNODE_SEQ) {
		warn_node(diags, path, n, "%s", "expected a list of phrases");
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *p = &n->kids[i];
		if (p->kind != YNODE_SCALAR) warn_node(diags, path, p, "%s", "a phrase must be a string; ignored");
		else if (p->len) strlist_push(out, p->text);
		else warn_node(diags, path, p, "%s", "empty phrase ignored");
	}
}

/* The value of one "tag: ..." entry, applied to tag t: [phrases], or
 * {label, match, add}, or ~ to remove the tag. */
static void read_entry(const struct ynode *n, struct vtag *t, const char *path,
		       struct diag_list *diags)
{
	struct strlist match = {0}, add = {0};
	char *label = NULL;
	bool have_match = false;

	if (ynode_is_null(n)) {
		t->dead = true;
		return;
	}
	if (n->kind == YNODE_MAP) {
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			const struct ynode *k = &n->kids[i], *val = &n->kids[i + 1];
			if (val->partial) continue;
			if (k->kind != YNODE_SCALAR) {
				warn_node(diags, path, k, "%s", "a key must be a string; entry ignored");
			} else if (strcmp(k->text, "label") == 0 && val->kind == YNODE_SCALAR) {
				free(label);
				label = ynode_is_null(val) ? NULL : xstrdup(val->text);
			} else if (strcmp(k->text, "label") == 0) {
				warn_node(diags, path, val, "'%s' must be a string; ignored", k->text);
			} else if (strcmp(k->text, "match") == 0) {
				have_match = true;
				read_phrases(val, &match, path, diags);
			} else if (strcmp(k->text, "add") == 0) {
				read_phrases(val, &add, path, diags);
			} else {
				warn_node(diags, path, k, "unknown key '%s' ignored (known: label, match, add)",
					  k->text);
			}
		}
	} else {
		have_match = true;
		read_phrases(n, &match, path, diags);
	}
	bool revive = t->dead;
	t->dead = false;
	if (label || revive) {
		free(t->label);
		t->label = label;
		label = NULL;
	}
	if (have_match || revive) {
		strlist_free(&t->phrases);
		t->phrases = match;
		match = (struct strlist){0};
	}
	for (size_t i = 0; i < add.n; i++) strlist_push(&t->phrases, add.v[i]);
	free(label);
	strlist_free(&match);
	strlist_free(&add);
}

int vocab_load(struct vocab *v, const char *yaml, size_t len, const char *path,
	       struct diag_list *diags)
{
	if (!path) path = "topics.yaml";
	v->gen++;
	v->built = false;
	struct ynode root;
	/* input is capped at 4 MiB (vocab_open): a node needs at least 2 bytes */
	int rc = yamltree_parse_as(yaml, len, path, 1, "the topic vocabulary", len / 2 + 16, &root,
				   diags);
	if (root.kind != YNODE_MAP) {
		if (rc == 0 && !ynode_is_null(&root)) {
			diag_add(diags, DIAG_ERROR, path, root.line, root.col,
				 "the vocabulary must be a mapping of tag: phrases");
			rc = -1;
		}
		yamltree_free(&root);
		return rc;
	}
	/* a syntax error keeps the complete entries before it */
	for (size_t i = 0; i + 1 < root.n; i += 2) {
		const struct ynode *k = &root.kids[i], *val = &root.kids[i + 1];
		if (val->partial) continue;
		if (k->kind != YNODE_SCALAR) {
			warn_node(diags, path, k, "%s", "a tag name must be a string; entry ignored");
			continue;
		}
		char *name = tag_normalize(k->text, k->len);
		if (!name) {
			warn_node(diags, path, k, "%s", "empty tag name; entry ignored");
			continue;
		}
		size_t idx = vocab_intern(v, name);
		if (v->tags[idx].gen == v->gen) {
			warn_node(diags, path, k, "tag '%s' defined twice; the first definition wins",
				  v->tags[idx].name);
			continue;
		}
		v->tags[idx].gen = v->gen;
		read_entry(val, &v->tags[idx], path, diags);
	}
	yamltree_free(&root);
	return rc;
}

/* ---- the automaton ---- */

static bool is_space_cp(int32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

/* Fold for matching, then hyphens and dashes to spaces, runs of spaces to
 * one, typographic apostrophes to '. Both phrases and texts go through it. */
static char *match_fold(const char *s, size_t len, size_t *outlen)
{
	size_t flen, i = 0;
	char *f = utf8_fold(s, len, &flen);
	/* the result is never longer than f: write it in place */
	char *o = f;
	size_t olen = 0;
	bool space = true;

	while (i < flen) {
		unsigned char b = (unsigned char)f[i];
		int32_t cp = b;
		size_t n = 1;
		if (b >= 0x80) n = utf8_decode(f + i, flen - i, &cp);
		if (is_space_cp(cp)) {
			if (!space) o[olen++] = ' ';
			space = true;
		} else if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018) {
			o[olen++] = '\'';
			space = false;
		} else {
			for (size_t k = 0; k < n; k++) o[olen++] = f[i + k];
			space = false;
		}
		i += n;
	}
	if (olen && o[olen - 1] == ' ') olen--;
	o[olen] = '\0';
	*outlen = olen;
	return f;
}

static int ac_new_node(struct vocab *v, int depth)
{
	ARRAY_RESERVE(v->nodes, v->nodes_cap, v->nnodes + 1);
	v->nodes[v->nnodes] = (struct acnode){.depth = depth};
	return (int)v->nnodes++;
}

/* Child of node u on byte c, or -1. Edges are sorted once built. */
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

static void ac_add(struct vocab *v, const char *p, size_t len, int tag)
{
	int u = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		struct acnode *n = &v->nodes[u];
		size_t k = 0;
		while (k < n->ne && n->e[k].c < c) k++; /* kept sorted while inserting */
		if (k < n->ne && n->e[k].c == c) {
			u = n->e[k].to;
			continue;
		}
		int child = ac_new_node(v, (int)i + 1);
		n = &v->nodes[u];
		ARRAY_RESERVE(n->e, n->cap, n->ne + 1);
		memmove(n->e + k + 1, n->e + k, (n->ne - k) * sizeof *n->e);
		n->e[k] = (struct acedge){c, child};
		n->ne++;
		u = child;
	}
	for (int o = v->nodes[u].out; o; o = v->outs[o - 1].next)
		if (v->outs[o - 1].tag == tag) return;
	ARRAY_RESERVE(v->outs, v->outs_cap, v->nouts + 1);
	v->outs[v->nouts] = (struct acout){tag, v->nodes[u].out};
	v->nodes[u].out = (int)++v->nouts;
}

static void ac_clear(struct vocab *v)
{
	for (size_t i = 0; i < v->nnodes; i++) free(v->nodes[i].e);
	free(v->delta);
	v->delta = NULL;
	v->nnodes = 0;
	v->nouts = 0;
}

void vocab_build(struct vocab *v)
{
	ac_clear(v);
	ac_new_node(v, 0);
	for (size_t t = 0; t < v->n; t++) {
		if (v->tags[t].dead) continue;
		for (size_t i = 0; i < v->tags[t].phrases.n; i++) {
			size_t flen;
			char *f = match_fold(v->tags[t].phrases.v[i], strlen(v->tags[t].phrases.v[i]), &flen);
			if (flen) ac_add(v, f, flen, (int)t);
			free(f);
		}
	}
	/* Breadth-first: fail links point to the longest proper suffix in the trie. */
	int *queue = xmalloc(v->nnodes * sizeof *queue);
	size_t head = 0, tail = 0;
	for (size_t k = 0; k < v->nodes[0].ne; k++) {
		int c = v->nodes[0].e[k].to;
		v->nodes[c].fail = 0;
		queue[tail++] = c;
	}
	while (head < tail) {
		int u = queue[head++];
		for (size_t k = 0; k < v->nodes[u].ne; k++) {
			unsigned char c = v->nodes[u].e[k].c;
			int child = v->nodes[u].e[k].to, f = v->nodes[u].fail, g;
			while ((g = ac_goto(v, f, c)) < 0 && f) f = v->nodes[f].fail;
			v->nodes[child].fail = g >= 0 ? g : 0;
			int fl = v->nodes[child].fail;
			v->nodes[child].dict = v->nodes[fl].out ? fl : v->nodes[fl].dict;
			queue[tail++] = child;
		}
	}
	/* byte classes, then delta in breadth-first order: a missing edge
	 * goes where the fail node goes, which is already filled in */
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
	v->delta = xcalloc(v->nnodes * (size_t)v->nclass, sizeof *v->delta);
	for (int k = 1; k < v->nclass; k++) {
		int g = ac_goto(v, 0, byte_of[k]);
		v->delta[k] = g >= 0 ? g : 0;
	}
	for (size_t q = 0; q < tail; q++) {
		int u = queue[q];
		int *row = v->delta + (size_t)u * (size_t)v->nclass;
		const int *frow = v->delta + (size_t)v->nodes[u].fail * (size_t)v->nclass;
		for (int k = 1; k < v->nclass; k++) {
			int g = ac_goto(v, u, byte_of[k]);
			row[k] = g >= 0 ? g : frow[k];
		}
	}
	free(queue);
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

/* The code point that ends just before byte offset at. */
static int32_t cp_before(const char *t, size_t len, size_t at)
{
	int32_t cp;
	size_t p = at - 1;
	while (p > 0 && at - p < 4 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
	utf8_decode(t + p, len - p, &cp);
	return cp;
}

/* Whole word at the start: no word character runs into the match. */
static bool starts_word(const char *t, size_t len, size_t start)
{
	int32_t first;
	utf8_decode(t + start, len - start, &first);
	return start == 0 || !utf8_is_word_cp(first) || !utf8_is_word_cp(cp_before(t, len, start));
}

/* The same at the end; shared by every phrase that ends there. */
static bool ends_word(const char *t, size_t len, size_t end)
{
	int32_t next;
	if (end >= len) return true;
	utf8_decode(t + end, len - end, &next);
	return !utf8_is_word_cp(next) || !utf8_is_word_cp(cp_before(t, len, end));
}

void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out)
{
	if (!v || !v->built || v->nnodes < 2 || !len) return;
	size_t flen;
	char *f = match_fold(text, len, &flen);
	int *hits = NULL;
	size_t nhits = 0, hcap = 0;
	int u = 0;
	struct iset walked = {0};

	for (size_t i = 0; i < flen; i++) {
		unsigned char c = (unsigned char)f[i];
		u = v->delta[(size_t)u * (size_t)v->nclass + v->cls[c]];
		int n = v->nodes[u].out ? u : v->nodes[u].dict;
		if (!n || !ends_word(f, flen, i + 1)) continue;
		/* Every phrase on the chain is a suffix of n's phrase, so once n's
		 * chain was walked at a word end, the rest gives the same answers:
		 * stop there. Each node is walked past once, keeping this linear. */
		for (; n; n = v->nodes[n].dict) {
			if (starts_word(f, flen, i + 1 - (size_t)v->nodes[n].depth)) {
				for (int o = v->nodes[n].out; o; o = v->outs[o - 1].next) {
					ARRAY_RESERVE(hits, hcap, nhits + 1);
					hits[nhits++] = v->outs[o - 1].tag;
				}
			}
			if (!iset_add(&walked, n)) break;
		}
	}
	free(walked.k);
	if (nhits) qsort(hits, nhits, sizeof *hits, cmp_int);
	for (size_t i = 0; i < nhits; i++) {
		if (i && hits[i] == hits[i - 1]) continue;
		const char *name = v->tags[hits[i]].name;
		if (!strlist_has(out, name)) strlist_push(out, name);
	}
	free(hits);
	free(f);
}

const char *vocab_label(const struct vocab *v, const char *tag)
{
	long i = v && tag ? vocab_find(v, tag) : -1;
	return i >= 0 && !v->tags[i].dead ? v->tags[i].label : NULL;
}

size_t vocab_count(const struct vocab *v)
{
	size_t n = 0;
	for (size_t i = 0; v && i < v->n; i++) n += !v->tags[i].dead;
	return n;
}

void vocab_free(struct vocab *v)
{
	if (!v) return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->tags[i].name);
		free(v->tags[i].label);
		strlist_free(&v->tags[i].phrases);
	}
	free(v->tags);
	map_free(&v->names);
	ac_clear(v);
	free(v->nodes);
	free(v->outs);
	free(v);
}

struct vocab *vocab_open(const char *shipped, const char *shipped_name, const char *user_path,
			 struct diag_list *diags)
{
	struct vocab *v = vocab_new();
	if (shipped) vocab_load(v, shipped, strlen(shipped), shipped_name, diags);
	if (user_path) {
		char *text;
		size_t len;
		int err = fsutil_read_file(user_path, 4u << 20, &text, &len);
		if (err) {
			diag_add(diags, DIAG_ERROR, user_path, 0, 0, "cannot read topic vocabulary: %s",
				 err == EFBIG ? "larger than 4 MiB" : strerror(err));
		} else {
			vocab_load(v, text, len, user_path, diags);
			free(text);
		}
	}
	vocab_build(v);
	return v;
}
