/* SPDX-License-Identifier: MIT
 * `dossier mark`, `dossier marks` and `dossier export`: marks and exports
 * for scripts and tests, on the same store and export code as the TUI. */
#include "core/cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/article_text.h"
#include "core/output/export.h"
#include "core/base/json.h"
#include "core/find/query.h"
#include "core/state/store.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static int mark_with(struct cli_ctx *cx, const char *const pos[3], const char *note,
		     const struct cli_args *args);

int cli_mark(struct cli_ctx *cx, const struct cli_args *args)
{
	if (args->argc != 3) {
		cli_error(cx, "usage: dossier mark ID START END [--note TEXT] [--tag TAG]...");
		return EXIT_USAGE;
	}
	const char *pos[3] = {args->argv[0], args->argv[1], args->argv[2]};
	return mark_with(cx, pos, cli_arg(args, "note"), args);
}

bool cli_mark_annotate(struct cli_ctx *cx, struct store *st, const struct mark *m, const char *note,
		       bool set_note, const char *const *add, size_t nadd, const char *const *del,
		       size_t ndel)
{
	struct mark c;
	mark_copy(&c, m);
	if (set_note) mark_set_note(&c, note);
	bool ok = true;
	for (size_t i = 0; i < nadd; i++) {
		const char *t = add[i] + strspn(add[i], "#");
		char *norm = tag_normalize(t, strlen(t));
		if (!norm) {
			cli_error(cx, "'%s' is not a usable tag", add[i]);
			ok = false;
		}
		free(norm);
		mark_add_tag(&c, t);
	}
	for (size_t i = 0; i < ndel; i++) mark_remove_tag(&c, del[i]);
	if (ok) store_set_mark_notes(st, &c);
	mark_free(&c);
	return ok;
}

static int mark_with(struct cli_ctx *cx, const char *const pos[3], const char *note,
		     const struct cli_args *args)
{
	const char *tags[CLI_MAX_REPEATS];
	size_t ntags = cli_arg_all(args, "tag", tags);
	size_t start, end;
	const char *id = pos[0];
	if (!util_parse_size(pos[1], &start) || !util_parse_size(pos[2], &end)) {
		cli_error(cx, "mark: START and END must be whole numbers (code points into the article's text)");
		return EXIT_USAGE;
	}
	if (start >= end) {
		cli_error(cx, "mark: START (%zu) must be less than END (%zu)", start, end);
		return EXIT_USAGE;
	}
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	long art = cli_find_article(cx, id);
	if (art < 0) return EXIT_PROBLEM;
	const struct article *a = &cx->d.coll.items[art];
	struct diag_list dl = DIAG_LIST_INIT;
	size_t len = 0;
	char *body = article_text_read(a, &len, &dl); /* offsets count the text as read */
	if (!body) {
		cli_print_diags(cx, &dl);
		return EXIT_PROBLEM;
	}
	diag_list_free(&dl);
	struct mark m;
	if (mark_init(&m, a->id, body, len, start, end) < 0) {
		cli_error(cx, "mark: %zu..%zu is outside the text of '%s' (0..%zu code points)", start, end,
			  a->id, mark_body_length(body, len));
		free(body);
		return EXIT_USAGE;
	}
	free(body);
	struct store *st = cli_store_open(cx);
	int rc = EXIT_OK;
	if (!st) {
		rc = EXIT_PROBLEM;
	} else {
		store_add_mark(st, &m); /* or it is there already: the note and tags go to it */
		if ((note || ntags) && !cli_mark_annotate(cx, st, &m, note, note != NULL, tags, ntags, NULL, 0))
			rc = EXIT_USAGE;
		else if (store_save(st, &dl) < 0) rc = EXIT_PROBLEM;
		cli_print_diags(cx, &dl);
	}
	store_free(st);
	mark_free(&m);
	return rc;
}

struct qctx {
	struct cli_ctx *cx;
	const struct store *st;
	const struct query *q;
};

static bool q_filter(void *ctx, size_t art)
{
	const struct qctx *c = ctx;
	return cli_query_match(c->cx, c->q, c->st, art);
}

/* Per passage, for queries with marktag: terms. */
static bool q_keep(void *ctx, const struct export_item *it)
{
	const struct qctx *c = ctx;
	return it->art && cli_query_match_mark(c->cx, c->q, c->st, (size_t)(it->art - c->cx->d.coll.items),
					       it->mark);
}

/* Load, open the store, parse the query (the operands joined), build the
 * set. Returns an exit code; on EXIT_OK *st and set are the caller's. */
