/* SPDX-License-Identifier: MIT
 * The fast path of printing every article from the lean index: record
 * checksums checked four side by side (hash_bytes_many), printable-ASCII
 * spans eight bytes at a time (utf8_printable_span), and a listing's TSV
 * line built from spans of the record (metaindex_read_line,
 * cli_list_line) must give exactly what the one-at-a-time path gives, on
 * hostile text too, and a damaged record must still be refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/hash.h"
#include "core/base/json.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/cli/cli.h"
#include "core/collection/dossier.h"
#include "core/meta/metaindex.h"
#include "core/text/utf8.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[160];

/* Pieces of every length from 0 to 90 at odd places of one buffer, in
 * runs of 0 to 13 (so a run ends with 0 to 3 left over from the fours). */
static void test_hash_many(void **st)
{
	(void)st;
	unsigned char buf[4096];
	uint64_t x = 88172645463325252ULL;
	for (size_t i = 0; i < sizeof buf; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		buf[i] = (unsigned char)x;
	}
	const unsigned char *p[13];
	size_t len[13];
	uint64_t out[13];
	for (size_t round = 0; round < 400; round++) {
		size_t n = round % 14;
		for (size_t i = 0; i < n; i++) {
			len[i] = (round * 7 + i * 31) % 91;
			p[i] = buf + (round * 13 + i * 97) % (sizeof buf - 100);
		}
		hash_bytes_many(p, len, n, 17 + round % 3, out);
		for (size_t i = 0; i < n; i++) assert_true(out[i] == hash_bytes(p[i], len[i], 17 + round % 3));
	}
}

static size_t span_slow(const char *s, size_t len)
{
	size_t k = 0;
	while (k < len && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7f) k++;
	return k;
}

/* Every byte value at every place of strings of 0 to 24 plain bytes. */
static void test_printable_span(void **st)
{
	(void)st;
	char s[32];
	for (size_t len = 0; len <= 24; len++)
		for (size_t at = 0; at < (len ? len : 1); at++)
			for (int b = 0; b < 256; b++) {
				memset(s, 'a', sizeof s);
				if (len) s[at] = (char)b;
				assert_int_equal(utf8_printable_span(s, len), span_slow(s, len));
				/* and a second odd byte after the first */
				if (len && at + 3 < len) {
					s[at + 3] = '\x7f';
					assert_int_equal(utf8_printable_span(s, len), span_slow(s, len));
				}
			}
}

/* What json_quote writes as it is, byte by byte. */
static bool byte_plain(unsigned char b)
{
	return b >= 0x20 && b < 0x7f && b != '"' && b != '\\';
}

/* json_word_unplain flags a word exactly when one of its bytes is not
 * plain: every byte value at every place of a plain word, with a second
 * odd byte after it, and json_plain_span stops where the bytes do. */
static void test_word_unplain(void **st)
{
	(void)st;
	const unsigned char odd[] = {0x00, 0x1f, 0x22, 0x5c, 0x7f, 0x80, 0xff, 0x20};
	for (int at = 0; at < 8; at++)
		for (int b = 0; b < 256; b++)
			for (size_t o = 0; o < sizeof odd; o++)
				for (int at2 = at; at2 < 8; at2++) {
					unsigned char w[8];
					memset(w, 'm', 8);
					w[at2] = odd[o];
					w[at] = (unsigned char)b;
					bool plain = true;
					for (int i = 0; i < 8; i++) plain = plain && byte_plain(w[i]);
					uint64_t x;
					memcpy(&x, w, 8);
					assert_int_equal((json_word_unplain(x) & 0x8080808080808080ULL) != 0, !plain);
					size_t k = 0;
					while (k < 8 && byte_plain(w[k])) k++;
					assert_int_equal(json_plain_span((const char *)w, 8), k);
				}
}

/* Hostile pieces for a field of the --json fast path: every escaped
 * class json_quote knows (controls, DEL, C1, bidi controls, U+2028/9,
 * U+FFFE/F, invalid and overlong bytes, a lone surrogate's bytes, quote,
 * backslash) and text it writes as it is beyond ASCII (CJK, emoji,
 * combining marks, curly quotes), one byte each of every other value. */
