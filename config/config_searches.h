/* SPDX-License-Identifier: MIT
 * The config's saved searches (`searches:`, `collection-searches:`) and
 * the reader's saved file read as if the config included it. */
#ifndef DOSSIER_CONFIG_SEARCHES_H
#define DOSSIER_CONFIG_SEARCHES_H

#include "core/base/diag.h"
#include "core/find/searches.h"
#include "core/meta/yamltree.h"

/* searches: {NAME: QUERY, ...} in scope collection (NULL: every one). */
void config_read_searches(struct searches *s, const struct ynode *m, const char *collection,
			  const char *path, struct diag_list *diags);
/* collection-searches: {COLLECTION: {NAME: QUERY, ...}, ...} */
void config_read_collection_searches(struct searches *s, const struct ynode *m, const char *path,
				     struct diag_list *diags);
/* The saved file (searches_saved_path), when it exists: after the config,
 * so the config's own searches win on a name. */
void config_read_saved_searches(struct searches *s, const char *path, struct diag_list *diags);

#endif
