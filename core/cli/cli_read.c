/* SPDX-License-Identifier: MIT
 * The read-only subcommands: list, show, related, tags, check. Output is
 * TSV (one record a line, fields made safe: no tabs, newlines or terminal
 * controls inside a field) so scripts and terminals both get clean text. */
#include "core/cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/article_text.h"
#include "core/base/fsutil.h"
#include "core/base/json.h"
#include "core/collection/order.h"
#include "core/find/query.h"
#include "core/find/related.h"
#include "core/find/simfile.h"
#include "core/meta/metaindex.h"
#include "core/text/render.h"
#include "core/state/store.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

/* The tags and derived tags, comma-separated, made safe as one field;
 * appended to line. Printable ASCII (most tag lists) is its own safe
 * text: copied as it is, without a pass over code points. */
static void put_tags(const struct cli_ctx *cx, struct strbuf *line, const struct article *a)
{
	size_t mark = line->len;
	for (size_t i = 0; i < a->tags.n + a->derived.n; i++) {
		if (line->len > mark) strbuf_addc(line, ','); /* none before an empty first */
		strbuf_adds(line, i < a->tags.n ? a->tags.v[i] : a->derived.v[i - a->tags.n]);
	}
	if (utf8_printable_span(line->buf + mark, line->len - mark) == line->len - mark) return;
	char *joined = xstrndup(line->buf + mark, line->len - mark);
	size_t n = line->len - mark;
	line->len = mark;
	line->buf[mark] = '\0';
	cli_safe_text(cx, line, joined, n, INT_MAX, false);
	free(joined);
}

static void put_field(const struct cli_ctx *cx, struct strbuf *line, const char *s)
{
	if (s) cli_safe_text(cx, line, s, strlen(s), INT_MAX, false);
}

static void json_strlist(struct json *j, const struct strlist *l)
{
	json_begin_array(j);
	for (size_t i = 0; i < l->n; i++) json_string(j, l->v[i]);
	json_end_array(j);
}

/* One article's metadata as a JSON object (the list --json record); its
 * own keys written as they are (JSON_KEY), the extra keys escaped. */
static void json_article(struct json *j, const struct article *a)
{
	char date[11];
	date_format(a->date, date);
	json_begin_object(j);
	JSON_KEY(j, "id");
	json_string(j, a->id);
	JSON_KEY(j, "title");
	json_string(j, a->title);
	JSON_KEY(j, "date");
	json_string(j, *date ? date : NULL);
	JSON_KEY(j, "date_from"); /* "name", "url" or null: cli_json_line writes it too */
	json_string(j, article_date_from(a->date, a->flags));
	JSON_KEY(j, "source");
	json_string(j, a->source);
	JSON_KEY(j, "url");
	json_string(j, a->url);
	JSON_KEY(j, "authors");
	json_strlist(j, &a->authors);
	JSON_KEY(j, "tags");
	json_strlist(j, &a->tags);
	JSON_KEY(j, "derived_tags");
	json_strlist(j, &a->derived);
	JSON_KEY(j, "summary");
	json_string(j, a->summary);
	JSON_KEY(j, "lang");
	json_string(j, a->lang);
	JSON_KEY(j, "extra");
	json_begin_object(j);
	for (size_t k = 0; k < a->nextra; k++) json_kv_string(j, a->extra[k].key, a->extra[k].value);
	json_end_object(j);
	json_end_object(j);
}

/* Flush a JSON document with a final newline. */
void cli_json_flush(struct cli_ctx *cx, struct strbuf *sb)
{
	strbuf_addc(sb, '\n');
	fwrite(sb->buf, 1, sb->len, cx->out);
	strbuf_free(sb);
}

/* --sort ORDER: the key, and for relevance:ID the article. Returns an
 * exit code; *key is -1 (by id) without --sort. */
