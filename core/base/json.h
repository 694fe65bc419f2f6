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
/* The same test on eight bytes at once: a high bit set in the result
 * (& 0x8080808080808080) exactly when one of the eight is not written as
 * it is (below 0x20, 0x7f and up, the quote, the backslash). Each of the
 * four tests borrows or carries only past a byte it flags, so a word of
 * plain bytes is never flagged and a word with one always is. */
static inline uint64_t json_word_unplain(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t q = x ^ (0x22 * ones), b = x ^ (0x5c * ones); /* 0 at a quote, a backslash */
	return ((x - 0x20 * ones) & ~x) | ((x + ones) | x) | ((q - ones) & ~q) | ((b - ones) & ~b);
}
/* Room for one item of at most n bytes that the caller writes itself
 * at the place of the next value (its comma and line break written
 * here); the caller writes from the pointer returned and hands the end
 * to json_raw_end, or takes the item back with json_raw_drop(j, undo).
 * Why: a listing writes a million objects of one shape; the bookkeeping
 * of each key, string and bracket was half its time. */
struct json_undo {
	size_t len;     /* the output's length before the item */
	bool had_items; /* the level's comma was due */
	bool after_key;
};
char *json_raw_begin(struct json *j, size_t n, struct json_undo *undo);
void json_raw_end(struct json *j, char *end);
void json_raw_drop(struct json *j, const struct json_undo *undo);
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
