/* SPDX-License-Identifier: MIT
 * Reading config.yaml: the compiled-in defaults first, then the user's
 * file over them, through the same bounded YAML reader as front matter.
 * Unknown keys and wrong types are diagnostics with positions, never fatal. */
#include "config/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_searches.h"
#include "config/listcols.h"
#include "core/base/fsutil.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/meta/yamltree.h"

struct cfg {
	struct settings *s;
	const char *path;
	struct diag_list *diags;
};

static void cfg_warn(struct cfg *c, const struct ynode *n, const char *fmt, const char *a)
{
	diag_add(c->diags, DIAG_WARNING, c->path, n->line, n->col, fmt, a);
}

/* "~/x" -> "$HOME/x" */
static char *expand_home(const char *s)
{
	const char *home = getenv("HOME");
	if (s[0] == '~' && (s[1] == '/' || !s[1]) && home) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, home);
		strbuf_adds(&sb, s + 1);
		return strbuf_steal(&sb);
	}
	return xstrdup(s);
}

static bool want_scalar(struct cfg *c, const struct ynode *k, const struct ynode *v)
{
	if (v->kind == YNODE_SCALAR) return true;
	cfg_warn(c, v, "%s: expected a single value; ignored", k->text);
	return false;
}

static void set_str(struct cfg *c, const struct ynode *k, const struct ynode *v, char **slot,
		    bool path)
{
	if (!want_scalar(c, k, v)) return;
	free(*slot);
	*slot = ynode_is_null(v) ? NULL : path ? expand_home(v->text) : xstrdup(v->text);
}

static void set_int(struct cfg *c, const struct ynode *k, const struct ynode *v, int *slot,
		    int lo, int hi)
{
	if (!want_scalar(c, k, v)) return;
	char *end;
	long n = strtol(v->text, &end, 10);
	if (!*v->text || *end || n < lo || n > hi) {
		diag_add(c->diags, DIAG_WARNING, c->path, v->line, v->col,
			 "%s: expected a number from %d to %d; ignored", k->text, lo, hi);
		return;
	}
	*slot = (int)n;
}

static bool one_of(const char *s, const char *const *ok)
{
	for (; *ok; ok++)
		if (strcmp(s, *ok) == 0) return true;
	return false;
}

static void read_layout(struct cfg *c, const struct ynode *m)
{
	static const char *const modes[] = {"auto", "wide", "stacked", NULL};
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		if (strcmp(k->text, "mode") == 0) {
			if (want_scalar(c, k, v) && !one_of(v->text, modes))
				cfg_warn(c, v, "layout mode '%s' is not auto, wide or stacked; ignored", v->text);
			else if (v->kind == YNODE_SCALAR) set_str(c, k, v, &c->s->layout, false);
		} else if (strcmp(k->text, "list-width") == 0) set_int(c, k, v, &c->s->list_width, 10, 80);
		else if (strcmp(k->text, "related-width") == 0) set_int(c, k, v, &c->s->related_width, 10, 60);
		else if (strcmp(k->text, "stack-below") == 0) set_int(c, k, v, &c->s->stack_below, 0, 1000);
		else if (strcmp(k->text, "related-count") == 0) set_int(c, k, v, &c->s->related_count, 1, 500);
		else cfg_warn(c, k, "unknown key 'layout.%s'", k->text);
	}
}

/* One name of list.columns at node n (col: its column there). */
static void list_column_add(struct cfg *c, struct strlist *out, const char *name, size_t len,
			    const struct ynode *n, int col)
{
	char *word = xstrndup(name, len);
	enum list_column k = listcols_kind(word);
	if (k == LIST_COL_META) { /* front-matter keys are folded when read */
		char *key = utf8_fold(word + 5, len - 5, NULL);
		free(word);
		word = xmalloc(strlen(key) + 6);
		memcpy(word, "meta.", 5);
		strcpy(word + 5, key);
		free(key);
	}
	if (k == LIST_COL_NONE)
		diag_add(c->diags, DIAG_WARNING, c->path, n->line, col,
			 "unknown list column '%s' (read, date, source, title, authors, tags, url, "
			 "lang, marks, or meta.KEY for a front-matter key); ignored", word);
	else if (strlist_has(out, word))
		diag_add(c->diags, DIAG_WARNING, c->path, n->line, col,
			 "list column '%s' is named twice; the first is kept", word);
	else
		strlist_push(out, word);
	free(word);
}