static const char *const nasty[] = {
	"\"", "\\", "/", "\x7f", "\t", "\n", "\r", "\b", "\f", "\x01", "\x1b[31m", "\xc2\x85",
	"\xc2\x9f", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xae", "\xe2\x81\xa6", "\xd8\x9c",
	"\xe2\x80\x8e", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xef\xbb\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
	"\xc0\x80", "\xff", "\xfe", "\x80", "\xe2\x80", "\xf0\x9f\x93\xb0", "e\xcc\x81",
	"\xe5\x8c\x97\xe4\xba\xac", "\xe2\x80\x9cq\xe2\x80\x9d", "\xe2\x80\x94", "\xc3\xa9",
};

/* The strings of one synthetic article: ids, texts, three lists and
 * extras (one key twice), as a record's spans and as the loaded article. */
struct synth {
	char *f[6]; /* id, title, source, url, summary, lang (NULL: none) */
	char *list[3][40];
	size_t nlist[3];
	char *extra[8]; /* key, value, ... */
	size_t nextra;
	int date;
	uint8_t flags; /* the date's source bits, or others (none of them printed) */
};

static void synth_json(const struct synth *sy, struct strbuf *want, struct strbuf *got, bool *fast)
{
	struct article a = {0};
	char **f[6] = {&a.id, &a.title, &a.source, &a.url, &a.summary, &a.lang};
	for (int i = 0; i < 6; i++) *f[i] = sy->f[i];
	struct strlist *l[3] = {&a.authors, &a.tags, &a.derived};
	for (int i = 0; i < 3; i++) l[i]->v = (char **)sy->list[i], l[i]->n = (uint32_t)sy->nlist[i];
	struct meta_kv kv[4];
	for (size_t k = 0; k < sy->nextra; k++) {
		size_t x = 0; /* the first of a key wins: the loaded article has it once */
		while (x < k && strcmp(sy->extra[2 * x], sy->extra[2 * k]) != 0) x++;
		if (x == k) kv[a.nextra++] = (struct meta_kv){sy->extra[2 * k], sy->extra[2 * k + 1]};
	}
	a.extra = kv;
	a.date = sy->date;
	a.flags = sy->flags;
	struct mx_span sp[6], lists[120], ex[8];
	for (int i = 0; i < 6; i++) sp[i] = (struct mx_span){sy->f[i], sy->f[i] ? strlen(sy->f[i]) : 0};
	size_t nl = 0;
	for (int i = 0; i < 3; i++)
		for (size_t k = 0; k < sy->nlist[i]; k++)
			lists[nl++] = (struct mx_span){sy->list[i][k], strlen(sy->list[i][k])};
	for (size_t k = 0; k < 2 * sy->nextra; k++)
		ex[k] = (struct mx_span){sy->extra[k], sy->extra[k] ? strlen(sy->extra[k]) : 0};
	const struct metaindex_line ln = {sp[0], sp[1], sp[2], sp[3], sp[4], sp[5], lists,
					  sy->nlist[0], sy->nlist[1], sy->nlist[2], ex, sy->nextra,
					  sy->date, sy->flags};
	const struct cli_ctx cx = {0};
	struct json ja, jb;
	json_init(&ja, want, true);
	json_init(&jb, got, true);
	json_begin_array(&ja);
	json_begin_array(&jb);
	/* twice, so the second carries the comma, then a last item */
	for (int r = 0; r < 2; r++) {
		size_t before = got->len;
		cli_list_article(&cx, &a, &ja, NULL);
		*fast = cli_json_line(&jb, &ln);
		if (!*fast) {
			assert_int_equal(got->len, before); /* untouched */
			cli_list_article(&cx, &a, &jb, NULL);
		}
	}
	json_string(&ja, "end");
	json_string(&jb, "end");
	json_end_array(&ja);
	json_end_array(&jb);
	a.extra = NULL;
}

static bool all_plain(const struct synth *sy)
{
	bool p = true;
	for (int i = 0; i < 6; i++)
		if (sy->f[i]) p = p && json_plain_span(sy->f[i], strlen(sy->f[i])) == strlen(sy->f[i]);
	for (int i = 0; i < 3; i++)
		for (size_t k = 0; k < sy->nlist[i]; k++)
			p = p && json_plain_span(sy->list[i][k], strlen(sy->list[i][k])) == strlen(sy->list[i][k]);
	for (size_t k = 0; k < 2 * sy->nextra; k++)
		if (sy->extra[k]) p = p && json_plain_span(sy->extra[k], strlen(sy->extra[k])) == strlen(sy->extra[k]);
	return p;
}

