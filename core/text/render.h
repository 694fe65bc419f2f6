/* SPDX-License-Identifier: MIT
 * The article renderer: Markdown (md4c), HTML (libxml2) or plain text in,
 * a display model out: the rendered text, style spans, one record per
 * line (with the display-only prefix the wrapper repeats), tables, links,
 * and a map from rendered-text offsets back to body offsets. No ncurses:
 * panes and `dossier show` only draw what this computes. */
#ifndef DOSSIER_RENDER_H
#define DOSSIER_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/strbuf.h"

struct article;

enum render_format { RENDER_TEXT, RENDER_MARKDOWN, RENDER_HTML };

/* Semantic styles of spans; the pane maps them to colours. */
enum render_style {
	RS_EMPH, RS_STRONG, RS_CODE, RS_STRIKE,
	RS_LINK,     /* the link text; aux = link number */
	RS_LINKREF,  /* the generated "[3]" after it; aux = link number */
	RS_IMAGE,    /* "[image: alt]" */
	RS_HEADING,  /* aux = level 1..6 */
	RS_CODEBLOCK,
	RS_FOOTREF,  /* a footnote reference "[^x]" shown as "¹"; aux = note number */
};

/* What a rendered line is. */
enum render_line_kind {
	RL_TEXT,      /* a paragraph line: wrap it with cont as the prefix */
	RL_BLANK,     /* the gap between blocks (len 0) */
	RL_HEADING,   /* level in aux */
	RL_CODE,      /* verbatim: never reflowed */
	RL_TABLE_ROW, /* one table row; aux = table index; lay out with render_table_layout */
	RL_RULE,      /* a thematic break (len 0): draw a line across */
	RL_LINKS,     /* the closing link list (title and entries) */
};

struct render_span {
	size_t off, len;  /* bytes of render_doc.text */
	uint8_t style;    /* enum render_style */
	uint32_t aux;
};

/* One line of the rendered text (text[off, off+len), no '\n'). prefix and
 * cont are display-only (never in text, never searched or marked): prefix
 * goes before the first display row ("│ • ", "  1. ", "## "), cont before
 * every wrapped continuation row ("│   ", "     "); both as wide. */
struct render_line {
	size_t off, len;
	uint32_t prefix, cont; /* offsets into render_doc.pool (NUL-terminated) */
	uint8_t kind;          /* enum render_line_kind */
	uint32_t aux;
};

/* A table cell: a slice of a RL_TABLE_ROW line (cells are separated by a
 * TAB in the text, so the text is the same whatever the width). */
struct render_cell {
	size_t off, len;
	uint16_t col;
	uint8_t align;   /* 0 default/left, 1 centre, 2 right */
	bool header;
};

struct render_table {
	size_t first_line, nrows; /* rows are lines first_line.. */
	size_t first_cell, ncells;/* cells in row order */
	uint16_t ncols;
};

/* A link in order of first appearance; number = index + 1. */
struct render_link {
	char *url;       /* owned: as written (entities decoded); may hold controls */
	char *shown;     /* owned: url with controls, spaces and non-ASCII
			  * bytes < 0x20 percent-escaped: safe to print; the
			  * url itself when nothing needed escaping (freed once) */
	char *text;      /* owned: the link text as rendered (first occurrence) */
	bool openable;   /* launch_url_check passes: http/https/mailto that parses */
	size_t off, len; /* rendered text of its first occurrence */
};

/* One entry of the offset map: rendered bytes [r_off, r_off+r_len) come
 * from body bytes [s_off, s_off+s_len). When verbatim, byte i maps to
 * byte i (r_len == s_len); else the range maps as a whole (generated text,
 * decoded entities, collapsed HTML whitespace). One entry per run: a
 * verbatim run that carries on the one before it (in the text and in the
 * body) lengthens it. 32-bit offsets: render_body takes at most
 * RENDER_BODY_MAX bytes, and a body whose rendered text would pass 4 GB
 * (a table of empty rows can) is shown as plain text, so every offset fits. */
struct render_map {
	uint32_t r_off, r_len, s_off, s_len;
	bool verbatim;
};
#define RENDER_BODY_MAX ((size_t)256 << 20) /* bytes of a body rendered; the rest is left out */

/* The model; everything owned. text is valid UTF-8 only if the body was
 * (display goes through utf8_display_next as before). Lines tile text: line i+1 starts one byte ('\n') after line i. */
