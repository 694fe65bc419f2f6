/* SPDX-License-Identifier: MIT
 * Inside the topic vocabulary, shared by its files: vocab.c (the YAML and
 * the tags), vocab_build.c (the automaton), vocab_fold.c and vocab_fast.c
 * (folding text on the fly), vocab_skip.c (where a phrase may start) and
 * vocab_match.c (the walk). Only they and their unit tests include this. */
#ifndef DOSSIER_VOCAB_INT_H
#define DOSSIER_VOCAB_INT_H

#include <stdatomic.h>
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

struct vskip;

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

/* vocab.atab flags: a space to the fold; a word character. AF_MB (not
 * shifted): the byte starts a character of several bytes. */
enum { AF_SPACE = 1, AF_WORD = 2 };
#define AF_MB (1u << 20)
#define AF_NOTSP (1u << 31) /* in every entry but a space's: see vocab_match.c */

/* A character of two or three bytes as the fast walk folds it: its folded
 * bytes as vocab.atab entries (class | byte << 8 | AF_ << 16 | FCASE_ <<
 * 18 | AF_NOTSP). n = 0: not for the fast walk (folds to several characters, may
 * join what is before it, or is no character). */
struct vfold {
	uint32_t e[3];
	uint32_t n;
};
#define VF_BLOCK 32 /* code points per lazily made block */
#define VF_NBLOCKS (0x10000 / VF_BLOCK)

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
	 * use. Rows whose node has output on its dict chain come last, from
	 * row * nclass = hot; an entry is the target's row * nclass - hot, so
	 * a step is one load (from delta + hot) and "has output" is >= 0. */
	unsigned char cls[256];
	int nclass;
	int32_t *delta;  /* owned: nnodes x nclass, rows in breadth-first order */
	int *order;      /* owned: node of each row */
	uint32_t hot;    /* first row (* nclass) with output */
	/* bytes for the fast path: class | folded byte << 8 | AF_ << 16 |
	 * FCASE_ << 18 for ASCII; AF_MB for a byte that starts a character of
	 * two or three bytes (see fast) */
	uint32_t atab[256];
	/* owned, VF_NBLOCKS pointers: the BMP's characters as the fast walk
	 * folds them (vocab_fast.c), each block made on first use by whichever
	 * thread meets it and published atomically, so a built vocabulary
	 * stays shareable between threads */
	_Atomic(struct vfold *) *fast;
	struct vskip *skip; /* owned: where a phrase may start (vocab_skip.c) */
	int maxdepth;
	bool has_case;
	bool built;
};

/* What case a folded phrase (f, its cases cas) asks of each byte of the
 * text under mode: FCASE_NONE (any) or the case it must have; appended
 * to out, f->len bytes. */
void vocab_case_pattern(enum vocab_case mode, const struct strbuf *f, const struct strbuf *cas,
			struct strbuf *out);

/* vocab_match without the fast walk: each character folded through the
 * cluster path and fed to the automaton alone (the tests' reference). */
void vocab_match_plain(const struct vocab *v, const char *text, size_t len, struct strlist *out);

/* Free the automaton (vocab_match.c); vocab_build makes it again. */
void vocab_clear_automaton(struct vocab *v);

/* ---- vocab_fold.c: text folded as the matcher sees it ----
 * NFKC + case folding + default ignorables removed (utf8_fold), then
 * spaces, hyphens and dashes to one space, typographic apostrophes to ',
 * no space at the start. Each folded byte carries the FCASE_ of the text
 * character it came from. The sink gets folded characters one by one. */
/* One character folded alone, and whether a cluster may end before it
 * (vocab_fold.c's cache of what it learnt per character, utf8proc's
 * answers kept for the rest of the text). */
#define FOLD_CACHE_SIZE 512 /* a power of two */
#define FOLD_CACHE_BYTES 14
struct cpinfo {
	int32_t cp;         /* -1: empty slot */
	unsigned char len;  /* folded bytes in b; 0xFF: too long, fold each time */
	bool inert;
	unsigned char cas;  /* FCASE_ of the character */
	unsigned char kind; /* vocab_fold.c's EK_: b is one character of that kind */
	char b[FOLD_CACHE_BYTES];
};
struct fold_cache {
	struct cpinfo e[FOLD_CACHE_SIZE];
};

