/* SPDX-License-Identifier: MIT
 * The extractor over a folder of pages, for `make bench-extract`: for each
 * page file, one JSON line with the body as plain text, the title, authors,
 * date and url as dossier reads them (the same path as a .html file read in
 * place), and the milliseconds it took (parse + metadata + extraction),
 * wall and CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/meta/article.h"
#include "core/meta/fieldmap.h"
#include "core/base/fsutil.h"
#include "core/meta/html_page.h"
#include "core/base/json.h"
#include "core/base/util.h"

/* CPU time of this thread: on a shared machine, wall time counts the
 * other jobs too. */
static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	for (int i = 1; i < argc; i++) {
		char *raw;
		size_t len;
		if (fsutil_read_file(argv[i], (size_t)64 << 20, &raw, &len) != 0) {
			fprintf(stderr, "bench_extract: cannot read %s\n", argv[i]);
			return 1;
		}
		double t0 = util_now_ms(), c0 = cpu_ms();
		struct html_page pg;
		struct article a;
		memset(&a, 0, sizeof a);
		html_page_read(raw, len, argv[i], true, &pg, NULL);
		html_page_apply(&pg, &a, argv[i], &fm, NULL);
		double ms = util_now_ms() - t0, cpu = cpu_ms() - c0;
		struct strbuf sb = STRBUF_INIT;
		struct json j;
		json_init(&j, &sb, false);
		json_begin_object(&j);
		json_kv_string(&j, "file", argv[i]);
		json_kv_string(&j, "body", pg.body);
		json_kv_string(&j, "title", a.title);
		json_key(&j, "authors");
		json_begin_array(&j);
		for (size_t k = 0; k < a.authors.n; k++) json_string(&j, a.authors.v[k]);
		json_end_array(&j);
		json_kv_int(&j, "date", a.date);
		json_kv_string(&j, "url", a.url);
		json_key(&j, "ms");
		json_fixed(&j, ms, 3);
		json_key(&j, "cpu_ms");
		json_fixed(&j, cpu, 3);
		json_end_object(&j);
		puts(strbuf_str(&sb));
		strbuf_free(&sb);
		html_page_free(&pg);
		article_free(&a);
		free(raw);
	}
	fieldmap_free(&fm);
	return 0;
}