/* Each hostile piece, and each single byte 1..255, at the start, middle
 * and end of each string of an article (short strings and long, past
 * the eight-byte words), in turn: the object from spans (plain strings
 * copied, the others escaped) equals json_article's byte for byte. */
static void test_json_line_bytes(void **st)
{
	(void)st;
	char bytes[255][2];
	const char *pieces[ARRAY_LEN(nasty) + 255];
	size_t np = 0;
	for (size_t i = 0; i < ARRAY_LEN(nasty); i++) pieces[np++] = nasty[i];
	for (int b = 1; b < 256; b++) {
		bytes[b - 1][0] = (char)b;
		bytes[b - 1][1] = '\0';
		pieces[np++] = bytes[b - 1];
	}
	const char *bases[] = {"", "ab", "plain words", "a longer plain title, past twenty-four bytes"};
	size_t plain = 0, escaped = 0;
	/* which string gets the piece: 0-5 the fields, 6-8 a list item, 9-12
	 * an extra key or value (12: the duplicate key's value, not written) */
	for (int where = 0; where < 13; where++)
		for (size_t bi = 0; bi < ARRAY_LEN(bases); bi++)
			for (size_t pi = 0; pi < np; pi++)
				for (int pos = 0; pos < 3; pos++) {
					const char *base = bases[bi];
					size_t bl = strlen(base), cut = pos == 0 ? 0 : pos == 1 ? bl / 2 : bl;
					char mixed[128];
					snprintf(mixed, sizeof mixed, "%.*s%s%s", (int)cut, base, pieces[pi], base + cut);
					struct synth sy = {
						.f = {"f/id-1", "Title", "Wire", NULL, "A summary of it", "en"},
						.list = {{"Ann"}, {"alpha", "beta/gamma"}, {}},
						.nlist = {1, 2, 0},
						.extra = {"mood", "grim", "rating", NULL, "mood", "calm"},
						.nextra = 3,
						/* none, a year, a month, a day */
						.date = (int[]){0, 20240000, 20240300, 20240304, 19991231}[pi % 5],
						/* the date's source: none, the name, the URL, both (a
						 * damaged record), other flags; with a date of 0 too */
						.flags = (uint8_t[]){0, ART_DATE_FROM_NAME, ART_DATE_FROM_URL,
								     ART_DATE_FROM_NAME | ART_DATE_FROM_URL,
								     ART_EMPTY | ART_META_ERROR, ART_DATE_FROM_URL}[pi % 6],
					};
					if (where < 6) sy.f[where] = mixed;
					else if (where < 9) sy.list[where - 6][sy.nlist[where - 6]++] = mixed;
					else sy.extra[where == 12 ? 5 : where - 9] = mixed;
					struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
					bool f;
					synth_json(&sy, &want, &got, &f);
					assert_string_equal(strbuf_str(&got), strbuf_str(&want));
					assert_true(f); /* no NUL: always from the spans */
					plain += all_plain(&sy);
					escaped += !all_plain(&sy);
					strbuf_free(&want);
					strbuf_free(&got);
				}
	assert_true(plain > 1000 && escaped > 1000);
}

/* Long titles, many tags, many extras, empty strings and lists, after
 * output of every length (the room reserved at every place of the
 * buffer's growth): the same bytes as json_article. */
