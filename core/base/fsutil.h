/* SPDX-License-Identifier: MIT
 * Files that are never half-written: whole-file reads, atomic replace
 * (temp + fsync + rename + fsync of the folder) with every error checked,
 * and the XDG folders where dossier keeps its state and cache. */
#ifndef DOSSIER_FSUTIL_H
#define DOSSIER_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Read a whole regular file (no FIFOs, devices or symlink tricks: opened
 * with O_NONBLOCK and checked with fstat). At most cap bytes (0 = no cap;
 * a bigger file gives EFBIG). On success *data is a NUL-terminated buffer
 * the caller frees and 0 is returned; else an errno value (ENOENT when the
 * file does not exist) and *data is NULL. */
int fsutil_read_file(const char *path, size_t cap, char **data, size_t *len);

enum {
	FSUTIL_NO_OVERWRITE = 1 << 0, /* fail with EEXIST when path exists (even as a symlink) */
	FSUTIL_PRIVATE = 1 << 1,      /* mode 0600 instead of 0666 & ~umask */
	/* no fsync of the file or its folder: for derived data only (a cache
	 * that checks its own bytes when read and is rebuilt when torn), never
	 * for what the user wrote. Still atomic for other processes; after a
	 * crash the file may be the old one, the new one, or empty or torn. */
	FSUTIL_NO_SYNC = 1 << 2,
};

/* Write data to path atomically: a temp file in the same folder created
 * with O_EXCL|O_NOFOLLOW, every byte written, fsync, then rename over path
 * (or, with FSUTIL_NO_OVERWRITE, a no-replace rename / link), then fsync of
 * the folder. Readers see the complete old or complete new file; a symlink
 * at path is replaced, never written through. On failure the temp file is
 * removed, path is unchanged, and an errno value is returned (0 = saved).
 * *step (may be NULL) names the step that failed ("write", "fsync", ...). */
int fsutil_write_atomic(const char *path, const void *data, size_t len, unsigned flags,
			const char **step);

/* The same written in pieces, for a file too big to build in memory:
 * open creates the temp file, write appends, pwrite fills in bytes already
 * written (a header whose checksum is known at the end), commit closes and
 * renames (every step as fsutil_write_atomic; the test hooks apply) and
 * abort drops the temp file. The first error sticks: later writes do
 * nothing and commit returns it (after removing the temp file). Each
 * returns 0 or an errno value; commit or abort always frees w. */
struct fsutil_atomic {
	int fd;
	char *tmp, *dir, *path; /* owned */
	unsigned flags;
	int err;                /* the first error, 0: none */
	const char *step;       /* the step reached (static string) */
	bool tmp_placed;        /* closed but not renamed: remove on failure */
	bool wrote;             /* some bytes written (the "half" kill hook) */
};
int fsutil_atomic_open(struct fsutil_atomic *w, const char *path, unsigned flags);
int fsutil_atomic_write(struct fsutil_atomic *w, const void *data, size_t n);
int fsutil_atomic_pwrite(struct fsutil_atomic *w, const void *data, size_t n, uint64_t off);
int fsutil_atomic_commit(struct fsutil_atomic *w, const char **step);
void fsutil_atomic_abort(struct fsutil_atomic *w);

/* Write all n bytes to fd, again after EINTR and short writes. Returns 0
 * or an errno value (EIO when write returns 0). */
int fsutil_write_all(int fd, const void *data, size_t n);

/* Remove temp files that an atomic write of path left behind when its
 * process died (SIGKILL mid-save): ".BASE.tmp-PID-..." whose PID no longer
 * runs. Returns how many were removed. */
int fsutil_clean_stale_temps(const char *path);

/* Test hook: make the next atomic writes fail at one step with EIO (ENOSPC
 * for "write"). step is "open", "write", "fsync", "rename" or "dirsync",
 * or "write+1": every write but a file's first (a disk that fills half-way);
 * NULL clears it. When never set, the environment variable
 * DOSSIER_TEST_FAIL_AT is read instead, so shell tests can inject a full
 * disk; its value STEP@FILE fails only while FILE exists (a disk that
 * fills and is freed while the program runs). This is the one piece of process-wide state in the module.
 * Crash tests use DOSSIER_TEST_KILL_AT=STEP[:SIGNO] instead: the process
 * raises SIGNO (default SIGKILL) once a write reaches "open", "half",
 * "write", "fsync" or "rename" (see fsutil.c). */
void fsutil_test_fail_at(const char *step);

/* mkdir -p with mode for the folders it creates; 0 or an errno value. */
int fsutil_mkdir_p(const char *path, unsigned mode);

/* Folder part of path ("." when none); caller frees. */
char *fsutil_dirname(const char *path);

/* An absolute form of path without touching the disk more than needed:
 * realpath() when it exists, else joined with the current folder. */
char *fsutil_abspath(const char *path);

#endif
