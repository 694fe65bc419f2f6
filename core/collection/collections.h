/* SPDX-License-Identifier: MIT
 * Named collections (config `collections: {news: ~/clips}`) and how a
 * command-line argument picks a folder: `-C NAME` is always a name,
 * `--corpus ARG` a folder when one exists there, else a name. */
#ifndef DOSSIER_COLLECTIONS_H
#define DOSSIER_COLLECTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct collection_entry {
	char *name; /* letters, digits, '.', '_', '-'; not starting with '-' */
	char *path; /* the folder, ~ expanded */
};

/* Owns its entries, in the order they were added. */
struct collections {
	struct collection_entry *v;
	size_t n;
};

/* Is name usable as a collection name (see above; at most 64 bytes)? */
bool collections_name_ok(const char *name);
/* Add name -> path (copied), or replace the path of an existing name. */
void collections_set(struct collections *c, const char *name, const char *path);
/* The folder of the collection called name, or NULL (borrowed). */
const char *collections_find(const struct collections *c, const char *name);
/* --corpus ARG: arg itself when it names an existing folder (or when no
 * collection has that name), else that collection's folder. Borrowed. */
const char *collections_resolve(const struct collections *c, const char *arg);
void collections_free(struct collections *c);

#endif
