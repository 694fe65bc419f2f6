/* SPDX-License-Identifier: MIT
 * Inside the renderer: the builder every front end (Markdown, HTML, plain
 * text) feeds, so lines, prefixes, spans, tables, links and the offset map
 * are made in one place. Not for use outside core/text/render*.c. */
#ifndef DOSSIER_RENDER_INT_H
#define DOSSIER_RENDER_INT_H

#include "core/text/render.h"
#include "core/base/util.h"

#define RB_MAX_DEPTH 16   /* containers drawn; deeper ones render flat */
#define RB_NO_SRC ((size_t)-1)
#define RB_PREFIX_CACHE 64 /* slots of the table of prefixes interned */

struct tmpl_out;

enum rb_container_kind { RBC_QUOTE, RBC_ITEM };

struct rb_container {
	uint8_t kind;
	bool marker_used;
	uint8_t marker_len, marker_cols; /* bytes of marker, and columns */
	char marker[16];     /* "• ", "12. " (items) */
};

struct rb_open_span { size_t idx; };
/* The prefixes of the last line, for the next one in the same containers. */
struct rb_prefixes {
	bool valid;
	uint8_t kind;
	uint32_t gen, aux;
	uint32_t pre, cont;
};
struct rb_open_link { size_t num, span; size_t start; };

/* The builder. Text is appended at the end only; a line is opened by the
 * first text after a break. src/src_len is the buffer whose pointers the
 * front end passes (offsets into it are what the map records). */
struct rb {
	struct render_doc *d;
	struct strbuf text;
	size_t src_len;
	const struct tmpl_out *xlat;    /* src offsets → body offsets, or NULL */
	size_t xlat_k;                  /* the segment the last entry was in */
	size_t cursor;                  /* source offset for generated text */
	struct rb_container cs[RB_MAX_DEPTH];
	size_t ncs, extra_depth;
	uint32_t cs_gen;                /* changes whenever cs does */
	bool marker_pending;            /* an item's marker not shown yet */
	struct rb_prefixes last_prefixes;
	bool line_open, need_gap;
	uint8_t kind;                   /* kind of lines the current block makes */
	uint32_t aux;
	size_t line_start;
	struct rb_open_span *spans;     /* open spans (stack) */
	size_t nspans, spans_cap;
	struct rb_open_link *lstack;
	size_t nlstack, lstack_cap;
	size_t *link_src;               /* source offset of each link */
	size_t *lhash;                  /* url hash table: link index + 1 */
	size_t lhash_cap;
	bool img_pending;
	int table_depth, cell_depth;    /* the outer table only is a table */
	bool row_open;
	uint16_t col;
	size_t cell_idx;
	uint32_t pcache[RB_PREFIX_CACHE];   /* pool offsets (0: empty slot) */
	uint32_t pcache_len[RB_PREFIX_CACHE];
};

/* Presized for src_len; xlat (borrowed, may be NULL) maps src offsets to
 * body offsets: the map is made in body offsets. */
void rb_init(struct rb *b, enum render_format fmt, size_t src_len, const struct tmpl_out *xlat);
/* Text from the source (s_off, verbatim: bytes as in the source) or
 * generated (s_off == RB_NO_SRC: mapped to the cursor). */
void rb_text(struct rb *b, const char *s, size_t n, size_t s_off);
/* Text that stands for a source range as a whole (a decoded entity). */
void rb_text_unit(struct rb *b, const char *s, size_t n, size_t s_off, size_t s_len);
void rb_code_text(struct rb *b, const char *s, size_t n, size_t s_off);
void rb_break(struct rb *b);                 /* hard line break */
void rb_blank_line(struct rb *b);            /* an empty line (plain text) */
void rb_block_begin(struct rb *b, enum render_line_kind kind, uint32_t aux);
void rb_block_end(struct rb *b);
void rb_quote_begin(struct rb *b);
void rb_quote_end(struct rb *b);
void rb_item_begin(struct rb *b, const char *marker);
void rb_item_end(struct rb *b);
void rb_list_end(struct rb *b);
void rb_rule(struct rb *b);
size_t rb_span_begin(struct rb *b, enum render_style st, uint32_t aux);
void rb_span_end(struct rb *b);
void rb_link_begin(struct rb *b, const char *url, size_t s_off);
void rb_link_end(struct rb *b);
void rb_image_begin(struct rb *b);
void rb_image_end(struct rb *b);
/* An image's alt text between rb_image_begin and _end: one line whatever
 * it holds (an alt with a line break inside <pre> broke a code line). */
void rb_image_alt(struct rb *b, const char *alt, size_t s_off, size_t s_len);
void rb_table_begin(struct rb *b);
void rb_row_begin(struct rb *b);
void rb_cell_begin(struct rb *b, bool header, int align);
void rb_cell_end(struct rb *b);
void rb_row_end(struct rb *b);
void rb_table_end(struct rb *b);
/* Close everything, add the link list, build the source index. */
struct render_doc *rb_finish(struct rb *b);
/* Did the last byte of the text end a word (space, line start)? */
bool rb_at_space(const struct rb *b);

