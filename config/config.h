/* SPDX-License-Identifier: MIT
 * The user's settings: config/config.yaml (compiled in) is what an empty
 * config means; $XDG_CONFIG_HOME/dossier/config.yaml, else the first
 * dossier/config.yaml under $XDG_CONFIG_DIRS (core/base/xdg.h), or --config, is
 * read over it. Key bindings and colours are kept as specs (strings with their
 * position) for the TUI to interpret; nothing here knows the terminal. */
#ifndef DOSSIER_CONFIG_H
#define DOSSIER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collections.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"
#include "core/find/searches.h"

struct binding_spec {
	char *pane;   /* "global", "list", "text", "related", "tags", "marks" */
	char *key;    /* key notation: "j", "<C-f>", "<Down>", "<S-Tab>" */
	char *action; /* action name, e.g. "move-down"; "none" unbinds */
	char *path;   /* where it was written, for diagnostics */
	int line, col;
};

struct color_spec {
	char *style;  /* style name, e.g. "title", "selected", "mark" */
	char *fg, *bg;/* colour names or numbers; NULL = default */
	unsigned attrs; /* COLOR_ATTR_* */
	char *path;
	int line, col;
};

enum { COLOR_ATTR_BOLD = 1, COLOR_ATTR_REVERSE = 2, COLOR_ATTR_UNDERLINE = 4,
       COLOR_ATTR_DIM = 8, COLOR_ATTR_ITALIC = 16 };

/* list.widths: the width of one list column, by its name. */
struct list_width {
	char *name;   /* owned: "source", "meta.publisher" */
	int width;
};

/* Owns everything it points to. */
struct settings {
	char *collection;     /* default collection: a folder, else a name; or NULL */
	struct collections collections; /* collections: NAME: FOLDER */
	/* searches: NAME: QUERY, collection-searches: COLL: {NAME: QUERY}, then
	 * the reader's saved file (searches_path) as if included */
	struct searches searches;
	char *searches_path;  /* where the reader saves a search, or NULL */
	char *layout;         /* "auto", "wide" or "stacked" */
	int list_width;       /* percent of the screen width for the list pane */
	int related_width;    /* percent for the related pane (wide layout) */
	int stack_below;      /* columns under which "auto" stacks related */
	int related_count;    /* entries in the related pane */
	struct strlist list_columns; /* list.columns: names (config/listcols.h) in order */
	struct list_width *list_widths; /* list.widths */
	size_t nlist_widths, list_widths_cap;
	char *export_format;  /* default export format: md, txt, yaml, json, org, annotation */
	char *export_dir;     /* default folder for exports */
	bool copy_osc52;      /* y copies through the terminal (OSC 52) */
	char *copy_command;   /* y also runs this with the text on stdin, or NULL */
	bool pipe_discard;    /* pipe.output: discard: | keeps only a summary of the output */
	char *topics;         /* topic vocabulary for every collection (file or shipped name), or NULL */
	struct collections topics_for; /* topics: {COLLECTION or FOLDER: vocabulary}: name -> spec */
	char *boilerplate;    /* user boilerplate patterns file, or NULL */
	int check_every;      /* seconds a CLI query trusts folder times before stat-ing every file */
	struct fieldmap fieldmap;
	struct binding_spec *binds;
	size_t nbinds, binds_cap;
	struct color_spec *colors;
	size_t ncolors, colors_cap;
	char *path;           /* the user file read, or NULL */
};

/* Read the compiled-in defaults, then path (or the XDG location when path
 * is NULL; a missing XDG file is fine, a missing --config file is not).
 * Problems are diags with positions; the settings stay usable. Returns 0,
 * or -1 when the user file could not be read or parsed at all. */
int config_load(struct settings *s, const char *path, struct diag_list *diags);
void config_free(struct settings *s);

/* The shipped defaults as text (the files in config/, embedded at build time). */
extern const char config_default_yaml[];
extern const char config_topics_ukraine_defence[]; /* config/topics-ukraine-defence.yaml */
extern const char config_default_boilerplate[];

#endif
