/* SPDX-License-Identifier: MIT
 * Stand-ins for core functions that other engineers are implementing in
 * parallel (utf8.c, tags.c, article.c, dossier.c), so the vocabulary and
 * import tests link before those land. Each block compiles only while the
 * real source file is absent from the tree; once it is there, the tests
 * run against the real implementation. */
#ifndef TEST_VOCAB_SHIMS_H
#define TEST_VOCAB_SHIMS_H

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/article.h"
#include "core/strbuf.h"
#include "core/util.h"

#if !__has_include("core/utf8.c")
#include "core/utf8.h"
size_t utf8_decode(const char *s, size_t len, int32_t *cp)
{
	if (!len) return 0;
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
	if (n < 1) { *cp = UTF8_REPLACEMENT; return 1; }
	*cp = c;
	return (size_t)n;
}
size_t utf8_encode(int32_t cp, char out[4]) { return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out); }
char *utf8_repair(const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < len;) {
		int32_t cp; char b[4];
		i += utf8_decode(s + i, len - i, &cp);
		strbuf_add(&sb, b, utf8_encode(cp, b));
	}
	if (outlen) *outlen = sb.len;
	return sb.buf ? strbuf_steal(&sb) : xstrdup("");
}
size_t utf8_codepoints(const char *s, size_t len)
{
	size_t n = 0; int32_t cp;
	for (size_t i = 0; i < len; n++) i += utf8_decode(s + i, len - i, &cp);
	return n;
}
size_t utf8_offset_of_cp(const char *s, size_t len, size_t k)
{
	size_t i = 0; int32_t cp;
	while (i < len && k--) i += utf8_decode(s + i, len - i, &cp);
	return i;
}
char *utf8_fold(const char *s, size_t len, size_t *outlen)
{
	size_t rl; char *r = utf8_repair(s, len, &rl);
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((utf8proc_uint8_t *)r, (utf8proc_ssize_t)rl, &out,
		UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	free(r);
	if (n < 0) { out = (utf8proc_uint8_t *)xstrdup(""); n = 0; }
	if (outlen) *outlen = (size_t)n;
	return (char *)out;
}
bool utf8_is_word_cp(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}
#endif

#if !__has_include("core/tags.c")
#include "core/tags.h"
char *tag_normalize(const char *s, size_t len)
{
	size_t fl; char *f = utf8_fold(s, len, &fl);
	struct strbuf sb = STRBUF_INIT;
	bool sp = false;
	for (size_t i = 0; i < fl; i++) {
		if (f[i] == ' ' || f[i] == '\t') { sp = sb.len > 0; continue; }
		if (sp && sb.len && sb.buf[sb.len - 1] != '/') strbuf_addc(&sb, '-');
		sp = false;
		if (f[i] == '/' && (!sb.len || sb.buf[sb.len - 1] == '/')) continue;
		strbuf_addc(&sb, f[i]);
	}
	free(f);
	while (sb.len && sb.buf[sb.len - 1] == '/') sb.buf[--sb.len] = '\0';
	if (!sb.len) { strbuf_free(&sb); return NULL; }
	return strbuf_steal(&sb);
}
#endif

#if !__has_include("core/article.c")
void strlist_push(struct strlist *l, const char *s) { strlist_push_own(l, xstrdup(s)); }
void strlist_push_own(struct strlist *l, char *s) { ARRAY_RESERVE(l->v, l->cap, l->n + 1); l->v[l->n++] = s; }
bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++) if (strcmp(l->v[i], s) == 0) return true;
	return false;
}
void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) free(l->v[i]);
	free(l->v);
	l->v = NULL; l->n = l->cap = 0;
}
#endif

#if !__has_include("core/dossier.c")
#include "core/dossier.h"
int dossier_open(struct dossier *d, const char *root, const struct fieldmap *fm,
		 const struct vocab *vocab, collection_progress_fn progress, void *pctx)
{ (void)d; (void)root; (void)fm; (void)vocab; (void)progress; (void)pctx; return -1; }
void dossier_close(struct dossier *d) { (void)d; }
#endif

#endif