struct render_doc {
	enum render_format format;
	char *text;
	size_t len;
	struct render_span *spans;
	size_t nspans, spans_cap;
	struct render_line *lines;
	size_t nlines, lines_cap;
	struct render_table *tables;
	size_t ntables, tables_cap;
	struct render_cell *cells;
	size_t ncells, cells_cap;
	struct render_link *links;
	size_t nlinks, links_cap;
	struct render_map *map;   /* sorted by r_off, not overlapping */
	size_t nmap, map_cap;
	uint32_t *by_src;         /* indices of the entries with s_len > 0, sorted by s_off */
	size_t nsrc;
	char *pool;               /* prefixes, NUL-separated; pool[0] == '\0' */
	size_t pool_len, pool_cap;
};

/* The format of an article: front matter `format: markdown|text|html`
 * wins, then the extension (.md, .markdown: Markdown; anything else text). */
enum render_format render_format_of(const struct article *a);
/* "markdown", "text", "html" → the format; false when unknown. */
bool render_format_parse(const char *name, enum render_format *out);

/* Render body[0..len) (len capped at RENDER_BODY_MAX; any bytes; NUL and invalid UTF-8 are kept for the
 * display sanitiser). Width-independent: tables are laid out when drawn.
 * Never fails; bounded in time and memory for any input (nesting is
 * capped, the HTML parser's depth limit applies). Caller frees. */
struct render_doc *render_body(const char *body, size_t len, enum render_format fmt);
void render_doc_free(struct render_doc *d);

/* For `dossier bench-render --baseline` only: the parser alone on the same
 * bytes (md4c with callbacks that do nothing; libxml2's HTML parser with
 * the document freed; a newline count for text), the yardstick the
 * renderer's time is given as a ratio to. Returns a count (blocks, nodes,
 * lines) so the work is not optimised away. */
size_t render_parse_only(const char *body, size_t len, enum render_format fmt);

/* Offsets: rendered byte → body byte, and body byte → rendered byte (a
 * body byte inside markup that renders to nothing maps to the end of the
 * text rendered before it). Both total functions, clamped to the ends. */
size_t render_to_source(const struct render_doc *d, size_t r_off);
size_t render_from_source(const struct render_doc *d, size_t s_off);

/* Prefix strings of a line (never NULL). */
const char *render_line_prefix(const struct render_doc *d, const struct render_line *l);
const char *render_line_cont(const struct render_doc *d, const struct render_line *l);

/* A laid-out table row for display: pieces are either literal (borders,
 * padding: r_off == SIZE_MAX; lit is one cluster one column wide, drawn
 * width times) or a slice of the rendered text, so highlights and marks
 * land on cell text exactly. */
struct render_piece {
	size_t r_off, len; /* slice of text, or r_off == SIZE_MAX */
	char lit[8];       /* NUL-terminated, when r_off == SIZE_MAX */
	int width;         /* columns */
	bool header;       /* a header cell's text (draw it strong) */
};
struct render_row {
	struct render_piece *pieces;
	size_t n, cap;
};
struct render_layout {
	struct render_row *rows; /* display rows of the whole table */
	size_t n, cap;
	bool fallback;           /* too wide: one "Header: value" row per cell */
};
/* Lay table t out in width columns (width >= 1). Every row is at most
 * width columns except a single cluster wider than a column. Caller frees
 * with render_layout_free. */
void render_table_layout(const struct render_doc *d, size_t t, int width, struct render_layout *out);
void render_layout_free(struct render_layout *l);

struct wrap;
/* Wrap the text of paragraph-like line l at avail columns into w (offsets
 * relative to l->off); returns the prefix for continuation rows (the line's
 * cont, never NULL, static or in d). A link-list entry "[15] URL" keeps the
 * URL on the number's row and hangs the rest under it, after "[15] ", so a
 * long URL does not leave its number alone on a row. */
const char *render_line_wrap(const struct render_doc *d, const struct render_line *l, int avail,
			     unsigned flags, struct wrap *w);

/* The whole document as plain lines for `dossier show` at width columns:
 * prefixes, rules, tables laid out; paragraph lines wrapped with their
 * hanging prefix when wrap, else one output line per rendered line. Bytes
 * are not sanitised here (the caller does it). */
void render_plain(const struct render_doc *d, int width, bool wrap, struct strbuf *out);

/* Decode HTML character references (&amp; &#58; &#x3a; &eacute;) in s.
 * Returns a malloc'd copy (NUL-terminated, *outlen may be NULL); a
 * reference that does not decode is kept as written; &#0; and references
 * to surrogates or beyond U+10FFFF give U+FFFD. */
char *render_decode_entities(const char *s, size_t len, size_t *outlen);
/* The same in place on a malloc'd string: *s replaced when it changed. */
void render_decode_entities_inplace(char **s);

#endif
