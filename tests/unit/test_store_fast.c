/* SPDX-License-Identifier: MIT
 * The state file's fast reader (core/state/store_fast.c) gives exactly what
 * libyaml's reading gives on the shape dossier writes, and gives up on every
 * other shape (so libyaml's verdict and FILE:LINE:COL stand); and the
 * read-bits companion (core/state/readbits.c) is refused when stale,
 * truncated or damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/state/readbits.h"
#include "core/state/store_file.h"

/* Two states hold the same: articles in the same order with the same
 * flags, the same marks (every field), the same last article. */
static void assert_same(const struct store_data *a, const struct store_data *b)
{
	assert_int_equal(a->narts, b->narts);
	for (size_t i = 0; i < a->narts; i++) {
		assert_string_equal(a->arts[i].id, b->arts[i].id);
		assert_int_equal(a->arts[i].read, b->arts[i].read);
		assert_int_equal(a->arts[i].has_pos, b->arts[i].has_pos);
		assert_int_equal(a->arts[i].pos, b->arts[i].pos);
	}
	assert_int_equal(a->nmarks, b->nmarks);
	for (size_t i = 0; i < a->nmarks; i++) {
		const struct mark *x = &a->marks[i], *y = &b->marks[i];
		assert_string_equal(x->article, y->article);
		assert_string_equal(x->text, y->text);
		assert_string_equal(x->prefix, y->prefix);
		assert_string_equal(x->suffix, y->suffix);
		assert_int_equal(!x->note, !y->note);
		if (x->note) assert_string_equal(x->note, y->note);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->created, y->created);
		assert_int_equal(x->ntags, y->ntags);
		for (size_t k = 0; k < x->ntags; k++) assert_string_equal(x->tags[k], y->tags[k]);
	}
	assert_int_equal(!a->last, !b->last);
	if (a->last) assert_string_equal(a->last, b->last);
}

/* Read text both ways; true when the fast reader took it (its result is
 * then checked against libyaml's, which must have read it cleanly). */
static bool both(const char *text)
{
	struct store_data slow = {0}, fast = {0};
	struct diag_list dl = DIAG_LIST_INIT;
	enum store_file_status st = store_file_parse("s.yaml", text, strlen(text), &slow, &dl, false);
	bool took = store_fast_read(text, strlen(text), &fast);
	if (took) {
		assert_int_equal(st, STORE_FILE_OK);
		assert_int_equal(dl.n, 0);
		assert_same(&slow, &fast);
	} else {
		assert_int_equal(fast.narts + fast.nmarks, 0);
	}
	/* the reading every caller gets (fast first) says what libyaml says */
	struct diag_list dl2 = DIAG_LIST_INIT;
	struct store_data via = {0};
	assert_int_equal(store_file_parse("s.yaml", text, strlen(text), &via, &dl2, true), st);
	assert_int_equal(dl2.n, dl.n);
	for (size_t i = 0; i < dl.n; i++) {
		assert_int_equal(dl.items[i].line, dl2.items[i].line);
		assert_int_equal(dl.items[i].col, dl2.items[i].col);
	}
	if (st == STORE_FILE_OK || st == STORE_FILE_PARTIAL) assert_same(&slow, &via);
	store_data_free(&slow);
	store_data_free(&fast);
	store_data_free(&via);
	diag_list_free(&dl);
	diag_list_free(&dl2);
	return took;
}

static const char *HEAD = "# dossier reading state: marks, read articles, reading positions.\n"
			  "# Offsets count Unicode code points of the article body.\nversion: 1\n";

static char *with_head(const char *rest)
{
	size_t n = strlen(HEAD) + strlen(rest) + 1;
	char *s = malloc(n);
	snprintf(s, n, "%s%s", HEAD, rest);
	return s;
}

/* What store_file_format writes, from a state with hostile ids, texts,
 * notes and tags, is taken by the fast reader and reads the same. */
