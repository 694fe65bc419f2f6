/* SPDX-License-Identifier: MIT
 * A growable byte string, so nothing is cut short in a fixed buffer. */
#ifndef DOSSIER_STRBUF_H
#define DOSSIER_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* buf is always NUL-terminated once anything was added (or NULL when empty
 * and never grown); the strbuf owns it until strbuf_steal(). */
struct strbuf {
	char *buf;
	size_t len, cap;
};

#define STRBUF_INIT {NULL, 0, 0}

/* strbuf_add and strbuf_addc with room already there are inline (a
 * listing of a million lines adds ~15 pieces a line); the growing part
 * is strbuf_add_grow. */
void strbuf_add_grow(struct strbuf *sb, const char *s, size_t n);
static inline void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n < sb->cap) { /* room for them and the NUL */
		if (n) memcpy(sb->buf + sb->len, s, n);
		sb->len += n;
		sb->buf[sb->len] = '\0';
		return;
	}
	strbuf_add_grow(sb, s, n);
}
static inline void strbuf_addc(struct strbuf *sb, char c)
{
	if (sb->len + 2 <= sb->cap) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
		return;
	}
	strbuf_add_grow(sb, &c, 1);
}
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);                 /* len = 0, keeps memory */
const char *strbuf_str(const struct strbuf *sb);      /* "" when empty */
char *strbuf_steal(struct strbuf *sb);                /* caller frees; sb reset */
void strbuf_free(struct strbuf *sb);

#endif
