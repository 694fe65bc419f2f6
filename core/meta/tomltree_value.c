/* SPDX-License-Identifier: MIT
 * TOML values (see tomltree.h): the four kinds of string with their
 * escapes, numbers, booleans, dates and times (checked, kept as written),
 * arrays and inline tables. */
#include "core/meta/tomltree_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

static bool is_control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

static bool control_error(struct tparse *t)
{
	return tparse_error(t, t->p, "control character U+%04X in a string (write it as an escape)",
			    (unsigned)(unsigned char)*t->p);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The escape at t->p (a backslash) into sb. */
static bool escape(struct tparse *t, struct strbuf *sb)
{
	const char *at = t->p++;
	if (t->p >= t->end) return tparse_error(t, at, "unterminated string (expected '\"')");
	char c = *t->p++;
	const char *simple = strchr("btnfr\"\\", c);
	if (simple && c) {
		strbuf_addc(sb, "\b\t\n\f\r\"\\"[simple - "btnfr\"\\"]);
		return true;
	}
	if (c != 'u' && c != 'U') {
		if ((unsigned char)c > 0x20 && (unsigned char)c < 0x7f)
			return tparse_error(t, at, "invalid escape '\\%c' in a string", c);
		return tparse_error(t, at, "invalid escape in a string ('\\' before a blank or a non-ASCII character)");
	}
	int digits = c == 'u' ? 4 : 8;
	uint32_t cp = 0;
	for (int i = 0; i < digits; i++) {
		int d = t->p < t->end ? hexval(*t->p) : -1;
		if (d < 0) return tparse_error(t, at, "expected %d hex digits after '\\%c'", digits, c);
		cp = cp * 16 + (uint32_t)d;
		t->p++;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
		return tparse_error(t, at, "escape '\\%c%0*X' is not a Unicode scalar value", c, digits,
				    (unsigned)cp);
	char b[4];
	strbuf_add(sb, b, utf8_encode((int32_t)cp, b));
	return true;
}

/* The rest of a one-line string after its opening quote. */
static bool string_line(struct tparse *t, struct strbuf *sb, char q, const char *open)
{
	for (;;) {
		if (t->p >= t->end || tparse_eol(t, t->p))
			return tparse_error(t, t->p < t->end ? t->p : open,
					    "unterminated string (expected %s before the line end)",
					    q == '"' ? "'\"'" : "\"'\"");
		char c = *t->p;
		if (c == q) {
			t->p++;
			return true;
		}
		if (c == '\\' && q == '"') {
			if (!escape(t, sb)) return false;
			continue;
		}
		if (is_control((unsigned char)c)) return control_error(t);
		strbuf_addc(sb, c);
		t->p++;
	}
}

/* The rest of a multi-line string after its three opening quotes. */
static bool string_multi(struct tparse *t, struct strbuf *sb, char q, const char *open)
{
	int line = t->line, col = tparse_col(t, open);
	if (tparse_eol(t, t->p)) tparse_newline(t); /* a line end right after the quotes is trimmed */
	for (;;) {
		if (t->p >= t->end)
			return tparse_error_at(t, line, col, "unterminated multi-line string (expected %s)",
					       q == '"' ? "'\"\"\"'" : "\"'''\"");
		char c = *t->p;
		if (c == q) {
			size_t n = 0;
			while (t->p + n < t->end && t->p[n] == q) n++;
			if (n < 3) {
				strbuf_add(sb, t->p, n);
				t->p += n;
				continue;
			}
			if (n > 5) return tparse_error(t, t->p, "too many quotes at the end of a multi-line string");
			strbuf_add(sb, t->p, n - 3); /* one or two quotes just before the closing three */
			t->p += n;
			return true;
		}
		if (tparse_eol(t, t->p)) {
			strbuf_addc(sb, '\n');
			tparse_newline(t);
			continue;
		}
		if (c == '\\' && q == '"') {
			/* a backslash ending a line: the line end and the blanks after it go */
			const char *s = t->p + 1;
			while (s < t->end && (*s == ' ' || *s == '\t')) s++;
			if (s < t->end && tparse_eol(t, s)) {
				t->p = s;
				while (t->p < t->end) {
					if (*t->p == ' ' || *t->p == '\t') t->p++;
					else if (tparse_eol(t, t->p)) tparse_newline(t);
					else break;
				}
				continue;
			}
			if (!escape(t, sb)) return false;
			continue;
		}
		if (is_control((unsigned char)c)) return control_error(t);
		strbuf_addc(sb, c);
		t->p++;
	}
}

bool tparse_string(struct tparse *t, struct strbuf *sb, bool multiline)
{
	const char *open = t->p;
	char q = *t->p;
	if (t->end - t->p >= 3 && t->p[1] == q && t->p[2] == q) {
		if (!multiline) return tparse_error(t, open, "a key cannot be a multi-line string");
		t->p += 3;
		return string_multi(t, sb, q, open);
	}
	t->p++;
	return string_line(t, sb, q, open);
}

/* ---- numbers, booleans, dates, times: checked, kept as written ---- */

static bool digit_in(char c, int base)
{
	int d = hexval(c);
	return d >= 0 && d < base;
}

/* One or more digits with single underscores between digits. */
static bool digits(const char **s, const char *e, int base)
{
	const char *q = *s;
	if (q >= e || !digit_in(*q, base)) return false;
	while (q < e && (digit_in(*q, base) || (*q == '_' && q + 1 < e && digit_in(q[1], base) &&
						digit_in(q[-1], base))))
		q++;
	*s = q;
	return true;
}

static bool number_ok(const char *s, const char *e)
{
	const char *q = s;
	if (*q == '+' || *q == '-') q++;
	if (e - q == 3 && (memcmp(q, "inf", 3) == 0 || memcmp(q, "nan", 3) == 0)) return true;
	if (q == s && e - s > 2 && s[0] == '0' && strchr("xob", s[1])) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		q = s + 2;
		return digits(&q, e, base) && q == e;
	}
	const char *d = q;
	if (!digits(&q, e, 10) || (*d == '0' && q - d > 1)) return false; /* no leading zeros */
	if (q < e && *q == '.') {
		q++;
		if (!digits(&q, e, 10)) return false;
	}
	if (q < e && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < e && (*q == '+' || *q == '-')) q++;
		if (!digits(&q, e, 10)) return false;
	}
	return q == e;
}

