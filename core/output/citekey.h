/* SPDX-License-Identifier: MIT
 * One citation key per article, the same in every export (CSL-JSON id,
 * BibTeX key, RIS ID, [@key] in Markdown): author-year-word, as
 * "brook2024patriot": the first author's family name (or an
 * organisation's first word, else the source's, else "anon"), the year
 * (else "nd") and the first title word that is not a small word (the, a,
 * of, …), all folded to ASCII letters and digits (accents dropped, ß → ss,
 * æ → ae, ø → o; words in other scripts are skipped). Keys are unique in
 * the collection: when several articles share one, the earliest (by date,
 * then ID) keeps it and the others get a, b, c… appended. */
#ifndef DOSSIER_CITEKEY_H
#define DOSSIER_CITEKEY_H

#include <stddef.h>

#include "core/meta/article.h"
#include "core/collection/collection.h"
#include "core/base/strbuf.h"

/* keys[i] is article i's key; owns everything. */
struct citekeys {
	char **keys;
	size_t n;
};

/* The key before de-duplication. Caller frees. */
char *citekey_base(const struct article *a);
/* Keys for every article of c (the whole collection, so that a key does
 * not depend on what is exported). */
void citekeys_build(struct citekeys *ck, const struct collection *c);
/* Key of article number art, or NULL when out of range. Borrowed. */
const char *citekeys_get(const struct citekeys *ck, size_t art);
void citekeys_free(struct citekeys *ck);

/* s folded to lower-case ASCII letters and digits (see above); appended. */
void citekey_ascii(struct strbuf *out, const char *s);

#endif
