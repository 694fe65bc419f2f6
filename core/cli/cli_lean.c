/* SPDX-License-Identifier: MIT
 * Commands answered from the metadata cache's lean index without loading
 * the collection (core/meta/metaindex.h): `list [--count] QUERY` when the
 * query judges each article by its own metadata (query_lean_eval: tags,
 * dates, source:, lang:, title: from the index's columns, is: from the
 * reading state's ids; other fields by decoding the undecided articles)
 * and few articles need decoding only to be judged, `tags`, `related ID`,
 * and completion of tags and ids. Why: at 1,000,000 articles a warm load
 * decodes every record (2 s, 1.3 GB); these read only the records they
 * print, streamed. Each says -1 when the index cannot answer, and the
 * command loads as before, so the answers are the loaded collection's
 * (tests/cli/lean.sh). */
#include "core/cli/cli.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/json.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/cli/cli_lean_par.h"
#include "core/collection/order.h"
#include "core/collection/tags.h"
#include "core/find/query.h"
#include "core/find/related.h"
#include "core/find/simfile.h"
#include "core/meta/metaindex.h"
#include "core/state/readbits.h"
#include "core/state/store.h"

struct metaindex *cli_lean_open(const struct cli_ctx *cx)
{
	return cli_lean_open_at(cx, cli_check_bound(cx));
}

struct metaindex *cli_lean_open_at(const struct cli_ctx *cx, int check_every)
{
	if (cli_cache_off(cx)) return NULL;
	struct fieldmap defaults;
	if (!cx->fieldmap) fieldmap_init_default(&defaults);
	struct metaindex *mx = metaindex_open(cx->corpus, cx->fieldmap ? cx->fieldmap : &defaults,
					      cx->vocab ? cx->vocab_hash : 0, check_every);
	if (!cx->fieldmap) fieldmap_free(&defaults);
	return mx;
}

/* The query of the operands, parsed without the collection; NULL when it
 * does not parse so (the loading path then parses it and says why) or
 * when an operand may be a misplaced option. */
static struct query *lean_query(struct cli_ctx *cx, const struct cli_args *a)
{
	struct strbuf text = STRBUF_INIT;
	bool opts = !a->dashdash;
	for (int i = 0; i < a->argc; i++) {
		const char *w = a->argv[i];
		if (opts && strcmp(w, "--") == 0) {
			opts = false;
			continue;
		}
		if (opts && w[0] == '-' && (w[1] == '-' || (w[1] && !w[2]))) {
			strbuf_free(&text);
			return NULL;
		}
		if (text.len) strbuf_addc(&text, ' ');
		strbuf_adds(&text, w);
	}
	struct search_set ss;
	struct diag_list ignored = DIAG_LIST_INIT;
	cli_search_set(cx, &ss, &ignored);
	diag_list_free(&ignored);
	struct query_names names = search_set_names(&ss);
	struct query_error err = {0};
	const struct dossier none = {0};
	struct query *q = query_parse_names(strbuf_str(&text), &none, &names, &err);
	search_set_free(&ss);
	query_error_free(&err);
	strbuf_free(&text);
	return q;
}

struct lean_state {
	const struct dossier *d; /* the decoded article */
	const struct store *st;  /* NULL: none could be opened (nothing is read) */
	const struct query_lean_state *bits; /* per article, when known (else by id) */
	size_t cur;              /* the decoded article's number in the index */
};

static bool lean_is_read(void *ctx, size_t art)
{
	const struct lean_state *ls = ctx;
	if (ls->bits->read) return ls->bits->read[ls->cur];
	return ls->st && store_is_read(ls->st, ls->d->coll.items[art].id);
}

static bool lean_is_marked(void *ctx, size_t art)
{
	const struct lean_state *ls = ctx;
	const struct mark *first;
	if (ls->bits->marked) return ls->bits->marked[ls->cur];
	return ls->st && store_marks_for(ls->st, ls->d->coll.items[art].id, &first) > 0;
}

