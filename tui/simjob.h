/* SPDX-License-Identifier: MIT
 * The reader's content signatures (core/find/sigcache.h): made on another
 * thread once the first screen is out and the load has ended, so neither
 * waits for them; until they are in, the related pane ranks by tags and
 * says the content is still being read. Headless they are made on the
 * spot, so screens do not depend on timing. */
#ifndef DOSSIER_TUI_SIMJOB_H
#define DOSSIER_TUI_SIMJOB_H

#include <stdbool.h>

struct tui;

/* Start the job when there is a collection, no load running (loading:
 * load_running) and its signatures are not in yet (headless: sign now).
 * Cheap to call often. R_RESORT when the list must be folded again
 * (filter_apply). */
unsigned simjob_kick(struct tui *t, bool loading);
bool simjob_running(const struct tui *t);
/* Take a finished job's signatures; redraw flags, R_RESORT as above. */
unsigned simjob_poll(struct tui *t);
/* Are t->d's signatures and content index ready? */
bool simjob_ready(const struct tui *t);
/* Stop and forget the job before the collection changes. */
void simjob_drop(struct tui *t);

#endif
