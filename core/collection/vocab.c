/* SPDX-License-Identifier: MIT
 * Topic vocabulary: YAML tag -> phrases (with use: of shipped ones), the
 * tags it defines and its hash. The matcher is vocab_match.c. */
#include "core/collection/vocab.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/vocab_int.h"
#include "core/meta/yamltree.h"


struct vocab *vocab_new(void)
{
	return xcalloc(1, sizeof(struct vocab));
}

static long vocab_find(const struct vocab *v, const char *name)
{
	size_t i;
	return map_get(&v->names, name, &i) ? (long)i : -1;
}

/* Returns the tag's index, creating it (name taken) when new. */
static size_t vocab_intern(struct vocab *v, char *name)
{
	long found = vocab_find(v, name);
	if (found >= 0) {
		free(name);
		return (size_t)found;
	}
	ARRAY_RESERVE(v->tags, v->cap, v->n + 1);
	v->tags[v->n] = (struct vtag){.name = name, .dead = true};
	map_put(&v->names, name, v->n);
	return v->n++;
}

/* ---- reading the YAML (through the bounded reader, yamltree.h) ---- */

static void warn_node(struct diag_list *diags, const char *path, const struct ynode *n,
		      const char *fmt, const char *arg)
{
	diag_add(diags, DIAG_WARNING, path, n->line, n->col, fmt, arg);
}

/* Phrases from a scalar or a list of scalars. */
static void read_phrases(const struct ynode *n, struct strlist *out, const char *path,
			 struct diag_list *diags)
{
	if (n->kind == YNODE_SCALAR) {
		if (n->len > VOCAB_MAX_PHRASE)
			warn_node(diags, path, n, "%s", "a phrase of more than 200 bytes ignored");
		else if (!ynode_is_null(n)) strlist_push(out, n->text);
		return;
	}
	if (n->kind != YNODE_SEQ) {
		warn_node(diags, path, n, "%s", "expected a list of phrases");
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *p = &n->kids[i];
		if (p->kind != YNODE_SCALAR) warn_node(diags, path, p, "%s", "a phrase must be a string; ignored");
		else if (p->len > VOCAB_MAX_PHRASE)
			warn_node(diags, path, p, "%s", "a phrase of more than 200 bytes ignored");
		else if (p->len) strlist_push(out, p->text);
		else warn_node(diags, path, p, "%s", "empty phrase ignored");
	}
}

static bool read_case(const struct ynode *val, enum vocab_case *mode, const char *path,
		      struct diag_list *diags)
{
	static const char *const names[] = {"fold", "proper", "exact"};
	for (int i = 0; val->kind == YNODE_SCALAR && i < 3; i++)
		if (strcmp(val->text, names[i]) == 0) {
			*mode = (enum vocab_case)i;
			return true;
		}
	warn_node(diags, path, val, "%s", "case: expected fold, proper or exact; ignored");
	return false;
}

/* The value of one "tag: ..." entry, applied to tag t: [phrases], or
 * {label, match, add, case}, or ~ to remove the tag. */
static void read_entry(const struct ynode *n, struct vtag *t, const char *path,
		       struct diag_list *diags)
{
	struct strlist match = {0}, add = {0};
	char *label = NULL;
	bool have_match = false, have_case = false;
	enum vocab_case mode = VOCAB_CASE_FOLD;

	if (ynode_is_null(n)) {
		t->dead = true;
		return;
	}
	if (n->kind == YNODE_MAP) {
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			const struct ynode *k = &n->kids[i], *val = &n->kids[i + 1];
			if (val->partial) continue;
			if (k->kind != YNODE_SCALAR) {
				warn_node(diags, path, k, "%s", "a key must be a string; entry ignored");
			} else if (strcmp(k->text, "label") == 0 && val->kind == YNODE_SCALAR) {
				free(label);
				label = ynode_is_null(val) ? NULL : xstrdup(val->text);
			} else if (strcmp(k->text, "label") == 0) {
				warn_node(diags, path, val, "'%s' must be a string; ignored", k->text);
			} else if (strcmp(k->text, "match") == 0) {
				have_match = true;
				read_phrases(val, &match, path, diags);
			} else if (strcmp(k->text, "add") == 0) {
				read_phrases(val, &add, path, diags);
			} else if (strcmp(k->text, "case") == 0) {
				have_case = read_case(val, &mode, path, diags);
			} else {
				warn_node(diags, path, k,
					  "unknown key '%s' ignored (known: label, match, add, case)", k->text);
			}
		}
	} else {
		have_match = true;
		read_phrases(n, &match, path, diags);
	}
	bool revive = t->dead;
	t->dead = false;
	if (label || revive) {
		free(t->label);
		t->label = label;
		label = NULL;
	}
	if (have_case || have_match || revive) t->mode = mode; /* a new match list: its own case */
	if (have_match || revive) {
		strlist_free(&t->phrases);
		t->phrases = match;
		match = (struct strlist){0};
	}
	for (size_t i = 0; i < add.n; i++) strlist_push(&t->phrases, add.v[i]);
	free(label);
	strlist_free(&match);
	strlist_free(&add);
}

void vocab_set_library(struct vocab *v, const struct vocab_shipped *lib, size_t n)
{
	v->lib = lib;
	v->nlib = n;
}

const struct vocab_shipped *vocab_shipped_find(const struct vocab_shipped *lib, size_t n,
					       const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(lib[i].name, name) == 0) return &lib[i];
	return NULL;
}

/* use: NAME or [NAME, ...]: each shipped vocabulary loaded now, so the
 * file's own entries go over it. */