static void test_json_line_sizes(void **st)
{
	(void)st;
	static char big[3][5000];
	static char tags[40][64];
	for (int t = 0; t < 40; t++) snprintf(tags[t], sizeof tags[t], "topic/%0*d", t % 50, t);
	for (size_t len = 0; len < 4000; len += len < 40 ? 1 : 97) {
		for (int i = 0; i < 3; i++) {
			for (size_t k = 0; k < len; k++) big[i][k] = (char)(' ' + (k * 7 + (size_t)i) % 95);
			big[i][len] = '\0';
			/* the quote and backslash in the printable range: out */
			for (size_t k = 0; k < len; k++)
				if (big[i][k] == '"' || big[i][k] == '\\') big[i][k] = '_';
		}
		struct synth sy = {
			.f = {big[0], big[1], len % 2 ? big[2] : NULL, "", big[2], len % 3 ? "" : NULL},
			.nlist = {len % 4, (len % 41), len % 2 ? 0 : 40},
			.extra = {"k1", big[1], "", "", "k1", "x", "k2", big[0]},
			.nextra = len % 5,
			.date = len % 7 ? 19990101 + (int)len % 28 : 0,
			.flags = len % 3 ? ART_DATE_FROM_NAME : ART_DATE_FROM_URL,
		};
		for (int i = 0; i < 3; i++)
			for (size_t k = 0; k < sy.nlist[i]; k++) sy.list[i][k] = i == 0 ? big[2] : tags[k];
		for (size_t pre = 0; pre < 3; pre++) {
			struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
			for (size_t k = 0; k < pre * 1000 + len; k++) strbuf_addc(&want, 'x'), strbuf_addc(&got, 'x');
			bool f;
			synth_json(&sy, &want, &got, &f);
			assert_true(f);
			assert_string_equal(strbuf_str(&got), strbuf_str(&want));
			strbuf_free(&want);
			strbuf_free(&got);
		}
	}
}

/* A NUL inside a span (a record metaindex_read would refuse), plain or
 * escaped, printed or a duplicate extra, is never written from spans,
 * nor is an object where j is not at a pretty array's first level. */
static void test_json_line_refuses(void **st)
{
	(void)st;
	const char title[] = "Ti\0tle", curly[] = "\xe2\x80\x9cTi\0tle\xe2\x80\x9d";
	const struct mx_span none = {NULL, 0}, t = {title, sizeof title - 1}, id = {"a", 1};
	struct mx_span ex[4] = {{"k", 1}, {"v", 1}, {"k", 1}, {title, sizeof title - 1}};
	struct metaindex_line ln = {id, t, none, none, none, none, NULL, 0, 0, 0, NULL, 0, 0, 0};
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, true);
	json_begin_array(&j);
	assert_false(cli_json_line(&j, &ln));
	ln.title = (struct mx_span){curly, sizeof curly - 1};
	assert_false(cli_json_line(&j, &ln));
	ln.title = (struct mx_span){"Title", 5};
	ln.extra = ex;
	ln.nextra = 2;
	assert_false(cli_json_line(&j, &ln)); /* the second k: not written, NUL and all */
	assert_int_equal(sb.len, 1); /* "[" alone */
	ln.nextra = 0;
	ln.title = (struct mx_span){"Title", 5};
	json_begin_array(&j); /* two levels in */
	assert_false(cli_json_line(&j, &ln));
	json_end_array(&j);
	assert_true(cli_json_line(&j, &ln));
	json_end_array(&j);
	assert_string_equal(strbuf_str(&sb), "[\n  [],\n  {\n    \"id\": \"a\",\n    \"title\": \"Title\",\n"
					     "    \"date\": null,\n    \"date_from\": null,\n    \"source\": null,\n    \"url\": null,\n"
					     "    \"authors\": [],\n    \"tags\": [],\n    \"derived_tags\": [],\n"
					     "    \"summary\": null,\n    \"lang\": null,\n    \"extra\": {}\n  }\n]\n");
	strbuf_free(&sb);
	struct json flat;
	json_init(&flat, &sb, false);
	json_begin_array(&flat);
	assert_false(cli_json_line(&flat, &ln));
	strbuf_free(&sb);
}

