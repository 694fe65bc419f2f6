/* SPDX-License-Identifier: MIT
 * Safe file I/O. On a full disk fclose() can return 0 after failed writes
 * (measured), so this module uses raw write()/fsync() and checks each one;
 * anything short of a successful fsync and rename counts as "not saved". */
#include "core/base/fsutil.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"

/* Process-wide test hook (see fsutil_test_fail_at). */
static struct {
	bool set;
	char step[256]; /* STEP or STEP@FILE */
} fail_hook;

void fsutil_test_fail_at(const char *step)
{
	fail_hook.set = step != NULL;
	fail_hook.step[0] = '\0';
	if (step) snprintf(fail_hook.step, sizeof fail_hook.step, "%s", step);
}

/* DOSSIER_TEST_FAIL_AT=STEP, or STEP@FILE: only while FILE exists, so a
 * test can end the "full disk" while the program runs (retries). */
static bool should_fail(const char *step)
{
	const char *want = fail_hook.set ? fail_hook.step : getenv("DOSSIER_TEST_FAIL_AT");
	if (!want) return false;
	size_t n = strcspn(want, "@");
	if (n != strlen(step) || strncmp(want, step, n) != 0) return false;
	return want[n] != '@' || access(want + n + 1, F_OK) == 0;
}

/* Test hook for crash tests: DOSSIER_TEST_KILL_AT=STEP[:SIGNO][@PART]
 * raises SIGNO (default SIGKILL) in this process once an atomic write has
 * reached STEP: "open" (empty temp file), "half" (half the bytes
 * written), "write" (all written), "fsync" (temp synced) or "rename"
 * (renamed, folder not synced); with @PART only a write whose destination
 * path contains PART (a command may save the metadata cache before the
 * file a test means, depending on how old its folders are). Shell tests
 * use it to prove a kill or signal mid-save leaves the old or the new
 * file, never a partial one. */
static void test_kill_at(const struct fsutil_atomic *w, const char *step)
{
	const char *want = getenv("DOSSIER_TEST_KILL_AT");
	if (!want) return;
	size_t n = strcspn(want, ":@");
	if (n != strlen(step) || strncmp(want, step, n) != 0) return;
	const char *part = strchr(want, '@');
	if (part && (!w->path || !strstr(w->path, part + 1))) return;
	int sig = want[n] == ':' ? atoi(want + n + 1) : SIGKILL;
	raise(sig > 0 ? sig : SIGKILL);
}

int fsutil_read_file(const char *path, size_t cap, char **data, size_t *len)
{
	*data = NULL;
	if (len) *len = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return e;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	}
	if (cap && (uint64_t)st.st_size > cap) {
		close(fd);
		return EFBIG;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR) continue;
			int e = errno;
			close(fd);
			strbuf_free(&sb);
			return e;
		}
		if (r == 0) break;
		strbuf_add(&sb, buf, (size_t)r);
		if (cap && sb.len > cap) {
			close(fd);
			strbuf_free(&sb);
			return EFBIG;
		}
	}
	close(fd);
	if (len) *len = sb.len;
	strbuf_addc(&sb, '\0'); /* make sure a buffer exists even for "" */
	sb.len--;
	*data = strbuf_steal(&sb);
	return 0;
}

char *fsutil_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash) return xstrdup(".");
	if (slash == path) return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int fsutil_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(fd, p, n > (1u << 20) ? (1u << 20) : n);
		if (w < 0) {
			if (errno == EINTR) continue;
			return errno;
		}
		if (w == 0) return EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The atomic writer's writes, where the test hook can make them fail. */
static int write_all(int fd, const char *p, size_t n)
{
	if (n && should_fail("write")) return ENOSPC;
	return fsutil_write_all(fd, p, n);
}

static int fsync_dir(const char *dir)
{
	if (should_fail("dirsync")) return EIO;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) return errno;
	int e = 0;
	/* Some filesystems cannot sync a folder (EINVAL): nothing more to do. */
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS) e = errno;
	close(fd);
	return e;
}

/* Put tmp at path without replacing anything there. renameat2 with
 * RENAME_NOREPLACE where the filesystem supports it, else link + unlink. */
static int place_noreplace(const char *tmp, const char *path)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0) return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
#endif
	if (link(tmp, path) < 0) return errno;
	unlink(tmp);
	return 0;
}

int fsutil_atomic_open(struct fsutil_atomic *w, const char *path, unsigned flags)
{
	memset(w, 0, sizeof *w);
	w->fd = -1;
	w->flags = flags;
	w->step = "open";
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!*base) return w->err = EISDIR;
	w->path = xstrdup(path);
	w->dir = fsutil_dirname(path);
	struct strbuf tmp = STRBUF_INIT;
	int e = 0;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		strbuf_reset(&tmp);
		strbuf_addf(&tmp, "%s/.%.64s.tmp-%ld-%lx%u", w->dir, base, (long)getpid(),
			    (unsigned long)ts.tv_nsec, attempt);
		if (should_fail("open")) {
			e = EACCES;
			break;
		}
		w->fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			     (flags & FSUTIL_PRIVATE) ? 0600 : 0666);
		if (w->fd >= 0 || errno != EEXIST) {
			if (w->fd < 0) e = errno;
			break;
		}
	}
	w->tmp = strbuf_steal(&tmp);
	if (w->fd < 0) return w->err = e ? e : EEXIST;
	w->step = "write";
	test_kill_at(w, "open");
	return 0;
}

