/* SPDX-License-Identifier: MIT
 * Page-chrome patterns ("Source link", photo credits, weather widgets) that
 * import leaves out of an article; kept as data so users can extend them. */
#ifndef DOSSIER_BOILERPLATE_H
#define DOSSIER_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"

struct boilerplate;

/* Page-chrome patterns from YAML (config/boilerplate.yaml). Keys, each a
 * list of strings, compared with the trimmed line:
 *   exact:  the whole line, case-insensitively ("Source link")
 *   prefix: the line starts with it, case-insensitively ("©")
 *   regex:  POSIX extended regex, case-insensitive ("^[0-9]+ ?°?[CF]$")
 *   cased-regex: the same, case-sensitive
 *   teaser: a prefix whose line takes the next headline-like line of the same
 *           paragraph with it (a "FILE PHOTO" caption and the linked headline)
 * Later loads add to earlier ones. Returns 0, or -1 on a YAML error (diags
 * carry FILE:LINE:COL). A bad regex is a diag and is skipped. */
struct boilerplate *boilerplate_new(void);
int boilerplate_load(struct boilerplate *b, const char *yaml, size_t len, const char *path,
		     struct diag_list *diags);
/* The pattern a trimmed line matches (borrowed), or NULL; *teaser (may be
 * NULL) says whether it was a teaser pattern. */
const char *boilerplate_match(const struct boilerplate *b, const char *line, size_t len,
			      bool *teaser);
void boilerplate_free(struct boilerplate *b);

#endif