static void test_written_shape(void **state)
{
	(void)state;
	static const char *ids[] = {
		"2024/umerov-cnn", "\xe5\x8c\x97\xe4\xba\xac/\xe6\x96\xb0\xe8\x81\x9e", "caf\xc3\xa9-e\xcc\x81",
		"quote\"back\\slash", "tab\tnl\ncr\r", "esc\x1b[2J", "sep\xe2\x80\xa8para\xe2\x80\xa9",
		"bidi\xe2\x80\xae" "evil\xe2\x80\xac", "c1\xc2\x85nel\xc2\x9b", "emoji \xf0\x9f\x93\xb0 \xe2\x80\x9cq\xe2\x80\x9d",
		"", "bom\xef\xbb\xbfin", "bad\xffutf8", "#hash: colon, {brace} [b] &a *b !t |p >f %d @a `b",
		"del\x7f", "-dash", "  spaces  ",
	};
	struct store_data d = {0};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		struct art_state *a = store_data_art(&d, ids[i], true);
		a->read = i % 3 != 0;
		a->has_pos = i % 2 == 0;
		a->pos = i * 1000003;
	}
	static const char *body = "Tide \xe2\x80\x94 \xe2\x80\x9cgates\xe2\x80\x9d close; \xe5\x8c\x97\xe4\xba\xac caf\xc3\xa9 e\xcc\x81 \xf0\x9f\x8c\x8a\nNext\tline \\ \"q\"\n";
	for (size_t i = 0; i < 6; i++) {
		struct mark m;
		assert_int_equal(mark_init(&m, ids[i * 2], body, strlen(body), i, i + 5 + i), 0);
		m.created = 1718877600 + (int64_t)i;
		if (i % 2) mark_set_note(&m, "a note \xe2\x80\x94 with \"quotes\"\nand a line\x1b");
		if (i % 3 == 1) {
			mark_add_tag(&m, "evidence");
			mark_add_tag(&m, "\xe5\x8c\x97\xe4\xba\xac, tag");
		}
		store_data_add_mark(&d, &m);
		mark_free(&m);
	}
	d.last = strdup("caf\xc3\xa9-e\xcc\x81");
	struct strbuf out = STRBUF_INIT;
	store_file_format(&d, &out);
	assert_true(both(strbuf_str(&out)));
	/* the same through the fast reader equals the state written (those
	 * flags the format keeps: a never-read id without a position is not
	 * written) */
	struct store_data back = {0};
	assert_true(store_fast_read(out.buf, out.len, &back));
	assert_int_equal(back.nmarks, d.nmarks);
	assert_string_equal(back.last, d.last);
	strbuf_free(&out);
	store_data_free(&back);
	store_data_free(&d);
	/* empty state, and only a last article */
	struct store_data e = {0};
	store_file_format(&e, &out);
	assert_true(both(strbuf_str(&out)));
	strbuf_free(&out);
	e.last = strdup("x");
	store_file_format(&e, &out);
	assert_true(both(strbuf_str(&out)));
	strbuf_free(&out);
	store_data_free(&e);
}

/* Shapes dossier does not write, but the fast reader may take, and
 * duplicates: the same answers as libyaml's. */
static void test_taken_shapes(void **state)
{
	(void)state;
	static const char *taken[] = {
		/* an id twice: the later flags win where given */
		"articles:\n  \"a\": {read: true, position: 5}\n  \"a\": {read: false}\n  \"b\": {read: true}\nmarks: []\n",
		/* articles given twice, last twice, keys in another order */
		"marks: []\nlast: \"z\"\narticles:\n  \"b\": {read: true}\narticles:\n  \"a\": {read: true}\nlast: \"\"\n",
		/* escapes json_quote never writes but YAML reads the same */
		"articles:\n  \"s\\/l\\u00e9\\u5317\\uFEFF\": {read: true}\nmarks: []\n",
		/* the header alone: an empty state */
		"",
		/* a comment line between top keys */
		"articles: {}\n# between\nmarks: []\n",
		/* a mark with empty tags, keys in another order, a duplicate tag */
		"articles: {}\nmarks:\n  - text: \"t\"\n    article: \"a\"\n    end: 4\n    start: 1\n    tags: []\n"
		"  - article: \"a\"\n    start: 1\n    end: 5\n    text: \"t\"\n    tags: [\"x\", \"x\", \"\\u5317\"]\n    note: \"\"\n",
	};
	for (size_t i = 0; i < sizeof taken / sizeof *taken; i++) {
		char *s = with_head(taken[i]);
		assert_true(both(s));
		free(s);
	}
}

