/* SPDX-License-Identifier: MIT
 * Allocation wrappers and die(); see util.h for why they never fail. */
#include "core/base/util.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void (*die_hook)(void);

void die_set_hook(void (*hook)(void)) { die_hook = hook; }

noreturn void die(const char *fmt, ...)
{
	va_list ap;
	if (die_hook) {
		void (*h)(void) = die_hook;
		die_hook = NULL; /* a failure inside the hook must not recurse */
		h();
	}
	fputs("dossier: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) die("out of memory (%zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void util_heap_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

double util_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bool util_parse_size(const char *s, size_t *out)
{
	if (!*s || *s < '0' || *s > '9') return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > SIZE_MAX) return false;
	*out = (size_t)v;
	return true;
}

bool util_env_is(const char *name, const char *value)
{
	const char *v = getenv(name);
	return v && strcmp(v, value) == 0;
}

size_t util_env_size(const char *name, size_t dflt)
{
	const char *v = getenv(name);
	size_t n;
	return v && util_parse_size(v, &n) ? n : dflt;
}

void util_sleep_ms(long ms)
{
	if (ms <= 0) return;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
	}
}
