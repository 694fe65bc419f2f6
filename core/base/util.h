/* SPDX-License-Identifier: MIT
 * Allocation that never returns NULL and a fatal exit that lets the TUI
 * restore the terminal first: removes most error paths from the code. */
#ifndef DOSSIER_UTIL_H
#define DOSSIER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n); /* always NUL-terminated */

/* Prints "dossier: MSG" to stderr after running the hook, then exit(1). */
/* Monotonic clock in milliseconds: for intervals, never for dates. */
double util_now_ms(void);
noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The TUI registers a hook that ends curses mode before die() prints. */
void die_set_hook(void (*hook)(void));

/* Give the heap's free pages back to the system (glibc's malloc_trim;
 * nothing elsewhere). Why: when the reader replaces its collection at a
 * million articles (the first list by the whole snapshot) ~13 MB of the
 * heap is left free in pieces (the sort's scratch, what went) that no
 * later allocation reuses whole; it stayed counted until exit, under the
 * refresh's peak. */
void util_heap_trim(void);

/* A size_t from a string of decimal digits only (no sign, space or
 * suffix); false when it is not one or does not fit. */
bool util_parse_size(const char *s, size_t *out);

/* Environment switches and test hooks, read one way everywhere: on is
 * the exact value "1" (DOSSIER_NO_CACHE=1), off the exact value "0"
 * (DOSSIER_SWEEP=0); a number is util_parse_size's, else dflt. */
bool util_env_is(const char *name, const char *value);
size_t util_env_size(const char *name, size_t dflt);
/* Sleep ms milliseconds, resumed after a signal: a test hook's hold. */
void util_sleep_ms(long ms);

/* Grow *ptr so that it holds at least need elements (capacity doubles). */
#define ARRAY_RESERVE(ptr, cap, need)                                          \
	do {                                                                   \
		if ((need) > (cap)) {                                          \
			size_t c_ = (cap) ? (cap) : 8;                         \
			while (c_ < (need)) c_ *= 2;                           \
			(ptr) = xrealloc((ptr), c_ * sizeof *(ptr));           \
			(cap) = c_;                                            \
		}                                                              \
	} while (0)

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