static int list_order(struct cli_ctx *cx, const char *spec, int *key, long *cur)
{
	*key = -1;
	*cur = -1;
	if (!spec) return EXIT_OK;
	const char *colon = strchr(spec, ':');
	char name[16];
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	enum order_key k;
	snprintf(name, sizeof name, "%.*s", n < sizeof name ? (int)n : 0, spec);
	if (!order_parse(name, &k) || (colon && k != ORDER_RELEVANCE)) {
		cli_error(cx, "list: unknown order '%s' (date, title, source, relevance:ID)", spec);
		return EXIT_USAGE;
	}
	if (k == ORDER_RELEVANCE && (!colon || !colon[1])) {
		cli_error(cx, "list: relevance is to an article: --sort relevance:ID");
		return EXIT_USAGE;
	}
	*key = (int)k;
	if (colon && (*cur = cli_find_article(cx, colon + 1)) < 0) return EXIT_PROBLEM;
	return EXIT_OK;
}

void cli_list_article(const struct cli_ctx *cx, const struct article *art, struct json *j,
		      struct strbuf *line)
{
	if (j) {
		json_article(j, art);
		return;
	}
	char date[11];
	date_format(art->date, date);
	put_field(cx, line, art->id);
	strbuf_addc(line, '\t');
	strbuf_adds(line, date);
	strbuf_addc(line, '\t');
	put_field(cx, line, art->source);
	strbuf_addc(line, '\t');
	put_field(cx, line, art->title);
	strbuf_addc(line, '\t');
	put_tags(cx, line, art);
	strbuf_addc(line, '\n');
}

int cli_list(struct cli_ctx *cx, const struct cli_args *a)
{
	bool as_json = cli_flag(a, "json"), count = cli_flag(a, "count");
	if (count && as_json) {
		cli_error(cx, "list: --count and --json do not go together");
		return EXIT_USAGE;
	}
	/* answered from the cache's lean index, when it can (cli_lean.c) */
	int lean = cli_lean_list(cx, a, count, as_json);
	if (lean >= 0) return lean;
	/* a plain listing only reads the collection: the cache is written
	 * while the list prints (a query may build indexes from it) */
	cx->save_later = a->argc == 0;
	int lrc = cli_load(cx);
	cx->save_later = false;
	if (lrc < 0) return EXIT_PROBLEM;
	int key;
	long cur;
	int rc = list_order(cx, cli_arg(a, "sort"), &key, &cur);
	if (rc != EXIT_OK) return rc;
	struct query *q;
	rc = cli_query_parse(cx, a, &q);
	if (rc != EXIT_OK) return rc;
	struct store *st = query_needs_state(q) ? cli_store_open(cx) : NULL;
	size_t *order = key >= 0 ? collection_order(&cx->d.coll, &cx->d.tags, (enum order_key)key, cur)
				 : NULL;
	/* a lean listing stopped by a damaged record: go on where it stopped */
	FILE *real = cx->out, *resume = cli_lean_resume(cx);
	if (resume) cx->out = resume;
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	size_t hits = 0;
	struct strbuf line = STRBUF_INIT;
	for (size_t k = 0; k < cx->d.coll.n; k++) {
		size_t i = order ? order[k] : k;
		if (!cli_query_match(cx, q, st, i)) continue;
		hits++;
		if (count) continue;
		strbuf_reset(&line);
		cli_list_article(cx, &cx->d.coll.items[i], as_json ? &j : NULL, &line);
		if (line.len) fwrite(line.buf, 1, line.len, cx->out);
	}
	strbuf_free(&line);
	if (count) fprintf(cx->out, "%zu\n", hits);
	if (as_json) {
		json_end_array(&j);
		cli_json_flush(cx, &sb);
	}
	if (resume) {
		fclose(resume);
		cx->out = real;
	}
	free(order);
	if (st) store_free(st);
	query_free(q);
	return EXIT_OK;
}

/* arg as a path (relative to the current folder, or absolute) to a file
 * inside the collection: its path below the root, or NULL (caller frees). */
static char *path_in_collection(struct cli_ctx *cx, const char *arg)
{
	char *file = realpath(arg, NULL), *root = realpath(cx->d.coll.root, NULL), *rel = NULL;
	size_t rl = root ? strlen(root) : 0;
	if (file && root && strncmp(file, root, rl) == 0 && file[rl] == '/' && file[rl + 1])
		rel = xstrdup(file + rl + 1);
	else if (file && root)
		cli_error(cx, "%s is not inside the collection %s", arg, root);
	free(file);
	free(root);
	return rel;
}

/* rel with its extension cut: "2024/a.md" -> "2024/a" (caller frees). */
static char *strip_extension(const char *rel)
{
	char *s = xstrdup(rel), *dot = strrchr(s, '.'), *slash = strrchr(s, '/');
	if (dot && dot > s && (!slash || dot > slash + 1)) *dot = '\0';
	return s;
}

