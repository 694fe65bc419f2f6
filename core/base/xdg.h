/* SPDX-License-Identifier: MIT
 * Where dossier's own files live, by the XDG base-directory spec, in one
 * place: the config, state and cache folders, the config file search
 * (XDG_CONFIG_HOME, then XDG_CONFIG_DIRS) and the one file-name rule for
 * per-collection files (reading state, metadata cache, full-text index). */
#ifndef DOSSIER_XDG_H
#define DOSSIER_XDG_H

enum xdg_base { XDG_BASE_CONFIG, XDG_BASE_STATE, XDG_BASE_CACHE };

/* $XDG_CONFIG_HOME/dossier, $XDG_STATE_HOME/dossier, $XDG_CACHE_HOME/dossier,
 * else $HOME/.config, .local/state, .cache + /dossier. A relative value
 * (of either variable) is ignored, as the spec says. NULL when neither is
 * usable. Not created. Caller frees. */
char *xdg_dir(enum xdg_base base);

/* The config file dossier/NAME: the first that exists (lstat) of the one
 * under xdg_dir(XDG_BASE_CONFIG) and those under each absolute folder of
 * $XDG_CONFIG_DIRS (":"-separated, default /etc/xdg), in that order. When
 * none exists, the user's own path (for messages), or NULL when there is
 * no usable folder at all. Caller frees. */
char *xdg_config_file(const char *name);

/* The per-collection file in base's folder for the collection at root:
 * "<dir>/<the folder's name, made safe, at most 32 bytes>-<16 hex digits
 * of the absolute path's hash><suffix>". Any spelling of the same folder
 * gives the same name, two folders never share one. NULL when there is no
 * folder. Caller frees. */
char *xdg_collection_file(enum xdg_base base, const char *root, const char *suffix);

#endif
