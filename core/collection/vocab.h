/* SPDX-License-Identifier: MIT
 * The topic vocabulary: tags implied by words and names in the text, with
 * aliases that fold spelling variants (Kyiv/Kiev) into one tag. Lets
 * untagged articles link up, and tags imported articles. */
#ifndef DOSSIER_VOCAB_H
#define DOSSIER_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/meta/article.h"
#include "core/base/diag.h"

struct vocab;

/* How an entry treats case (case: in its YAML). */
enum vocab_case {
	VOCAB_CASE_FOLD,   /* any case (the default) */
	VOCAB_CASE_PROPER, /* words capitalised in the phrase must be capitalised in the text */
	VOCAB_CASE_EXACT,  /* every letter's case as in the phrase */
};

/* A vocabulary shipped with the program, by name (config/embed.sh). */
struct vocab_shipped {
	const char *name;
	const char *yaml;
};

struct vocab *vocab_new(void);

/* The shipped vocabularies that `use: NAME` may name (borrowed; set
 * before vocab_load). */
void vocab_set_library(struct vocab *v, const struct vocab_shipped *lib, size_t n);
/* The shipped vocabulary called name, or NULL. */
const struct vocab_shipped *vocab_shipped_find(const struct vocab_shipped *lib, size_t n,
					       const char *name);

/* Parse vocabulary YAML text (path names it in diagnostics). Later loads
 * extend the vocabulary and override its entries (the user file over the
 * shipped one); within one file the first definition of a tag wins. Forms:
 *   tag: { label: L, match: [phrase, ...] }   (add: [...] extends instead)
 *   tag: [phrase, ...]                        (short form)
 *   tag: ~                                    (removes a tag loaded earlier)
 *   tag: { match: [...], case: proper|exact|fold }
 *   use: NAME or [NAME, ...]   shipped vocabularies loaded first, this
 *                              file's entries over them ("use" is no tag)
 * Problems are diags FILE:LINE:COL; entries that were readable still load.
 * Returns 0, or -1 when the text is not valid YAML of that shape at all. */
int vocab_load(struct vocab *v, const char *yaml, size_t len, const char *path,
	       struct diag_list *diags);

/* Compile the matcher; call after the last vocab_load. */
void vocab_build(struct vocab *v);

/* Add to out (normalised tag names, no duplicates) every tag one of whose
 * phrases occurs in text as whole words, Unicode case-insensitively
 * (NFKC + case fold; hyphens count as spaces, runs of spaces as one), with
 * the case its entry asks for. One pass over the text, folded on the fly
 * (no copy), linear whatever the vocabulary size (Aho-Corasick). Safe to
 * call from several threads at once on one built vocabulary. */
void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out);

/* Display label of a normalised tag, or NULL when it has none. Borrowed. */
const char *vocab_label(const struct vocab *v, const char *tag);

size_t vocab_count(const struct vocab *v); /* tags defined */
/* Hash of every YAML text loaded, in order (never 0): keys the metadata
 * cache, so another vocabulary re-derives the tags. */
uint64_t vocab_hash(const struct vocab *v);
/* The tags in load order, i < vocab_tag_count: the normalised name
 * (borrowed; NULL for a tag a later file removed), its phrases and case. */
size_t vocab_tag_count(const struct vocab *v);
const char *vocab_tag_name(const struct vocab *v, size_t i);
const struct strlist *vocab_tag_phrases(const struct vocab *v, size_t i);
enum vocab_case vocab_tag_case(const struct vocab *v, size_t i);

void vocab_free(struct vocab *v);
/* A vocabulary from YAML text (named path in messages) or, text NULL, the
 * file at path (at most 4 MiB), built; use: names resolve in lib.
 * Problems are diags. NULL when the file cannot be read or the text is not
 * a vocabulary at all. */
struct vocab *vocab_open(const char *text, const char *path, const struct vocab_shipped *lib,
			 size_t nlib, struct diag_list *diags);

#endif
