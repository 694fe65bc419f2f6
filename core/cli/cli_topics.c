/* SPDX-License-Identifier: MIT
 * The topic vocabulary on the command line: `topics suggest` (a vocabulary
 * proposed from the collection's text), `topics check` (what each entry of
 * the chosen one tags, with the words that made it) and the hidden
 * bench-vocab timing (folding and matching throughput, one core). */
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "core/cli/cli.h"
#include "core/base/fsutil.h"
#include "core/base/json.h"
#include "core/collection/topics.h"
#include "core/collection/topics_suggest.h"
#include "core/text/utf8.h"
#include "core/collection/vocab_int.h"
#include "core/base/util.h"
#include "core/collection/vocab.h"

/* CPU time of this thread in ms: the machine is shared, wall time is not
 * what the matcher costs. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The same-run reference for bench-vocab: FNV-1a over every byte, one
 * dependent multiply a byte, so a matcher at about its speed takes one
 * step a byte; the ratio to it moves less than MB/s on a shared machine. */
static uint32_t fnv_pass(char *const *text, const size_t *len, int n)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < n; i++)
		for (size_t k = 0; text[i] && k < len[i]; k++) h = (h ^ (unsigned char)text[i][k]) * 16777619u;
	return h;
}

/* bench-vocab [-n RUNS] FILE...: the files read into memory first, then
 * vocab_match over each RUNS times, each pass followed by the reference
 * (fnv_pass); prints bytes, tags found, MB/s of both and their ratio. */
int cli_bench_vocab(struct cli_ctx *cx, const struct cli_args *a)
{
	const char *ns = cli_arg(a, "runs");
	int runs = ns ? atoi(ns) : 5;
	if (runs < 1 || !cx->vocab) {
		cli_error(cx, "bench-vocab: %s", cx->vocab ? "--runs wants a number >= 1" : "no vocabulary chosen");
		return EXIT_USAGE;
	}
	char **text = xcalloc((size_t)a->argc + 1, sizeof *text);
	size_t *len = xcalloc((size_t)a->argc + 1, sizeof *len), total = 0;
	for (int i = 0; i < a->argc; i++) {
		if (fsutil_read_file(a->argv[i], 64u << 20, &text[i], &len[i]) != 0) {
			text[i] = NULL;
			len[i] = 0;
		}
		total += len[i];
	}
	double best = 0, ref = 0;
	size_t tags = 0;
	uint32_t sink = 0;
	for (int r = 0; r < runs; r++) {
		tags = 0;
		double t0 = cpu_ms();
		for (int i = 0; i < a->argc; i++) {
			if (!text[i]) continue;
			struct strlist out = {0};
			vocab_match(cx->vocab, text[i], len[i], &out);
			tags += out.n;
			strlist_free(&out);
		}
		double ms = cpu_ms() - t0;
		if (r == 0 || ms < best) best = ms;
		t0 = cpu_ms();
		sink ^= fnv_pass(text, len, a->argc);
		ms = cpu_ms() - t0;
		if (r == 0 || ms < ref) ref = ms;
	}
	double mbs = best > 0 ? (double)total / 1e6 / (best / 1000) : 0.0;
	double rmbs = ref > 0 ? (double)total / 1e6 / (ref / 1000) : 0.0;
	fprintf(cx->out, "files\t%d\nbytes\t%zu\ntags\t%zu\nbest_cpu_ms\t%.2f\nMB_per_s\t%.1f\n"
			 "fnv1a_MB_per_s\t%.1f\nratio_to_fnv1a\t%.2f\n", a->argc, total, tags, best, mbs,
		rmbs, rmbs > 0 ? mbs / rmbs : 0.0);
	if (sink == 1) fputc('\n', cx->out); /* keeps the reference from being optimised away */
	for (int i = 0; i < a->argc; i++) free(text[i]);
	free(text);
	free(len);
	return EXIT_OK;
}