long cli_find_article(struct cli_ctx *cx, const char *arg)
{
	long i = collection_find(&cx->d.coll, arg);
	if (i >= 0) return i;
	/* a path to the file, else the ID with its extension ("2024/a.md") */
	char *rel = path_in_collection(cx, arg);
	const char *as_id = rel ? rel : arg;
	i = collection_find(&cx->d.coll, as_id);
	if (i < 0) {
		char *id = strip_extension(as_id);
		i = collection_find(&cx->d.coll, id);
		free(id);
	}
	free(rel);
	if (i < 0) {
		struct strbuf sb = STRBUF_INIT;
		utf8_display_fit(&sb, arg, strlen(arg), 200, cx->display_flags);
		cli_error(cx, "no article with id '%s' (see dossier list)", strbuf_str(&sb));
		strbuf_free(&sb);
	}
	return i;
}

static void put_header(struct cli_ctx *cx, const char *key, const char *value)
{
	if (!value || !*value) return;
	cli_put_field(cx, key);
	fputs(": ", cx->out);
	cli_put_field(cx, value);
	fputc('\n', cx->out);
}

static void put_list_header(struct cli_ctx *cx, const char *key, const struct strlist *l)
{
	if (!l->n) return;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i) strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, l->v[i]);
	}
	put_header(cx, key, strbuf_str(&sb));
	strbuf_free(&sb);
}

/* Body text made safe, keeping line breaks and tabs, in 64 KiB pieces
 * (cut at line ends, which never split a cluster). */
static void put_body(struct cli_ctx *cx, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		cli_safe_text(cx, &sb, text + pos, end - pos, INT_MAX, true);
		pos = end;
		if (sb.len > 65536) {
			fwrite(sb.buf, 1, sb.len, cx->out);
			strbuf_reset(&sb);
		}
	}
	if (sb.len && sb.buf[sb.len - 1] != '\n') strbuf_addc(&sb, '\n');
	fwrite(strbuf_str(&sb), 1, sb.len, cx->out);
	strbuf_free(&sb);
}

/* "usage: dossier CMD ..." from the table, as a usage error. */
static int usage_error(struct cli_ctx *cx, const char *cmd)
{
	struct strbuf sb = STRBUF_INIT;
	cli_usage_line(&sb, cli_command_find(cmd));
	cli_error(cx, "usage: dossier %s", strbuf_str(&sb));
	strbuf_free(&sb);
	return EXIT_USAGE;
}

/* The file as stored (front matter too), line ends made LF; controls
 * still go through the display policy, as in every other output. */
static int show_raw(struct cli_ctx *cx, const struct article *a)
{
	if (a->flags & (ART_BINARY | ART_TOO_BIG)) {
		fputs(a->flags & ART_BINARY ? "(binary — not displayed)\n" : "(too big — not displayed)\n", cx->out);
		return EXIT_OK;
	}
	size_t len;
	char *raw;
	int err = fsutil_read_file(a->path, (size_t)64 << 20, &raw, &len);
	if (err) {
		cli_error(cx, "%s: %s", a->path, strerror(err));
		return EXIT_PROBLEM;
	}
	/* line ends as everywhere else (CRLF and a lone CR end a line) */
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (raw[i] == '\r') {
			raw[o++] = '\n';
			if (i + 1 < len && raw[i + 1] == '\n') i++;
		} else raw[o++] = raw[i];
	}
	put_body(cx, raw, o);
	free(raw);
	return EXIT_OK;
}

