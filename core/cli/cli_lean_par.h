/* SPDX-License-Identifier: MIT
 * A lean listing of many hits formatted by several threads
 * (cli_lean_par.c): the whole-collection listings at a million articles
 * spent their time in one loop of reading, checking and formatting. */
#ifndef DOSSIER_CLI_LEAN_PAR_H
#define DOSSIER_CLI_LEAN_PAR_H

#include <stdbool.h>
#include <stddef.h>

struct cli_ctx;
struct json;
struct metaindex;

/* When and how: at least min hits, chunk hits a piece, threads formatting
 * (the caller's thread writes). */
struct cli_lean_par {
	size_t min, chunk;
	int threads;
};

/* The defaults (10,000 hits, pieces of 8,192, as many threads as online
 * CPUs up to 4; threads 0 when there is one CPU: none), or the test hooks
 * DOSSIER_TEST_PAR_MIN, DOSSIER_TEST_PAR_CHUNK, DOSSIER_TEST_PAR_THREADS. */
struct cli_lean_par cli_lean_par_conf(void);

/* Print the hits art[0..n) of mx, every one printed without a query (its
 * line or object, into j's array when j; j's pending output, e.g. its
 * "[", written first), as the one-thread listing prints them: pieces of
 * p->chunk hits formatted by p->threads threads, each with its own
 * record reader, written in order to cx->out. in_order: art ascends (the
 * records read ahead in file order), else they are gathered from the
 * mapped file. False when a record is damaged: what comes before it is
 * written, nothing after (the load goes on from there). Stops early, true,
 * when cx->out fails (a reader gone: EPIPE). j is left as after the
 * last object. */
bool cli_lean_par_print(const struct cli_ctx *cx, const struct metaindex *mx, const size_t *art,
			size_t n, bool in_order, struct json *j, const struct cli_lean_par *p);

#endif
