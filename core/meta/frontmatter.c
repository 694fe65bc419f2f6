/* SPDX-License-Identifier: MIT
 * Splitting front matter from the body and mapping YAML keys to fields.
 * The mapping rules (first key in the field map's order wins, tags merge,
 * unknown keys kept, wrong types warned and skipped) live here only. */
#include "core/meta/frontmatter.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/base/date.h"
#include "core/text/render.h"
#include "core/base/strbuf.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/meta/tomltree.h"
#include "core/meta/yamltree.h"

/* Length of the line at p (without its end) and of its line end. */
static size_t line_len(const char *p, size_t n, size_t *eol)
{
	size_t i = 0;
#if defined(__SSE2__)
	/* 16 bytes at a time: a line of front matter is a few dozen */
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
		if (m) {
			i += (size_t)__builtin_ctz(m);
			break;
		}
	}
#endif
	while (i < n && p[i] != '\n' && p[i] != '\r') i++;
	*eol = 0;
	if (i < n) *eol = (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
	return i;
}

/* "---" or "..." followed only by spaces or tabs. */
static bool is_fence(const char *p, size_t n, const char *fence)
{
	if (n < 3 || memcmp(p, fence, 3) != 0) return false;
	for (size_t i = 3; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t') return false;
	return true;
}

static bool only_blanks(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t') return false;
	return true;
}

/* '{' then what a JSON object's first line can hold: a key's quote, the
 * closing brace, or nothing. Text that starts with a brace ("{Draft}",
 * a Hugo shortcode "{{< figure >}}") is text. */
static bool json_opener(const char *p, size_t n)
{
	if (n == 0 || *p != '{') return false;
	size_t i = 1;
	while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
	return i == n || p[i] == '"' || p[i] == '}';
}

/* The first line that is not blank decides: "---" opens YAML, "+++"
 * TOML, a '{' JSON; an indented fence is front matter for Hugo that is not
 * read here, so it is reported (split->other) and the file read as text. */
static bool find_opener(const char *buf, size_t len, struct fm_split *out, size_t *pos)
{
	size_t eol, n;
	int line = 1;
	for (;;) {
		n = line_len(buf + *pos, len - *pos, &eol);
		if (!only_blanks(buf + *pos, n) || eol == 0) break;
		*pos += n + eol;
		line++;
	}
	size_t ind = 0;
	while (ind < n && (buf[*pos + ind] == ' ' || buf[*pos + ind] == '\t')) ind++;
	out->open_line = line;
	out->open_col = (int)ind + 1;
	const char *p = buf + *pos + ind;
	bool yaml = is_fence(p, n - ind, "---"), toml = is_fence(p, n - ind, "+++");
	if ((yaml || toml) && eol) {
		if (ind == 0) {
			*pos += n + eol;
			out->yaml_line = line + 1;
			out->syntax = yaml ? FM_YAML : FM_TOML;
			return true;
		}
		out->other = yaml ? FM_OTHER_INDENTED : FM_OTHER_INDENTED_TOML;
	} else if (json_opener(p, n - ind)) {
		*pos += ind;
		out->yaml_line = line;
		out->syntax = FM_JSON;
		return true;
	}
	return false;
}

const char *frontmatter_other_msg(enum fm_other other)
{
	switch (other) {
	case FM_OTHER_INDENTED:
		return "indented '---' is not a front matter opener here (Hugo reads it); shown as text";
	case FM_OTHER_INDENTED_TOML:
		return "indented '+++' is not a front matter opener here (Hugo reads it); shown as text";
	case FM_OTHER_NONE: break;
	}
	return "";
}

const char *frontmatter_closer(enum fm_syntax s)
{
	return s == FM_YAML ? "'---'" : s == FM_TOML ? "'+++'" : "'}' at a line end";
}

/* The '}' that closes the JSON object at buf[pos] (before limit): braces
 * and brackets counted, strings skipped. Its offset, or SIZE_MAX. */
static size_t json_close(const char *buf, size_t pos, size_t limit)
{
	size_t depth = 0;
	bool str = false;
	for (size_t i = pos; i < limit; i++) {
		char c = buf[i];
		if (str) {
			if (c == '\\') i++;
			else if (c == '"') str = false;
		} else if (c == '"') {
			str = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			return c == '}' ? i : SIZE_MAX;
		}
	}
	return SIZE_MAX;
}

/* The JSON block: from its '{' to the line its '}' ends. */
static void split_json(const char *buf, size_t len, size_t limit, struct fm_split *out)
{
	size_t close = json_close(buf, out->yaml_off, limit), eol;
	if (close == SIZE_MAX) return;
	size_t rest = close + 1, n = line_len(buf + rest, len - rest, &eol);
	if (!only_blanks(buf + rest, n)) return;
	int line = out->yaml_line;
	for (size_t i = out->yaml_off; i < close; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' && buf[i + 1] != '\n')) line++;
	out->found = true;
	out->yaml_len = rest - out->yaml_off;
	out->body_off = rest + n + eol;
	out->body_line = line + 1;
}

void frontmatter_split(const char *buf, size_t len, struct fm_split *out)
{
	memset(out, 0, sizeof *out);
	out->body_line = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) out->bom = 3;
	size_t pos = out->bom, eol, n;
	if (!find_opener(buf, len, out, &pos)) return;
	out->yaml_off = pos;
	int line = out->yaml_line;
	size_t limit = len < out->bom + FRONTMATTER_MAX ? len : out->bom + FRONTMATTER_MAX;
	const char *fence = out->syntax == FM_TOML ? "+++" : "---";
	if (out->syntax == FM_JSON) split_json(buf, len, limit, out);
	while (out->syntax != FM_JSON && pos < limit) {
		n = line_len(buf + pos, len - pos, &eol);
		if (is_fence(buf + pos, n, fence) || (out->syntax == FM_YAML && is_fence(buf + pos, n, "..."))) {
			out->found = true;
			out->yaml_len = pos - out->yaml_off;
			out->body_off = pos + n + eol;
			out->body_line = line + 1;
			return;
		}
		pos += n + eol;
		line++;
		if (eol == 0) break;
	}
	if (out->found) return;
	out->unterminated = true;
	out->yaml_off = 0;
}

/* ---- mapping YAML values onto fields ---- */

struct fm_ctx {
	struct article *a;
	const char *path;
	const struct fieldmap *fm;
	struct diag_list *diags;
	int rank[FIELD_COUNT]; /* rank of the key that set each field; INT_MAX: unset */
};

static void fm_warn(struct fm_ctx *c, const struct ynode *n, const char *fmt, const char *key,
		    const char *what)
{
	diag_add(c->diags, DIAG_WARNING, c->path, n->line, n->col, fmt, key, what);
}

/* Text that may hold NUL bytes ("a\0b" in a quoted scalar) into a C
 * string: a NUL would cut the field short, so it becomes the visible "^@"
 * the renderer shows for every other C0 control (TESTING.md, hostile case 15). */
static void add_text(struct strbuf *sb, const char *p, size_t n)
{
	for (;;) {
		const char *z = memchr(p, '\0', n);
		size_t k = z ? (size_t)(z - p) : n;
		strbuf_add(sb, p, k);
		if (!z) return;
		strbuf_adds(sb, "^@");
		p += k + 1;
		n -= k + 1;
	}
}

/* A scalar's text with surrounding blanks removed; NULL if empty. */
static char *scalar_dup(const struct ynode *n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t s = 0, e = n->len;
	while (s < e && (n->text[s] == ' ' || n->text[s] == '\t' || n->text[s] == '\n')) s++;
	while (e > s && (n->text[e - 1] == ' ' || n->text[e - 1] == '\t' || n->text[e - 1] == '\n')) e--;
	add_text(&sb, n->text + s, e - s);
	if (sb.len == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}

static void add_tag(struct fm_ctx *c, const char *s, size_t len)
{
	char *t = tag_normalize(s, len);
	if (!t) return;
	if (strlist_has(&c->a->tags, t)) free(t);
	else strlist_push_own(&c->a->tags, t);
}

static void read_tags(struct fm_ctx *c, const char *key, const struct ynode *v)
{
	if (v->kind == YNODE_SCALAR) {
		/* "a, b, c" — a comma-separated string */
		const char *p = v->text, *end = v->text + v->len;
		while (p < end) {
			const char *q = memchr(p, ',', (size_t)(end - p));
			if (!q) q = end;
			add_tag(c, p, (size_t)(q - p));
			p = q + 1;
		}
		return;
	}
	if (v->kind == YNODE_MAP) {
		fm_warn(c, v, "%s: expected a list or a comma-separated string, got %s; ignored", key,
			ynode_kind_name(v));
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *t = &v->kids[i];
		if (t->kind != YNODE_SCALAR) {
			fm_warn(c, t, "%s: a tag must be a string, got %s; ignored", key, ynode_kind_name(t));
			continue;
		}
		if (!ynode_is_null(t)) add_tag(c, t->text, t->len);
	}
}

static void read_authors(struct fm_ctx *c, const char *key, const struct ynode *v)
{
	if (v->kind == YNODE_SCALAR) {
		char *s = scalar_dup(v);
		if (s) strlist_push_own(&c->a->authors, s);
		return;
	}
	if (v->kind == YNODE_MAP) {
		/* Hugo-style {name: ..}: take the name when there is one */
		for (size_t i = 0; i + 1 < v->n; i += 2)
			if (v->kids[i].kind == YNODE_SCALAR && strcmp(v->kids[i].text, "name") == 0 &&
			    v->kids[i + 1].kind == YNODE_SCALAR) {
				char *s = scalar_dup(&v->kids[i + 1]);
				if (s) strlist_push_own(&c->a->authors, s);
				return;
			}
		fm_warn(c, v, "%s: expected a name or a list of names, got %s; ignored", key, "a mapping");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (v->kids[i].kind != YNODE_SCALAR) {
			fm_warn(c, &v->kids[i], "%s: an author must be a string, got %s; ignored", key,
				ynode_kind_name(&v->kids[i]));
			continue;
		}
		char *s = scalar_dup(&v->kids[i]);
		if (s) strlist_push_own(&c->a->authors, s);
	}
}

/* Flatten any value to one line of text, for unknown keys. */
static void flatten(struct strbuf *sb, const struct ynode *v)
{
	if (v->kind == YNODE_SCALAR) {
		add_text(sb, v->text, v->len);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (v->kind == YNODE_MAP && i % 2 == 1) strbuf_adds(sb, ": ");
		else if (i > 0) strbuf_adds(sb, ", ");
		flatten(sb, &v->kids[i]);
	}
}

#define KEY_BUF 64

/* A key folded as the field map's names are (utf8_fold): a short ASCII
 * key (nearly every key) lowercased on the stack in buf, without a malloc
 * a key; else a new string. Free the result when it is not buf. */
static char *key_fold(const struct ynode *k, char buf[KEY_BUF])
{
	bool ascii = k->len < KEY_BUF;
	for (size_t i = 0; ascii && i < k->len; i++) {
		unsigned char ch = (unsigned char)k->text[i];
		ascii = ch < 0x80;
		buf[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	if (!ascii) return utf8_fold(k->text, k->len, NULL);
	buf[k->len] = '\0';
	return buf;
}

static void read_single(struct fm_ctx *c, enum field f, const char *key, const struct ynode *v,
			int rank)
{
	if (v->kind != YNODE_SCALAR) {
		fm_warn(c, v, "%s: expected a string, got %s; ignored", key, ynode_kind_name(v));
		return;
	}
	if (f == FIELD_DATE) {
		int ymd;
		if (!date_parse(v->text, &ymd)) {
			/* Jekyll's "published: false" is a draft flag, not a date */
			if (strcmp(key, "date") == 0 || !v->plain || (strcmp(v->text, "true") != 0 &&
								      strcmp(v->text, "false") != 0))
				fm_warn(c, v, "%s: cannot read '%s' as a date (expected YYYY-MM-DD); ignored",
					key, v->text);
			article_set_extra(c->a, key, v->text);
			return;
		}
		if (rank < c->rank[f]) {
			c->a->date = ymd;
			c->rank[f] = rank;
		}
		return;
	}
	char *s = scalar_dup(v);
	if (!s) return;
	char **slot = f == FIELD_TITLE ? &c->a->title : f == FIELD_SOURCE ? &c->a->source
		    : f == FIELD_URL ? &c->a->url : f == FIELD_SUMMARY ? &c->a->summary
		    : &c->a->lang;
	free(*slot);
	*slot = s;
	c->rank[f] = rank;
}

static void read_field(struct fm_ctx *c, enum field f, const char *key, const struct ynode *v,
		       int rank)
{
	if (f == FIELD_TAGS) read_tags(c, key, v);
	else if (f == FIELD_AUTHORS) {
		if (c->a->authors.n == 0) read_authors(c, key, v);
	} else {
		/* a date key is always read: "published: false" is kept as a flag */
		if (rank < c->rank[f] || f == FIELD_DATE) read_single(c, f, key, v, rank);
	}
}

/* A mapping under a key that feeds no field: the entries the field map
 * names as "key.entry" feed their field (Zola's "[taxonomies] tags = [..]"
 * is taxonomies.tags); the rest are kept, flattened, as the key. */
static void read_table(struct fm_ctx *c, const char *key, const struct ynode *v)
{
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	bool took = false;
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const struct ynode *k = &v->kids[i], *sub = &v->kids[i + 1];
		enum field f = FIELD_NONE;
		int rank = 0;
		if (k->kind == YNODE_SCALAR) {
			char kbuf[KEY_BUF], *fold = key_fold(k, kbuf);
			strbuf_reset(&name);
			strbuf_addf(&name, "%s.%s", key, fold);
			if (fold != kbuf) free(fold);
			f = fieldmap_lookup(c->fm, strbuf_str(&name), &rank);
		}
		if (f != FIELD_NONE) {
			if (!ynode_is_null(sub)) read_field(c, f, strbuf_str(&name), sub, rank);
			took = true;
			continue;
		}
		if (sb.len) strbuf_adds(&sb, ", ");
		flatten(&sb, k);
		strbuf_adds(&sb, ": ");
		flatten(&sb, sub);
	}
	/* untouched, the text is flatten's of the whole mapping */
	if (!took || sb.len) article_set_extra(c->a, key, strbuf_str(&sb));
	strbuf_free(&sb);
	strbuf_free(&name);
}

static void read_pair(struct fm_ctx *c, const struct ynode *k, const struct ynode *v)
{
	if (k->kind != YNODE_SCALAR) {
		diag_add(c->diags, DIAG_WARNING, c->path, k->line, k->col,
			 "a key must be a string, got %s; entry ignored", ynode_kind_name(k));
		return;
	}
	char kbuf[KEY_BUF], *key = key_fold(k, kbuf);
	if (ynode_is_null(v)) goto done;
	int rank = 0;
	enum field f = fieldmap_lookup(c->fm, key, &rank);
	if (f != FIELD_NONE) {
		read_field(c, f, key, v, rank);
	} else if (v->kind == YNODE_MAP) {
		read_table(c, key, v);
	} else {
		struct strbuf sb = STRBUF_INIT;
		flatten(&sb, v);
		article_set_extra(c->a, key, strbuf_str(&sb));
		strbuf_free(&sb);
	}
done:
	if (key != kbuf) free(key);
}

void frontmatter_read(struct article *a, const char *yaml, size_t len, const char *path,
		      int line_base, const struct fieldmap *fm, struct diag_list *diags)
{
	frontmatter_read_as(a, FM_YAML, yaml, len, path, line_base, 1, fm, diags);
}

bool frontmatter_read_as(struct article *a, enum fm_syntax syntax, const char *yaml, size_t len,
			 const char *path, int line_base, int col, const struct fieldmap *fm,
			 struct diag_list *diags)
{
	struct fm_ctx c = {.a = a, .path = path, .fm = fm, .diags = diags};
	for (int f = 0; f < FIELD_COUNT; f++) c.rank[f] = 1 << 30;

	/* libyaml stops at the first bad byte; report it, then read a repaired
	 * copy so the rest of the metadata still counts. */
	char *fixed = NULL;
	if (!utf8_is_valid(yaml, len)) {
		int line = line_base, ecol = syntax == FM_JSON ? col : 1;
		for (size_t i = 0; i < len;) {
			int32_t cp;
			size_t n = utf8_decode(yaml + i, len - i, &cp);
			if (cp == UTF8_REPLACEMENT && !(n == 3 && memcmp(yaml + i, "\xEF\xBF\xBD", 3) == 0)) {
				diag_add(diags, DIAG_ERROR, path, line, ecol,
					 "invalid UTF-8 (byte 0x%02X); replaced with U+FFFD",
					 (unsigned char)yaml[i]);
				break;
			}
			if (yaml[i] == '\n') line++, ecol = 1;
			else ecol++;
			i += n;
		}
		size_t flen;
		fixed = utf8_repair(yaml, len, &flen);
		yaml = fixed;
		len = flen;
	}

	struct ynode root;
	if (syntax == FM_TOML) {
		tomltree_parse(yaml, len, path, line_base, &root, diags);
	} else if (syntax == FM_JSON) {
		if (jsontree_parse(yaml, len, line_base, col, &root) != 0) {
			diag_add(diags, DIAG_ERROR, path, line_base, col,
				 "front matter: not a valid JSON object; read as text");
			yamltree_free(&root);
			free(fixed);
			return false;
		}
	} else {
		yamltree_parse(yaml, len, path, line_base, &root, diags);
	}
	if (root.kind == YNODE_MAP) {
		/* first wins: earlier keys are checked to warn about duplicates */
		for (size_t i = 0; i + 1 < root.n; i += 2) {
			const struct ynode *k = &root.kids[i];
			/* a value cut short by a syntax error already has its message */
			bool dup = root.kids[i + 1].partial;
			if (k->kind == YNODE_SCALAR)
				for (size_t j = 0; j < i && !dup; j += 2)
					if (root.kids[j].kind == YNODE_SCALAR &&
					    strcmp(root.kids[j].text, k->text) == 0) {
						diag_add(diags, DIAG_WARNING, path, k->line, k->col,
							 "duplicate key '%s' (first at line %d); ignored",
							 k->text, root.kids[j].line);
						dup = true;
					}
			if (!dup) read_pair(&c, k, &root.kids[i + 1]);
		}
	} else if (!(root.kind == YNODE_SCALAR && (root.len == 0 || ynode_is_null(&root)))) {
		diag_add(diags, DIAG_ERROR, path, root.line, root.col,
			 "front matter must be a mapping of keys to values, got %s", ynode_kind_name(&root));
	}
	yamltree_free(&root);
	free(fixed);
	frontmatter_decode_entities(a);
	return true;
}

void frontmatter_decode_entities(struct article *a)
{
	render_decode_entities_inplace(&a->title);
	render_decode_entities_inplace(&a->source);
	render_decode_entities_inplace(&a->url);
	render_decode_entities_inplace(&a->summary);
	render_decode_entities_inplace(&a->lang);
	for (size_t i = 0; i < a->authors.n; i++) render_decode_entities_inplace(&a->authors.v[i]);
	for (size_t i = 0; i < a->nextra; i++) render_decode_entities_inplace(&a->extra[i].value);
}