/* Candidates decoded one by one (a read and a checksum each) cost more
 * than their share of a full load: beyond 1 in LEAN_DECODE_SHARE articles
 * the load answers instead. A listing reads only what it prints, and
 * stops when the reader of its output does (| head), so it answers from
 * the index at any share. */
#define LEAN_DECODE_SHARE 4
/* The listing is written out in pieces of about this many bytes: few
 * writes, and `| head` still stops it after the first piece. */
#define LEAN_CHUNK (64 * 1024)

/* The output of a lean listing: counts what reaches the real stream, so
 * that when a damaged record stops it the load goes on where it stopped
 * (cli_lean_resume). */
struct lean_sink {
	FILE *real; /* borrowed */
	size_t sent, skip; /* bytes passed on; bytes still to drop (resume) */
};

static ssize_t sink_write(void *c, const char *buf, size_t n)
{
	struct lean_sink *s = c;
	size_t drop = n < s->skip ? n : s->skip;
	s->skip -= drop;
	size_t w = drop < n ? fwrite(buf + drop, 1, n - drop, s->real) : 0;
	s->sent += w;
	return w == n - drop ? (ssize_t)n : -1; /* EPIPE and the like: stop */
}

static int sink_close(void *c)
{
	struct lean_sink *s = c;
	int rc = ferror(s->real) ? -1 : 0;
	free(s);
	return rc;
}

/* A stream into real that drops the first skip bytes; *sent (may be
 * NULL) counts what it passed on, until it is closed. */
static FILE *sink_open(FILE *real, size_t skip, struct lean_sink **out)
{
	struct lean_sink *s = xcalloc(1, sizeof *s);
	s->real = real;
	s->skip = skip;
	FILE *f = fopencookie(s, "w", (cookie_io_functions_t){.write = sink_write, .close = sink_close});
	if (!f) {
		free(s);
		return NULL;
	}
	if (out) *out = s;
	return f;
}

FILE *cli_lean_resume(struct cli_ctx *cx)
{
	if (!cx->lean_sent) return NULL;
	FILE *f = sink_open(cx->out, cx->lean_sent, NULL);
	cx->lean_sent = 0;
	return f;
}

/* Read, judge and print the candidates art[0..n) (v: the columns'
 * verdicts) one at a time, records close together read ahead in one
 * piece, the output (JSON into j, else lines) written in pieces of
 * LEAN_CHUNK bytes; false when a record is damaged (what is not written
 * yet is then dropped: the load writes it). Stops early when the output
 * fails (a reader gone: EPIPE). */
