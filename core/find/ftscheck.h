/* SPDX-License-Identifier: MIT
 * The full-text index's guard against silent damage. SQLite does not
 * checksum its pages, so bytes overwritten in the index file give wrong
 * answers without an error; a checksum of the whole file, kept beside it
 * and rewritten after every change, catches that. Checking it costs a
 * stat() while the file is as it was stamped, a full read when not. */
#ifndef DOSSIER_FTSCHECK_H
#define DOSSIER_FTSCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/base/strbuf.h"

/* What the file looked like when it was checked or stamped: any write,
 * chmod or replacement changes one of these (ctime cannot be set back). */
struct ftscheck_stamp {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

enum ftscheck_result {
	FTSCHECK_OK,      /* the file is what the last stamp summed */
	FTSCHECK_NOSUM,   /* no (readable) checksum beside it: cannot vouch */
	FTSCHECK_DAMAGED, /* the checksum does not match: the file changed behind us */
	FTSCHECK_ERROR,   /* the file cannot be read */
};

/* Take the index's lock (FILE.lock, 0600): exclusive for a writer, shared
 * for a check. Waits up to wait_ms. Returns an fd for ftscheck_unlock, or
 * -1 (held by another dossier, or no lock file possible). */
int ftscheck_lock(const char *file, bool exclusive, int wait_ms);
void ftscheck_unlock(int fd);

/* Compare FILE with FILE.sum (hold the lock). full: always read and sum
 * the file; else only when its stat is not the one stamped. On OK, *seen
 * receives the file's stat. restamp (hold the exclusive lock): when the
 * content matched but the stat had changed (touch, copy), record the new
 * stat, so the next check is a stat() again. */
enum ftscheck_result ftscheck_verify(const char *file, bool full, struct ftscheck_stamp *seen,
				     bool restamp);
/* Sum FILE and write FILE.sum (hold the exclusive lock). 0 or an errno
 * (EAGAIN: FILE changed while it was summed; nothing written). */
int ftscheck_write(const char *file, struct ftscheck_stamp *seen);
/* Cheap: is FILE's stat still *seen? */
bool ftscheck_same(const char *file, const struct ftscheck_stamp *seen);
/* Remove FILE.sum, so that the next open rebuilds the index. */
void ftscheck_forget(const char *file);

/* `dossier check --index`: everything, however long it takes: the whole
 * file against its checksum, SQLite's integrity_check and FTS5's own
 * integrity-check. Returns 1 when sound, 0 when damaged (FILE.sum is then
 * removed, so the next open rebuilds), -1 when there is no index; what was
 * found goes to report, one problem a line. */
int ftscheck_full(const char *file, struct strbuf *report);

#endif