static void load_uses(struct vocab *v, const struct ynode *val, const char *path,
		      struct diag_list *diags)
{
	size_t n = val->kind == YNODE_SEQ ? val->n : 1;
	for (size_t i = 0; i < n; i++) {
		const struct ynode *u = val->kind == YNODE_SEQ ? &val->kids[i] : val;
		const struct vocab_shipped *sh = u->kind == YNODE_SCALAR
							 ? vocab_shipped_find(v->lib, v->nlib, u->text)
							 : NULL;
		if (!sh) {
			struct strbuf names = STRBUF_INIT;
			for (size_t k = 0; k < v->nlib; k++)
				strbuf_addf(&names, "%s%s", k ? ", " : "", v->lib[k].name);
			diag_add(diags, DIAG_ERROR, path, u->line, u->col,
				 "use: no shipped vocabulary '%s' (shipped: %s)",
				 u->kind == YNODE_SCALAR ? u->text : "?", strbuf_str(&names));
			strbuf_free(&names);
		} else if (v->depth >= 4) {
			warn_node(diags, path, u, "use: '%s' nested too deep; ignored", u->text);
		} else {
			char *name = xmalloc(strlen(sh->name) + 12);
			sprintf(name, "(shipped %s)", sh->name);
			v->depth++;
			vocab_load(v, sh->yaml, strlen(sh->yaml), name, diags);
			v->depth--;
			free(name);
		}
	}
}

int vocab_load(struct vocab *v, const char *yaml, size_t len, const char *path,
	       struct diag_list *diags)
{
	if (!path) path = "topics.yaml";
	v->hash = hash_bytes(yaml, len, v->hash ? v->hash : 0x766f636162ull);
	v->gen++;
	v->built = false;
	struct ynode root;
	/* input is capped at 4 MiB (vocab_open): a node needs at least 2 bytes */
	int rc = yamltree_parse_as(yaml, len, path, 1, "the topic vocabulary", len / 2 + 16, &root,
				   diags);
	if (root.kind != YNODE_MAP) {
		if (rc == 0 && !ynode_is_null(&root)) {
			diag_add(diags, DIAG_ERROR, path, root.line, root.col,
				 "the vocabulary must be a mapping of tag: phrases");
			rc = -1;
		}
		yamltree_free(&root);
		return rc;
	}
	for (size_t i = 0; i + 1 < root.n; i += 2) {
		const struct ynode *k = &root.kids[i], *val = &root.kids[i + 1];
		if (!val->partial && k->kind == YNODE_SCALAR && strcmp(k->text, "use") == 0) {
			load_uses(v, val, path, diags);
			v->gen++; /* this file's entries may redefine what it uses */
		}
	}
	/* a syntax error keeps the complete entries before it */
	for (size_t i = 0; i + 1 < root.n; i += 2) {
		const struct ynode *k = &root.kids[i], *val = &root.kids[i + 1];
		if (val->partial) continue;
		if (k->kind == YNODE_SCALAR && strcmp(k->text, "use") == 0) continue;
		if (k->kind != YNODE_SCALAR) {
			warn_node(diags, path, k, "%s", "a tag name must be a string; entry ignored");
			continue;
		}
		char *name = tag_normalize(k->text, k->len);
		if (!name) {
			warn_node(diags, path, k, "%s", "empty tag name; entry ignored");
			continue;
		}
		size_t idx = vocab_intern(v, name);
		if (v->tags[idx].gen == v->gen) {
			warn_node(diags, path, k, "tag '%s' defined twice; the first definition wins",
				  v->tags[idx].name);
			continue;
		}
		v->tags[idx].gen = v->gen;
		read_entry(val, &v->tags[idx], path, diags);
	}
	yamltree_free(&root);
	return rc;
}

const char *vocab_label(const struct vocab *v, const char *tag)
{
	long i = v && tag ? vocab_find(v, tag) : -1;
	return i >= 0 && !v->tags[i].dead ? v->tags[i].label : NULL;
}

size_t vocab_count(const struct vocab *v)
{
	size_t n = 0;
	for (size_t i = 0; v && i < v->n; i++) n += !v->tags[i].dead;
	return n;
}

uint64_t vocab_hash(const struct vocab *v)
{
	return v && v->hash ? v->hash : 1;
}

size_t vocab_tag_count(const struct vocab *v)
{
	return v ? v->n : 0;
}

const char *vocab_tag_name(const struct vocab *v, size_t i)
{
	return i < v->n && !v->tags[i].dead ? v->tags[i].name : NULL;
}

const struct strlist *vocab_tag_phrases(const struct vocab *v, size_t i)
{
	return &v->tags[i].phrases;
}

enum vocab_case vocab_tag_case(const struct vocab *v, size_t i)
{
	return v->tags[i].mode;
}

void vocab_free(struct vocab *v)
{
	if (!v) return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->tags[i].name);
		free(v->tags[i].label);
		strlist_free(&v->tags[i].phrases);
	}
	free(v->tags);
	map_free(&v->names);
	vocab_clear_automaton(v);
	free(v->nodes);
	free(v->outs);
	free(v->order);
	strbuf_free(&v->pats);
	free(v);
}

struct vocab *vocab_open(const char *text, const char *path, const struct vocab_shipped *lib,
			 size_t nlib, struct diag_list *diags)
{
	char *own = NULL;
	size_t len = text ? strlen(text) : 0;
	if (!text) {
		int err = fsutil_read_file(path, 4u << 20, &own, &len);
		if (err) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read topic vocabulary: %s",
				 err == EFBIG ? "larger than 4 MiB" : strerror(err));
			return NULL;
		}
		text = own;
	}
	struct vocab *v = vocab_new();
	vocab_set_library(v, lib, nlib);
	int rc = vocab_load(v, text, len, path, diags);
	free(own);
	if (rc < 0 && !vocab_count(v)) {
		vocab_free(v);
		return NULL;
	}
	vocab_build(v);
	return v;
}
