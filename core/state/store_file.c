/* SPDX-License-Identifier: MIT
 * The state file: reading it with libyaml's event parser (so every problem
 * has a FILE:LINE:COL, aliases are refused and nesting is capped) and
 * writing it back as plain, diff-friendly YAML. The layout:
 *
 *   version: 1
 *   last: "2024/umerov-cnn"
 *   articles:
 *     "2024/umerov-cnn": {read: true, position: 120}
 *   marks:
 *     - article: "2024/umerov-cnn"
 *       start: 10
 *       end: 52
 *       created: "2024-06-20T10:00:00Z"
 *       text: "..."
 *       prefix: "..."
 *       suffix: "..."
 *       note: "..."              (optional)
 *       tags: ["evidence"]       (optional)
 */
#include "core/state/store_file.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "core/base/fsutil.h"
#include "core/base/json.h"
#include "core/base/util.h"

#define STATE_MAX_BYTES (256u << 20)
#define STATE_MAX_DEPTH 64

/* ---- the data ---------------------------------------------------------- */

const struct art_state *store_data_art_const(const struct store_data *d, const char *id)
{
	size_t i;
	return map_get(&d->ids, id, &i) ? &d->arts[i] : NULL;
}

struct art_state *store_data_art(struct store_data *d, const char *id, bool create)
{
	struct art_state *a = (struct art_state *)store_data_art_const(d, id);
	if (a || !create) return a;
	ARRAY_RESERVE(d->arts, d->acap, d->narts + 1);
	a = &d->arts[d->narts];
	*a = (struct art_state){.id = xstrdup(id)};
	map_put(&d->ids, a->id, d->narts++);
	return a;
}

long store_data_find_mark(const struct store_data *d, const struct mark *m, size_t *ins)
{
	size_t lo = 0, hi = d->nmarks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mark_cmp(&d->marks[mid], m) < 0) lo = mid + 1;
		else hi = mid;
	}
	if (ins) *ins = lo;
	if (lo < d->nmarks && mark_same(&d->marks[lo], m)) return (long)lo;
	return -1;
}

bool store_data_add_mark(struct store_data *d, const struct mark *m)
{
	size_t at;
	if (store_data_find_mark(d, m, &at) >= 0) return false;
	ARRAY_RESERVE(d->marks, d->mcap, d->nmarks + 1);
	memmove(d->marks + at + 1, d->marks + at, (d->nmarks - at) * sizeof *d->marks);
	mark_copy(&d->marks[at], m);
	d->nmarks++;
	return true;
}

bool store_data_del_mark(struct store_data *d, const struct mark *m)
{
	long i = store_data_find_mark(d, m, NULL);
	if (i < 0) return false;
	mark_free(&d->marks[i]);
	memmove(d->marks + i, d->marks + i + 1, (d->nmarks - (size_t)i - 1) * sizeof *d->marks);
	d->nmarks--;
	return true;
}

void store_data_free(struct store_data *d)
{
	for (size_t i = 0; i < d->nmarks; i++) mark_free(&d->marks[i]);
	for (size_t i = 0; i < d->narts; i++) free(d->arts[i].id);
	free(d->marks);
	free(d->arts);
	map_free(&d->ids);
	free(d->last);
	memset(d, 0, sizeof *d);
}

/* ---- reading ----------------------------------------------------------- */

struct rd {
	yaml_parser_t p;
	yaml_event_t ev;
	bool have;
	const char *path;
	struct diag_list *diags;
	bool partial;
};

static void rd_diag(struct rd *r, const yaml_mark_t *m, enum diag_level lv, const char *msg)
{
	diag_add(r->diags, lv, r->path, (int)m->line + 1, (int)m->column + 1, "%s", msg);
}

/* Next event; false (with a diag) on a syntax error or an alias. */
static bool rd_next(struct rd *r)
{
	if (r->have) yaml_event_delete(&r->ev);
	r->have = false;
	if (!yaml_parser_parse(&r->p, &r->ev)) {
		char msg[256];
		snprintf(msg, sizeof msg, "state file: %s%s%s", r->p.problem ? r->p.problem : "syntax error",
			 r->p.context ? " " : "", r->p.context ? r->p.context : "");
		rd_diag(r, &r->p.problem_mark, DIAG_ERROR, msg);
		return false;
	}
	r->have = true;
	if (r->ev.type == YAML_ALIAS_EVENT) {
		rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: aliases are not allowed");
		/* no current event, as after a syntax error: callers test r->have */
		yaml_event_delete(&r->ev);
		r->have = false;
		return false;
	}
	return true;
}

