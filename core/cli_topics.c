/* SPDX-License-Identifier: MIT
 * The topic vocabulary on the command line: the hidden bench-vocab timing
 * (folding and matching throughput on real files, one core). */
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "core/cli.h"
#include "core/fsutil.h"
#include "core/util.h"
#include "core/vocab.h"

/* CPU time of this thread in ms: the machine is shared, wall time is not
 * what the matcher costs. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* bench-vocab [-n RUNS] FILE...: the files read into memory first, then
 * vocab_match over each RUNS times; prints bytes, tags found and MB/s. */
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
	double best = 0;
	size_t tags = 0;
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
	}
	fprintf(cx->out, "files\t%d\nbytes\t%zu\ntags\t%zu\nbest_cpu_ms\t%.2f\nMB_per_s\t%.1f\n", a->argc,
		total, tags, best, best > 0 ? (double)total / 1e6 / (best / 1000) : 0.0);
	for (int i = 0; i < a->argc; i++) free(text[i]);
	free(text);
	free(len);
	return EXIT_OK;
}