int cli_show(struct cli_ctx *cx, const struct cli_args *args)
{
	if (args->argc != 1) return usage_error(cx, args->cmd);
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	long i = cli_find_article(cx, args->argv[0]);
	if (i < 0) return EXIT_PROBLEM;
	const struct article *a = &cx->d.coll.items[i];
	if (cli_flag(args, "raw")) return show_raw(cx, a);
	char date[ARTICLE_DATE_TEXT];
	article_date_text(a, date); /* "2024-05-31 (from the file name)" */
	put_header(cx, "Title", a->title);
	put_header(cx, "Source", a->source);
	put_header(cx, "Date", date);
	put_list_header(cx, "Authors", &a->authors);
	put_header(cx, "URL", a->url);
	put_list_header(cx, "Tags", &a->tags);
	put_list_header(cx, "Derived tags", &a->derived);
	put_header(cx, "Summary", a->summary);
	put_header(cx, "Language", a->lang);
	for (size_t k = 0; k < a->nextra; k++) put_header(cx, a->extra[k].key, a->extra[k].value);
	put_header(cx, "ID", a->id);
	fputc('\n', cx->out);
	if (a->flags & ART_BINARY) {
		fputs("(binary — not displayed)\n", cx->out);
		return EXIT_OK;
	}
	if (a->flags & ART_TOO_BIG) { /* as the reader: never 64 MiB of a sparse file */
		fputs("(too big — not displayed)\n", cx->out);
		return EXIT_OK;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	struct render_doc *doc = article_text_load(a, &dl);
	int rc = EXIT_OK;
	if (!doc) {
		char *m = diag_format(&dl.items[0]);
		cli_error(cx, "%s", m);
		free(m);
		rc = EXIT_PROBLEM;
	} else if (a->flags & ART_EMPTY) {
		fputs("(empty)\n", cx->out);
	} else {
		/* the article's text: Markdown and HTML as the reader shows them */
		struct strbuf sb = STRBUF_INIT;
		render_plain(doc, 80, false, &sb);
		put_body(cx, strbuf_str(&sb), sb.len);
		strbuf_free(&sb);
	}
	render_doc_free(doc);
	diag_list_free(&dl);
	return rc;
}

/* Write the content index file for the next `related` (cli_lean_related)
 * unless the one there was built from the caches as they are now; only
 * when the lean index can answer now and holds the loaded articles (the
 * same number of them: both are numbered by id). */
static void related_save_index(const struct cli_ctx *cx)
{
	struct metaindex *mx = cli_lean_open(cx);
	struct simfile_key k;
	if (mx && metaindex_count(mx) == cx->d.coll.n &&
	    simfile_key_now(cx->corpus, metaindex_fingerprint(mx), cx->d.coll.n, &k)) {
		char *file = simfile_path(cx->corpus);
		struct simfile *f = simfile_open(file, &k, cx->d.coll.n);
		if (!f) simfile_write(file, &cx->d.sim, &cx->d.coll, &k);
		simfile_close(f);
		free(file);
	}
	metaindex_close(mx);
}

int cli_related(struct cli_ctx *cx, const struct cli_args *args)
{
	long max = 10;
	const char *count = cli_arg(args, "count");
	bool as_json = cli_flag(args, "json");
	if (count) {
		char *end;
		errno = 0;
		max = strtol(count, &end, 10);
		if (!*count || *end || max < 0 || errno) {
			cli_error(cx, "related: --count (-n) needs a whole number, not '%s'", count);
			return EXIT_USAGE;
		}
	}
	if (args->argc != 1) return usage_error(cx, args->cmd);
	/* from the lean index and the content index file when both are fresh */
	int lean = cli_lean_related(cx, args->argv[0], (size_t)max, as_json);
	if (lean >= 0) return lean;
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	long art = cli_find_article(cx, args->argv[0]);
	if (art < 0) return EXIT_PROBLEM;
	/* the index file for this load, built streamed when it is not there */
	int indexed = cx->no_cache ? -1 : cli_related_indexed(cx, (size_t)art, (size_t)max, as_json);
	if (indexed >= 0) return indexed;
	dossier_sign(&cx->d, !cx->no_cache, NULL);
	struct related *r;
	size_t n = related_compute_with(&cx->d.coll, &cx->d.tags, &cx->d.sim, (size_t)art,
					(size_t)max, &r);
	cli_related_print(cx, r, n, &cx->d.tags, &cx->d.coll, NULL, as_json);
	related_free(r, n);
	if (!cx->no_cache) related_save_index(cx);
	return EXIT_OK;
}

void cli_related_print(struct cli_ctx *cx, const struct related *r, size_t n,
		       const struct tagindex *ti, const struct collection *c,
		       const struct related_src *src, bool as_json)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < n; i++) {
		const struct article *b = c ? &c->items[r[i].art] : src->article(src->ctx, r[i].art);
		if (as_json) {
			json_begin_object(&j);
			json_key(&j, "score");
			json_fixed(&j, r[i].score, 3);
			json_kv_string(&j, "id", b->id);
			json_kv_string(&j, "title", b->title);
			json_key(&j, "shared_tags");
			json_begin_array(&j);
			for (size_t k = 0; k < r[i].nshared; k++) json_string(&j, ti->tags[r[i].shared[k]].name);
			json_end_array(&j);
			json_key(&j, "content");
			json_fixed(&j, r[i].content, 3);
			json_key(&j, "shared_terms");
			json_begin_array(&j);
			for (size_t k = 0; k < r[i].nterms; k++) json_string(&j, r[i].terms[k]);
			json_end_array(&j);
			char date[11];
			date_format(b->date, date); /* "" for none: null, as json_article */
			json_kv_string(&j, "date", *date ? date : NULL);
			/* as list --json's: "name", "url" or null */
			json_kv_string(&j, "date_from", article_date_from(b->date, b->flags));
			json_end_object(&j);
			continue;
		}
		fprintf(cx->out, "%.3f\t", r[i].score);
		cli_put_field(cx, b->id);
		fputc('\t', cx->out);
		for (size_t k = 0; k < r[i].nshared; k++)
			fprintf(cx->out, "%s%s", k ? "," : "", ti->tags[r[i].shared[k]].name);
		/* added after the first three, so scripts cutting those still work */
		char date[11] = "";
		if (b->date) date_format(b->date, date);
		fprintf(cx->out, "\t%s\t", date);
		for (size_t k = 0; k < r[i].nterms; k++) {
			if (k) fputc(',', cx->out);
			cli_put_field(cx, r[i].terms[k]);
		}
		fputc('\n', cx->out);
	}
	if (as_json) {
		json_end_array(&j);
		cli_json_flush(cx, &sb);
	}
}

