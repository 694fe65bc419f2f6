/* SPDX-License-Identifier: MIT
 * One function run on its own thread, with what the reader's loop needs
 * to watch it without locks: progress counters, a finished flag and a
 * cancel flag. Loading and indexing use it so that the screen never
 * waits for the disk. */
#ifndef DOSSIER_BGJOB_H
#define DOSSIER_BGJOB_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct bgjob;

/* The job's body: runs on the new thread; its return value is what
 * bgjob_join returns (-2 when it was cancelled before it started). It may call bgjob_set_progress and should poll
 * bgjob_cancel_flag. */
typedef int (*bgjob_fn)(struct bgjob *job, void *arg);

/* Start fn(job, arg) on a new thread. When no thread can be made it runs
 * right here instead (slower start, same result). Never NULL. */
struct bgjob *bgjob_start(bgjob_fn fn, void *arg);
/* From the job: done of total (total 0: unknown). */
void bgjob_set_progress(struct bgjob *j, size_t done, size_t total);
/* From anyone. */
void bgjob_progress(const struct bgjob *j, size_t *done, size_t *total);
bool bgjob_finished(const struct bgjob *j);
/* Ask the job to stop early; it sees the flag at its next poll. */
void bgjob_cancel(struct bgjob *j);
/* The flag the job passes to loaders (collection, ftsindex). */
const atomic_int *bgjob_cancel_flag(const struct bgjob *j);
/* Test hook, from the job: sleep the milliseconds the environment
 * variable var names (none: no wait), ending early on a cancel; false
 * when cancelled. */
bool bgjob_test_hold(struct bgjob *j, const char *var);
/* Wait for the job, free it and return its result. j may be NULL (0). */
int bgjob_join(struct bgjob *j);

#endif