static bool is_scalar(const struct rd *r) { return r->ev.type == YAML_SCALAR_EVENT; }
static const char *scalar(const struct rd *r) { return (const char *)r->ev.data.scalar.value; }

/* Skip the node whose first event is current (depth capped). */
static bool rd_skip(struct rd *r)
{
	int depth = 0;
	do {
		switch (r->ev.type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (++depth > STATE_MAX_DEPTH) {
				rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: nested too deeply");
				return false;
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth == 0) goto out_of_step; /* not the start of a node */
			depth--;
			break;
		case YAML_SCALAR_EVENT: break;
		default: goto out_of_step; /* stream/document events, no event */
		}
		if (depth == 0) return true;
	} while (rd_next(r));
	return false;
out_of_step:
	rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: unexpected structure");
	return false;
}

static bool parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "True")) *out = true;
	else if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "False")) *out = false;
	else return false;
	return true;
}

bool store_file_parse_time(const char *s, int64_t *out)
{
	size_t n;
	if (util_parse_size(s, &n)) {
		*out = (int64_t)n;
		return true;
	}
	struct tm tm = {0};
	char z = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 || z != 'Z')
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = (int64_t)timegm(&tm);
	return true;
}

bool store_file_mark_keep(struct store_data *d, struct mark *m, bool have_start, bool have_end)
{
	if (!m->article || !m->text || !*m->text || !have_start || !have_end || m->start >= m->end)
		return false;
	if (!m->prefix) m->prefix = xstrdup("");
	if (!m->suffix) m->suffix = xstrdup("");
	if (m->note && !*m->note) mark_set_note(m, NULL);
	store_data_add_mark(d, m);
	return true;
}

/* `tags: [a, b]` (or one scalar, comma-separated): the current event is
 * the value. false only when the parser fails; *ok is cleared for a
 * value that is not a list of plain text. */
static bool read_mark_tags(struct rd *r, struct mark *m, bool *ok)
{
	if (is_scalar(r)) {
		const char *v = scalar(r);
		for (const char *p = v;; p++)
			if (*p == ',' || !*p) {
				char *t = xstrndup(v, (size_t)(p - v));
				mark_add_tag(m, t);
				free(t);
				if (!*p) break;
				v = p + 1;
			}
		return true;
	}
	if (r->ev.type != YAML_SEQUENCE_START_EVENT) {
		*ok = false;
		return rd_skip(r);
	}
	while (rd_next(r) && r->ev.type != YAML_SEQUENCE_END_EVENT) {
		if (is_scalar(r)) {
			mark_add_tag(m, scalar(r));
			continue;
		}
		*ok = false;
		if (!rd_skip(r)) return false;
	}
	return r->have;
}

/* One `- article: ...` entry; a bad one is reported and skipped. */
static bool read_mark(struct rd *r, struct store_data *d)
{
	if (r->ev.type != YAML_MAPPING_START_EVENT) {
		rd_diag(r, &r->ev.start_mark, DIAG_WARNING, "state file: a mark must be a mapping; skipped");
		r->partial = true;
		return rd_skip(r);
	}
	yaml_mark_t at = r->ev.start_mark;
	struct mark m = {0};
	bool have_start = false, have_end = false, ok = true;
	while (rd_next(r) && r->ev.type != YAML_MAPPING_END_EVENT) {
		if (!is_scalar(r)) {
			if (!rd_skip(r) || !rd_next(r) || !rd_skip(r)) goto fail;
			ok = false;
			continue;
		}
		char *key = xstrdup(scalar(r));
		if (!rd_next(r)) {
			free(key);
			goto fail;
		}
		if (!strcmp(key, "tags")) {
			free(key);
			if (!read_mark_tags(r, &m, &ok)) goto fail;
			continue;
		}
		if (!is_scalar(r)) {
			free(key);
			ok = false;
			if (!rd_skip(r)) goto fail;
			continue;
		}
		const char *v = scalar(r);
		char **str = !strcmp(key, "article") ? &m.article
			   : !strcmp(key, "text")    ? &m.text
			   : !strcmp(key, "prefix")  ? &m.prefix
			   : !strcmp(key, "suffix")  ? &m.suffix
			   : !strcmp(key, "note")    ? &m.note : NULL;
		if (str) {
			free(*str);
			*str = xstrdup(v);
		} else if (!strcmp(key, "start")) {
			ok &= have_start = util_parse_size(v, &m.start);
		} else if (!strcmp(key, "end")) {
			ok &= have_end = util_parse_size(v, &m.end);
		} else if (!strcmp(key, "created")) {
			ok &= store_file_parse_time(v, &m.created);
		}
		free(key);
	}
	if (!r->have) goto fail;
	if (!ok || !store_file_mark_keep(d, &m, have_start, have_end)) {
		rd_diag(r, &at, DIAG_WARNING,
			"state file: mark needs article, text, start < end (whole numbers); skipped");
		r->partial = true;
	}
	mark_free(&m);
	return true;
fail:
	mark_free(&m);
	return false;
}