/* list.columns: [read, date, title] or "read date title" */
static void read_list_columns(struct cfg *c, const struct ynode *k, const struct ynode *v)
{
	struct strlist cols = {0};
	if (v->kind == YNODE_SCALAR) {
		for (size_t i = 0; i < v->len;) {
			while (i < v->len && (v->text[i] == ' ' || v->text[i] == ',')) i++;
			size_t s = i;
			while (i < v->len && v->text[i] != ' ' && v->text[i] != ',') i++;
			if (i > s) list_column_add(c, &cols, v->text + s, i - s, v, v->col + (int)s);
		}
	}
	for (size_t j = 0; v->kind == YNODE_SEQ && j < v->n; j++) {
		const struct ynode *e = &v->kids[j];
		if (e->kind == YNODE_SCALAR) list_column_add(c, &cols, e->text, e->len, e, e->col);
		else cfg_warn(c, e, "%s: expected a column name", k->text);
	}
	if (v->kind == YNODE_MAP) cfg_warn(c, v, "%s: expected a list of column names", k->text);
	if (cols.n && !strlist_has(&cols, "title")) {
		cfg_warn(c, v, "%s: no title column; it is added at the end", k->text);
		strlist_push(&cols, "title");
	}
	if (!cols.n) {
		if (v->kind != YNODE_MAP) cfg_warn(c, v, "%s: no column; the list keeps its columns", k->text);
		strlist_free(&cols);
		return;
	}
	strlist_free(&c->s->list_columns);
	c->s->list_columns = cols;
}

/* list.widths: {source: 14, meta.publisher: 20} */
static void read_list_widths(struct cfg *c, const struct ynode *v)
{
	if (v->kind != YNODE_MAP) {
		if (!ynode_is_null(v)) cfg_warn(c, v, "%s: expected COLUMN: WIDTH pairs", "widths");
		return;
	}
	struct settings *s = c->s;
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const struct ynode *k = &v->kids[i], *w = &v->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		enum list_column kind = listcols_kind(k->text);
		if (kind == LIST_COL_NONE || kind == LIST_COL_TITLE || kind == LIST_COL_MARKS) {
			cfg_warn(c, k, kind == LIST_COL_NONE ? "unknown list column '%s'; ignored"
				       : "list column '%s' takes the room it needs; its width is ignored",
				 k->text);
			continue;
		}
		int width = 0;
		set_int(c, k, w, &width, 1, 200);
		if (!width) continue;
		char *name = kind == LIST_COL_META ? utf8_fold(k->text + 5, k->len - 5, NULL) : NULL;
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, name ? "meta." : k->text);
		if (name) strbuf_adds(&sb, name);
		free(name);
		size_t j = 0;
		while (j < s->nlist_widths && strcmp(s->list_widths[j].name, strbuf_str(&sb)) != 0) j++;
		if (j == s->nlist_widths) {
			ARRAY_RESERVE(s->list_widths, s->list_widths_cap, j + 1);
			s->list_widths[s->nlist_widths++] = (struct list_width){strbuf_steal(&sb), width};
		} else {
			s->list_widths[j].width = width;
		}
		strbuf_free(&sb);
	}
}

static void read_list(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		if (strcmp(k->text, "columns") == 0) read_list_columns(c, k, v);
		else if (strcmp(k->text, "widths") == 0) read_list_widths(c, v);
		else cfg_warn(c, k, "unknown key 'list.%s'", k->text);
	}
}

static void read_export(struct cfg *c, const struct ynode *m)
{
	static const char *const formats[] = {"md", "txt", "yaml", "json", "org", "annotation", NULL};
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		if (strcmp(k->text, "format") == 0) {
			if (want_scalar(c, k, v) && !one_of(v->text, formats))
				cfg_warn(c, v, "unknown export format '%s'; ignored", v->text);
			else if (v->kind == YNODE_SCALAR) set_str(c, k, v, &c->s->export_format, false);
		} else if (strcmp(k->text, "dir") == 0) set_str(c, k, v, &c->s->export_dir, true);
		else cfg_warn(c, k, "unknown key 'export.%s'", k->text);
	}
}

