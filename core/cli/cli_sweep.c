/* SPDX-License-Identifier: MIT
 * The full check out of a command's foreground. Why: once the cache's
 * last full check was check-every seconds old, the next command loaded
 * the whole collection to stat every file (5.5 s and 573 MB at a million
 * articles, for a `list` that otherwise takes 0.1 s). Now that command
 * answers from the folder-level check, as within the window, and starts
 * the full check in a detached child: one at a time (a lock file beside
 * the cache), niced, its stdio on /dev/null, in a session of its own (no
 * terminal signal reaches it). The child stats every file against the
 * cache's records without loading (metacache_sweep) and, when all match,
 * patches the check's time into the file; when something changed, it
 * runs the full check `dossier refresh` runs and saves the cache (temp
 * file and rename: commands running meanwhile keep the file they mapped).
 * Why a fork and not a thread: the command exits at once and must not
 * wait for the check; why no exec: the child needs the settings the
 * command was started with (config, field map, vocabulary), which it has.
 * The fork happens before the command starts any thread. */
#include "core/cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/meta/metacache.h"

int cli_check_bound(const struct cli_ctx *cx)
{
	return cx->check_every > 0 && cx->sweeping ? INT_MAX : cx->check_every;
}

int cli_sweep_same(const struct cli_ctx *cx)
{
	struct fieldmap defaults;
	const struct fieldmap *fm = cx->fieldmap;
	if (!fm) fieldmap_init_default(&defaults);
	uint64_t vh = cx->vocab ? cx->vocab_hash : 0;
	struct metacache *mc = metacache_open(cx->corpus, fm ? fm : &defaults, vh, NULL);
	int64_t began = (int64_t)time(NULL);
	bool same = metacache_sweep(mc);
	/* ESTALE: a command saved the cache meanwhile (its records its own
	 * check's); the next command past the window starts another sweep */
	int err = same ? metacache_patch_swept(mc, began) : 0;
	metacache_close(mc);
	if (!fm) fieldmap_free(&defaults);
	return !same ? 0 : err && err != ESTALE ? -1 : 1;
}

int cli_sweep_run(const struct cli_ctx *cx)
{
	int same = cli_sweep_same(cx);
	if (same) return same < 0 ? -1 : 0;
	/* what dossier refresh does: every file stat-ed, the changed ones read */
	struct dossier d;
	const struct dossier_open_opts o = {.fm = cx->fieldmap, .vocab = cx->vocab,
					    .vocab_hash = cx->vocab ? cx->vocab_hash : 0,
					    .use_cache = true, .check_every = 0};
	int rc = dossier_open_with(&d, cx->corpus, &o) < 0 ? -1 : 0;
	dossier_close(&d);
	return rc;
}

/* Empty the marker: the sweep finished, or the one that died is dealt
 * with. A failure only means the next command checks in the foreground. */
static bool clear_mark(int fd)
{
	return ftruncate(fd, 0) == 0;
}

/* The test hook's wait (DOSSIER_TEST_SWEEP_DELAY_MS): a test reads the
 * child's pid from the lock file while the child still runs. */
static void test_hold(void)
{
	size_t n = util_env_size("DOSSIER_TEST_SWEEP_DELAY_MS", 0);
	if (n <= 60000) util_sleep_ms((long)n);
}

/* The child: detached, then the sweep; never returns. lockfd holds the
 * lock and the marker ("PID\n" of the sweep while it runs, written before
 * the command goes on; emptied when it finished: a marker left behind
 * tells the next command that a sweep died). */
static void child_main(const struct cli_ctx *cx, int lockfd)
{
	/* a session of its own, then forked again: the sweep is no session
	 * leader (never gets a terminal) and not the command's child (no
	 * zombie while a long command runs); the command reaps this one */
	setsid();
	pid_t pid = fork();
	if (pid != 0) {
		/* the sweep's pid in the marker before the command goes on (a
		 * test waits for that process) */
		char mark[32];
		int n = snprintf(mark, sizeof mark, "%ld\n", (long)pid);
		_exit(pid < 0 || pwrite(lockfd, mark, (size_t)n, 0) != n);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT};
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++) signal(sigs[i], SIG_DFL);
	/* nothing of the command's: no terminal, no pipe a caller waits on
	 * (a $(dossier list) would wait for this child otherwise) */
	if (lockfd != 3) {
		if (dup2(lockfd, 3) < 0) _exit(1);
		close(lockfd);
	}
	int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
	const char *log = getenv("DOSSIER_TEST_SWEEP_LOG"); /* tests: sanitizer reports */
	int efd = log ? open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600) : -1;
	if (nul < 0) _exit(1);
	dup2(nul, 0);
	dup2(nul, 1);
	dup2(efd >= 0 ? efd : nul, 2);
	if (close_range(4, ~0U, 0) < 0)
		for (int fd = 4; fd < 1024; fd++) close(fd);
	errno = 0;
	if (nice(10) == -1 && errno) perror("nice"); /* still runs, at the command's priority */
	test_hold();
	int rc = cli_sweep_run(cx);
	if (rc == 0 && !clear_mark(3)) rc = -1;
	_exit(rc == 0 ? 0 : 1); /* not exit(): the command's buffers and handlers are not this one's */
}

/* Start the child (lockfd locked, its marker written); false when no
 * child runs. */
static bool child_start(const struct cli_ctx *cx, int lockfd)
{
	fflush(NULL); /* nothing the command printed is written twice */
	pid_t pid = fork();
	if (pid == 0) child_main(cx, lockfd);
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void cli_sweep_begin(struct cli_ctx *cx)
{
	/* DOSSIER_SWEEP=0: the foreground checks, as before */
	if (cx->check_every <= 0 || cli_cache_off(cx) || util_env_is("DOSSIER_SWEEP", "0")) return;
	char *file = xdg_collection_file(XDG_BASE_CACHE, cx->corpus, ".meta");
	int64_t swept = metacache_file_swept(file), now = (int64_t)time(NULL);
	/* no cache, or a damaged slot: the load checks every file itself;
	 * within the window (or a clock set back): nothing to do */
	if (!swept || swept > now || now - swept < cx->check_every) {
		free(file);
		return;
	}
	char *lock = xdg_collection_file(XDG_BASE_CACHE, cx->corpus, ".sweep");
	int fd = lock ? open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	free(lock);
	struct stat st;
	int64_t again;
	if (fd < 0) { /* nowhere to keep the lock (a read-only cache): the foreground checks */
		free(file);
		return;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		/* a sweep runs: answer from the folders meanwhile */
		if (errno == EWOULDBLOCK) cx->sweeping = true;
	} else if (fstat(fd, &st) < 0 || st.st_size > 0) {
		/* the last sweep died before it finished (killed, out of
		 * memory): this command checks every file itself, the next one
		 * past the window tries the background again */
		clear_mark(fd);
	} else if ((again = metacache_file_swept(file)) != swept) {
		/* a sweep ended between the look above and the lock (or the
		 * file changed): the command goes by what the file says now */
	} else if (pwrite(fd, "0\n", 2, 0) == 2 && child_start(cx, fd)) {
		/* the marker was written before the child ran: a child killed
		 * at once still leaves it */
		cx->sweeping = true;
	} else {
		clear_mark(fd); /* no child: the foreground checks */
	}
	close(fd); /* the child's copy keeps the lock */
	free(file);
}