/* Everything else is left to libyaml: its verdict, diags and places. */
static void test_left_to_libyaml(void **state)
{
	(void)state;
	char longid[1600] = "articles:\n  \"";
	size_t n = strlen(longid);
	memset(longid + n, 'x', 1100);
	strcpy(longid + n + 1100, "\": {read: true}\nmarks: []\n");
	const char *left[] = {
		"articles:\n  &a \"x\": {read: true}\n  \"y\": *a\nmarks: []\n",        /* anchors, aliases */
		"articles:\n  'x': {read: true}\nmarks: []\n",                           /* single quotes */
		"articles:\n  x: {read: true}\nmarks: []\n",                             /* plain id */
		"articles:\n  \"x\": {read: yes}\nmarks: []\n",                          /* yes */
		"articles:\n  \"x\": {read: true,position: 3}\nmarks: []\n",             /* spacing */
		"articles:\n  \"x\": {read: true, position: -3}\nmarks: []\n",           /* bad number */
		"articles:\n  \"x\": {read: true, position: 99999999999999999999999}\nmarks: []\n",
		"articles:\n  \"x\": {read: true}\r\nmarks: []\r\n",                     /* CRLF */
		"\xef\xbb\xbf" "articles: {}\nmarks: []\n",                              /* BOM */
		"articles:\n  \"a\xe2\x80\xa8" "b\": {read: true}\nmarks: []\n",         /* raw U+2028 */
		"articles:\n  \"a\xc2\x85" "b\": {read: true}\nmarks: []\n",             /* raw NEL */
		"articles:\n  \"a\tb\": {read: true}\nmarks: []\n",                      /* raw tab */
		"articles:\n  \"a\x1b" "b\": {read: true}\nmarks: []\n",                 /* raw ESC */
		"articles:\n  \"a\xff" "b\": {read: true}\nmarks: []\n",                 /* not UTF-8 */
		"articles:\n  \"a\xed\xa0\x80" "b\": {read: true}\nmarks: []\n",         /* a surrogate */
		"articles:\n  \"a\\x41\": {read: true}\nmarks: []\n",                    /* \x */
		"articles:\n  \"a\\u0000b\": {read: true}\nmarks: []\n",                 /* NUL */
		"articles:\n  \"a\\uD800\": {read: true}\nmarks: []\n",                  /* surrogate escape */
		"articles:\n  \"a\\q\": {read: true}\nmarks: []\n",                      /* bad escape */
		"articles:\n  \"a\n  b\": {read: true}\nmarks: []\n",                    /* folded */
		"articles:\n  \"x\": {read: true}\n  # inside\nmarks: []\n",             /* comment inside */
		"articles:\n  \"x\": {read: true} # after\nmarks: []\n",                 /* comment after */
		"articles:\nmarks: []\n",                                                /* articles: null */
		"articles: {}\nmarks:\n  - article: \"a\"\n    start: 5\n    end: 5\n    text: \"t\"\n",  /* bad mark */
		"articles: {}\nmarks:\n  - article: \"a\"\n    start: 1\n    end: 5\n    text: \"t\"\n    created: \"yesterday\"\n",
		"articles: {}\nmarks:\n  - article: \"a\"\n    start: 1\n    end: 5\n    text: \"t\"\n    tags: \"a,b\"\n",
		"articles: {}\nmarks:\n  - article: \"a\"\n    start: 1\n    end: 5\n    text: \"t\"\n    other: 1\n",
		"articles: {}\nmarks: []\n---\narticles: {}\n",                            /* two documents */
		"articles: {}\nmarks: []\nunknown: 1\n",
		"articles: {}\nmarks: []",                                                /* no last newline */
		"articles: {\"x\": {read: true}}\nmarks: []\n",
		"articles:\n  \"x\": {read: true\nmarks: []\n",                             /* truncated */
		"articles:\n  \"x",
		longid,                                                                   /* over YAML's key limit */
	};
	for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
		char *s = with_head(left[i]);
		assert_false(both(s));
		free(s);
	}
	assert_false(both("")); /* empty file */
}