static bool lean_print(struct cli_ctx *cx, const struct query *q, struct metaindex *mx,
		       const struct store *st, const struct query_lean_state *bits,
		       const unsigned char *v, const size_t *art, size_t n, bool count,
		       bool decided, struct json *j, size_t *hits)
{
	/* every hit printed as it is, and many (10,000 and up: from there on
	 * it gains, measured at 1,000,000 articles): formatted by several threads
	 * (no query to match, whose caches one thread at a time may use) */
	bool in_order = true; /* file order; else sorted (--sort) */
	for (size_t k = 1; k < n && in_order; k++) in_order = art[k - 1] < art[k];
	const struct cli_lean_par par = cli_lean_par_conf();
	if (!count && decided && par.threads > 0 && n >= par.min && n > 0) {
		bool ok = cli_lean_par_print(cx, mx, art, n, in_order, j, &par);
		*hits += ok ? n : 0;
		return ok;
	}
	struct metaindex_rec rec = {0};
	struct dossier sub = {0};
	sub.coll.root = (char *)cx->corpus; /* borrowed: never freed here */
	sub.coll.items = &rec.view;
	sub.coll.n = 1;
	/* is: terms: the reading state by id, as cli_query_match asks it */
	struct lean_state ls = {&sub, st, bits, 0};
	const struct query_env env = {.d = &sub, .is_read = lean_is_read,
				      .is_marked = lean_is_marked, .ctx = (void *)&ls};
	struct strbuf lines = STRBUF_INIT;
	struct strbuf *out = j ? j->out : &lines;
	bool ok = true;
	bool failed = false; /* the output: asked at each piece written, not each record */
	struct metaindex_line ln;
	/* sorted (--sort) and more than a few: the records where they lie
	 * rather than a pread each (those in file order are read ahead) */
	if (!in_order && n > 64) metaindex_rec_map(mx, &rec);
	for (size_t k = 0; k < n && ok && !failed; k++) {
		metaindex_prefetch(mx, &rec, art + k, n - k);
		if (!in_order && k + 64 < n) __builtin_prefetch(&v[art[k + 64]]); /* a miss each, else */
		/* a hit's line or object from its record's bytes when they are
		 * plain (cli_list_line, cli_json_line), else the record read whole */
		bool hit = false, done = !count && v[art[k]] == QLEAN_YES &&
					 (ok = metaindex_read_line(mx, art[k], &rec, &ln)) &&
					 (hit = j ? cli_json_line(j, &ln) : cli_list_line(&ln, &lines));
		if (ok && !done) {
			ok = metaindex_read(mx, art[k], &rec);
			ls.cur = art[k];
			hit = ok && (v[art[k]] == QLEAN_YES || query_match(q, &env, 0));
			if (hit && !count) cli_list_article(cx, &rec.view, j, &lines);
		}
		*hits += hit;
		if (ok && out->len >= LEAN_CHUNK) {
			fwrite(out->buf, 1, out->len, cx->out);
			strbuf_reset(out);
			failed = ferror(cx->out);
		}
	}
	if (ok && lines.len) fwrite(lines.buf, 1, lines.len, cx->out);
	strbuf_free(&lines);
	metaindex_rec_free(&rec);
	return ok;
}

int cli_lean_list(struct cli_ctx *cx, const struct cli_args *a, bool count, bool as_json)
{
	/* --sort date and source from the columns, title from the hits'
	 * records; relevance: the load */
	const char *sort = cli_arg(a, "sort");
	enum order_key key = ORDER_DATE;
	if (sort && (!order_parse(sort, &key) || key == ORDER_RELEVANCE)) return -1;
	struct query *q = lean_query(cx, a);
	struct metaindex *mx = query_per_article(q) || query_matches_all(q) ? cli_lean_open(cx) : NULL;
	/* is: terms: the reading state by id, as cli_query_match asks it */
	struct store *st = NULL;
	struct readbits rb = {0};
	if (mx && query_needs_state(q)) cli_lean_state(cx, mx, &st, &rb);
	struct query_lean_state ls = {rb.read, rb.marked};
	unsigned char *v = mx ? query_lean_eval(q, mx, &ls) : NULL;
	size_t nart = mx ? metaindex_count(mx) : 0, yes = 0, maybe = 0;
	for (size_t i = 0; v && i < nart; i++) {
		yes += v[i] == QLEAN_YES;
		maybe += v[i] == QLEAN_MAYBE;
	}
	/* the articles to read: every hit to print, or the undecided */
	size_t n = count ? maybe : yes + maybe;
	int rc = -1;
	/* the undecided to judge, or the titles to sort when the cache has
	 * no title order: each read first */
	bool by_title = sort && !count && key == ORDER_TITLE && !(v && metaindex_title_order(mx));
	if (!v || ((count || by_title) && n > nart / LEAN_DECODE_SHARE + 64)) goto out;
	size_t *art = xcalloc(n ? n : 1, sizeof *art), k = 0;
	for (size_t i = 0; i < nart; i++)
		if (v[i] == QLEAN_MAYBE || (!count && v[i] == QLEAN_YES)) art[k++] = i;
	if (sort && !count && !cli_lean_sort(mx, art, n, key)) {
		free(art);
		goto out;
	}
	/* streamed as read; a damaged record stops it, and the load goes on
	 * where it stopped (cx->lean_sent: cli_list) */
	FILE *real = cx->out;
	struct lean_sink *sink = NULL;
	if (!count && !(cx->out = sink_open(real, 0, &sink))) {
		cx->out = real; /* no stream to count what was written: the load answers */
		free(art);
		goto out;
	}
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	size_t hits = count ? yes : 0;
	if (lean_print(cx, q, mx, st, &ls, v, art, n, count, maybe == 0, as_json ? &j : NULL, &hits))
		rc = EXIT_OK;
	if (rc == EXIT_OK && count) fprintf(cx->out, "%zu\n", hits);
	if (rc == EXIT_OK && as_json) {
		json_end_array(&j);
		cli_json_flush(cx, &sb);
	}
	if (cx->out != real) {
		fflush(cx->out);
		if (rc != EXIT_OK) cx->lean_sent = sink->sent;
		fclose(cx->out); /* a failure stays on real, for cli_run to tell */
		cx->out = real;
	}
	strbuf_free(&sb);
	free(art);
out:
	free(v);
	readbits_free(&rb);
	if (st) store_free(st);
	metaindex_close(mx);
	query_free(q);
	return rc;
}