struct fold_sink {
	/* one folded character: bytes, its case, is it a word character;
	 * never a space after a space */
	void (*put)(struct fold_sink *s, const char *b, size_t n, unsigned char cas, bool word);
	bool space; /* the last folded character was a space (true at the start) */
	/* lazily made and freed by fold_cache_free; or the caller's storage
	 * (cache_lent: not freed), filled in on first use (cache_ready) */
	struct fold_cache *cache;
	bool cache_lent, cache_ready;
};
void fold_feed(struct fold_sink *s, const char *t, size_t len);
/* One cluster of t from i (a character and the marks that may compose
 * with it; i must start one: the text's start or an inert character)
 * folded to the sink; returns where it ends. */
size_t fold_one(struct fold_sink *s, const char *t, size_t len, size_t i);
void fold_cache_free(struct fold_sink *s);

/* How cp folds when nothing before it can join it: to one character (b,
 * n bytes) of a kind the fast walk knows, with the case of cp. True only
 * when cp is also inert (nothing before it composes with it), so a
 * character followed by cp folds alone. */
enum { FK_SPACE = 1, FK_APOS, FK_WORD, FK_OTHER };
struct fold_char {
	unsigned char kind; /* FK_ */
	unsigned char cas;  /* FCASE_ */
	unsigned char n;
	char b[4];
};
bool fold_char_alone(int32_t cp, struct fold_char *out);

/* ---- vocab_fast.c: the table the fast walk folds non-ASCII by ---- */
void vocab_fast_reset(struct vocab *v); /* at build: no blocks */
void vocab_fast_free(struct vocab *v);
/* End of the fast run from i: the bytes t[i..end) are ASCII or characters
 * with a vfold, each followed by one of those or by the text's end, so
 * each folds alone. end == i when the character at i is not for it. */
size_t vocab_fast_run(const struct vocab *v, const unsigned char *t, size_t len, size_t i);
/* The vfold of the character at p, which vocab_fast_run took. */
static inline const struct vfold *vocab_fast_at(const struct vocab *v, const unsigned char *p)
{
	uint32_t cp = p[0] < 0xE0 ? (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
				  : (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	const struct vfold *b = atomic_load_explicit(&v->fast[cp / VF_BLOCK], memory_order_acquire);
	return &b[cp % VF_BLOCK];
}
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

/* ---- vocab_skip.c: the places in a fast run a phrase may start ---- */
void vocab_skip_reset(struct vocab *v); /* at build: no phrases */
void vocab_skip_free(struct vocab *v);
/* Folded phrase f (len bytes) with its case pattern pat (len bytes;
 * NULL: any case), added to the places looked for. */
void vocab_skip_add(struct vocab *v, const char *f, size_t len, const char *pat);
/* May the matcher skip text at all (false when too many different signs
 * begin phrases)? */
bool vocab_skip_usable(const struct vocab *v);
/* The places a phrase may start (always kept when in doubt) among the
 * VSKIP_CHUNK bytes from i of the fast run t[0..n), none past n: their
 * offsets from i into at, in order; returns how many. prev_ok: t[-1] may
 * be read (the run does not begin the text). */
#define VSKIP_CHUNK 60
size_t vocab_skip_chunk(const struct vocab *v, const unsigned char *t, size_t n, size_t i, bool prev_ok,
			unsigned char at[VSKIP_CHUNK]);
/* The classes of 16 bytes at q, a bit per byte: ASCII letter or digit,
 * byte >= 0x80, byte >= 0xC0, a sign that begins a phrase. _ref is the
 * byte-at-a-time reference the tests compare the vector code with. */
struct vskip_masks {
	uint32_t a, h, l, nw;
};
void vocab_skip_masks(const struct vocab *v, const unsigned char *q, struct vskip_masks *m);
void vocab_skip_masks_ref(const struct vocab *v, const unsigned char *q, struct vskip_masks *m);

/* Fold s whole: bytes into out (NUL-terminated), cases into cas (same
 * length) when not NULL. Trailing space removed. */
void fold_string(const char *s, size_t len, struct strbuf *out, struct strbuf *cas);

#endif