/* copy: how y copies (osc52: the terminal; command: a program reading
 * the text on stdin, split like a plain command, run without a shell). */
static void read_copy(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		if (strcmp(k->text, "osc52") == 0) {
			if (!want_scalar(c, k, v)) continue;
			if (strcmp(v->text, "true") == 0 || strcmp(v->text, "yes") == 0) c->s->copy_osc52 = true;
			else if (strcmp(v->text, "false") == 0 || strcmp(v->text, "no") == 0) c->s->copy_osc52 = false;
			else cfg_warn(c, v, "copy.osc52: expected true or false, not '%s'; ignored", v->text);
		} else if (strcmp(k->text, "command") == 0) {
			set_str(c, k, v, &c->s->copy_command, false);
			if (c->s->copy_command && !*c->s->copy_command) {
				free(c->s->copy_command);
				c->s->copy_command = NULL;
			}
		} else cfg_warn(c, k, "unknown key 'copy.%s'", k->text);
	}
}

/* pipe: what | does with the command's output (show: a window;
 * discard: a summary on the message line). */
static void read_pipe(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		if (strcmp(k->text, "output") == 0) {
			if (!want_scalar(c, k, v)) continue;
			if (strcmp(v->text, "show") == 0) c->s->pipe_discard = false;
			else if (strcmp(v->text, "discard") == 0) c->s->pipe_discard = true;
			else cfg_warn(c, v, "pipe.output: expected show or discard, not '%s'; ignored", v->text);
		} else cfg_warn(c, k, "unknown key 'pipe.%s'", k->text);
	}
}

static void read_fields(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		struct strlist keys = {0};
		if (v->kind == YNODE_SCALAR) strlist_push(&keys, v->text);
		for (size_t j = 0; v->kind == YNODE_SEQ && j < v->n; j++)
			if (v->kids[j].kind == YNODE_SCALAR) strlist_push(&keys, v->kids[j].text);
		if (fieldmap_set(&c->s->fieldmap, k->text, (const char *const *)keys.v, keys.n) < 0)
			cfg_warn(c, k, "unknown field '%s' (fields: title, date, source, url, authors, "
				 "tags, summary, lang)", k->text);
		strlist_free(&keys);
	}
}

/* collections: {NAME: FOLDER, ...}; a relative folder is taken from the
 * config file's own folder, so it does not depend on where dossier runs.
 * A name given twice in one file: the first wins, as in front matter. */
static void read_collections(struct cfg *c, const struct ynode *m)
{
	struct strlist seen = {0};
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR || !collections_name_ok(k->text)) {
			cfg_warn(c, k, "collection name '%s': use letters, digits, '.', '_' and '-' "
				 "(not first); ignored", k->kind == YNODE_SCALAR ? k->text : "?");
			continue;
		}
		if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !*v->text) {
			cfg_warn(c, v, "collections.%s: expected a folder; ignored", k->text);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < seen.n && !dup; j++) dup = strcmp(seen.v[j], k->text) == 0;
		if (dup) {
			cfg_warn(c, k, "collection '%s' is named twice; the first is kept", k->text);
			continue;
		}
		strlist_push(&seen, k->text);
		char *path = expand_home(v->text);
		const char *slash = strrchr(c->path, '/');
		if (path[0] != '/' && slash) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_add(&sb, c->path, (size_t)(slash - c->path) + 1);
			strbuf_adds(&sb, path);
			free(path);
			path = strbuf_steal(&sb);
		}
		collections_set(&c->s->collections, k->text, path);
		free(path);
	}
	strlist_free(&seen);
}

static void read_bind(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *pane = &m->kids[i], *keys = &m->kids[i + 1];
		if (pane->kind != YNODE_SCALAR) continue;
		if (keys->kind != YNODE_MAP) {
			cfg_warn(c, keys, "bind.%s: expected KEY: ACTION pairs", pane->text);
			continue;
		}
		for (size_t j = 0; j + 1 < keys->n; j += 2) {
			const struct ynode *k = &keys->kids[j], *v = &keys->kids[j + 1];
			if (k->kind != YNODE_SCALAR || v->kind != YNODE_SCALAR) {
				cfg_warn(c, k, "bind.%s: a binding is KEY: ACTION", pane->text);
				continue;
			}
			struct settings *s = c->s;
			ARRAY_RESERVE(s->binds, s->binds_cap, s->nbinds + 1);
			s->binds[s->nbinds++] = (struct binding_spec){
				xstrdup(pane->text), xstrdup(k->text), xstrdup(v->text),
				xstrdup(c->path), k->line, k->col};
		}
	}
}

