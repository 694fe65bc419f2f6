/* SPDX-License-Identifier: MIT
 * A small, bounded JSON reader (for JSON-LD in web pages): a tree of
 * values, depth and size capped, so hostile scripts cannot blow the stack. */
#ifndef DOSSIER_JSON_READ_H
#define DOSSIER_JSON_READ_H

#include <stddef.h>

enum jtype { JNULL, JBOOL, JNUM, JSTR, JARR, JOBJ };

/* Owns everything under it. For JOBJ, keys[i] names kids[i]. */
struct jval {
	enum jtype type;
	char *str;          /* JSTR (UTF-8, escapes decoded), JNUM as written */
	struct jval *kids;
	char **keys;
	size_t n, cap;
};

/* Parse s[0..len); NULL when it is not JSON (or deeper than 64 levels). */
struct jval *json_read(const char *s, size_t len);
/* A member of an object, or NULL. */
const struct jval *json_get(const struct jval *v, const char *key);
void json_val_free(struct jval *v); /* json_val_free(NULL) is a no-op */

#endif