static int count_cmp(const void *x, const void *y, void *ti_)
{
	const struct tagindex *ti = ti_;
	const struct tag_entry *a = &ti->tags[*(const size_t *)x], *b = &ti->tags[*(const size_t *)y];
	if (a->n != b->n) return a->n > b->n ? -1 : 1;
	return strcmp(a->name, b->name);
}

int cli_tags(struct cli_ctx *cx, const struct cli_args *args)
{
	bool as_json = cli_flag(args, "json");
	if (args->argc != 0) return usage_error(cx, args->cmd);
	int lean = cli_lean_tags(cx, as_json);
	if (lean >= 0) return lean;
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	const struct tagindex *ti = &cx->d.tags;
	size_t *order = xcalloc(ti->n ? ti->n : 1, sizeof *order);
	for (size_t i = 0; i < ti->n; i++) order[i] = i;
	qsort_r(order, ti->n, sizeof *order, count_cmp, (void *)ti);
	if (as_json) {
		struct strbuf sb = STRBUF_INIT;
		struct json j;
		json_init(&j, &sb, true);
		json_begin_array(&j);
		for (size_t i = 0; i < ti->n; i++) {
			json_begin_object(&j);
			json_kv_string(&j, "tag", ti->tags[order[i]].name);
			json_kv_int(&j, "count", (int64_t)ti->tags[order[i]].n);
			json_end_object(&j);
		}
		json_end_array(&j);
		cli_json_flush(cx, &sb);
		free(order);
		return EXIT_OK;
	}
	for (size_t i = 0; i < ti->n; i++) {
		fprintf(cx->out, "%zu\t", ti->tags[order[i]].n);
		cli_put_field(cx, ti->tags[order[i]].name);
		fputc('\n', cx->out);
	}
	free(order);
	return EXIT_OK;
}

int cli_check(struct cli_ctx *cx, const struct cli_args *args)
{
	if (args->argc != 0) return usage_error(cx, args->cmd);
	if (cli_flag(args, "index")) return cli_check_index(cx);
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	const struct diag_list *dl = &cx->d.diags;
	for (size_t i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->items[i]);
		fprintf(cx->out, "%s\n", s);
		free(s);
	}
	if (dl->n) {
		cli_error(cx, "%zu problem%s in %zu article%s", dl->n, dl->n == 1 ? "" : "s", cx->d.coll.n,
			  cx->d.coll.n == 1 ? "" : "s");
		return EXIT_PROBLEM;
	}
	return EXIT_OK;
}
