/* SPDX-License-Identifier: MIT
 * Recursive descent over JSON text (see json_read.h); depth capped at 64
 * and every error simply gives NULL: JSON-LD on a page is optional. */
#include "core/base/json_read.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

#define DEPTH_MAX 64

struct jp {
	const char *s, *end;
};

static void ws(struct jp *p)
{
	while (p->s < p->end && strchr(" \t\r\n", *p->s)) p->s++;
}

/* Four hex digits as a number, or -1 (a bad digit stops at once, so
 * nothing overflows). */
static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0) return -1;
		v = v * 16 + d;
	}
	return v;
}

static char *string(struct jp *p)
{
	if (p->s >= p->end || *p->s != '"') return NULL;
	p->s++;
	struct strbuf sb = STRBUF_INIT;
	while (p->s < p->end && *p->s != '"') {
		char c = *p->s++;
		if (c != '\\') {
			strbuf_addc(&sb, c);
			continue;
		}
		if (p->s >= p->end) break;
		c = *p->s++;
		const char *simple = strchr("\"\\/bfnrt", c);
		if (simple && c) {
			strbuf_addc(&sb, "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"]);
		} else if (c == 'u' && p->end - p->s >= 4 && hex4(p->s) >= 0) {
			int32_t cp = hex4(p->s);
			p->s += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
			    p->s[1] == 'u' && hex4(p->s + 2) >= 0xDC00 && hex4(p->s + 2) < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p->s + 2) - 0xDC00);
				p->s += 6;
			}
			if (cp == 0 || (cp >= 0xD800 && cp < 0xE000)) cp = 0xFFFD;
			char b[4];
			strbuf_add(&sb, b, utf8_encode(cp, b));
		} else {
			strbuf_free(&sb);
			return NULL;
		}
	}
	if (p->s >= p->end) {
		strbuf_free(&sb);
		return NULL;
	}
	p->s++;
	if (!sb.buf) strbuf_adds(&sb, "");
	return strbuf_steal(&sb);
}

static bool value(struct jp *p, struct jval *v, int depth);

static struct jval *push(struct jval *v)
{
	ARRAY_RESERVE(v->kids, v->cap, v->n + 1);
	if (v->type == JOBJ) v->keys = xrealloc(v->keys, v->cap * sizeof *v->keys);
	struct jval *k = &v->kids[v->n++];
	memset(k, 0, sizeof *k);
	return k;
}

static void val_clear(struct jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		val_clear(&v->kids[i]);
		if (v->keys) free(v->keys[i]);
	}
	free(v->kids);
	free(v->keys);
	free(v->str);
}

static bool container(struct jp *p, struct jval *v, int depth)
{
	bool obj = *p->s == '{';
	char close = obj ? '}' : ']';
	v->type = obj ? JOBJ : JARR;
	p->s++;
	ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return true;
	}
	for (;;) {
		char *key = NULL;
		if (obj) {
			ws(p);
			key = string(p);
			ws(p);
			if (!key || p->s >= p->end || *p->s != ':') {
				free(key);
				return false;
			}
			p->s++;
		}
		struct jval *k = push(v);
		if (obj) v->keys[v->n - 1] = key;
		if (!value(p, k, depth + 1)) return false;
		ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			return true;
		}
		return false;
	}
}

static bool value(struct jp *p, struct jval *v, int depth)
{
	ws(p);
	if (p->s >= p->end || depth > DEPTH_MAX) return false;
	char c = *p->s;
	if (c == '{' || c == '[') return container(p, v, depth);
	if (c == '"') {
		v->type = JSTR;
		return (v->str = string(p)) != NULL;
	}
	static const char *const words[] = {"true", "false", "null"};
	for (int i = 0; i < 3; i++) {
		size_t k = strlen(words[i]);
		if ((size_t)(p->end - p->s) >= k && memcmp(p->s, words[i], k) == 0) {
			v->type = i < 2 ? JBOOL : JNULL;
			v->str = xstrdup(i == 0 ? "true" : i == 1 ? "false" : "");
			p->s += k;
			return true;
		}
	}
	const char *s = p->s;
	while (p->s < p->end && strchr("+-0123456789.eE", *p->s)) p->s++;
	if (p->s == s) return false;
	v->type = JNUM;
	v->str = xstrndup(s, (size_t)(p->s - s));
	return true;
}

struct jval *json_read(const char *s, size_t len)
{
	struct jp p = {s, s + len};
	struct jval *v = xcalloc(1, sizeof *v);
	if (!value(&p, v, 0)) {
		json_val_free(v);
		return NULL;
	}
	return v;
}

const struct jval *json_get(const struct jval *v, const char *key)
{
	if (!v || v->type != JOBJ) return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (v->keys[i] && strcmp(v->keys[i], key) == 0) return &v->kids[i];
	return NULL;
}

void json_val_free(struct jval *v)
{
	if (!v) return;
	val_clear(v);
	free(v);
}