int fsutil_atomic_write(struct fsutil_atomic *w, const void *data, size_t n)
{
	if (!w->err && n && w->wrote && should_fail("write+1")) w->err = ENOSPC;
	if (!w->err) w->err = write_all(w->fd, data, n);
	if (!w->err && n && !w->wrote) {
		w->wrote = true;
		test_kill_at(w, "half"); /* some bytes written, not yet all */
	}
	return w->err;
}

int fsutil_atomic_pwrite(struct fsutil_atomic *w, const void *data, size_t n, uint64_t off)
{
	if (w->err) return w->err;
	if (n && (should_fail("write") || should_fail("write+1"))) return w->err = ENOSPC;
	const char *p = data;
	while (n > 0) {
		ssize_t r = pwrite(w->fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) return w->err = r < 0 ? errno : EIO;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

/* Drop the temp file and free w (after an error, or when told to). */
static void atomic_drop(struct fsutil_atomic *w)
{
	if (w->fd >= 0) close(w->fd);
	if (w->fd >= 0 || w->tmp_placed) unlink(w->tmp);
	w->fd = -1;
	free(w->tmp);
	free(w->dir);
	free(w->path);
	w->tmp = w->dir = w->path = NULL;
}

void fsutil_atomic_abort(struct fsutil_atomic *w)
{
	atomic_drop(w);
}

int fsutil_atomic_commit(struct fsutil_atomic *w, const char **step)
{
	const char *dummy;
	if (!step) step = &dummy;
	int e = w->err;
	if (e) goto fail;
	test_kill_at(w, "write");
	if (!(w->flags & FSUTIL_NO_SYNC)) {
		w->step = "fsync";
		if (should_fail("fsync")) e = EIO;
		else if (fsync(w->fd) < 0) e = errno;
		if (!e) test_kill_at(w, "fsync");
	}
	int fd = w->fd;
	w->fd = -1;
	w->tmp_placed = true; /* closed: the temp file is still to be removed on failure */
	if (close(fd) < 0 && !e) {
		w->step = "close";
		e = errno;
	}
	if (!e) {
		w->step = "rename";
		if (should_fail("rename")) e = EIO;
		else if (w->flags & FSUTIL_NO_OVERWRITE) e = place_noreplace(w->tmp, w->path);
		else if (rename(w->tmp, w->path) < 0) e = errno;
	}
	if (e) goto fail;
	w->tmp_placed = false; /* renamed: nothing to remove */
	test_kill_at(w, "rename");
	w->step = "fsync folder";
	if (!(w->flags & FSUTIL_NO_SYNC)) e = fsync_dir(w->dir);
	*step = w->step;
	atomic_drop(w);
	return e;
fail:
	*step = w->step;
	atomic_drop(w);
	return e;
}

int fsutil_write_atomic(const char *path, const void *data, size_t len, unsigned flags,
			const char **step)
{
	struct fsutil_atomic w;
	if (fsutil_atomic_open(&w, path, flags) == 0) {
		fsutil_atomic_write(&w, data, len / 2);
		fsutil_atomic_write(&w, (const char *)data + len / 2, len - len / 2);
	}
	return fsutil_atomic_commit(&w, step);
}

int fsutil_clean_stale_temps(const char *path)
{
	char *dir = fsutil_dirname(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	struct strbuf pre = STRBUF_INIT, victim = STRBUF_INIT;
	strbuf_addf(&pre, ".%.64s.tmp-", base);
	int removed = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, pre.buf, pre.len) != 0) continue;
		char *end;
		long pid = strtol(e->d_name + pre.len, &end, 10);
		if (pid <= 0 || *end != '-' || pid == (long)getpid()) continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* still running */
		strbuf_reset(&victim);
		strbuf_addf(&victim, "%s/%s", dir, e->d_name);
		if (unlink(victim.buf) == 0) removed++;
	}
	if (d) closedir(d);
	strbuf_free(&pre);
	strbuf_free(&victim);
	free(dir);
	return removed;
}

int fsutil_mkdir_p(const char *path, unsigned mode)
{
	char *p = xstrdup(path);
	int e = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0') continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			e = errno;
			break;
		}
		*s = c;
		if (c == '\0') break;
	}
	if (!e) {
		struct stat st;
		if (stat(path, &st) < 0) e = errno;
		else if (!S_ISDIR(st.st_mode)) e = ENOTDIR;
	}
	free(p);
	return e;
}

char *fsutil_abspath(const char *path)
{
	char *r = realpath(path, NULL);
	if (r) {
		char *c = xstrdup(r);
		free(r);
		return c;
	}
	if (path[0] == '/') return xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", cwd ? cwd : "", path);
	free(cwd);
	return strbuf_steal(&sb);
}