static int topics_suggest(struct cli_ctx *cx, const struct cli_args *a)
{
	const char *ns = cli_arg(a, "max");
	char *end = NULL;
	long max = ns ? strtol(ns, &end, 10) : 300;
	if (ns && (*end || max < 1 || max > 100000)) {
		cli_error(cx, "topics suggest: --max wants a number from 1 to 100000");
		return EXIT_USAGE;
	}
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	struct topics_suggester *sg = topics_suggester_new();
	for (size_t i = 0; i < cx->d.coll.n; i++) {
		const struct article *art = &cx->d.coll.items[i];
		struct diag_list dl = DIAG_LIST_INIT;
		size_t len = 0;
		char *body = article_body_read(art, &len, &dl);
		diag_list_free(&dl);
		topics_suggester_add(sg, art->title, body, len);
		free(body);
	}
	struct topic_suggestion *v;
	size_t n = topics_suggester_finish(sg, (size_t)max, &v);
	topics_suggester_free(sg);
	struct strbuf out = STRBUF_INIT;
	if (cli_flag(a, "json")) {
		struct json j;
		json_init(&j, &out, true);
		json_begin_array(&j);
		for (size_t i = 0; i < n; i++) {
			json_begin_object(&j);
			json_key(&j, "tag");
			json_string(&j, v[i].tag);
			json_key(&j, "label");
			json_string(&j, v[i].label);
			json_key(&j, "match");
			json_begin_array(&j);
			for (size_t k = 0; k < v[i].match.n; k++) json_string(&j, v[i].match.v[k]);
			json_end_array(&j);
			json_key(&j, "case");
			json_string(&j, v[i].mode == VOCAB_CASE_PROPER ? "proper" : "fold");
			json_key(&j, "articles");
			json_int(&j, (int64_t)v[i].articles);
			json_end_object(&j);
		}
		json_end_array(&j);
		strbuf_addc(&out, '\n');
	} else {
		struct strbuf h = STRBUF_INIT;
		strbuf_addf(&h, "Topic vocabulary suggested by dossier topics suggest from %zu articles:\n"
			    "the recurring names and terms of the collection, best first. Delete the\n"
			    "entries that are not topics, merge or rename the rest, and save it as\n"
			    "%s in the collection folder. dossier topics check shows what\n"
			    "each entry tags.", cx->d.coll.n, TOPICS_COLLECTION_FILE);
		topics_suggestions_yaml(v, n, h.buf, &out);
		strbuf_free(&h);
	}
	fwrite(out.buf ? out.buf : "", 1, out.len, cx->out);
	strbuf_free(&out);
	topics_suggestions_free(v, n);
	return EXIT_OK;
}

/* Where phrase first occurs in the folded text f (its cases fc) as whole
 * words, with the case its entry asks for; -1 if nowhere. */
static long find_phrase(const struct strbuf *f, const struct strbuf *fc, const char *phrase,
			enum vocab_case mode)
{
	struct strbuf p = STRBUF_INIT, pc = STRBUF_INIT, want = STRBUF_INIT;
	fold_string(phrase, strlen(phrase), &p, &pc);
	vocab_case_pattern(mode, &p, &pc, &want);
	long at = -1;
	for (const char *h = f->buf; p.len && h && (h = strstr(h, p.buf)); h++) {
		size_t s = (size_t)(h - f->buf), e = s + p.len;
		int32_t a = ' ', b = ' ';
		if (s > 0) {
			size_t q = s - 1;
			while (q > 0 && ((unsigned char)f->buf[q] & 0xC0) == 0x80) q--;
			utf8_decode(f->buf + q, f->len - q, &a);
		}
		if (e < f->len) utf8_decode(f->buf + e, f->len - e, &b);
		int32_t first, last;
		utf8_decode(p.buf, p.len, &first);
		size_t q = p.len - 1;
		while (q > 0 && ((unsigned char)p.buf[q] & 0xC0) == 0x80) q--;
		utf8_decode(p.buf + q, p.len - q, &last);
		bool sw = !utf8_is_word_cp(a) || !utf8_is_word_cp(first);
		bool ew = !utf8_is_word_cp(b) || !utf8_is_word_cp(last);
		bool cs = true;
		for (size_t i = 0; i < p.len && cs; i++) cs = !want.buf[i] || fc->buf[s + i] == want.buf[i];
		if (sw && ew && cs) {
			at = (long)s;
			break;
		}
	}
	strbuf_free(&p);
	strbuf_free(&pc);
	strbuf_free(&want);
	return at;
}

/* "…some words around the match…" from the folded text. */
static void context_of(struct cli_ctx *cx, const struct strbuf *f, long at, struct strbuf *out)
{
	size_t s = (size_t)at > 40 ? (size_t)at - 40 : 0, e = (size_t)at + 60 < f->len ? (size_t)at + 60 : f->len;
	while (s > 0 && ((unsigned char)f->buf[s] & 0xC0) == 0x80) s--;
	while (e < f->len && ((unsigned char)f->buf[e] & 0xC0) == 0x80) e++;
	strbuf_adds(out, s > 0 ? "\xE2\x80\xA6" : "");
	cli_safe_text(cx, out, f->buf + s, e - s, 200, false);
	strbuf_adds(out, e < f->len ? "\xE2\x80\xA6" : "");
}

/* What the vocabulary finds in one article (tags into tags), and its
 * title and body folded as the matcher sees them (into f, cases into fc)
 * when it finds anything, for the context lines. */