static unsigned attr_bit(const char *s)
{
	static const char *const names[] = {"bold", "reverse", "underline", "dim", "italic"};
	for (unsigned i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0) return 1u << i;
	return 0;
}

static void read_colors(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		if (v->kind != YNODE_MAP) {
			cfg_warn(c, v, "colors.%s: expected {fg: .., bg: .., attrs: [..]}", k->text);
			continue;
		}
		struct color_spec cs = {.style = xstrdup(k->text), .path = xstrdup(c->path),
					.line = k->line, .col = k->col};
		for (size_t j = 0; j + 1 < v->n; j += 2) {
			const struct ynode *ck = &v->kids[j], *cv = &v->kids[j + 1];
			if (ck->kind != YNODE_SCALAR) continue;
			if (strcmp(ck->text, "fg") == 0) set_str(c, ck, cv, &cs.fg, false);
			else if (strcmp(ck->text, "bg") == 0) set_str(c, ck, cv, &cs.bg, false);
			else if (strcmp(ck->text, "attrs") == 0) {
				const struct ynode *list = cv;
				size_t n = list->kind == YNODE_SEQ ? list->n : 1;
				for (size_t a = 0; a < n; a++) {
					const struct ynode *an = list->kind == YNODE_SEQ ? &list->kids[a] : list;
					unsigned bit = an->kind == YNODE_SCALAR ? attr_bit(an->text) : 0;
					if (!bit) cfg_warn(c, an, "unknown attribute '%s' (bold, reverse, underline, dim, italic)",
							   an->kind == YNODE_SCALAR ? an->text : "?");
					cs.attrs |= bit;
				}
			} else cfg_warn(c, ck, "unknown colour key '%s' (fg, bg, attrs)", ck->text);
		}
		struct settings *s = c->s;
		ARRAY_RESERVE(s->colors, s->colors_cap, s->ncolors + 1);
		s->colors[s->ncolors++] = cs;
	}
}

/* topics: {NAME or FOLDER: VOCABULARY}: the vocabulary of one collection. */
static void read_topics_for(struct cfg *c, const struct ynode *m)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR || v->kind != YNODE_SCALAR || ynode_is_null(v) || !*v->text) {
			cfg_warn(c, v, "%s", "topics: expected COLLECTION: VOCABULARY; ignored");
			continue;
		}
		char *key = expand_home(k->text), *spec = expand_home(v->text);
		collections_set(&c->s->topics_for, key, spec);
		free(key);
		free(spec);
	}
}

static int config_apply(struct settings *s, const char *text, size_t len, const char *path,
			struct diag_list *diags)
{
	struct cfg c = {s, path, diags};
	struct ynode root;
	int rc = yamltree_parse_as(text, len, path, 1, "the config file", YAMLTREE_MAX_NODES,
				   &root, diags);
	if (root.kind != YNODE_MAP) {
		if (!(root.kind == YNODE_SCALAR && (root.len == 0 || ynode_is_null(&root))) && rc == 0) {
			diag_add(diags, DIAG_ERROR, path, root.line, root.col, "expected a mapping of settings");
			rc = -1;
		}
		yamltree_free(&root);
		return rc;
	}
	for (size_t i = 0; i + 1 < root.n; i += 2) {
		const struct ynode *k = &root.kids[i], *v = &root.kids[i + 1];
		if (k->kind != YNODE_SCALAR) continue;
		bool map = v->kind == YNODE_MAP;
		if (strcmp(k->text, "collection") == 0) set_str(&c, k, v, &s->collection, true);
		else if (strcmp(k->text, "topics") == 0 && map) read_topics_for(&c, v);
		else if (strcmp(k->text, "topics") == 0) set_str(&c, k, v, &s->topics, true);
		else if (strcmp(k->text, "boilerplate") == 0) set_str(&c, k, v, &s->boilerplate, true);
		else if (strcmp(k->text, "check-every") == 0) set_int(&c, k, v, &s->check_every, 0, 86400);
		else if (strcmp(k->text, "layout") == 0 && map) read_layout(&c, v);
		else if (strcmp(k->text, "export") == 0 && map) read_export(&c, v);
		else if (strcmp(k->text, "copy") == 0 && map) read_copy(&c, v);
		else if (strcmp(k->text, "pipe") == 0 && map) read_pipe(&c, v);
		else if (strcmp(k->text, "list") == 0 && map) read_list(&c, v);
		else if (strcmp(k->text, "fields") == 0 && map) read_fields(&c, v);
		else if (strcmp(k->text, "bind") == 0 && map) read_bind(&c, v);
		else if (strcmp(k->text, "collections") == 0 && map) read_collections(&c, v);
		else if (strcmp(k->text, "colors") == 0 && map) read_colors(&c, v);
		else if (strcmp(k->text, "searches") == 0 && map)
			config_read_searches(&s->searches, v, NULL, path, diags);
		else if (strcmp(k->text, "collection-searches") == 0 && map)
			config_read_collection_searches(&s->searches, v, path, diags);
		else if (ynode_is_null(v)) continue;
		else if (strstr(" layout export copy list fields bind colors collections searches collection-searches ",
				k->text) && k->len > 3)
			cfg_warn(&c, v, "%s: expected a mapping", k->text);
		else cfg_warn(&c, k, "unknown setting '%s'", k->text);
	}
	yamltree_free(&root);
	return rc;
}