#define WRITE(rel, lit) testfiles_write(root, rel, lit, sizeof(lit) - 1)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-ll.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	/* plain ASCII: the line from spans */
	for (int i = 0; i < 40; i++) {
		char rel[32], text[256];
		snprintf(rel, sizeof rel, "p/n%02d.md", i);
		int n = snprintf(text, sizeof text,
				 "---\ntitle: Plain title number %d, %s and long enough to span words\n"
				 "%s%s\ntags: [%s]\n---\nBody.\n",
				 i, i % 2 ? "\"quoted\"" : "not quoted", i % 5 ? "date: 2024-03-0" : "", i % 5 ? "4\nsource: Wire" : "",
				 i % 3 == 0 ? "" : i % 3 == 1 ? "alpha, beta/gamma" : "solo");
		testfiles_write(root, rel, text, (size_t)n);
	}
	/* hostile or non-ASCII in each printed field in turn: the record whole */
	WRITE("h/a.md", "---\ntitle: \xe2\x80\x9c" "Alpha\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\n"
			"date: 2024-05-01\ntags: [grid]\nsource: Wire\n---\nA.\n");
	WRITE("h/b.md", "---\ntitle: Beta\ntags: [energy, \xe5\x8c\x97\xe4\xba\xac]\nsource: Wire\n---\nB.\n");
	WRITE("h/c.md", "---\ntitle: Gamma\nsource: \xe6\x9d\xb1\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\n---\nC.\n");
	WRITE("h/d.md", "---\ntitle: \"ctl \\u0001 del \\u007f sep \\u2028 bidi \\u202Eevil\\u202C\\tTab\"\n"
			"source: Wire\n---\nD.\n");
	WRITE("h/e.md", "---\ntitle: Emoji \xf0\x9f\x93\xb0 e\xcc\x81\nauthor: [Zo\xc3\xab]\nsummary: \"S \\u2028\"\n"
			"mood: grim\n---\nE.\n");
	WRITE("h/f\xc3\xa9.md", "---\ntitle: Accented file name\nsource: Wire\n---\nF.\n");
	/* plain everywhere, with other front-matter keys: both from spans */
	WRITE("h/k.md", "---\ntitle: Keys\nsource: Wire\nauthor: [Ann, Bo]\nurl: https://example.org/k\n"
			"summary: Short.\nlang: en\nmood: grim\nrating: five\nMood: calm\n---\nK.\n");
	/* a quote and a backslash: a TSV line as it is, JSON escaped (whole) */
	WRITE("h/q.md", "---\ntitle: 'Say \"hi\" back\\slash'\nsource: Wire\n---\nQ.\n");
	/* ASCII in the printed fields, hostile in the others: the line from spans */
	WRITE("h/g.md", "---\ntitle: Plain\nsummary: \"\\u202E\\u0001 x\"\nauthor: [\"\\u674e\"]\n"
			"url: https://example.org/\xc3\xa9\nrating: \"5\\u2028 stars\"\n---\nG.\n");
	struct timespec ts[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
	const char *dirs[] = {"", "/p", "/h"};
	for (int i = 0; i < 3; i++) {
		char p[256];
		snprintf(p, sizeof p, "%s%s", root, dirs[i]);
		assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	}
	struct dossier d;
	const struct dossier_open_opts o = {.use_cache = true, .check_every = 3600};
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	dossier_close(&d);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static struct metaindex *open_mx(void)
{
	return testfiles_open_index(root, 3600);
}

/* Every article read ahead and its line (and JSON object) built from
 * spans equals the line of the record read whole (cli_list_article),
 * under both output policies; plain records take the span path, the
 * others decline it. */
static void test_line_same(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	size_t n = metaindex_count(mx), *art = xcalloc(n, sizeof *art), spans = 0, whole = 0, jspans = 0;
	assert_int_equal(n, 49);
	for (size_t i = 0; i < n; i++) art[i] = i;
	struct metaindex_rec ahead = {0}, one = {0};
	struct metaindex_line ln;
	for (int raw = 0; raw < 2; raw++) {
		struct cli_ctx cx = {0};
		cx.raw_text = raw;
		for (size_t k = 0; k < n; k++) {
			metaindex_prefetch(mx, &ahead, art + k, n - k);
			assert_true(metaindex_read_line(mx, art[k], &ahead, &ln));
			assert_true(metaindex_read(mx, art[k], &one));
			/* read again whole from the same run (a declined line) */
			struct metaindex_rec again = {0};
			struct metaindex_line ln2;
			metaindex_prefetch(mx, &again, art + k, n - k);
			assert_true(metaindex_read_line(mx, art[k], &again, &ln2));
			assert_true(metaindex_read(mx, art[k], &again));
			assert_string_equal(again.view.id, one.view.id);
			assert_string_equal(again.view.title, one.view.title);
			metaindex_rec_free(&again);
			struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
			cli_list_article(&cx, &one.view, NULL, &want);
			if (cli_list_line(&ln, &got)) {
				assert_string_equal(strbuf_str(&got), strbuf_str(&want));
				spans++;
			} else {
				assert_int_equal(got.len, 0); /* untouched */
				whole++;
			}
			strbuf_free(&want);
			strbuf_free(&got);
			/* and its JSON object, after another (the comma) */
			struct strbuf jw = STRBUF_INIT, jg = STRBUF_INIT;
			struct json a, b;
			json_init(&a, &jw, true);
			json_init(&b, &jg, true);
			json_begin_array(&a);
			json_begin_array(&b);
			json_string(&a, "x");
			json_string(&b, "x");
			cli_list_article(&cx, &one.view, &a, NULL);
			if (cli_json_line(&b, &ln)) {
				json_end_array(&a);
				json_end_array(&b);
				assert_string_equal(strbuf_str(&jg), strbuf_str(&jw));
				jspans++;
			} else {
				assert_string_equal(strbuf_str(&jg), "[\n  \"x\""); /* untouched */
			}
			strbuf_free(&jw);
			strbuf_free(&jg);
		}
	}
	assert_int_equal(spans, 2 * 43); /* the 40 plain, h/g.md, h/k.md, h/q.md */
	assert_int_equal(whole, 2 * 6);
	assert_int_equal(jspans, 2 * 49); /* every one: no NUL in any */
	metaindex_rec_free(&ahead);
	metaindex_rec_free(&one);
	metaindex_close(mx);
	free(art);
}

/* A byte flipped inside one record of a run read ahead: that record is
 * refused by both readers (its checksum, checked with the run's), the
 * others in the run still read. */
static void test_line_damaged(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	size_t n = metaindex_count(mx), *art = xcalloc(n, sizeof *art), bad = 20;
	for (size_t i = 0; i < n; i++) art[i] = i;
	testfiles_flip_record(root, mx, bad, 0x01);
	mx = open_mx(); /* the index's tail is intact: it opens */
	assert_non_null(mx);
	struct metaindex_rec rec = {0};
	struct metaindex_line ln;
	size_t ahead = 0;
	for (size_t k = 0; k < n; k++) {
		ahead += metaindex_prefetch(mx, &rec, art + k, n - k);
		assert_int_equal(metaindex_read_line(mx, art[k], &rec, &ln), k != bad);
		/* and whole, again from the run: still refused */
		assert_int_equal(metaindex_read(mx, art[k], &rec), k != bad);
	}
	assert_true(ahead >= bad + 1); /* the damaged one was in a run read ahead */
	metaindex_rec_free(&rec);
	for (size_t k = 0; k < n; k++) {
		metaindex_prefetch(mx, &rec, art + k, n - k);
		assert_int_equal(metaindex_read(mx, art[k], &rec), k != bad);
	}
	metaindex_rec_free(&rec);
	/* backwards, as a sorted listing goes, with the file mapped
	 * (metaindex_rec_map): the same titles as a pread each gives, and
	 * the damaged record still refused */
	struct metaindex_rec mapped = {0}, plain = {0};
	assert_true(metaindex_rec_map(mx, &mapped));
	for (size_t k = n; k-- > 0;) {
		assert_int_equal(metaindex_read(mx, k, &mapped), k != bad);
		assert_int_equal(metaindex_read_line(mx, k, &mapped, &ln), k != bad);
		if (k == bad) continue;
		assert_true(metaindex_read(mx, k, &plain));
		assert_true(metaindex_read(mx, k, &mapped));
		assert_string_equal(mapped.view.title, plain.view.title);
		assert_string_equal(mapped.view.id, plain.view.id);
	}
	metaindex_rec_free(&mapped);
	metaindex_rec_free(&plain);
	metaindex_close(mx);
	free(art);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_many),
		cmocka_unit_test(test_printable_span),
		cmocka_unit_test(test_word_unplain),
		cmocka_unit_test(test_json_line_bytes),
		cmocka_unit_test(test_json_line_sizes),
		cmocka_unit_test(test_json_line_refuses),
		cmocka_unit_test_setup_teardown(test_line_same, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_damaged, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
