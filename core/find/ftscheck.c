/* SPDX-License-Identifier: MIT
 * Checksums for the full-text index file (see ftscheck.h). The sum file is
 * one line: "dossier-fts-sum 1 DEV INO SIZE MTIME NSEC CTIME NSEC HASH".
 * Stamping happens under an exclusive flock on FILE.lock, so a reader never
 * compares a file that another dossier is in the middle of changing. */
#include "core/find/ftscheck.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/find/ftstoken.h"
#include "core/base/hash.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

static char *side(const char *file, const char *suffix)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s%s", file, suffix);
	return strbuf_steal(&sb);
}

int ftscheck_lock(const char *file, bool exclusive, int wait_ms)
{
	char *lp = side(file, ".lock");
	int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	free(lp);
	if (fd < 0) return -1;
	for (int waited = 0;; waited += 10) {
		if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0) return fd;
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= wait_ms) break;
		struct timespec ts = {0, 10 * 1000000L};
		nanosleep(&ts, NULL);
	}
	close(fd);
	return -1;
}

void ftscheck_unlock(int fd)
{
	if (fd >= 0) close(fd); /* releases the flock */
}

static bool stat_of(const char *file, struct ftscheck_stamp *s)
{
	struct stat st;
	if (stat(file, &st) < 0) return false;
	*s = (struct ftscheck_stamp){(uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size,
				     st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec,
				     st.st_ctim.tv_nsec};
	return true;
}

static bool stamp_eq(const struct ftscheck_stamp *a, const struct ftscheck_stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s &&
	       a->ctime_ns == b->ctime_ns;
}

bool ftscheck_same(const char *file, const struct ftscheck_stamp *seen)
{
	struct ftscheck_stamp now;
	return stat_of(file, &now) && stamp_eq(&now, seen);
}

/* The whole file, 1 MiB at a time (the index can be hundreds of MB). */
static int sum_file(const char *file, uint64_t *out)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) return errno;
	enum { CHUNK = 1 << 20 };
	char *buf = xmalloc(CHUNK);
	uint64_t h = 0x6674737375;
	int e = 0;
	for (;;) {
		ssize_t r = read(fd, buf, CHUNK);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) e = errno;
		if (r <= 0) break;
		h = hash_bytes(buf, (size_t)r, h);
	}
	free(buf);
	close(fd);
	*out = h;
	return e;
}

int ftscheck_write(const char *file, struct ftscheck_stamp *seen)
{
	uint64_t h;
	struct ftscheck_stamp s, after;
	/* the stat taken before the sum: a write landing while the file is
	 * read must not be stamped as summed (its damage would then pass the
	 * next stat-only check); if the stat moved meanwhile, no stamp */
	if (!stat_of(file, &s)) return errno;
	int e = sum_file(file, &h);
	if (e) return e;
	if (!stat_of(file, &after)) return errno;
	if (!stamp_eq(&s, &after)) return EAGAIN;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "dossier-fts-sum 1 %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64 " %" PRId64
		    " %" PRId64 " %" PRId64 " %016" PRIx64 "\n", s.dev, s.ino, s.size, s.mtime_s,
		    s.mtime_ns, s.ctime_s, s.ctime_ns, h);
	char *sp = side(file, ".sum");
	e = fsutil_write_atomic(sp, sb.buf, sb.len, FSUTIL_PRIVATE, NULL);
	free(sp);
	strbuf_free(&sb);
	if (!e && seen) *seen = s;
	return e;
}

enum ftscheck_result ftscheck_verify(const char *file, bool full, struct ftscheck_stamp *seen,
				     bool restamp)
{
	struct ftscheck_stamp now, was;
	if (!stat_of(file, &now)) return FTSCHECK_ERROR;
	char *sp = side(file, ".sum"), *text = NULL;
	int e = fsutil_read_file(sp, 4096, &text, NULL);
	free(sp);
	uint64_t h = 0;
	int n = e ? 0 : sscanf(text, "dossier-fts-sum 1 %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNd64
			       " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNx64, &was.dev, &was.ino,
			       &was.size, &was.mtime_s, &was.mtime_ns, &was.ctime_s, &was.ctime_ns, &h);
	free(text);
	if (n != 8) return FTSCHECK_NOSUM;
	if (!full && stamp_eq(&now, &was)) {
		if (seen) *seen = now;
		return FTSCHECK_OK;
	}
	uint64_t got;
	if (sum_file(file, &got)) return FTSCHECK_ERROR;
	if (got != h) return FTSCHECK_DAMAGED;
	if (seen) *seen = now;
	if (restamp && !stamp_eq(&now, &was)) ftscheck_write(file, seen);
	return FTSCHECK_OK;
}

void ftscheck_forget(const char *file)
{
	char *sp = side(file, ".sum");
	unlink(sp);
	free(sp);
}

/* Run sql; every row that is not "ok" and any error go to report. */
static int sql_problems(sqlite3 *db, const char *sql, struct strbuf *report)
{
	sqlite3_stmt *st;
	int bad = 0, rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);
		if (row && strcmp(row, "ok") != 0 && bad++ < 20) strbuf_addf(report, "%s\n", row);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		strbuf_addf(report, "%s\n", sqlite3_errmsg(db));
		bad++;
	}
	sqlite3_finalize(st);
	return bad;
}

int ftscheck_full(const char *file, struct strbuf *report)
{
	struct stat st;
	if (stat(file, &st) < 0 || st.st_size == 0) return -1;
	int lock = ftscheck_lock(file, false, 5000);
	int bad = 0;
	enum ftscheck_result r = ftscheck_verify(file, true, NULL, false);
	if (r != FTSCHECK_OK) {
		strbuf_addf(report, "%s\n", r == FTSCHECK_NOSUM ? "no checksum beside it"
			    : r == FTSCHECK_DAMAGED ? "checksum mismatch: the file was changed behind "
			    "dossier's back" : "cannot be read");
		bad++;
	}
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK ||
	    ftstoken_register(db) < 0) {
		strbuf_addf(report, "%s\n", db ? sqlite3_errmsg(db) : "out of memory");
		bad++;
	} else {
		sqlite3_busy_timeout(db, 5000);
		sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		bad += sql_problems(db, "PRAGMA integrity_check", report);
		bad += sql_problems(db, "INSERT INTO body(body) VALUES('integrity-check')", report);
	}
	sqlite3_close(db);
	if (bad) ftscheck_forget(file);
	ftscheck_unlock(lock);
	return bad ? 0 : 1;
}
