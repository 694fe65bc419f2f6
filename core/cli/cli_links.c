/* SPDX-License-Identifier: MIT
 * `dossier links [--json] ID`: the links of an article as the renderer
 * numbers them (the [N] after each link text), so a script can open one.
 * Targets are printed escaped: a control character never reaches the
 * terminal or the program a script hands the URL to. */
#include "core/cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "core/text/article_text.h"
#include "core/base/fsutil.h"
#include "core/cli/cli_options.h"
#include "core/base/json.h"
#include "core/text/render.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

int cli_links(struct cli_ctx *cx, const struct cli_args *args)
{
	if (args->argc != 1) {
		cli_error(cx, "usage: dossier links [--json] ID");
		return EXIT_USAGE;
	}
	bool as_json = cli_flag(args, "json");
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	long i = cli_find_article(cx, args->argv[0]);
	if (i < 0) return EXIT_PROBLEM;
	const struct article *a = &cx->d.coll.items[i];
	struct render_doc *doc = NULL;
	if (!(a->flags & (ART_BINARY | ART_TOO_BIG))) {
		struct diag_list dl = DIAG_LIST_INIT;
		doc = article_text_load(a, &dl);
		if (!doc) {
			cli_print_diags(cx, &dl);
			return EXIT_PROBLEM;
		}
		diag_list_free(&dl);
	}
	size_t n = doc ? doc->nlinks : 0;
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	for (size_t k = 0; k < n; k++) {
		const struct render_link *l = &doc->links[k];
		if (as_json) {
			json_begin_object(&j);
			json_kv_int(&j, "n", (int64_t)(k + 1));
			json_kv_string(&j, "url", l->url);
			json_kv_string(&j, "text", l->text ? l->text : "");
			json_key(&j, "openable");
			json_bool(&j, l->openable);
			json_end_object(&j);
			continue;
		}
		fprintf(cx->out, "%zu\t", k + 1);
		cli_put_field(cx, l->shown);
		fputc('\t', cx->out);
		cli_put_field(cx, l->text ? l->text : "");
		fputc('\n', cx->out);
	}
	if (as_json) {
		json_end_array(&j);
		strbuf_addc(&sb, '\n');
		fwrite(sb.buf, 1, sb.len, cx->out);
	}
	strbuf_free(&sb);
	render_doc_free(doc);
	return EXIT_OK;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Minor page faults of this process so far (fresh memory touched). */
static long minor_faults(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_minflt : 0;
}

/* Hidden, for tests/bench/render.sh: render FILE RUNS times (default 9),
 * print "render<TAB>bytes<TAB>median ms<TAB>min ms<TAB>lines<TAB>links<TAB>faults";
 * --baseline: the parser alone, "parse<TAB>bytes<TAB>median<TAB>min<TAB>-<TAB>-<TAB>faults".
 * faults: minor page faults per run (a page of fresh memory each). */
int cli_bench_render(struct cli_ctx *cx, const struct cli_args *args)
{
	enum render_format f = RENDER_MARKDOWN;
	const char *fmt = cli_arg(args, "format");
	if (fmt && !render_format_parse(fmt, &f)) {
		cli_error(cx, "bench-render: unknown format '%s'", fmt);
		return EXIT_USAGE;
	}
	if (args->argc < 1 || args->argc > 2) {
		cli_error(cx, "usage: dossier bench-render [--format F] FILE [RUNS]");
		return EXIT_USAGE;
	}
	const char *path = args->argv[0];
	int runs = args->argc > 1 ? atoi(args->argv[1]) : 9;
	if (runs < 1 || runs > 1000) runs = 9;
	char *data;
	size_t len;
	int err = fsutil_read_file(path, 0, &data, &len);
	if (err) {
		cli_error(cx, "%s: %s", path, strerror(err));
		return EXIT_PROBLEM;
	}
	double *ms = xcalloc((size_t)runs, sizeof *ms);
	size_t nlines = 0, nlinks = 0;
	if (cli_flag(args, "baseline")) {
		size_t count = 0;
		long f0 = minor_faults();
		for (int r = 0; r < runs; r++) {
			double t0 = util_now_ms();
			count += render_parse_only(data, len, f);
			ms[r] = util_now_ms() - t0;
		}
		qsort(ms, (size_t)runs, sizeof *ms, dbl_cmp);
		long faults = (minor_faults() - f0) / runs;
		fprintf(cx->out, "parse\t%zu\t%.2f\t%.2f\t%zu\t-\t%ld\n", len, ms[runs / 2], ms[0], count / (size_t)runs, faults);
		free(ms);
		free(data);
		return EXIT_OK;
	}
	long f0 = minor_faults();
	for (int r = 0; r < runs; r++) {
		double t0 = util_now_ms();
		struct render_doc *d = render_body(data, len, f);
		ms[r] = util_now_ms() - t0;
		nlines = d->nlines;
		nlinks = d->nlinks;
		render_doc_free(d);
	}
	qsort(ms, (size_t)runs, sizeof *ms, dbl_cmp);
	long faults = (minor_faults() - f0) / runs;
	fprintf(cx->out, "render\t%zu\t%.2f\t%.2f\t%zu\t%zu\t%ld\n", len, ms[runs / 2], ms[0], nlines, nlinks, faults);
	free(ms);
	free(data);
	return EXIT_OK;
}
