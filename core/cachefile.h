/* SPDX-License-Identifier: MIT
 * Where the caches live and how they are written (see cachefile.c). */
#ifndef DOSSIER_CACHEFILE_H
#define DOSSIER_CACHEFILE_H

#include <stddef.h>

/* $XDG_CACHE_HOME/dossier (an absolute XDG value only), else
 * $HOME/.cache/dossier; NULL when neither is usable. Caller frees. */
char *cachefile_dir(void);
/* The cache file of the collection at root: "<dir>/<folder name, made
 * safe>-<hash of the absolute path><suffix>"; NULL with no cache folder.
 * Any spelling of the same folder gives the same name. Caller frees. */
char *cachefile_path(const char *root, const char *suffix);
/* realpath(), or the path joined with the current folder. Caller frees. */
char *cachefile_abspath(const char *path);
/* mkdir -p with mode 0700 for what it creates. */
void cachefile_mkdirs(const char *dir);
/* Temp file in the same folder + fsync + rename: readers see the whole old
 * or the whole new file. Creates the folder. Returns 0 or an errno value. */
int cachefile_write_atomic(const char *path, const char *data, size_t len);

#endif