static void article_scan(const struct vocab *v, const struct article *art, struct strlist *tags,
			 struct strbuf *f, struct strbuf *fc)
{
	struct diag_list dl = DIAG_LIST_INIT;
	size_t len = 0;
	char *body = article_body_read(art, &len, &dl);
	diag_list_free(&dl);
	vocab_match(v, art->title, strlen(art->title), tags);
	if (body) vocab_match(v, body, len, tags);
	if (tags->n) {
		fold_string(art->title, strlen(art->title), f, fc);
		strbuf_adds(f, " | ");
		strbuf_add(fc, "\0\0\0", 3);
		struct strbuf fb = STRBUF_INIT, fbc = STRBUF_INIT;
		if (body) fold_string(body, len, &fb, &fbc);
		strbuf_add(f, fb.buf ? fb.buf : "", fb.len);
		strbuf_add(fc, fbc.buf ? fbc.buf : "", fbc.len);
		strbuf_free(&fb);
		strbuf_free(&fbc);
	}
	free(body);
}

/* For each entry (or the TAGs named): the articles it tags (found again
 * here, own tags or not), then a line per article with the words that
 * matched in context, so a false match shows. */
static int topics_check(struct cli_ctx *cx, const struct cli_args *a)
{
	if (!cx->vocab) {
		cli_error(cx, "topics check: this collection chose no topic vocabulary (save one as %s, "
			  "or give --topics FILE; dossier topics suggest proposes one)",
			  TOPICS_COLLECTION_FILE);
		return EXIT_PROBLEM;
	}
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	const struct vocab *v = cx->vocab;
	struct strbuf out = STRBUF_INIT;
	size_t na = cx->d.coll.n;
	struct strbuf *folded = xcalloc(na + 1, sizeof *folded), *cases = xcalloc(na + 1, sizeof *cases);
	struct strlist *found = xcalloc(na + 1, sizeof *found);
	for (size_t i = 0; i < na; i++)
		article_scan(v, &cx->d.coll.items[i], &found[i], &folded[i], &cases[i]);
	fprintf(cx->out, "# vocabulary from %s\n", cx->vocab_from ? cx->vocab_from : "?");
	for (size_t t = 0; t < vocab_tag_count(v); t++) {
		const char *tag = vocab_tag_name(v, t);
		if (!tag) continue;
		bool wanted = a->argc == 0;
		for (int k = 0; k < a->argc && !wanted; k++) wanted = strcmp(a->argv[k], tag) == 0;
		if (!wanted) continue;
		size_t count = 0;
		for (size_t i = 0; i < na; i++) count += strlist_has(&found[i], tag);
		fprintf(cx->out, "%s\t%zu\n", tag, count);
		const struct strlist *ph = vocab_tag_phrases(v, t);
		for (size_t i = 0; i < na; i++) {
			const struct article *art = &cx->d.coll.items[i];
			if (!strlist_has(&found[i], tag)) continue;
			const struct strbuf *f = &folded[i];
			strbuf_reset(&out);
			strbuf_adds(&out, "\t");
			cli_safe_text(cx, &out, art->id, strlen(art->id), 1000, false);
			for (size_t p = 0; p < ph->n; p++) {
				long at = find_phrase(f, &cases[i], ph->v[p], vocab_tag_case(v, t));
				if (at < 0) continue;
				strbuf_adds(&out, "\t");
				context_of(cx, f, at, &out);
				break;
			}
			strbuf_adds(&out, "\n");
			fwrite(out.buf, 1, out.len, cx->out);
		}
	}
	for (size_t i = 0; i < na; i++) {
		strbuf_free(&folded[i]);
		strbuf_free(&cases[i]);
		strlist_free(&found[i]);
	}
	free(folded);
	free(cases);
	free(found);
	strbuf_free(&out);
	return EXIT_OK;
}

int cli_topics(struct cli_ctx *cx, const struct cli_args *a)
{
	const char *what = a->argc > 0 ? a->argv[0] : NULL;
	struct cli_args rest = *a;
	rest.argc = a->argc > 0 ? a->argc - 1 : 0;
	rest.argv = a->argc > 0 ? a->argv + 1 : a->argv;
	if (what && strcmp(what, "suggest") == 0 && rest.argc == 0) return topics_suggest(cx, &rest);
	if (what && strcmp(what, "check") == 0) return topics_check(cx, &rest);
	cli_error(cx, "topics: expected suggest or check [TAG...] (usage: dossier topics suggest [--json] "
		  "[-n N] | dossier topics check [TAG...])");
	return EXIT_USAGE;
}
