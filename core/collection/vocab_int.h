/* SPDX-License-Identifier: MIT
 * Inside the topic vocabulary, shared by its three files: vocab.c (the
 * YAML and the tags), vocab_fold.c (folding text on the fly) and
 * vocab_match.c (the automaton). Nothing outside them includes this. */
#ifndef DOSSIER_VOCAB_INT_H
#define DOSSIER_VOCAB_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/collection/vocab.h"

/* The longest phrase, in bytes as written; its folded form is capped at
 * VOCAB_MAX_FOLDED so the matcher's window of recent text stays small. */
#define VOCAB_MAX_PHRASE 200
#define VOCAB_MAX_FOLDED 1000

struct vtag {
	char *name;  /* owned, normalised */
	char *label; /* owned or NULL */
	struct strlist phrases;
	enum vocab_case mode;
	unsigned gen; /* which vocab_load defined it, to warn on duplicates */
	bool dead;    /* removed by a later file ("tag: ~") */
};

struct acedge {
	unsigned char c;
	int to;
};

struct acnode {
	struct acedge *e; /* owned, sorted by c */
	size_t ne, cap;
	int fail, dict;   /* failure link; next node on the fail chain with output */
	int out;          /* head of this node's outputs (index + 1), 0 = none */
	int depth;        /* bytes from the root = length of the phrase ending here */
	bool first_word;  /* the node's string starts with a word character */
	bool chain_case;  /* an output on this node's dict chain checks case */
};

/* vocab.atab flags: a space to the fold; a word character. */
enum { AF_SPACE = 1, AF_WORD = 2 };

/* Case of a folded byte: what the character it came from was. */
enum { FCASE_NONE = 0, FCASE_LOWER = 1, FCASE_UPPER = 2 };

struct acout {
	int tag;
	int next;     /* index + 1, 0 = end */
	int pat;      /* -1: any case; else offset in vocab.pats of depth bytes,
		       * each FCASE_NONE (any) or the case the text must have */
};

struct vocab {
	struct vtag *tags;
	size_t n, cap;
	struct map names; /* tag name -> index; keys are the tags' names */
	unsigned gen;
	int depth;        /* vocab_load nesting through use: */
	uint64_t hash;    /* of every text loaded, in order */
	const struct vocab_shipped *lib; /* borrowed */
	size_t nlib;
	struct acnode *nodes;
	size_t nnodes, nodes_cap;
	struct acout *outs;
	size_t nouts, outs_cap;
	struct strbuf pats; /* case patterns of the outputs */
	/* The automaton as a full transition table (a DFA) over byte classes:
	 * class 0 for every byte no phrase uses, one per byte that phrases
	 * use. An entry is the target's row * nclass, so a step is one load;
	 * rows whose node has output on its dict chain come last, from hot. */
	unsigned char cls[256];
	int nclass;
	uint32_t *delta; /* owned: nnodes x nclass, rows in breadth-first order */
	int *order;      /* owned: node of each row */
	uint32_t hot;    /* first row (* nclass) with output */
	/* ASCII for the fast path: class | folded byte << 8 | AF_ << 16 | FCASE_ << 18 */
	uint32_t atab[128];
	int maxdepth;
	bool has_case;
	bool built;
};

/* What case a folded phrase (f, its cases cas) asks of each byte of the
 * text under mode: FCASE_NONE (any) or the case it must have; appended
 * to out, f->len bytes. */
void vocab_case_pattern(enum vocab_case mode, const struct strbuf *f, const struct strbuf *cas,
			struct strbuf *out);

/* Free the automaton (vocab_match.c); vocab_build makes it again. */
void vocab_clear_automaton(struct vocab *v);

/* ---- vocab_fold.c: text folded as the matcher sees it ----
 * NFKC + case folding + default ignorables removed (utf8_fold), then
 * spaces, hyphens and dashes to one space, typographic apostrophes to ',
 * no space at the start. Each folded byte carries the FCASE_ of the text
 * character it came from. The sink gets folded characters one by one. */
struct fold_sink {
	/* one folded character: bytes, its case, is it a word character;
	 * never a space after a space */
	void (*put)(struct fold_sink *s, const char *b, size_t n, unsigned char cas, bool word);
	/* ASCII runs, when set: bytes t[i..end) all ASCII, none followed by
	 * a non-ASCII byte (no combining mark can join them); returns the
	 * same as feeding put one byte at a time */
	void (*ascii)(struct fold_sink *s, const unsigned char *t, size_t n);
	bool space; /* the last folded character was a space (true at the start) */
	struct fold_cache *cache; /* lazily made, owned by the caller: fold_cache_free */
};
void fold_feed(struct fold_sink *s, const char *t, size_t len);
void fold_cache_free(struct fold_cache *c);
/* ASCII as the fold sees it: spaces (tab..CR, ' ') and '-' are a space,
 * A-Z folds to a-z; letters and digits are word characters. */
static inline bool fold_ascii_space(unsigned char c) { return c == ' ' || c == '-' || (c >= 9 && c <= 13); }
static inline unsigned char fold_ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static inline bool fold_ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static inline unsigned char fold_ascii_case(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? FCASE_UPPER : c >= 'a' && c <= 'z' ? FCASE_LOWER : FCASE_NONE;
}

/* Fold s whole: bytes into out (NUL-terminated), cases into cas (same
 * length) when not NULL. Trailing space removed. */
void fold_string(const char *s, size_t len, struct strbuf *out, struct strbuf *cas);

#endif