/* More articles first, then by name (the order of `tags` after a load). */
static int lean_count_cmp(const void *x, const void *y, void *ctx)
{
	const struct metaindex *mx = ctx;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	size_t na = metaindex_tag_count(mx, a), nb = metaindex_tag_count(mx, b);
	if (na != nb) return na > nb ? -1 : 1;
	size_t la, lb;
	const char *sa = metaindex_tag_name(mx, a, &la), *sb = metaindex_tag_name(mx, b, &lb);
	int c = memcmp(sa, sb, la < lb ? la : lb);
	return c ? c : la < lb ? -1 : la > lb;
}

int cli_lean_tags(struct cli_ctx *cx, bool as_json)
{
	struct metaindex *mx = cli_lean_open(cx);
	if (!mx) return -1;
	size_t n = metaindex_ntags(mx);
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) order[i] = i;
	qsort_r(order, n, sizeof *order, lean_count_cmp, mx);
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *s = metaindex_tag_name(mx, order[i], &len);
		char *name = xstrndup(s, len);
		if (as_json) {
			json_begin_object(&j);
			json_kv_string(&j, "tag", name);
			json_kv_int(&j, "count", (int64_t)metaindex_tag_count(mx, order[i]));
			json_end_object(&j);
		} else {
			struct strbuf line = STRBUF_INIT;
			cli_safe_text(cx, &line, name, len, INT_MAX, false);
			fprintf(cx->out, "%zu\t%s\n", metaindex_tag_count(mx, order[i]), strbuf_str(&line));
			strbuf_free(&line);
		}
		free(name);
	}
	if (as_json) {
		json_end_array(&j);
		cli_json_flush(cx, &sb);
	}
	free(order);
	metaindex_close(mx);
	return EXIT_OK;
}

/* Articles of the index decoded on demand, each once (related asks for
 * the article itself and the few it shows). */
struct lean_arts {
	const struct metaindex *mx;
	struct article **got; /* owned, per article; NULL: not asked yet */
	bool *bad;            /* owned: its record did not decode */
	bool failed;
};

static const struct article *lean_article(void *ctx, size_t art)
{
	struct lean_arts *la = ctx;
	if (la->got[art] || la->bad[art]) return la->got[art];
	struct article *a = xcalloc(1, sizeof *a);
	if (!metaindex_article(la->mx, art, a)) {
		article_free(a);
		free(a);
		la->bad[art] = la->failed = true;
		return NULL;
	}
	return la->got[art] = a;
}

static int lean_date(void *ctx, size_t art)
{
	const struct lean_arts *la = ctx;
	return metaindex_date(la->mx, art);
}

