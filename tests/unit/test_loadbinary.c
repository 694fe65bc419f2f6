/* SPDX-License-Identifier: MIT
 * The loader's binary check (article_load.c), whose plain text is now
 * passed 16 bytes at a time, against a byte-at-a-time reference written
 * here: files of text with control bytes, invalid bytes, tabs, form
 * feeds, accents, CJK and emoji at every offset around the 16-byte steps,
 * near the one-in-ten threshold and past the 8 KiB the check reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/diag.h"
#include "core/base/strbuf.h"
#include "core/meta/article.h"
#include "core/meta/article_load.h"
#include "core/meta/fieldmap.h"
#include "core/text/utf8.h"
#include "testfiles.h"

/* The rule, a character at a time: binary when a NUL is in the first
 * 8 KiB, or more than one in ten of its bytes start a control character
 * (not tab, newline, form feed, carriage return) or are invalid UTF-8
 * with at least four bytes left. */
static bool ref_binary(const char *p, size_t n)
{
	if (n > 8192) n = 8192;
	size_t bad = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] == '\0') return true;
		int32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if ((cp == UTF8_REPLACEMENT && k == 1 && n - i >= 4) ||
		    (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f'))
			bad++;
		i += k;
	}
	return n > 0 && bad * 10 > n;
}

static uint64_t rng = 0x853C49E6748FEA9Bull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const good[] = {
	"harbour ", "the council", ". ", "\n", "\t", "\f", "\r\n", "caf\xC3\xA9 ", "\xE2\x80\x9Cquoted\xE2\x80\x9D",
	"\xE2\x80\x94", "\xE6\x9D\xB1\xE4\xBA\xAC", "\xF0\x9F\x91\x8D", "e\xCC\x81", "~", "\x7F",
};
static const char *const bad[] = {
	"\x01", "\x1B", "\x08", "\x1F", "\x0B", "\x80", "\xFF", "\xC3", "\xE2\x80", "\xED\xA0\x80", "\xC0\xAF",
};

static void test_binary_check_equals_reference(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/dossier-loadbin.XXXXXX", root[256];
	testfiles_collection_dir(tmpl, root, sizeof root);
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	struct strbuf t = STRBUF_INIT;
	size_t nbin = 0, ntext = 0;
	for (int r = 0; r < 1500; r++) {
		strbuf_reset(&t);
		size_t n = r < 300 ? (size_t)r / 4 : r % 3 == 0 ? 9000 + rnd(400) : 40 + rnd(700);
		/* bad pieces near one in ten of the bytes, so both answers come up */
		unsigned pct = 15 + rnd(45);
		strbuf_adds(&t, "Title line\n");
		while (t.len < n) strbuf_adds(&t, rnd(100) < pct ? bad[rnd(11)] : good[rnd(15)]);
		if (r % 50 == 7) t.buf[rnd((unsigned)t.len)] = '\0';
		struct article a;
		struct diag_list dl = DIAG_LIST_INIT;
		const char *body;
		size_t blen;
		char *buf = NULL;
		testfiles_replace(root, "a.txt", t.buf, t.len);
		article_load_file(&a, root, "a.txt", &fm, &dl, &body, &blen, &buf);
		bool want = ref_binary(t.buf, t.len), got = (a.flags & ART_BINARY) != 0;
		if (want != got) fail_msg("binary %d, reference %d, on %zu bytes", got, want, t.len);
		want ? nbin++ : ntext++;
		article_free(&a);
		free(buf);
		diag_list_free(&dl);
	}
	if (nbin < 100 || ntext < 100) fail_msg("%zu binary, %zu text: not both", nbin, ntext);
	/* one control byte at every offset around the 16-byte steps */
	for (size_t at = 0; at < 40; at++) {
		strbuf_reset(&t);
		for (size_t i = 0; i < 40; i++) strbuf_addc(&t, i == at ? '\x02' : 'a');
		struct article a;
		struct diag_list dl = DIAG_LIST_INIT;
		const char *body;
		size_t blen;
		char *buf = NULL;
		testfiles_replace(root, "b.txt", t.buf, 10); /* 1 in 10 is not binary */
		article_load_file(&a, root, "b.txt", &fm, &dl, &body, &blen, &buf);
		assert_int_equal((a.flags & ART_BINARY) != 0, ref_binary(t.buf, 10));
		article_free(&a);
		free(buf);
		diag_list_free(&dl);
		t.buf[(at + 5) % 40] = '\x03'; /* two in 40: not binary either way; 5 in 40 is */
		for (size_t k = 0; k < 3; k++) t.buf[(at + 11 + 7 * k) % 40] = '\x1B';
		testfiles_replace(root, "b.txt", t.buf, 40);
		dl = (struct diag_list)DIAG_LIST_INIT;
		buf = NULL;
		article_load_file(&a, root, "b.txt", &fm, &dl, &body, &blen, &buf);
		assert_int_equal((a.flags & ART_BINARY) != 0, ref_binary(t.buf, 40));
		article_free(&a);
		free(buf);
		diag_list_free(&dl);
	}
	strbuf_free(&t);
	fieldmap_free(&fm);
	testfiles_remove(tmpl);
}

/* article_load_join, now one block of the joined size: a slash only
 * between two parts, never doubled, none after an empty first part. */
static void test_join(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		{"", "a.md", "a.md"},        {"root", "a.md", "root/a.md"}, {"root/", "a.md", "root/a.md"},
		{"/", "a.md", "/a.md"},      {"r", "", "r/"},               {"", "", ""},
		{"caf\xC3\xA9/x", "\xE6\x9D\xB1.md", "caf\xC3\xA9/x/\xE6\x9D\xB1.md"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *j = article_load_join(cases[i][0], cases[i][1]);
		assert_string_equal(j, cases[i][2]);
		free(j);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_binary_check_equals_reference),
		cmocka_unit_test(test_join),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