/* Template pass (render_tmpl.c): Hugo shortcodes, Liquid tags and
 * <!--more--> removed, captions kept. out[seg] pieces map back to the
 * input: copied bytes linearly, injected bytes as a unit. */
struct tmpl_seg {
	size_t out_off, len;  /* in the output */
	size_t in_off, in_len;/* in the input */
	bool copied;
};
struct tmpl_out {
	struct strbuf text;
	struct tmpl_seg *segs;
	size_t n, cap;
};
void tmpl_strip(const char *s, size_t len, struct tmpl_out *out);
void tmpl_free(struct tmpl_out *t);
/* The segments of two passes run one after the other (inner first, outer
 * on its output) as one: outer's output to inner's input. r is segs only. */
void tmpl_compose(const struct tmpl_out *outer, const struct tmpl_out *inner, struct tmpl_out *r);
/* The offset map (render_map.c): add an entry for text [r_off, +r_len)
 * from source [s_off, +s_len), translated through t (NULL: none; *tk is
 * where the last lookup ended); then index the entries by source. */
void render_map_add(struct render_doc *d, const struct tmpl_out *t, size_t *tk, size_t r_off, size_t r_len,
		    size_t s_off, size_t s_len, bool verbatim);
/* Append an entry already in body offsets; a verbatim run that carries on
 * the last one (in the text and in the body) lengthens it instead. */
static inline void render_map_put(struct render_doc *d, size_t r_off, size_t r_len, size_t s_off, size_t s_len,
				  bool verbatim)
{
	if (verbatim && d->nmap) {
		struct render_map *m = &d->map[d->nmap - 1];
		if (m->verbatim && m->r_off + m->r_len == r_off && m->s_off + m->s_len == s_off) {
			m->r_len += (uint32_t)r_len;
			m->s_len += (uint32_t)s_len;
			return;
		}
	}
	ARRAY_RESERVE(d->map, d->map_cap, d->nmap + 1);
	d->map[d->nmap++] = (struct render_map){(uint32_t)r_off, (uint32_t)r_len, (uint32_t)s_off, (uint32_t)s_len, verbatim};
}
void render_index_sources(struct render_doc *d);

/* HTML (render_html.c): a fragment or a whole body through libxml2's
 * parser into the builder; s_off is where html starts in the source.
 * Inline tags inside Markdown come one at a time through rb_html_tag. */
void rb_html_block(struct rb *b, const char *html, size_t len, size_t s_off);
struct rb_inline { int suppress; int depth; uint8_t stack[64]; };
void rb_html_tag(struct rb *b, struct rb_inline *in, const char *tag, size_t len, size_t s_off);

/* Footnotes (render_foot.c): definitions cut out of the Markdown before
 * md4c sees it, their bodies (unindented) appended after the article in
 * out, numbered in order of first reference. */
struct foot_def {
	size_t label, label_len;   /* the label, in the input */
	size_t src_off;            /* where the definition starts in the input */
	size_t body_off, body_len; /* its body, in out.text */
	size_t first, npieces;     /* (used while scanning) */
	uint32_t num;              /* 0 until referenced */
};
struct foot {
	const char *in;            /* the input (borrowed) */
	struct tmpl_out out;       /* owned: the article, then each body */
	size_t main_len;           /* out.text[0, main_len) is the article */
	struct foot_def *defs;     /* owned, in input order */
	size_t ndefs;
	size_t *bylabel;           /* owned: def indices by label (ASCII case folded) */
	size_t *order;             /* owned: def index of note 1, 2, ... */
	size_t norder;
};
/* false (f empty, nothing to free) when s holds no definition. */
bool foot_scan(const char *s, size_t len, struct foot *f);
/* The first definition of label (ASCII case ignored), or NULL. */
struct foot_def *foot_lookup(const struct foot *f, const char *label, size_t n);
/* The note number of d, given on its first reference. */
uint32_t foot_number(struct foot *f, struct foot_def *d);
/* num in superscript digits into out (>= 40 bytes); returns the length. */
size_t foot_marker(uint32_t num, char *out);
void foot_free(struct foot *f);

/* The bench baselines (render_parse_only): md4c and libxml2 alone. */
size_t render_md_parse_only(const char *s, size_t len);
size_t render_html_parse_only(const char *s, size_t len);

/* Markdown (render_md.c); with f, s is f's out: the article, then the
 * notes section. */
void render_markdown(struct rb *b, const char *s, size_t len, struct foot *f);

/* v in decimal into out (>= 21 bytes, NUL-terminated); returns the length.
 * (snprintf was a tenth of a long list's rendering.) */
size_t render_utoa(size_t v, char *out);

/* Is url one we may hand to a browser (http, https, mailto)? */
bool render_url_openable(const char *url);

#endif
