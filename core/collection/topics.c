/* SPDX-License-Identifier: MIT
 * Choosing the topic vocabulary. A vocabulary written for one subject
 * tags every other collection falsely ("white russian" as Russia), so
 * nothing is applied that the collection or its user did not name. */
#include "core/collection/topics.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"

struct vocab *topics_open_spec(const char *spec, const struct vocab_shipped *lib, size_t nlib,
			       struct diag_list *diags)
{
	struct stat st;
	const struct vocab_shipped *sh = vocab_shipped_find(lib, nlib, spec);
	if (stat(spec, &st) == 0 || (!sh && strchr(spec, '/')))
		return vocab_open(NULL, spec, lib, nlib, diags); /* a file first */
	if (!sh) {
		struct strbuf names = STRBUF_INIT;
		for (size_t k = 0; k < nlib; k++) strbuf_addf(&names, "%s%s", k ? ", " : "", lib[k].name);
		diag_add(diags, DIAG_ERROR, spec, 0, 0,
			 "no such topic vocabulary: neither a file nor a shipped name (%s)",
			 strbuf_str(&names));
		strbuf_free(&names);
		return NULL;
	}
	char *name = xmalloc(strlen(sh->name) + 12);
	sprintf(name, "(shipped %s)", sh->name);
	struct vocab *v = vocab_open(sh->yaml, name, lib, nlib, diags);
	free(name);
	return v;
}

/* Do folders a and b name the same place? */
static bool same_folder(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	bool same = ra && rb ? strcmp(ra, rb) == 0 : strcmp(a, b) == 0;
	free(ra);
	free(rb);
	return same;
}

struct vocab *topics_choose(const struct topics_choice *c, struct diag_list *diags,
			    const char **from, bool *failed)
{
	const char *spec = c->flag;
	*from = spec ? "--topics" : NULL;
	*failed = false;
	for (size_t i = 0; !spec && c->config_map && c->corpus && i < c->config_map->n; i++) {
		const struct collection_entry *e = &c->config_map->v[i];
		const char *folder = collections_find(c->named, e->name);
		if (same_folder(folder ? folder : e->name, c->corpus)) {
			spec = e->path;
			*from = "the config's topics";
		}
	}
	struct stat st;
	char *own = NULL;
	if (!spec && c->corpus) {
		own = xmalloc(strlen(c->corpus) + sizeof TOPICS_COLLECTION_FILE + 1);
		sprintf(own, "%s/%s", c->corpus, TOPICS_COLLECTION_FILE);
		if (stat(own, &st) == 0) {
			spec = own;
			*from = TOPICS_COLLECTION_FILE;
		}
	}
	if (!spec && c->config_all) {
		spec = c->config_all;
		*from = "the config's topics";
	}
	struct vocab *v = NULL;
	if (spec) {
		/* the collection's own file is a file, whatever its name */
		v = spec == own ? vocab_open(NULL, own, c->lib, c->nlib, diags)
				: topics_open_spec(spec, c->lib, c->nlib, diags);
		*failed = !v;
	}
	free(own);
	return v;
}