/* `"id": {read: true, position: 12}` */
static bool read_article(struct rd *r, struct store_data *d, const char *id)
{
	if (r->ev.type != YAML_MAPPING_START_EVENT) {
		rd_diag(r, &r->ev.start_mark, DIAG_WARNING, "state file: article state must be a mapping; skipped");
		r->partial = true;
		return rd_skip(r);
	}
	struct art_state *a = store_data_art(d, id, true);
	while (rd_next(r) && r->ev.type != YAML_MAPPING_END_EVENT) {
		char *key = is_scalar(r) ? xstrdup(scalar(r)) : NULL;
		if ((!key && !rd_skip(r)) || !rd_next(r)) {
			free(key);
			return false;
		}
		bool good = key && is_scalar(r);
		if (good && !strcmp(key, "read")) good = parse_bool(scalar(r), &a->read);
		else if (good && !strcmp(key, "position")) good = a->has_pos = util_parse_size(scalar(r), &a->pos);
		if (!good) {
			rd_diag(r, &r->ev.start_mark, DIAG_WARNING, "state file: bad value; skipped");
			r->partial = true;
			if (!rd_skip(r)) {
				free(key);
				return false;
			}
		}
		free(key);
	}
	return r->have;
}

static bool read_top(struct rd *r, struct store_data *d)
{
	if (!rd_next(r) || !rd_next(r)) return false; /* stream start, document start */
	if (r->ev.type == YAML_STREAM_END_EVENT) return true; /* empty file */
	if (!rd_next(r)) return false;
	if (r->ev.type == YAML_SCALAR_EVENT && r->ev.data.scalar.length == 0) return true; /* "---" only */
	if (r->ev.type != YAML_MAPPING_START_EVENT) {
		rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: expected a mapping at the top");
		return false;
	}
	while (rd_next(r) && r->ev.type != YAML_MAPPING_END_EVENT) {
		if (!is_scalar(r)) {
			rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: keys must be plain text");
			return false;
		}
		char *key = xstrdup(scalar(r));
		bool ok = rd_next(r);
		if (ok && !strcmp(key, "marks") && r->ev.type == YAML_SEQUENCE_START_EVENT) {
			while ((ok = rd_next(r)) && r->ev.type != YAML_SEQUENCE_END_EVENT)
				if (!(ok = read_mark(r, d))) break;
		} else if (ok && !strcmp(key, "articles") && r->ev.type == YAML_MAPPING_START_EVENT) {
			while ((ok = rd_next(r)) && r->ev.type != YAML_MAPPING_END_EVENT) {
				char *id = is_scalar(r) ? xstrdup(scalar(r)) : NULL;
				if (!id) {
					rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: article IDs must be plain text");
					ok = false;
				}
				ok = ok && rd_next(r) && read_article(r, d, id);
				free(id);
				if (!ok) break;
			}
		} else if (ok && (!strcmp(key, "marks") || !strcmp(key, "articles"))) {
			rd_diag(r, &r->ev.start_mark, DIAG_ERROR,
				!strcmp(key, "marks") ? "state file: 'marks' must be a list"
						      : "state file: 'articles' must be a mapping");
			ok = false;
		} else if (ok && !strcmp(key, "last") && is_scalar(r)) {
			free(d->last); /* a duplicate key: the later one */
			d->last = r->ev.data.scalar.length ? xstrdup(scalar(r)) : NULL;
		} else if (ok) {
			ok = rd_skip(r); /* version, unknown keys */
		}
		free(key);
		if (!ok) return false;
	}
	if (!r->have || !rd_next(r)) return false; /* document end */
	if (!rd_next(r)) return false;
	if (r->ev.type != YAML_STREAM_END_EVENT) {
		rd_diag(r, &r->ev.start_mark, DIAG_ERROR, "state file: more than one YAML document");
		return false;
	}
	return true;
}

