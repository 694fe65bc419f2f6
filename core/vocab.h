/* SPDX-License-Identifier: MIT
 * The topic vocabulary: tags implied by words and names in the text, with
 * aliases that fold spelling variants (Kyiv/Kiev) into one tag. Lets
 * untagged articles link up, and tags imported articles. */
#ifndef DOSSIER_VOCAB_H
#define DOSSIER_VOCAB_H

#include <stddef.h>

#include "core/article.h"
#include "core/diag.h"

struct vocab;

struct vocab *vocab_new(void);

/* Parse vocabulary YAML text (path names it in diagnostics). Later loads
 * extend the vocabulary and override its entries (the user file over the
 * shipped one); within one file the first definition of a tag wins. Forms:
 *   tag: { label: L, match: [phrase, ...] }   (add: [...] extends instead)
 *   tag: [phrase, ...]                        (short form)
 *   tag: ~                                    (removes a tag loaded earlier)
 * Problems are diags FILE:LINE:COL; entries that were readable still load.
 * Returns 0, or -1 when the text is not valid YAML of that shape at all. */
int vocab_load(struct vocab *v, const char *yaml, size_t len, const char *path,
	       struct diag_list *diags);

/* Compile the matcher; call after the last vocab_load. */
void vocab_build(struct vocab *v);

/* Add to out (normalised tag names, no duplicates) every tag one of whose
 * phrases occurs in text as whole words, Unicode case-insensitively
 * (NFKC + case fold; hyphens count as spaces, runs of spaces as one).
 * Linear in len whatever the vocabulary size (Aho-Corasick). */
void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out);

/* Display label of a normalised tag, or NULL when it has none. Borrowed. */
const char *vocab_label(const struct vocab *v, const char *tag);

size_t vocab_count(const struct vocab *v); /* tags defined */

void vocab_free(struct vocab *v);
/* The vocabulary everyone uses: the shipped YAML (named shipped_name in
 * messages), then the user's file over it (NULL: none), built. Problems
 * are diags; a missing or unreadable user file is one. Never NULL. */
struct vocab *vocab_open(const char *shipped, const char *shipped_name, const char *user_path,
			 struct diag_list *diags);

#endif
