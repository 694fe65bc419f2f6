/* SPDX-License-Identifier: MIT
 * A growable byte string, so nothing is cut short in a fixed buffer. */
#ifndef DOSSIER_STRBUF_H
#define DOSSIER_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/* buf is always NUL-terminated once anything was added (or NULL when empty
 * and never grown); the strbuf owns it until strbuf_steal(). */
struct strbuf {
	char *buf;
	size_t len, cap;
};

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);                 /* len = 0, keeps memory */
const char *strbuf_str(const struct strbuf *sb);      /* "" when empty */
char *strbuf_steal(struct strbuf *sb);                /* caller frees; sb reset */
void strbuf_free(struct strbuf *sb);

#endif