static int collect(struct cli_ctx *cx, const struct cli_args *a, struct store **st,
		   struct export_set *set)
{
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	*st = cli_store_open(cx);
	if (!*st) return EXIT_PROBLEM;
	struct qctx qc = {cx, *st, NULL};
	if (a->argc > 0) {
		struct query *q;
		int rc = cli_query_parse(cx, a, &q);
		if (rc != EXIT_OK) {
			store_free(*st);
			*st = NULL;
			return rc;
		}
		qc.q = q;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	export_set_build(set, &cx->d.coll, *st, qc.q ? q_filter : NULL, &qc, &dl);
	if (query_needs_marks(qc.q)) export_set_retain(set, q_keep, &qc);
	cli_print_diags(cx, &dl);
	if (qc.q) query_free((struct query *)qc.q);
	return EXIT_OK;
}


int cli_marks(struct cli_ctx *cx, const struct cli_args *a)
{
	bool as_json = cli_flag(a, "json");
	struct store *st = NULL;
	struct export_set set = {0};
	int rc = collect(cx, a, &st, &set);
	if (rc != EXIT_OK) return rc;
	struct strbuf out = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &out, true);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < set.n; i++) {
		const struct export_item *it = &set.items[i];
		if (as_json) {
			json_begin_object(&j);
			json_kv_string(&j, "id", it->mark->article);
			json_kv_int(&j, "start", (int64_t)it->anchor.start);
			json_kv_int(&j, "end", (int64_t)it->anchor.end);
			json_kv_string(&j, "status", mark_status_name(it->anchor.status));
			json_kv_string(&j, "text", it->text);
			json_kv_string(&j, "current", it->current);
			json_kv_string(&j, "note", it->mark->note);
			json_key(&j, "tags");
			json_begin_array(&j);
			for (size_t k = 0; k < it->mark->ntags; k++) json_string(&j, it->mark->tags[k]);
			json_end_array(&j);
			json_end_object(&j);
			continue;
		}
		cli_safe_text(cx, &out, it->mark->article, strlen(it->mark->article), 1 << 20, false);
		strbuf_addf(&out, "\t%zu\t%zu\t%s\t", it->anchor.start, it->anchor.end,
			    mark_status_name(it->anchor.status));
		cli_safe_text(cx, &out, it->text, strlen(it->text), 60, false);
		strbuf_addc(&out, '\t');
		for (size_t k = 0; k < it->mark->ntags; k++) {
			strbuf_adds(&out, k ? " #" : "#");
			cli_safe_text(cx, &out, it->mark->tags[k], strlen(it->mark->tags[k]), 1 << 10, false);
		}
		strbuf_addc(&out, '\t');
		if (it->mark->note) cli_safe_text(cx, &out, it->mark->note, strlen(it->mark->note), 60, false);
		strbuf_addc(&out, '\n');
	}
	if (as_json) json_end_array(&j);
	if (as_json && !set.n) strbuf_addc(&out, '\n');
	fwrite(strbuf_str(&out), 1, out.len, cx->out);
	strbuf_free(&out);
	export_set_free(&set);
	store_free(st);
	return EXIT_OK;
}

int cli_export(struct cli_ctx *cx, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, "format"), *outpath = cli_arg(a, "output");
	bool force = cli_flag(a, "force");
	struct export_opts eo = {.cite = cli_flag(a, "cite")};
	if (outpath && strcmp(outpath, "-") == 0) outpath = NULL; /* -o -: standard output */
	enum export_format f = EXPORT_MD;
	if (fmt && !export_format_parse(fmt, &f)) {
		cli_error(cx, "export: unknown format '%s' (md, txt, yaml, json, org, annotation, csl, "
			  "bibtex, ris)", fmt);
		return EXIT_USAGE;
	}
	if (!fmt && outpath && !export_format_from_path(outpath, &f)) {
		cli_error(cx, "export: cannot tell the format from '%s'; use -f "
			  "md|txt|yaml|json|org|annotation|csl|bibtex|ris", outpath);
		return EXIT_USAGE;
	}
	if (eo.cite && f != EXPORT_MD) {
		cli_error(cx, "export: --cite is for Markdown (-f md)");
		return EXIT_USAGE;
	}
	struct store *st = NULL;
	struct export_set set = {0};
	int rc = collect(cx, a, &st, &set);
	if (rc != EXIT_OK) return rc;
	struct strbuf out = STRBUF_INIT;
	export_render_opts(&set, f, &eo, &out);
	if (!outpath) {
		fwrite(strbuf_str(&out), 1, out.len, cx->out);
	} else {
		const char *step = NULL;
		int e = export_write(outpath, strbuf_str(&out), out.len, force, &step);
		if (e && !strcmp(step, "check")) {
			cli_error(cx, "export: %s is not a regular file; not replaced", outpath);
			rc = EXIT_PROBLEM;
		} else if (e == EEXIST) {
			cli_error(cx, "export: %s exists; not overwritten (use --force to replace it)", outpath);
			rc = EXIT_PROBLEM;
		} else if (e) {
			bool placed = !strcmp(step, "fsync folder");
			cli_error(cx, "export failed: %s: %s (at %s)%s", outpath, strerror(e), step,
				  placed ? "; the file is complete but may not survive a crash"
					 : "; nothing written");
			rc = EXIT_PROBLEM;
		}
	}
	strbuf_free(&out);
	export_set_free(&set);
	store_free(st);
	return rc;
}