/* n digits at s (within e) as a number, or -1. */
static int num(const char *s, const char *e, int n)
{
	int v = 0;
	if (e - s < n) return -1;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

static bool date_ok(const char *s, const char *e)
{
	int m = num(s + 5, e, 2), d = num(s + 8, e, 2);
	return e - s >= 10 && num(s, e, 4) >= 0 && s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31;
}

/* HH:MM[:SS[.fraction]] at *s. */
static bool time_ok(const char **s, const char *e)
{
	const char *q = *s;
	int h = num(q, e, 2), m = num(q + 3, e, 2);
	if (e - q < 5 || h < 0 || h > 23 || q[2] != ':' || m < 0 || m > 59) return false;
	q += 5;
	if (q < e && *q == ':') {
		int sec = num(q + 1, e, 2);
		if (sec < 0 || sec > 60) return false;
		q += 3;
		if (q < e && *q == '.') {
			q++;
			if (q >= e || *q < '0' || *q > '9') return false;
			while (q < e && *q >= '0' && *q <= '9') q++;
		}
	}
	*s = q;
	return true;
}

static bool datetime_ok(const char *s, const char *e)
{
	if (!date_ok(s, e)) return time_ok(&s, e) && s == e; /* a local time */
	const char *q = s + 10;
	if (q == e) return true; /* a local date */
	if (*q != 'T' && *q != 't' && *q != ' ') return false;
	q++;
	if (!time_ok(&q, e)) return false;
	if (q < e && (*q == 'Z' || *q == 'z')) q++;
	else if (q < e && (*q == '+' || *q == '-')) {
		int h = num(q + 1, e, 2), m = num(q + 4, e, 2);
		if (h < 0 || h > 23 || e - q < 6 || q[3] != ':' || m < 0 || m > 59) return false;
		q += 6;
	}
	return q == e;
}

static bool token_end(const struct tparse *t, const char *q)
{
	return q >= t->end || strchr(" \t,]}#", *q) || tparse_eol(t, q);
}

static bool bare_value(struct tparse *t, struct ynode *n)
{
	const char *s = t->p, *q = s;
	while (!token_end(t, q)) q++;
	/* "1979-05-27 07:32:00": a space may part a date and its time */
	if (q - s == 10 && q + 3 < t->end && *q == ' ' && num(q + 1, t->end, 2) >= 0 && q[3] == ':') {
		q++;
		while (!token_end(t, q)) q++;
	}
	size_t len = (size_t)(q - s);
	bool ok = (len == 4 && memcmp(s, "true", 4) == 0) || (len == 5 && memcmp(s, "false", 5) == 0) ||
		  (len && (number_ok(s, q) || datetime_ok(s, q)));
	if (!ok)
		return tparse_error(t, s, "expected a value (a string, number, boolean, date, array or inline table)");
	free(n->text);
	n->text = xstrndup(s, len);
	n->len = len;
	n->plain = true;
	n->partial = false;
	t->p = q;
	return true;
}

/* ---- arrays and inline tables ---- */

static bool too_deep(struct tparse *t, int depth)
{
	if (depth < YAMLTREE_MAX_DEPTH) return false;
	tparse_error(t, t->p, "front matter nested too deeply (limit %d)", YAMLTREE_MAX_DEPTH);
	return true;
}

static bool array(struct tparse *t, struct ynode *n, int depth)
{
	if (too_deep(t, depth)) return false;
	tparse_container(n, YNODE_SEQ, 0);
	t->p++;
	for (;;) {
		tparse_skip_space(t);
		if (t->p < t->end && *t->p == ']') break;
		if (t->p >= t->end) return tparse_error(t, t->p, "expected a value or ']' to close the array");
		struct ynode *item = tparse_node(t, n, t->line, tparse_col(t, t->p));
		if (!item || !tparse_value(t, item, depth + 1)) return false;
		tparse_skip_space(t);
		if (t->p < t->end && *t->p == ',') {
			t->p++;
			continue;
		}
		if (t->p < t->end && *t->p == ']') break;
		return tparse_error(t, t->p, "expected ',' or ']' in the array");
	}
	t->p++;
	n->partial = false;
	return true;
}

static bool inline_table(struct tparse *t, struct ynode *n, int depth)
{
	if (too_deep(t, depth)) return false;
	tparse_container(n, YNODE_MAP, 0);
	t->p++;
	tparse_skip_space(t);
	while (t->p >= t->end || *t->p != '}') {
		if (!tparse_keyval(t, n, depth)) return false;
		tparse_skip_space(t);
		if (t->p < t->end && *t->p == ',') {
			t->p++;
			tparse_skip_space(t);
			continue;
		}
		if (t->p >= t->end || *t->p != '}')
			return tparse_error(t, t->p, "expected ',' or '}' in the inline table");
	}
	t->p++;
	n->how = TT_INLINE; /* closed: neither headers nor dotted keys add to it */
	n->partial = false;
	return true;
}

bool tparse_value(struct tparse *t, struct ynode *n, int depth)
{
	if (t->p >= t->end || tparse_eol(t, t->p) || *t->p == '#')
		return tparse_error(t, t->p, "expected a value after '='");
	char c = *t->p;
	if (c == '[') return array(t, n, depth);
	if (c == '{') return inline_table(t, n, depth);
	if (c != '"' && c != '\'') return bare_value(t, n);
	struct strbuf sb = STRBUF_INIT;
	if (!tparse_string(t, &sb, true)) {
		strbuf_free(&sb);
		return false;
	}
	free(n->text);
	n->len = sb.len;
	n->text = strbuf_steal(&sb);
	n->plain = false;
	n->partial = false;
	return true;
}
