/* SPDX-License-Identifier: MIT
 * Marks and the selection as byte ranges of the open body (textmarks.h):
 * stored offsets are code points, the pane draws byte ranges of wrapped
 * lines, so every conversion happens here, once per change of the marks. */
#include "tui/textmarks.h"

#include <string.h>

#include "core/text/article_text.h"
#include "core/state/store.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

size_t textmarks_cp_of(const char *body, size_t blen, size_t byte)
{
	return utf8_codepoints(body, byte < blen ? byte : blen);
}

size_t textmarks_byte_of(const char *body, size_t blen, size_t cp)
{
	return utf8_offset_of_cp(body, blen, cp);
}

void textmarks_clear(struct textmarks *tm)
{
	for (size_t i = 0; i < tm->n; i++) mark_free(&tm->v[i].m);
	tm->n = 0;
	tm->built = false;
}

void textmarks_build(struct textmarks *tm, const struct store *st, const char *id,
		     const struct render_doc *doc, const char *raw, size_t raw_len)
{
	const char *body = doc ? doc->text : NULL;
	size_t blen = doc ? doc->len : 0;
	textmarks_clear(tm);
	tm->built = true;
	if (!st || !id) return;
	const struct mark *first;
	size_t n = store_marks_for(st, id, &first);
	ARRAY_RESERVE(tm->v, tm->cap, n + 1);
	for (size_t i = 0; i < n; i++) {
		struct tmark *t = &tm->v[tm->n++];
		memset(t, 0, sizeof *t);
		mark_copy(&t->m, &first[i]);
		struct mark_anchor a = doc ? article_text_anchor(&first[i], doc, raw, raw_len)
					   : (struct mark_anchor){MARK_ORPHANED, 0, 0};
		t->status = a.status;
		if (a.status != MARK_ORPHANED) {
			t->start = textmarks_byte_of(body, blen, a.start);
			t->end = textmarks_byte_of(body, blen, a.end);
		}
	}
}

long textmarks_find(const struct textmarks *tm, size_t s, size_t e, bool exact)
{
	for (size_t i = 0; i < tm->n; i++) {
		const struct tmark *t = &tm->v[i];
		if (t->status == MARK_ORPHANED) continue;
		if (exact) {
			if (t->start == s && t->end == e) return (long)i;
		} else if (s == e ? (t->start <= s && s < t->end) : (t->start < e && s < t->end)) {
			return (long)i;
		}
	}
	return -1;
}

enum run_kind textmarks_run(const struct textmarks *tm, const struct selection *sel,
			    const char *text, size_t len, size_t pos, size_t limit, size_t *run_end)
{
	if (sel && sel->cursor_on && text && sel->cursor < len) {
		size_t ce = utf8_cluster_end(text, len, sel->cursor);
		if (sel->cursor <= pos && pos < ce) {
			*run_end = ce < limit ? ce : limit;
			return RUN_CURSOR;
		}
		if (sel->cursor > pos && sel->cursor < limit) limit = sel->cursor;
	}
	size_t end = limit;
	enum run_kind k = RUN_PLAIN;
	bool in_sel = sel && sel->active && sel->start <= pos && pos < sel->end;
	if (in_sel) k = RUN_SELECTION;
	if (sel && sel->active) {
		if (in_sel && sel->end < end) end = sel->end;
		if (!in_sel && sel->start > pos && sel->start < end) end = sel->start;
	}
	for (size_t i = 0; tm && i < tm->n; i++) {
		const struct tmark *t = &tm->v[i];
		if (t->status == MARK_ORPHANED || t->start == t->end) continue;
		if (t->start <= pos && pos < t->end) {
			if (k == RUN_PLAIN) k = RUN_MARK;
			if (t->end < end) end = t->end;
		} else if (t->start > pos && t->start < end) {
			end = t->start;
		}
	}
	if (end <= pos) end = pos + 1 <= limit ? pos + 1 : limit;
	*run_end = end;
	return k;
}
