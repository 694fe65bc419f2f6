/* SPDX-License-Identifier: MIT
 * A small JSON writer, so every JSON output (list --json, marks, exports)
 * escapes the same way and never emits a raw control character or a
 * missing/extra comma. */
#ifndef DOSSIER_JSON_H
#define DOSSIER_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/strbuf.h"

#define JSON_MAX_DEPTH 32

/* Writes into a borrowed strbuf. Nesting deeper than JSON_MAX_DEPTH is a
 * programming error (die). */
struct json {
	struct strbuf *out; /* borrowed */
	bool pretty;        /* newlines + two-space indent */
	int depth;
	bool has_items[JSON_MAX_DEPTH]; /* per level: a comma is due */
	bool after_key;
};

void json_init(struct json *j, struct strbuf *out, bool pretty);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
/* A key of the program's own (printable ASCII, no quote or backslash:
 * written as it is, not escaped), len bytes; JSON_KEY for a literal. */
void json_key_plain(struct json *j, const char *key, size_t len);
/* How many bytes from s (at most n) json_quote writes as they are:
 * printable ASCII but the quote and the backslash. */
size_t json_plain_span(const char *s, size_t n);
/* json_key_plain then a string of n such bytes (NULL: null), in one
 * piece: a listing writes ten a record. */
void json_kv_plain(struct json *j, const char *key, size_t klen, const char *s, size_t n);
/* A string of n such bytes, quoted without a look at them. */
void json_string_plain(struct json *j, const char *s, size_t n);
#define JSON_KEY(j, lit) json_key_plain((j), "" lit, sizeof(lit) - 1)
void json_string(struct json *j, const char *s);            /* NULL writes null */
void json_string_n(struct json *j, const char *s, size_t n);
void json_int(struct json *j, int64_t v);
void json_fixed(struct json *j, double v, int decimals); /* e.g. 3.008 */
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Shorthands for "key": value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, int64_t v);

/* Append s[0..n) as a quoted JSON string: ", \ and every C0 control, DEL,
 * C1 control, U+2028/2029 and U+FFFE/FFFF escaped as \uXXXX (or \n, \t,
 * ...); invalid UTF-8 bytes become U+FFFD. No surrogate escapes are ever
 * produced, so the result is also a valid YAML double-quoted scalar
 * (libyaml reads it back unchanged): the state file and YAML export use it. */
void json_quote(struct strbuf *out, const char *s, size_t n);

#endif
