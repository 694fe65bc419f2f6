/* SPDX-License-Identifier: MIT
 * launch_pipe (launch.h): text to a program's standard input, its output
 * back, through two pipes served with poll() so neither side can block
 * the other whatever the sizes; no shell, no terminal. */
#include "core/base/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/base/strbuf.h"

int launch_pipe(const struct launch_argv *a, const char *in, size_t n, struct strbuf *out,
		size_t max, struct launch_result *r)
{
	*r = (struct launch_result){.ran = -1, .status = -1, .err = ENOENT};
	if (!a || a->n == 0) return -1;
	int pin[2], pout[2], perr[2];
	if (pipe2(pin, O_CLOEXEC) < 0) return r->err = errno, -1;
	if (pipe2(pout, O_CLOEXEC) < 0) {
		r->err = errno;
		close(pin[0]), close(pin[1]);
		return -1;
	}
	if (pipe2(perr, O_CLOEXEC) < 0) { /* tells an exec failure from a run */
		r->err = errno;
		close(pin[0]), close(pin[1]), close(pout[0]), close(pout[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		r->err = errno;
		close(pin[0]), close(pin[1]), close(pout[0]), close(pout[1]);
		close(perr[0]), close(perr[1]);
		return -1;
	}
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(pout[1], 2);
		execvp(a->v[0], a->v);
		int e = errno;
		ssize_t w = write(perr[1], &e, sizeof e);
		(void)w;
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old); /* a reader that stops early: EPIPE, not death */
	fcntl(pin[1], F_SETFL, O_NONBLOCK);
	size_t sent = 0;
	int wfd = pin[1], rfd = pout[0];
	if (n == 0) close(wfd), wfd = -1;
	while (wfd >= 0 || rfd >= 0) {
		struct pollfd pf[2] = {{wfd, POLLOUT, 0}, {rfd, POLLIN, 0}};
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR) continue;
			break;
		}
		if (wfd >= 0 && pf[0].revents) {
			ssize_t w = write(wfd, in + sent, n - sent);
			if (w > 0) sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == n) close(wfd), wfd = -1;
		}
		if (rfd >= 0 && pf[1].revents) {
			char buf[4096];
			ssize_t got = read(rfd, buf, sizeof buf);
			if (got > 0 && out && out->len < max)
				strbuf_add(out, buf, (size_t)got < max - out->len ? (size_t)got : max - out->len);
			if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) close(rfd), rfd = -1;
		}
	}
	if (wfd >= 0) close(wfd);
	if (rfd >= 0) close(rfd);
	sigaction(SIGPIPE, &old, NULL);
	int e = 0;
	ssize_t got;
	while ((got = read(perr[0], &e, sizeof e)) < 0 && errno == EINTR) {}
	close(perr[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
	if (got == (ssize_t)sizeof e) {
		r->err = e;
		return -1;
	}
	r->ran = 0;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 128;
	return 0;
}