/* The article whose id is id (ids ascend with the article numbers), or -1. */
static long lean_find(const struct metaindex *mx, const char *id, bool *failed)
{
	size_t lo = 0, hi = metaindex_count(mx);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		char *m = metaindex_id(mx, mid);
		if (!m) {
			*failed = true;
			return -1;
		}
		int c = strcmp(m, id);
		free(m);
		if (c == 0) return (long)mid;
		if (c < 0) lo = mid + 1;
		else hi = mid;
	}
	return -1;
}

/* The tag index as the load would build it, from the index's postings. */
static void lean_tagindex(const struct metaindex *mx, struct tagindex *ti)
{
	memset(ti, 0, sizeof *ti);
	ti->n = metaindex_ntags(mx);
	ti->narticles = metaindex_count(mx);
	ti->tags = xcalloc(ti->n ? ti->n : 1, sizeof *ti->tags);
	for (size_t t = 0; t < ti->n; t++) {
		struct tag_entry *e = &ti->tags[t];
		size_t len;
		const char *name = metaindex_tag_name(mx, t, &len);
		e->name = xstrndup(name, len);
		e->n = e->cap = metaindex_tag_count(mx, t);
		e->arts = xcalloc(e->n ? e->n : 1, sizeof *e->arts);
		for (size_t k = 0; k < e->n; k++) e->arts[k] = (uint32_t)metaindex_tag_art(mx, t, k);
		e->nholders = e->holders_cap = metaindex_tag_nholders(mx, t);
		e->holders = xcalloc(e->nholders ? e->nholders : 1, sizeof *e->holders);
		for (size_t k = 0; k < e->nholders; k++)
			e->holders[k] = (uint32_t)metaindex_tag_holder(mx, t, k);
		e->weight = log((double)ti->narticles / (double)e->n);
		map_put(&ti->names, e->name, t);
	}
}

/* The content index file of the collection when it was built from the
 * cache files as they are now over n articles, else NULL (the load then
 * answers, and writes it: cli_related). */
static struct simfile *lean_simfile(const struct cli_ctx *cx, const struct metaindex *mx,
				     size_t n)
{
	struct simfile_key k;
	if (!simfile_key_now(cx->corpus, metaindex_fingerprint(mx), n, &k)) return NULL;
	char *file = simfile_path(cx->corpus);
	struct simfile *f = simfile_open(file, &k, n);
	free(file);
	return f;
}

int cli_lean_related(struct cli_ctx *cx, const char *id, size_t max, bool as_json)
{
	struct metaindex *mx = cli_lean_open(cx);
	if (!mx) return -1;
	size_t n = metaindex_count(mx);
	struct simfile *sf = lean_simfile(cx, mx, n);
	if (!sf) {
		metaindex_close(mx);
		return -1;
	}
	struct lean_arts la = {mx, xcalloc(n ? n : 1, sizeof *la.got), xcalloc(n ? n : 1, 1), false};
	/* only an exact id here; a path or an id with its extension: the load */
	long art = lean_find(mx, id, &la.failed);
	int rc = -1;
	if (art >= 0) {
		struct tagindex ti;
		lean_tagindex(mx, &ti);
		const struct related_src src = {n, lean_article, lean_date, &la};
		const struct related_content content = cli_simfile_content(sf, n);
		struct related *r;
		bool failed = false;
		size_t nr = related_compute_content(&src, &ti, &content, (size_t)art, max, &r,
						    &failed);
		/* a record or block that did not decode: nothing printed, the load answers */
		if (!la.failed && !failed) {
			cli_related_print(cx, r, nr, &ti, NULL, &src, as_json);
			rc = EXIT_OK;
		}
		related_free(r, nr);
		tagindex_free(&ti);
	}
	for (size_t i = 0; i < n; i++)
		if (la.got[i]) {
			article_free(la.got[i]);
			free(la.got[i]);
		}
	free(la.got);
	free(la.bad);
	simfile_close(sf);
	metaindex_close(mx);
	return rc;
}
