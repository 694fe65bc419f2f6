/* SPDX-License-Identifier: MIT
 * Which topic vocabulary a collection uses: only one it chose (a flag, the
 * config, or a file in the collection); with none, no derived tags. */
#ifndef DOSSIER_TOPICS_H
#define DOSSIER_TOPICS_H

#include <stdbool.h>

#include "core/collection/collections.h"
#include "core/base/diag.h"
#include "core/collection/vocab.h"

/* The collection's own choice, inside its folder. */
#define TOPICS_COLLECTION_FILE ".dossier/topics.yaml"

/* Where a choice can come from; every field may be NULL. Borrowed. */
struct topics_choice {
	const char *flag;                     /* --topics SPEC */
	const struct collections *config_map; /* config topics: {NAME or FOLDER: SPEC} */
	const struct collections *named;      /* config collections: (names in config_map) */
	const char *config_all;               /* config topics: SPEC, for every collection */
	const char *corpus;                   /* the collection's folder */
	const struct vocab_shipped *lib;      /* the shipped vocabularies */
	size_t nlib;
};

/* The vocabulary chosen for the collection, first found of: the flag, the
 * config's entry for this collection (by name or folder), the collection's
 * TOPICS_COLLECTION_FILE, the config's topics for every collection. NULL
 * when none is chosen, or when the chosen one cannot be read (*failed set;
 * diags say why). *from (borrowed, static or from c): where it came from,
 * for messages; NULL with none. */
struct vocab *topics_choose(const struct topics_choice *c, struct diag_list *diags,
			    const char **from, bool *failed);

/* SPEC: a YAML file, else the name of a shipped vocabulary. NULL (with a
 * diag) when it is neither or cannot be read. */
struct vocab *topics_open_spec(const char *spec, const struct vocab_shipped *lib, size_t nlib,
			       struct diag_list *diags);

#endif
