/* SPDX-License-Identifier: MIT
 * Page-chrome patterns for import, read from YAML so users can add the
 * chrome of the sites they clip without touching code. */
#include "core/import/boilerplate.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

enum bp_kind { BP_EXACT, BP_PREFIX, BP_REGEX, BP_CASED_REGEX, BP_TEASER };
static const char *const bp_keys[] = {"exact", "prefix", "regex", "cased-regex", "teaser"};

struct bp_rule {
	enum bp_kind kind;
	char *pat;   /* owned: folded text (exact, prefix, teaser) or the regex */
	char *shown; /* owned: as written, reported as the reason */
	regex_t re;
};

struct boilerplate {
	struct bp_rule *r;
	size_t n, cap;
};

struct boilerplate *boilerplate_new(void)
{
	return xcalloc(1, sizeof(struct boilerplate));
}

static void bp_add(struct boilerplate *b, enum bp_kind kind, const char *s, const char *path,
		   const yaml_mark_t *m, struct diag_list *diags)
{
	struct bp_rule r = {.kind = kind, .shown = xstrdup(s)};
	if (kind == BP_REGEX || kind == BP_CASED_REGEX) {
		int flags = REG_EXTENDED | REG_NOSUB | (kind == BP_REGEX ? REG_ICASE : 0);
		int rc = regcomp(&r.re, s, flags);
		if (rc) {
			char msg[200];
			regerror(rc, &r.re, msg, sizeof msg);
			diag_add(diags, DIAG_ERROR, path, (int)m->line + 1, (int)m->column + 1,
				 "bad regex '%s': %s", s, msg);
			free(r.shown);
			return;
		}
		r.pat = xstrdup(s);
	} else {
		r.pat = utf8_fold(s, strlen(s), NULL);
		if (!*r.pat) {
			free(r.pat);
			free(r.shown);
			return;
		}
	}
	ARRAY_RESERVE(b->r, b->cap, b->n + 1);
	b->r[b->n++] = r;
}

static void bp_error(struct diag_list *d, const char *path, const yaml_mark_t *m, const char *msg)
{
	diag_add(d, DIAG_ERROR, path, (int)m->line + 1, (int)m->column + 1, "%s", msg);
}

/* Events of `key: [string, ...]` mappings only; aliases and nesting beyond
 * two levels are refused, so a hostile file costs nothing. */
int boilerplate_load(struct boilerplate *b, const char *yaml, size_t len, const char *path,
		     struct diag_list *diags)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int state = 0, kind = -1, rc = 0, depth = 0, skip = 0;

	path = path ? path : "boilerplate.yaml";
	if (!yaml_parser_initialize(&p)) die("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	for (bool done = false; !done;) {
		if (!yaml_parser_parse(&p, &ev)) {
			bp_error(diags, path, &p.problem_mark, p.problem ? p.problem : "YAML syntax error");
			rc = -1;
			break;
		}
		yaml_event_type_t t = ev.type;
		const char *s = t == YAML_SCALAR_EVENT ? (const char *)ev.data.scalar.value : NULL;
		if (t == YAML_ALIAS_EVENT) {
			bp_error(diags, path, &ev.start_mark, "aliases are not allowed here");
			rc = -1;
			done = true;
		} else if (t == YAML_STREAM_END_EVENT) {
			done = true;
		} else if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			depth++;
			if (depth > 2 || (depth == 1 && t != YAML_MAPPING_START_EVENT) ||
			    (depth == 2 && (t != YAML_SEQUENCE_START_EVENT || state != 1))) {
				bp_error(diags, path, &ev.start_mark,
					 "expected a mapping of pattern kind: [string, ...]");
				rc = -1;
				done = true;
			}
		} else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			depth--;
			state = 0;
		} else if (t == YAML_SCALAR_EVENT && depth == 1 && state == 0) {
			kind = -1;
			for (size_t k = 0; k < ARRAY_LEN(bp_keys); k++)
				if (strcmp(s, bp_keys[k]) == 0) kind = (int)k;
			if (kind < 0)
				diag_add(diags, DIAG_WARNING, path, (int)ev.start_mark.line + 1,
					 (int)ev.start_mark.column + 1,
					 "unknown pattern kind '%s' (known: exact, prefix, regex, cased-regex, teaser)", s);
			skip = kind < 0;
			state = 1;
		} else if (t == YAML_SCALAR_EVENT && depth == 1) {
			if (*s) bp_error(diags, path, &ev.start_mark, "expected a list of patterns");
			state = 0;
		} else if (t == YAML_SCALAR_EVENT && depth == 2 && !skip && *s) {
			bp_add(b, (enum bp_kind)kind, s, path, &ev.start_mark, diags);
		} else if (t == YAML_SCALAR_EVENT && depth == 0 && *s && strcmp(s, "~") && strcmp(s, "null")) {
			bp_error(diags, path, &ev.start_mark, "expected a mapping of pattern kind: [string, ...]");
			rc = -1;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

const char *boilerplate_match(const struct boilerplate *b, const char *line, size_t len,
			      bool *teaser)
{
	if (teaser) *teaser = false;
	if (!b || !b->n) return NULL;
	size_t flen;
	char *f = utf8_fold(line, len, &flen);
	char *raw = xstrndup(line, len);
	const char *why = NULL;
	for (size_t i = 0; i < b->n && !why; i++) {
		const struct bp_rule *r = &b->r[i];
		size_t pl = strlen(r->pat);
		switch (r->kind) {
		case BP_EXACT:
			if (pl == flen && memcmp(f, r->pat, pl) == 0) why = r->shown;
			break;
		case BP_PREFIX:
		case BP_TEASER:
			if (pl <= flen && memcmp(f, r->pat, pl) == 0) why = r->shown;
			if (why && teaser) *teaser = r->kind == BP_TEASER;
			break;
		case BP_REGEX:
		case BP_CASED_REGEX:
			if (regexec(&r->re, raw, 0, NULL, 0) == 0) why = r->shown;
			break;
		}
	}
	free(f);
	free(raw);
	return why;
}

void boilerplate_free(struct boilerplate *b)
{
	if (!b) return;
	for (size_t i = 0; i < b->n; i++) {
		if (b->r[i].kind == BP_REGEX || b->r[i].kind == BP_CASED_REGEX) regfree(&b->r[i].re);
		free(b->r[i].pat);
		free(b->r[i].shown);
	}
	free(b->r);
	free(b);
}