static char dir[] = "/tmp/dossier-rbits-XXXXXX";

static void test_companion(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	char sp[300], cp[300];
	snprintf(sp, sizeof sp, "%s/state \xe5\x8c\x97.yaml", dir);
	snprintf(cp, sizeof cp, "%s/sub/c.readbits", dir);
	assert_int_equal(fsutil_write_atomic(sp, "x\n", 2, 0, NULL), 0);
	struct readbits_key k = {.state_path = sp, .fingerprint = 0x1234, .nart = 1003};
	assert_int_equal(stat(sp, &k.st), 0);
	struct readbits rb = {.nart = 1003, .read = calloc(1003, 1), .marked = calloc(1003, 1)};
	for (size_t i = 0; i < 1003; i++) {
		rb.read[i] = i % 7 != 6;
		rb.marked[i] = i % 100 == 1;
	}
	assert_int_equal(readbits_save(cp, &k, &rb), 0);
	struct readbits got;
	assert_true(readbits_load(cp, &k, &got));
	assert_int_equal(got.nart, 1003);
	assert_memory_equal(got.read, rb.read, 1003);
	assert_memory_equal(got.marked, rb.marked, 1003);
	readbits_free(&got);
	/* stale: any key that differs */
	struct readbits_key s = k;
	s.fingerprint++;
	assert_false(readbits_load(cp, &s, &got));
	s = k;
	s.nart = 1002;
	assert_false(readbits_load(cp, &s, &got));
	s = k;
	s.st.st_size++;
	assert_false(readbits_load(cp, &s, &got));
	s = k;
	s.st.st_mtim.tv_nsec++;
	assert_false(readbits_load(cp, &s, &got));
	s = k;
	s.st.st_ino++;
	assert_false(readbits_load(cp, &s, &got));
	s = k;
	s.state_path = "/elsewhere/state.yaml";
	assert_false(readbits_load(cp, &s, &got));
	assert_null(got.read);
	/* damaged: a bit flipped, truncated, grown */
	char *data;
	size_t len;
	assert_int_equal(fsutil_read_file(cp, 0, &data, &len), 0);
	for (size_t at = 0; at < len; at += len / 9 + 1) {
		data[at] ^= 0x10;
		assert_int_equal(fsutil_write_atomic(cp, data, len, 0, NULL), 0);
		assert_false(readbits_load(cp, &k, &got));
		data[at] ^= 0x10;
	}
	assert_int_equal(fsutil_write_atomic(cp, data, len - 1, 0, NULL), 0);
	assert_false(readbits_load(cp, &k, &got));
	assert_int_equal(fsutil_write_atomic(cp, data, 40, 0, NULL), 0);
	assert_false(readbits_load(cp, &k, &got));
	data = realloc(data, len + 1);
	data[len] = 0;
	assert_int_equal(fsutil_write_atomic(cp, data, len + 1, 0, NULL), 0);
	assert_false(readbits_load(cp, &k, &got));
	assert_int_equal(fsutil_write_atomic(cp, data, len, 0, NULL), 0);
	assert_true(readbits_load(cp, &k, &got)); /* put back whole: good again */
	readbits_free(&got);
	free(data);
	readbits_free(&rb);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_written_shape),
		cmocka_unit_test(test_taken_shapes),
		cmocka_unit_test(test_left_to_libyaml),
		cmocka_unit_test(test_companion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