static int config_apply_user(struct settings *s, char *p, bool named, struct diag_list *diags);

int config_load(struct settings *s, const char *path, struct diag_list *diags)
{
	memset(s, 0, sizeof *s);
	s->layout = xstrdup("auto");
	s->list_width = 30;
	s->related_width = 25;
	s->stack_below = 100;
	s->related_count = 20;
	s->check_every = 60;
	fieldmap_init_default(&s->fieldmap);
	config_apply(s, config_default_yaml, strlen(config_default_yaml), "(built-in config.yaml)", diags);

	char *p = path ? xstrdup(path) : xdg_config_file("config.yaml");
	int rc = config_apply_user(s, p, path != NULL, diags);
	/* the reader's saved searches, read after the config (which wins) */
	s->searches_path = searches_saved_path();
	if (s->searches_path) config_read_saved_searches(&s->searches, s->searches_path, diags);
	return rc;
}

/* The user's file p (owned; NULL when there is no folder for one): a
 * missing file is fine unless it was named (--config). */
static int config_apply_user(struct settings *s, char *p, bool named, struct diag_list *diags)
{
	if (!p) return 0;
	size_t len;
	char *text;
	/* follows symlinks (dotfile managers), refuses FIFOs and devices */
	int err = fsutil_read_file(p, 1 << 20, &text, &len);
	if (err) {
		int rc = 0;
		if (named || err != ENOENT) {
			diag_add(diags, DIAG_ERROR, p, 0, 0, "cannot read config: %s",
				 err == EFBIG ? "larger than 1 MiB" : strerror(err));
			rc = -1;
		}
		free(p);
		return rc;
	}
	s->path = p;
	int rc = config_apply(s, text, len, p, diags);
	free(text);
	return rc;
}

void config_free(struct settings *s)
{
	free(s->collection);
	free(s->layout);
	free(s->export_format);
	free(s->export_dir);
	free(s->copy_command);
	free(s->topics);
	collections_free(&s->topics_for);
	free(s->boilerplate);
	free(s->path);
	free(s->searches_path);
	searches_free(&s->searches);
	collections_free(&s->collections);
	fieldmap_free(&s->fieldmap);
	strlist_free(&s->list_columns);
	for (size_t i = 0; i < s->nlist_widths; i++) free(s->list_widths[i].name);
	free(s->list_widths);
	for (size_t i = 0; i < s->nbinds; i++) {
		free(s->binds[i].pane);
		free(s->binds[i].key);
		free(s->binds[i].action);
		free(s->binds[i].path);
	}
	free(s->binds);
	for (size_t i = 0; i < s->ncolors; i++) {
		free(s->colors[i].style);
		free(s->colors[i].fg);
		free(s->colors[i].bg);
		free(s->colors[i].path);
	}
	free(s->colors);
	memset(s, 0, sizeof *s);
}
