/* SPDX-License-Identifier: MIT
 * Personal names as citation formats want them (family, given, particle,
 * suffix), split from the free text of an `authors:` entry, and
 * organisations ("Reuters Staff", "The Editorial Board") kept whole as a
 * literal. A heuristic, so it errs towards literal: a literal is printed
 * as written, a wrong split is not.
 *
 * Rules, in order (the input trimmed, runs of blanks made one, a leading
 * "By " dropped):
 *   1. "{Anything}" in braces: literal, braces removed (BibTeX's way to
 *      say "do not split").
 *   2. An organisation: one word only ("Reuters", "東京新聞"), a digit, '&'
 *      or '@' anywhere, more than six words, a first word "The", the word
 *      "and", or any word from a list of newsroom and institution words
 *      (staff, desk, news, press, agency, ministry, university, …):
 *      literal.
 *   3. Commas: "Family, Given", "Family, Suffix, Given", "Given Family,
 *      Jr." (a suffix after the only comma). Lower-case particles at the
 *      start of the family part become the particle ("van Gogh, Vincent").
 *   4. Otherwise "Given [particles] Family [Suffix]": the last word is the
 *      family name, a run of lower-case particles just before it (van, von,
 *      de, de la, der, den, du, da, di, del, della, dos, das, ten, ter, bin,
 *      ibn, al, el, le, la, zu) the particle, a trailing Jr./Sr./II/III/IV the
 *      suffix, the rest the given names. Capitalised particles ("Van")
 *      stay with the given names, as BibTeX does. */
#ifndef DOSSIER_NAMES_H
#define DOSSIER_NAMES_H

#include <stdbool.h>

/* Owns its strings; unused parts are NULL. Either literal is set, or
 * family is (given, particle and suffix optional). */
struct name {
	char *family;
	char *given;
	char *particle; /* "van", "de la" */
	char *suffix;   /* "Jr.", "III" */
	char *literal;  /* an organisation, or a name that is one word */
};

/* Split s (UTF-8, NULL ok). Returns false, with *out all NULL, when s holds
 * nothing but blanks. */
bool name_split(const char *s, struct name *out);
void name_free(struct name *n); /* frees the parts; NULL ok */

/* The part a citation key is made of: the family name (without its
 * particle), else the literal. Borrowed from n. */
const char *name_key_part(const struct name *n);

#endif
