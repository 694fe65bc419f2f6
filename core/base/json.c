/* SPDX-License-Identifier: MIT
 * JSON writer: comma and indentation bookkeeping plus one string escaper
 * that is safe for JSON and YAML alike. */
#include "core/base/json.h"

#include <inttypes.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

void json_init(struct json *j, struct strbuf *out, bool pretty)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->pretty = pretty;
}

static void newline_indent(struct json *j)
{
	/* a newline and two spaces a level, in one piece */
	static const char pad[2 * JSON_MAX_DEPTH + 2] = "\n                                                                ";
	if (j->pretty) strbuf_add(j->out, pad, 1 + 2 * (size_t)j->depth);
}

/* Called before any value or key: the comma and the line break. */
static void before_item(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0) return;
	if (j->has_items[j->depth - 1]) strbuf_addc(j->out, ',');
	j->has_items[j->depth - 1] = true;
	newline_indent(j);
}

static void begin(struct json *j, char c)
{
	before_item(j);
	if (j->depth >= JSON_MAX_DEPTH) die("json: nesting deeper than %d", JSON_MAX_DEPTH);
	strbuf_addc(j->out, c);
	j->has_items[j->depth++] = false;
}

static void end(struct json *j, char c)
{
	if (j->depth == 0) die("json: unbalanced end");
	bool had = j->has_items[--j->depth];
	if (had) newline_indent(j);
	strbuf_addc(j->out, c);
	if (j->depth == 0 && j->pretty) strbuf_addc(j->out, '\n');
}

void json_begin_object(struct json *j) { begin(j, '{'); }
void json_end_object(struct json *j) { end(j, '}'); }
void json_begin_array(struct json *j) { begin(j, '['); }
void json_end_array(struct json *j) { end(j, ']'); }

void json_key(struct json *j, const char *key)
{
	before_item(j);
	json_quote(j->out, key, strlen(key));
	strbuf_adds(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void json_string_n(struct json *j, const char *s, size_t n)
{
	before_item(j);
	json_quote(j->out, s, n);
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	json_string_n(j, s, strlen(s));
}

void json_fixed(struct json *j, double v, int decimals)
{
	before_item(j);
	if (v != v || v > 1e300 || v < -1e300) v = 0; /* JSON has no NaN or inf */
	strbuf_addf(j->out, "%.*f", decimals, v);
}

void json_int(struct json *j, int64_t v)
{
	before_item(j);
	strbuf_addf(j->out, "%" PRId64, v);
}

void json_bool(struct json *j, bool v)
{
	before_item(j);
	strbuf_adds(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_item(j);
	strbuf_adds(j->out, "null");
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_int(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

/* How many bytes from s are printable ASCII but the quote and the
 * backslash (written as they are), eight at a time where it can. */
size_t json_plain_span(const char *s, size_t n)
{
	size_t k = 0;
	for (; k + 8 <= n; k += 8) {
		uint64_t x;
		memcpy(&x, s + k, 8);
		if (json_word_unplain(x) & 0x8080808080808080ULL) break;
	}
	while (k < n && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7f && s[k] != '"' &&
	       s[k] != '\\')
		k++;
	return k;
}

char *json_raw_begin(struct json *j, size_t n, struct json_undo *undo)
{
	undo->len = j->out->len;
	undo->had_items = j->depth > 0 && j->has_items[j->depth - 1];
	undo->after_key = j->after_key;
	before_item(j);
	ARRAY_RESERVE(j->out->buf, j->out->cap, j->out->len + n + 1);
	return j->out->buf + j->out->len;
}

void json_raw_end(struct json *j, char *end)
{
	*end = '\0';
	j->out->len = (size_t)(end - j->out->buf);
}

void json_raw_drop(struct json *j, const struct json_undo *undo)
{
	j->out->len = undo->len;
	if (j->out->buf) j->out->buf[undo->len] = '\0';
	if (j->depth > 0) j->has_items[j->depth - 1] = undo->had_items;
	j->after_key = undo->after_key;
}

/* The key, known plain (printable ASCII, no quote or backslash), written
 * without a look at its bytes. */
void json_key_plain(struct json *j, const char *key, size_t len)
{
	before_item(j);
	strbuf_addc(j->out, '"');
	strbuf_add(j->out, key, len);
	strbuf_add(j->out, j->pretty ? "\": " : "\":", j->pretty ? 3 : 2);
	j->after_key = true;
}

void json_quote(struct strbuf *out, const char *s, size_t n)
{
	strbuf_addc(out, '"');
	size_t i = 0;
	while (i < n) {
		/* a run of printable ASCII but the quote and backslash: as it is */
		size_t run = i + json_plain_span(s + i, n - i);
		if (run > i) {
			strbuf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		int32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		switch (cp) {
		case '"': strbuf_adds(out, "\\\""); break;
		case '\\': strbuf_adds(out, "\\\\"); break;
		case '\n': strbuf_adds(out, "\\n"); break;
		case '\t': strbuf_adds(out, "\\t"); break;
		case '\r': strbuf_adds(out, "\\r"); break;
		case '\b': strbuf_adds(out, "\\b"); break;
		case '\f': strbuf_adds(out, "\\f"); break;
		default:
			/* controls, and bidi controls, which reorder what a terminal
			 * shows: escaped, so the JSON is safe to print and means the same */
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0xfffe || cp == 0xffff || cp == 0x061c ||
			    cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069)) {
				strbuf_addf(out, "\\u%04X", (unsigned)cp);
			} else if (cp == UTF8_REPLACEMENT) {
				strbuf_adds(out, "\xEF\xBF\xBD");
			} else {
				strbuf_add(out, s + i, k);
			}
		}
		i += k;
	}
	strbuf_addc(out, '"');
}