enum store_file_status store_file_read(const char *path, struct store_data *d,
				       struct diag_list *diags)
{
	char *text;
	size_t len;
	int e = fsutil_read_file(path, STATE_MAX_BYTES, &text, &len);
	if (e == ENOENT) return STORE_FILE_MISSING;
	if (e) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read state file: %s", strerror(e));
		return STORE_FILE_ERROR;
	}
	enum store_file_status st = store_file_parse(path, text, len, d, diags, true);
	free(text);
	return st;
}

enum store_file_status store_file_parse(const char *path, const char *text, size_t len,
					struct store_data *d, struct diag_list *diags, bool fast)
{
	if (fast && store_fast_read(text, len, d)) return STORE_FILE_OK;
	struct rd r = {.path = path, .diags = diags};
	yaml_parser_initialize(&r.p);
	yaml_parser_set_input_string(&r.p, (const unsigned char *)text, len);
	bool ok = read_top(&r, d);
	if (r.have) yaml_event_delete(&r.ev);
	yaml_parser_delete(&r.p);
	if (!ok) {
		store_data_free(d);
		return STORE_FILE_CORRUPT;
	}
	return r.partial ? STORE_FILE_PARTIAL : STORE_FILE_OK;
}

/* ---- writing ----------------------------------------------------------- */

static int cmp_art_ptr(const void *a, const void *b)
{
	return strcmp((*(const struct art_state *const *)a)->id, (*(const struct art_state *const *)b)->id);
}

void store_file_format(const struct store_data *d, struct strbuf *out)
{
	strbuf_adds(out, "# dossier reading state: marks, read articles, reading positions.\n"
			 "# Offsets count Unicode code points of the article body.\n"
			 "version: 1\n");
	if (d->last) {
		strbuf_adds(out, "last: ");
		json_quote(out, d->last, strlen(d->last));
		strbuf_addc(out, '\n');
	}
	strbuf_adds(out, "articles:");
	const struct art_state **v = xmalloc((d->narts + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < d->narts; i++)
		if (d->arts[i].read || d->arts[i].has_pos) v[n++] = &d->arts[i];
	qsort(v, n, sizeof *v, cmp_art_ptr);
	if (!n) strbuf_adds(out, " {}");
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(out, "\n  ");
		json_quote(out, v[i]->id, strlen(v[i]->id));
		strbuf_addf(out, ": {read: %s", v[i]->read ? "true" : "false");
		if (v[i]->has_pos) strbuf_addf(out, ", position: %zu", v[i]->pos);
		strbuf_adds(out, "}");
	}
	free(v);
	strbuf_adds(out, d->nmarks ? "\nmarks:\n" : "\nmarks: []\n");
	for (size_t i = 0; i < d->nmarks; i++) {
		const struct mark *m = &d->marks[i];
		char when[32] = "";
		time_t t = (time_t)m->created;
		struct tm tm;
		if (gmtime_r(&t, &tm)) strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		strbuf_adds(out, "  - article: ");
		json_quote(out, m->article, strlen(m->article));
		strbuf_addf(out, "\n    start: %zu\n    end: %zu\n    created: \"%s\"\n    text: ", m->start,
			    m->end, when);
		json_quote(out, m->text, strlen(m->text));
		strbuf_adds(out, "\n    prefix: ");
		json_quote(out, m->prefix, strlen(m->prefix));
		strbuf_adds(out, "\n    suffix: ");
		json_quote(out, m->suffix, strlen(m->suffix));
		if (m->note) {
			strbuf_adds(out, "\n    note: ");
			json_quote(out, m->note, strlen(m->note));
		}
		if (m->ntags) {
			strbuf_adds(out, "\n    tags: [");
			for (size_t k = 0; k < m->ntags; k++) {
				if (k) strbuf_adds(out, ", ");
				json_quote(out, m->tags[k], strlen(m->tags[k]));
			}
			strbuf_addc(out, ']');
		}
		strbuf_addc(out, '\n');
	}
}
